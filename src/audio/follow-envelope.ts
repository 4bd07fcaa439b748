/**
 * A one-pole envelope follower, as in a compressor: it rises towards a louder value with the attack
 * time constant and falls towards a quieter one with the release. A short attack keeps onsets sharp;
 * a long release keeps the motion from stopping dead between notes.
 *
 * `values` are sampled `rate` times a second; the times are in seconds. Returns a new array.
 */
export function followEnvelope(
  values: Float32Array,
  rate: number,
  attackSeconds: number,
  releaseSeconds: number,
  /** Where the envelope starts: 0 (silence before the track), or e.g. the first value to have no rise at the start. */
  initial = 0,
): Float32Array {
  // The fraction of the old value kept each step: exp(−Δt / τ); 0 for τ = 0 (follows at once).
  const keep = (seconds: number) => (seconds > 0 ? Math.exp(-1 / (seconds * rate)) : 0);
  const attack = keep(attackSeconds);
  const release = keep(releaseSeconds);
  const out = new Float32Array(values.length);
  let level = initial;
  for (let i = 0; i < values.length; i++) {
    const target = values[i];
    const k = target > level ? attack : release;
    level = target + k * (level - target);
    out[i] = level;
  }
  return out;
}
