import { invalidOption, UsageError } from '../errors.ts';
import { asciiJson, type Recipe } from './recipe.ts';
import { parseRecipe } from './recipe-schema.ts';

/** Marks a contact sheet's stored text: every cell's recipe, in reading order (cell 1 first). */
export const sheetKey = 'zsweepSheet';
const sheetVersion = 1;
/** A sheet holds up to 400 recipes: bounded before it is parsed, as a recipe is. */
export const maxSheetBytes = 1024 * 1024;

/** What a contact sheet stores, so that `--from sheet.png --cell N` renders cell N's loop. */
export function sheetComment(recipes: readonly Recipe[], backend: string): string {
  return asciiJson({ [sheetKey]: sheetVersion, backend, cells: recipes });
}

export function isSheetText(text: string): boolean {
  return text.trimStart().startsWith(`{"${sheetKey}"`);
}

/** Cell `cell` (from 1) of a sheet's stored text, checked as every recipe is. */
export function sheetCell(text: string, source: string, cell: number | undefined): Recipe {
  if (Buffer.byteLength(text, 'utf8') > maxSheetBytes) {
    throw new UsageError(`The contact sheet ${source} stores more than ${maxSheetBytes / 1024} KiB of recipes: not a zsweep sheet`);
  }
  let cells: unknown;
  try {
    cells = (JSON.parse(text) as { cells?: unknown }).cells;
  } catch (error) {
    throw new UsageError(`The contact sheet ${source} stores recipes that are not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(cells) || cells.length === 0) throw new UsageError(`The contact sheet ${source} stores no cells`);
  if (cell === undefined) {
    throw invalidOption(
      'from',
      source,
      `--cell N with a contact sheet: it holds ${cells.length} loops, numbered 1 to ${cells.length} as their labels show, e.g. --cell 1`,
    );
  }
  if (cell > cells.length) throw invalidOption('cell', cell, `a cell from 1 to ${cells.length} of ${source}, e.g. --cell 1`);
  return parseRecipe(JSON.stringify(cells[cell - 1]), `${source} cell ${cell}`);
}
