// The iframe embed (web/embed/README.md): `?embed=1&readonly=1#s=...` shows the shared Dockerfile reviewed, in the
// compact layout, read-only; `theme=` overrides the color scheme; the demo page's iframe shows the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { serve, launch, artifact, openPlayground, setSource, waitForReview, rules } from './harness.mjs';

let server, browser;
const SOURCE = 'FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD ["python", "/app/app.py"]\n';
const share = (source) => `s=${zlib.deflateRawSync(Buffer.from(JSON.stringify({ source }))).toString('base64url')}`;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('embed=1&readonly=1 shows the shared Dockerfile reviewed, compact and read-only', async () => {
  const page = await openPlayground(browser, `${server.url}/?embed=1&readonly=1`, { fragment: `#${share(SOURCE)}` });
  assert.equal(await page.inputValue('#source'), SOURCE);
  assert.ok((await rules(page)).includes('DW2042'), 'pip install without --no-cache-dir is found');
  assert.match(await page.textContent('#rewritten'), /--no-cache-dir/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.embed), '1');
  // Compact: no header, tabs, examples, "Fix all", settings or footer; the editor, findings and rewrite only.
  for (const gone of ['header.toolbar', '#examples', '#fix-all', '#open-settings', '#tab-rules', 'footer']) {
    assert.equal(await page.$(gone), null, `${gone} is not shown`);
  }
  assert.ok(await page.$('.workspace .rewrite'));
  // Read-only: the textarea refuses typing, no fix buttons, Ctrl+Enter changes nothing.
  assert.notEqual(await page.getAttribute('#source', 'readonly'), null);
  assert.equal(await page.$$eval('#findings button.apply', (b) => b.length), 0);
  await page.focus('#source');
  await page.keyboard.type('RUN echo typed\n');
  await page.keyboard.press('Control+Enter');
  assert.equal(await page.inputValue('#source'), SOURCE);
  // The link opens the full playground (no embed, no readonly) with the same fragment, in a new tab.
  const link = await page.$eval('#open-in-dockwise', (a) => ({ href: a.href, target: a.target, rel: a.rel }));
  assert.equal(link.target, '_blank');
  assert.equal(link.rel, 'noopener');
  assert.equal(link.href, `${server.url}/#${share(SOURCE)}`);
  // A finding's "Rule reference" opens the full playground's reference in a new tab; the embed stays as it is.
  const [popup] = await Promise.all([page.context().waitForEvent('page'),
    page.click('#findings li[data-rule="DW2042"] button.link')]);
  await popup.waitForURL(/#rule=DW2042$/);
  await popup.close();
  assert.equal(new URL(page.url()).hash, `#${share(SOURCE)}`);
  assert.ok(await page.$('#source'));
  await page.screenshot({ path: artifact('embed.png'), fullPage: true });
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('readonly=1 without embed keeps the header but hides what changes the text', async () => {
  const page = await openPlayground(browser, `${server.url}/?readonly=1`, { fragment: `#${share(SOURCE)}` });
  assert.ok(await page.$('header.toolbar'));
  assert.equal(await page.$('#examples'), null);
  assert.equal(await page.$('#fix-all'), null);
  assert.notEqual(await page.getAttribute('#source', 'readonly'), null);
  // Leaving for the rules and back rewrites the URL: the query string survives.
  await page.click('#tab-rules');
  await page.click('#tab-review');
  await waitForReview(page);
  assert.equal(new URL(page.url()).search, '?readonly=1');
  await page.close();
});

test('theme=dark overrides the system color scheme and is not remembered', async () => {
  const page = await openPlayground(browser, `${server.url}/?embed=1&theme=dark`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.notEqual(await page.evaluate(() => localStorage.getItem('dockwise.theme')), 'dark');
  // Without readonly the embed stays editable.
  await setSource(page, 'FROM node:latest\n');
  assert.ok((await rules(page)).includes('DW2007'));
  await page.close();
  const light = await openPlayground(browser, `${server.url}/?embed=1&theme=light`);
  await light.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await light.evaluate(() => document.documentElement.dataset.theme), 'light');
  await light.close();
});

test('the demo page\'s iframe shows the embedded playground, reviewed and read-only', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/demo/`);
  await page.locator('#embed').scrollIntoViewIfNeeded(); // loading="lazy"
  const frame = page.frameLocator('#embed');
  await frame.locator('#findings li[data-rule="DW2042"]').waitFor({ state: 'attached', timeout: 20000 });
  assert.match(await frame.locator('#source').inputValue(), /^FROM python:3\.12\n/);
  assert.notEqual(await frame.locator('#source').getAttribute('readonly'), null);
  assert.equal(await frame.locator('header.toolbar').count(), 0);
  assert.equal(await frame.locator('#open-in-dockwise').count(), 1);
  await page.close();
});
