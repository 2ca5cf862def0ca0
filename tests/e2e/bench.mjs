// Benchmark (not part of the test run): `node tests/e2e/bench.mjs` after `cargo xtask build`.
// Prints the bundle's size (raw, gzip, brotli), the time from navigation to the first review on screen, and, per
// keystroke in a 100-line and a 1,000-line Dockerfile, measured in the browser: the time from the keystroke to
// its findings on screen (goal: 50 ms) and to its rewrite, the longest main-thread task meanwhile (goal: none
// over 50 ms), the review's own time (in the worker) and its main-thread share (reading the worker's answer; the
// whole review when it runs on the main thread, after a 150 ms pause in the typing).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, dist, openPlayground, waitForReview } from './harness.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let raw = 0, gz = 0, br = 0;
for (const file of fs.readdirSync(dist)) {
  if (!/\.(wasm|js|css|html)$/.test(file)) continue;
  const body = fs.readFileSync(path.join(dist, file));
  raw += body.length;
  gz += zlib.gzipSync(body, { level: 9 }).length;
  br += zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
console.log(`bundle (wasm+js+css+html): raw ${kb(raw)}, gzip ${kb(gz)}, brotli ${kb(br)}`);

function dockerfile(lines) {
  const body = [
    'RUN apt-get update && apt-get install -y curl ca-certificates',
    'RUN pip install flask gunicorn',
    'COPY requirements.txt /app/',
    'ENV PATH=/app/bin:$PATH',
    'RUN echo "$HOME" && cd /tmp && ls -la',
    'WORKDIR /app',
    'EXPOSE 8000',
    'LABEL org.opencontainers.image.source="https://example.org"',
    'ARG VERSION=1.0',
  ];
  const out = ['FROM python:3.12'];
  for (let i = 1; out.length < lines - 1; i++) out.push(body[i % body.length]);
  out.push('CMD gunicorn app:app');
  return out.join('\n') + '\n';
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await serve();
const browser = await launch();
try {
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.context.newPage();
    const t0 = Date.now();
    await page.goto(server.url);
    await waitForReview(page);
    loads.push(await page.evaluate(() => performance.now()));
    if (i === 0) console.log(`(wall clock, first load: ${Date.now() - t0} ms)`);
    await page.close();
  }
  console.log(`navigation to first review rendered: median ${median(loads).toFixed(0)} ms (of ${loads.length})`);

  // Each keystroke's cost on the main thread: the long tasks (> 50 ms, PerformanceObserver) while it is reviewed
  // and rendered, and the review's own share of it (`__dockwiseMainThreadMs`: reading the worker's JSON, or the
  // whole review without a worker). Run with the worker, then with `Worker` removed (the synchronous fallback).
  for (const engine of ['worker', 'main']) {
    const page = await browser.context.newPage();
    if (engine === 'main') await page.addInitScript(() => { delete window.Worker; });
    await page.goto(server.url);
    await waitForReview(page);
    if (engine === 'worker') await page.waitForFunction(() => window.__dockwiseWorkerReady === true, null, { timeout: 20000 });
    for (const lines of [100, 1000]) {
      const text = dockerfile(lines);
      const times = [], blocking = [], findings = [], rewrite = [], longest = [];
      for (let k = 0; k < 12; k++) {
        // From the input event to the frame after the findings (then the rewrite) are in the DOM. The first
        // keystroke's text ends in a new comment line, the next ones add a character to it.
        const shown = await page.evaluate(async (t) => {
          const tasks = [];
          const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
          observer.observe({ type: 'longtask' });
          const area = document.querySelector('#source');
          const typed = performance.now();
          area.value = t;
          area.dispatchEvent(new InputEvent('input', { bubbles: true }));
          const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now() - typed)));
          while (window.__dockwiseFindingsOf !== t && window.__dockwiseReviewed !== t) await new Promise((r) => setTimeout(r, 0));
          const findings = await frame();
          while (window.__dockwiseReviewed !== t) await new Promise((r) => setTimeout(r, 0));
          const rewrite = await frame();
          await new Promise((r) => setTimeout(r, 50));
          tasks.push(...observer.takeRecords().map((e) => e.duration));
          observer.disconnect();
          return { findings, rewrite, longest: Math.max(0, ...tasks) };
        }, text + '#'.repeat(k + 1));
        await waitForReview(page);
        times.push(await page.evaluate(() => window.__dockwiseLastReviewMs));
        blocking.push(await page.evaluate(() => window.__dockwiseMainThreadMs));
        findings.push(shown.findings);
        rewrite.push(shown.rewrite);
        longest.push(shown.longest);
      }
      const used = await page.evaluate(() => document.documentElement.dataset.reviewEngine);
      const fmt = (xs) => `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
      console.log(`${lines} lines, review in the ${used === 'worker' ? 'worker' : 'main thread'}: `
        + `keystroke to findings on screen ${fmt(findings)} (goal 50 ms); to the rewrite ${fmt(rewrite)}; `
        + `longest main-thread task (long tasks only, 0 = none over 50 ms) ${fmt(longest)}; `
        + `review + rewrite ${fmt(times)}, its main-thread share ${fmt(blocking)}`);
    }
    await page.close();
  }

  // The README's screenshots: the playground with the Flask example, light theme, in a fresh browser (this one
  // keeps the last benchmark text as the draft a reload restores).
  const fresh = await launch();
  const shot = await openPlayground(fresh, server.url, { viewport: { width: 1280, height: 820 } });
  await shot.emulateMedia({ colorScheme: 'light' });
  // The caret on the pip install line shows its finding under the editor.
  await shot.focus('#source');
  await shot.evaluate(() => { const a = document.querySelector('#source'); const at = a.value.indexOf('pip install'); a.setSelectionRange(at, at); });
  await shot.keyboard.press('ArrowRight');
  await shot.screenshot({ path: path.join(dist, '..', 'docs', 'screenshot.png') });
  console.log(`docs/screenshot.png: ${kb(fs.statSync(path.join(dist, '..', 'docs', 'screenshot.png')).size)}`);
  // And on a phone (390x844): the editor, then the findings and rewrite tabs under it.
  const phone = await openPlayground(fresh, server.url, { viewport: { width: 390, height: 844 } });
  await phone.emulateMedia({ colorScheme: 'light' });
  await phone.screenshot({ path: path.join(dist, '..', 'docs', 'screenshot-phone.png') });
  console.log(`docs/screenshot-phone.png: ${kb(fs.statSync(path.join(dist, '..', 'docs', 'screenshot-phone.png')).size)}`);
  await fresh.close();
} finally {
  await browser.close();
  await server.close();
}
