// Settings persistence, share links, the rule reference, themes, keyboard shortcuts, accessibility basics.
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

test('settings switch a rule off and persist across reloads', async () => {
  assert.ok((await rules(page)).includes('DW1013'));
  await page.click('#open-settings');
  await page.fill('#setting-rule-search', 'DW1013');
  await page.screenshot({ path: artifact('settings-light.png') });
  await page.click('#settings tr[data-rule="DW1013"] .rule-on');
  await page.keyboard.press('Escape');
  assert.equal(await page.$('#settings'), null, 'Esc closes the panel');
  await waitForReview(page);
  assert.ok(!(await rules(page)).includes('DW1013'));
  await page.reload();
  await waitForReview(page);
  assert.ok(!(await rules(page)).includes('DW1013'), 'still off after a reload');
  await page.click('#open-settings');
  await page.click('#settings-reset');
  await page.click('#settings .close');
  await waitForReview(page);
  assert.ok((await rules(page)).includes('DW1013'));
});

test('a share link opens the same Dockerfile and settings', async () => {
  const text = 'FROM node:latest\nRUN echo "héllo ✓"\nCMD ["node", "server.js"]\n';
  await setSource(page, text);
  await page.click('#side-rewrite');
  await page.check('#unsafe');
  await waitForReview(page);
  await page.click('#share');
  // The browser deflates the link (CompressionStream), so the fragment is set a moment after the click.
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#s=[A-Za-z0-9_-]+$/);
  assert.ok(hash.length < text.length * 4);
  const other = await openPlayground(browser, server.url, { fragment: hash });
  assert.equal(await other.inputValue('#source'), text);
  assert.equal(await other.isChecked('#unsafe'), true);
  await other.close();
  await page.check('#fixes-safe');
  await page.click('#side-findings');
  await waitForReview(page);
});

test('a broken share link shows a friendly error, never a crash', async () => {
  for (const fragment of ['#s=', '#s=!!!', '#s=AAAAAAAA', '#s=' + 'x'.repeat(5000)]) {
    const other = await openPlayground(browser, server.url, { fragment });
    assert.match(await other.textContent('#notice'), /could not be opened/);
    assert.match(await other.inputValue('#source'), /^FROM /, 'the last Dockerfile (or the example) is shown');
    assert.deepEqual(other.consoleErrors, []);
    await other.close();
  }
});

test('the rule reference is searchable and linkable', async () => {
  const other = await openPlayground(browser, server.url, { fragment: '#rule=DW2007' });
  await other.waitForSelector('#rule-DW2007.focused');
  assert.ok(await other.isVisible('#rule-DW2007'));
  const total = await other.$$eval('.rule', (n) => n.length);
  assert.ok(total > 50, `every rule is listed (${total})`);
  await other.fill('#rule-search', 'DL3042');
  const codes = await other.$$eval('.rule', (n) => n.map((r) => r.dataset.rule));
  assert.ok(codes.includes('DW2042') && codes.length < total, `${codes}`);
  await other.screenshot({ path: artifact('rules-light.png') });
  await other.close();
  // From a finding to its rule.
  await page.click('#findings li[data-rule] .link');
  await page.waitForSelector('.rules .rule.focused');
  await page.click('#tab-review');
  await waitForReview(page);
});

test('the theme follows the system and toggles', async () => {
  const dark = await openPlayground(browser, server.url, {});
  await dark.emulateMedia({ colorScheme: 'dark' });
  const bg = () => dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const systemDark = await bg();
  await dark.emulateMedia({ colorScheme: 'light' });
  assert.notEqual(await bg(), systemDark, 'follows the system setting');
  await dark.click('#theme');
  assert.equal(await dark.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await bg(), systemDark);
  await dark.setViewportSize({ width: 1400, height: 1000 });
  await dark.screenshot({ path: artifact('playground-dark.png'), fullPage: true });
  await dark.click('#tab-rules');
  await dark.screenshot({ path: artifact('rules-dark.png') });
  await dark.click('#theme');
  assert.equal(await dark.getAttribute('html', 'data-theme'), 'light');
  await dark.close();
});

test('keyboard: ? opens help, Esc closes it, Ctrl+Enter applies all safe fixes', async () => {
  await setSource(page, 'FROM python:3.12\nRUN pip install flask\n');
  await page.click('h1');
  await page.keyboard.press('?');
  assert.ok(await page.isVisible('#help'));
  await page.keyboard.press('Escape');
  assert.equal(await page.$('#help'), null);
  const rewritten = await page.textContent('#rewritten');
  await page.focus('#source');
  await page.keyboard.press('Control+Enter');
  await waitForReview(page);
  assert.equal(await page.inputValue('#source'), rewritten);
});

test('every control has an accessible name', async () => {
  await page.click('#open-settings');
  const unnamed = await page.evaluate(() => {
    const name = (el) => el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') && document.getElementById(el.getAttribute('aria-labelledby'))?.textContent)
      || (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) || el.closest('label')?.textContent
      || (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) && el.textContent.trim()) || el.getAttribute('title');
    return [...document.querySelectorAll('button, input, select, textarea, a[href], summary, [tabindex="0"]')]
      .filter((el) => !String(name(el) ?? '').trim()).map((el) => el.outerHTML.slice(0, 120));
  });
  assert.deepEqual(unnamed, []);
  await page.keyboard.press('Escape');
});

test('usable on a phone-sized screen', async () => {
  const phone = await openPlayground(browser, server.url, { viewport: { width: 390, height: 844 } });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal page scroll (${overflow}px)`);
  await phone.screenshot({ path: artifact('phone-light.png'), fullPage: false });
  await phone.close();
});
