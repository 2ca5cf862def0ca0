// The npm package (target/npm/dockwise, built by `cargo xtask npm`) in Node: it resolves through package.json
// "exports" like an installed dependency, and its objects have exactly the fields dockwise.d.ts declares.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './harness.mjs';

export const packageDir = path.join(root, 'target/npm/dockwise');
let dw;

before(async () => {
  if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
    throw new Error(`no npm package in ${packageDir}: run \`cargo xtask npm\` first`);
  }
  // Install it the way a user would (node_modules/dockwise) and import it by name.
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-npm-'));
  fs.mkdirSync(path.join(project, 'node_modules'));
  fs.symlinkSync(packageDir, path.join(project, 'node_modules/dockwise'), 'dir');
  fs.writeFileSync(path.join(project, 'use.mjs'), "export * from 'dockwise';\n");
  dw = await import(pathToFileURL(path.join(project, 'use.mjs')).href);
  await dw.init();
});

/** Field names of `interface NAME` in dockwise.d.ts: { required, optional }. */
function declared(name) {
  const dts = fs.readFileSync(path.join(packageDir, 'dockwise.d.ts'), 'utf8');
  const body = dts.match(new RegExp(`export interface ${name}(?: extends \\w+)? \\{([\\s\\S]*?)\\n\\}`));
  assert.ok(body, `dockwise.d.ts declares ${name}`);
  const fields = [...body[1].matchAll(/^\s+(\w+)(\??):/gm)];
  return {
    required: fields.filter((f) => !f[2]).map((f) => f[1]).sort(),
    optional: fields.filter((f) => f[2]).map((f) => f[1]),
  };
}

function assertShape(name, value) {
  const { required, optional } = declared(name);
  const keys = Object.keys(value);
  assert.deepEqual(keys.filter((k) => !optional.includes(k)).sort(), required, `${name} has exactly the declared fields`);
}

const NAIVE = 'FROM python:latest\nCOPY . /app\nRUN pip install flask\nCMD python app.py\n';

test('review returns a Review whose every object matches dockwise.d.ts', () => {
  const review = dw.review(NAIVE);
  assertShape('Review', review);
  assert.ok(review.findings.length >= 3, `the naive Dockerfile has findings: ${review.findings.map((f) => f.rule)}`);
  for (const finding of review.findings) {
    assertShape('Finding', finding);
    if (finding.fix) {
      assertShape('Fix', finding.fix);
      for (const edit of finding.fix.edits) assertShape('Edit', edit);
    }
  }
  for (const change of review.changes) {
    assertShape('Change', change);
    if (change.saves) assertShape('Saving', change.saves);
  }
  assert.ok(review.changes.some((c) => c.saves), 'some change says what it saves');
  if (review.estimate) assertShape('Estimate', review.estimate);
  const latest = review.findings.find((f) => f.rule === 'DW2007');
  assert.equal(latest.aliases.hadolint, 'DL3007');
  assert.equal(latest.line, 1);
  assert.notEqual(review.rewritten, NAIVE);
});

test('syntax errors come back as data with UTF-16 offsets', () => {
  const review = dw.review('FROM alpine\nFORM x\n');
  assert.equal(review.syntax_errors.length, 1);
  assertShape('SyntaxError', review.syntax_errors[0]);
  assert.equal(review.syntax_errors[0].line, 2);
});

test('rules lists every rule with its docs', () => {
  const rules = dw.rules();
  assert.ok(rules.length > 50, `${rules.length} rules`);
  for (const rule of rules) assertShape('Rule', rule);
  const latest = rules.find((r) => r.code === 'DW2007');
  assert.equal(latest.aliases.hadolint, 'DL3007');
  rules.length = 0; // the caller's copy: the next call is unaffected
  assert.ok(dw.rules().length > 50);
});

test('options switch rules off, select only some, and override severities', () => {
  const codes = (options) => dw.review(NAIVE, options).findings.map((f) => f.rule);
  assert.ok(codes().includes('DW2007'));
  assert.ok(!codes({ disable: ['DL3007'] }).includes('DW2007'), 'disabled by its hadolint code');
  assert.deepEqual([...new Set(codes({ only: ['DW2007'] }))], ['DW2007']);
  const severity = dw.review(NAIVE, { only: ['DW2007'], severity: { DW2007: 'error' } }).findings[0].severity;
  assert.equal(severity, 'error');
});

test('fix applies safe fixes by default and unsafe ones on request', () => {
  const safe = dw.fix(NAIVE);
  const all = dw.fix(NAIVE, { unsafe: true });
  assertShape('FixResult', safe);
  assert.equal(safe.converged, true);
  assert.ok(safe.changes.every((c) => c.applicability === 'safe'), 'only safe changes without unsafe: true');
  assert.ok(all.changes.some((c) => c.applicability === 'unsafe'), 'unsafe changes with unsafe: true');
  assert.notEqual(safe.text, all.text);
  assert.equal(dw.review(NAIVE).rewritten, safe.text, 'review rewrites with the same safe fixes');
  assert.equal(dw.review(NAIVE, { unsafe: true }).rewritten, all.text);
  const onlyLatest = dw.fix(NAIVE, { only: ['DL3007'], unsafe: true });
  assert.ok(onlyLatest.changes.length > 0 && onlyLatest.changes.every((c) => c.rules.includes('DW2007')), 'options apply to fix');
});

test('bad input and options are real Errors with clear messages', () => {
  assert.throws(() => dw.review(NAIVE, { no_such_option: 1 }), (e) => e instanceof Error && /no_such_option/.test(e.message));
  assert.throws(() => dw.fix(NAIVE, { severity: { DW2007: 'loud' } }), (e) => e instanceof Error && /dockwise/.test(e.message));
  assert.throws(() => dw.review(42), TypeError);
  assert.throws(() => dw.review(NAIVE, 'disable DL3007'), TypeError);
});

test('calling before init is an Error that says what to do', async () => {
  const fresh = await import(`${pathToFileURL(path.join(packageDir, 'index.js')).href}?fresh`);
  assert.throws(() => fresh.review('FROM a\n'), /await init\(\)/);
});

test('UTF-16 offsets index JavaScript strings where byte offsets do not', () => {
  const source = '# 🐳 Dockerfile für die Café-App ☕\nFROM python:latest\nLABEL note="naïve 🚀"\nRUN pip install flask\n';
  const bytes = Buffer.from(source, 'utf8');
  const review = dw.review(source);
  assert.ok(review.findings.length > 0);
  for (const f of review.findings) {
    const byBytes = bytes.subarray(f.start, f.end).toString('utf8');
    assert.equal(source.slice(f.start_utf16, f.end_utf16), byBytes, `${f.rule} spans the same text both ways`);
    for (const edit of f.fix?.edits ?? []) {
      assert.equal(source.slice(edit.start_utf16, edit.end_utf16), bytes.subarray(edit.start, edit.end).toString('utf8'));
    }
  }
  const latest = review.findings.find((f) => f.rule === 'DW2007');
  assert.ok(latest.start > latest.start_utf16, 'the emoji and accents come before: bytes and UTF-16 differ');
  assert.match(source.slice(latest.start_utf16, latest.end_utf16), /latest/);
  // Applying a fix's edits through UTF-16 offsets gives valid text.
  const pip = review.findings.find((f) => f.fix && f.fix.edits.length && f.start > 40);
  if (pip) {
    let text = source;
    for (const e of [...pip.fix.edits].sort((a, b) => b.start_utf16 - a.start_utf16)) {
      text = text.slice(0, e.start_utf16) + e.text + text.slice(e.end_utf16);
    }
    assert.ok(text.startsWith('# 🐳 Dockerfile für die Café-App ☕\n'));
    assert.ok(!text.includes('\uFFFD'));
  }
});
