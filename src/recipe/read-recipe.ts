import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { pngFrameKeyword, pngRecipeKeyword } from '../encoders/png-encoder.ts';
import { FfmpegFailed } from '../encoders/ffmpeg/ffmpeg-process.ts';
import { findFfmpeg } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { readVideoComment } from '../encoders/metadata/read-video-comment.ts';
import { readGifComments } from '../encoders/metadata/gif-comments.ts';
import { readPngText } from '../encoders/metadata/png-text.ts';
import type { Recipe } from './recipe.ts';
import { maxRecipeBytes, parseRecipe } from './recipe-schema.ts';
import { invalidOption, UsageError } from '../errors.ts';

/** Files a recipe can be read back from, by extension. */
export const recipeSources = ['json', 'gif', 'png', 'mp4', 'webm'] as const;

/**
 * Reads the recipe stored in a zsweep output (or a recipe JSON file), for --from. Videos are read
 * with ffmpeg (`ffmpeg` is --ffmpeg, if given).
 */
export async function readRecipe(path: string, { ffmpeg }: { ffmpeg?: string } = {}): Promise<Recipe> {
  return (await readStored(path, { ffmpeg })).recipe;
}

/** The recipe and, for a PNG that holds one frame of a sweep (a still, or one of a sequence), that frame's index. */
export async function readStored(path: string, { ffmpeg }: { ffmpeg?: string } = {}): Promise<{ recipe: Recipe; frame?: number }> {
  const ext = extname(path).slice(1).toLowerCase();
  if (!(recipeSources as readonly string[]).includes(ext)) {
    throw invalidOption('from', path, `a file made by zsweep: ${recipeSources.map((s) => '.' + s).join(', ')}`);
  }
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw invalidOption('from', path, 'an existing file made by zsweep; check the path');
  if (ext === 'json') {
    if (info.size > maxRecipeBytes) throw new UsageError(`Recipe in ${path} is larger than ${maxRecipeBytes / 1024} KiB: not a zsweep recipe`);
    return { recipe: parseRecipe(await readFile(path, 'utf8'), path) };
  }
  const stored = await storedText(path, ext, ffmpeg).catch((error: Error) => {
    if (error instanceof UsageError) throw error;
    // ffmpeg's own words are its last line; the first is only the command that was run.
    const lines = error.message.split('\n').map((line) => line.trim()).filter(Boolean);
    const said = (error instanceof FfmpegFailed ? lines[lines.length - 1] : lines[0]).replace(/^file:/, '');
    throw invalidOption('from', path, `a readable .${ext} file (${said})`);
  });
  if (stored.recipe === undefined) throw invalidOption('from', path, `a file made by zsweep: this .${ext} holds no recipe`);
  const recipe = parseRecipe(stored.recipe, path);
  const frame = stored.frame === undefined ? undefined : Number(stored.frame);
  if (frame !== undefined && !(Number.isInteger(frame) && frame >= 0 && frame < recipe.frames)) {
    throw invalidOption('from', path, `a frame index from 0 to ${recipe.frames - 1} in its ${pngFrameKeyword} chunk, not ${JSON.stringify(stored.frame)}`);
  }
  return { recipe, frame };
}

/** The recipe's JSON text as the file stores it (undefined where it holds none), and a PNG's frame index. */
async function storedText(path: string, ext: string, ffmpeg: string | undefined): Promise<{ recipe?: string; frame?: string }> {
  if (ext === 'gif') {
    return { recipe: (await readGifComments(path)).find((comment) => comment.trimStart().startsWith('{')) };
  }
  if (ext === 'png') {
    const chunks = readPngText(await readFile(path));
    const text = (keyword: string) => chunks.find((chunk) => chunk.keyword === keyword)?.text;
    return { recipe: text(pngRecipeKeyword), frame: text(pngFrameKeyword) };
  }
  const found = await findFfmpeg({ explicit: ffmpeg, env: process.env });
  return { recipe: await readVideoComment(path, found.path) };
}
