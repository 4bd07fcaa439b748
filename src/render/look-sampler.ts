import type { AudioTrack } from '../audio/read-audio.ts';
import { createTileRunner, plainKernel } from '../backends/wasm-tile-runner.ts';
import { createColouring } from '../cppn/colour.ts';
import { type Levels, measureLevels } from '../cppn/levels.ts';
import { bredNetwork } from '../cppn/network/breed-network.ts';
import { outputChannels } from '../cppn/network/network.ts';
import { createPixelGrid } from '../cppn/pixel-grid.ts';
import { createSweep, type SweepSpec } from '../cppn/sweep.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { musicSweep } from './music-sweep.ts';
import { nextTurn } from './next-turn.ts';

/** One look at the loop with its path at one size: how it moves, how much it shows, and its levels. */
export interface LookSample {
  /** The path's size, relative to the recipe's own (1). */
  readonly size: number;
  readonly sweep: SweepSpec;
  /** Mean change per channel (0–255) between consecutive frames, as rendered (levels and colour applied). */
  readonly motion: number;
  /**
   * The spread of the channels within the flattest frame sampled (their mean standard deviation,
   * 0–255): near 0, some part of the loop is a flat field of colour.
   */
  readonly detail: number;
  readonly levels: Levels | undefined;
}

/** How closely a loop is looked at: the largest side of its frames and the consecutive pairs sampled. */
export interface SamplePrecision {
  readonly side: number;
  readonly pairs: number;
}

/** Multiply-adds of one pass over the sampled frames, at most: about 50 ms of one core. */
const sampleBudget = 4e8;
/** The golden ratio's fraction: pair k starts this far into its stretch, so pairs fall on every phase of a beat. */
const jitter = 0.6180339887498949;

/**
 * Samples the loop as it will play: the recipe's own frames and frame rate, the music's travel
 * (surges, accents, turns) where the render follows music, at low resolution on the CPU path. Pairs of
 * consecutive frames are spread over the whole video, each at another phase of its stretch, so that
 * a beat's surge is seen at every phase rather than at one. Levels are measured on the sampled frames
 * when `levels` is set, else the recipe's apply.
 */
export function lookSampler(
  recipe: Recipe,
  {
    precision,
    levels,
    audio,
    kernel,
    signal,
  }: { precision: SamplePrecision; levels: boolean; audio?: AudioTrack; kernel?: WebAssembly.Module; signal?: AbortSignal },
): (sweep: SweepSpec, size: number) => Promise<LookSample> {
  const network = bredNetwork(recipe.network, recipe.seed, recipe.breed);
  // A large network measures on fewer samples, so that measuring stays a small part of its render.
  const weights = [...network.hidden, network.output].reduce((sum, layer) => sum + layer.weights.length, 0);
  const measureSide = Math.round(Math.min(precision.side, Math.max(16, Math.sqrt(sampleBudget / (weights * precision.pairs * 2)))));
  const side = Math.max(recipe.width, recipe.height);
  const width = Math.max(8, Math.round((recipe.width / side) * measureSide));
  const height = Math.max(8, Math.round((recipe.height / side) * measureSide));
  // On this thread, with no workers: the frames are small, and starting workers would cost more than they do.
  const runner = createTileRunner(kernel ?? plainKernel(), network, createPixelGrid(width, height, recipe.scale));
  const pixels = width * height;
  const evaluate = (latent: Float64Array) => {
    runner.setLatent(latent);
    const outputs = new Float32Array(pixels * outputChannels);
    runner.evaluatePixels(0, pixels, outputs);
    return outputs;
  };
  // A single frame is measured as the two-frame loop it starts, as it always was.
  const frames = Math.max(2, recipe.frames);
  const pairs = Math.min(precision.pairs, frames - 1);
  const starts = Array.from({ length: pairs }, (_, k) =>
    Math.min(frames - 2, Math.floor(((k + ((k * jitter) % 1)) * (frames - 1)) / pairs)),
  );
  return async (sweep, size) => {
    const resized = { ...recipe, frames, sweep };
    const path = musicSweep(resized, audio) ?? createSweep(sweep, recipe.network.latent, recipe.seed);
    const firsts: Float32Array[] = [];
    const seconds: Float32Array[] = [];
    for (const frame of starts) {
      firsts.push(evaluate(path(frame, frames)));
      seconds.push(evaluate(path(frame + 1, frames)));
      await nextTurn(signal);
    }
    const measured = levels ? measureLevels(firsts) : recipe.levels;
    const colouring = createColouring({ colour: recipe.colour, palette: recipe.palette, levels: measured });
    const a = new Uint8ClampedArray(pixels * 4);
    const b = new Uint8ClampedArray(pixels * 4);
    let change = 0;
    let spread = Number.POSITIVE_INFINITY;
    for (let k = 0; k < pairs; k++) {
      colouring(firsts[k], a);
      colouring(seconds[k], b);
      for (let i = 0; i < a.length; i += 4) change += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
      spread = Math.min(spread, channelSpread(a));
    }
    return { size, sweep, motion: change / (pairs * pixels * 3), detail: spread, levels: measured };
  };
}

/** The mean over R, G and B of each channel's standard deviation across an RGBA frame. */
export function channelSpread(rgba: Uint8ClampedArray): number {
  let total = 0;
  const count = rgba.length / 4;
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    let squares = 0;
    for (let i = c; i < rgba.length; i += 4) {
      sum += rgba[i];
      squares += rgba[i] * rgba[i];
    }
    const mean = sum / count;
    total += Math.sqrt(Math.max(0, squares / count - mean * mean));
  }
  return total / 3;
}
