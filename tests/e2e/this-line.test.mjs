// At the cursor (issue 15, "beyond the anchors"): the "This line" panel explains the instruction under the caret
// and lists its findings, Ctrl+. (⌘. on a Mac) opens its quick fixes from the keyboard, and the rewrite offers
// both files to download, in view beside the rewrite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPlayground, setSource, waitForReview } from './harness.mjs';

let server, browser, page;
const PIP = 'FROM python:3.12\n# the app\nRUN pip install flask\nCMD ["python", "app.py"]\n';

before(async () => {
  server = await serve();
  browser = await launch();
  page = await openPlayground(browser, server.url, { viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Put the caret at the start of 1-based `line` with the keyboard (the editor tracks it on key up). */
async function caretTo(p, line) {
  await p.focus('#source');
  await p.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await p.keyboard.press('ArrowDown');
}

const axeSource = fs.readFileSync(path.join(process.env.DOCKWISE_NODE_MODULES ?? '', 'axe-core/axe.min.js'), 'utf8');
/** axe-core's serious and critical violations inside `selector` (injected through evaluate: the CSP blocks tags). */
const axe = (p, selector) => p.evaluate(async ([source, sel]) => {
  if (!window.axe) (0, eval)(source);
  const r = await window.axe.run(document.querySelector(sel), { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } });
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`);
}, [axeSource, selector]);

/** The menu takes the focus (after its render): the first fix is focused. */
const menuFocused = (p) => p.waitForFunction(() => document.activeElement?.id === 'quick-fix-0', null, { timeout: 5000 });

const body = (p) => p.textContent('#this-line-body');
const box = (p, sel) => p.$eval(sel, (el) => { const r = el.getBoundingClientRect(); return { top: r.top, height: r.height, bottom: r.bottom }; });

test('"This line" explains the instruction under the cursor, with its findings, in a labelled polite region', async () => {
  await setSource(page, PIP);
  assert.equal(await page.$eval('#this-line', (el) => document.getElementById(el.getAttribute('aria-labelledby')).textContent), 'This line');
  assert.equal(await page.getAttribute('#this-line-body', 'aria-live'), 'polite');

  await caretTo(page, 3);
  await page.waitForFunction(() => /Line 3: RUN/.test(document.querySelector('#this-line-body').textContent));
  const run = await body(page);
  assert.match(run, /Runs commands while the image is built/, 'what RUN does');
  assert.match(run, /pip install flask/, 'what this RUN runs');
  const onRun = await page.$$eval('#this-line-findings li', (items) => items.map((li) => li.dataset.rule));
  assert.ok(onRun.includes('DW2042'), `the pip finding is listed (${onRun})`);
  const onList = await page.$$eval('#findings li[data-rule]', (items) => items.filter((li) => +li.querySelector('.jump').textContent.match(/(\d+):/)[1] === 3).map((li) => li.dataset.rule));
  assert.deepEqual([...onRun].sort(), [...onList].sort(), 'exactly the findings the list shows on line 3');
  assert.equal(await page.getAttribute('#this-line-findings a[href="#rule=DW2042"]', 'href'), '#rule=DW2042', 'linked to the rule reference');
  assert.ok((await page.$$('#this-line .this-line-practices li a[href^="#rule="]')).length > 0, 'practices link their rules');
  await page.click('#this-line .this-line-practices summary');
  assert.deepEqual(await axe(page, '#this-line'), [], 'axe on the panel, practices open');
  await caretTo(page, 3);
  // Inline code is rendered, not shown with backticks.
  assert.ok(await page.$('#this-line-body code'));

  // No layout jump: the panel keeps its box and the results beside the editor do not move.
  const panel = await box(page, '#this-line');
  const side = await box(page, '.side');
  await caretTo(page, 1);
  await page.waitForFunction(() => /Line 1: FROM/.test(document.querySelector('#this-line-body').textContent));
  assert.match(await body(page), /python/);
  assert.deepEqual(await box(page, '#this-line'), panel, 'same box on another line');
  assert.deepEqual(await box(page, '.side'), side);
  await caretTo(page, 2);
  await page.waitForFunction(() => /Put the cursor on an instruction/.test(document.querySelector('#this-line-body').textContent));
  assert.deepEqual(await box(page, '#this-line'), panel, 'same box on a comment');
  // A continuation line belongs to its instruction.
  await setSource(page, 'FROM alpine:3.20\nRUN apk add \\\n    curl\n');
  await caretTo(page, 3);
  await page.waitForFunction(() => /Line 2: RUN/.test(document.querySelector('#this-line-body').textContent));
});

test('Ctrl+. opens the quick fixes at the cursor: arrows move, Escape closes, Enter applies, undo restores', async () => {
  await setSource(page, PIP);
  await caretTo(page, 3);
  await page.keyboard.press('Control+Period');
  await page.waitForSelector('#quick-fixes[role="menu"]');
  await menuFocused(page);
  const offered = await page.$$eval('#quick-fixes [role="menuitem"]', (items) => items.map((b) => b.dataset.rule));
  assert.ok(offered.includes('DW2042'), `the pip fix is offered (${offered})`);
  assert.ok(offered.every((r) => r), 'only fixes of findings on this line');
  // The menu is beside the cursor's line, not somewhere else on the page.
  const line3 = await page.$eval('#source', (el) => el.getBoundingClientRect().top + 8 + 3 * 21);
  assert.ok(Math.abs((await box(page, '#quick-fixes')).top - line3) < 4, 'opens under line 3');

  assert.deepEqual(await axe(page, '.editor'), [], 'axe with the menu open');
  await page.focus('#quick-fix-0');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#quick-fixes', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'source', 'Escape gives the focus back');
  assert.equal(await page.inputValue('#source'), PIP, 'Escape changes nothing');

  // ⌘. on a Mac; the arrows move to the pip fix, Enter applies it.
  await page.keyboard.press('Meta+Period');
  await menuFocused(page);
  for (let i = 0; i < offered.length && (await page.evaluate(() => document.activeElement.dataset.rule)) !== 'DW2042'; i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.evaluate(() => document.activeElement.dataset.rule), 'DW2042');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#quick-fixes', { state: 'detached' });
  await waitForReview(page);
  assert.match(await page.inputValue('#source'), /pip install --no-cache-dir flask/);
  await page.focus('#source');
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#source'), PIP, 'undo gives back the exact text');
  await waitForReview(page);

  // On a line without a fix the menu says so, and closes.
  await caretTo(page, 2);
  await page.keyboard.press('Control+Period');
  await menuFocused(page);
  assert.match(await page.textContent('#quick-fixes'), /No quick fix/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#quick-fixes', { state: 'detached' });
});

test('the rewrite offers "Download Dockerfile" and "Download .dockerignore" side by side, in view', async () => {
  await setSource(page, 'FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n');
  await page.$eval('#side-rewrite', (b) => b.click());
  const view = await page.evaluate(() => innerHeight);
  for (const [id, label] of [['#download', 'Download Dockerfile'], ['#download-dockerignore', 'Download .dockerignore']]) {
    assert.equal((await page.textContent(id)).trim(), label);
    const b = await box(page, id);
    assert.ok(b.top >= 0 && b.bottom <= view, `${label} is in view without scrolling (${JSON.stringify(b)})`);
  }
  assert.equal(await page.evaluate(() => scrollY), 0);
  const [ignore] = await Promise.all([page.waitForEvent('download'), page.click('#download-dockerignore')]);
  const suggested = await page.textContent('#dockerignore');
  assert.match(suggested, /\.git/);
  assert.equal(fs.readFileSync(await ignore.path(), 'utf8'), suggested, 'the file is the suggestion shown');
  const [dockerfile] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.match(fs.readFileSync(await dockerfile.path(), 'utf8'), /pip install --no-cache-dir/);
  // No suggestion (nothing copies the whole context): no .dockerignore button.
  await setSource(page, PIP);
  assert.equal(await page.$('#download-dockerignore'), null);
  await page.click('#side-findings');
});
