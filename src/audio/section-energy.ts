import type { AudioFeatures } from './audio-analyser.ts';

/** The calmest section moves at this fraction of the track's average pace, the liveliest at most this multiple. */
export const calmest = 0.6;
export const liveliest = 1.5;

/**
 * Each section's energy relative to the whole track: the geometric mean of its loudness and its onset
 * density (spectral flux per second), each over the track's own, mapped into [calmest, liveliest]
 * (1 for a section like the track as a whole), over the video's `durationSeconds` of the excerpt.
 * `sections` are starts in seconds from the excerpt's start; the first section starts at 0. A pure
 * function of the analysis.
 */
export function sectionEnergy(features: AudioFeatures, sections: readonly number[], durationSeconds: number): number[] {
  const { loudness, onset, rate } = features;
  // The video's rows only: a render --from a recipe may read more of the track than the video plays.
  const rows = Math.min(loudness.length, Math.ceil(durationSeconds * rate));
  const mean = (values: Float32Array, from: number, to: number) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i];
    return to > from ? sum / (to - from) : 0;
  };
  const trackLoudness = mean(loudness, 0, rows);
  const trackOnset = mean(onset, 0, rows);
  const starts = [0, ...sections];
  return starts.map((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : durationSeconds;
    const from = Math.min(rows, Math.max(0, Math.floor(start * rate)));
    const to = Math.min(rows, Math.max(from, Math.ceil(end * rate)));
    if (to <= from || trackLoudness <= 0 || trackOnset <= 0) return 1;
    const relative = Math.sqrt((mean(loudness, from, to) / trackLoudness) * (mean(onset, from, to) / trackOnset));
    return Math.min(liveliest, Math.max(calmest, relative));
  });
}
