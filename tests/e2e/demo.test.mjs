// The embedding demo page (dist/demo/, copied with the npm package into dist/dockwise/ by the Trunk.toml hook):
// the JS API form reviews as you type, the widgets render, and the iframe opens the playground (embed URL)
// with the demo's Dockerfile in the share fragment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { serve, launch, artifact } from './harness.mjs';

let server, browser, page;
const requests = [];

before(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/demo/`);
  await page.waitForSelector('#api-findings li', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the JS API section reviews the Dockerfile and re-reviews on input', async () => {
  const rules = await page.$$eval('#api-findings li', (lis) => lis.map((li) => li.dataset.rule));
  assert.ok(rules.includes('DW2007'), `node:latest is flagged: ${rules}`);
  await page.fill('#api-source', 'FROM alpine:3.20\nRUN apk add curl\n');
  await page.waitForFunction(() => [...document.querySelectorAll('#api-findings li')].every((li) => li.dataset.rule !== 'DW2007'));
  assert.match(await page.textContent('#api-rewritten'), /--no-cache/);
});

test('every widget on the page renders its review, sharing one wasm load', async () => {
  await page.waitForFunction(() => {
    const widgets = [...document.querySelectorAll('dockwise-review')];
    return widgets.length === 3 && widgets.every((w) => w.shadowRoot?.querySelector('li.finding'));
  }, null, { timeout: 20000 });
  const wasm = requests.filter((u) => u.includes('/dockwise/') && u.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `the widgets and the API share one load: ${wasm}`);
  await page.screenshot({ path: artifact('demo.png'), fullPage: true });
});

test('the iframe URL asks for embed=1&readonly=1 with the demo Dockerfile, and the playground loads in it', async () => {
  const src = await page.getAttribute('#embed', 'src');
  const url = new URL(src, `${server.url}/demo/`);
  assert.equal(url.pathname, '/');
  assert.equal(url.searchParams.get('embed'), '1');
  assert.equal(url.searchParams.get('readonly'), '1');
  const share = url.hash.replace(/^#s=/, '');
  const json = JSON.parse(zlib.inflateRawSync(Buffer.from(share, 'base64url')).toString('utf8'));
  assert.match(json.source, /^FROM python:3\.12\n/);
  const frame = page.frameLocator('#embed');
  await frame.locator('textarea').first().waitFor({ timeout: 20000 });
  assert.match(await page.textContent('#iframe-snippet'), /<iframe src="https:\/\/YOUR-DOCKWISE\/\?embed=1&readonly=1#s=/);
});

test('the demo makes no request outside its own origin', () => {
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), []);
});
