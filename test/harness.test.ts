import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnStudio, spawnUntilLine } from './helpers/spawn-server.ts';
import { repoRoot, tempFolder } from './helpers.ts';

/** uvu's runner on one file of test/fixtures/harness, as `npm test` runs the suite, counting as CI does. */
function runFixture(name: string, countFile?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Not counted in CI's own count (.ci/run), unless asked to count into a file of its own.
    const { ZSWEEP_TEST_COUNT_FILE: _, NODE_OPTIONS: __, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = { ...inherited, FORCE_COLOR: '0' };
    if (countFile) {
      env.ZSWEEP_TEST_COUNT_FILE = countFile;
      env.NODE_OPTIONS = `--import=${join(repoRoot, 'test/helpers/count-tests.mjs')}`;
    }
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'node_modules/uvu/bin.js', '--color=false', 'test/fixtures/harness', `^${name}\\.ts$`],
      { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function checkCount(countFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['test/helpers/check-test-count.mjs', countFile], { cwd: repoRoot });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test("uvu alone passes a file whose before hook throws; CI's count catches it", async () => {
  const countFile = join(tempFolder(), 'count.txt');
  const raw = await runFixture('raw-before-throws', countFile);
  // The upstream bug this harness works around: exit 0, nothing ran.
  assert.is(raw.code, 0, raw.output);
  assert.match(raw.output, /Passed: +0/);
  assert.is(readFileSync(countFile, 'utf8'), 'registered=1 ran=0 skipped-with-reason=0\n');
  const check = await checkCount(countFile);
  assert.is(check.code, 1, check.output);
  assert.match(check.output, /1 registered, 0 skipped with a reason, 0 ran: 1 never ran/);
});

test('a before hook that throws fails every test with its message', async () => {
  const run = await runFixture('guarded-before-throws');
  assert.is(run.code, 1, run.output);
  assert.match(run.output, /the before hook failed: the studio would not start/);
  assert.match(run.output, /\(0 \/ 2\)/);
});

test('a before hook that never settles fails within its time', async () => {
  const run = await runFixture('guarded-before-hangs');
  assert.is(run.code, 1, run.output);
  assert.match(run.output, /the before hook failed: the before hook did not finish within 0\.3 s/);
});

test('an after hook that throws fails the run with its message', async () => {
  const run = await runFixture('guarded-after-throws');
  assert.is(run.code, 1, run.output);
  assert.match(run.output, /an after hook failed: the browser would not close/);
});

test('a guarded file that works passes, its skip counted as one with a reason', async () => {
  const countFile = join(tempFolder(), 'count.txt');
  const run = await runFixture('guarded-passes', countFile);
  assert.is(run.code, 0, run.output);
  assert.match(run.output, /SKIPPED: skipped with its reason: nothing to run it on/);
  assert.is(readFileSync(countFile, 'utf8'), 'registered=3 ran=2 skipped-with-reason=1\n');
  assert.is((await checkCount(countFile)).code, 0);
});

test('every test file with hooks registers them through guardedTest', () => {
  const hooked = readdirSync(join(repoRoot, 'test'))
    .filter((name) => name.endsWith('.ts'))
    .filter((name) => /\.(before|after)(\.each)?\(/.test(readFileSync(join(repoRoot, 'test', name), 'utf8')));
  for (const name of hooked) {
    assert.match(readFileSync(join(repoRoot, 'test', name), 'utf8'), /= guardedTest\(/, `${name} has hooks outside guardedTest`);
  }
});

test('a server that prints nothing, or exits, fails its start with the reason, and is killed', async () => {
  const silent = spawnUntilLine(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 500 });
  await silent.then(
    () => assert.unreachable('resolved'),
    (error: Error) => assert.match(error.message, /printed no line within 0\.5 s/),
  );
  // A real studio that cannot start: its port is taken.
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  await spawnStudio(tempFolder(), { args: ['--port', String(port)] }).then(
    () => assert.unreachable('started'),
    (error: Error) => assert.match(error.message, /exited with 2 before printing a line; its stderr: .*port is in use/),
  );
  busy.close();
});

test.run();
