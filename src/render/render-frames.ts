import type { Backend } from '../backends/backend.ts';
import { toRgba } from '../cppn/colour.ts';
import type { Encoder } from '../encoders/encoder.ts';
import type { Grid } from '../cppn/pixel-grid.ts';
import type { Recipe } from '../recipe/recipe.ts';
import type { Sweep } from '../cppn/sweep.ts';

/** Thrown when a render is stopped by its signal (Ctrl-C); the partial file is already removed. */
export class RenderInterrupted extends Error {
  override readonly name = 'RenderInterrupted';
}

/** What turns a frame number into pixels: built once per render, shared by every range of frames. */
export interface FramePipeline {
  readonly recipe: Recipe;
  readonly backend: Backend;
  /** The evaluation grid: aa × the frame's size. */
  readonly grid: Grid;
  readonly sweep: Sweep;
  /** Shrinks a supersampled frame to the output size (identity when aa is 1). */
  readonly downscale: (rgba: Uint8ClampedArray) => Uint8ClampedArray;
}

/**
 * Frames [start, end) of the sweep into `encoder`, in order: the one loop that every render runs,
 * whole or in segments. Does not finish or abort the encoder: its caller owns it.
 */
export async function renderFrames(
  pipeline: FramePipeline,
  encoder: Encoder,
  { start, end, signal, onFrame }: { start: number; end: number; signal?: AbortSignal; onFrame?: (frame: number) => void },
): Promise<void> {
  const { recipe, backend, grid, sweep, downscale } = pipeline;
  // Frame n+1 is evaluated while frame n is encoded, where the backend runs off the main thread.
  const evaluate = (frame: number) => {
    const promise = backend.evaluate(sweep(frame, recipe.frames));
    // If encoding fails first, this evaluation's own failure must not surface as an unhandled rejection.
    promise.catch(() => {});
    return promise;
  };
  let next = evaluate(start);
  for (let frame = start; frame < end; frame++) {
    const outputs = await next;
    if (signal?.aborted) throw new RenderInterrupted('render interrupted');
    // A fresh array per frame: the encoder owns it until written, and gifenc needs it to own its buffer.
    // Converted before the next evaluation starts, since a backend may reuse its output array.
    const rgba = downscale(toRgba(outputs, recipe.colour, new Uint8ClampedArray(grid.width * grid.height * 4)));
    if (frame + 1 < end) next = evaluate(frame + 1);
    await encoder.writeFrame(rgba);
    onFrame?.(frame);
    // Let signal handlers run between frames.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
