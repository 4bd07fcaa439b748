import type { AudioTrack } from '../audio/read-audio.ts';
import { createTileRunner, plainKernel } from '../backends/wasm-tile-runner.ts';
import { createColouring } from '../cppn/colour.ts';
import { bredNetwork } from '../cppn/network/breed-network.ts';
import { outputChannels } from '../cppn/network/network.ts';
import { createPixelGrid } from '../cppn/pixel-grid.ts';
import { createSweep } from '../cppn/sweep.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { countFlashes, flashesPerSecondLimit, regionLuminance } from './count-flashes.ts';
import { musicSweep } from './music-sweep.ts';
import { nextTurn } from './next-turn.ts';

/** What the flash limit found and did: flashes a second before and after, and the accent it left. */
export interface FlashReport {
  readonly before: number;
  readonly after: number;
  readonly accentBefore: number;
  readonly accentAfter: number;
}

/** The measuring render's longer side: luminance over quarters of a frame needs no detail. */
const measureSide = 48;
/** Halvings of the accent's range searched: the accent kept is within 1/64 of the largest that passes. */
const searchSteps = 6;

/** The strength of a recipe's accents, and the recipe with another strength. */
function accentOf(recipe: Recipe): number | undefined {
  if (recipe.audio) return recipe.audio.react.pulse === 'none' ? undefined : recipe.audio.react.pulseAmount;
  return recipe.beat?.accent;
}
export function withAccent(recipe: Recipe, accent: number): Recipe {
  if (recipe.audio) return { ...recipe, audio: { ...recipe.audio, react: { ...recipe.audio.react, pulseAmount: accent } } };
  return recipe.beat ? { ...recipe, beat: { ...recipe.beat, accent } } : recipe;
}

/**
 * Keeps a music render at or below WCAG 2.3.1's three flashes a second (count-flashes.ts) by weakening
 * its accents: the frames are rendered small, their luminance measured, and while they flash too
 * often the accent is lowered (a bisection between none and the one asked for). Returns the recipe to
 * render, and what was found; undefined when the render has no accents to limit. The motion itself
 * (its travel) is not changed: if it flashes with no accent at all, the accent goes to 0 and the
 * report says so (`after` above the limit).
 */
export async function limitFlashes(
  recipe: Recipe,
  audio: AudioTrack | undefined,
  { signal }: { signal?: AbortSignal } = {},
): Promise<{ recipe: Recipe; report: FlashReport } | undefined> {
  const asked = accentOf(recipe);
  if (asked === undefined || asked === 0) return undefined;
  const count = flashCounter(recipe, audio, { signal });
  const measure = (accent: number) => count(withAccent(recipe, accent));
  {
    const before = await measure(asked);
    if (before <= flashesPerSecondLimit) return { recipe, report: { before, after: before, accentBefore: asked, accentAfter: asked } };
    let low = 0;
    let high = asked;
    let lowFlashes = await measure(0);
    if (lowFlashes <= flashesPerSecondLimit) {
      for (let step = 0; step < searchSteps; step++) {
        const middle = (low + high) / 2;
        const flashes = await measure(middle);
        if (flashes <= flashesPerSecondLimit) {
          low = middle;
          lowFlashes = flashes;
        } else {
          high = middle;
        }
      }
    }
    // Rounded down to three significant figures, so the recipe stays readable and still passes.
    const accent = low === 0 ? 0 : Math.floor(low * 1000) / 1000;
    return { recipe: withAccent(recipe, accent), report: { before, after: lowFlashes, accentBefore: asked, accentAfter: accent } };
  }
}

/**
 * Counts the flashes a second of variants of `recipe` (another accent, another path; the same
 * network, size and length), on every frame rendered small.
 */
export function flashCounter(
  recipe: Recipe,
  audio: AudioTrack | undefined,
  { signal, kernel }: { signal?: AbortSignal; kernel?: WebAssembly.Module } = {},
): (variant: Recipe) => Promise<number> {
  const scale = measureSide / Math.max(recipe.width, recipe.height);
  const width = Math.max(2, Math.round(recipe.width * scale));
  const height = Math.max(2, Math.round(recipe.height * scale));
  // On this thread, with the plain SIMD kernel, as the look is measured (measure-look.ts): frames this
  // small cost less than handing them to worker threads (0.9 s for a 900-frame visualiser that way),
  // and the accent that goes into the recipe is the same on every machine.
  // The studio's page passes its own plain kernel: it cannot read the file plainKernel() reads.
  const runner = createTileRunner(
    kernel ?? plainKernel(),
    bredNetwork(recipe.network, recipe.seed, recipe.breed),
    createPixelGrid(width, height, recipe.scale),
  );
  const pixels = width * height;
  const outputs = new Float32Array(pixels * outputChannels);
  const rgba = new Uint8ClampedArray(pixels * 4);
  return async (variant) => {
    const small: Recipe = { ...variant, width, height, aa: 1 };
    const colouring = createColouring(small);
    const sweep = musicSweep(small, audio) ?? createSweep(small.sweep, small.network.latent, small.seed);
    const frames: Float64Array[] = [];
    for (let f = 0; f < small.frames; f++) {
      runner.setLatent(sweep(f, small.frames));
      runner.evaluatePixels(0, pixels, outputs);
      frames.push(regionLuminance(colouring(outputs, rgba), width, height));
      if (f % 64 === 63) await nextTurn(signal);
    }
    return countFlashes(frames, small.fps);
  };
}
