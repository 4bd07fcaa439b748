import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildFfmpegArgs, flattenFfmpegArgs } from '../src/encoders/ffmpeg/ffmpeg-args.ts';
import { startFfmpeg } from '../src/encoders/ffmpeg/ffmpeg-process.ts';
import { formats } from '../src/encoders/formats.ts';
import { FfmpegFailed } from '../src/errors.ts';
import { ffmpegPath, probe, tempFolder } from './helpers.ts';

const args = (path: string) => buildFfmpegArgs({ codec: formats.mp4.video, path, width: 16, height: 16, fps: 10, crf: 18, comment: 'x' });
const frame = () => new Uint8Array(16 * 16 * 4).fill(128);

test('each process runs its own ffmpeg, even when two with different paths overlap', async () => {
  const folder = tempFolder();
  const good = startFfmpeg(ffmpegPath, args(join(folder, 'a.mp4')));
  const bad = startFfmpeg('/no/such/ffmpeg', args(join(folder, 'b.mp4')));
  await bad.write(frame()).then(
    () => assert.unreachable('a missing ffmpeg cannot take frames'),
    (error: Error) => assert.instance(error, FfmpegFailed),
  );
  for (let i = 0; i < 3; i++) await good.write(frame());
  await good.end();
  assert.is(Number((await probe(join(folder, 'a.mp4'))).stream.nb_read_frames), 3);
  await bad.kill();
});

test('the fluent-ffmpeg adapter hands ffmpeg every argument unchanged, both inputs in order (a value with one space stays one)', async () => {
  const folder = tempFolder();
  // An ffmpeg that records its arguments, one per NUL-terminated field, and reads its input to the end.
  const fake = join(folder, 'ffmpeg');
  writeFileSync(
    fake,
    `#!/bin/sh
case "$1" in -formats|-encoders|-codecs|-filters) exec "${ffmpegPath}" "$@" ;; esac
for arg in "$@"; do printf '%s\\0' "$arg"; done > "${folder}/argv"
cat > /dev/null
`,
  );
  chmodSync(fake, 0o755);
  const request = { codec: formats.mp4.video, path: join(folder, 'x.mp4'), width: 16, height: 16, fps: 10, crf: 18 };
  const withAudio = buildFfmpegArgs({ ...request, comment: '{"seed":"my seed"}', audio: 'music/a b:c.mp3', durationSeconds: 1 });
  const ffmpeg = startFfmpeg(fake, withAudio);
  await ffmpeg.write(frame());
  await ffmpeg.end();
  assert.equal(readFileSync(join(folder, 'argv'), 'latin1').split('\0').slice(0, -1), flattenFfmpegArgs(withAudio));
});

test('kill before the process has even started: waits, kills, resolves', async () => {
  const folder = tempFolder();
  const ffmpeg = startFfmpeg(ffmpegPath, args(join(folder, 'c.mp4')));
  await ffmpeg.kill();
  await ffmpeg.write(frame()).then(
    () => assert.unreachable(),
    (error: Error) => assert.instance(error, FfmpegFailed),
  );
});

/** Runs `second` after a first good encode in this process (fluent-ffmpeg's capability cache is warm then). */
async function afterOneEncode(folder: string, second: () => Promise<void>): Promise<void> {
  const first = startFfmpeg(ffmpegPath, args(join(folder, 'first.mp4')));
  await first.write(frame());
  await first.end();
  await second();
  // The process is still here and still encodes.
  const third = startFfmpeg(ffmpegPath, args(join(folder, 'third.mp4')));
  await third.write(frame());
  await third.end();
}

const refusedInOneLine = (error: Error) => {
  assert.instance(error, FfmpegFailed);
  assert.match(error.message, /^could not run ffmpeg: /);
  assert.not.match(error.message, /\n/);
};

test('an ffmpeg replaced by a folder between two encodes fails that encode in one line; the process lives on', async () => {
  const folder = tempFolder();
  const binary = join(folder, 'ffmpeg');
  copyFileSync(ffmpegPath, binary);
  chmodSync(binary, 0o755);
  await afterOneEncode(folder, async () => {
    rmSync(binary);
    mkdirSync(binary);
    const broken = startFfmpeg(binary, args(join(folder, 'b.mp4')));
    await broken.write(frame()).then(() => assert.unreachable('a folder cannot encode'), refusedInOneLine);
    await broken.kill();
  });
});

test('an ffmpeg that vanishes after its check, just before fluent-ffmpeg spawns it, fails that encode in one line; the process lives on', async () => {
  const folder = tempFolder();
  const binary = join(folder, 'ffmpeg');
  copyFileSync(ffmpegPath, binary);
  chmodSync(binary, 0o755);
  const access = fsPromises.access;
  await afterOneEncode(folder, async () => {
    // The check passes, then the binary goes: the spawn itself fails (ENOENT), which fluent-ffmpeg's
    // own handler turns into an uncaught TypeError.
    fsPromises.access = async (...rest: Parameters<typeof access>) => {
      await access(...rest);
      if (rest[0] === binary) rmSync(binary);
    };
    syncBuiltinESMExports();
    try {
      const broken = startFfmpeg(binary, args(join(folder, 'b.mp4')));
      await broken.write(frame()).then(() => assert.unreachable('a vanished ffmpeg cannot encode'), refusedInOneLine);
      await broken.end().then(() => assert.unreachable(), refusedInOneLine);
      await broken.kill();
    } finally {
      fsPromises.access = access;
      syncBuiltinESMExports();
    }
  });
});

test.run();
