import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readAudio } from '../src/audio/read-audio.ts';
import { runFfmpeg } from '../src/encoders/ffmpeg/ffmpeg-process.ts';
import { muxAudio } from '../src/encoders/ffmpeg/mux-audio.ts';
import { formats } from '../src/encoders/formats.ts';
import { parseAudioRequest, type RenderArgs } from '../src/options/render-options.ts';
import { draftOfRecipe } from '../src/recipe/recipe-draft.ts';
import { silenceThenLoud, writeWav } from './helpers/write-wav.ts';
import { assertUsageError, decodeYuv, ffmpegPath, ffprobePath, probe, runCli, tempFolder } from './helpers.ts';
import { parseRender, readRecipe, renderArgs, testFfmpeg } from './render-helpers.ts';

// 2 s of silence then 2 s of a tone with kicks; tiny frames at 10 fps, so each render takes about a second.
const folder = tempFolder();
const track = join(folder, 'track.wav');
writeWav(track, silenceThenLoud(2, 2), 22050);
const base: RenderArgs = { seed: 'audio', size: '32x32', fps: '10', quiet: true, ffmpeg: ffmpegPath, audio: track };

async function renderWithAudio(args: RenderArgs) {
  const path = parseAudioRequest({ ...base, ...args })!;
  const audio = await readAudio(path, { ffmpeg: testFfmpeg });
  const options = parseRender({ ...base, ...args }, undefined, audio);
  await renderArgs({ ...base, ...args }, { audio });
  return options;
}

/** Where each stream starts and ends, in seconds, from its packets as ffprobe reads them. */
async function streamSpans(path: string): Promise<Record<string, { start: number; end: number }>> {
  const { stdout } = await runFfmpeg(ffprobePath, [
    '-v',
    'error',
    '-show_entries',
    'stream=index,codec_type:packet=stream_index,pts_time,duration_time',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(stdout.toString('utf8')) as {
    streams: { index: number; codec_type: string }[];
    packets: { stream_index: number; pts_time: string; duration_time: string }[];
  };
  const spans: Record<string, { start: number; end: number }> = {};
  for (const stream of json.streams) {
    const packets = json.packets.filter((p) => p.stream_index === stream.index);
    spans[stream.codec_type] = {
      start: Math.min(...packets.map((p) => Number(p.pts_time))),
      end: Math.max(...packets.map((p) => Number(p.pts_time) + Number(p.duration_time))),
    };
  }
  return spans;
}

const codecs = async (path: string) => {
  const { stdout } = await runFfmpeg(ffprobePath, ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', path]);
  return stdout.toString('utf8').trim().split('\n');
};

test('mp4: as long as the track, AAC in step with the video, still in the silence and moving in the loud part', async () => {
  const out = join(folder, 'visualiser.mp4');
  const options = await renderWithAudio({ out });
  assert.is(options.recipe.frames, 40);
  assert.equal(await codecs(out), ['h264', 'aac']);
  const spans = await streamSpans(out);
  assert.ok(Math.abs(spans.video.end - 4) < 0.1 / 10, `video ends at ${spans.video.end}`);
  assert.ok(Math.abs(spans.audio.end - spans.video.end) <= 1 / 10, `audio ends at ${spans.audio.end}, video at ${spans.video.end}`);
  assert.ok(
    Math.abs(spans.audio.start - spans.video.start) <= 1 / 10,
    `audio starts at ${spans.audio.start}, video at ${spans.video.start}`,
  );

  const frames = await decodeYuv(out, 32, 32);
  assert.is(frames.length, 40);
  const change = frames.slice(1).map((frame, f) => frame.y.reduce((sum, y, i) => sum + Math.abs(y - frames[f].y[i]), 0) / frame.y.length);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const silent = mean(change.slice(0, 19));
  const loud = mean(change.slice(21));
  assert.ok(loud > 5 * silent && loud > 1, `mean change a frame: ${silent.toFixed(2)} in silence, ${loud.toFixed(2)} when loud`);
});

test('webm: Opus, and a video longer than the track gets silence to its end', async () => {
  const out = join(folder, 'longer.webm');
  const options = await renderWithAudio({ out, duration: '5' });
  assert.is(options.recipe.frames, 50);
  assert.equal(await codecs(out), ['vp9', 'opus']);
  const spans = await streamSpans(out);
  assert.ok(Math.abs(spans.audio.end - spans.video.end) <= 1 / 10, `audio ends at ${spans.audio.end}, video at ${spans.video.end}`);
});

test('muxAudio adds the track to a finished video without encoding it again', async () => {
  const silentVideo = join(folder, 'silent.mp4');
  await renderArgs({ seed: 'mux', size: '32x32', frames: '15', fps: '10', quiet: true, ffmpeg: ffmpegPath, out: silentVideo });
  const out = join(folder, 'muxed.mp4');
  await muxAudio(ffmpegPath, { codec: formats.mp4.video, video: silentVideo, audio: track, durationSeconds: 1.5, path: out });
  assert.equal(await codecs(out), ['h264', 'aac']);
  const videoMd5 = async (path: string) =>
    (await runFfmpeg(ffmpegPath, ['-v', 'error', '-i', path, '-map', '0:v', '-c', 'copy', '-f', 'md5', '-'])).stdout.toString();
  assert.is(await videoMd5(out), await videoMd5(silentVideo), 'the same video packets');
  assert.is((await probe(out)).tags.comment, (await probe(silentVideo)).tags.comment);
  const spans = await streamSpans(out);
  assert.ok(Math.abs(spans.audio.end - spans.video.end) <= 1 / 10, `audio ends at ${spans.audio.end}, video at ${spans.video.end}`);
});

test('CLI: a missing track is one line and exit 2, and nothing is written', async () => {
  const out = tempFolder();
  const { code, stderr } = await runCli(['--seed', '1', '--size', '32x32', '--audio', join(out, 'nope.mp3'), '--out', join(out, 'a.mp4')]);
  assert.is(code, 2, stderr);
  assert.match(
    stderr,
    /^zsweep: Invalid --audio ".*nope\.mp3": expected an audio file ffmpeg can decode .*no such file, check the path\n$/,
  );
  assert.equal(readdirSync(out), []);
});

const refuses = assertUsageError;

test('an undecodable track, or a GIF or PNG output, is refused (before the track is read, for the formats)', async () => {
  await refuses(
    () => readAudio(join(import.meta.dirname, 'helpers.ts'), { ffmpeg: testFfmpeg }),
    /^Invalid --audio ".*helpers\.ts": expected an audio file ffmpeg can decode .*ffmpeg said: .*Invalid data/,
  );
  const silentVideo = join(folder, 'no-sound.webm');
  await renderArgs({ seed: 'q', size: '16x16', frames: '2', quiet: true, ffmpeg: ffmpegPath, out: silentVideo });
  await refuses(
    () => readAudio(silentVideo, { ffmpeg: testFfmpeg }),
    /no-sound\.webm": expected an audio file ffmpeg can decode .*; this file has no audio stream$/,
  );
  await refuses(
    async () => parseAudioRequest({ audio: track, out: 'a.gif' }),
    /^Invalid --audio with --out "a\.gif": a GIF has no sound; write a video/,
  );
  await refuses(async () => parseAudioRequest({ audio: track, out: 'frames/%04d.png' }), /PNG has no sound/);
  await refuses(async () => parseAudioRequest({ react: 'speed=bass' }), /^Invalid --react "speed=bass": expected --audio FILE with it/);
});

test('--from: the same track (under any name) renders the same video; another track, or none, is refused', async () => {
  const out = tempFolder();
  const first = join(out, 'first.mp4');
  const recipeOut = join(out, 'first.json');
  await renderWithAudio({ seed: '9', out: first, recipeOut });
  const recipe = await readRecipe(recipeOut);
  const renamed = join(folder, 'renamed.wav');
  writeWav(renamed, silenceThenLoud(2, 2), 22050);
  const again = join(out, 'again.mp4');
  const cli: RenderArgs = { audio: renamed, out: again, quiet: true, ffmpeg: ffmpegPath };
  await renderArgs(cli, { base: recipe, audio: await readAudio(renamed, { ffmpeg: testFfmpeg }) });
  const frames = async (path: string) =>
    (await runFfmpeg(ffmpegPath, ['-v', 'error', '-i', path, '-f', 'framemd5', '-'])).stdout.toString().replace(/^#.*\n/gm, '');
  assert.is(await frames(again), await frames(first));

  const other = join(folder, 'other.wav');
  writeWav(other, silenceThenLoud(1, 3), 22050);
  const otherTrack = await readAudio(other, { ffmpeg: testFfmpeg });
  await refuses(
    async () => parseRender({ ...cli, audio: other }, recipe, otherTrack),
    /^Invalid --audio ".*other\.wav": the recipe was made with "track\.wav" \(sha256 [0-9a-f]{12}…\), and this file's content differs/,
  );
  await refuses(
    async () => parseAudioRequest({ out: 'x.mp4' }, draftOfRecipe(recipe)),
    /^Missing --audio: the recipe was made with the track "track\.wav" \(sha256 [0-9a-f]{12}…\); give it again with --audio FILE/,
  );
});

test.run();
