import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type AudioFeatures, createAudioAnalyser } from '../src/audio/audio-analyser.ts';
import { beatTimes, detectBeats } from '../src/audio/detect-beats.ts';
import { clickTrack, drumTrack, silentTrack, toneTrack } from './helpers/beat-tracks.ts';

const analyse = (samples: Float32Array): AudioFeatures => {
  const analyser = createAudioAnalyser();
  analyser.push(samples);
  return analyser.finish();
};

/** The worst distance from a true beat to the nearest detected one, in seconds. */
function worstBeatError(truth: number[], detected: number[]): number {
  return Math.max(...truth.map((t) => Math.min(...detected.map((d) => Math.abs(d - t)))));
}

for (const [kind, track] of [
  ['clicks', clickTrack],
  ['drums', drumTrack],
] as const) {
  test(`${kind} from 70 to 180 BPM: tempo within 1 %, every beat within 20 ms`, () => {
    for (const bpm of [70, 88, 101, 120, 137, 150, 166, 180]) {
      const { samples, beats } = track(bpm, 12);
      const grid = detectBeats(analyse(samples));
      assert.ok(grid, `${kind} at ${bpm}: no beat found`);
      assert.ok(Math.abs(grid.bpm / bpm - 1) < 0.01, `${kind} at ${bpm}: detected ${grid.bpm}`);
      const detected = beatTimes(grid, 12);
      assert.ok(worstBeatError(beats, detected) < 0.02, `${kind} at ${bpm}: a beat ${worstBeatError(beats, detected)} s off`);
      // No beat is invented between the true ones.
      assert.ok(worstBeatError(detected, beats) < 0.02, `${kind} at ${bpm}: an extra beat`);
    }
  });
}

test("the downbeat is the bar's accented first beat, wherever the track starts", () => {
  // The track starts on beat 3 of a bar: cut the first two beats off a click track.
  const { samples } = clickTrack(120, 12.5, { offsetSeconds: 0.05 });
  const grid = detectBeats(analyse(samples.subarray(Math.round(1.0 * 22050))));
  assert.ok(grid);
  assert.is(grid.downbeat, 2);
  const drums = detectBeats(analyse(drumTrack(100, 12).samples));
  assert.is(drums?.downbeat, 0);
});

test('kicks from the very first sample: the first beat is at 0, not a beat later', () => {
  for (const bpm of [90, 120, 150]) {
    const grid = detectBeats(analyse(drumTrack(bpm, 12, { offsetSeconds: 0 }).samples));
    assert.ok(grid, `drums at ${bpm}: no beat found`);
    assert.ok(grid.firstBeatSeconds < 0.02, `drums at ${bpm}: first beat at ${grid.firstBeatSeconds} s`);
    assert.ok(grid.times[0] < 0.02);
  }
});

test('beats follow a drifting tempo: every beat of clicks slowing from 128 to 112 BPM within 20 ms', () => {
  // The k-th beat of a tempo falling linearly in beats: interval 60/128 s growing to 60/112 s over 40 beats.
  const rate = 22050;
  const truth: number[] = [];
  for (let k = 0, t = 0.2; k < 40; k++) {
    truth.push(t);
    t += 60 / (128 - (16 * k) / 39);
  }
  const samples = new Float32Array(Math.ceil((truth[truth.length - 1] + 0.5) * rate));
  for (const at of truth) {
    for (let i = 0; i < 0.01 * rate; i++)
      samples[Math.round(at * rate) + i] += 0.6 * Math.sin((2 * Math.PI * 1500 * i) / rate) * (1 - i / (0.01 * rate));
  }
  const track = detectBeats(analyse(samples));
  assert.ok(track);
  assert.ok(worstBeatError(truth, [...track.times]) < 0.02, `a beat ${worstBeatError(truth, [...track.times])} s off`);
});

test('silence, a held tone and noise have no steady beat', () => {
  assert.is(detectBeats(analyse(silentTrack(10))), undefined);
  assert.is(detectBeats(analyse(toneTrack(220, 10))), undefined);
  let state = 7;
  const noise = Float32Array.from({ length: 22050 * 10 }, () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return 0.3 * (state / 2 ** 31 - 1);
  });
  assert.is(detectBeats(analyse(noise)), undefined);
  // Too short to hold two periods of the slowest tempo.
  assert.is(detectBeats(analyse(clickTrack(120, 1.5).samples)), undefined);
});

test.run();
