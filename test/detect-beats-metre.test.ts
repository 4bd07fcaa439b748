import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analysisHop, analysisSampleRate } from '../src/audio/audio-analyser.ts';
import { choosePhase } from '../src/audio/choose-phase.ts';
import { estimateTempo } from '../src/audio/estimate-tempo.ts';
import { trackBeats } from '../src/audio/track-beats.ts';

const rate = analysisSampleRate / analysisHop;
const start = 0.3;

/**
 * An onset envelope (unit RMS, as onset-envelope.ts makes) of a pattern repeating every `cycle` seconds:
 * each event is [position in eighths of the cycle, strength].
 */
function envelope(seconds: number, cycle: number, events: [number, number][]): Float64Array {
  const values = new Float64Array(Math.round(seconds * rate));
  for (let c = 0; c * cycle < seconds; c++) {
    for (const [position, strength] of events) {
      const row = Math.round((start + c * cycle + (position * cycle) / 8) * rate);
      if (row + 1 >= values.length) continue;
      values[row] += strength;
      values[row + 1] += strength / 2;
    }
  }
  const rms = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0) / values.length);
  return values.map((v) => v / rms);
}

/** Where a chain of beat rows falls within the beat, 0 (on it) to 1. */
const phaseOf = (rows: number[], beatSeconds: number) => ((((rows[3] / rate - start) / beatSeconds) % 1) + 1) % 1;

test('3 + 3 + 2 over two beats (the tresillo) is counted at the beat, not at its 4:3 cross-rhythm', () => {
  // Sixteenths 0, 3 and 6 of each two beats strong, a light hit on the second beat: the onsets repeat most
  // strongly every three sixteenths, 4:3 of the beat.
  for (const bpm of [80, 93, 100]) {
    const tempo = estimateTempo(
      envelope(30, 120 / bpm, [
        [0, 1],
        [3, 1],
        [6, 1],
        [4, 0.4],
      ]),
      rate,
    );
    assert.ok(tempo);
    const found = (60 * rate) / tempo.period;
    assert.ok(Math.abs(found / bpm - 1) < 0.01, `tresillo at ${bpm} BPM read as ${found.toFixed(1)}`);
  }
});

test('a pick-up half a beat before each accented note ("and-ONE") does not pull the beats onto the pick-ups', () => {
  // Over two beats: the accented note on the beat, a light touch on each of the next half beat and beat,
  // the pick-up (a little stronger than the note) half a beat before the next beat. The onsets on either
  // chain nearly tie, so the strongest chain is the pick-ups'; the long gap after each accented note
  // (a beat and a half, against half a beat after each pick-up) marks it as the beat.
  for (const bpm of [90, 113]) {
    const beat = 60 / bpm;
    const values = envelope(30, 2 * beat, [
      [0, 0.95],
      [2, 0.2],
      [4, 0.2],
      [6, 1],
    ]);
    const tempo = estimateTempo(values, rate);
    assert.ok(tempo);
    const strongest = trackBeats(values, tempo.period);
    assert.ok(
      Math.abs(phaseOf(strongest, beat) - 0.5) < 0.05,
      `at ${bpm} BPM the test's premise fails: the strongest chain is not the pick-ups'`,
    );
    const chosen = choosePhase(values, strongest, tempo.period);
    const phase = phaseOf(chosen, beat);
    assert.ok(Math.min(phase, 1 - phase) < 0.05, `at ${bpm} BPM the beats are ${phase.toFixed(2)} of a beat off the accented notes`);
  }
});

test('where the onsets on the beat clearly win (kick on the beat, hats between), the phase stays', () => {
  const beat = 0.5;
  const values = envelope(30, beat, [
    [0, 1],
    [4, 0.5],
  ]);
  const tempo = estimateTempo(values, rate);
  assert.ok(tempo);
  const chosen = choosePhase(values, trackBeats(values, tempo.period), tempo.period);
  const phase = phaseOf(chosen, beat);
  assert.ok(Math.min(phase, 1 - phase) < 0.05, `beats ${phase.toFixed(2)} of a beat off the kicks`);
});

test.run();
