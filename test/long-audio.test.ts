import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFfmpeg } from '../src/encoders/ffmpeg/ffmpeg-process.ts';
import { silenceThenLoud, writeWav } from './helpers/write-wav.ts';
import { ffprobePath, runCli, tempFolder } from './helpers.ts';

// A visualiser rendered in segments (and in shards) gets its soundtrack once, after the join.
const folder = tempFolder();
const track = join(folder, 'track.wav');
writeWav(track, silenceThenLoud(1, 1), 22050);
const common = ['--seed', 'seg-audio', '--size', '32x32', '--fps', '10', '--audio', track, '--segment-seconds', '0.5', '--quiet'];

async function streams(path: string): Promise<Record<string, number>> {
  const { stdout } = await runFfmpeg(ffprobePath, ['-v', 'error', '-show_entries', 'stream=codec_type,duration', '-of', 'json', path]);
  const json = JSON.parse(stdout.toString('utf8')) as { streams: { codec_type: string; duration: string }[] };
  return Object.fromEntries(json.streams.map((s) => [s.codec_type, Number(s.duration)]));
}

test('a segmented visualiser has its whole track, as long as its video', async () => {
  const out = join(folder, 'segmented.mp4');
  const result = await runCli([...common, '--segment-threshold', '0', '--out', out]);
  assert.is(result.code, 0, result.stderr);
  const { video, audio } = await streams(out);
  assert.ok(Math.abs(video - 2) < 1e-6, `video ${video} s`);
  assert.ok(Math.abs(audio - video) <= 0.1, `audio ${audio} s against video ${video} s: within a frame`);
});

test('shards of a visualiser: join needs the track, refuses another, and muxes it in', async () => {
  const out = join(folder, 'sharded.mp4');
  for (const shard of ['1/2', '2/2']) {
    const result = await runCli([...common, '--shard', shard, '--out', out]);
    assert.is(result.code, 0, result.stderr);
  }
  const missing = await runCli(['join', `${out}.parts`]);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /^zsweep: Missing --audio: these segments were rendered to the track "track\.wav"/);
  const other = join(folder, 'other.wav');
  writeWav(other, silenceThenLoud(1, 2), 22050);
  const wrong = await runCli(['join', `${out}.parts`, '--audio', other]);
  assert.is(wrong.code, 2);
  assert.match(wrong.stderr, /this file's content differs/);
  const joined = await runCli(['join', `${out}.parts`, '--audio', track]);
  assert.is(joined.code, 0, joined.stderr);
  const { video, audio } = await streams(out);
  assert.ok(Math.abs(video - 2) < 1e-6 && Math.abs(audio - video) <= 0.1, `video ${video} s, audio ${audio} s`);
});

test.run();
