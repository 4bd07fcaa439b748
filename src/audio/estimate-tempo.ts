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
 * against its reference (tried: widths 0.7–1.2 octave, weights 0–0.5 at three periods).
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
  // Normalised by the overlap, so long lags are not penalised for overlapping less.
  for (let lag = 0; lag <= reach; lag++) {
    let sum = 0;
    for (let i = lag; i < rows; i++) sum += centred[i] * centred[i - lag];
    ac[lag] = sum / (rows - lag);
  }
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
  // The vertex of the parabola through the peak and its neighbours: a period between rows.
  const left = ac[best - 1];
  const right = ac[best + 1];
  const curve = left - 2 * ac[best] + right;
  const period = curve < 0 ? best + (0.5 * (left - right)) / curve : best;
  return { period, regularity: Math.max(0, ac[best]) / ac[0] };
}
