import type { AudioFeatures } from './audio-analyser.ts';

/** The local level an onset is measured above: about a second, longer than any beat, shorter than a phrase. */
const levelSeconds = 1;

/**
 * The beat tracker's view of the onsets: the mel SuperFlux with its local level taken off (a loud passage
 * is not a stream of beats), negative values cut to zero, and scaled to unit standard deviation so that the
 * tracker's constants do not depend on the track's loudness. All zeros for silence.
 */
export function onsetEnvelope(features: AudioFeatures): Float64Array {
  const flux = features.beatOnset;
  const rows = flux.length;
  const half = Math.max(1, Math.round((levelSeconds * features.rate) / 2));
  const out = new Float64Array(rows);
  // A running sum gives each row the mean of the rows within `half` of it.
  const prefix = new Float64Array(rows + 1);
  for (let i = 0; i < rows; i++) prefix[i + 1] = prefix[i] + flux[i];
  for (let i = 0; i < rows; i++) {
    const from = Math.max(0, i - half);
    const to = Math.min(rows, i + half + 1);
    out[i] = Math.max(0, flux[i] - (prefix[to] - prefix[from]) / (to - from));
  }
  let sumSquares = 0;
  for (let i = 0; i < rows; i++) sumSquares += out[i] * out[i];
  const rms = Math.sqrt(sumSquares / Math.max(1, rows));
  if (rms > 0) for (let i = 0; i < rows; i++) out[i] /= rms;
  return out;
}
