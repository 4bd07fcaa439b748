/**
 * Synthetic tracks of known tempo for the beat tests, as mono samples in [-1, 1]: each beat at
 * `offsetSeconds + k · 60 / bpm` exactly, so detected times can be checked against the truth.
 */

export interface BeatTrack {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  /** The true beat times, in seconds. */
  readonly beats: number[];
}

const rate = 22050;

function beatsOf(bpm: number, seconds: number, offsetSeconds: number): number[] {
  const beats: number[] = [];
  for (let k = 0; offsetSeconds + (k * 60) / bpm < seconds; k++) beats.push(offsetSeconds + (k * 60) / bpm);
  return beats;
}

/** Adds `sound(t)` (t in seconds since the hit) at `at`, for `length` seconds. */
function hit(samples: Float32Array, at: number, length: number, sound: (t: number) => number): void {
  const start = Math.round(at * rate);
  for (let i = 0; i < length * rate && start + i < samples.length; i++) samples[start + i] += sound(i / rate);
}

/** A metronome: a 10 ms burst of 1.5 kHz on every beat, louder on each bar's first. */
export function clickTrack(bpm: number, seconds: number, { offsetSeconds = 0.25, beatsPerBar = 4 } = {}): BeatTrack {
  const samples = new Float32Array(Math.round(seconds * rate));
  const beats = beatsOf(bpm, seconds, offsetSeconds);
  beats.forEach((at, k) => {
    const level = k % beatsPerBar === 0 ? 0.8 : 0.5;
    hit(samples, at, 0.01, (t) => level * Math.sin(2 * Math.PI * 1500 * t) * (1 - t / 0.01));
  });
  return { samples, sampleRate: rate, beats };
}

/**
 * A drum loop: a kick (a falling 110→45 Hz sine) on beats 1 and 3, a snare (noise with a 190 Hz body)
 * on 2 and 4, and a quieter closed hi-hat (high noise) on every eighth note, over a held bass tone.
 */
export function drumTrack(bpm: number, seconds: number, { offsetSeconds = 0.1, seed = 1 } = {}): BeatTrack {
  const samples = new Float32Array(Math.round(seconds * rate));
  const beats = beatsOf(bpm, seconds, offsetSeconds);
  let state = seed;
  const noise = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
  const beat = 60 / bpm;
  beats.forEach((at, k) => {
    if (k % 2 === 0) {
      hit(samples, at, 0.25, (t) => 0.8 * Math.exp(-t / 0.08) * Math.sin(2 * Math.PI * (45 * t + 65 * 0.03 * (1 - Math.exp(-t / 0.03)))));
    } else {
      hit(samples, at, 0.2, (t) => Math.exp(-t / 0.05) * (0.35 * noise() + 0.3 * Math.sin(2 * Math.PI * 190 * t)));
    }
    for (const eighth of [0, 0.5]) {
      let last = 0;
      hit(samples, at + eighth * beat, 0.05, (t) => {
        // A first difference of noise: energy mostly above 5 kHz.
        const n = noise();
        const high = n - last;
        last = n;
        return 0.12 * Math.exp(-t / 0.015) * high;
      });
    }
  });
  for (let i = 0; i < samples.length; i++) samples[i] += 0.1 * Math.sin((2 * Math.PI * 55 * i) / rate);
  return { samples, sampleRate: rate, beats };
}

export function toneTrack(hz: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => 0.4 * Math.sin((2 * Math.PI * hz * i) / rate));
}

export function silentTrack(seconds: number): Float32Array {
  return new Float32Array(Math.round(seconds * rate));
}
