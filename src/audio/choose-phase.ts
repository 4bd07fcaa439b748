import { trackBeats } from './track-beats.ts';

/** An onset counts for the accent when it is a local maximum over this many rows either side (35 ms) … */
const peakReach = 3;
/** … and at least this strong, in units of the envelope's RMS. */
const peakFloor = 1;
/** The next onset ends a note's span only when at least this fraction of its strength: a hi-hat tick does not cut a bass note short. */
const nextFraction = 0.3;
/** The other chain is the off-beat hypothesis only when it lies this close (in beats) to halfway between the beats. */
const offBeatTolerance = 0.15;
/** The beats' onsets at least this much stronger than the off-beats' decide the phase without the durational accent (dense, even sixteenths, where duration says nothing). */
const onsetsDecide = 1.25;

/**
 * The beats in the phase a listener taps: the dynamic programming's beats, or the chain of beats half a
 * beat away from them where that chain carries more accent.
 *
 * On syncopated music the onsets on the beat and those half a beat before it ("and-ONE") can be nearly
 * equal, and the strongest chain may lock onto the pick-ups. What tells them apart is duration: a
 * listener hears a note followed by a long gap as accented, and the second of a pair of close notes
 * rather than the first (Povel & Essens 1985, "Perception of temporal patterns"; Dixon's BeatRoot weighs
 * onsets by the same durational salience). So each chain is scored by the onsets on its beats, each
 * weighted by the time to the next comparable onset (in beats, at most two), and the other chain is taken
 * only where it scores higher. Where the onsets alone already decide (a kick on the beat, hats between)
 * this agrees with them.
 */
export function choosePhase(envelope: Float64Array, beats: number[], period: number): number[] {
  if (beats.length < 8) return beats;
  // The other chain: the same tracker on the onsets with those near the found beats taken away.
  const masked = Float64Array.from(envelope);
  const reach = period / 4;
  for (const beat of beats) {
    for (let i = Math.max(0, Math.ceil(beat - reach)); i <= Math.min(masked.length - 1, Math.floor(beat + reach)); i++) masked[i] = 0;
  }
  const other = trackBeats(masked, period);
  if (other.length < beats.length / 2) return beats;
  if (Math.abs(medianOffset(other, beats, period) - 0.5) > offBeatTolerance) return beats;
  // Compared over the stretch both chains cover, so neither gains by reaching further.
  const from = Math.max(beats[0], other[0]) - period / 2;
  const to = Math.min(beats[beats.length - 1], other[other.length - 1]) + period / 2;
  const mean = (values: Float64Array, chain: number[]) => {
    const inside = chain.filter((row) => row >= from && row <= to);
    return inside.reduce((sum, row) => sum + nearestPeak(values, row), 0) / Math.max(1, inside.length);
  };
  if (mean(envelope, beats) > onsetsDecide * mean(envelope, other)) return beats;
  const accent = durationalAccent(envelope, period);
  return mean(accent, other) > mean(accent, beats) ? other : beats;
}

/** How far, in beats (0 to 1), the chain `other` typically lies after the nearest earlier beat of `beats`. */
function medianOffset(other: number[], beats: number[], period: number): number {
  const offsets: number[] = [];
  let k = 0;
  for (const row of other) {
    while (k + 1 < beats.length && beats[k + 1] <= row) k++;
    if (beats[k] > row) continue;
    offsets.push(((((row - beats[k]) / period) % 1) + 1) % 1);
  }
  offsets.sort((a, b) => a - b);
  return offsets[offsets.length >> 1] ?? 0;
}

/** Each onset peak's strength times the time to the next onset at least `nextFraction` as strong, in beats (at most 2); zero elsewhere. */
function durationalAccent(envelope: Float64Array, period: number): Float64Array {
  const peaks: number[] = [];
  for (let i = 0; i < envelope.length; i++) {
    if (envelope[i] < peakFloor) continue;
    let highest = true;
    for (let j = Math.max(0, i - peakReach); j <= Math.min(envelope.length - 1, i + peakReach) && highest; j++) {
      if (envelope[j] > envelope[i] || (envelope[j] === envelope[i] && j < i)) highest = false;
    }
    if (highest) peaks.push(i);
  }
  const accent = new Float64Array(envelope.length);
  peaks.forEach((at, k) => {
    let next = envelope.length;
    for (let q = k + 1; q < peaks.length; q++) {
      if (envelope[peaks[q]] >= nextFraction * envelope[at]) {
        next = peaks[q];
        break;
      }
    }
    accent[at] = envelope[at] * Math.min(2, (next - at) / period);
  });
  return accent;
}

function nearestPeak(values: Float64Array, row: number): number {
  const at = Math.round(row);
  let most = 0;
  for (let i = Math.max(0, at - 2); i <= Math.min(values.length - 1, at + 2); i++) most = Math.max(most, values[i]);
  return most;
}
