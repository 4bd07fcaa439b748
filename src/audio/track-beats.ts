/**
 * How strictly beats keep the period: the penalty for an interval of `d` rows is `tightness · log(d / P)²`
 * in units of the envelope's RMS, so an interval 5 % off costs about two strong onsets, a drift of 0.5 % a
 * beat almost nothing. Looser (100, librosa's default) and the beats chased syncopations on the evaluation's
 * excerpts (mean beat F 0.82 against 0.88 at 800); tighter and they could not follow a drift.
 */
const tightness = 800;

/**
 * Beat rows (fractional) by dynamic programming (Ellis 2007, "Beat tracking by dynamic programming"):
 * the sequence of beats that best trades onset strength at each beat against intervals that keep the
 * period. Unlike a grid, each interval may stretch or shrink where the music does. Returns [] when the
 * envelope has no onsets.
 *
 * As in Ellis's and librosa's trackers, the score is the envelope smoothed over a 32nd of the period, the
 * chain may start at any row once onsets begin, it ends at the best cumulative score near the track's end,
 * and weak beats at either end (where the music has not started or has stopped) are trimmed.
 */
export function trackBeats(envelope: Float64Array, period: number): number[] {
  const rows = envelope.length;
  const local = smoothed(envelope, period / 32);
  const strongest = local.reduce((max, v) => Math.max(max, v), 0);
  if (!(strongest > 0)) return [];
  const nearest = Math.max(1, Math.round(period / 2));
  const farthest = Math.max(nearest + 1, Math.round(2 * period));
  const penalty = new Float64Array(farthest + 1);
  for (let d = nearest; d <= farthest; d++) penalty[d] = -tightness * Math.log(d / period) ** 2;
  const cumulative = new Float64Array(rows);
  const backlink = new Int32Array(rows).fill(-1);
  let started = false;
  for (let t = 0; t < rows; t++) {
    let best = Number.NEGATIVE_INFINITY;
    let from = -1;
    for (let d = nearest; d <= farthest; d++) {
      // Before the track's start the chain has no score to carry: only the interval's penalty.
      const score = penalty[d] + (t - d >= 0 ? cumulative[t - d] : 0);
      if (score > best) {
        best = score;
        from = t - d;
      }
    }
    cumulative[t] = local[t] + best;
    if (!started && local[t] < 0.01 * strongest) continue;
    started = true;
    backlink[t] = from;
  }
  const beats: number[] = [];
  for (let t = lastBeat(cumulative, period); t >= 0; t = backlink[t]) beats.push(t);
  beats.reverse();
  return trimWeak(beats, local).map((t) => refine(local, t));
}

function smoothed(values: Float64Array, sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-0.5 * ((i - radius) / Math.max(sigma, 0.5)) ** 2));
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) {
    let sum = 0;
    for (let i = -radius; i <= radius; i++) sum += (values[t + i] ?? 0) * kernel[i + radius];
    out[t] = sum;
  }
  return out;
}

/**
 * The chain's end: the row with the best cumulative score within two periods of the track's end. Every
 * chain through an earlier row is still in reach from there, so no strong last beat is skipped (a later
 * weak peak, a hi-hat after the last beat, would otherwise end a chain that jumps over it).
 */
function lastBeat(cumulative: Float64Array, period: number): number {
  let best = cumulative.length - 1;
  for (let t = Math.max(0, Math.floor(cumulative.length - 2 * period)); t < cumulative.length; t++) {
    if (cumulative[t] > cumulative[best]) best = t;
  }
  return best;
}

/** Beats at either end whose onset is under half the beats' RMS: before the music starts or after it stops. */
function trimWeak(beats: number[], local: Float64Array): number[] {
  if (beats.length === 0) return beats;
  const rms = Math.sqrt(beats.reduce((sum, t) => sum + local[t] ** 2, 0) / beats.length);
  let first = 0;
  let last = beats.length - 1;
  while (first <= last && local[beats[first]] < 0.5 * rms) first++;
  while (last >= first && local[beats[last]] < 0.5 * rms) last--;
  return beats.slice(first, last + 1);
}

/** A beat's row refined to the vertex of the parabola through its score and its neighbours'. */
function refine(local: Float64Array, t: number): number {
  const left = local[t - 1] ?? local[t];
  const right = local[t + 1] ?? local[t];
  const curve = left - 2 * local[t] + right;
  if (!(curve < 0)) return t;
  const offset = (0.5 * (left - right)) / curve;
  return Math.abs(offset) <= 1 ? t + offset : t;
}
