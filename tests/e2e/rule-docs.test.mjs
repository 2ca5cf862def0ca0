// The rules' full docs reach the playground as rules.json (the wasm carries only each rule's `what`): fetched once,
// only when a reader opens a rule's docs, equal to `dockwise rules --format json`, and a failed load is said.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPlayground, root } from './harness.mjs';

const docs = JSON.parse(fs.readFileSync(path.join(root, 'web/rules.json'), 'utf8'));
const byCode = Object.fromEntries(docs.map((d) => [d.code, d]));

let server, browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const fetchedDocs = (page) => page.requests.filter((u) => new URL(u).pathname.endsWith('/rules.json')).length;

test('a finding\'s docs are fetched on first open, once, and show the rule\'s own why, example and fix', async () => {
  const page = await openPlayground(browser, server.url);
  assert.equal(fetchedDocs(page), 0, 'nothing is fetched before a reader opens a rule\'s docs');
  const item = page.locator('#findings li[data-rule]').first();
  const code = await item.getAttribute('data-rule');
  await item.locator('details.docs summary').click();
  const example = item.locator('figure pre').first();
  await example.waitFor({ state: 'visible' });
  assert.equal(await example.textContent(), byCode[code].example);
  assert.equal(await item.locator('figure pre').nth(1).textContent(), byCode[code].fixed);
  const why = await item.locator('details.docs p', { hasText: 'Why:' }).textContent();
  assert.ok(why.replace(/\s+/g, ' ').includes(byCode[code].why.replace(/`/g, '').slice(0, 30).replace(/\s+/g, ' ')), why);
  await page.locator('#findings li[data-rule] details.docs summary').nth(1).click();
  await page.locator('#findings li[data-rule] details[open] figure pre').nth(2).waitFor({ state: 'visible' });
  assert.equal(fetchedDocs(page), 1, 'the file is fetched once for every rule');
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('the rule reference shows fix safety and differences from rules.json', async () => {
  const page = await openPlayground(browser, server.url, { fragment: '#rule=DW2007' });
  const article = page.locator('article.rule[data-rule="DW2007"]');
  await article.locator('figure pre').first().waitFor({ state: 'visible' });
  const text = (await article.textContent()).replace(/\s+/g, ' ');
  const plain = (s) => s.replace(/`/g, '').replace(/\s+/g, ' ');
  assert.ok(text.includes(plain(byCode.DW2007.fix_safety).slice(0, 40)), text);
  assert.ok(text.includes(plain(byCode.DW2007.differences).slice(0, 40)), text);
  await page.close();
});

test('when rules.json cannot be loaded the docs say so, and reviews go on', async () => {
  await browser.context.route('**/rules.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const page = await openPlayground(browser, server.url);
  await page.locator('#findings li[data-rule] details.docs summary').first().click();
  const failed = page.locator('#findings .docs-failed').first();
  await failed.waitFor({ state: 'visible' });
  assert.match(await failed.textContent(), /rules\.json.*HTTP 404/);
  assert.match(await page.locator('#findings li[data-rule] details.docs').first().textContent(), /What:/);
  await page.close();
  await browser.context.unroute('**/rules.json');
});
