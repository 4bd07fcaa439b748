import type { Encoder } from '../encoders/encoder.ts';
import { boxDownsample } from './box-downsample.ts';
import type { FramePipeline } from './frame-pipeline.ts';
import { nextTurn } from './next-turn.ts';

/**
 * Frames [start, end) of the sweep into `encoder`, in order: the one loop that every render runs,
 * whole or in segments. Does not finish or abort the encoder: its caller owns it.
 */
export async function renderFrames(
  pipeline: FramePipeline,
  encoder: Encoder,
  { start, end, signal, onFrame }: { start: number; end: number; signal?: AbortSignal; onFrame?: (frame: number) => void },
): Promise<void> {
  const { recipe, backend, grid, sweep, colouring } = pipeline;
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
    // A fresh array per frame: the encoder owns it until written, and gifenc needs it to own its buffer.
    // Converted before the next evaluation starts, since a backend may reuse its output array.
    // Supersampled frames are shrunk by an exact box average of each aa × aa block.
    const samples = colouring(outputs, new Uint8ClampedArray(grid.width * grid.height * 4));
    const rgba = boxDownsample(samples, grid.width, grid.height, recipe.aa);
    if (frame + 1 < end) next = evaluate(frame + 1);
    await encoder.writeFrame(rgba);
    onFrame?.(frame);
    await nextTurn(signal);
  }
}
