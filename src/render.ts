import { mkdir, writeFile } from 'node:fs/promises';
import { selectBackend } from './backends/select-backend.ts';
import { toRgba } from './colour.ts';
import { createEncoder } from './encoders/select-encoder.ts';
import { createGrid } from './grid.ts';
import { buildNetwork } from './network/network.ts';
import { defaultOutputFolder, type RenderOptions } from './options.ts';
import { freshPath, prepareOutput } from './output-file.ts';
import { createProgress } from './progress.ts';
import { recipeComment } from './recipe.ts';
import { createSweep } from './sweep.ts';

export interface RenderResult {
  readonly path: string;
  /** The backend that actually evaluated the frames. */
  readonly backend: string;
  readonly seconds: number;
}

/** Thrown when a render is stopped by its signal (Ctrl-C); the partial file is already removed. */
export class RenderInterrupted extends Error {
  override readonly name = 'RenderInterrupted';
}

/**
 * The one loop that joins the pipeline: seeded network → latent per frame → backend → RGBA → encoder.
 * Writes to a temporary file and renames it onto the target only when complete; on any error or
 * abort the temporary file is removed and an existing target is untouched.
 */
export async function render(options: RenderOptions, { signal }: { signal?: AbortSignal } = {}): Promise<RenderResult> {
  const { recipe } = options;
  const { width, height, frames, fps } = recipe;
  const started = performance.now();
  const target = options.out ?? await defaultTarget(options);
  const output = await prepareOutput(target, { force: options.force });
  const recipeFile = options.recipeOut === undefined ? undefined : await prepareOutput(options.recipeOut, { force: options.force });

  const network = buildNetwork(recipe.network, recipe.seed);
  const grid = createGrid(width, height, recipe.scale);
  const sweep = createSweep(recipe.sweep, recipe.network.latent, recipe.seed);
  const backend = await selectBackend(options.backend, { network, grid });
  if (!options.quiet) process.stderr.write(`zsweep: ${width}×${height}, ${frames} frames at ${fps} fps, seed ${recipe.seed}, backend ${backend.name}\n`);

  const progress = createProgress(frames, { quiet: options.quiet, label: 'rendering' });
  let encoder;
  try {
    encoder = await createEncoder(options.format, {
      path: output.tempPath, width, height, fps, frames, comment: recipeComment(recipe, backend.name),
    });
    // Frame n+1 is evaluated while frame n is encoded, where the backend runs off the main thread.
    const evaluate = (frame: number) => {
      const promise = backend.evaluate(sweep(frame, frames));
      // If encoding fails first, this evaluation's own failure must not surface as an unhandled rejection.
      promise.catch(() => {});
      return promise;
    };
    let next = evaluate(0);
    for (let frame = 0; frame < frames; frame++) {
      const outputs = await next;
      if (signal?.aborted) throw new RenderInterrupted('render interrupted');
      // A fresh array per frame: the encoder owns it until written, and gifenc needs it to own its buffer.
      // Converted before the next evaluation starts, since a backend may reuse its output array.
      const rgba = toRgba(outputs, recipe.colour, new Uint8ClampedArray(width * height * 4));
      if (frame + 1 < frames) next = evaluate(frame + 1);
      await encoder.writeFrame(rgba);
      progress.update(frame + 1);
      // Let signal handlers run between frames.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await encoder.finish();
    if (recipeFile) {
      await writeFile(recipeFile.tempPath, JSON.stringify({ ...recipe, backend: backend.name }, null, 2) + '\n');
      await recipeFile.commit();
    }
    await output.commit();
  } catch (error) {
    await encoder?.abort();
    await output.discard();
    await recipeFile?.discard();
    throw error;
  } finally {
    progress.stop();
    await backend.close();
  }
  return { path: target, backend: backend.name, seconds: (performance.now() - started) / 1000 };
}

async function defaultTarget(options: RenderOptions): Promise<string> {
  await mkdir(defaultOutputFolder, { recursive: true });
  // A fresh name rather than a refusal: repeating `zsweep --seed 42` should just work.
  return freshPath(defaultOutputFolder, `zsweep-${options.recipe.seed.replace(/[^\w.-]+/g, '_')}`, `.${options.format}`);
}
