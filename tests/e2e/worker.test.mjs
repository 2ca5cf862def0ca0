// The review runs in a Web Worker (web/worker.js + web/src/worker.rs) that loads the page's own glue and wasm:
// the same URLs, no second binary; typing into a 1,000-line Dockerfile keeps the main thread responsive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPlayground, setSource, waitForReview, rules } from './harness.mjs';

let server, browser, page;

before(async () => {
  server = await serve();
  browser = await launch();
  page = await openPlayground(browser, server.url);
  // The first review runs on the main thread while the worker starts; wait until the worker is ready.
  await page.waitForFunction(() => window.__dockwiseWorkerReady === true, null, { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function dockerfile(lines) {
  const body = ['RUN apt-get update && apt-get install -y curl', 'RUN pip install flask', 'COPY . /app',
    'RUN cd /tmp && echo "$HOME"', 'WORKDIR /app', 'EXPOSE 8000'];
  const out = ['FROM python:latest'];
  for (let i = 0; out.length < lines - 1; i++) out.push(body[i % body.length]);
  out.push('CMD gunicorn app:app');
  return out.join('\n') + '\n';
}

test('reviews in the worker, with the same findings and fixes as the main thread would show', async () => {
  await setSource(page, 'FROM node:latest\nRUN npm install\n');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.reviewEngine), 'worker');
  assert.ok((await rules(page)).includes('DW2007'));
  // The rewrite and a fix's edits came back through JSON: the fix applies in the editor.
  await setSource(page, 'FROM python:3.12\nRUN pip install flask\n');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.reviewEngine), 'worker');
  assert.match(await page.textContent('#rewritten'), /--no-cache-dir/);
  await page.click('#findings li[data-rule="DW2042"] button.apply.safe');
  await waitForReview(page);
  assert.match(await page.inputValue('#source'), /pip install --no-cache-dir flask|pip install flask --no-cache-dir/);
  assert.ok(!(await rules(page)).includes('DW2042'));
});

test('the worker loads the page\'s own glue and wasm, no other binary', async () => {
  const wasm = [...new Set(page.requests.filter((u) => u.endsWith('.wasm')))];
  assert.equal(wasm.length, 1, `one wasm URL for page and worker: ${wasm}`);
  assert.ok(page.requests.some((u) => u.endsWith('/worker.js')), 'worker.js was loaded');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.consoleErrors, []);
});

test('typing into a 1,000-line Dockerfile keeps the main thread responsive', async () => {
  const text = dockerfile(1000);
  await setSource(page, text);
  // Count animation frames and the longest gap between them while five keystrokes are reviewed.
  const result = await page.evaluate(async (base) => {
    let longest = 0, frames = 0, last = performance.now(), running = true;
    const loop = (t) => { longest = Math.max(longest, t - last); last = t; frames++; if (running) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
    const area = document.querySelector('#source');
    for (let k = 1; k <= 5; k++) {
      area.value = base + '#'.repeat(k);
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      const want = area.value;
      while (window.__dockwiseReviewed !== want) await new Promise((r) => setTimeout(r, 5));
    }
    running = false;
    return { longest, frames, engine: document.documentElement.dataset.reviewEngine, review: window.__dockwiseLastReviewMs, main: window.__dockwiseMainThreadMs };
  }, text);
  await waitForReview(page);
  assert.equal(result.engine, 'worker');
  // The review itself (tens of ms for 1,000 lines) happened in the worker; the main thread only read its JSON.
  assert.ok(result.main < result.review, `main thread ${result.main} ms < worker ${result.review} ms`);
  assert.ok(result.frames > 5, `frames kept coming: ${JSON.stringify(result)}`);
});
