import { open, rename, rm, stat } from 'node:fs/promises';
import { UsageError } from '../errors.ts';
import type { Encoder, EncoderInput } from './encoder.ts';

/**
 * One number that sets a format's size, larger giving a larger file of better quality: what a size
 * cap searches over (a GIF's quality level, libwebp's quality, a video's bitrate).
 */
export interface SizeLever {
  readonly min: number;
  readonly max: number;
  /** Where the search starts, for this input and cap. */
  start(input: EncoderInput, maxBytes: number): number;
  /** `log`: the file's size roughly proportional to the value (a bitrate); `linear`: steps of `step`. */
  readonly scale: 'log' | 'linear';
  readonly step: number;
  /** The input that encodes at `value`. */
  apply(input: EncoderInput, value: number): EncoderInput;
}

/**
 * The file lands 3–10 % under the cap (room for a platform that counts a little differently), or the
 * search goes on, for at most `maxTrials` encodes.
 */
const band = { low: 0.9, aim: 0.935, high: 0.97 };
const maxTrials = 8;

/**
 * `create` under a size cap (`input.maxBytes`): the frames are kept in a file beside the output,
 * then encoded as many times as the search needs, and the largest file that fits is kept (the best
 * quality that fits). The search is deterministic, so a recipe that records the cap gives the same
 * file again. Without a cap, `create` itself.
 */
export function sizedEncoder(
  create: (input: EncoderInput) => Promise<Encoder>,
  lever: SizeLever,
): (input: EncoderInput) => Promise<Encoder> {
  return async (input) => {
    const { maxBytes } = input;
    if (maxBytes === undefined) return create(input);
    const framesPath = `${input.path}.frames`;
    const frames = await open(framesPath, 'w');
    const frameBytes = input.width * input.height * 4;
    let written = 0;
    const trials: string[] = [];
    const cleanUp = async () => {
      await frames.close().catch(() => {});
      await Promise.all([framesPath, ...trials].map((path) => rm(path, { force: true })));
    };
    return {
      lingering: 0,
      async writeFrame(rgba) {
        await frames.write(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength));
        written++;
      },
      async finish() {
        try {
          await frames.close();
          const encodeAt = async (value: number): Promise<number> => {
            const path = `${input.path}.try${trials.length}`;
            trials.push(path);
            await encodeFrames(create, { ...lever.apply(input, value), path, maxBytes: undefined }, framesPath, frameBytes, written);
            return (await stat(path)).size;
          };
          const { best, smallest } = await searchSize(lever, lever.start(input, maxBytes), maxBytes, encodeAt);
          if (!best) {
            throw new UsageError(
              `Invalid --max-size ${formatBytes(maxBytes)}: at its lowest quality this file is ${formatBytes(smallest)}; allow at least that, or lower --size, --fps or --duration`,
            );
          }
          await rename(trials[best.trial], input.path);
        } finally {
          await cleanUp();
        }
      },
      abort: cleanUp,
    };
  };
}

async function encodeFrames(
  create: (input: EncoderInput) => Promise<Encoder>,
  input: EncoderInput,
  framesPath: string,
  frameBytes: number,
  count: number,
): Promise<void> {
  const encoder = await create(input);
  const file = await open(framesPath, 'r');
  try {
    for (let frame = 0; frame < count; frame++) {
      const rgba = new Uint8ClampedArray(frameBytes);
      await file.read(rgba, 0, frameBytes, frame * frameBytes);
      await encoder.writeFrame(rgba);
    }
    await encoder.finish();
  } catch (error) {
    await encoder.abort();
    throw error;
  } finally {
    await file.close();
  }
}

export interface Trial {
  readonly value: number;
  readonly bytes: number;
  /** Which encode it was, from 0. */
  readonly trial: number;
}

/**
 * The largest-valued trial whose size is at most 97 % of `maxBytes`, searching from `start`: steps (by the
 * size's ratio to the aim on a `log` lever) until the cap is bracketed, then interpolation in log
 * size between the closest fit and the closest miss, until a size lands in the band under the cap.
 * `best` is undefined when even `lever.min` does not fit; `smallest` is the smallest size seen.
 */
export async function searchSize(
  lever: Pick<SizeLever, 'min' | 'max' | 'scale' | 'step'>,
  start: number,
  maxBytes: number,
  encodeAt: (value: number) => Promise<number>,
): Promise<{ best: Trial | undefined; smallest: number }> {
  let fit: Trial | undefined;
  let over: Trial | undefined;
  let smallest = Number.POSITIVE_INFINITY;
  let value = clamp(start, lever);
  const aim = band.aim * maxBytes;
  const x = (v: number) => (lever.scale === 'log' ? Math.log(v) : v);
  const cap = band.high * maxBytes;
  for (let trial = 0; trial < maxTrials; trial++) {
    const bytes = await encodeAt(value);
    smallest = Math.min(smallest, bytes);
    const result = { value, bytes, trial };
    if (bytes <= cap) {
      if (!fit || value > fit.value) fit = result;
      if (bytes >= band.low * maxBytes || value >= lever.max) break;
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
      next = value * (aim / bytes);
    } else {
      next = value + (bytes > cap ? -lever.step : lever.step);
    }
    value = clamp(next, lever);
  }
  return { best: fit, smallest };
}

function clamp(value: number, { min, max }: { min: number; max: number }): number {
  return Math.min(max, Math.max(min, value));
}

/** Sizes as messages give them: `1.84 MB`, `512.0 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(2)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
