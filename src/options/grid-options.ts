import type { FormatName } from '../encoders/formats.ts';
import { invalidOption } from '../errors.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { mergeDrafts } from '../recipe/recipe-draft.ts';
import type { SheetRequest } from '../render/render-request.ts';
import { completePicture, recipeOf } from './complete-picture.ts';
import { defaults } from './defaults.ts';
import { parsePictureOut } from './output-format.ts';
import { type PictureArgs, parsePictureArgs } from './picture-args.ts';
import { parseBackend, presetBase } from './render-options.ts';
import { deepFreeze, given, parseInteger, parseSeed } from './values.ts';

/** Arguments of `zsweep grid`: the picture options shared by every cell, plus the seeds and the sheet's layout. */
export interface GridArgs extends PictureArgs {
  seeds?: string;
  cell?: string;
  columns?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  backend?: string;
  preset?: string;
}

export interface GridOptions {
  readonly request: SheetRequest;
  readonly quiet: boolean;
}

export const maxGridSeeds = 400;
const cellRange = { min: 16, max: 1024, example: `${defaults.cell}` };

export function parseGridOptions(args: GridArgs): GridOptions {
  const seeds = parseSeedList(args.seeds ?? defaults.seeds);
  const cell = given(args.cell, (raw) => parseInteger('cell', raw, cellRange)) ?? defaults.cell;
  const columns =
    given(args.columns, (raw) => parseInteger('columns', raw, { min: 1, max: maxGridSeeds, example: '4' })) ??
    Math.ceil(Math.sqrt(seeds.length));
  const format: FormatName = args.out === undefined ? 'png' : parsePictureOut(args.out);
  const base = presetBase(args.preset);
  // Checked once for every cell; each cell is then that picture with its own seed, one frame of cell × cell.
  const { seed: _seed, ...shared } = mergeDrafts(
    base,
    parsePictureArgs(args, { base, size: { maxSide: 16, maxPixels: 256, example: '16x16', what: 'a cell' } }),
  );
  const recipes = seeds.map((seed): Recipe => {
    const picture = completePicture({ ...shared, seed });
    return recipeOf(picture, { width: cell, height: cell, fps: defaults.fps, frames: 1, aa: 1 });
  });
  return deepFreeze({
    request: {
      kind: 'sheet',
      recipes,
      cell,
      columns,
      output: { format, path: args.out, force: args.force ?? false },
      backend: parseBackend(args.backend),
    },
    quiet: args.quiet ?? false,
  });
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
