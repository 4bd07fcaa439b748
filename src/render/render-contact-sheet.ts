import type { Backend } from '../backends/backend.ts';
import { selectBackend } from '../backends/select-backend.ts';
import { type Colouring, createColouring } from '../cppn/colour.ts';
import { bredNetwork } from '../cppn/network/breed-network.ts';
import type { Network } from '../cppn/network/network.ts';
import { createPixelGrid } from '../cppn/pixel-grid.ts';
import { createSweep, type Sweep } from '../cppn/sweep.ts';
import { canvasModule } from '../encoders/canvas-module.ts';
import type { Encoder } from '../encoders/encoder.ts';
import { encoderOf, type Format, formats, pictureOf } from '../encoders/formats.ts';
import { defaultOutputFolder, defaultTarget, prepareOutput } from '../output/output-file.ts';
import { asWriteFailed } from '../output/write-errors.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { sheetComment } from '../recipe/sheet-recipes.ts';
import { labelFont } from './label-font.ts';
import { nextTurn } from './next-turn.ts';
import { progressEvents } from './progress-events.ts';
import type { RenderControl, RenderResult, SheetRequest } from './render-request.ts';

/** Height of the strip under each cell that names it. */
export const labelHeight = 20;
const background = '#111';
/** The background as one little-endian RGBA word, to fill a frame at once. */
const backgroundWord = 0xff111111;

/**
 * A contact sheet of loops, one labelled cell each, numbered from 1 row by row. As a picture (PNG,
 * JPEG, WebP) it shows each loop's first frame, and a PNG stores every cell's recipe; as a video or
 * GIF every loop plays at once. One backend evaluates every cell where it can switch networks.
 */
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
  const at = (index: number) => ({ x: (index % columns) * cell, y: Math.floor(index / columns) * (cell + labelHeight) });
  const frames = format.picture ? 1 : recipes[0].frames;
  const { fps } = recipes[0];
  let cells: SheetCells | undefined;
  let encoder: Encoder | undefined;
  try {
    cells = await openSheetCells(recipes, request, cell);
    onEvent?.({ type: 'started', kind: 'sheet', width, height, frames, fps, aa: 1, seed: first, backend: cells.backendName });
    const comment = sheetComment(recipes, cells.backendName);
    const label = createLabel(cell);
    const labels = recipes.map((recipe, index) => label(request.labels?.[index] ?? `${index + 1} · seed ${recipe.seed}`));
    if (format.picture) {
      const sheet = pictureOf(format)({ path: output.tempPath, width, height, background, comment });
      const progress = progressEvents(onEvent, 'grid', 'cells', recipes.length);
      for (const index of recipes.keys()) {
        const { x, y } = at(index);
        sheet.write(await cells.frame(index, 0), { x, y, width: cell, height: cell });
        sheet.write(labels[index], { x, y: y + cell, width: cell, height: labelHeight });
        progress(index + 1);
        await nextTurn(signal);
      }
      await sheet.finish();
    } else {
      const video =
        format.video && request.ffmpeg ? { crf: request.crf ?? format.video.defaultCrf, ffmpegPath: request.ffmpeg.path } : undefined;
      if (format.video && !video) throw new Error(`a ${format.label} sheet needs request.ffmpeg (findFfmpeg)`);
      encoder = await encoderOf(format)({ path: output.tempPath, width, height, fps, frames, comment, ...(video ? { video } : {}) });
      const base = new Uint8ClampedArray(width * height * 4);
      new Uint32Array(base.buffer).fill(backgroundWord);
      for (const index of recipes.keys()) {
        const { x, y } = at(index);
        blit(base, width, labels[index], { x, y: y + cell, width: cell, height: labelHeight });
      }
      const progress = progressEvents(onEvent, 'rendering', 'frames', frames);
      for (let frame = 0; frame < frames; frame++) {
        const picture = base.slice();
        for (const index of recipes.keys())
          blit(picture, width, await cells.frame(index, frame), { ...at(index), width: cell, height: cell });
        await encoder.writeFrame(picture);
        progress(frame + 1);
        await nextTurn(signal);
      }
      await encoder.finish();
    }
    await output.commit();
  } catch (error) {
    await encoder?.abort();
    await output.discard();
    throw asWriteFailed(error, output.target);
  } finally {
    await cells?.close();
  }
  return { path: output.target, seed: first, backend: cells.backendName, seconds: (performance.now() - started) / 1000 };
}

/** Every cell's loop, frame by frame, as RGBA. */
interface SheetCells {
  frame(index: number, frame: number): Promise<Uint8ClampedArray>;
  readonly backendName: string;
  close(): Promise<void>;
}

/**
 * One backend for all cells where it can switch networks (the CPU path), so that a sheet starts one
 * set of workers, not one per cell; otherwise (gpu.js compiles each network) one backend per cell.
 */
async function openSheetCells(recipes: readonly Recipe[], request: SheetRequest, cell: number): Promise<SheetCells> {
  const grid = createPixelGrid(cell, cell, recipes[0].scale);
  const networks: Network[] = recipes.map((recipe) => bredNetwork(recipe.network, recipe.seed, recipe.breed));
  const sweeps: Sweep[] = recipes.map((recipe) => createSweep(recipe.sweep, recipe.network.latent, recipe.seed));
  const colourings: Colouring[] = recipes.map((recipe) => createColouring(recipe));
  const sameGrid = recipes.every((recipe) => recipe.scale === recipes[0].scale);
  const shared = await selectBackend(request.backend, { network: networks[0], grid });
  const backends: Backend[] = [shared];
  const backendOf = async (index: number): Promise<Backend> => {
    if (shared.useNetwork && sameGrid) {
      shared.useNetwork(networks[index]);
      return shared;
    }
    if (index === 0) return shared;
    backends[index] ??= await selectBackend(request.backend, {
      network: networks[index],
      grid: createPixelGrid(cell, cell, recipes[index].scale),
    });
    return backends[index];
  };
  const names = new Set([shared.name]);
  return {
    async frame(index, frame) {
      const backend = await backendOf(index);
      names.add(backend.name);
      const outputs = await backend.evaluate(sweeps[index](frame, recipes[index].frames));
      return colourings[index](outputs, new Uint8ClampedArray(cell * cell * 4));
    },
    get backendName() {
      return [...names].sort().join('+');
    },
    async close() {
      await Promise.all(backends.filter(Boolean).map((backend) => backend.close()));
    },
  };
}

/** Copies a rectangle of RGBA pixels into a picture `pictureWidth` wide. */
function blit(
  picture: Uint8ClampedArray,
  pictureWidth: number,
  rgba: Uint8ClampedArray,
  at: { x: number; y: number; width: number; height: number },
): void {
  for (let row = 0; row < at.height; row++) {
    picture.set(rgba.subarray(row * at.width * 4, (row + 1) * at.width * 4), ((at.y + row) * pictureWidth + at.x) * 4);
  }
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
