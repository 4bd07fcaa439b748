import { extname } from 'node:path';
import { type Format, type FormatName, formatOfExtension, formats } from '../encoders/formats.ts';
import { invalidOption } from '../errors.ts';
import { maxFrames } from '../recipe/limits.ts';
import type { Recipe } from '../recipe/recipe.ts';
import type { SheetRequest } from '../render/render-request.ts';
import { completePicture, recipeOf } from './complete-picture.ts';
import { defaults } from './defaults.ts';
import { mergeOverRecipe } from './merge-over-recipe.ts';
import { parsePictureOut } from './output-format.ts';
import { type PictureArgs, parsePictureArgs } from './picture-args.ts';
import { parseBackend, presetBase } from './render-options.ts';
import { deepFreeze, given, parseFfmpegPath, parseInteger, parseSeed } from './values.ts';

/** Arguments of `zsweep grid`: the picture options shared by every cell, plus the seeds and the sheet's layout. */
export interface GridArgs extends PictureArgs {
  seeds?: string;
  cell?: string;
  columns?: string;
  crf?: string;
  ffmpeg?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  backend?: string;
  preset?: string;
}

export interface GridOptions {
  readonly request: SheetRequest;
  readonly quiet: boolean;
  /** `--ffmpeg PATH`, for a video sheet. */
  readonly ffmpeg: string | undefined;
}

export const maxGridSeeds = 400;
const cellRange = { min: 16, max: 1024, example: `${defaults.cell}` };

export function parseGridOptions(args: GridArgs): GridOptions {
  const seeds = parseSeedList(args.seeds ?? defaults.seeds);
  const cell = given(args.cell, (raw) => parseInteger('cell', raw, cellRange)) ?? defaults.cell;
  const columns =
    given(args.columns, (raw) => parseInteger('columns', raw, { min: 1, max: maxGridSeeds, example: '4' })) ??
    Math.ceil(Math.sqrt(seeds.length));
  const format: FormatName = args.out === undefined ? 'png' : parseSheetOut(args.out);
  const base = presetBase(args.preset);
  // Checked once for every cell; each cell is then that picture with its own seed, one frame of cell × cell.
  const { seed: _seed, ...shared } = mergeOverRecipe(
    base,
    parsePictureArgs(args, { base, size: { maxSide: 16, maxPixels: 256, example: '16x16', what: 'a cell' } }),
  );
  if (formats[format].evenSize && cell % 2) {
    throw invalidOption(
      'cell',
      cell,
      `an even number for ${formats[format].label} (yuv420p needs even width and height), e.g. --cell ${cell + 1}`,
    );
  }
  const fps = shared.fps ?? defaults.fps;
  const sheetFormat: Format = formats[format];
  if (sheetFormat.maxFps !== undefined && fps > sheetFormat.maxFps) {
    throw invalidOption('fps', fps, `at most ${sheetFormat.maxFps} for a ${sheetFormat.label}; lower --fps or write a video`);
  }
  // Each cell is the loop a render of its seed with these options would be: its length sets the speed's radius.
  const frames = shared.frames ?? Math.max(1, Math.round((shared.durationSeconds ?? defaults.durationSeconds) * fps));
  if (frames > maxFrames)
    throw invalidOption('duration', shared.durationSeconds, `at most ${maxFrames} frames in all; shorten it or lower --fps`);
  const pictures = seeds.map((seed) => completePicture({ ...shared, seed }));
  const recipes = pictures.map((picture): Recipe => recipeOf(picture, { width: cell, height: cell, fps, frames, aa: 1 }));
  const video = sheetFormat.video;
  if (video === undefined && args.crf !== undefined)
    throw invalidOption('crf', args.crf, 'no --crf: it sets the quality of a video sheet (.mp4, .webm) only');
  const crf =
    video &&
    given(args.crf, (raw) => parseInteger('crf', raw, { min: video.crfRange[0], max: video.crfRange[1], example: `${video.defaultCrf}` }));
  return deepFreeze({
    request: {
      kind: 'sheet',
      recipes,
      cell,
      columns,
      look: pictures[0].look,
      output: { format, path: args.out, force: args.force ?? false },
      backend: parseBackend(args.backend),
      ...(crf === undefined ? {} : { crf }),
    },
    quiet: args.quiet ?? false,
    ffmpeg: given(args.ffmpeg, parseFfmpegPath),
  });
}

/** `--cell N`: a contact sheet's cell, numbered from 1 (checked against the sheet when it is read). */
export function parseCell(raw: string): number {
  return parseInteger('cell', raw, { min: 1, max: maxGridSeeds, example: '1' });
}

/** A sheet is a picture (.png, .jpg, .webp) or, to watch every loop at once, a video or GIF. */
export function parseSheetOut(out: string): FormatName {
  const ext = extname(out).slice(1).toLowerCase();
  const animated = formatOfExtension(ext, 'animation');
  if (animated !== undefined && !formats[animated].picture && !formats[animated].sequence) return animated;
  return parsePictureOut(out);
}

/** `1-16`, `3,5,8`, `1-4,sunrise`: ranges of whole numbers and single seeds, at most maxGridSeeds. */
export function parseSeedList(raw: string): string[] {
  const seeds: string[] = [];
  const expected = `ranges and seeds separated by commas, at most ${maxGridSeeds} in all, e.g. --seeds 1-16 or --seeds 3,42,sunrise`;
  for (const token of raw.split(',').map((t) => t.trim())) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(token);
    if (range) {
      const [first, last] = [BigInt(range[1]), BigInt(range[2])];
      if (last < first || last - first >= BigInt(maxGridSeeds)) throw invalidOption('seeds', raw, expected);
      for (let seed = first; seed <= last; seed++) seeds.push(seed.toString());
    } else if (token !== '') {
      seeds.push(parseSeed(token, 'seeds'));
    } else {
      throw invalidOption('seeds', raw, expected);
    }
    if (seeds.length > maxGridSeeds) throw invalidOption('seeds', raw, expected);
  }
  return seeds;
}
