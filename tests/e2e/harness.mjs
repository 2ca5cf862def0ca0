// Shared set-up for end-to-end tests: serve dist/ on 127.0.0.1 (a free port) and drive Debian's Chromium through
// playwright-core (installed by `cargo xtask setup` under DOCKWISE_NODE_MODULES). Nothing here reaches the network.
import { createRequire } from 'node:module';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const dist = path.join(root, 'dist');

function loadPlaywright() {
  const modules = process.env.DOCKWISE_NODE_MODULES;
  if (!modules) throw new Error('DOCKWISE_NODE_MODULES is not set: run the tests through `cargo xtask test`');
  return createRequire(path.join(modules, 'noop.js'))('playwright-core');
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/**
 * Serve `dir` on 127.0.0.1; resolves to { url, close }. With `compress`, answers brotli when the client accepts it,
 * as a static host would (the Lighthouse bench measures transfer sizes a real deployment has).
 */
export function serve(dir = dist, { compress = false } = {}) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`no bundle in ${dir}: run \`cargo xtask build\` first`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
      if (compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        headers['content-encoding'] = 'br';
        body = zlib.brotliCompressSync(body);
      }
      res.writeHead(200, headers).end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

/** Launch headless Chromium with the flags that keep it off the closed network. */
export async function launch() {
  const { chromium } = loadPlaywright();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    context,
    close: async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

/** Where screenshots and other artifacts go (not committed). */
export function artifact(name) {
  const dir = path.join(root, 'tests/artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/**
 * Open the playground (optionally at a fragment) in a new page and wait for the first review. Records every
 * request in `page.requests` and every CSP violation in `window.__cspViolations`.
 */
export async function openPlayground(browser, url, { fragment = '', viewport } = {}) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  page.consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url + fragment);
  await waitForReview(page);
  return page;
}

/** Wait until the findings panel shows a review of the editor's current text. */
export async function waitForReview(page) {
  await page.waitForFunction(() => (document.querySelector('#source')?.value ?? window.__dockwiseReviewed) === window.__dockwiseReviewed
    && window.__dockwiseReviewed !== undefined
    && !document.querySelector('.editor-status')?.textContent.includes('Reviewing'), null, { timeout: 30000 });
}

/** Replace the editor's text and wait for its review. */
export async function setSource(page, text) {
  await page.fill('#source', text);
  await waitForReview(page);
}

/** The rule codes currently listed in the findings panel. */
export function rules(page) {
  return page.$$eval('#findings li[data-rule]', (items) => items.map((li) => li.dataset.rule));
}
