import { createTileRunner, plainKernel } from '../backends/wasm-tile-runner.ts';
import { createColouring } from '../cppn/colour.ts';
import { type Levels, measureLevels } from '../cppn/levels.ts';
import { bredNetwork } from '../cppn/network/breed-network.ts';
import { outputChannels } from '../cppn/network/network.ts';
import { createPixelGrid } from '../cppn/pixel-grid.ts';
import { createSweep, type SweepSpec } from '../cppn/sweep.ts';
import { inRecipeOrder, type Recipe } from '../recipe/recipe.ts';
import { nextTurn } from './next-turn.ts';

/** What is measured before a render, and then stored in its recipe. */
export interface LookRequest {
  /** Set the radius (or path length) to move at this speed (see `speedPerFrame`); absent keeps the recipe's. */
  readonly speed?: number;
  /** Measure levels over the loop; otherwise the recipe's (or none). */
  readonly levels: boolean;
}

/** The frame rate a speed is stated at: the same speed looks the same at any fps. */
export const speedFps = 30;

/**
 * How closely a loop is measured: the largest side of its frames (a few thousand samples give the
 * statistics of a picture of any size) and the pairs of consecutive frames sampled along it. A
 * contact sheet, with many loops to measure and small cells to show, takes the coarse one.
 */
export const measurePrecision = { fine: { side: 48, pairs: 12 }, coarse: { side: 32, pairs: 8 } } as const;
const maxIterations = 8;
/** Multiply-adds of one pass over the sampled frames, at most: about 50 ms of one core. */
const sampleBudget = 4e8;
/** Close enough to the asked speed to stop: well inside what a person can tell apart. */
const tolerance = 0.05;
const radiusRange = { min: 1e-4, max: 1e3 };

/** The mean change per channel per frame, on 0–255, that `speed` asks of a render at `fps`. */
export function speedPerFrame(speed: number, fps: number): number {
  return (speed * speedFps) / fps;
}

/**
 * Measures the recipe's loop at low resolution on the CPU path (a few dozen frames of 48²) and
 * returns the recipe with what was asked set from it: the radius (or path length) that moves at the
 * asked speed, and the levels of the whole loop. The results are rounded, so that the same command
 * gives the same recipe on machines whose kernels differ in their last bits.
 */
export async function measureLook(
  recipe: Recipe,
  request: LookRequest,
  {
    precision = measurePrecision.fine,
    signal,
    kernel,
  }: {
    precision?: { side: number; pairs: number };
    signal?: AbortSignal;
    /**
     * The plain SIMD kernel, compiled: the studio's page passes its own (it cannot read files), so
     * that it measures the same numbers as the command line.
     */
    kernel?: WebAssembly.Module;
  } = {},
): Promise<Recipe> {
  if (request.speed === undefined && !request.levels) return recipe;
  const network = bredNetwork(recipe.network, recipe.seed, recipe.breed);
  const samplePairs = precision.pairs;
  // A large network measures on fewer samples, so that measuring stays a small part of its render.
  const weights = [...network.hidden, network.output].reduce((sum, layer) => sum + layer.weights.length, 0);
  const measureSide = Math.round(Math.min(precision.side, Math.max(16, Math.sqrt(sampleBudget / (weights * samplePairs * 2)))));
  const side = Math.max(recipe.width, recipe.height);
  const width = Math.max(8, Math.round((recipe.width / side) * measureSide));
  const height = Math.max(8, Math.round((recipe.height / side) * measureSide));
  // On this thread, with no workers: the frames are small, and starting workers would cost more than they do.
  const runner = createTileRunner(kernel ?? plainKernel(), network, createPixelGrid(width, height, recipe.scale));
  const evaluate = (latent: Float64Array) => {
    runner.setLatent(latent);
    const outputs = new Float32Array(width * height * outputChannels);
    runner.evaluatePixels(0, width * height, outputs);
    return outputs;
  };
  {
    // An audio-driven sweep goes round its path `turns` times: motion per frame is set by one turn's frames.
    const loopFrames = Math.max(2, Math.round(recipe.frames / (recipe.audio?.turns || 1)));
    const sample = async (sweep: SweepSpec, levels: Levels | undefined) => {
      const path = createSweep(sweep, recipe.network.latent, recipe.seed);
      const pairs = Math.min(samplePairs, recipe.sweep.loop === 'none' ? loopFrames - 1 : loopFrames);
      const firsts: Float32Array[] = [];
      const seconds: Float32Array[] = [];
      for (let k = 0; k < pairs; k++) {
        const frame = Math.floor((k * (recipe.sweep.loop === 'none' ? loopFrames - 1 : loopFrames)) / pairs);
        firsts.push(evaluate(path(frame, loopFrames)));
        seconds.push(evaluate(path(frame + 1, loopFrames)));
        await nextTurn(signal);
      }
      const measured = request.levels ? measureLevels(firsts) : levels;
      const colouring = createColouring({ colour: recipe.colour, palette: recipe.palette, levels: measured });
      const a = new Uint8ClampedArray(width * height * 4);
      const b = new Uint8ClampedArray(width * height * 4);
      let total = 0;
      for (let k = 0; k < pairs; k++) {
        colouring(firsts[k], a);
        colouring(seconds[k], b);
        for (let i = 0; i < a.length; i += 4)
          total += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
      }
      return { levels: measured, motion: total / (pairs * width * height * 3) };
    };

    let sweep = recipe.sweep;
    let measured = await sample(sweep, recipe.levels);
    if (request.speed !== undefined) {
      const target = speedPerFrame(request.speed, recipe.fps);
      // Motion grows about as a power of the path's size (linearly while small, slower once the
      // picture changes beyond recognition): steps along the secant of log motion over log size.
      let size = 1;
      let slope = 1;
      let previous: { size: number; motion: number } | undefined;
      for (let i = 0; i < maxIterations && Math.abs(measured.motion / target - 1) > tolerance; i++) {
        if (previous && measured.motion > 0 && previous.motion > 0 && size !== previous.size) {
          slope = Math.min(2, Math.max(0.2, Math.log(measured.motion / previous.motion) / Math.log(size / previous.size)));
        }
        previous = { size, motion: measured.motion };
        const step = measured.motion > 0 ? (target / measured.motion) ** (1 / slope) : 10;
        size = clampSize(sweep, size * Math.min(20, Math.max(0.05, step)));
        measured = await sample(resized(recipe.sweep, size), recipe.levels);
      }
      // The levels of the last pass stand: rounding moves the path by less than they can show.
      sweep = resized(recipe.sweep, roundSignificant(size, 3) || size);
    }
    return inRecipeOrder({
      ...recipe,
      ...(request.levels && measured.levels ? { levels: measured.levels } : {}),
      ...(request.speed === undefined ? {} : { speed: request.speed }),
      sweep,
    });
  }
}

/**
 * The sweep made `size` times as long: the circle's radius, or for pingpong and none the path
 * from → to about its middle. `size` 1 is the sweep itself.
 */
function resized(sweep: SweepSpec, size: number): SweepSpec {
  if (sweep.loop === 'circle') return { ...sweep, radius: roundSignificant(sweep.radius * size, 6) };
  const from = sweep.from.map((f, d) => roundSignificant((f + sweep.to[d]) / 2 + ((f - sweep.to[d]) / 2) * size, 6));
  const to = sweep.to.map((t, d) => roundSignificant((t + sweep.from[d]) / 2 + ((t - sweep.from[d]) / 2) * size, 6));
  return { ...sweep, from, to };
}

/** Keeps a circle's radius within what a recipe accepts and what means anything. */
function clampSize(sweep: SweepSpec, size: number): number {
  if (sweep.loop !== 'circle' || sweep.radius === 0) return size;
  const radius = Math.min(radiusRange.max, Math.max(radiusRange.min, sweep.radius * size));
  return radius / sweep.radius;
}

function roundSignificant(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}
