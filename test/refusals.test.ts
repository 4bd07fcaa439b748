import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FfmpegFailed } from '../src/errors.ts';
import { asWriteFailed, describeWriteError } from '../src/output/write-errors.ts';
import { mounted, tmpfsProblem } from './helpers/tmpfs.ts';
import { silenceThenLoud, writeWav } from './helpers/write-wav.ts';
import { assertUsageError, runCli, tempFolder, testUnless } from './helpers.ts';
import { parseRender } from './render-helpers.ts';

/** Everything zsweep printed on stderr is this one line. */
function oneLine(stderr: string, pattern: RegExp): void {
  assert.is(stderr.split('\n').length, 2, stderr);
  assert.match(stderr, pattern);
}

test('zsweep check of a missing file names the file as given, not an option that does not exist', async () => {
  const { code, stderr } = await runCli(['check', 'nothere.mp4', '--for', 'tiktok']);
  assert.is(code, 2);
  assert.is(
    stderr,
    'zsweep: Invalid file "nothere.mp4" for zsweep check: expected a video or picture to check; no such file, check the path\n',
  );
  const folder = await runCli(['check', tempFolder(), '--for', 'tiktok']);
  assert.is(folder.code, 2);
  oneLine(folder.stderr, /^zsweep: Invalid file ".*" for zsweep check: expected a video or picture to check; that is a folder\n$/);
});

test('--audio-start past the end of the track is echoed as written', async () => {
  const folder = tempFolder();
  const song = join(folder, 'song.wav');
  writeWav(song, silenceThenLoud(1, 1), 22050);
  for (const start of ['0:20', '2.5']) {
    const { code, stderr } = await runCli([
      '--seed',
      '1',
      '--size',
      '16x16',
      '--audio',
      song,
      '--audio-start',
      start,
      '--out',
      join(folder, 'a.mp4'),
    ]);
    assert.is(code, 2, stderr);
    assert.is(stderr, `zsweep: Invalid --audio-start "${start}": expected a time within the track "song.wav", which ends before it\n`);
  }
  assert.equal(readdirSync(folder), ['song.wav']);
});

test('a --duration too short for one frame is echoed as written', async () => {
  await assertUsageError(
    () => parseRender({ seed: 's', duration: '10ms', out: 'x.gif' }),
    /^Invalid --duration "10ms": expected at least one frame at 30 fps \(0\.0333 s or more\)$/,
  );
});

test("ffmpeg's words for a full disk become the one line of a full disk; its other failures keep their lines", () => {
  const full = new FfmpegFailed(
    'ffmpeg exited with code 1:\n[mp4 @ 0x1] some line\nav_interleaved_write_frame(): No space left on device\nError writing trailer of file:/x/.a.zsweep-tmp.mp4: No space left on device',
  );
  assert.is(describeWriteError(full, 'out/a.mp4'), 'Cannot write "out/a.mp4": no space left on the device; free some space (ENOSPC)');
  const quota = new FfmpegFailed('ffmpeg exited with code 1:\nError writing trailer: Disk quota exceeded');
  assert.match(String(describeWriteError(quota, 'a.webm')), /disk quota is used up.*\(EDQUOT\)$/);
  const other = new FfmpegFailed('ffmpeg exited with code 1:\nUnknown encoder libx264');
  assert.is(describeWriteError(other, 'a.mp4'), undefined);
  assert.is(asWriteFailed(other, 'a.mp4'), other);
});

testUnless(test, tmpfsProblem, 'a frame sequence in a read-only folder: refused before rendering, one line, exit 2', async () => {
  const mount = mounted('ro,size=64k');
  try {
    for (const out of ['%04d.png', 'frames/%04d.png']) {
      const { code, stderr } = await runCli(['--size', '16x16', '--frames', '4', '--out', join(mount.path, out)]);
      assert.is(code, 2, stderr);
      assert.is(stderr, `zsweep: Cannot write "${mount.path}": the filesystem is read-only; choose a writable folder (EROFS)\n`);
    }
  } finally {
    mount.unmount();
  }
});

test('a frame sequence in a folder that can be written still renders, into a new folder or an existing one', async () => {
  const folder = tempFolder();
  mkdirSync(join(folder, 'old'));
  for (const out of ['new/%04d.png', 'old/%04d.png']) {
    const { code, stderr } = await runCli(['--size', '16x16', '--frames', '2', '--quiet', '--out', join(folder, out)]);
    assert.is(code, 0, stderr);
    assert.equal(readdirSync(join(folder, out, '..')), ['0001.png', '0002.png']);
  }
});

testUnless(
  test,
  tmpfsProblem,
  'an MP4 filling the disk: one line, exit 1, no file (ffmpeg itself exits 0 when only its index is lost)',
  async () => {
    const mount = mounted('size=16k');
    try {
      const out = join(mount.path, 'x.mp4');
      const { code, stderr } = await runCli(['--size', '128x128', '--frames', '60', '--seed', '3', '--out', out]);
      assert.is(code, 1, stderr);
      // Progress lines come first (not quiet); the failure itself is one line, and the last.
      const lines = stderr.trimEnd().split('\n');
      assert.is(lines.at(-1), `zsweep: Cannot write "${out}": no space left on the device; free some space (ENOSPC)`);
      assert.not.ok(
        lines.some(
          (line) => /av_interleaved|Error writing|ffmpeg|no file was written|done in/.test(line) && !/^zsweep: ffmpeg N?[\d.-]/.test(line),
        ),
        stderr,
      );
      assert.equal(readdirSync(mount.path), []);
    } finally {
      mount.unmount();
    }
  },
);

test.run();
