import { selectBackend, type EvaluatorName } from './backends/select-backend.ts';
import { createGrid } from './grid.ts';
import { buildNetwork } from './network/network.ts';
import type { Recipe } from './recipe.ts';
import { createSweep } from './sweep.ts';

/** One backend's speed on one recipe: what `zsweep bench --json` prints, one line each. */
export interface BenchResult {
  /** What actually ran (the backend's own name). */
  readonly backend: string;
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly msPerFrame: number;
  readonly mpixPerSecond: number;
}

/**
 * Times `recipe.frames` frames of the recipe's sweep on one backend, one after another. One frame
 * first, untimed: it pays for starting workers and compiling kernels, which a render pays once.
 */
export async function benchBackend(recipe: Recipe, evaluator: EvaluatorName): Promise<BenchResult> {
  const { width, height, frames } = recipe;
  const network = buildNetwork(recipe.network, recipe.seed);
  const sweep = createSweep(recipe.sweep, recipe.network.latent, recipe.seed);
  const backend = await selectBackend(evaluator, { network, grid: createGrid(width, height, recipe.scale) });
  try {
    await backend.evaluate(sweep(0, frames));
    const started = performance.now();
    for (let frame = 0; frame < frames; frame++) await backend.evaluate(sweep(frame, frames));
    const msPerFrame = (performance.now() - started) / frames;
    return { backend: backend.name, width, height, frames, msPerFrame, mpixPerSecond: (width * height) / msPerFrame / 1000 };
  } finally {
    await backend.close();
  }
}
