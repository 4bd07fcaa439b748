import type { AudioFeatures } from './audio-analyser.ts';

/**
 * A steady beat: a grid of constant tempo. Music that drifts is followed only on average; what zsweep
 * does with the beat (loops of whole bars, accents on a grid) needs a constant tempo anyway.
 */
export interface BeatGrid {
  readonly bpm: number;
  /** The first beat at or after the start of the analysed audio, in seconds from its start. */
  readonly firstBeatSeconds: number;
  /** Which beat of the grid (0 to beatsPerBar − 1, counted from the first) falls on the bar's first beat. */
  readonly downbeat: number;
}

/** Tempi considered, in beats a minute: what dance, pop and most other music is counted in. */
export const tempoRange = { min: 60, max: 200 } as const;

/**
 * Where the spectral flux peaks after a click, in seconds: the flux of a row rises as the click enters
 * the steep flank of its Hann window, which is before the row's centre. Measured on click tracks
 * (test/detect-beats.test.ts) and taken off every beat time.
 */
const onsetLagSeconds = -0.00485;
/** A beat is steady when the onsets' autocorrelation at its period is at least this fraction of that at 0. */
const minimumRegularity = 0.15;
/** A tempo two or three times the chosen one is taken when it repeats nearly as strongly: clicks at 180 also repeat at 90 and 60. */
const doublingRatio = 0.75;
const preferredBpm = 120;

/**
 * The tempo, phase and downbeat of a track's onsets, or undefined when they have no steady beat
 * (silence, a held tone, noise). A pure function of the analysis.
 *
 * The tempo comes from the autocorrelation of the onset strength (spectral flux) over the lags of
 * `tempoRange`, the shortest period that repeats about as strongly as the best; then each beat of
 * that grid is matched to the strongest onset peak near it, and a weighted straight-line fit of those
 * peaks' times against their beat numbers gives the tempo and phase to a fraction of a row.
 * The downbeat is the grid position whose beats have the most bass onset (the kick on one).
 */
export function detectBeats(features: AudioFeatures, { beatsPerBar = 4 } = {}): BeatGrid | undefined {
  const { rate } = features;
  const onset = smooth(features.onset);
  const rows = onset.length;
  const minLag = Math.floor((rate * 60) / tempoRange.max);
  const maxLag = Math.ceil((rate * 60) / tempoRange.min);
  if (rows < 2 * maxLag) return undefined;
  const mean = onset.reduce((sum, v) => sum + v, 0) / rows;
  const centred = onset.map((v) => v - mean);
  // Normalised by the overlap, so long lags are not penalised for overlapping less.
  const correlation = (lag: number) => {
    let sum = 0;
    for (let i = lag; i < rows; i++) sum += centred[i] * centred[i - lag];
    return sum / (rows - lag);
  };
  const energy = correlation(0);
  if (!(energy > 0)) return undefined;
  const ac = new Float64Array(maxLag + 2);
  for (let lag = Math.max(1, minLag - 1); lag <= maxLag + 1; lag++) ac[lag] = correlation(lag);
  // The strongest repetition, with a mild preference for tempi near 120 (one octave either side
  // halves the weight less than 40 %): drums whose kick and snare alternate repeat best every two beats.
  const weight = (lag: number) => Math.exp(-0.5 * Math.log2((rate * 60) / lag / preferredBpm) ** 2);
  let best = minLag;
  for (let lag = minLag; lag <= maxLag; lag++) if (ac[lag] * weight(lag) > ac[best] * weight(best)) best = lag;
  if (ac[best] / energy < minimumRegularity) return undefined;
  // Clicks on every beat repeat as strongly every two or three beats: take the shortest such period.
  for (let n = Math.floor(best / minLag); n >= 2; n--) {
    const shorter = peakNear(ac, best / n, minLag, maxLag);
    if (shorter !== undefined && ac[shorter] >= doublingRatio * ac[best]) {
      best = shorter;
      break;
    }
  }
  let period = refinePeak(ac, best);
  let phase = bestPhase(onset, period);
  for (let pass = 0; pass < 3; pass++) {
    const fit = fitGrid(onset, period, phase);
    if (!fit) break;
    ({ period, phase } = fit);
  }
  return gridOf(features, period, phase, beatsPerBar);
}

/**
 * A grid at a tempo given (--bpm), placed on the track's onsets: the phase that collects the most
 * onset strength, refined on the peaks. A track without onsets gets its first beat at 0.
 */
export function alignBeats(features: AudioFeatures, bpm: number, beatsPerBar = 4): BeatGrid {
  const onset = smooth(features.onset);
  const period = (60 * features.rate) / bpm;
  const silent = !onset.some((v) => v > 0);
  if (silent || onset.length < period) return { bpm, firstBeatSeconds: 0, downbeat: 0 };
  let phase = bestPhase(onset, period);
  const fit = fitGrid(onset, period, phase, { fixedPeriod: true });
  if (fit) phase = fit.phase;
  return { ...gridOf(features, period, phase, beatsPerBar), bpm };
}

function gridOf(features: AudioFeatures, period: number, phase: number, beatsPerBar: number): BeatGrid {
  const { rate } = features;
  const lag = onsetLagSeconds * rate;
  // The first beat at or after the start, with the rows' own centre (half a hop) and the flux's lead allowed for.
  let first = phase + 0.5 - lag;
  while (first - period >= 0) first -= period;
  while (first < 0) first += period;
  return {
    bpm: (60 * rate) / period,
    firstBeatSeconds: first / rate,
    downbeat: downbeatOf(features, first, period, beatsPerBar),
  };
}

/** Beat times in seconds, from the grid's first beat up to `seconds`. */
export function beatTimes(grid: BeatGrid, seconds: number): number[] {
  const period = 60 / grid.bpm;
  const times: number[] = [];
  for (let k = 0; grid.firstBeatSeconds + k * period < seconds; k++) times.push(grid.firstBeatSeconds + k * period);
  return times;
}

/** A 1-2-1 smoothing, so a peak split across two rows is one peak. */
function smooth(values: Float32Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = (2 * values[i] + (values[i - 1] ?? values[i]) + (values[i + 1] ?? values[i])) / 4;
  }
  return out;
}

function peakNear(ac: Float64Array, centre: number, minLag: number, maxLag: number): number | undefined {
  const from = Math.max(minLag, Math.floor(centre - 2));
  const to = Math.min(maxLag, Math.ceil(centre + 2));
  let peak: number | undefined;
  for (let lag = from; lag <= to; lag++) if (peak === undefined || ac[lag] > ac[peak]) peak = lag;
  return peak;
}

/** The vertex of the parabola through a peak and its neighbours: a lag between rows. */
function refinePeak(values: ArrayLike<number>, at: number): number {
  const left = values[at - 1] ?? values[at];
  const right = values[at + 1] ?? values[at];
  const curve = left - 2 * values[at] + right;
  return curve < 0 ? at + (0.5 * (left - right)) / curve : at;
}

/** The offset within one period whose comb of beats collects the most onset strength. */
function bestPhase(onset: Float64Array, period: number): number {
  let best = 0;
  let bestSum = -1;
  for (let phase = 0; phase < period; phase += 0.25) {
    let sum = 0;
    for (let at = phase; at < onset.length - 1; at += period) sum += interpolate(onset, at);
    if (sum > bestSum) {
      bestSum = sum;
      best = phase;
    }
  }
  return best;
}

/**
 * Each beat of the grid matched to the strongest onset within a sixth of a period of it, and a straight
 * line fitted through those peaks (time against beat number), each weighted by its strength: beats
 * that land on no onset barely count.
 */
function fitGrid(
  onset: Float64Array,
  period: number,
  phase: number,
  { fixedPeriod = false } = {},
): { period: number; phase: number } | undefined {
  const reach = period / 6;
  let sw = 0;
  let sk = 0;
  let st = 0;
  let skk = 0;
  let skt = 0;
  const strongest = onset.reduce((max, v) => Math.max(max, v), 0);
  for (let k = 0; phase + k * period < onset.length; k++) {
    const centre = phase + k * period;
    let peak = -1;
    for (let i = Math.max(1, Math.ceil(centre - reach)); i <= Math.min(onset.length - 2, Math.floor(centre + reach)); i++) {
      if (onset[i] >= onset[i - 1] && onset[i] >= onset[i + 1] && (peak < 0 || onset[i] > onset[peak])) peak = i;
    }
    if (peak < 0 || onset[peak] < 0.1 * strongest) continue;
    const w = onset[peak];
    const t = refinePeak(onset, peak);
    sw += w;
    sk += w * k;
    st += w * t;
    skk += w * k * k;
    skt += w * k * t;
  }
  if (fixedPeriod) return sw > 0 ? { period, phase: (st - period * sk) / sw } : undefined;
  const denominator = sw * skk - sk * sk;
  if (!(denominator > 0)) return undefined;
  const slope = (sw * skt - sk * st) / denominator;
  // A fit that wanders off the tempo found is noise, not a better estimate.
  if (Math.abs(slope / period - 1) > 0.05) return undefined;
  return { period: slope, phase: (st - slope * sk) / sw };
}

function interpolate(values: Float64Array, at: number): number {
  const i = Math.floor(at);
  const f = at - i;
  return values[i] * (1 - f) + (values[i + 1] ?? values[i]) * f;
}

/** The grid position (0 to beatsPerBar − 1) whose beats carry the most bass onset: where the kick falls. */
function downbeatOf(features: AudioFeatures, firstRow: number, period: number, beatsPerBar: number): number {
  const { bass, rate } = features;
  const totals = new Float64Array(beatsPerBar);
  const window = Math.max(1, Math.round(0.03 * rate));
  for (let k = 0; firstRow + k * period < bass.length; k++) {
    const at = Math.round(firstRow + k * period);
    let rise = 0;
    for (let i = Math.max(window, at - window); i <= Math.min(bass.length - 1, at + window); i++) {
      rise = Math.max(rise, bass[i] - bass[i - window]);
    }
    totals[k % beatsPerBar] += rise;
  }
  let best = 0;
  // Within 5 % of the strongest counts as a tie, won by the earliest: with no accent, the first beat is one.
  const strongest = totals.reduce((max, v) => Math.max(max, v), 0);
  while (totals[best] < 0.95 * strongest) best++;
  return best;
}
