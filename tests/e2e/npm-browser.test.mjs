// The npm package in headless Chromium: the same files as in Node (target/npm/dockwise), imported by a page as an
// ES module, fetching the .wasm next to it. Served from a temporary folder on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, root } from './harness.mjs';

const packageDir = path.join(root, 'target/npm/dockwise');
let server, browser, page, site;
const requests = [];

before(async () => {
  if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
    throw new Error(`no npm package in ${packageDir}: run \`cargo xtask npm\` first`);
  }
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-npm-site-'));
  fs.cpSync(packageDir, path.join(site, 'dockwise'), { recursive: true });
  fs.writeFileSync(path.join(site, 'index.html'), `<!doctype html><meta charset="utf-8"><title>npm</title>
<script type="module">
  import { init, review, fix, rules } from './dockwise/index.js';
  window.dockwise = { init, review, fix, rules };
  window.dispatchEvent(new Event('dockwise-loaded'));
</script>`);
  server = await serve(site);
  browser = await launch();
  page = await browser.context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => window.dockwise);
  await page.evaluate(() => window.dockwise.init());
});


after(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

test('review, fix and rules work in the browser with UTF-16 offsets', async () => {
  const result = await page.evaluate(() => {
    const source = '# 🐳 café\nFROM node:latest\nCMD ["node", "server.js"]\n';
    const r = window.dockwise.review(source);
    const latest = r.findings.find((f) => f.rule === 'DW2007');
    return {
      slice: source.slice(latest.start_utf16, latest.end_utf16),
      bytesAhead: latest.start - latest.start_utf16,
      rewritten: r.rewritten,
      fixed: window.dockwise.fix(source, { unsafe: true }).text,
      rules: window.dockwise.rules().length,
    };
  });
  assert.match(result.slice, /latest/);
  assert.equal(result.bytesAhead, 3, 'the whale is 4 bytes but 2 UTF-16 units, é is 2 bytes but 1 unit');
  assert.match(result.rewritten, /CMD \["node", "server.js"\]/);
  assert.ok(!result.fixed.includes('node:latest'), 'the unsafe fix pins the tag');
  assert.ok(result.rules > 50);
});

test('errors are real Error objects in the page too', async () => {
  const message = await page.evaluate(() => {
    try {
      window.dockwise.review('FROM a\n', { nope: true });
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : `not an Error: ${e}`;
    }
  });
  assert.match(message, /dockwise: invalid options: .*nope/);
});

test('the wasm is fetched once, from the page origin only', async () => {
  await page.evaluate(() => window.dockwise.init());
  const wasm = requests.filter((u) => u.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one fetch of the wasm: ${wasm}`);
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), []);
});
