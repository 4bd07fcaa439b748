import type { AudioFeatures } from './audio-analyser.ts';
import type { AudioMotion } from './audio-motion.ts';
import { beatMotion, type FrameBeats } from './beat-motion.ts';
import { followEnvelope } from './follow-envelope.ts';

/** What can drive the motion: the overall loudness, or one band. */
export const reactSources = ['loudness', 'bass', 'mid', 'treble'] as const;
export type ReactSource = (typeof reactSources)[number];

/** What drives the speed: a source, the beat (a surge on each), or nothing (`constant`). */
export const speedDrives = [...reactSources, 'beat', 'constant'] as const;
/** What drives the pulse: a source's onsets, the beat (an accent on each, stronger on a bar's first), or nothing. */
export const pulseDrives = [...reactSources, 'beat', 'none'] as const;

/** What the audio drives; `constant` speed and `none` pulse switch one side off. */
export interface ReactSpec {
  /** How fast z travels along its path. */
  readonly speed: (typeof speedDrives)[number];
  /** What makes z pulse outwards on onsets or beats. */
  readonly pulse: (typeof pulseDrives)[number];
  /** How far a full pulse pushes z: 0.2 moves it 20 % further from the path's centre. */
  readonly pulseAmount: number;
}

export const defaultReact: ReactSpec = { speed: 'loudness', pulse: 'bass', pulseAmount: 0.2 };
/** For a track with a steady beat: travel and accents on the beat. */
export const defaultBeatReact: ReactSpec = { speed: 'beat', pulse: 'beat', pulseAmount: 0.35 };

/** The canonical text of a react setting, as --react takes it. */
export function reactText(react: ReactSpec): string {
  return `speed=${react.speed},pulse=${react.pulse},pulse-amount=${react.pulseAmount}`;
}

/** Speed: a fast attack so motion starts with the note, a slow release so it coasts between notes. */
const speedAttackSeconds = 0.05;
const speedReleaseSeconds = 0.5;
/** The beat's gate: a slow envelope of the loudness, full at half the track's loudest. */
const gateAttackSeconds = 0.1;
const gateReleaseSeconds = 1;
const gateKnee = 0.5;
/** Even in silence z creeps at this fraction of the track's loudest speed: near-still, never frozen. */
const speedFloor = 0.02;
/** An onset is the rise of a band above its own recent average (this long), so a steady hum does not pulse. */
const onsetAverageSeconds = 0.25;
/** A pulse strikes at once and dies away over this time constant. */
const pulseReleaseSeconds = 0.12;
/** Onsets are scaled so that this quantile of the non-zero ones is a full pulse: one freak peak does not flatten the rest. */
const pulseQuantile = 0.98;

/**
 * The mapping from sound to motion: a pure function of the analysis, the react settings and the
 * video's frames. The total distance is always `turns` whatever the file's absolute level, because
 * speed is normalised by its own sum; only the loudness *relative to the rest of the track* matters.
 * Frame f covers the audio from f / fps to (f + 1) / fps; frames past the end of the audio are silent.
 */
export function reactToAudio(
  features: AudioFeatures,
  react: ReactSpec,
  turns: number,
  frames: number,
  fps: number,
  beats?: FrameBeats,
): AudioMotion {
  const usesBeat = react.speed === 'beat' || react.pulse === 'beat';
  if (usesBeat && !beats) throw new Error('a beat-driven react needs the beat grid');
  // One more frame than the video: the step into frame `frames` is where a loop wraps round.
  const onBeat = usesBeat ? beatMotion(beats!, frames / beats!.framesPerBeat / turns, frames + 1) : undefined;
  const gate = usesBeat ? loudnessGate(features, frames, fps) : undefined;
  const pulse =
    react.pulse === 'none'
      ? new Float64Array(frames)
      : react.pulse === 'beat'
        ? onBeat!.pulse.slice(0, frames).map((p, f) => p * gate![f])
        : pulses(features[react.pulse], features.rate, frames, fps);
  if (react.speed === 'beat') return { position: gatedTravel(onBeat!.position, gate!, turns, frames), pulse };
  const speed =
    react.speed === 'constant'
      ? new Float64Array(frames).fill(1)
      : framesMean(
          followEnvelope(features[react.speed as ReactSource], features.rate, speedAttackSeconds, speedReleaseSeconds),
          features.rate,
          frames,
          fps,
        );
  const loudest = speed.reduce((max, v) => Math.max(max, v), 0);
  const position = new Float64Array(frames);
  // Frame f's speed carries z from frame f − 1 to frame f.
  let travelled = 0;
  for (let f = 1; f < frames; f++) {
    travelled += speed[f] + speedFloor * loudest;
    position[f] = travelled;
  }
  // A silent track (or a single frame) has no distance to share out: z stays where it starts.
  if (travelled > 0) for (let f = 0; f < frames; f++) position[f] *= turns / travelled;
  return { position, pulse };
}

/**
 * How much of the beat's motion plays in each frame, from 0 in silence to 1 in anything at least half as
 * loud as the track's loudest: a slow envelope (so the beat's own ripple does not show), so that music
 * at a steady level keeps exact time and a silent intro or break stays near-still.
 */
function loudnessGate(features: AudioFeatures, frames: number, fps: number): Float64Array {
  // Started at the first row's level, so a loop that starts mid-song does not creep in its first frames.
  const { loudness, rate } = features;
  const envelope = framesMean(
    followEnvelope(loudness, rate, gateAttackSeconds, gateReleaseSeconds, loudness[0] ?? 0),
    rate,
    frames + 1,
    fps,
  );
  const loudest = envelope.reduce((max, v) => Math.max(max, v), 0);
  return envelope.map((v) => (loudest > 0 ? Math.min(1, v / (gateKnee * loudest)) : 1));
}

/**
 * The beat's travel, each frame's step scaled by the gate (never below the floor, so silence creeps),
 * then all of it scaled so that the video travels exactly `turns`, counting the step that wraps from
 * the last frame to the first: a loop of whole bars at a steady level is exactly the beat's own travel.
 */
function gatedTravel(beatPosition: Float64Array, gate: Float64Array, turns: number, frames: number): Float64Array {
  const position = new Float64Array(frames);
  let travelled = 0;
  let wrap = 0;
  for (let f = 1; f <= frames; f++) {
    const step = (beatPosition[f] - beatPosition[f - 1]) * (speedFloor + (1 - speedFloor) * gate[f]);
    if (f < frames) {
      travelled += step;
      position[f] = travelled;
    } else wrap = step;
  }
  const total = travelled + wrap;
  if (total > 0) for (let f = 0; f < frames; f++) position[f] *= turns / total;
  return position;
}

/** Onset strength per frame in [0, 1]: the band's rise above its recent average, with a fast decay. */
function pulses(band: Float32Array, rate: number, frames: number, fps: number): Float64Array {
  const average = followEnvelope(band, rate, onsetAverageSeconds, onsetAverageSeconds);
  const onset = new Float32Array(band.length);
  for (let i = 0; i < band.length; i++) onset[i] = Math.max(0, band[i] - average[i]);
  const full = quantile(
    onset.filter((v) => v > 0),
    pulseQuantile,
  );
  const decayed = followEnvelope(onset, rate, 0, pulseReleaseSeconds);
  const perFrame = framesMax(decayed, rate, frames, fps);
  for (let f = 0; f < frames; f++) perFrame[f] = full > 0 ? Math.min(1, perFrame[f] / full) : 0;
  return perFrame;
}

/** The rows of `values` that fall within frame f (at least one, the row at its start). */
function frameRows(rate: number, frame: number, fps: number, rows: number): [number, number] {
  const first = Math.floor((frame / fps) * rate);
  const end = Math.max(first + 1, Math.ceil(((frame + 1) / fps) * rate));
  return [Math.min(first, rows), Math.min(end, rows)];
}

function framesMean(values: Float32Array, rate: number, frames: number, fps: number): Float64Array {
  const out = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const [first, end] = frameRows(rate, f, fps, values.length);
    let sum = 0;
    for (let i = first; i < end; i++) sum += values[i];
    out[f] = end > first ? sum / (end - first) : 0;
  }
  return out;
}

function framesMax(values: Float32Array, rate: number, frames: number, fps: number): Float64Array {
  const out = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const [first, end] = frameRows(rate, f, fps, values.length);
    for (let i = first; i < end; i++) out[f] = Math.max(out[f], values[i]);
  }
  return out;
}

function quantile(values: Float32Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
