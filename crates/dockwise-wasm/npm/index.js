// The Dockwise JavaScript API: `await init()` once, then `review`, `fix` and `rules` (synchronous).
// Values are plain objects parsed from the engine's JSON (the same shape as `dockwise check --format json`);
// types in dockwise.d.ts. In Node, `import 'dockwise'` resolves to node.js, which loads the wasm from disk.
import wasmInit, { initSync as wasmInitSync, reviewJson, fixJson, rulesJson } from './dockwise_wasm.js';

let loading = null;
let loaded = false;
let rulesCache = null;

/**
 * Load the WebAssembly engine (once; later calls return the same promise). `input` is optional: a URL, a
 * Response, bytes or a compiled `WebAssembly.Module`; by default the .wasm file next to this module is fetched.
 */
export function init(input) {
  if (!loading) {
    loading = wasmInit({ module_or_path: input }).then(
      () => {
        loaded = true;
      },
      (e) => {
        loading = null;
        throw wrap(e, 'could not load the Dockwise WebAssembly module');
      },
    );
  }
  return loading;
}

/** Load the engine synchronously from bytes or a compiled `WebAssembly.Module` (workers, Node, tests). */
export function initSync(module) {
  if (!loaded) {
    try {
      wasmInitSync({ module });
    } catch (e) {
      throw wrap(e, 'could not load the Dockwise WebAssembly module');
    }
    loaded = true;
    loading = Promise.resolve();
  }
}

/** Review a Dockerfile: findings (byte and UTF-16 offsets), syntax errors, the rewrite and its changes. */
export function review(source, options = {}) {
  const { unsafe, ...config } = checked(source, options);
  if (unsafe !== undefined) config.unsafe_fixes = Boolean(unsafe);
  return call(() => reviewJson(source, JSON.stringify(config)));
}

/** Apply the fixes (`unsafe: true` applies unsafe ones too): `{ text, changes, converged }`. */
export function fix(source, options = {}) {
  const { unsafe, ...config } = checked(source, options);
  const includeUnsafe = Boolean(unsafe ?? config.unsafe_fixes);
  return call(() => fixJson(source, JSON.stringify(config), includeUnsafe));
}

/** Every rule with its docs (the same list as `dockwise rules`). */
export function rules() {
  if (!rulesCache) rulesCache = call(() => rulesJson());
  return structuredClone(rulesCache);
}

function checked(source, options) {
  if (typeof source !== 'string') {
    throw new TypeError(`dockwise: the Dockerfile must be a string, not ${source === null ? 'null' : typeof source}`);
  }
  if (options === null || options === undefined) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('dockwise: options must be an object such as { disable: ["DL3008"] }');
  }
  return { ...options };
}

function call(body) {
  if (!loaded) throw new Error('dockwise: call `await init()` before review, fix or rules');
  let json;
  try {
    json = body();
  } catch (e) {
    throw wrap(e);
  }
  return JSON.parse(json);
}

function wrap(e, context) {
  const detail = e instanceof Error ? e.message : String(e);
  const error = new Error(`dockwise: ${context ? `${context}: ` : ''}${detail}`, { cause: e });
  return error;
}
