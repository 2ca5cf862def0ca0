// Starts the playground without an inline script, so the Content-Security-Policy can forbid inline scripts.
// Trunk writes the hashed file names into this tag's data attributes (Trunk.toml, pattern_script).
// A first visit (no kept draft, no link fragment, no query such as ?embed) opens on the first example: the static
// shell in index.html shows it until the app mounts. The key is web/src/components/app.rs's SOURCE_KEY.
let kept = null;
try {
  kept = localStorage.getItem('dockwise.source');
} catch {
  kept = 'unknown'; // storage blocked: the app may not open on the example either way
}
if (!kept && !location.hash && !location.search) document.documentElement.dataset.firstVisit = '';
const tag = document.getElementById('dockwise-boot');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
