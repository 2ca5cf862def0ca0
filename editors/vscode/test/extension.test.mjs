// The VS Code extension's contract with `dockwise server`, through the LSP client library the extension itself
// runs on (vscode-languageserver-protocol over vscode-jsonrpc, from vscode-languageclient's dependencies): the
// command it starts, the settings it sends at start and on change, and the .vsix it ships. Expectations come from
// the CLI (`dockwise check` / `dockwise fix`) on the same text, never from numbers copied here.
//
// Needs DOCKWISE_BIN (the dockwise binary) and DOCKWISE_VSIX (the packaged extension); `cargo xtask vsix` sets
// both. VS Code itself is not downloadable here, so the editor side is the compiled out/settings.js the extension
// imports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.dirname(here);
const require = createRequire(import.meta.url);
const protocol = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { serverCommand, serverSettings, DOCUMENT_SELECTOR } = require(path.join(extensionDir, 'out/settings.js'));

function required(name) {
  const value = process.env[name];
  if (!value || !fs.existsSync(value)) {
    throw new Error(`${name} must name an existing file (got ${JSON.stringify(value)}): run \`cargo xtask vsix\``);
  }
  return value;
}

const BIN = required('DOCKWISE_BIN');
const VSIX = required('DOCKWISE_VSIX');

// A Flask app written the way students do: several findings, at least one with a safe fix.
const TEXT = 'FROM python:latest\nMAINTAINER Ana <ana@example.com>\nCOPY . /app\nRUN pip install flask\nCMD python /app/app.py\n';
const project = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-vscode-'));
const file = path.join(project, 'Dockerfile');
fs.writeFileSync(file, TEXT);
const URI = pathToFileURL(file).href;

/** `dockwise ARGS` on `text` in the project folder (no configuration file there). */
function cli(args, text) {
  const run = spawnSync(BIN, args, { input: text, cwd: project, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, `dockwise ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** (code, 0-based line) of every finding `dockwise check` reports with these rule flags, sorted. */
function expectedFindings(text, flags = []) {
  const out = cli(['check', '--format', 'json', '--stdin-filename', 'Dockerfile', ...flags, '-'], text);
  return JSON.parse(out)[0].findings.map((f) => `${f.rule}@${f.line - 1}`).sort();
}

const codes = (diagnostics) => diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();

let server;
let connection;
let exited;
const published = [];
let waiters = [];

function nextDiagnostics(label) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics ${label} within 10 s`)), 10_000);
    waiters.push((params) => {
      clearTimeout(timer);
      resolve(params);
    });
  });
}

before(async () => {
  const { command, args } = serverCommand({ path: BIN });
  server = spawn(command, args, { cwd: project, stdio: ['pipe', 'pipe', 'inherit'] });
  exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  connection = protocol.createProtocolConnection(
    new protocol.StreamMessageReader(server.stdout),
    new protocol.StreamMessageWriter(server.stdin),
  );
  connection.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    const waiting = waiters;
    waiters = [];
    for (const w of waiting) w(params);
  });
  connection.listen();
});

after(() => {
  if (server.exitCode === null) server.kill();
  fs.rmSync(project, { recursive: true, force: true });
});

test('the extension starts `dockwise server --stdio` for files named like Dockerfiles', () => {
  assert.deepEqual(serverCommand({}), { command: 'dockwise', args: ['server', '--stdio'] });
  assert.deepEqual(serverCommand({ path: '  /opt/dockwise  ' }).command, '/opt/dockwise');
  assert.ok(DOCUMENT_SELECTOR.some((s) => s.language === 'dockerfile'));
  const pattern = DOCUMENT_SELECTOR.find((s) => s.pattern).pattern;
  for (const name of ['Dockerfile', 'Containerfile', 'api.Dockerfile', 'Dockerfile.dev']) {
    assert.ok(pattern.includes(name.replace(/^api/, '*').replace(/dev$/, '*')), `${pattern} covers ${name}`);
  }
});

test('an empty "dockwise.config" means the nearest file, and "dockwise.path" stays in the extension', () => {
  const sent = serverSettings({ path: 'dockwise', config: ' ', disable: ['DW1005'] });
  assert.equal(sent.dockwise.config, undefined);
  assert.equal(sent.dockwise.path, undefined);
  assert.deepEqual(sent.dockwise.disable, ['DW1005']);
  assert.equal(serverSettings({ config: 'ci/.hadolint.yaml' }).dockwise.config, 'ci/.hadolint.yaml');
});

let disabled;

test('initialize with the extension\'s settings, open, change: diagnostics equal `dockwise check` with the same flags', async () => {
  // An incremental change, made below: `USER 10001` inserted before CMD (line 4).
  const document = TextDocument.create(URI, 'dockerfile', 1, TEXT);
  const change = { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'USER 10001\n' };
  const changedText = TextDocument.applyEdits(document, [{ range: change.range, newText: change.text }]);
  const all = expectedFindings(TEXT);
  assert.ok(all.length >= 3, `the example has findings: ${all}`);
  // The rule the settings turn off: one that fires before and after the change, so turning it back on shows.
  const after = expectedFindings(changedText).map((c) => c.split('@')[0]);
  disabled = all.map((c) => c.split('@')[0]).find((code) => after.includes(code));
  assert.ok(disabled, `a rule fires both before and after the change: ${all} / ${after}`);
  const init = await connection.sendRequest(protocol.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(project).href,
    capabilities: {
      textDocument: {
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
    initializationOptions: serverSettings({ path: BIN, disable: [disabled], config: '' }),
  });
  assert.equal(init.capabilities.textDocumentSync.change, protocol.TextDocumentSyncKind.Incremental);
  assert.ok(init.capabilities.codeActionProvider && init.capabilities.hoverProvider);
  await connection.sendNotification(protocol.InitializedNotification.type, {});

  const opened = nextDiagnostics('after didOpen');
  await connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT },
  });
  const first = await opened;
  assert.deepEqual(codes(first.diagnostics), expectedFindings(TEXT, ['--disable', disabled]));
  assert.ok(!codes(first.diagnostics).some((c) => c.startsWith(`${disabled}@`)), `${disabled} is disabled`);
  for (const d of first.diagnostics) {
    assert.equal(d.source, 'dockwise');
    assert.match(d.codeDescription.href, /^https?:\/\//, `${d.code} links to its docs`);
  }

  const changed = nextDiagnostics('after didChange');
  await connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [change],
  });
  const second = await changed;
  assert.deepEqual(codes(second.diagnostics), expectedFindings(changedText, ['--disable', disabled]));
  assert.notDeepEqual(codes(second.diagnostics), codes(first.diagnostics), 'the change moved or removed findings');
  globalThis.current = changedText;
});

test('"Fix all safe" gives exactly `dockwise fix`\'s text, and each quick fix applies', async () => {
  const text = globalThis.current;
  const document = TextDocument.create(URI, 'dockerfile', 2, text);
  const lines = text.split('\n').length - 1;
  const actions = await connection.sendRequest(protocol.CodeActionRequest.type, {
    textDocument: { uri: URI },
    range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
    context: { diagnostics: published.at(-1).diagnostics, only: ['source.fixAll.dockwise'] },
  });
  assert.equal(actions.length, 1, `one fix-all action: ${actions.map((a) => a.title)}`);
  const edits = actions[0].edit.changes[URI];
  const fixed = TextDocument.applyEdits(document, edits);
  assert.equal(fixed, cli(['fix', '--disable', disabled, '--stdin-filename', 'Dockerfile', '-'], text));
  assert.notEqual(fixed, text, 'the example has safe fixes');

  const quick = await connection.sendRequest(protocol.CodeActionRequest.type, {
    textDocument: { uri: URI },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
    context: { diagnostics: published.at(-1).diagnostics.filter((d) => d.range.start.line === 0), only: ['quickfix'] },
  });
  assert.ok(quick.length > 0, 'line 1 has quick fixes (a fix or "Disable ... for this line")');
  for (const action of quick) {
    const after = TextDocument.applyEdits(document, action.edit.changes[URI]);
    assert.notEqual(after, text, `${action.title} changes the text`);
  }
});

test('hover on FROM explains the base image', async () => {
  const hover = await connection.sendRequest(protocol.HoverRequest.type, {
    textDocument: { uri: URI },
    position: { line: 0, character: 8 },
  });
  assert.ok(hover, 'a hover on the image');
  assert.match(JSON.stringify(hover.contents), /python/i);
});

test('a settings change from the extension republishes with the new rules', async () => {
  const text = globalThis.current;
  const republished = nextDiagnostics('after didChangeConfiguration');
  await connection.sendNotification(protocol.DidChangeConfigurationNotification.type, {
    settings: serverSettings({ path: BIN, disable: [], severity: { [disabled]: 'error' } }),
  });
  const now = await republished;
  assert.deepEqual(codes(now.diagnostics), expectedFindings(text, ['--severity', `${disabled}=error`]));
  const back = now.diagnostics.filter((d) => d.code === disabled);
  assert.ok(back.length > 0, `${disabled} is back`);
  for (const d of back) assert.equal(d.severity, protocol.DiagnosticSeverity.Error);
});

test('an unknown request gets an error and the server keeps answering; shutdown and exit end it with 0', async () => {
  await assert.rejects(connection.sendRequest('dockwise/noSuchMethod', {}), (e) => e.code === -32601);
  const hover = await connection.sendRequest(protocol.HoverRequest.type, {
    textDocument: { uri: URI },
    position: { line: 0, character: 1 },
  });
  assert.ok(hover, 'still answering after the error');
  await connection.sendRequest(protocol.ShutdownRequest.type);
  await connection.sendNotification(protocol.ExitNotification.type);
  assert.equal(await exited, 0);
});

test('the .vsix holds the compiled extension, its runtime dependencies and no sources', () => {
  const list = spawnSync('python3', ['-c', 'import json,sys,zipfile; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))', VSIX], { encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  const names = JSON.parse(list.stdout);
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
  const main = path.posix.join('extension', manifest.main);
  for (const needed of ['extension/package.json', 'extension.vsixmanifest', main, 'extension/out/settings.js',
    'extension/node_modules/vscode-languageclient/lib/node/main.js', 'extension/LICENSE.txt', 'extension/readme.md']) {
    assert.ok(names.includes(needed), `${needed} is in ${VSIX}`);
  }
  assert.ok(!names.some((n) => n.startsWith('extension/src/') || n.startsWith('extension/test/')), 'no sources');
  // Every setting the extension declares reaches the server, except the binary's path.
  const declared = Object.keys(manifest.contributes.configuration.properties).map((k) => k.replace('dockwise.', ''));
  const sent = Object.keys(serverSettings({ config: 'x' }).dockwise);
  assert.deepEqual(declared.filter((k) => k !== 'path').sort(), sent.sort());
});
