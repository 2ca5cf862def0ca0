// The first paint: index.html's static shell shows the example the app opens with (on a first visit only) until
// the wasm app mounts, and the app's first render already holds the review. So the largest paint happens before
// the app exists and nothing moves when it arrives (Lighthouse mobile: LCP and CLS; numbers in lighthouse.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, dist, root, waitForReview } from './harness.mjs';

const PHONE = { width: 412, height: 823 };
const EXAMPLE = fs.readFileSync(path.join(root, 'web/examples/flask-naive.Dockerfile'), 'utf8');
let server;

before(async () => {
  server = await serve();
});

after(async () => {
  await server?.close();
});

/** A fresh browser (nothing stored) and a phone-sized page; `wasm`: 'block' keeps the app from mounting,
 *  a number delays the wasm by that many ms. */
async function freshPage({ wasm } = {}) {
  const browser = await launch();
  const page = await browser.context.newPage();
  await page.setViewportSize(PHONE);
  if (wasm === 'block') await page.route('**/*.wasm', (route) => route.abort());
  else if (wasm) await page.route('**/*.wasm', async (route) => { await new Promise((r) => setTimeout(r, wasm)); await route.continue(); });
  return { browser, page };
}

test('the shell\'s example is the first example, and the app opens on it', async () => {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const pre = html.match(/<section class="editor shell-example"><pre class="layer">([\s\S]*?)<\/pre>/);
  assert.ok(pre, 'dist/index.html has the shell example');
  const text = pre[1].replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  assert.equal(text, `${EXAMPLE}# Loading the reviewer…`);
  const { browser, page } = await freshPage();
  try {
    await page.goto(server.url);
    await waitForReview(page);
    assert.equal(await page.inputValue('#source'), EXAMPLE);
    assert.equal(await page.$('#shell'), null, 'the app removed the shell');
  } finally {
    await browser.close();
  }
});

test('before the app mounts, the example shows on a first visit only', async () => {
  const { browser, page } = await freshPage({ wasm: 'block' });
  const shown = async () => page.evaluate(() => ({
    example: getComputedStyle(document.querySelector('.shell-example')).display !== 'none',
    note: getComputedStyle(document.querySelector('.shell-note')).display !== 'none',
  }));
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-first-visit'));
    assert.deepEqual(await shown(), { example: true, note: false }, 'first visit: the example');
    for (const url of [`${server.url}/#rule=DW1001`, `${server.url}/?embed=1`]) {
      await page.goto('about:blank');
      await page.goto(url);
      await page.waitForSelector('#shell');
      await page.waitForTimeout(200);
      assert.deepEqual(await shown(), { example: false, note: true }, `${url}: the loading note, not the example`);
    }
    await page.goto(server.url);
    await page.evaluate(() => localStorage.setItem('dockwise.source', 'FROM scratch\n'));
    await page.reload();
    await page.waitForSelector('#shell');
    await page.waitForTimeout(200);
    assert.deepEqual(await shown(), { example: false, note: true }, 'a kept draft: the note, never the example over it');
  } finally {
    await browser.close();
  }
});

test('on a phone, the largest paint is the shell\'s and nothing shifts when the app arrives', async () => {
  // The wasm arrives 1.5 s late (a slow network), so the shell has painted long before the app mounts.
  const { browser, page } = await freshPage({ wasm: 1500 });
  await page.addInitScript(() => {
    window.__shifts = 0;
    window.__lcp = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp.push(e.startTime); })
      .observe({ type: 'largest-contentful-paint', buffered: true });
    new MutationObserver(() => {
      const shell = document.getElementById('shell');
      if (shell) window.__sawShell = true;
      else if (window.__sawShell && window.__mounted === undefined) window.__mounted = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  try {
    await page.goto(server.url);
    await waitForReview(page);
    await page.waitForTimeout(1000);
    const { shifts, lcp, mounted, findings } = await page.evaluate(() => ({
      shifts: window.__shifts, lcp: window.__lcp, mounted: window.__mounted,
      findings: document.querySelectorAll('#findings li[data-rule]').length,
    }));
    assert.ok(findings > 0, 'the review is on screen');
    assert.ok(mounted > 1500, `the app mounted after the delayed wasm (${mounted} ms)`);
    assert.ok(shifts < 0.01, `layout shift while loading: ${shifts}`);
    assert.ok(lcp.length > 0 && lcp.every((t) => t < mounted), `every largest-paint entry (${lcp.map(Math.round)} ms) precedes the app (${Math.round(mounted)} ms)`);
  } finally {
    await browser.close();
  }
});
