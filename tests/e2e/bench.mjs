// Benchmark (not part of the test run): `node tests/e2e/bench.mjs` after `cargo xtask build`.
// Prints the bundle's size (raw, gzip, brotli), the time from navigation to the first review on screen, and the
// review + rewrite time per keystroke for a 100-line and a 1,000-line Dockerfile, measured in the browser.
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

  const page = await openPlayground(browser, server.url);
  for (const lines of [100, 1000]) {
    const text = dockerfile(lines);
    const times = [];
    for (let k = 0; k < 12; k++) {
      // One keystroke: append a character, wait for its review; the app times review + rewrite with performance.now.
      await page.evaluate((t) => {
        const area = document.querySelector('#source');
        area.value = t;
        area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }, text + '#'.repeat(k + 1));
      await waitForReview(page);
      times.push(await page.evaluate(() => window.__dockwiseLastReviewMs));
    }
    console.log(`review + rewrite per keystroke, ${lines} lines: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
  }

  // The README's screenshot: the playground with the Flask example, light theme.
  const shot = await openPlayground(browser, server.url, { viewport: { width: 1280, height: 820 } });
  await shot.emulateMedia({ colorScheme: 'light' });
  // The caret on the pip install line shows its finding under the editor.
  await shot.focus('#source');
  await shot.evaluate(() => { const a = document.querySelector('#source'); const at = a.value.indexOf('pip install'); a.setSelectionRange(at, at); });
  await shot.keyboard.press('ArrowRight');
  await shot.screenshot({ path: path.join(dist, '..', 'docs', 'screenshot.png') });
  console.log(`docs/screenshot.png: ${kb(fs.statSync(path.join(dist, '..', 'docs', 'screenshot.png')).size)}`);
} finally {
  await browser.close();
  await server.close();
}
