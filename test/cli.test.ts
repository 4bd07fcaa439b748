import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gpuUnavailableReason } from '../src/backends/gpu-backend.ts';
import { cliPath as bin, runCli, testUnless } from './helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'zsweep-cli-'));

const expectUsageError = async (args: string[], pattern: RegExp) => {
  const result = await runCli(args);
  assert.is(result.code, 2, `exit code for ${args.join(' ')}: ${result.stderr}`);
  assert.match(result.stderr, pattern);
  assert.is(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
  assert.not.match(result.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  assert.is(result.stdout, '');
};

test('a render prints the path and the seed on stdout, and progress only on stderr', async () => {
  const out = join(folder, 'first.gif');
  const result = await runCli(['--seed', '12', '--size', '16x16', '--frames', '3', '--out', out]);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, `${out}\nseed 12\n`);
  assert.match(result.stderr, /3\/3 frames/);
  assert.ok(existsSync(out));
});

test('--quiet silences stderr', async () => {
  const result = await runCli(['--seed', '1', '--size', '16x16', '--frames', '2', '--out', join(folder, 'quiet.gif'), '--quiet']);
  assert.is(result.code, 0);
  assert.is(result.stderr, '');
});

test("yargs' own errors and bad values: exit 2, one line, nothing written", async () => {
  await expectUsageError(['--quiet=yes'], /^zsweep: Invalid --quiet "yes": --quiet is a switch/);
  await expectUsageError(['--frobnicate'], /^zsweep: Unknown option --frobnicate: see zsweep --help/);
  await expectUsageError(['--size'], /^zsweep: Missing value for --size/);
  await expectUsageError(['paint'], /Unknown command or argument "paint"/);
  await expectUsageError(['--size', '12x', '--out', join(folder, 'never.gif')], /Invalid --size "12x"/);
  await expectUsageError(['--out', join(folder, 'missing-folder', 'x.gif')], /folder .* does not exist/);
  assert.not.ok(existsSync(join(folder, 'never.gif')));
});

test('messages and help are in English whatever the locale (yargs would translate its own into German here)', async () => {
  const env = { ...process.env, LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', LANGUAGE: 'de' };
  const unknown = await runCli(['--frobnicate'], { env });
  assert.is(unknown.code, 2, unknown.stderr);
  assert.match(unknown.stderr, /^zsweep: Unknown option --frobnicate: see zsweep --help/);
  const missing = await runCli(['--size'], { env });
  assert.match(missing.stderr, /^zsweep: Missing value for --size/);
  const help = await runCli(['--help'], { env });
  assert.match(help.stdout, /^Options:$/m);
  assert.not.match(help.stdout, /Optionen|Befehle/);
});

const gpuRuns = (await gpuUnavailableReason()) === undefined;
testUnless(
  test,
  gpuRuns ? 'headless-gl runs here, so --backend gpu does not fail' : undefined,
  '--backend gpu where it cannot run: exit 2, one line that names the fixes',
  async () => {
    await expectUsageError(
      ['--backend', 'gpu', '--frames', '1', '--out', join(folder, 'never.gif')],
      /--backend gpu cannot run here: .*Possible fixes/,
    );
    assert.not.ok(existsSync(join(folder, 'never.gif')));
  },
);

test('an existing file is refused unless --force, and left untouched', async () => {
  const out = join(folder, 'existing.gif');
  writeFileSync(out, 'precious');
  await expectUsageError(['--size', '16x16', '--frames', '1', '--out', out], /already exists: add --force/);
  assert.is(readFileSync(out, 'utf8'), 'precious');
  const forced = await runCli(['--size', '16x16', '--frames', '1', '--out', out, '--force', '--quiet']);
  assert.is(forced.code, 0);
  assert.is(readFileSync(out).subarray(0, 6).toString(), 'GIF89a');
});

test('without --out, renders land in output/ under a fresh name', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'zsweep-default-'));
  const first = await runCli(['--seed', '8', '--size', '16x16', '--frames', '1', '--quiet'], { cwd });
  const second = await runCli(['--seed', '8', '--size', '16x16', '--frames', '1', '--quiet'], { cwd });
  assert.is(first.stdout.split('\n')[0], join('output', 'zsweep-8.mp4'));
  assert.is(second.stdout.split('\n')[0], join('output', 'zsweep-8-2.mp4'));
  assert.equal(readdirSync(join(cwd, 'output')).sort(), ['zsweep-8-2.mp4', 'zsweep-8.mp4']);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} mid-render removes the temporary file and leaves the old file untouched`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zsweep-signal-'));
    const out = join(dir, 'loop.gif');
    writeFileSync(out, 'old');
    const child = spawn(process.execPath, [bin, '--size', '128x128', '--frames', '1000000', '--out', out, '--force'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        // Wait until frames are being written, so there is a partial file to clean up.
        if (/ [1-9]\d*\/1000000 frames/.test(stderr) && readdirSync(dir).length > 1) resolve();
      });
      child.on('close', (code) => reject(new Error(`the render ended (exit ${code}) before it could be interrupted: ${stderr}`)));
    });
    assert.ok(
      readdirSync(dir).some((name) => name.includes('zsweep-tmp')),
      'a temporary file exists mid-render',
    );
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.is(code, signal === 'SIGINT' ? 130 : 143);
    assert.equal(readdirSync(dir), ['loop.gif']);
    assert.is(readFileSync(out, 'utf8'), 'old');
  });
}

test.run();
