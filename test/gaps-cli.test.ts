import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { presets } from '../src/recipe/presets.ts';
import { alive, ffmpegsOf } from './helpers/processes.ts';
import { cliPath, ffmpegPath, repoRoot, runCli, tempFolder } from './helpers.ts';
import { parseRender } from './render-helpers.ts';

/** Every file under `folder` (one level of subfolders), as `name` or `sub/name`, sorted. */
function listing(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? readdirSync(join(folder, entry.name)).map((name) => `${entry.name}/${name}`) : [entry.name]))
    .sort();
}

/** A safety net for waits on a process: the event itself is what the tests wait for, this only ends a hang. */
const hangMs = 120_000;

/** Until `ready()` holds (checked every 10 ms), or fails with `what()` when `ended` settles first or after `hangMs`. */
function until(ready: () => boolean, what: () => string, ended: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (!ready()) return;
      clearInterval(poll);
      resolve();
    }, 10);
    ended.then(() => {
      clearInterval(poll);
      reject(new Error(`the render ended before ${what()}`));
    });
    setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`still not ${what()} after ${hangMs / 1000} s`));
    }, hangMs).unref();
  });
}

test("a second Ctrl-C during a video's first frame: ffmpeg is killed too, so no file appears after zsweep exits", async () => {
  const folder = tempFolder();
  const out = join(folder, 'loop.mp4');
  const child = spawn(
    process.execPath,
    [
      cliPath,
      '--size',
      '256x256',
      '--layers',
      '16',
      '--hidden',
      '128',
      '--frames',
      '10',
      '--backend',
      'cpu',
      '--ffmpeg',
      ffmpegPath,
      '--out',
      out,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (data) => (stderr += data));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    // Once ffmpeg runs (its line is printed when the render starts, the process follows), while the first frame is evaluated.
    await until(
      () => /zsweep: ffmpeg /.test(stderr) && ffmpegsOf(child.pid!).length > 0,
      () => `running ffmpeg: ${stderr}`,
      closed,
    );
    const ffmpegs = ffmpegsOf(child.pid!);
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGINT');
    assert.is(await closed, 130, stderr);
    // ffmpeg, had it outlived zsweep, would write its (empty) file once its input closed: wait until it is gone.
    await until(
      () => !ffmpegs.some(alive),
      () => 'rid of ffmpeg',
      new Promise(() => {}),
    );
    assert.equal(readdirSync(folder), []);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

test('a second Ctrl-C stops a render at once, mid-frame: exit 130, no temporary file, the old file untouched', async () => {
  const folder = tempFolder();
  const out = join(folder, 'loop.gif');
  writeFileSync(out, 'old');
  // A frame that takes far longer than the test waits (over a minute on two cores): a first Ctrl-C is
  // only acted on between frames, so only the second one can end this render within seconds.
  const child = spawn(
    process.execPath,
    [cliPath, '--size', '1024x1024', '--layers', '16', '--hidden', '128', '--frames', '10', '--backend', 'cpu', '--force', '--out', out],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (data) => (stderr += data));
  const closed = new Promise<{ code: number | null }>((resolve) => child.on('close', (code) => resolve({ code })));
  try {
    // Until the first frame is being evaluated and the temporary GIF is open.
    await until(
      () => /backend cpu-wasm-(relaxed-)?simd/.test(stderr) && readdirSync(folder).length > 1,
      () => `rendering a frame: ${stderr}`,
      closed,
    );
    assert.ok(
      readdirSync(folder).some((name) => name.includes('zsweep-tmp')),
      'a temporary file exists mid-render',
    );
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGINT');
    const { code } = await Promise.race([
      closed,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still running ${hangMs / 1000} s after the second Ctrl-C`)), hangMs).unref(),
      ),
    ]);
    assert.is(code, 130, stderr);
    // The first Ctrl-C's orderly stop (after the minute-long frame) would have said so; the second one exits without waiting for it.
    assert.not.match(stderr, /interrupted; no file was written/, 'ended by the second Ctrl-C, not by the first');
    assert.equal(readdirSync(folder), ['loop.gif']);
    assert.is(readFileSync(out, 'utf8'), 'old');
    // Nothing appears afterwards either (a file still being opened when the process exited).
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(readdirSync(folder), ['loop.gif']);
  } finally {
    // Whatever failed, a render of minute-long frames is not left running.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

// Two segments of 2 frames each; `--shard 1/1` renders every segment and leaves them for `zsweep join`.
const segmented = ['--size', '16x16', '--frames', '4', '--fps', '10', '--segment-seconds', '0.2', '--segment-threshold', '0'];
const shardOf = async (folder: string, name: string, args: string[]) => {
  const out = join(folder, name);
  const result = await runCli([...segmented, ...args, '--shard', '1/1', '--quiet', '--ffmpeg', ffmpegPath, '--out', out]);
  assert.is(result.code, 0, result.stderr);
  assert.equal(readdirSync(`${out}.parts`).sort(), ['manifest.json', 'part-000000.mp4', 'part-000001.mp4']);
  return `${out}.parts`;
};

test('zsweep join refuses a segment of another render, or an unreadable one: one line, exit 2, nothing written', async () => {
  const folder = tempFolder();
  const ours = await shardOf(folder, 'ours.mp4', ['--seed', '1']);
  // The same seed and pictures, only encoded differently: still another render, whose segment does not belong.
  const other = await shardOf(folder, 'other.mp4', ['--seed', '1', '--crf', '30']);

  const cases = [
    { name: 'other', segment: 'part-000001.mp4', from: join(other, 'part-000001.mp4') },
    { name: 'garbage', segment: 'part-000000.mp4', from: undefined },
  ];
  for (const { name, segment, from } of cases) {
    const parts = join(folder, `mixed-${name}.mp4.parts`);
    cpSync(ours, parts, { recursive: true });
    if (from) cpSync(from, join(parts, segment));
    else writeFileSync(join(parts, segment), 'not a video at all');
    const before = listing(folder);
    const segmentBytes = readFileSync(join(parts, segment));
    const out = join(folder, `joined-${name}.mp4`);

    const result = await runCli(['join', parts, '--ffmpeg', ffmpegPath, '--out', out]);
    assert.is(result.code, 2, `${name}: ${result.stderr}`);
    assert.is(result.stdout, '');
    assert.is(result.stderr.split('\n').length, 2, `${name}: one line: ${result.stderr}`);
    assert.match(
      result.stderr,
      new RegExp(
        `^zsweep: Segment "${parts.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${segment.replace('.', '\\.')}" is unreadable or of another render: remove it and render it again`,
      ),
    );
    assert.not.ok(existsSync(out), `${name}: no video written`);
    assert.equal(listing(folder), before, `${name}: no file added or removed, the work folder kept`);
    assert.equal(readFileSync(join(parts, segment)), segmentBytes, `${name}: the segment is left as it was`);
  }

  // The same work folder without a stranger joins: the refusals were about the segments alone.
  const joined = await runCli(['join', ours, '--ffmpeg', ffmpegPath, '--quiet']);
  assert.is(joined.code, 0, joined.stderr);
  assert.is(joined.stdout, `${join(folder, 'ours.mp4')}\n`);
  assert.not.ok(existsSync(ours), 'the work folder is removed once joined');
});

test('zsweep presets: every preset on stdout, one a line, with its seed; the note on stderr; exit 0', async () => {
  const result = await runCli(['presets']);
  assert.is(result.code, 0, result.stderr);
  const lines = result.stdout.split('\n');
  assert.is(lines.pop(), '', 'stdout ends with a newline');
  assert.is(lines.length, presets.length, result.stdout);
  presets.forEach((preset, i) => {
    const fields = lines[i].split(/\s+/);
    assert.is(fields[0], preset.slug, lines[i]);
    assert.ok(lines[i].includes(preset.title), `${preset.slug}: its title`);
    assert.is(fields[fields.indexOf('seed') + 1], preset.draft.seed, `${preset.slug}: its seed`);
    assert.is(fields[fields.indexOf('seed') + 2], preset.draft.arch, `${preset.slug}: its topology`);
    assert.is(Number(fields[fields.indexOf('β') + 1]), preset.draft.beta, `${preset.slug}: its β`);
    assert.ok(lines[i].endsWith(preset.look), `${preset.slug}: what it looks like`);
    // What the list shows is what --preset gives.
    const { recipe } = parseRender({ preset: fields[0] });
    assert.is(recipe.seed, fields[fields.indexOf('seed') + 1], `--preset ${fields[0]}`);
  });
  assert.match(result.stderr, /^The post's titles and seeds, each made anew .*\n$/);
  assert.not.match(result.stdout, /made anew/, 'the note is not mixed into the list');
});

test.run();
