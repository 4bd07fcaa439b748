/**
 * The scores of the beat evaluation (MIREX conventions): tempo Acc1/Acc2, and an F-measure of event
 * times against reference times within ±70 ms, each reference matched to at most one estimate.
 */

/** Acc1: within ±4 % of the reference tempo. */
export function acc1(bpm: number, reference: number): boolean {
  return Math.abs(bpm / reference - 1) <= 0.04;
}

/** Acc2: Acc1 at the reference's tempo or at ×2, ×½, ×3 or ×⅓ of it. */
export function acc2(bpm: number, reference: number): boolean {
  return [1, 2, 0.5, 3, 1 / 3].some((factor) => acc1(bpm, reference * factor));
}

export interface FMeasure {
  readonly f: number;
  readonly precision: number;
  readonly recall: number;
}

/** Greedy one-to-one matching of sorted times, nearest first, within `window` seconds. */
export function fMeasure(estimated: readonly number[], reference: readonly number[], window = 0.07): FMeasure {
  if (reference.length === 0 && estimated.length === 0) return { f: 1, precision: 1, recall: 1 };
  if (reference.length === 0 || estimated.length === 0) return { f: 0, precision: 0, recall: 0 };
  const used = new Uint8Array(estimated.length);
  let hits = 0;
  for (const r of reference) {
    let best = -1;
    let bestDistance = window + 1e-9;
    for (let i = 0; i < estimated.length; i++) {
      const distance = Math.abs(estimated[i] - r);
      if (!used[i] && distance <= bestDistance) {
        best = i;
        bestDistance = distance;
      }
    }
    if (best >= 0) {
      used[best] = 1;
      hits++;
    }
  }
  const precision = hits / estimated.length;
  const recall = hits / reference.length;
  return { f: hits === 0 ? 0 : (2 * precision * recall) / (precision + recall), precision, recall };
}

/** Times within [from, to): the scores leave out the excerpt's edges, where either tracker may be unsure. */
export function within(times: readonly number[], from: number, to: number): number[] {
  return times.filter((t) => t >= from && t < to);
}

/**
 * The frames where a video's motion peaks, in seconds, as /work/shared/bench/beat-peaks.js finds them:
 * the mean absolute change per channel between frames i − 1 and i, arriving at time i / fps, counted
 * where it is a local maximum above 1.5× the median change.
 */
export function motionPeaks(rgb: Uint8Array, width: number, height: number, fps: number): { peaks: number[]; motion: number[] } {
  const n = width * height * 3;
  const frames = Math.floor(rgb.length / n);
  const motion: number[] = [];
  for (let i = 1; i < frames; i++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.abs(rgb[i * n + k] - rgb[(i - 1) * n + k]);
    motion.push(sum / n);
  }
  const median = [...motion].sort((a, b) => a - b)[motion.length >> 1] ?? 0;
  const peaks: number[] = [];
  for (let i = 1; i + 1 < motion.length; i++) {
    if (motion[i] >= motion[i - 1] && motion[i] > motion[i + 1] && motion[i] > 1.5 * median) peaks.push((i + 1) / fps);
  }
  return { peaks, motion };
}

export const mean = (values: readonly number[]): number =>
  values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : Number.NaN;
