#!/usr/bin/env node
// `npx dockwise check Dockerfile`: the WebAssembly engine from the command line, for machines without the native
// binary. A small subset of the native CLI: `check [--format json] FILE...` and `fix [--unsafe] FILE`.
// Exit status as the native CLI: 0 clean, 1 a finding at warning or above (or a syntax error), 2 usage/unreadable.
import { readFile } from 'node:fs/promises';
import { init, review, fix } from './node.js';

const RANK = { style: 0, info: 1, warning: 2, error: 3 };
const USAGE = 'usage: dockwise check [--format pretty|json] FILE...\n       dockwise fix [--unsafe] FILE';

async function main(argv) {
  const [command, ...rest] = argv;
  const flags = [];
  const paths = [];
  let format = 'pretty';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-f' || arg === '--format') format = rest[++i];
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('-') && arg !== '-') flags.push(arg);
    else paths.push(arg);
  }
  const known = ['--unsafe'];
  const unknown = flags.find((f) => !known.includes(f));
  if (unknown || !['pretty', 'json'].includes(format)) {
    console.error(`dockwise: error: ${unknown ? `unknown option ${unknown}` : `unknown format ${format}`}\n${USAGE}`);
    return 2;
  }
  if (!['check', 'fix'].includes(command) || paths.length === 0) {
    console.error(USAGE);
    return 2;
  }
  await init();
  const read = (path) => (path === '-' ? readStdin() : readFile(path, 'utf8'));
  if (command === 'fix') {
    const result = fix(await read(paths[0]), { unsafe: flags.includes('--unsafe') });
    process.stdout.write(result.text);
    return 0;
  }
  let status = 0;
  const reviews = [];
  for (const path of paths) {
    let source;
    try {
      source = await read(path);
    } catch (e) {
      console.error(`dockwise: error: cannot read ${path}: ${e.message}`);
      status = 2;
      continue;
    }
    const result = review(source);
    result.path = path === '-' ? '<stdin>' : path;
    reviews.push(result);
    const failed = result.syntax_errors.length > 0 || result.findings.some((f) => RANK[f.severity] >= RANK.warning);
    if (failed && status === 0) status = 1;
  }
  if (format === 'json') {
    process.stdout.write(JSON.stringify(reviews, null, 2) + '\n');
  } else {
    for (const r of reviews) {
      for (const e of r.syntax_errors) console.log(`${r.path}:${e.line}:${e.column}: error[syntax]: ${e.message}`);
      for (const f of r.findings) {
        console.log(`${r.path}:${f.line}:${f.column}: ${f.severity}[${f.rule} ${f.name}]: ${f.message.split('\n')[0]}`);
      }
    }
    const total = reviews.reduce((n, r) => n + r.findings.length + r.syntax_errors.length, 0);
    console.log(`${reviews.length} file(s) checked, ${total} finding(s)`);
  }
  return status;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

// exitCode, not process.exit(): exiting at once cuts off output still queued for a pipe (a JSON report of more
// than 64 KB arrived truncated; tests/e2e/npx.test.mjs).
main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (e) => {
    console.error(`dockwise: error: ${e.message}`);
    process.exitCode = 2;
  },
);
