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
