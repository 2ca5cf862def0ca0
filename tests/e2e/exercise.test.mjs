// Exercise mode end to end: pick an exercise, fix the Dockerfile in the editor and watch the goals turn green,
// reveal hints, keep progress across a reload, share an exercise (authored in the page) by link and open it in a
// fresh browser. `DOCKWISE_DIST` serves another bundle folder than dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, artifact, openPlayground, setSource, waitForReview, root } from './harness.mjs';

const builtin = (name) => JSON.parse(fs.readFileSync(
  path.join(root, 'crates/dockwise/src/exercise/builtin', `${name}.json`), 'utf8'));

let server, browser, page;

before(async () => {
  server = await serve(process.env.DOCKWISE_DIST || undefined);
  browser = await launch();
  page = await openPlayground(browser, server.url, { viewport: { width: 1400, height: 1000 } });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const goalStates = (p) => p.$$eval('#exercise-goals li', (items) => items.map((li) => li.dataset.passed === 'true'));

async function openExerciseTab(p) {
  await p.click('#tab-exercise');
  await p.waitForSelector('#exercise-goals li');
  await waitForReview(p);
}

test('the exercise tab opens the first exercise with its starting Dockerfile and failing goals', async () => {
  await openExerciseTab(page);
  const first = builtin('python-01-env');
  assert.equal(await page.textContent('#exercise-title'), first.title);
  assert.equal(await page.inputValue('#source'), first.starting);
  const states = await goalStates(page);
  assert.equal(states.length, first.goals.length);
  assert.ok(states.some((s) => !s), `the starting file fails a goal: ${states}`);
  assert.match(await page.textContent('#exercise-instructions'), /Flask/);
  assert.equal(await page.$('#exercise-done'), null);
});

test('goals turn green as the Dockerfile is fixed in the editor', async () => {
  const ex = builtin('python-02-pip-cache');
  await page.selectOption('#exercise-picker', 'python-02-pip-cache');
  await page.waitForFunction((t) => document.querySelector('#exercise-title')?.textContent === t, ex.title);
  assert.equal(await page.inputValue('#source'), ex.starting);
  assert.deepEqual(await goalStates(page), [false, false, true]);
  // Half-way: the flag on the pip command clears both cache goals.
  await setSource(page, ex.starting.replace('pip install -r', 'pip install --no-cache-dir -r'));
  assert.deepEqual(await goalStates(page), [true, true, true]);
  // Graded in the worker with the review, from the same analysis, not on the main thread.
  assert.equal(await page.getAttribute('html', 'data-review-engine'), 'worker');
  assert.equal(await page.getAttribute('#exercise-goals', 'data-graded-by'), 'review');
  assert.match(await page.textContent('#exercise-score'), /3\/3 goals/);
  assert.ok(await page.$('#exercise-done'), 'the exercise says it is complete');
  // Breaking it again turns a goal red.
  await setSource(page, ex.starting);
  assert.deepEqual(await goalStates(page), [false, false, true]);
  await page.screenshot({ path: artifact('exercise-mode.png'), fullPage: true });
});

test('hints are revealed one at a time', async () => {
  const ex = builtin('python-02-pip-cache');
  assert.equal(await page.$$eval('#exercise-hints li', (l) => l.length), 0);
  await page.click('#exercise-hint');
  assert.deepEqual(await page.$$eval('#exercise-hints li', (l) => l.map((x) => x.textContent)), [ex.hints[0].replaceAll('`', '')]);
  await page.click('#exercise-hint');
  assert.equal(await page.$$eval('#exercise-hints li', (l) => l.length), 2);
  assert.equal(await page.$('#exercise-hint'), null, 'no more hints to reveal');
});

test('progress (the exercise, the text, the hints) survives a reload', async () => {
  const ex = builtin('python-02-pip-cache');
  const fixed = ex.solution;
  await setSource(page, fixed);
  await page.reload();
  await waitForReview(page);
  await openExerciseTab(page);
  assert.equal(await page.textContent('#exercise-title'), ex.title);
  assert.equal(await page.inputValue('#source'), fixed);
  assert.ok((await goalStates(page)).every(Boolean));
  assert.equal(await page.$$eval('#exercise-hints li', (l) => l.length), 2);
  // The picker marks the exercise done.
  const label = await page.$eval('#exercise-picker option[value="python-02-pip-cache"]', (o) => o.textContent);
  assert.match(label, /^✓ /);
});

test('a teacher authors an exercise in the page; its share link opens it in a fresh browser', async () => {
  // A bad goal is refused with the field named.
  const bad = { title: 'Mine', starting: 'FROM python:3.12\n', goals: [{ kind: 'finall-stage' }] };
  await page.click('#exercise-author summary');
  await page.fill('#exercise-json', JSON.stringify(bad));
  await page.click('#exercise-author-load');
  assert.match(await page.textContent('#exercise-author-error'), /goals\[0\]\.kind: unknown goal "finall-stage"; did you mean "final-stage-non-root"\?/);

  const mine = {
    title: 'Expose the port',
    instructions: 'Document the **port** with `EXPOSE`.',
    starting: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
    goals: [{ exposes: 8000, description: 'Port 8000 is documented' }, 'exec-form-cmd'],
    hints: ['EXPOSE 8000'],
  };
  await page.fill('#exercise-json', JSON.stringify(mine));
  await page.click('#exercise-author-load');
  await page.waitForFunction((t) => document.querySelector('#exercise-title')?.textContent === t, mine.title);
  await waitForReview(page);
  assert.equal(await page.inputValue('#source'), mine.starting);
  assert.deepEqual(await goalStates(page), [false, true]);
  await page.evaluate(() => history.replaceState(null, '', location.pathname));
  await page.click('#exercise-share');
  // The browser deflates the link (CompressionStream), so the fragment is set a moment after the click.
  await page.waitForFunction(() => location.hash.startsWith('#x='));
  const link = page.url();
  assert.match(link, /#x=[A-Za-z0-9_-]+$/);

  const other = await launch();
  try {
    const p = await openPlayground(other, link);
    await p.waitForSelector('#exercise-goals li');
    await waitForReview(p);
    assert.equal(await p.textContent('#exercise-title'), mine.title);
    assert.equal(await p.textContent('#exercise-instructions strong'), 'port');
    assert.equal(await p.inputValue('#source'), mine.starting);
    assert.deepEqual(await p.$$eval('#exercise-goals li .description', (l) => l.map((x) => x.textContent)),
      ['Port 8000 is documented', 'CMD/ENTRYPOINT use the exec (JSON) form']);
    await setSource(p, 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["python", "app.py"]\n');
    assert.deepEqual(await goalStates(p), [true, true]);
    assert.deepEqual(p.consoleErrors, []);
    assert.deepEqual(await p.evaluate(() => window.__cspViolations), []);
  } finally {
    await other.close();
  }
  assert.deepEqual(page.consoleErrors, []);
});
