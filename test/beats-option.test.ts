import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type AudioFeatures, createAudioAnalyser } from '../src/audio/audio-analyser.ts';
import { beatMotion, frameBeatsOf } from '../src/audio/beat-motion.ts';
import type { AudioTrack } from '../src/audio/read-audio.ts';
import { describeTrackJson } from '../src/cli/describe-track.ts';
import { readBeatsFile } from '../src/options/beats-option.ts';
import type { RenderArgs } from '../src/options/render-options.ts';
import { clickTrack } from './helpers/beat-tracks.ts';
import { assertUsageError, tempFolder } from './helpers.ts';
import { parseRender } from './render-helpers.ts';

const analyse = (samples: Float32Array): AudioFeatures => {
  const analyser = createAudioAnalyser();
  analyser.push(samples);
  return analyser.finish();
};
const track = (features: AudioFeatures): AudioTrack => ({
  path: 'song.wav',
  name: 'song.wav',
  sha256: 'b'.repeat(64),
  durationSeconds: features.samples / features.sampleRate,
  startSeconds: 0,
  analysisSeconds: 0,
  features,
});
const folder = tempFolder();
const write = (name: string, text: string) => {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
};

test('info --json lists every beat and downbeat, and --beats reads that JSON back unchanged', () => {
  const clicks = track(analyse(clickTrack(120, 12, { offsetSeconds: 0.25 }).samples));
  const info = JSON.parse(describeTrackJson(clicks)) as {
    steady: boolean;
    bpm: number;
    beats: number[];
    downbeats: number[];
    confidence: number;
  };
  assert.ok(info.steady);
  assert.ok(Math.abs(info.bpm - 120) < 0.5, `bpm ${info.bpm}`);
  assert.ok(info.beats.length >= 22, `${info.beats.length} beats`);
  assert.ok(info.confidence > 0.5);
  // The accented click is the first: every fourth beat from it.
  assert.equal(
    info.downbeats,
    info.beats.filter((_, k) => k % 4 === 0),
  );
  const back = readBeatsFile(write('info.json', JSON.stringify(info)));
  assert.equal([...back.times], info.beats);
  assert.is(back.downbeat, 0);
});

test('--beats takes one time a line, moved to --audio-start, and the render keeps to them', () => {
  const path = write('beats.txt', '# my beats\n0.5\n1.1\n\n1.6\n2.3\n2.9\n3.4\n');
  const beats = readBeatsFile(path, { startSeconds: 1 });
  assert.equal(
    beats.times.map((t) => Math.round(t * 1000) / 1000),
    [0.1, 0.6, 1.3, 1.9, 2.4],
  );
  const clicks = track(analyse(clickTrack(120, 6).samples));
  const { recipe } = parseRender(
    { seed: 's', audio: 'song.wav', out: 'v.mp4', beats: path, duration: '3' } as RenderArgs,
    undefined,
    clicks,
  );
  assert.equal(recipe.beat?.times, [0.5, 1.1, 1.6, 2.3, 2.9, 3.4]);
  // The accents strike on the frames nearest the given beats, however uneven.
  const frames = recipe.frames;
  const beatsInFrames = frameBeatsOf(recipe.beat!, frames, recipe.fps);
  const { pulse } = beatMotion(beatsInFrames, 4, frames);
  for (const t of [0.5, 1.1, 1.6, 2.3, 2.9]) {
    const f = Math.round(t * recipe.fps);
    assert.ok(pulse[f] > 0.55 && pulse[f] > pulse[f - 1], `no accent at frame ${f} (${t} s)`);
  }
});

test('a bad --beats file is one clear line', () => {
  assertUsageError(() => readBeatsFile(write('bad.txt', '1\n0.5\n')), /Invalid --beats .*beat 2 \(0\.5 s\) is not after the one before/);
  assertUsageError(() => readBeatsFile(write('word.txt', '0.5\nsoon\n')), /line 2 is "soon"/);
  assertUsageError(() => readBeatsFile(join(folder, 'nothere.txt')), /no such file/);
  assertUsageError(() => readBeatsFile(write('one.txt', '0.5\n')), /at least two beats/);
  assertUsageError(() => parseRender({ seed: 's', beats: write('ok.txt', '0\n1\n') } as RenderArgs), /--audio FILE with it/);
});

test.run();
