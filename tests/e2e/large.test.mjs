// A long Dockerfile in the playground: the editor renders only the lines on screen (padding stands for the
// rest, so the layer keeps the textarea's size and lines stay aligned), scrolling brings the next lines in,
// the widest line off screen still sets the width, the findings list shows a page at a time, and the worker
// sends the findings before the rewrite. Timings are the benchmark's business (tests/e2e/bench.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPlayground, setSource, waitForReview } from './harness.mjs';

let server, browser, page;
const LINES = 1000;
const WIDE = 900; // 1-based line number of a line far wider than the others
const wide = `RUN echo ${'x'.repeat(400)}`;

function longDockerfile() {
  const body = ['RUN apt-get update && apt-get install -y curl', 'RUN pip install flask', 'ENV PATH=/app/bin:$PATH',
    'COPY requirements.txt /app/', 'RUN cd /tmp && ls'];
  const out = ['FROM python:3.12'];
  while (out.length < LINES - 1) out.push(out.length + 1 === WIDE ? wide : body[out.length % body.length]);
  out.push('CMD python app.py');
  return out.join('\n') + '\n';
}

before(async () => {
  server = await serve();
  browser = await launch();
  page = await openPlayground(browser, server.url, { viewport: { width: 1400, height: 1000 } });
  await page.waitForFunction(() => window.__dockwiseWorkerReady === true, null, { timeout: 20000 });
  await setSource(page, longDockerfile());
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The gutter's line numbers and the layer's text, as rendered. */
const rendered = () => page.evaluate(() => ({
  numbers: [...document.querySelectorAll('.gutter .ln .num')].map((n) => +n.textContent),
  layer: document.querySelector('.layer').textContent,
}));

test('only the lines on screen are rendered, and the layer keeps the textarea\'s size', async () => {
  const { numbers, layer } = await rendered();
  assert.equal(numbers[0], 1);
  assert.ok(numbers.length >= 40 && numbers.length <= 256, `rows rendered: ${numbers.length}`);
  const layerLines = layer.split('\n').length - 1;
  assert.equal(layerLines, numbers.length, 'a gutter row per layer line');
  const sizes = await page.evaluate(() => {
    const layer = document.querySelector('.layer').getBoundingClientRect();
    const area = document.querySelector('#source');
    const gutter = document.querySelector('.gutter').getBoundingClientRect().height;
    return { layer: layer.height, gutter, area: area.getBoundingClientRect().height, width: layer.width };
  });
  const expected = (LINES + 1) * 21 + 16; // the empty line after the last newline is a line too
  assert.ok(Math.abs(sizes.layer - expected) <= 21, `layer height ${sizes.layer}, ${expected} expected`);
  assert.ok(Math.abs(sizes.gutter - sizes.layer) <= 21, `gutter ${sizes.gutter} beside layer ${sizes.layer}`);
  // The textarea covers every line (it was once cut to the scroller's height, its lines then scrolled apart).
  assert.ok(Math.abs(sizes.area - sizes.layer) <= 1, `textarea ${sizes.area}px tall over a ${sizes.layer}px layer`);
  // The widest line (900) is not rendered, yet the layer (and the textarea over it) is wide enough for it.
  const cell = await page.evaluate(() => document.querySelector('.editor .measure').getBoundingClientRect().width / 100);
  assert.ok(sizes.width >= wide.length * cell, `layer ${sizes.width}px wide for ${wide.length} cells of ${cell}px`);
});

test('scrolling renders the lines that come into view, aligned with the textarea', async () => {
  await page.evaluate(() => { document.querySelector('.editor-scroll').scrollTop = 8 + 700 * 21; });
  await page.waitForFunction(() => [...document.querySelectorAll('.gutter .ln .num')].some((n) => n.textContent === '701'));
  const { numbers, layer } = await rendered();
  assert.ok(!numbers.includes(1), 'the first lines are no longer rendered');
  const source = await page.inputValue('#source');
  const first = numbers[0];
  const lines = source.split('\n');
  assert.equal(layer, lines.slice(first - 1, first - 1 + numbers.length).join('\n') + '\n', 'the layer holds exactly those lines');
  // Line 701's row in the gutter and its text in the layer sit at the same height as the textarea's line 701.
  const tops = await page.evaluate((n) => {
    const row = [...document.querySelectorAll('.gutter .ln')].find((r) => r.querySelector('.num').textContent === String(n));
    const area = document.querySelector('#source').getBoundingClientRect();
    // Line n's first character in the layer: its offset in the layer's text, then the text node holding it.
    const first = +document.querySelector('.gutter .ln .num').textContent;
    const layer = document.querySelector('.layer');
    const lines = layer.textContent.split('\n');
    let offset = 0;
    for (let i = first; i < n; i++) offset += lines[i - first].length + 1;
    const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode()) && seen + node.textContent.length <= offset) seen += node.textContent.length;
    const range = document.createRange();
    range.setStart(node, offset - seen);
    range.setEnd(node, offset - seen + 1);
    return { row: row.getBoundingClientRect().top, text: range.getBoundingClientRect().top, area: area.top + 8 + (n - 1) * 21 };
  }, 701);
  assert.ok(Math.abs(tops.row - tops.area) <= 2, `gutter row at ${tops.row}, textarea line at ${tops.area}`);
  assert.ok(Math.abs(tops.text - tops.area) <= 4, `layer text at ${tops.text}, textarea line at ${tops.area}`);
  await page.evaluate(() => { document.querySelector('.editor-scroll').scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector('.gutter .ln .num')?.textContent === '1');
});

test('the findings list shows a page at a time', async () => {
  const count = () => page.$$eval('#findings li[data-rule]', (items) => items.length);
  const heading = await page.textContent('.findings h2');
  const all = +heading.match(/\((\d+)\)/)[1];
  assert.ok(all > 200, `a long file has many findings (${all})`);
  assert.equal(await count(), 100);
  assert.match(await page.textContent('#findings-more'), new RegExp(`\\(${all - 100} not shown\\)`));
  await page.click('#findings-more');
  assert.equal(await count(), 200);
});

test('the worker sends the findings before the rewrite', async () => {
  const order = await page.evaluate(async () => {
    const area = document.querySelector('#source');
    const text = area.value + '# one more line\n';
    // The order in which the app marks this text's findings and its complete review, recorded as it sets the
    // marks: a poll could miss the first when both messages arrive between two of its turns.
    const seen = [];
    for (const [name, label] of [['__dockwiseFindingsOf', 'findings'], ['__dockwiseReviewed', 'rewrite']]) {
      let value = window[name];
      Object.defineProperty(window, name, {
        configurable: true,
        get: () => value,
        set: (v) => {
          value = v;
          if (v === text) seen.push(label);
        },
      });
    }
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
    while (window.__dockwiseReviewed !== text) await new Promise((r) => setTimeout(r, 0));
    return seen;
  });
  assert.deepEqual(order, ['findings', 'rewrite']);
  await waitForReview(page);
});

test('a text made short while scrolled down is drawn at once', async () => {
  await page.evaluate(() => { document.querySelector('.editor-scroll').scrollTop = 8 + 700 * 21; });
  await page.waitForFunction(() => [...document.querySelectorAll('.gutter .ln .num')].some((n) => n.textContent === '701'));
  await setSource(page, 'FROM alpine:3.22\nRUN echo short\n');
  assert.equal(await page.textContent('.layer'), 'FROM alpine:3.22\nRUN echo short\n\n');
  assert.deepEqual((await rendered()).numbers, [1, 2, 3]);
});
