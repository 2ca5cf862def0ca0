// The playground's review worker (web/src/worker.rs): loads the SAME wasm-bindgen glue and .wasm as the page (the
// page sends their URLs first, so the browser's cache serves them) and answers {id, source, settings, exercise}
// with the Review (and, in exercise mode, the grade of the same text) as JSON, in two messages: the findings
// ({early: true}), then the whole review. The wasm's main() sees no window
// here and renders nothing.
let engine = null;
self.onmessage = async (event) => {
  const message = event.data;
  if (message.js) {
    engine = (async () => {
      const glue = await import(new URL(message.js, self.location.href));
      await glue.default({ module_or_path: new URL(message.wasm, self.location.href) });
      return glue;
    })();
    engine.then(() => self.postMessage({ ready: true }), (error) => self.postMessage({ error: String(error) }));
    return;
  }
  const glue = await engine;
  const start = performance.now();
  // The findings (and the grade) first, as soon as they are known; then the whole review with its rewrite.
  const early = (json) => self.postMessage({ id: message.id, json, early: true, ms: performance.now() - start });
  const json = glue.review_for_worker(message.source, message.settings, message.exercise || "", early);
  self.postMessage({ id: message.id, json, ms: performance.now() - start });
};
