// Starts the playground without an inline script, so the Content-Security-Policy can forbid inline scripts.
// Trunk writes the hashed file names into this tag's data attributes (Trunk.toml, pattern_script).
const tag = document.getElementById('dockwise-boot');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
