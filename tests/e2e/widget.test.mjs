// The docs widget (web/widget/dockwise-widget.js, shipped in the npm package) on a host page: shadow DOM keeps
// styles apart both ways, many blocks share one wasm load, user text stays text, and the rewrite, tooltips,
// themes and the upgrade of Dockerfile code blocks work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, root, artifact } from './harness.mjs';

const packageDir = path.join(root, 'target/npm/dockwise');
let server, browser, site;

// A hostile host stylesheet: if any of it reached inside the widget, the checks below would see it.
const HOST_CSS = `
  body { color: rgb(255, 0, 0); font-family: serif; font-size: 22px; }
  pre, code, li, mark, button, ol, ul, span, div { color: rgb(0, 128, 0) !important; background: rgb(255, 255, 0) !important;
    font-size: 30px !important; }
  .finding, .bar, .dw, .tip, .source, .findings { display: none !important; }
`;
const HOST_ELEMENTS = `
  <pre id="host-pre"><code>host code</code></pre>
  <ul id="host-list" class="findings"><li class="finding">host item</li></ul>
  <p><mark id="host-mark">host mark</mark> <button id="host-button">host button</button></p>`;

before(async () => {
  if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
    throw new Error(`no npm package in ${packageDir}: run \`cargo xtask npm\` first`);
  }
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-widget-site-'));
  fs.cpSync(packageDir, path.join(site, 'dockwise'), { recursive: true });
  fs.writeFileSync(path.join(site, 'app.Dockerfile'), 'FROM golang:latest\nRUN go build -o /app .\n');
  fs.writeFileSync(path.join(site, 'index.html'), `<!doctype html><meta charset="utf-8"><title>host</title>
<style>${HOST_CSS}</style>
${HOST_ELEMENTS}
<dockwise-review id="inline">
  FROM python:latest
  RUN pip install flask
  CMD python app.py
</dockwise-review>
<dockwise-review id="dark" theme="dark">FROM node:latest</dockwise-review>
<dockwise-review id="light" theme="light">FROM node:latest</dockwise-review>
<dockwise-review id="remote" src="app.Dockerfile"></dockwise-review>
<dockwise-review id="clean">FROM scratch
COPY app /app
USER 1000
ENTRYPOINT ["/app"]</dockwise-review>
<dockwise-review id="hostile"></dockwise-review>
<pre id="marked-pre"><code class="language-dockerfile" data-dockwise>FROM ubuntu:latest
RUN apt-get install curl</code></pre>
<div class="language-dockerfile highlight" data-dockwise><pre><span></span><code>FROM debian:latest</code></pre></div>
<div class="language-dockerfile dockwise highlight" id="by-class"><pre><span></span><code>FROM fedora:latest</code></pre></div>
<pre id="plain-docker"><code class="language-dockerfile">FROM alpine:latest</code></pre>
<pre id="not-docker"><code class="language-sh" data-dockwise>echo hi</code></pre>
`);
  fs.writeFileSync(path.join(site, 'auto.html'), `<!doctype html><meta charset="utf-8"><title>auto</title>
<pre><code class="language-dockerfile">FROM alpine:latest</code></pre>
<pre><code class="language-docker">FROM debian:latest</code></pre>
<pre><code class="language-python">print("hi")</code></pre>
<script type="module" src="dockwise/dockwise-widget.js" data-auto></script>`);
  fs.writeFileSync(path.join(site, 'auto-query.html'), fs.readFileSync(path.join(site, 'auto.html'), 'utf8')
    .replace('dockwise-widget.js" data-auto', 'dockwise-widget.js?auto"'));
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

const HOSTILE = 'FROM alpine:latest\nRUN echo "<img src=x onerror=window.__pwned=1>" \'<script>window.__pwned=2</script>\'\n'
  + 'LABEL x="</pre><b id=bold>bold</b>"\n';

/** Open the host page, note the host elements' styles, then load the widget and wait for every widget. */
async function openHostPage() {
  const page = await browser.context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/index.html`);
  const hostStyles = () => page.evaluate(() => ['host-pre', 'host-list', 'host-mark', 'host-button'].map((id) => {
    const s = getComputedStyle(document.getElementById(id));
    const li = document.querySelector('#host-list li');
    return [id, s.color, s.backgroundColor, s.fontSize, s.fontFamily, s.display, s.textDecorationLine,
      getComputedStyle(li).display, getComputedStyle(document.body).fontFamily].join('|');
  }));
  const before = await hostStyles();
  await page.evaluate((hostile) => {
    document.getElementById('hostile').source = hostile;
  }, HOSTILE);
  await page.addScriptTag({ type: 'module', url: 'dockwise/dockwise-widget.js' });
  await page.waitForFunction(() => {
    const widgets = [...document.querySelectorAll('dockwise-review')];
    return widgets.length >= 9 && widgets.every((w) => w.shadowRoot?.querySelector('.body, .state.error'));
  }, null, { timeout: 20000 });
  return { page, requests, before, after: await hostStyles() };
}

test('many widgets on one page load the wasm once and each shows its findings', async () => {
  const { page, requests } = await openHostPage();
  const wasm = requests.filter((u) => u.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `the wasm is fetched once for every widget: ${wasm}`);
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], 'nothing outside the page origin');
  const summary = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('dockwise-review')].map((w, i) => [
    w.id || `n${i}`, [...w.shadowRoot.querySelectorAll('li.finding')].map((li) => li.dataset.rule)])));
  assert.ok(summary.inline.includes('DW2007'), `inline: ${summary.inline}`);
  assert.ok(summary.remote.includes('DW2007'), `src= fetched the file: ${summary.remote}`);
  assert.ok(summary.dark.includes('DW2007'));
  const errors = await page.$$eval('dockwise-review', (ws) => ws.map((w) => w.shadowRoot.querySelector('.state.error')?.textContent).filter(Boolean));
  assert.deepEqual(errors, []);
  await page.screenshot({ path: artifact('widget-host-page.png'), fullPage: true });
  await page.close();
});

test('host page CSS does not reach inside the widget', async () => {
  const { page } = await openHostPage();
  const inside = await page.$eval('#inline', (w) => {
    const r = w.shadowRoot;
    const style = (sel) => getComputedStyle(r.querySelector(sel));
    return {
      finding: style('li.finding').display,
      bar: style('.bar').display,
      preColor: style('pre.source').color,
      preBackground: style('pre.source').backgroundColor,
      preFont: style('pre.source').fontSize,
      markColor: style('mark').color,
      bodyFont: style('.dw').fontFamily,
      bodyColor: style('.dw').color,
    };
  });
  assert.notEqual(inside.finding, 'none');
  assert.notEqual(inside.bar, 'none');
  assert.notEqual(inside.preColor, 'rgb(0, 128, 0)');
  assert.notEqual(inside.preBackground, 'rgb(255, 255, 0)');
  assert.equal(inside.preFont, '13px');
  assert.notEqual(inside.markColor, 'rgb(0, 128, 0)');
  assert.notEqual(inside.bodyColor, 'rgb(255, 0, 0)', 'the host body colour is not inherited');
  assert.doesNotMatch(inside.bodyFont, /^serif$/);
  await page.close();
});

test('widget CSS does not change the host page', async () => {
  const { page, before, after } = await openHostPage();
  assert.deepEqual(after, before);
  const sheets = await page.evaluate(() => document.styleSheets.length);
  assert.equal(sheets, 1, 'the widget adds no stylesheet to the document');
  await page.close();
});

test('hostile Dockerfile text is shown as text, never run or parsed as HTML', async () => {
  const { page } = await openHostPage();
  const result = await page.$eval('#hostile', (w) => ({
    text: w.shadowRoot.querySelector('pre.source').textContent,
    elements: w.shadowRoot.querySelectorAll('img, script, b').length,
    messages: [...w.shadowRoot.querySelectorAll('li .message')].map((m) => m.textContent),
  }));
  assert.equal(result.text, HOSTILE);
  assert.equal(result.elements, 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('#bold, img', (n) => n.length), 0);
  // Setting `source` on a live widget re-reviews it.
  await page.evaluate(() => { document.getElementById('clean').source = 'FROM node:latest\n'; });
  await page.waitForFunction(() => document.getElementById('clean').shadowRoot.querySelector('li.finding[data-rule="DW2007"]'));
  await page.close();
});

test('the rewrite shows on request, and finding messages show on focus', async () => {
  const { page } = await openHostPage();
  const widget = page.locator('#inline');
  await widget.locator('button.toggle').click();
  const rewritten = await widget.locator('pre.rewritten').textContent();
  assert.match(rewritten, /PYTHONUNBUFFERED=1|--no-cache-dir/);
  assert.ok(await widget.locator('.changes li').count() > 0);
  assert.equal(await widget.locator('pre.source').isVisible(), false);
  await widget.locator('button.toggle').click();
  assert.equal(await widget.locator('pre.rewritten').isVisible(), false);
  await widget.locator('mark').first().focus();
  const tip = widget.locator('.tip');
  assert.equal(await tip.isVisible(), true);
  assert.match(await tip.textContent(), /DW\d{4}/);
  await widget.locator('li.finding').first().click();
  assert.equal(await page.evaluate(() => document.getElementById('inline').shadowRoot.activeElement?.tagName), 'MARK');
  await page.close();
});

test('themes: the theme attribute and prefers-color-scheme', async () => {
  const { page } = await openHostPage();
  const background = () => page.evaluate(() => Object.fromEntries(['inline', 'dark', 'light'].map((id) => [id,
    getComputedStyle(document.getElementById(id).shadowRoot.querySelector('.dw')).backgroundColor])));
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  assert.equal(light.inline, 'rgb(255, 255, 255)');
  assert.equal(light.dark, 'rgb(13, 17, 23)');
  assert.equal(light.light, 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  assert.equal(dark.inline, 'rgb(13, 17, 23)', 'follows the reader\'s dark preference');
  assert.equal(dark.light, 'rgb(255, 255, 255)', 'theme="light" wins over the preference');
  await page.close();
});

test('marked Dockerfile code blocks are upgraded, others are left alone', async () => {
  const { page } = await openHostPage();
  const marked = await page.$eval('#marked-pre', (pre) => ({ hidden: pre.hidden, before: pre.previousElementSibling?.localName }));
  assert.deepEqual(marked, { hidden: true, before: 'dockwise-review' }, 'a widget before the marked <pre>, which is hidden');
  assert.equal(await page.$$eval('.highlight[data-dockwise] > dockwise-review', (n) => n.length), 1, 'MkDocs-style wrapper');
  assert.equal(await page.$$eval('#by-class > dockwise-review', (n) => n.length), 1, 'marked by a dockwise class');
  assert.equal(await page.$eval('#plain-docker', (pre) => pre.hidden), false, 'unmarked without data-auto: kept');
  assert.equal(await page.$eval('#not-docker', (pre) => pre.hidden), false, 'not a Dockerfile: kept');
  // A block added later (a single-page site navigating) is upgraded too, once.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend',
    '<pre id="late"><code class="language-dockerfile" data-dockwise>FROM rockylinux:latest</code></pre>'));
  await page.waitForFunction(() => document.getElementById('late').previousElementSibling?.shadowRoot?.querySelector('li.finding'));
  assert.equal(await page.$$eval('dockwise-review', (n) => n.length), 10);
  await page.close();
});

for (const [how, file] of [['data-auto on the script tag', 'auto.html'], ['?auto in the script URL', 'auto-query.html']]) test(`${how} upgrades every Dockerfile block`, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/${file}`);
  await page.waitForFunction(() => document.querySelectorAll('dockwise-review').length === 2
    && [...document.querySelectorAll('dockwise-review')].every((w) => w.shadowRoot.querySelector('li.finding')), null, { timeout: 20000 });
  assert.equal(await page.$$eval('code.language-python', (n) => n.length), 1);
  await page.close();
});
