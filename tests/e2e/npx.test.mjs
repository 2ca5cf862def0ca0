// `npx dockwise`: the npm package (target/npm/dockwise, built by `cargo xtask npm`) packed and installed into a
// project as a user would, then run through npx with npm kept offline. Its findings and fixes must be the native
// CLI's (target/debug/dockwise, built by `cargo test`) on the same files, and its exit statuses the native ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './harness.mjs';

const packageDir = path.join(root, 'target/npm/dockwise');
const native = path.join(process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target'), 'debug/dockwise');
let project;

/** Every 20th corpus Dockerfile and every student one: real files of every kind, in a stable order. */
function sample() {
  const files = [];
  for (const dir of ['tests/corpus', 'tests/students']) {
    const walk = (d) => {
      for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(d, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/Dockerfile/i.test(entry.name)) files.push(full);
      }
    };
    walk(path.join(root, dir));
  }
  const corpus = files.filter((f) => f.includes('/tests/corpus/'));
  const students = files.filter((f) => f.includes('/tests/students/'));
  assert.ok(corpus.length > 1000 && students.length > 50, `corpus and students are present: ${corpus.length}, ${students.length}`);
  return [...corpus.filter((_, i) => i % 20 === 0), ...students];
}

function npx(args, input) {
  return spawnSync('npx', ['dockwise', ...args], {
    cwd: project,
    input,
    encoding: 'utf8',
    env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
    maxBuffer: 64 << 20,
  });
}

function dockwise(args, input) {
  // From the empty project folder's sibling, so no configuration file or package.json is found.
  return spawnSync(native, [...args], { cwd: os.tmpdir(), input, encoding: 'utf8', maxBuffer: 64 << 20 });
}

before(() => {
  for (const [what, file, how] of [['npm package', path.join(packageDir, 'package.json'), 'cargo xtask npm'], ['native CLI', native, 'cargo build -p dockwise-cli']]) {
    if (!fs.existsSync(file)) throw new Error(`no ${what} at ${file}: run \`${how}\` first`);
  }
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-npx-'));
  fs.writeFileSync(path.join(project, 'package.json'), '{ "private": true }\n');
  const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', project, packageDir], { encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stderr);
  const tarball = path.join(project, pack.stdout.trim().split('\n').at(-1));
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  assert.ok(fs.existsSync(path.join(project, 'node_modules/.bin/dockwise')), 'npm linked the dockwise bin');
});

after(() => fs.rmSync(project, { recursive: true, force: true }));

const key = (f) => `${f.rule}@${f.line}:${f.column}-${f.end_line}:${f.end_column} ${f.severity}`;

test('npx dockwise check --format json reports what the native CLI reports, file by file', () => {
  const files = sample();
  const ran = npx(['check', '--format', 'json', ...files]);
  assert.ok(ran.status === 0 || ran.status === 1, `npx dockwise check failed (${ran.status}): ${ran.stderr}`);
  const reviews = JSON.parse(ran.stdout);
  assert.equal(reviews.length, files.length);
  let findings = 0;
  for (const [i, file] of files.entries()) {
    const text = fs.readFileSync(file, 'utf8');
    const expected = dockwise(['check', '--format', 'json', '--no-config', '--stdin-filename', 'Dockerfile', '-'], text);
    assert.ok(expected.status === 0 || expected.status === 1, expected.stderr);
    const want = JSON.parse(expected.stdout)[0].findings.map(key).sort();
    assert.deepEqual(reviews[i].findings.map(key).sort(), want, path.relative(root, file));
    assert.equal(reviews[i].path, file);
    findings += want.length;
  }
  assert.ok(findings > files.length, `the sample has findings (${findings} in ${files.length} files)`);
});

test('npx dockwise fix (and --unsafe) writes the native `dockwise fix` text', () => {
  for (const file of sample().filter((_, i) => i % 8 === 0)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const flags of [[], ['--unsafe']]) {
      const ran = npx(['fix', ...flags, file]);
      assert.equal(ran.status, 0, ran.stderr);
      const want = dockwise(['fix', ...flags, '--no-config', '--stdin-filename', 'Dockerfile', '-'], text);
      assert.equal(want.status, 0, want.stderr);
      assert.equal(ran.stdout, want.stdout, `${path.relative(root, file)} ${flags.join(' ')}`);
    }
  }
});

test('exit statuses: 1 on a warning, 0 when clean, 2 on an unknown option or an unreadable file; stdin as -', () => {
  const naive = npx(['check', '-'], 'FROM python:latest\nRUN pip install flask\n');
  assert.equal(naive.status, 1, naive.stdout + naive.stderr);
  assert.match(naive.stdout, /<stdin>:1:\d+: \w+\[DW\d+ [\w-]+\]/);
  const clean = 'FROM scratch\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n';
  assert.equal(dockwise(['check', '--no-config', '--stdin-filename', 'Dockerfile', '-'], clean).status, 0, 'the native CLI finds it clean');
  assert.equal(npx(['check', '-'], clean).status, 0);
  const unknown = npx(['check', '--frobnicate', 'Dockerfile']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown option --frobnicate/);
  const missing = npx(['check', 'no/such/Dockerfile']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read no\/such\/Dockerfile/);
});
