import type { AudioFeatures } from './audio-analyser.ts';
import { choosePhase } from './choose-phase.ts';
import { estimateTempo, tempoRange } from './estimate-tempo.ts';
import { findDownbeat } from './find-downbeats.ts';
import { onsetEnvelope } from './onset-envelope.ts';
import { trackBeats } from './track-beats.ts';

export { tempoRange };

/** A steady beat as a grid: its mean tempo, first beat and which beat is a bar's first. */
export interface BeatGrid {
  readonly bpm: number;
  /** The first beat at or after the start of the analysed audio, in seconds from its start. */
  readonly firstBeatSeconds: number;
  /** Which beat (0 to beatsPerBar − 1, counted from the first) is a bar's first. */
  readonly downbeat: number;
}

/** The beats as tracked: every one where it falls (they drift where the music drifts), the bars, and how sure. */
export interface BeatTrack extends BeatGrid {
  /** Every beat, in seconds from the start of the analysed audio, in order. */
  readonly times: readonly number[];
  /** Every bar's first beat: `times[downbeat]`, `times[downbeat + beatsPerBar]`, … */
  readonly downbeatTimes: readonly number[];
  readonly beatsPerBar: number;
  /** From 0 (no beat to speak of) to 1 (clicks): how strongly and regularly the beats stand out. */
  readonly confidence: number;
}

/** The verdict on a track's beat, with its confidence even where it has none. */
export interface BeatAnalysis {
  /** Undefined when there is no steady beat (silence, a held tone, noise, free-time music). */
  readonly track: BeatTrack | undefined;
  readonly confidence: number;
}

/**
 * Where the onset envelope peaks after a beat's true start, in seconds: the mel flux rises as a hit enters
 * the leading flank of the row's Hann window, before the row's centre. Measured on the click and drum tracks
 * of test/detect-beats.test.ts and taken off every beat time.
 */
const onsetLagSeconds = -0.003;
/** Below this confidence a track is said to have no steady beat. */
const steadyConfidence = 0.3;

/**
 * The tempo, every beat and the downbeat of a track, or undefined when it has no steady beat. A pure
 * function of the analysis.
 *
 * 1. Onsets: the mel SuperFlux (mel-flux.ts) less its local level (onset-envelope.ts).
 * 2. Tempo: autocorrelation with the evidence of two periods and a preference for ~120 BPM, checked
 *    against its 4:3 relatives over two bars (estimate-tempo.ts).
 * 3. Beats: dynamic programming (track-beats.ts), so each beat sits on its onset and the beats may drift;
 *    where the chain half a beat away carries nearly as much onset, the durational accent picks the phase
 *    (choose-phase.ts).
 * 4. Downbeat: the bar position with the most bass onset and harmonic change (find-downbeats.ts).
 */
export function detectBeats(features: AudioFeatures, { beatsPerBar = 4 } = {}): BeatTrack | undefined {
  return analyseBeats(features, { beatsPerBar }).track;
}

export function analyseBeats(features: AudioFeatures, { beatsPerBar = 4 } = {}): BeatAnalysis {
  const envelope = onsetEnvelope(features);
  const tempo = estimateTempo(envelope, features.rate);
  if (!tempo) return { track: undefined, confidence: 0 };
  const level = chooseLevel(envelope, tempo.period, features.rate, tempo.regularity);
  const rows = level.length < 2 ? level : choosePhase(envelope, level, (level[level.length - 1] - level[0]) / (level.length - 1));
  const confidence = confidenceOf(envelope, rows, tempo.regularity);
  if (rows.length < 4 || confidence < steadyConfidence) return { track: undefined, confidence };
  return { track: trackOf(features, rows, beatsPerBar, confidence), confidence };
}

/**
 * Beats at a tempo given (--bpm), placed on the track's onsets by the same dynamic programming held to
 * that period. A track without onsets gets a grid from 0.
 */
export function alignBeats(features: AudioFeatures, bpm: number, beatsPerBar = 4): BeatTrack {
  const period = (60 * features.rate) / bpm;
  const envelope = onsetEnvelope(features);
  const rows = trackBeats(envelope, period);
  if (rows.length < 2) {
    const seconds = features.samples / features.sampleRate;
    const times: number[] = [];
    for (let t = 0; t < seconds; t += 60 / bpm) times.push(t);
    return {
      bpm,
      firstBeatSeconds: 0,
      downbeat: 0,
      times,
      downbeatTimes: times.filter((_, k) => k % beatsPerBar === 0),
      beatsPerBar,
      confidence: 0,
    };
  }
  return { ...trackOf(features, rows, beatsPerBar, confidenceOf(envelope, rows, 1)), bpm };
}

function trackOf(features: AudioFeatures, rows: number[], beatsPerBar: number, confidence: number): BeatTrack {
  const { rate } = features;
  // A row's centre is half a hop after its start; the flux's lead is taken off. A beat a hair before the
  // start (a hit on the very first sample) is the start.
  const times = rows.map((row) => Math.max(0, (row + 0.5) / rate - onsetLagSeconds));
  const downbeat = findDownbeat(features, rows, beatsPerBar);
  return {
    bpm: 60 / meanInterval(times),
    firstBeatSeconds: times[0],
    downbeat,
    times,
    downbeatTimes: times.filter((_, k) => k >= downbeat && (k - downbeat) % beatsPerBar === 0),
    beatsPerBar,
    confidence,
  };
}

/** The slope of the least-squares line through the beat times against their numbers: the mean interval. */
function meanInterval(times: readonly number[]): number {
  const n = times.length;
  const meanK = (n - 1) / 2;
  const meanT = times.reduce((sum, t) => sum + t, 0) / n;
  let num = 0;
  let den = 0;
  times.forEach((t, k) => {
    num += (k - meanK) * (t - meanT);
    den += (k - meanK) ** 2;
  });
  return num / den;
}

/**
 * How sure the beat is: the onsets' regularity at the period, and how far the onsets on the beats stand
 * above the rest (the mean envelope at the beats over its mean everywhere), combined into 0 to 1.
 */
function confidenceOf(envelope: Float64Array, rows: number[], regularity: number): number {
  if (rows.length < 2) return 0;
  let all = 0;
  for (const v of envelope) all += v;
  all /= envelope.length;
  let onBeats = 0;
  for (const row of rows) {
    const at = Math.round(row);
    onBeats += Math.max(envelope[at - 1] ?? 0, envelope[at] ?? 0, envelope[at + 1] ?? 0);
  }
  onBeats /= rows.length;
  const contrast = all > 0 ? onBeats / all : 0;
  // Clicks: contrast ~10+, regularity ~0.8; noise: contrast ~2, regularity ~0.
  return Math.min(1, Math.sqrt(Math.min(1, regularity / 0.5) * Math.min(1, Math.max(0, contrast - 1) / 4)));
}

/** Every beat up to `seconds`: the tracked ones, or for a grid (a recipe's, --bpm without audio) the grid's. */
export function beatTimes(grid: BeatGrid & { readonly times?: readonly number[] }, seconds: number): number[] {
  if (grid.times) return grid.times.filter((t) => t < seconds);
  const period = 60 / grid.bpm;
  const times: number[] = [];
  for (let k = 0; grid.firstBeatSeconds + k * period < seconds; k++) times.push(grid.firstBeatSeconds + k * period);
  return times;
}

/** Onsets halfway between beats at least this strong, on average, against those on the beats, make the beat twice as fast. */
const midBeatRatio = 0.6;
/** Every other beat's onsets under this fraction of the others' make the beat half as fast. */
const alternateRatio = 0.5;
/** The level checks apply only to onsets that repeat this regularly (at the period found): machine-made beats, where they cannot mislead. */
const doublingRegularity = 0.85;
const halvingRegularity = 0.65;

/**
 * The metrical level, checked on the beats themselves, for machine-steady tracks only: are the onsets
 * halfway between beats nearly as strong as those on them (clicks at 180 BPM read at 90, kick and snare
 * alternating fast)? Then the beat is twice as fast. Are every other beat's onsets far weaker (eighth-note
 * hats under a slow kick and snare)? Then it is half as fast. On recordings, where both patterns are common
 * at the tempo a listener taps, the autocorrelation's choice stands (measured by scripts/eval-beats.mts).
 */
function chooseLevel(envelope: Float64Array, period: number, rate: number, regularity: number): number[] {
  const rows = trackBeats(envelope, period);
  if (rows.length < 8 || regularity < halvingRegularity) return rows;
  const peak = (at: number) => {
    let most = 0;
    for (let i = Math.round(at) - 2; i <= Math.round(at) + 2; i++) most = Math.max(most, envelope[i] ?? 0);
    return most;
  };
  let on = 0;
  let mid = 0;
  const parity = [0, 0];
  rows.forEach((row, k) => {
    parity[k % 2] += peak(row);
    if (k === 0) return;
    on += peak(row);
    mid += peak((row + rows[k - 1]) / 2);
  });
  if (regularity >= doublingRegularity && (60 * rate) / (period / 2) <= tempoRange.max && mid >= midBeatRatio * on) {
    return trackBeats(envelope, period / 2);
  }
  const alternate = Math.min(...parity) / Math.max(...parity);
  if ((60 * rate) / (period * 2) >= tempoRange.min && alternate < alternateRatio) return trackBeats(envelope, period * 2);
  return rows;
}
