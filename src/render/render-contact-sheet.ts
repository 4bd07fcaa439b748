import { toRgba } from '../cppn/colour.ts';
import { createPixelGrid } from '../cppn/pixel-grid.ts';
import { canvasModule } from '../encoders/canvas-module.ts';
import { type Format, formats, pictureOf } from '../encoders/formats.ts';
import { defaultOutputFolder, defaultTarget, prepareOutput } from '../output/output-file.ts';
import { openFramePipeline } from './frame-pipeline.ts';
import { labelFont } from './label-font.ts';
import { nextTurn } from './next-turn.ts';
import { progressEvents } from './progress-events.ts';
import type { RenderControl, RenderResult, SheetRequest } from './render-request.ts';

/** Height of the strip under each cell that names its seed. */
export const labelHeight = 20;
const background = '#111';

/** A contact sheet: the first frame of each seed's sweep in a cell, labelled with its seed (PNG, JPEG or WebP). */
export async function renderContactSheet(request: SheetRequest, { signal, onEvent }: RenderControl = {}): Promise<RenderResult> {
  const { recipes, cell, columns } = request;
  const format: Format = formats[request.output.format];
  const started = performance.now();
  const rows = Math.ceil(recipes.length / columns);
  const first = recipes[0].seed;
  const last = recipes[recipes.length - 1].seed;
  const name = `grid-${first}${recipes.length > 1 ? `-${last}` : ''}`;
  const target =
    request.output.path ?? (await defaultTarget(request.output.folder ?? defaultOutputFolder, name, `.${format.extensions[0]}`));
  const output = await prepareOutput(target, { force: request.output.force, fresh: request.output.path === undefined });
  const width = columns * cell;
  const height = rows * (cell + labelHeight);
  const backends = new Set<string>();
  try {
    const sheet = pictureOf(format)({ path: output.tempPath, width, height, background });
    const label = createLabel(cell);
    const progress = progressEvents(onEvent, 'grid', 'cells', recipes.length);
    for (const [index, recipe] of recipes.entries()) {
      const { backend, sweep } = await openFramePipeline(recipe, request.backend, { grid: createPixelGrid(cell, cell, recipe.scale) });
      try {
        if (index === 0)
          onEvent?.({
            type: 'started',
            kind: 'sheet',
            width,
            height,
            frames: 1,
            fps: recipe.fps,
            aa: 1,
            seed: first,
            backend: backend.name,
          });
        backends.add(backend.name);
        const rgba = toRgba(await backend.evaluate(sweep(0, recipe.frames)), recipe.colour, new Uint8ClampedArray(cell * cell * 4));
        const x = (index % columns) * cell;
        const y = Math.floor(index / columns) * (cell + labelHeight);
        sheet.write(rgba, { x, y, width: cell, height: cell });
        sheet.write(label(`seed ${recipe.seed}`), { x, y: y + cell, width: cell, height: labelHeight });
      } finally {
        await backend.close();
      }
      progress(index + 1);
      await nextTurn(signal);
    }
    await sheet.finish();
    await output.commit();
  } catch (error) {
    await output.discard();
    throw error;
  }
  return { path: output.target, seed: first, backend: [...backends].sort().join('+'), seconds: (performance.now() - started) / 1000 };
}

/** The strip under a cell: its text centred in DejaVu Sans on the sheet's background, as RGBA. */
function createLabel(cell: number): (text: string) => Uint8ClampedArray {
  const canvas = canvasModule().createCanvas(cell, labelHeight);
  const context = canvas.getContext('2d');
  context.font = `13px ${labelFont()}`;
  context.textBaseline = 'middle';
  context.textAlign = 'center';
  return (text) => {
    context.fillStyle = background;
    context.fillRect(0, 0, cell, labelHeight);
    context.fillStyle = '#eee';
    context.fillText(text, cell / 2, labelHeight / 2, cell - 4);
    return new Uint8ClampedArray(context.getImageData(0, 0, cell, labelHeight).data);
  };
}
