// The playground end to end: the example is reviewed on load, typing re-reviews it live, findings are underlined
// at their exact spans, clicking one moves the cursor there, fixes apply, the rewrite panel's controls work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, artifact, openPlayground, setSource, waitForReview, rules } from './harness.mjs';

let server, browser, page;

before(async () => {
  server = await serve();
  browser = await launch();
  page = await openPlayground(browser, server.url);
  await page.setViewportSize({ width: 1400, height: 1000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('loads with the Flask example already reviewed', async () => {
  const source = await page.inputValue('#source');
  assert.match(source, /^FROM python/);
  const codes = await rules(page);
  assert.ok(codes.includes('DW1013'), `python-runtime-env should fire on the example, got ${codes}`);
  await page.screenshot({ path: artifact('playground-light.png'), fullPage: true });
});

test('typing re-reviews live and shows the rewrite', async () => {
  await page.fill('#source', '');
  await page.type('#source', 'FROM node:latest\nCMD ["node", "server.js"]\n', { delay: 5 });
  await waitForReview(page);
  assert.ok((await rules(page)).includes('DW2007'));
  const messages = await page.$$eval('#findings li .message', (ps) => ps.map((p) => p.textContent));
  assert.ok(messages.some((m) => m.includes('latest')), `a message explains the latest tag: ${messages}`);
  assert.match(await page.textContent('#rewritten'), /CMD \["node", "server.js"\]/);
});

test('highlights instructions and underlines each finding at its exact span', async () => {
  await setSource(page, 'FROM node:latest\nRUN npm install --global "$PKG"\nCMD ["node", "server.js"]\n');
  assert.deepEqual(await page.$$eval('.layer .t-kw', (s) => s.map((x) => x.textContent)), ['FROM', 'RUN', 'CMD']);
  assert.ok((await page.$$eval('.layer .t-var', (s) => s.map((x) => x.textContent))).includes('$PKG'));
  const spans = await page.$$eval('#findings li[data-rule]', (items) => items.map((li) => [li.dataset.rule, +li.dataset.start, +li.dataset.end]));
  assert.ok(spans.length > 0);
  const underlined = await page.evaluate(() => {
    const marks = [];
    let at = 0;
    for (const span of document.querySelectorAll('.layer > span')) {
      const n = span.textContent.length;
      if (span.classList.contains('u')) for (let i = at; i < n + at; i++) marks.push(i);
      at += n;
    }
    return marks;
  });
  for (const [rule, start, end] of spans) {
    for (let i = start; i < Math.max(end, start + 1); i++) {
      assert.ok(underlined.includes(i), `${rule}: offset ${i} of ${start}..${end} is underlined`);
    }
  }
  const marker = await page.$('.gutter .marker');
  assert.ok(marker, 'a gutter marker for the first line');
  assert.equal(await marker.getAttribute('tabindex'), null, 'not a tab stop (the findings list is the keyboard route)');
  await marker.hover();
  assert.ok(await page.isVisible('.gutter .marker:hover .tip'), 'the message shows on hover');
  await page.mouse.move(0, 0);
});

test('hovering a finding\'s span shows its message', async () => {
  await setSource(page, 'FROM alpine\nFROM node:latest\nCMD ["node", "server.js"]\n');
  const li = await page.$('#findings li[data-rule="DW2007"]');
  const start = +(await li.getAttribute('data-start'));
  const column = start - 'FROM alpine\n'.length;
  const box = await page.$eval('#source', (a) => { const r = a.getBoundingClientRect(); return { x: r.x, y: r.y }; });
  const cell = await page.$eval('.editor .measure', (m) => m.offsetWidth / 100);
  await page.mouse.move(box.x + 12 + (column + 0.5) * cell, box.y + 8 + 21 * 1.5);
  await page.waitForFunction(() => (document.querySelector('#source').title ?? '').includes('DW2007'));
  await page.mouse.move(box.x + 1, box.y + 1);
  assert.equal(await page.$eval('#source', (a) => a.title), '');
});

test('clicking a finding moves the editor cursor to its span', async () => {
  await setSource(page, 'FROM alpine\nRUN echo hi\nFROM node:latest\nCMD ["node", "server.js"]\n');
  const li = await page.$('#findings li[data-rule="DW2007"]');
  const [start, end] = [+(await li.getAttribute('data-start')), +(await li.getAttribute('data-end'))];
  await li.$eval('.jump', (b) => b.click());
  const sel = await page.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart, document.activeElement.selectionEnd]);
  assert.deepEqual(sel, ['source', start, end]);
});

test('"apply fix" applies that finding\'s edits to the text', async () => {
  await setSource(page, 'FROM python:3.12\nRUN pip install flask\n');
  const before = await page.inputValue('#source');
  const li = await page.$('#findings li[data-rule]:has(.apply.safe)');
  assert.ok(li, 'a finding with a safe fix');
  const rule = await li.getAttribute('data-rule');
  await li.$eval('.apply', (b) => b.click());
  await waitForReview(page);
  const after = await page.inputValue('#source');
  assert.notEqual(after, before);
  assert.ok(!(await rules(page)).includes(rule), `${rule} is fixed in ${JSON.stringify(after)}`);
});

test('the diff toggles between side by side and unified', async () => {
  await setSource(page, 'FROM python:3.12\nRUN pip install flask\n');
  await page.click('#side-rewrite');
  assert.ok(await page.isVisible('#original'));
  await page.click('#view-unified');
  const diff = await page.textContent('#diff');
  assert.match(diff, /^- RUN pip install flask$/m);
  assert.match(diff, /^\+ RUN pip install.*--no-cache-dir/m);
  await page.click('#view-split');
  assert.ok(await page.isVisible('#rewritten'));
  await page.click('#side-findings');
});

test('the unsafe switch adds unsafe fixes to the rewrite', async () => {
  await setSource(page, 'FROM node:latest\nCMD ["node", "server.js"]\n');
  const safe = await page.textContent('#rewritten');
  // With safe fixes only, unsafe changes are listed but marked as not applied.
  const appliedUnsafe = () => page.$$eval('#changes .change.unsafe',
    (n) => n.filter((c) => !c.textContent.includes('not applied')).length);
  assert.equal(await appliedUnsafe(), 0);
  await page.click('#side-rewrite');
  await page.check('#unsafe');
  await waitForReview(page);
  const unsafe = await page.textContent('#rewritten');
  assert.notEqual(unsafe, safe);
  assert.ok(await appliedUnsafe() > 0);
  await page.check('#fixes-safe');
  await page.click('#side-findings');
  await waitForReview(page);
});

test('the examples menu loads each example', async () => {
  const count = await page.$$eval('#examples option', (o) => o.length - 1);
  assert.ok(count >= 5);
  for (let i = 0; i < count; i++) {
    await page.selectOption('#examples', String(i));
    await waitForReview(page);
    assert.match(await page.inputValue('#source'), /FROM /);
  }
  await page.selectOption('#examples', '4');
  await waitForReview(page);
  assert.ok((await page.$$eval('.layer .t-heredoc', (s) => s.map((x) => x.textContent))).includes('<<EOF'));
  await page.selectOption('#examples', '0');
  await waitForReview(page);
  assert.match(await page.inputValue('#source'), /^FROM python/);
});

test('the estimate and the suggested .dockerignore are shown for the Flask example', async () => {
  assert.match(await page.textContent('#estimate'), /estimate/i);
  assert.ok((await page.textContent('#dockerignore')).trim().length > 0);
});

test('findings filter by severity and text', async () => {
  const all = (await rules(page)).length;
  await page.fill('#filter', 'DW1013');
  assert.deepEqual([...new Set(await rules(page))], ['DW1013']);
  await page.fill('#filter', '');
  assert.equal((await rules(page)).length, all);
  const sev = await page.$eval('#findings li[data-rule]', (li) => [...li.classList].find((c) => ['error', 'warning', 'info', 'style'].includes(c)));
  await page.click(`.sev-toggle[data-severity="${sev}"]`);
  assert.equal(await page.$$eval(`#findings li.finding.${sev}`, (n) => n.length), 0);
  await page.click(`.sev-toggle[data-severity="${sev}"]`);
});

test('the docs of a finding expand', async () => {
  await page.click('#findings li[data-rule] details summary');
  // The example and its fix arrive with rules.json, fetched on first open (tests/e2e/rule-docs.test.mjs).
  await page.waitForSelector('#findings li[data-rule] details[open] figure pre', { state: 'visible' });
});
