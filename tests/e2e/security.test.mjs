// Hostile input, the Content-Security-Policy, and the page's requests (only its own files).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPlayground, setSource, waitForReview, rules } from './harness.mjs';

let server, browser, page;

before(async () => {
  server = await serve();
  browser = await launch();
  page = await openPlayground(browser, server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('hostile input is rendered as text, never as HTML', async () => {
  const hostile = 'FROM alpine\nRUN echo "<img src=x onerror=window.__pwned=1>" <script>window.__pwned=1</script>\n'
    + 'LABEL x="\\"><img src=y onerror=window.__pwned=2>"\n';
  await setSource(page, hostile);
  assert.ok((await page.textContent('#rewritten')).includes('<script>'));
  assert.ok((await page.textContent('.layer')).includes('<img src=x'));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('main img, main script', (n) => n.length), 0);
});

test('binary input does not break the page', async () => {
  let binary = '';
  for (let i = 0; i < 2000; i++) binary += String.fromCharCode((i * 7919) % 0xd7ff);
  await setSource(page, binary);
  await setSource(page, 'FROM node:latest\n');
  assert.ok((await rules(page)).includes('DW2007'));
  assert.deepEqual(page.consoleErrors, []);
});

test('a 10 MB paste keeps the page responsive', async () => {
  const line = 'RUN echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n';
  const big = 'FROM alpine\n' + line.repeat(Math.ceil(10_000_000 / line.length));
  const started = Date.now();
  await page.evaluate((text) => {
    const area = document.querySelector('#source');
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, big);
  await page.waitForFunction(() => document.querySelector('.editor-status').textContent.includes('Too large'));
  const tick = await page.evaluate(() => new Promise((r) => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 0); }));
  assert.ok(tick < 1000, `the event loop answers (${tick} ms)`);
  assert.ok(Date.now() - started < 20000, 'the paste is handled in reasonable time');
  await setSource(page, 'FROM node:latest\n');
  assert.ok((await rules(page)).includes('DW2007'), 'reviews again after the big paste');
});

test('no Content-Security-Policy violation and no console error', async () => {
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline script');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.consoleErrors, []);
});

test('every request goes to the page\'s own origin', async () => {
  await page.click('#side-rewrite');
  await page.click('#download').catch(() => {});
  await page.click('#side-findings');
  await page.click('#open-settings');
  await page.keyboard.press('Escape');
  await page.click('#tab-rules');
  await page.click('#tab-review');
  await waitForReview(page);
  assert.ok(page.requests.length >= 3, `recorded ${page.requests.length} requests`);
  const foreign = page.requests.filter((u) => !u.startsWith(server.url + '/') && !u.startsWith('blob:' + server.url));
  assert.deepEqual(foreign, []);
});
