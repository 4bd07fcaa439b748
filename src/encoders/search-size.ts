/** The search over a size lever's values that a size cap runs (encoders/sized-encoder.ts). */
export interface LeverRange {
  readonly min: number;
  readonly max: number;
  /** `log`: the file's size roughly proportional to the value (a bitrate); `linear`: steps of `step`. */
  readonly scale: 'log' | 'linear';
  readonly step: number;
}

/** One encode: its size and, where the encoder measures it, its PSNR. */
export interface Encoded {
  readonly bytes: number;
  readonly psnr?: number;
}

export interface Trial extends Encoded {
  readonly value: number;
  /** Which encode it was, from 0. */
  readonly trial: number;
}

/**
 * The file lands 3–10 % under the cap (room for a platform that counts a little differently), or the
 * search goes on, for at most `maxTrials` encodes.
 */
export const band = { low: 0.9, aim: 0.935, high: 0.97 };
const maxTrials = 8;

export interface SearchResult {
  /** The largest-valued encode at most 97 % of the cap; undefined when even the lever's lowest is larger. */
  readonly best: Trial | undefined;
  /** The smallest size seen. */
  readonly smallest: number;
}

/**
 * The largest-valued trial whose size is at most 97 % of `maxBytes`, searching from `start`: steps (by the
 * size's ratio to the aim on a `log` lever) until the cap is bracketed, then interpolation in log
 * size between the closest fit and the closest miss, until a size lands in the band under the cap.
 */
export async function searchSize(
  lever: LeverRange,
  start: number,
  maxBytes: number,
  encodeAt: (value: number) => Promise<Encoded>,
  trials = maxTrials,
): Promise<SearchResult> {
  let fit: Trial | undefined;
  let over: Trial | undefined;
  let smallest = Number.POSITIVE_INFINITY;
  let value = clamp(start, lever);
  const aim = band.aim * maxBytes;
  const x = (v: number) => (lever.scale === 'log' ? Math.log(v) : v);
  const cap = band.high * maxBytes;
  let previous: Trial | undefined;
  for (let trial = 0; trial < trials; trial++) {
    const result = { ...(await encodeAt(value)), value, trial };
    const { bytes } = result;
    smallest = Math.min(smallest, bytes);
    if (bytes <= cap) {
      if (!fit || value > fit.value) fit = result;
      if (bytes >= band.low * maxBytes || value >= lever.max) break;
      // A larger value that gives no larger file: the encoder's best quality (VP9 at its lowest quantiser), which fits.
      if (previous && value > previous.value && bytes <= previous.bytes * 1.002) break;
    } else {
      if (!over || value < over.value) over = result;
      if (value <= lever.min) break;
    }
    let next: number;
    if (fit && over) {
      // Interpolate x against log size between the fit and the miss, towards the aim.
      const t = (Math.log(aim) - Math.log(fit.bytes)) / (Math.log(over.bytes) - Math.log(fit.bytes));
      const at = x(fit.value) + Math.min(0.9, Math.max(0.1, t)) * (x(over.value) - x(fit.value));
      next = lever.scale === 'log' ? Math.exp(at) : at;
      if (Math.abs(x(over.value) - x(fit.value)) < (lever.scale === 'log' ? 0.01 : lever.step / 64)) break;
    } else if (lever.scale === 'log') {
      // Size against bitrate, on log scales, is a line of slope below 1 at small sizes (VP9 undershoots):
      // its slope from the last two encodes, so the third lands where a ratio step would take two more.
      const slope = previous ? Math.log(bytes / previous.bytes) / Math.log(value / previous.value) : 1;
      next = value * (aim / bytes) ** (1 / (Number.isFinite(slope) ? Math.min(1.5, Math.max(0.3, slope)) : 1));
    } else {
      next = value + (bytes > cap ? -lever.step : lever.step);
    }
    previous = result;
    value = clamp(next, lever);
  }
  return { best: fit, smallest };
}

/** Whole encodes a sampled search makes at most. */
const maxWholeEncodes = 4;

export interface Sampling {
  /** The whole file at this value. */
  readonly encodeWhole: (value: number) => Promise<Encoded>;
  /** The sample of frames at this value. */
  readonly encodeSample: (value: number) => Promise<Encoded>;
  /** What the whole file is thought to be against the sample before any is encoded: their frames' ratio. */
  readonly ratio: number;
  /** Whether the value the sample predicts is so poor that the whole file is not worth encoding. */
  readonly hopeless?: (predicted: Trial | undefined) => boolean;
}

/**
 * The same search where a whole encode costs much (GIF, WebP): it runs on a sample of the frames, whose
 * size times the whole file's ratio to it predicts the whole file's; the value found is encoded whole,
 * the ratio corrected from it, and the sample searched again, until a whole encode lands in the band
 * (usually the first or second), for at most `maxWholeEncodes`. A value is never sampled twice.
 * Deterministic, as `searchSize` is. `hopeless` (the sample's prediction says no) ends it before any
 * whole encode, with no `best`.
 */
export async function searchSampled(
  lever: LeverRange,
  start: number,
  maxBytes: number,
  { encodeWhole, encodeSample, ratio: prior, hopeless }: Sampling,
): Promise<SearchResult & { wholeEncodes: number; hopeless?: true }> {
  const sampled = new Map<number, Encoded>();
  const sample = async (value: number) => {
    const known = sampled.get(value) ?? (await encodeSample(value));
    sampled.set(value, known);
    return known;
  };
  let ratio = prior;
  let fit: Trial | undefined;
  let smallest = Number.POSITIVE_INFINITY;
  let value = clamp(start, lever);
  let trial = 0;
  while (trial < maxWholeEncodes) {
    const scaled = ratio;
    const { best } = await searchSize(lever, value, maxBytes, async (v) => {
      const encoded = await sample(v);
      return { ...encoded, bytes: encoded.bytes * scaled };
    });
    if (trial === 0 && hopeless?.(best)) return { best: undefined, smallest, wholeEncodes: 0, hopeless: true };
    // Never below a value already encoded whole that fits: that file is kept if nothing better fits.
    const next = Math.max(best?.value ?? lever.min, fit?.value ?? lever.min);
    if (trial > 0 && (next === value || next === fit?.value)) break;
    value = next;
    const whole = { ...(await encodeWhole(value)), value, trial: trial++ };
    smallest = Math.min(smallest, whole.bytes);
    const fits = whole.bytes <= band.high * maxBytes;
    if (fits && (!fit || value > fit.value)) fit = whole;
    if (fits ? whole.bytes >= band.low * maxBytes || value >= lever.max : value <= lever.min) break;
    ratio = whole.bytes / (await sample(value)).bytes;
  }
  if (!fit && value > lever.min && trial === maxWholeEncodes) {
    // Said to fit nowhere only once the lowest value has been encoded whole.
    const whole = { ...(await encodeWhole(lever.min)), value: lever.min, trial: trial++ };
    smallest = Math.min(smallest, whole.bytes);
    if (whole.bytes <= band.high * maxBytes) fit = whole;
  }
  return { best: fit, smallest, wholeEncodes: trial };
}

function clamp(value: number, { min, max }: { min: number; max: number }): number {
  return Math.min(max, Math.max(min, value));
}
