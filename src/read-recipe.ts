import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { readGifComments } from './gif-comments.ts';
import type { Recipe } from './recipe.ts';
import { maxRecipeBytes, parseRecipe } from './recipe-schema.ts';
import { invalidOption, UsageError } from './usage-error.ts';

/** Files a recipe can be read back from, by extension. */
export const recipeSources = ['json', 'gif'] as const;

/** Reads the recipe stored in a zsweep output (or a recipe JSON file), for --from. */
export async function readRecipe(path: string): Promise<Recipe> {
  const ext = extname(path).slice(1).toLowerCase();
  if (!(recipeSources as readonly string[]).includes(ext)) {
    throw invalidOption('from', path, `a file made by zsweep: ${recipeSources.map((s) => '.' + s).join(', ')}`);
  }
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw invalidOption('from', path, 'an existing file made by zsweep; check the path');
  if (ext === 'json') {
    if (info.size > maxRecipeBytes) throw new UsageError(`Recipe in ${path} is larger than ${maxRecipeBytes / 1024} KiB: not a zsweep recipe`);
    return parseRecipe(await readFile(path, 'utf8'), path);
  }
  const comments = await readGifComments(path).catch((error: Error) => {
    throw invalidOption('from', path, `a readable GIF (${error.message})`);
  });
  const text = comments.find((comment) => comment.trimStart().startsWith('{'));
  if (text === undefined) throw invalidOption('from', path, 'a GIF made by zsweep: this one holds no recipe');
  return parseRecipe(text, path);
}
