import type { EvaluatorName } from '../backends/select-backend.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { openFramePipeline } from './frame-pipeline.ts';

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
 * Times `recipe.frames` frames of the recipe's sweep on one backend, one after another, and reports
 * the median: on a shared machine, a neighbour's burst skews a mean. One frame first, untimed: it
 * pays for starting workers and compiling kernels, which a render pays once.
 */
export async function benchBackend(recipe: Recipe, evaluator: EvaluatorName): Promise<BenchResult> {
  const { width, height, frames } = recipe;
  const { backend, sweep } = await openFramePipeline(recipe, evaluator);
  try {
    await backend.evaluate(sweep(0, frames));
    const times: number[] = [];
    for (let frame = 0; frame < frames; frame++) {
      const started = performance.now();
      await backend.evaluate(sweep(frame, frames));
      times.push(performance.now() - started);
    }
    const msPerFrame = median(times);
    return { backend: backend.name, width, height, frames, msPerFrame, mpixPerSecond: (width * height) / msPerFrame / 1000 };
  } finally {
    await backend.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
