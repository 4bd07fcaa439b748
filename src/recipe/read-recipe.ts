import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FfmpegLookup } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { type Format, formatNames, formats } from '../encoders/formats.ts';
import { pngFrameKeyword } from '../encoders/metadata/png-keywords.ts';
import { readRecipeText } from '../encoders/metadata/read-recipe-text.ts';
import { FfmpegFailed, invalidOption, UsageError } from '../errors.ts';
import type { Recipe } from './recipe.ts';
import { maxRecipeBytes, parseRecipe } from './recipe-schema.ts';
import { isSheetText, sheetCell } from './sheet-recipes.ts';

/** Files a recipe can be read back from, by extension: recipe JSON, and every format that stores one. */
export const recipeSources = [
  'json',
  ...new Set(
    formatNames.flatMap((name) => {
      const format: Format = formats[name];
      return format.recipe === 'none' ? [] : format.extensions;
    }),
  ),
];

/** What a file made by zsweep holds: its recipe and, for a PNG frame of a sweep (a still, one of a sequence), that frame's index. */
export interface StoredRecipe {
  readonly recipe: Recipe;
  readonly frame?: number;
  /** A contact sheet's cell: its small size is the sheet's, not the loop's. */
  readonly cell?: true;
}

/**
 * Reads the recipe stored in a zsweep output (or a recipe JSON file), for --from. A video is read with
 * the ffmpeg that `ffmpeg` finds. Anything unreadable is a UsageError of one line.
 */
export async function readStoredRecipe(
  path: string,
  { ffmpeg, cell, signal }: { ffmpeg: FfmpegLookup; cell?: number; signal?: AbortSignal },
): Promise<StoredRecipe> {
  const stored = await readStoredText(path, ffmpeg, signal);
  if (isSheetText(stored.text)) {
    return { recipe: sheetCell(stored.text, path, cell), cell: true };
  }
  if (cell !== undefined)
    throw invalidOption('cell', cell, `a contact sheet (zsweep grid --out sheet.png) with --from; ${path} holds one loop`);
  const recipe = parseRecipe(stored.text, path);
  const frame = stored.frame === undefined ? undefined : Number(stored.frame);
  if (frame !== undefined && !(Number.isInteger(frame) && frame >= 0 && frame < recipe.frames)) {
    throw invalidOption(
      'from',
      path,
      `a frame index from 0 to ${recipe.frames - 1} in its ${pngFrameKeyword} chunk, not ${JSON.stringify(stored.frame)}`,
    );
  }
  return { recipe, frame };
}

/** The recipe text a file stores (a sheet's, or one recipe), and a PNG frame's index. */
async function readStoredText(path: string, ffmpeg: FfmpegLookup, signal?: AbortSignal): Promise<{ text: string; frame?: string }> {
  const ext = extname(path).slice(1).toLowerCase();
  const format = formatNames.map((name): Format => formats[name]).find((f) => f.recipe !== 'none' && f.extensions.includes(ext));
  if (ext !== 'json' && !format) {
    throw invalidOption('from', path, `a file made by zsweep: ${recipeSources.map((s) => `.${s}`).join(', ')}`);
  }
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw invalidOption('from', path, 'an existing file made by zsweep; check the path');
  if (!format || format.recipe === 'none') {
    if (info.size > maxRecipeBytes)
      throw new UsageError(`Recipe in ${path} is larger than ${maxRecipeBytes / 1024} KiB: not a zsweep recipe`);
    return { text: await readFile(path, 'utf8') };
  }
  const stored = await readRecipeText(path, format.recipe, async () => (await ffmpeg()).path, signal).catch((error: Error) => {
    if (error instanceof UsageError || signal?.aborted) throw error;
    // ffmpeg's own words are its last line; the first is only the command that was run.
    const lines = error.message
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const said = (error instanceof FfmpegFailed ? lines[lines.length - 1] : lines[0]).replace(/^file:/, '');
    throw invalidOption('from', path, `a readable .${ext} file (${said})`);
  });
  if (stored.recipe === undefined) throw invalidOption('from', path, `a file made by zsweep: this .${ext} holds no recipe`);
  return { text: stored.recipe, ...(stored.frame === undefined ? {} : { frame: stored.frame }) };
}
