import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ffmpegCandidates, findFfmpeg, parseEncoders, parseFfmpegVersion } from '../src/encoders/ffmpeg/find-ffmpeg.ts';
import { bundledFfmpegPath, tempFolder } from './helpers.ts';

/** A folder with an `ffmpeg` that answers -encoders like a real one built without libx264 (its banner on stderr). */
function fakeFfmpegFolder(): string {
  const folder = tempFolder();
  const path = join(folder, 'ffmpeg');
  writeFileSync(
    path,
    `#!/bin/sh
echo "ffmpeg version 9.9-fake Copyright (c) 2000-2030" >&2
case "$*" in
  *-encoders*) printf 'Encoders:\\n V..... = Video\\n ------\\n V..... mpeg4                MPEG-4 part 2\\n A..... aac                  AAC\\n' ;;
esac
`,
  );
  chmodSync(path, 0o755);
  return folder;
}

test('parses the version and the video and audio encoders', () => {
  assert.is(parseFfmpegVersion('ffmpeg version 6.1.1-3 Copyright (c) 2000-2023\nbuilt with gcc'), '6.1.1-3');
  assert.throws(() => parseFfmpegVersion('usage: true'), /not ffmpeg/);
  const listing =
    'Encoders:\n V..... = Video\n A..... = Audio\n ------\n V..... libx264              libx264 H.264\n VF.... png   PNG\n A..... aac  AAC\n V....D libvpx-vp9  VP9\n';
  assert.equal(parseEncoders(listing), ['libx264', 'png', 'aac', 'libvpx-vp9']);
});

test('candidates in order: --ffmpeg, FFMPEG_PATH, PATH, the npm package', async () => {
  const candidates = await ffmpegCandidates({ explicit: '/opt/ffmpeg', env: { FFMPEG_PATH: '/env/ffmpeg', PATH: fakeFfmpegFolder() } });
  assert.equal(
    candidates.map((c) => c.source),
    ['--ffmpeg', 'FFMPEG_PATH', 'PATH', '@ffmpeg-installer/ffmpeg'],
  );
  assert.is(candidates[0].path, '/opt/ffmpeg');
  assert.is(candidates[1].path, '/env/ffmpeg');
  assert.match(candidates[2].path ?? '', /zsweep-test-.*\/ffmpeg$/);
  assert.is(candidates[3].path, bundledFfmpegPath);
});

test('with nothing on PATH, the npm package is found, checked and used (its binary is packed executable: no install script needed)', async () => {
  const info = await findFfmpeg({ env: { PATH: '' }, encoders: ['libx264'] });
  assert.is(info.source, '@ffmpeg-installer/ffmpeg');
  assert.ok(info.encoders.includes('libx264') && info.encoders.includes('libvpx-vp9'));
});

test('a system ffmpeg comes first, but one without the encoder is passed over for the npm one', async () => {
  const folder = fakeFfmpegFolder();
  const any = await findFfmpeg({ env: { PATH: folder } });
  assert.equal([any.source, any.version], ['PATH', '9.9-fake']);
  const h264 = await findFfmpeg({ env: { PATH: folder }, encoders: ['libx264'] });
  assert.is(h264.source, '@ffmpeg-installer/ffmpeg');
});

test('a named ffmpeg that fails is an error, not skipped', async () => {
  await findFfmpeg({ env: { FFMPEG_PATH: '/no/such/ffmpeg', PATH: '' } }).then(
    () => assert.unreachable(),
    (error: Error) => {
      assert.is(error.name, 'UsageError');
      assert.match(error.message, /^Invalid FFMPEG_PATH "\/no\/such\/ffmpeg": that ffmpeg does not run/);
    },
  );
  await findFfmpeg({ explicit: join(fakeFfmpegFolder(), 'ffmpeg'), env: {}, encoders: ['libx264'] }).then(
    () => assert.unreachable(),
    (error: Error) => assert.match(error.message, /^Invalid --ffmpeg ".*": that ffmpeg has no libx264 encoder/),
  );
});

test('none at all: one message that lists what was tried and how to install', async () => {
  const candidates = [
    { source: '--ffmpeg', path: undefined, absent: 'not given' },
    { source: 'FFMPEG_PATH', path: undefined, absent: 'not set' },
    { source: 'PATH', path: undefined, absent: 'no ffmpeg on PATH' },
    { source: '@ffmpeg-installer/ffmpeg', path: undefined, absent: 'not installed' },
  ] as const;
  await findFfmpeg({ env: {}, encoders: ['libx264'] }, candidates).then(
    () => assert.unreachable(),
    (error: Error) => {
      assert.is(error.name, 'UsageError');
      assert.not.match(error.message, /\n/);
      assert.match(
        error.message,
        /^No usable ffmpeg with libx264 \(tried --ffmpeg: not given; FFMPEG_PATH: not set; PATH: no ffmpeg on PATH; @ffmpeg-installer\/ffmpeg: not installed\): install ffmpeg \(Debian\/Ubuntu: apt-get install ffmpeg/,
      );
      assert.match(error.message, /GIF output \(--out NAME\.gif\) needs no ffmpeg$/);
    },
  );
});

test.run();
