import type { AudioFeatures } from './audio-analyser.ts';

/**
 * Which beat (0 to beatsPerBar − 1, counted from the first) is a bar's first: the position whose beats carry
 * the most bass onset (the kick, the bass note that starts a bar) plus, at half weight, the most change in
 * the spectrum's balance between the beat before and the beat after (the chord changing on the one).
 * With no accent at all (ties within 5 %), the first beat is one.
 */
export function findDownbeat(features: AudioFeatures, beatRows: readonly number[], beatsPerBar: number): number {
  if (beatsPerBar <= 1 || beatRows.length === 0) return 0;
  const bassRise = beatRows.map((row) => rise(features.bass, row, Math.max(1, Math.round(0.03 * features.rate))));
  const change = beatRows.map((row, k) => balanceChange(features, beatRows[k - 1], row, beatRows[k + 1]));
  const normalise = (values: number[]) => {
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    return values.map((v) => (mean > 0 ? v / mean : 0));
  };
  const bass = normalise(bassRise);
  const harmony = normalise(change);
  const totals = new Float64Array(beatsPerBar);
  const counts = new Float64Array(beatsPerBar);
  beatRows.forEach((_, k) => {
    totals[k % beatsPerBar] += bass[k] + 0.5 * harmony[k];
    counts[k % beatsPerBar]++;
  });
  for (let p = 0; p < beatsPerBar; p++) totals[p] = counts[p] > 0 ? totals[p] / counts[p] : 0;
  const strongest = totals.reduce((max, v) => Math.max(max, v), 0);
  let best = 0;
  while (totals[best] < 0.95 * strongest) best++;
  return best;
}

/** The largest rise of a band over `window` rows, within `window` rows of a beat. */
function rise(band: Float32Array, row: number, window: number): number {
  const at = Math.round(row);
  let most = 0;
  for (let i = Math.max(window, at - window); i <= Math.min(band.length - 1, at + window); i++)
    most = Math.max(most, band[i] - band[i - window]);
  return most;
}

/** How far the bass : mid : treble balance moves from the beat before to the beat after, as a distance between unit vectors. */
function balanceChange(features: AudioFeatures, before: number | undefined, row: number, after: number | undefined): number {
  if (before === undefined || after === undefined) return 0;
  const balance = (from: number, to: number) => {
    const sums = [features.bass, features.mid, features.treble].map((band) => {
      let sum = 0;
      for (let i = Math.round(from); i < Math.round(to) && i < band.length; i++) sum += Math.log1p(1000 * band[i]);
      return sum;
    });
    const norm = Math.hypot(...sums);
    return norm > 0 ? sums.map((s) => s / norm) : sums;
  };
  const a = balance(before, row);
  const b = balance(row, after);
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
