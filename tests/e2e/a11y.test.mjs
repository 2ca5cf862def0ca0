// Accessibility: axe-core (installed by `cargo xtask setup`) on Review, Rules, Exercises, Settings, Help and the
// embed, on a laptop and a phone: no serious or critical violation. axe is injected with `page.evaluate` (the CSP
// rightly blocks script tags). Also the keyboard basics axe cannot see: a skip link, Tab indenting in the editor,
// the gutter markers out of the Tab order, the help dialog keeping and returning the focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, openPlayground, waitForReview } from './harness.mjs';

let server, browser;
const axeSource = fs.readFileSync(path.join(process.env.DOCKWISE_NODE_MODULES ?? '', 'axe-core/axe.min.js'), 'utf8');
const SOURCE = 'FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD python /app/app.py\n';
const share = `s=${zlib.deflateRawSync(Buffer.from(JSON.stringify({ source: SOURCE }))).toString('base64url')}`;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Serious and critical violations on the page as it is, printed with their counts. */
async function axe(page, name) {
  const result = await page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source);
    // target-size (WCAG 2.2, 24 px) is off by default in axe 4.14: switched on.
    const r = await window.axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes[0]?.target.join(' ') }));
  }, axeSource);
  console.log(`axe ${name}: ${result.length ? result.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(', ') : 'no violations'}`);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`axe: no serious or critical violations (${size})`, async () => {
    const page = await openPlayground(browser, server.url, { fragment: `#${share}`, viewport });
    const found = {};
    found.review = await axe(page, `review ${size}`);
    await page.click('#side-rewrite');
    found.rewrite = await axe(page, `rewrite ${size}`);
    await page.click('#tab-rules');
    await page.waitForSelector('.rule');
    found.rules = await axe(page, `rules ${size}`);
    await page.click('#tab-exercise');
    await page.waitForSelector('#exercise-goals li');
    await waitForReview(page);
    found.exercises = await axe(page, `exercises ${size}`);
    await page.click('#tab-review');
    await page.click('#open-settings');
    found.settings = await axe(page, `settings ${size}`);
    await page.keyboard.press('Escape');
    await page.click('#open-help');
    found.help = await axe(page, `help ${size}`);
    await page.keyboard.press('Escape');
    await page.close();
    const embed = await openPlayground(browser, `${server.url}/?embed=1&readonly=1`, { fragment: `#${share}`, viewport });
    found.embed = await axe(embed, `embed ${size}`);
    await embed.close();
    for (const [where, violations] of Object.entries(found)) assert.deepEqual(violations, [], where);
  });
}

test('keyboard: skip link, Tab indents in the editor, markers are not tab stops, the help dialog traps and returns focus', async () => {
  const page = await openPlayground(browser, server.url, { fragment: `#${share}`, viewport: { width: 1280, height: 800 } });
  assert.equal(await page.$$eval('.editor .marker[tabindex], .editor .gutter [tabindex]', (n) => n.length), 0);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  // Focus moves in the click handler; on a loaded machine the handler can run a frame later than the key press.
  await page.waitForFunction(() => document.activeElement?.id === 'source', null, { timeout: 5000 })
    .catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.id), 'source');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Tab');
  assert.ok((await page.inputValue('#source')).startsWith('    FROM'), 'Tab indents');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'source');
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#source'), SOURCE);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement.id), 'source', 'Esc then Tab leaves the editor');
  // Help: focus goes in, stays in, and comes back.
  await page.focus('#open-help');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#help');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement.closest('#help')), 'focus stays in the dialog');
  }
  await page.keyboard.press('Shift+Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('#help')));
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'open-help', 'focus returns to the opener');
  // The mode tabs answer the arrow keys.
  await page.focus('#tab-review');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-review');
  await page.keyboard.press('ArrowRight');
  // The tab switch re-renders in the next frame; on a loaded machine that can come after the key press returns.
  await page.waitForFunction(() => document.querySelector('#tab-rules')?.getAttribute('aria-selected') === 'true',
    null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.getAttribute('#tab-rules', 'aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-rules');
  await page.close();
});
