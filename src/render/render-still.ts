import { mkdir } from 'node:fs/promises';
import { createCanvas } from '@napi-rs/canvas';
import { selectBackend } from '../backends/select-backend.ts';
import { boxDownsample } from './box-downsample.ts';
import { toRgba } from '../cppn/colour.ts';
import { createGrid, type Grid } from '../cppn/pixel-grid.ts';
import { buildNetwork } from '../cppn/network/network.ts';
import { defaultOutputFolder, type StillOptions } from '../options/options.ts';
import { freshPath, prepareOutput } from '../output/output-file.ts';
import { createProgress } from '../cli/progress-bar.ts';
import { RenderInterrupted } from './render-frames.ts';
import { recipeComment } from '../recipe/recipe.ts';
import { createSweep } from '../cppn/sweep.ts';
import { writeImage } from '../encoders/write-image.ts';
import { asUsageError } from '../output/write-errors.ts';

/** Samples evaluated at once: bounds the memory of a still of any size. */
const defaultBandSamples = 1 << 20;

/**
 * One frame of the sweep at any size (album art is 3000×3000), evaluated in bands of rows so that
 * memory is bounded by the band, not the picture, and supersampled `aa × aa` times per pixel.
 */
export async function renderStill(
  options: StillOptions, { signal, bandSamples = defaultBandSamples }: { signal?: AbortSignal; bandSamples?: number } = {},
): Promise<{ path: string; backend: string }> {
  const { recipe, aa } = options;
  const { width, height } = recipe;
  const target = options.out ?? await freshDefault(`still-${recipe.seed}`, options.format);
  const output = await prepareOutput(target, { force: options.force, fresh: options.out === undefined });
  const network = buildNetwork(recipe.network, recipe.seed);
  const latent = createSweep(recipe.sweep, recipe.network.latent, recipe.seed)(options.frame, recipe.frames);
  const samples = createGrid(width * aa, height * aa, recipe.scale);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const bandRows = Math.min(height, Math.max(1, Math.floor(bandSamples / (width * aa * aa))));
  const progress = createProgress(Math.ceil(height / bandRows), { quiet: options.quiet, label: 'still', unit: 'bands' });
  // One backend for every band: bands differ only in their rows, and starting one (worker threads,
  // kernel compilation) costs far more than a band.
  const bandGrid: Grid = { width: width * aa, height: bandRows * aa, xs: samples.xs, ys: samples.ys.subarray(0, bandRows * aa) };
  const backend = await selectBackend(options.backend, { network, grid: bandGrid });
  try {
    for (let row = 0, band = 0; row < height; row += bandRows, band++) {
      if (signal?.aborted) throw new RenderInterrupted('render interrupted');
      const rows = Math.min(bandRows, height - row);
      const ys = samples.ys.subarray(row * aa, (row + rows) * aa);
      const samplesRgba = toRgba(await backend.evaluate(latent, ys), recipe.colour, new Uint8ClampedArray(bandGrid.width * ys.length * 4));
      const image = context.createImageData(width, rows);
      image.data.set(boxDownsample(samplesRgba, bandGrid.width, ys.length, aa));
      context.putImageData(image, 0, row);
      progress.update(band + 1);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    progress.stop();
    await writeImage(canvas, options.format, output, { recipe: recipeComment(recipe, backend.name), frame: options.frame });
  } catch (error) {
    progress.stop();
    await output.discard();
    throw error;
  } finally {
    await backend.close();
  }
  return { path: output.target, backend: backend.name };
}

export async function freshDefault(base: string, format: string): Promise<string> {
  await mkdir(defaultOutputFolder, { recursive: true }).catch((error) => { throw asUsageError(error, defaultOutputFolder); });
  return freshPath(defaultOutputFolder, base.replace(/[^\w.-]+/g, '_'), `.${format === 'jpeg' ? 'jpg' : format}`);
}
