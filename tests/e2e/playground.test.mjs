// The playground end to end: it loads with an example reviewed, and typing a Dockerfile updates the review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, artifact } from './harness.mjs';

let server, browser, page;
const requests = [];

before(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url);
  await page.waitForSelector('#findings li', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('loads with the example Dockerfile already reviewed', async () => {
  const source = await page.inputValue('#source');
  assert.match(source, /^FROM python/);
  const rules = await page.$$eval('#findings li[data-rule]', (items) => items.map((li) => li.dataset.rule));
  assert.ok(rules.length > 0, 'the example has findings');
  assert.ok(rules.includes('DW1013'), `python-runtime-env should fire on the example, got ${rules}`);
  await page.screenshot({ path: artifact('playground-initial.png'), fullPage: true });
});

test('typing a Dockerfile re-reviews it and shows the rewrite', async () => {
  await page.fill('#source', 'FROM node:latest\nCMD ["node", "server.js"]\n');
  await page.waitForFunction(() => [...document.querySelectorAll('#findings li')].some((li) => li.dataset.rule === 'DW2007'));
  const messages = await page.$$eval('#findings li .message', (ps) => ps.map((p) => p.textContent));
  assert.ok(messages.some((m) => m.includes('latest')), `a message explains the latest tag: ${messages}`);
  const rewritten = await page.textContent('#rewritten');
  assert.match(rewritten, /CMD \["node", "server.js"\]/);
});

test('hostile input is rendered as text, never as HTML', async () => {
  await page.fill('#source', 'FROM alpine\nRUN echo "<img src=x onerror=window.__pwned=1>" <script>window.__pwned=1</script>\n');
  await page.waitForFunction(() => document.querySelector('#rewritten').textContent.includes('<script>'));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('#rewritten img, #rewritten script', (n) => n.length), 0);
});

test('makes no request outside its own origin', () => {
  const foreign = requests.filter((u) => !u.startsWith(server.url));
  assert.deepEqual(foreign, []);
});
