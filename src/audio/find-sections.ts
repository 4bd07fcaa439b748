import type { AudioFeatures } from './audio-analyser.ts';
import { type TextureFeatures, timbreCount } from './texture-features.ts';

/** No section is shorter than this: four bars at 120 BPM, and the least a visual change needs to register. */
export const minSectionSeconds = 8;
/** Texture frames averaged into one block of the self-similarity matrix (3 × 0.186 s ≈ 0.56 s, about a beat). */
const blockFrames = 3;

/** The choices of the method, chosen on the hand-marked tracks of `npm run eval:sections`. */
export interface SectionSettings {
  /**
   * Half the widths of the checkerboard kernels, whose novelties are averaged: how much music either side
   * of a boundary is compared.
   */
  readonly kernelSeconds: readonly number[];
  /** A boundary's novelty must reach this, in units of the track's typical distance between nearby blocks… */
  readonly floor: number;
  /** …and stand this far above the median novelty within `contextSeconds` either side. */
  readonly lift: number;
  readonly contextSeconds: number;
  /** How much the timbre's novelty counts against the harmony's (0 to 1). */
  readonly timbreWeight: number;
  /** The weight of the overall level (the MFCCs' c0) in the timbre's distances, against 1 for the spectrum's shape. */
  readonly levelWeight: number;
  /** A boundary moves to a downbeat only when one is this close; else it stays where the music changes. */
  readonly maxSnapSeconds: number;
}

export const sectionSettings: SectionSettings = {
  kernelSeconds: [12, 24],
  floor: 0.2,
  lift: 0.2,
  contextSeconds: 30,
  timbreWeight: 0.85,
  levelWeight: 0.6,
  maxSnapSeconds: 2,
};

/**
 * Where a track's sections start, in seconds from the excerpt's start: every section after the first (so
 * never 0), ascending, each on the nearest downbeat (or, without downbeats or with none within
 * `maxSnapSeconds`, the nearest analysis row), and every section, the first and last included, at least
 * `minSectionSeconds` long. A pure function of the analysis; a track too short for two sections, or
 * features without `texture`, have none.
 *
 * Foote's novelty (2000) on self-similarity: blocks of about half a second hold the track's timbre (MFCCs,
 * the level down-weighted) and harmony (chroma); a Gaussian-tapered checkerboard kernel slid along the
 * diagonal measures how much more the music differs across each block boundary than within either side.
 * The timbre and harmony curves, each in units of the track's typical distance between nearby blocks, are
 * mixed (timbre leads: on the hand-marked tracks harmony alone found few of the marks), at two kernel
 * widths. Peaks that clear a floor and stand above the local median of the curve (the adaptive threshold
 * of novelty-based segmenters such as msaf's Foote) are taken strongest first, keeping the minimum length.
 */
export function findSections(features: AudioFeatures, downbeats: readonly number[]): number[] {
  return findSectionsWith(features, downbeats, sectionSettings);
}

/** `findSections` with other settings: for the evaluation's comparisons. */
export function findSectionsWith(features: AudioFeatures, downbeats: readonly number[], settings: SectionSettings): number[] {
  const duration = features.samples / features.sampleRate;
  const curve = sectionNovelty(features, settings);
  if (!curve || duration < 2 * minSectionSeconds) return [];
  const candidates = pickPeaks(curve.novelty, curve.blockSeconds, duration, settings);
  return placeBoundaries(candidates, downbeats, features.rate, duration, settings);
}

/** The novelty at each block boundary (block t starts at t · blockSeconds), or undefined without texture features. */
export function sectionNovelty(features: AudioFeatures, settings = sectionSettings) {
  const texture = features.texture;
  if (!texture) return undefined;
  const blockSeconds = blockFrames / texture.rate;
  const blocks = Math.floor(texture.frames / blockFrames);
  if (blocks < 4) return undefined;
  const { timbre, chroma } = blockFeatures(texture, blocks, settings.levelWeight);
  const novelty = new Float64Array(blocks);
  for (const seconds of settings.kernelSeconds) {
    const half = Math.max(2, Math.round(seconds / blockSeconds));
    for (const [values, dims, distance, weight] of [
      [timbre, timbreCount, euclidean, settings.timbreWeight],
      [chroma, 12, cosineDistance, 1 - settings.timbreWeight],
    ] as const) {
      if (weight === 0) continue;
      const curve = checkerboardNovelty(values, dims, blocks, half, distance);
      for (let t = 0; t < blocks; t++) novelty[t] += (weight * curve[t]) / settings.kernelSeconds.length;
    }
  }
  return { novelty, blockSeconds };
}

/** Blocks of mean MFCCs and of chroma normalised to its largest class (silence: all classes alike). */
function blockFeatures(texture: TextureFeatures, blocks: number, levelWeight: number) {
  const timbre = new Float64Array(blocks * timbreCount);
  const chroma = new Float64Array(blocks * 12);
  for (let b = 0; b < blocks; b++) {
    for (let f = b * blockFrames; f < (b + 1) * blockFrames; f++) {
      for (let c = 0; c < timbreCount; c++) {
        timbre[b * timbreCount + c] += ((c === 0 ? levelWeight : 1) * texture.timbre[f * timbreCount + c]) / blockFrames;
      }
      // The square root keeps a loud bass note from outweighing the rest of the chord.
      for (let c = 0; c < 12; c++) chroma[b * 12 + c] += Math.sqrt(texture.chroma[f * 12 + c]);
    }
    let largest = 0;
    for (let c = 0; c < 12; c++) largest = Math.max(largest, chroma[b * 12 + c]);
    for (let c = 0; c < 12; c++) chroma[b * 12 + c] = largest > 1e-4 ? chroma[b * 12 + c] / largest : 1;
  }
  return { timbre, chroma };
}

type Distance = (values: Float64Array, dims: number, a: number, b: number) => number;

const euclidean: Distance = (values, dims, a, b) => {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += (values[a * dims + d] - values[b * dims + d]) ** 2;
  return Math.sqrt(sum);
};

const cosineDistance: Distance = (values, dims, a, b) => {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let d = 0; d < dims; d++) {
    const [x, y] = [values[a * dims + d], values[b * dims + d]];
    dot += x * y;
    aa += x * x;
    bb += y * y;
  }
  return 1 - dot / Math.sqrt(aa * bb + 1e-12);
};

/**
 * Novelty at each block boundary t (between blocks t − 1 and t): the tapered mean distance between a
 * block before t and one after, less the mean distance between two blocks on the same side, over `half`
 * blocks either side (fewer near the ends, each mean over the pairs there are), divided by the median
 * distance between blocks up to a kernel apart. Only distances within the kernel's band are computed, so
 * the cost grows with the track's length, not its square.
 */
function checkerboardNovelty(values: Float64Array, dims: number, blocks: number, half: number, distance: Distance): Float64Array {
  const band = 2 * half;
  const distances = new Float64Array(blocks * band);
  const sample: number[] = [];
  for (let i = 0; i < blocks; i++) {
    for (let d = 1; d < band && i + d < blocks; d++) {
      distances[i * band + d] = distance(values, dims, i, i + d);
      if (d % 3 === 0) sample.push(distances[i * band + d]);
    }
  }
  sample.sort((a, b) => a - b);
  const scale = Math.max(sample[sample.length >> 1] ?? 0, 1e-6);
  const taper = Float64Array.from({ length: half }, (_, k) => Math.exp(-0.5 * ((k + 0.5) / (half / 2)) ** 2));
  const novelty = new Float64Array(blocks);
  for (let t = 1; t < blocks; t++) {
    const from = Math.max(0, t - half);
    const to = Math.min(blocks, t + half);
    let [cross, crossWeight, within, withinWeight] = [0, 0, 0, 0];
    for (let i = from; i < to; i++) {
      const wi = taper[i < t ? t - 1 - i : i - t];
      for (let j = i + 1; j < to; j++) {
        const w = wi * taper[j < t ? t - 1 - j : j - t];
        const dist = distances[i * band + (j - i)];
        if (i < t && j >= t) {
          cross += w * dist;
          crossWeight += w;
        } else {
          within += w * dist;
          withinWeight += w;
        }
      }
    }
    if (crossWeight > 0 && withinWeight > 0) novelty[t] = (cross / crossWeight - within / withinWeight) / scale;
  }
  return novelty;
}

interface Candidate {
  readonly seconds: number;
  readonly strength: number;
}

/** The novelty's local maxima that clear the floor and the local median by the lift, strongest first. */
function pickPeaks(novelty: Float64Array, blockSeconds: number, duration: number, settings: SectionSettings): Candidate[] {
  const reach = Math.max(1, Math.round(minSectionSeconds / 2 / blockSeconds));
  const context = Math.round(settings.contextSeconds / blockSeconds);
  const peaks: Candidate[] = [];
  for (let t = 1; t < novelty.length; t++) {
    const value = novelty[t];
    if (value < settings.floor) continue;
    let isPeak = true;
    for (let k = Math.max(1, t - reach); k <= Math.min(novelty.length - 1, t + reach) && isPeak; k++) {
      if (novelty[k] > value || (novelty[k] === value && k < t)) isPeak = false;
    }
    if (!isPeak) continue;
    const around = Array.from(novelty.subarray(Math.max(1, t - context), Math.min(novelty.length, t + context + 1))).sort((a, b) => a - b);
    if (value < around[around.length >> 1] + settings.lift) continue;
    const seconds = t * blockSeconds;
    if (seconds >= minSectionSeconds && duration - seconds >= minSectionSeconds) peaks.push({ seconds, strength: value });
  }
  return peaks.sort((a, b) => b.strength - a.strength);
}

/**
 * Each candidate, strongest first, moved to its nearest downbeat (when one is within `maxSnapSeconds`) or
 * analysis row, and kept when it leaves every section, the first and last included, its minimum length.
 */
function placeBoundaries(
  candidates: readonly Candidate[],
  downbeats: readonly number[],
  rowRate: number,
  duration: number,
  settings: SectionSettings,
): number[] {
  const kept: number[] = [];
  const rowTime = (t: number) => Math.round(t * rowRate) / rowRate;
  for (const { seconds } of candidates) {
    const nearest = nearestOf(downbeats, seconds);
    const at = nearest !== undefined && Math.abs(nearest - seconds) <= settings.maxSnapSeconds ? nearest : rowTime(seconds);
    const fits = at >= minSectionSeconds - 1e-9 && duration - at >= minSectionSeconds - 1e-9;
    if (fits && kept.every((k) => Math.abs(k - at) >= minSectionSeconds - 1e-9)) kept.push(at);
  }
  return kept.sort((a, b) => a - b);
}

function nearestOf(sorted: readonly number[], t: number): number | undefined {
  let best: number | undefined;
  for (const value of sorted) if (best === undefined || Math.abs(value - t) < Math.abs(best - t)) best = value;
  return best;
}
