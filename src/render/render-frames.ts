import type { Encoder } from '../encoders/encoder.ts';
import { boxDownsample } from './box-downsample.ts';
import type { FlashGuard } from './flash-guard.ts';
import type { FramePipeline } from './frame-pipeline.ts';
import { nextTurn } from './next-turn.ts';

/**
 * Frames evaluated ahead of the encoder: up to 16, as long as they hold at most 64 MiB (one at least).
 * Evaluation and encoding share the cores, and each runs in bursts (x264 takes frames quickly until
 * its look-ahead is full, then not at all for a while; ffmpeg takes none while it starts): with frames
 * queued between them neither waits for the other, so the render takes the CPU time of both, not the
 * sum of their waits.
 */
export function framesAhead(frameBytes: number): number {
  return Math.max(1, Math.min(16, Math.floor((64 << 20) / frameBytes)));
}

/**
 * Frames [start, end) of the sweep into `encoder`, in order: the one loop that every render runs,
 * whole or in segments. Evaluation runs ahead of encoding by a few frames (`framesAhead`), so the two
 * overlap. Does not finish or abort the encoder: its caller owns it.
 */
export async function renderFrames(
  pipeline: FramePipeline,
  encoder: Encoder,
  {
    start,
    end,
    signal,
    onFrame,
    guard,
  }: { start: number; end: number; signal?: AbortSignal; onFrame?: (frame: number) => void; guard?: FlashGuard },
): Promise<void> {
  const { recipe, backend, grid, sweep, colouring } = pipeline;
  const ahead = framesAhead(grid.width * grid.height * 4);
  const ready: Uint8ClampedArray[] = [];
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let wakeEncoder = () => {};
  let wakeEvaluation = () => {};

  // A backend may reuse its output array, so each frame's outputs are copied here (one array, reused)
  // and the next frame is evaluated while this thread colours them: colouring a 720² frame took
  // about 10 ms, during which the evaluation threads had nothing to do.
  let outputs: Float32Array | undefined;
  const frameBytes = (grid.width / recipe.aa) * (grid.height / recipe.aa) * 4;
  // Arrays the encoder is done with (see Encoder.lingering), filled again; the frames written since,
  // oldest first, that it may still read.
  const spare: Uint8ClampedArray[] = [];
  const lingering: Uint8ClampedArray[] = [];
  // Supersampled frames are coloured into this one array, then shrunk by an exact box average of each aa × aa block.
  const samples = recipe.aa === 1 ? undefined : new Uint8ClampedArray(grid.width * grid.height * 4);
  const evaluateAhead = async () => {
    try {
      let next = end > start ? backend.evaluate(sweep(start, recipe.frames)) : undefined;
      for (let frame = start; frame < end; frame++) {
        const evaluated = await next!;
        if (stopped) return;
        outputs ??= new Float32Array(evaluated.length);
        outputs.set(evaluated);
        while (ready.length >= ahead && !stopped) await new Promise<void>((resolve) => (wakeEvaluation = resolve));
        if (stopped) return;
        next = frame + 1 < end ? backend.evaluate(sweep(frame + 1, recipe.frames)) : undefined;
        // Never unhandled: a failure is awaited, and reported, at the top of the next turn of the loop.
        next?.catch(() => {});
        // Each frame its own array, which owns its buffer (gifenc needs that).
        const rgba = spare.pop() ?? new Uint8ClampedArray(frameBytes);
        const colour = pipeline.colourFor?.(frame) ?? colouring;
        ready.push(samples ? boxDownsample(colour(outputs, samples), grid.width, grid.height, recipe.aa, rgba) : colour(outputs, rgba));
        wakeEncoder();
      }
    } catch (error) {
      failure = { error };
      wakeEncoder();
    }
  };
  const evaluation = evaluateAhead();

  try {
    for (let frame = start; frame < end; frame++) {
      while (ready.length === 0 && !failure) await new Promise<void>((resolve) => (wakeEncoder = resolve));
      if (ready.length === 0) throw failure!.error;
      const rgba = ready.shift()!;
      wakeEvaluation();
      guard?.see(rgba, frame, frame === end - 1);
      await encoder.writeFrame(rgba);
      if (encoder.lingering !== undefined) {
        lingering.push(rgba);
        if (lingering.length > encoder.lingering) spare.push(lingering.shift()!);
      }
      onFrame?.(frame);
      await nextTurn(signal);
    }
    await evaluation;
  } finally {
    // On an error or a stop, the evaluation ahead ends at its next step (its own failure, e.g. the
    // backend closed under it, is kept here and never surfaces as an unhandled rejection).
    stopped = true;
    wakeEvaluation();
  }
}
