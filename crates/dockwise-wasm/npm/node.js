// Node entry point (package.json "exports" → "node"): the same API, with `init()` reading the .wasm file next to
// this module from disk (Node's fetch cannot read file: URLs).
import { readFile } from 'node:fs/promises';
import { init as initWith } from './index.js';

export { initSync, review, fix, rules } from './index.js';

export async function init(input) {
  return initWith(input ?? (await readFile(new URL('./dockwise_wasm_bg.wasm', import.meta.url))));
}
