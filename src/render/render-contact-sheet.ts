import { createCanvas } from '@napi-rs/canvas';
import { selectBackend } from '../backends/select-backend.ts';
import { toRgba } from '../cppn/colour.ts';
import { labelFont } from './label-font.ts';
import { createGrid } from '../cppn/pixel-grid.ts';
import { buildNetwork } from '../cppn/network/network.ts';
import type { GridOptions } from '../options/options.ts';
import { prepareOutput } from '../output/output-file.ts';
import { createProgress } from '../cli/progress-bar.ts';
import { RenderInterrupted } from './render-frames.ts';
import { freshDefault } from './render-still.ts';
import { createSweep } from '../cppn/sweep.ts';
import { writeImage } from '../encoders/write-image.ts';

/** Height of the strip under each cell that names its seed. */
export const labelHeight = 20;

/** A contact sheet: the first frame of each seed's sweep in a cell, labelled with its seed (PNG, JPEG or WebP). */
export async function renderContactSheet(options: GridOptions, { signal }: { signal?: AbortSignal } = {}): Promise<{ path: string }> {
  const { recipes, cell, columns } = options;
  const rows = Math.ceil(recipes.length / columns);
  const first = recipes[0].seed;
  const last = recipes[recipes.length - 1].seed;
  const target = options.out ?? await freshDefault(`grid-${first}${recipes.length > 1 ? `-${last}` : ''}`, 'png');
  const output = await prepareOutput(target, { force: options.force, fresh: options.out === undefined });
  const canvas = createCanvas(columns * cell, rows * (cell + labelHeight));
  const context = canvas.getContext('2d');
  context.fillStyle = '#111';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.font = `13px ${labelFont()}`;
  context.textBaseline = 'middle';
  context.textAlign = 'center';
  const progress = createProgress(recipes.length, { quiet: options.quiet, label: 'grid', unit: 'cells' });
  try {
    for (const [index, recipe] of recipes.entries()) {
      if (signal?.aborted) throw new RenderInterrupted('render interrupted');
      const network = buildNetwork(recipe.network, recipe.seed);
      const grid = createGrid(cell, cell, recipe.scale);
      const backend = await selectBackend(options.backend, { network, grid });
      try {
        const latent = createSweep(recipe.sweep, recipe.network.latent, recipe.seed)(0, recipe.frames);
        const image = context.createImageData(cell, cell);
        toRgba(await backend.evaluate(latent), recipe.colour, image.data);
        const x = (index % columns) * cell;
        const y = Math.floor(index / columns) * (cell + labelHeight);
        context.putImageData(image, x, y);
        context.fillStyle = '#eee';
        context.fillText(`seed ${recipe.seed}`, x + cell / 2, y + cell + labelHeight / 2, cell - 4);
      } finally {
        await backend.close();
      }
      progress.update(index + 1);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    progress.stop();
    await writeImage(canvas, options.format, output);
  } catch (error) {
    progress.stop();
    await output.discard();
    throw error;
  }
  return { path: output.target };
}
