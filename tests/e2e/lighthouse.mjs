// Benchmark (not part of the test run): `node tests/e2e/lighthouse.mjs` after `cargo xtask build`, or through
// `cargo xtask bench`. Runs Lighthouse (npm, installed by `cargo xtask setup`) against the release bundle served
// with brotli as a static host would, on Debian's Chromium with Lighthouse's simulated throttling (mobile: slow 4G
// and a 4x slower CPU; desktop), three runs each, and prints the median run's scores and metrics against the goals.
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { serve } from './harness.mjs';

const RUNS = 3;
const GOALS = { performance: 90, cls: 0.1 };
const modules = process.env.DOCKWISE_NODE_MODULES;
if (!modules) throw new Error('DOCKWISE_NODE_MODULES is not set: run it through `cargo xtask bench`');
const cli = path.join(modules, 'lighthouse/cli/index.js');
if (!fs.existsSync(cli)) throw new Error(`no Lighthouse at ${cli}: run \`cargo xtask setup\``);

async function lighthouse(url, formFactor) {
  const args = [cli, url, '--quiet', '--output=json', '--output-path=stdout',
    '--only-categories=performance,accessibility,best-practices',
    '--chrome-flags=--headless=new --no-sandbox --no-first-run'];
  if (formFactor === 'desktop') args.push('--preset=desktop');
  // Asynchronous: the server answering Chromium runs in this process, so its event loop must keep turning.
  const child = spawn(process.execPath, args, {
    env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  });
  const run = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => { run.stdout += d; });
  child.stderr.on('data', (d) => { run.stderr += d; });
  run.status = await new Promise((resolve) => child.on('close', resolve));
  if (run.status !== 0) throw new Error(`lighthouse failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const report = JSON.parse(run.stdout);
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message}`);
  const audit = (id) => report.audits[id].numericValue;
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    bestPractices: Math.round(report.categories['best-practices'].score * 100),
    fcp: audit('first-contentful-paint'), lcp: audit('largest-contentful-paint'),
    cls: audit('cumulative-layout-shift'), tbt: audit('total-blocking-time'), si: audit('speed-index'),
    lcpElement: (report.audits['largest-contentful-paint-element']?.details?.items ?? [])
      .flatMap((table) => table.items ?? []).find((row) => row.node)?.node?.selector
      // Lighthouse cannot describe an element the page has removed since: the static shell's example.
      ?? 'an element since removed: the static shell',
  };
}

const server = await serve(undefined, { compress: true });
try {
  console.log(`Lighthouse ${JSON.parse(fs.readFileSync(path.join(modules, 'lighthouse/package.json'), 'utf8')).version}, `
    + `${RUNS} runs per form factor, bundle served with brotli`);
  for (const formFactor of ['mobile', 'desktop']) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await lighthouse(server.url + '/', formFactor));
    runs.sort((a, b) => a.performance - b.performance);
    const m = runs[Math.floor(runs.length / 2)];
    const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`${formFactor.padEnd(7)} performance ${m.performance} (runs: ${runs.map((r) => r.performance).join(', ')}; `
      + `goal >= ${GOALS.performance}: ${m.performance >= GOALS.performance ? 'met' : 'NOT met'}), `
      + `accessibility ${m.accessibility}, best practices ${m.bestPractices}`);
    console.log(`        FCP ${s(m.fcp)}, LCP ${s(m.lcp)} (${m.lcpElement}), CLS ${m.cls.toFixed(3)} `
      + `(goal < ${GOALS.cls}: ${m.cls < GOALS.cls ? 'met' : 'NOT met'}), TBT ${Math.round(m.tbt)} ms, speed index ${s(m.si)}`);
  }
} finally {
  await server.close();
}
