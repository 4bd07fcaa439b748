import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AudioFeatures } from '../src/audio/audio-analyser.ts';
import { createAudioSweep } from '../src/audio/audio-sweep.ts';
import { defaultReact, reactToAudio } from '../src/audio/react.ts';
import { createSweep, type SweepSpec } from '../src/cppn/sweep.ts';

/** Features at 100 rows a second from a per-row function of time; every band follows `level`, bass adds `kicks`. */
function features(seconds: number, level: (t: number) => number, kicks: (t: number) => number = () => 0): AudioFeatures {
  const rows = seconds * 100;
  const at = (f: (t: number) => number) => Float32Array.from({ length: rows }, (_, i) => f(i / 100));
  return {
    rate: 100,
    samples: rows * 10,
    sampleRate: 1000,
    loudness: at(level),
    bass: at((t) => level(t) + kicks(t)),
    mid: at(level),
    treble: at(level),
    onset: at(() => 0),
    beatOnset: at(() => 0),
  };
}

const silentThenLoud = (t: number) => (t < 2 ? 0 : 0.5);
const kicksEveryHalfSecond = (t: number) => (t >= 2 && t % 0.5 < 0.05 ? 0.5 : 0);
const steps = (position: Float64Array) => position.slice(1).map((p, f) => p - position[f]);
const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);

test('position: 0 at the first frame, exactly `turns` at the last, never going back', () => {
  const { position } = reactToAudio(features(4, silentThenLoud), defaultReact, 3, 40, 10);
  assert.is(position.length, 40);
  assert.is(position[0], 0);
  assert.ok(Math.abs(position[39] - 3) < 1e-12);
  for (const step of steps(position)) assert.ok(step >= 0);
});

test('silence is near-still; the loud part does nearly all of the travelling', () => {
  const { position } = reactToAudio(features(4, silentThenLoud), defaultReact, 1, 40, 10);
  const moves = steps(position);
  const silent = sum(moves.slice(0, 19));
  const loud = sum(moves.slice(20));
  assert.ok(loud > 20 * silent, `silent ${silent.toFixed(4)} vs loud ${loud.toFixed(4)}`);
  assert.ok(silent > 0, 'silence still creeps');
});

test('normalised: a quieter or louder file with the same shape moves the same way', () => {
  const base = reactToAudio(features(4, silentThenLoud), defaultReact, 2, 40, 10);
  const quiet = reactToAudio(
    features(4, (t) => silentThenLoud(t) / 30),
    defaultReact,
    2,
    40,
    10,
  );
  for (let f = 0; f < 40; f++) assert.ok(Math.abs(base.position[f] - quiet.position[f]) < 1e-6);
});

test('constant speed ignores the sound; a silent track stays put; one frame stays put', () => {
  const constant = reactToAudio(features(4, silentThenLoud), { ...defaultReact, speed: 'constant' }, 1, 5, 10);
  assert.equal(Array.from(constant.position), [0, 0.25, 0.5, 0.75, 1]);
  const silent = reactToAudio(
    features(4, () => 0),
    defaultReact,
    1,
    40,
    10,
  );
  assert.ok(silent.position.every((p) => p === 0) && silent.pulse.every((p) => p === 0));
  assert.equal(Array.from(reactToAudio(features(4, silentThenLoud), defaultReact, 1, 1, 10).position), [0]);
});

test('frames past the end of the audio are silent', () => {
  // 2 s of loud audio, 4 s of video: the second half hardly moves.
  const { position } = reactToAudio(
    features(2, () => 0.5),
    defaultReact,
    1,
    40,
    10,
  );
  assert.ok(position[20] > 0.9, `most of the way by the audio's end: ${position[20]}`);
});

test('pulse: in [0, 1], on the kicks, none in silence or with pulse=none', () => {
  const track = features(4, silentThenLoud, kicksEveryHalfSecond);
  const { pulse } = reactToAudio(track, defaultReact, 1, 80, 20);
  assert.ok(pulse.every((p) => p >= 0 && p <= 1));
  assert.ok(
    pulse.slice(0, 39).every((p) => p === 0),
    'no pulse in the silence',
  );
  // Kicks at 2.0, 2.5, 3.0, 3.5 s: frames 40, 50, 60, 70 at 20 fps.
  for (const frame of [50, 60, 70])
    assert.ok(
      pulse[frame] > 0.3 && pulse[frame] > 3 * pulse[frame + 5],
      `kick at frame ${frame}: ${pulse[frame]} then ${pulse[frame + 5]}`,
    );
  assert.ok(reactToAudio(track, { ...defaultReact, pulse: 'none' }, 1, 80, 20).pulse.every((p) => p === 0));
});

const spec: SweepSpec = { loop: 'circle', radius: 1.5, centre: [0.5, 0, 0], from: [-1, -1, -1], to: [1, 1, 1] };
const distance = (a: Float64Array, b: readonly number[] | Float64Array) => Math.hypot(...a.map((v, i) => v - b[i]));

test('audio sweep, circle: the same circle as the plain sweep; a pulse pushes z outwards', () => {
  const position = Float64Array.from([0, 0.25, 0.5, 1]);
  const still = createAudioSweep(spec, 3, 'seed', { position, pulse: new Float64Array(4) }, 0.2, 1);
  const plain = createSweep(spec, 3, 'seed');
  // Position 0.25 of a turn is frame 1 of a 4-frame plain circle.
  assert.ok(distance(still(1, 4), plain(1, 4)) < 1e-12);
  assert.ok(distance(still(3, 4), plain(0, 4)) < 1e-12);
  const pulsed = createAudioSweep(spec, 3, 'seed', { position, pulse: Float64Array.from([0, 1, 0.5, 0]) }, 0.2, 1);
  assert.ok(Math.abs(distance(pulsed(1, 4), spec.centre) - 1.5 * 1.2) < 1e-12);
  assert.ok(Math.abs(distance(pulsed(2, 4), spec.centre) - 1.5 * 1.1) < 1e-12);
  assert.throws(() => pulsed(0, 5), /4 frames, not 5/);
});

test('audio sweep, pingpong and none: along from → to; pingpong makes `turns` round trips', () => {
  const position = Float64Array.from([0, 0.5, 1, 2]);
  const motion = { position, pulse: new Float64Array(4) };
  const pingpong = createAudioSweep({ ...spec, loop: 'pingpong' }, 3, 's', motion, 0.2, 2);
  assert.equal(Array.from(pingpong(1, 4)), [1, 1, 1]);
  assert.equal(Array.from(pingpong(3, 4)), [-1, -1, -1]);
  const none = createAudioSweep({ ...spec, loop: 'none' }, 3, 's', motion, 0.2, 2);
  assert.equal(Array.from(none(3, 4)), [1, 1, 1]);
  assert.equal(Array.from(none(2, 4)), [0, 0, 0]);
});

test.run();
