import type { FfmpegLookup } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { invalidOption } from '../errors.ts';
import { parseCell } from '../options/grid-options.ts';
import { given } from '../options/values.ts';
import { readStoredRecipe, type StoredRecipe } from '../recipe/read-recipe.ts';

/** `--from FILE` (with `--cell N` for a contact sheet): the stored recipe, or undefined without --from. */
export async function readFrom(args: { from?: string; cell?: string }, ffmpeg: FfmpegLookup): Promise<StoredRecipe | undefined> {
  const cell = given(args.cell, parseCell);
  if (cell !== undefined && args.from === undefined) {
    throw invalidOption('cell', args.cell, '--from SHEET with it: the cell of a contact sheet to render, e.g. --from grid.png --cell 3');
  }
  return args.from === undefined ? undefined : readStoredRecipe(args.from, { ffmpeg, cell });
}
