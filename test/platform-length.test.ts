import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type AudioFeatures, createAudioAnalyser } from '../src/audio/audio-analyser.ts';
import type { AudioTrack } from '../src/audio/read-audio.ts';
import { readAudio } from '../src/audio/read-audio.ts';
import { runFfmpeg } from '../src/encoders/ffmpeg/ffmpeg-process.ts';
import { barFrames, barsWithin } from '../src/options/music-options.ts';
import type { RenderArgs } from '../src/options/render-options.ts';
import { drumTrack } from './helpers/beat-tracks.ts';
import { writeWav } from './helpers/write-wav.ts';
import { ffmpegPath, ffprobePath, tempFolder } from './helpers.ts';
import { parseRender, renderArgs, testFfmpeg } from './render-helpers.ts';

const analysed = (samples: Float32Array, durationSeconds: number, startSeconds = 0): AudioTrack => {
  const analyser = createAudioAnalyser();
  analyser.push(samples);
  const features: AudioFeatures = analyser.finish();
  return { path: 'song.wav', name: 'song.wav', sha256: 'b'.repeat(64), durationSeconds, startSeconds, analysisSeconds: 0, features };
};

test('whole bars are counted in frames: 4 bars of 120 BPM (exactly 8 s) fit in 8 s, and so do 4 of 119.99', () => {
  const beat = { bpm: 120, beatsPerBar: 4, firstBeatSeconds: 0, downbeat: 0 };
  assert.is(barsWithin(beat, 240, 30), 4);
  assert.is(barsWithin(beat, 239, 30), 3);
  // 4 bars at 119.99 BPM last 8.0007 s: the same 240 frames as 8 s.
  assert.is(barsWithin({ ...beat, bpm: 119.99 }, 240, 30), 4);
  // At 119.5 they last 8.033 s, 241 frames: one too many.
  assert.is(barFrames({ ...beat, bpm: 119.5 }, 4, 30), 241);
  assert.is(barsWithin({ ...beat, bpm: 119.5 }, 240, 30), 3);
  assert.is(barsWithin(beat, 10, 30), 1, 'at least one bar');
  for (const bpm of [60, 97, 119.99, 120, 120.01, 133.3, 180]) {
    for (const frames of [90, 239, 240, 241, 450]) {
      const bars = barsWithin({ ...beat, bpm }, frames, 30);
      assert.ok(bars === 1 || barFrames({ ...beat, bpm }, bars, 30) <= frames, `${bpm} BPM, ${frames} frames: ${bars} bars overrun`);
      assert.ok(barFrames({ ...beat, bpm }, bars + 1, 30) > frames, `${bpm} BPM, ${frames} frames: ${bars + 1} bars fit too`);
    }
  }
});

const drums = drumTrack(120, 20, { offsetSeconds: 0 });
const withAudio: RenderArgs = { seed: 's', audio: 'song.wav' };

test('--for spotify-canvas takes 4 bars of a 120 BPM track (8 s, its limit), even when the tempo reads 119.99', () => {
  const track = analysed(drums.samples, 20);
  for (const bpm of [undefined, '119.99', '120']) {
    const { recipe } = parseRender({ ...withAudio, for: 'spotify-canvas', ...(bpm ? { bpm } : {}) } as RenderArgs, undefined, track);
    assert.is(recipe.beat?.bars, 4, `--bpm ${bpm}`);
    assert.is(recipe.frames, 240, `--bpm ${bpm}`);
  }
});

test('--for instagram-reel --audio-start 1 --audio-end 9: the 8 s asked for, as 4 bars', () => {
  const excerpt = drums.samples.subarray(drums.sampleRate, 9 * drums.sampleRate);
  const track = analysed(excerpt, 8, 1);
  for (const bpm of [undefined, '119.99']) {
    const args = { ...withAudio, out: 'r.mp4', for: 'instagram-reel', audioStart: '1', audioEnd: '9', ...(bpm ? { bpm } : {}) };
    const { recipe } = parseRender(args as RenderArgs, undefined, track);
    assert.is(recipe.frames, 240, `--bpm ${bpm}`);
    assert.is(recipe.beat?.bars, 4, `--bpm ${bpm}`);
  }
});

/** Each stream's start and length as ffprobe gives them. */
async function streams(path: string): Promise<Record<string, { start: number; duration: number }>> {
  const { stdout } = await runFfmpeg(ffprobePath, [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,start_time,duration',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(stdout.toString('utf8')) as { streams: { codec_type: string; start_time: string; duration: string }[] };
  return Object.fromEntries(json.streams.map((s) => [s.codec_type, { start: Number(s.start_time), duration: Number(s.duration) }]));
}

test('a reel (no edit lists) has its sound within one frame of its video: start and length', async () => {
  const folder = tempFolder();
  const song = join(folder, 'drums.wav');
  writeWav(song, drums.samples.subarray(0, 8 * drums.sampleRate), drums.sampleRate);
  const excerpt = { startSeconds: 1, endSeconds: 5 };
  const audio = await readAudio(song, { ffmpeg: testFfmpeg, excerpt });
  const out = join(folder, 'reel.mp4');
  const args: RenderArgs = {
    seed: '1',
    audio: song,
    for: 'instagram-reel',
    size: '72x128',
    audioStart: '1',
    audioEnd: '5',
    out,
    quiet: true,
    ffmpeg: ffmpegPath,
  };
  const { recipe } = await parseRender(args, undefined, audio);
  await renderArgs(args, { audio });
  const { video, audio: sound } = await streams(out);
  const frame = 1 / recipe.fps;
  assert.ok(Math.abs(video.duration - recipe.frames / recipe.fps) < frame, `video lasts ${video.duration} s`);
  assert.ok(Math.abs(sound.duration - video.duration) < frame, `audio ${sound.duration} s, video ${video.duration} s`);
  assert.ok(Math.abs(sound.start - video.start) < frame, `audio starts at ${sound.start} s, video at ${video.start} s`);
});

test.run();
