import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ffmpegPath, runCli, tempFolder } from './helpers.ts';

const tiny = ['--size', '32x32', '--frames', '6', '--seed', '1', '--quiet'];

/**
 * An ffmpeg wrapper: answers queries with the real ffmpeg, and for the encoding run (the one reading
 * pipe:0) records its process id, then either fails after some input (FAIL_AFTER_BYTES) or becomes the
 * real ffmpeg (exec keeps the process id).
 */
function wrapperFfmpeg(folder: string): { path: string; pidFile: string } {
  const path = join(folder, 'ffmpeg-wrapper');
  const pidFile = join(folder, 'ffmpeg.pid');
  writeFileSync(
    path,
    `#!/bin/sh
case " $* " in
  *" pipe:0 "*)
    echo $$ > "${pidFile}"
    if [ -n "$FAIL_AFTER_BYTES" ]; then
      # The real ffmpeg gets part of the input, so a partial file exists when the wrapper then fails.
      head -c "$FAIL_AFTER_BYTES" | "${ffmpegPath}" "$@"
      echo "[mp4 @ 0x55d0] some earlier line" >&2
      echo "av_interleaved_write_frame(): No space left on device" >&2
      exit 1
    fi ;;
esac
exec "${ffmpegPath}" "$@"
`,
  );
  chmodSync(path, 0o755);
  return { path, pidFile };
}

test('odd size for H.264: exit 2 and a line that names the fix', async () => {
  const { code, stderr } = await runCli([...tiny, '--size', '255x256', '--out', join(tempFolder(), 'x.mp4')]);
  assert.is(code, 2);
  assert.is(stderr, 'zsweep: Invalid --size "255x256": H.264 (yuv420p) needs even width and height; use --size 256x256\n');
});

test('FFMPEG_PATH set to a missing file: exit 2, named as the culprit', async () => {
  const { code, stderr } = await runCli([...tiny, '--out', join(tempFolder(), 'x.mp4')], {
    env: { ...process.env, FFMPEG_PATH: '/no/such/ffmpeg' },
  });
  assert.is(code, 2);
  assert.match(stderr, /^zsweep: Invalid FFMPEG_PATH "\/no\/such\/ffmpeg": that ffmpeg does not run/);
  assert.is(stderr.split('\n').length, 2);
});

test('--ffmpeg that is not ffmpeg: exit 2', async () => {
  const { code, stderr } = await runCli([...tiny, '--ffmpeg', '/bin/true', '--out', join(tempFolder(), 'x.webm')]);
  assert.is(code, 2);
  assert.match(stderr, /^zsweep: Invalid --ffmpeg "\/bin\/true": that ffmpeg does not run \(not ffmpeg/);
});

test('GIF needs no ffmpeg at all', async () => {
  const folder = tempFolder();
  const { code } = await runCli([...tiny, '--out', join(folder, 'x.gif')], { env: { ...process.env, FFMPEG_PATH: '/no/such/ffmpeg' } });
  assert.is(code, 0);
  assert.equal(readdirSync(folder), ['x.gif']);
});

test('ffmpeg failing mid-render on a full disk: exit 1, one line; partial file removed, existing file untouched', async () => {
  const folder = tempFolder();
  const target = join(folder, 'x.mp4');
  writeFileSync(target, 'the old file');
  const { path } = wrapperFfmpeg(folder);
  const { code, stderr } = await runCli([...tiny, '--frames', '30', '--force', '--ffmpeg', path, '--out', target], {
    env: { ...process.env, FAIL_AFTER_BYTES: String(32 * 32 * 4 * 2) },
  });
  assert.is(code, 1);
  assert.match(stderr, /^zsweep: Cannot write ".*\/x\.mp4": no space left on the device; free some space \(ENOSPC\)\n$/);
  assert.is(readFileSync(target, 'utf8'), 'the old file');
  assert.equal(readdirSync(folder).sort(), ['ffmpeg-wrapper', 'ffmpeg.pid', 'x.mp4']);
});

test('Ctrl-C: exit 130, ffmpeg killed and waited for, no temporary file left', async () => {
  const folder = tempFolder();
  const { path, pidFile } = wrapperFfmpeg(folder);
  let sent = false;
  // One file in one go (this long a video would otherwise be segmented: long-renders.test.ts covers that).
  const result = await runCli(
    [
      '--size',
      '64x64',
      '--frames',
      '100000',
      '--seed',
      '1',
      '--segment-threshold',
      '100000',
      '--ffmpeg',
      path,
      '--out',
      join(folder, 'x.mp4'),
    ],
    {
      // The progress line appears once rendering started; wait for ffmpeg to be running too.
      onStderr: (text, child) => {
        if (sent || !text.includes('rendering')) return;
        sent = true;
        const poll = setInterval(() => {
          if (existsSync(pidFile) && readdirSync(folder).some((name) => name.includes('zsweep-tmp'))) {
            clearInterval(poll);
            setTimeout(() => child.kill('SIGINT'), 300);
          }
        }, 50);
      },
    },
  );
  assert.is(result.code, 130);
  assert.match(result.stderr, /interrupted; no file was written/);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  assert.throws(() => process.kill(pid, 0), /ESRCH/);
  assert.equal(readdirSync(folder).sort(), ['ffmpeg-wrapper', 'ffmpeg.pid']);
});

test('zsweep info: the ffmpeg found, its encoders, the backends', async () => {
  const { code, stdout } = await runCli(['info'], { env: { ...process.env, PATH: '' } });
  assert.is(code, 0);
  assert.match(stdout, /ffmpeg: \S+ from @ffmpeg-installer\/ffmpeg: \//);
  assert.match(stdout, /\.mp4 \(H\.264, libx264\): yes/);
  assert.match(stdout, /\.webm \(VP9, libvpx-vp9\): yes/);
  assert.match(stdout, /backends:\n( {2}.*\n)* {2}cpu: /);
});

test.run();
