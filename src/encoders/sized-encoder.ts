import { open, rename, rm, stat } from 'node:fs/promises';
import { UsageError } from '../errors.ts';
import type { RecipeReduced } from '../recipe/recipe.ts';
import type { Encoder, EncoderInput } from './encoder.ts';
import { scaleFrame } from './scale-frame.ts';
import { band, type Encoded, type LeverRange, type SearchResult, searchSampled, searchSize, type Trial } from './search-size.ts';

/**
 * One number that sets a format's size, larger giving a larger file of better quality: what a size
 * cap searches over (a GIF's quality level, libwebp's quality, a video's bitrate).
 */
export interface SizeLever extends LeverRange {
  /** Where the search starts, for this input and cap. */
  start(input: EncoderInput, maxBytes: number): number;
  /** The input that encodes at `value`. */
  apply(input: EncoderInput, value: number): EncoderInput;
  /**
   * Where a whole encode costs much (GIF, WebP): whether a fit found at `value`, of this PSNR where the
   * encoder measures one, is good enough; when it is not, the frame rate and then the size step down
   * (`sizeSteps`), the last resort before refusing. Its search runs on a sample of the frames
   * (search-size.ts `searchSampled`). Absent (video): one search, at the picture's own rate and size.
   */
  readonly acceptable?: (value: number, psnr: number | undefined) => boolean;
}

/** One way to write the frames: every `every`-th of them, at `width × height`. */
export interface SizeStep {
  readonly every: number;
  readonly width: number;
  readonly height: number;
}

/** The lowest frame rate a step down gives, and the smallest side. */
const lowestFps = 10;
const smallestSide = 16;

/**
 * The picture's own rate and size, then half the frame rate (every other frame: the loop stays whole
 * when the frames are even and the rate stays at least `lowestFps`), then that at ¾ and ½ the size:
 * the order a size cap tries them in, time before space, since a loop at 15 fps still reads as motion
 * while a smaller picture loses detail at every frame.
 */
export function sizeSteps({ width, height, fps, frames }: Pick<EncoderInput, 'width' | 'height' | 'fps' | 'frames'>): SizeStep[] {
  const steps: SizeStep[] = [{ every: 1, width, height }];
  const every = frames % 2 === 0 && frames >= 4 && fps / 2 >= lowestFps ? 2 : 1;
  if (every === 2) steps.push({ every, width, height });
  for (const scale of [0.75, 0.5]) {
    const w = Math.round(width * scale);
    const h = Math.round(height * scale);
    if (Math.min(w, h) >= smallestSide) steps.push({ every, width: w, height: h });
  }
  return steps;
}

/** A recipe's record of a step, as a step of this picture; undefined when it does not fit the picture (then searched afresh). */
function stepOfRecord(input: EncoderInput, reduced: RecipeReduced | undefined): SizeStep | undefined {
  if (!reduced) return undefined;
  const every = input.fps / reduced.fps;
  const fits = Number.isInteger(every) && input.frames % every === 0 && reduced.width <= input.width && reduced.height <= input.height;
  return fits ? { every, width: reduced.width, height: reduced.height } : undefined;
}

/**
 * `create` under a size cap (`input.maxBytes`): the frames are kept in a file beside the output,
 * then encoded as many times as the search needs, and the largest file that fits is kept (the best
 * quality that fits). Where the lever judges quality (GIF, WebP), a fit below what it accepts steps the
 * frame rate and then the size down (`sizeSteps`); the step taken is told (`onReduced`) and recorded in
 * the file's recipe (`commentWith`), which then gives the same file without trying the steps before it.
 * The search is deterministic, so a recipe that records the cap gives the same file again. Without a
 * cap, `create` itself.
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
    let written = 0;
    const trials: string[] = [];
    const cleanUp = async () => {
      await frames.close().catch(() => {});
      await Promise.all([framesPath, ...trials].map((path) => rm(path, { force: true })));
    };
    const spool = { path: framesPath, width: input.width, height: input.height };
    return {
      lingering: 0,
      async writeFrame(rgba) {
        await frames.write(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength));
        written++;
      },
      async finish() {
        try {
          await frames.close();
          const recorded = lever.acceptable ? stepOfRecord(input, input.reduced) : undefined;
          const steps = recorded ? [recorded] : lever.acceptable ? sizeSteps(input) : sizeSteps(input).slice(0, 1);
          let chosen: { step: SizeStep; path: string; psnr: number | undefined } | undefined;
          let smallest = Number.POSITIVE_INFINITY;
          for (const [at, step] of steps.entries()) {
            const last = at === steps.length - 1;
            const indices = Array.from({ length: written / step.every }, (_, i) => i * step.every);
            const stepInput: EncoderInput = {
              ...input,
              width: step.width,
              height: step.height,
              fps: input.fps / step.every,
              frames: indices.length,
              comment: input.commentWith?.(reducedOf(input, step)) ?? input.comment,
              maxBytes: undefined,
            };
            const paths: string[] = [];
            const encodeWhole = async (value: number): Promise<Encoded> => {
              const path = `${input.path}.try${trials.length}`;
              trials.push(path);
              paths.push(path);
              const encoder = await encodeFrames(create, { ...lever.apply(stepInput, value), path }, spool, indices);
              return { bytes: (await stat(path)).size, ...(encoder.psnr ? { psnr: encoder.psnr() } : {}) };
            };
            const result: SearchResult = lever.acceptable
              ? await searchSampled(lever, lever.start(stepInput, maxBytes), maxBytes, {
                  encodeWhole,
                  ...sampling(indices, async (sample, value) => {
                    // A new name each time (ffmpeg writes no file over another), removed once measured.
                    const path = `${input.path}.sample${trials.length}`;
                    trials.push(path);
                    const encoder = await encodeFrames(
                      create,
                      { ...lever.apply({ ...stepInput, frames: sample.length }, value), path },
                      spool,
                      sample,
                    );
                    const bytes = (await stat(path)).size;
                    await rm(path);
                    return { bytes, ...(encoder.psnr ? { psnr: encoder.psnr() } : {}) };
                  }),
                  // The sample's PSNR runs a little above the whole file's (each run starts afresh): a margin before giving up on a step.
                  ...(last
                    ? {}
                    : {
                        hopeless: (predicted: Trial | undefined) =>
                          !predicted || !lever.acceptable?.(predicted.value, (predicted.psnr ?? 0) + 1),
                      }),
                })
              : await searchSize(lever, lever.start(stepInput, maxBytes), maxBytes, encodeWhole);
            smallest = Math.min(smallest, result.smallest);
            const { best } = result;
            if (best) chosen = { step, path: paths[best.trial], psnr: best.psnr };
            if (best && (last || lever.acceptable?.(best.value, best.psnr) !== false)) break;
          }
          if (!chosen) {
            throw new UsageError(
              `Invalid --max-size ${formatBytes(maxBytes)}: at its lowest quality this file is ${formatBytes(smallest)}, and a capped file keeps 3 % under its cap; allow at least ${formatBytes(Math.ceil(smallest / band.high))}, or lower --size, --fps or --duration`,
            );
          }
          const reduced = reducedOf(input, chosen.step);
          if (reduced) input.onReduced?.(reduced, chosen.psnr);
          await rename(chosen.path, input.path);
        } finally {
          await cleanUp();
        }
      },
      abort: cleanUp,
    };
  };
}

/** The record of a step in a recipe: undefined for the picture's own rate and size. */
function reducedOf(input: EncoderInput, step: SizeStep): RecipeReduced | undefined {
  if (step.every === 1 && step.width === input.width && step.height === input.height) return undefined;
  return { fps: input.fps / step.every, width: step.width, height: step.height };
}

/** Runs of consecutive frames a sample takes, and how long each is. */
const sampleRuns = 4;
const runLength = 6;

/**
 * The sample a sampled search encodes: `sampleRuns` runs of `runLength` consecutive frames spread over
 * the loop (consecutive, so the frame-to-frame changes GIF and WebP code are those of the whole file);
 * all of them when there are few.
 */
function sampling(
  indices: number[],
  encode: (sample: number[], value: number) => Promise<Encoded>,
): { encodeSample: (value: number) => Promise<Encoded>; ratio: number } {
  const sample =
    indices.length <= 2 * sampleRuns * runLength
      ? indices
      : Array.from({ length: sampleRuns }, (_, run) => {
          const first = Math.floor((run * indices.length) / sampleRuns);
          return indices.slice(first, first + runLength);
        }).flat();
  return { encodeSample: (value) => encode(sample, value), ratio: indices.length / sample.length };
}

/** Encodes the spooled frames at `indices`, scaled to the input's size; returns the finished encoder. */
async function encodeFrames(
  create: (input: EncoderInput) => Promise<Encoder>,
  input: EncoderInput,
  spool: { path: string; width: number; height: number },
  indices: readonly number[],
): Promise<Encoder> {
  const frameBytes = spool.width * spool.height * 4;
  const encoder = await create(input);
  const file = await open(spool.path, 'r');
  try {
    for (const frame of indices) {
      const rgba = new Uint8ClampedArray(frameBytes);
      await file.read(rgba, 0, frameBytes, frame * frameBytes);
      await encoder.writeFrame(scaleFrame(rgba, spool.width, spool.height, input.width, input.height));
    }
    await encoder.finish();
    return encoder;
  } catch (error) {
    await encoder.abort();
    throw error;
  } finally {
    await file.close();
  }
}

/** Sizes as messages give them: `1.84 MB`, `512.0 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(2)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
