/** Tempi considered, in beats a minute: what dance, pop, marches and ballads are counted in. */
export const tempoRange = { min: 40, max: 208 } as const;

/** The tempo most music is felt at, and how far (in octaves, one standard deviation) the felt tempo strays from it. */
const preferredBpm = 120;
const preferenceOctaves = 0.8;

export interface TempoEstimate {
  /** The beat period in rows (fractional). */
  readonly period: number;
  /** The onsets' autocorrelation at that period over that at lag 0: how regularly they repeat (0 to 1). */
  readonly regularity: number;
}

/**
 * The beat period of an onset envelope, or undefined when it is too short to hold two periods of the
 * slowest tempo or has no onsets.
 *
 * Each period is scored by the autocorrelation at it and, at half weight, at twice it (a true beat also
 * repeats every two beats; a beat and a half, the 3:2 error, rarely does), times a log-normal preference
 * for ~120 BPM, 0.8 octave wide: what keeps the choice off the eighth notes (double) and half notes (half)
 * that repeat nearly as strongly. The constants were chosen on the real excerpts of scripts/eval-beats.mts
 * against its reference (tried: widths 0.7–1.2 octave, weights 0–0.5 at three periods). Last, the period
 * is weighed against its 4:3 and 3:4 relatives over two bars (crossRhythmChecked).
 */
export function estimateTempo(envelope: Float64Array, rate: number): TempoEstimate | undefined {
  const rows = envelope.length;
  const minLag = Math.floor((rate * 60) / tempoRange.max);
  const maxLag = Math.ceil((rate * 60) / tempoRange.min);
  if (rows < 2 * maxLag) return undefined;
  const mean = envelope.reduce((sum, v) => sum + v, 0) / rows;
  const centred = envelope.map((v) => v - mean);
  const reach = Math.min(rows - 1, 2 * maxLag + 2);
  const ac = new Float64Array(reach + 1);
  for (let lag = 0; lag <= reach; lag++) ac[lag] = autocorrelation(centred, lag);
  if (!(ac[0] > 0)) return undefined;
  const at = (lag: number) => {
    const i = Math.floor(lag);
    if (i + 1 > reach) return 0;
    // The largest of the two rows around a fractional lag: a multiple of a period between rows lands on either.
    return Math.max(ac[i], ac[i + 1]);
  };
  const preference = (lag: number) => Math.exp(-0.5 * (Math.log2((rate * 60) / lag / preferredBpm) / preferenceOctaves) ** 2);
  let best = minLag;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let lag = minLag; lag <= maxLag; lag++) {
    const score = preference(lag) * (Math.max(0, ac[lag]) + 0.5 * Math.max(0, at(2 * lag)));
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  const chosen = crossRhythmChecked(centred, ac, refined(ac, best), minLag, maxLag, preference);
  return { period: chosen, regularity: Math.max(0, ac[Math.round(chosen)]) / ac[0] };
}

/** The vertex of the parabola through a peak of the autocorrelation and its neighbours: a period between rows. */
function refined(ac: Float64Array, lag: number): number {
  const left = ac[lag - 1];
  const right = ac[lag + 1];
  const curve = left - 2 * ac[lag] + right;
  return curve < 0 ? lag + (0.5 * (left - right)) / curve : lag;
}

/** The centred envelope's autocorrelation at a lag, normalised by the overlap so long lags are not penalised for overlapping less. */
function autocorrelation(centred: Float64Array, lag: number): number {
  let sum = 0;
  for (let i = lag; i < centred.length; i++) sum += centred[i] * centred[i - lag];
  return sum / (centred.length - lag);
}

/** Beats the comb reaches over: two bars of four, long enough that a cross-rhythm's grid falls off the bar. */
const combBeats = 8;
/** How much higher a 4:3 or 3:4 relative must score to replace the period found (a tenth: the comb is noisy on a short excerpt). */
const crossRhythmMargin = 1.1;

/**
 * The 4:3 error: music in 3 + 3 + 2 (the tresillo, dotted eighths against straight beats) repeats strongly
 * every three sixteenths, a period a third shorter than the beat (or, the other way, a third longer). One
 * lag cannot tell them apart; a comb over two bars can: the true beat's multiples fall on the bar's
 * repeats, the cross-rhythm's drift across it. So the period found and its 4:3 and 3:4 relatives are each
 * scored by the mean autocorrelation at their first `combBeats` multiples, and a relative that scores
 * higher replaces it. (At 3:2 this comb cannot judge: every other multiple of 1.5 periods is a whole
 * number of beats; the autocorrelation at twice the period already speaks against it.)
 */
function crossRhythmChecked(
  centred: Float64Array,
  ac: Float64Array,
  period: number,
  minLag: number,
  maxLag: number,
  preference: (lag: number) => number,
): number {
  const cache = new Map<number, number>();
  const acAt = (lag: number) => {
    if (lag < ac.length) return ac[lag];
    let value = cache.get(lag);
    if (value === undefined) {
      value = autocorrelation(centred, lag);
      cache.set(lag, value);
    }
    return value;
  };
  const comb = (candidate: number) => {
    const count = Math.min(combBeats, Math.floor(centred.length / 2 / candidate));
    let sum = 0;
    for (let k = 1; k <= count; k++) {
      const lag = Math.round(k * candidate);
      sum += Math.max(acAt(lag - 1), acAt(lag), acAt(lag + 1));
    }
    return count > 0 ? sum / count : 0;
  };
  let chosen = period;
  let chosenScore = preference(period) * comb(period);
  for (const ratio of [4 / 3, 3 / 4]) {
    const centre = Math.round(period * ratio);
    if (centre - 2 < minLag || centre + 2 > maxLag) continue;
    // The relative's own peak, within a row of where the ratio puts it.
    let lag = centre;
    for (const near of [centre - 1, centre + 1]) if (ac[near] > ac[lag]) lag = near;
    const candidate = refined(ac, lag);
    const score = preference(candidate) * comb(candidate);
    if (score > crossRhythmMargin * chosenScore) {
      chosen = candidate;
      chosenScore = score;
    }
  }
  return chosen;
}
