import { readFile } from 'node:fs/promises';
import type { RecipeStorage } from '../formats.ts';
import { readGifComments } from './gif-comments.ts';
import { pngFrameKeyword, pngRecipeKeyword } from './png-keywords.ts';
import { readPngTextFile } from './read-png-text-file.ts';
import { readVideoComment } from './read-video-comment.ts';
import { readWebpXmp } from './webp-xmp.ts';

/** The recipe's JSON text as a file stores it (undefined where it holds none), and a PNG frame's index. */
export interface StoredText {
  readonly recipe?: string;
  readonly frame?: string;
}

/** Reads what a zsweep file stores, by the way its format stores it; a video is read with `ffmpegPath`. */
export async function readRecipeText(
  path: string,
  storage: Exclude<RecipeStorage, 'none'>,
  ffmpegPath: () => Promise<string>,
  signal?: AbortSignal,
): Promise<StoredText> {
  switch (storage) {
    case 'gif-comment':
      return { recipe: (await readGifComments(path)).find((comment) => comment.trimStart().startsWith('{')) };
    case 'png-text': {
      const chunks = await readPngTextFile(path);
      const text = (keyword: string) => chunks.find((chunk) => chunk.keyword === keyword)?.text;
      return { recipe: text(pngRecipeKeyword), frame: text(pngFrameKeyword) };
    }
    case 'webp-xmp':
      return { recipe: readWebpXmp(await readFile(path)) };
    case 'video-comment':
      return { recipe: await readVideoComment(path, await ffmpegPath(), signal) };
  }
}
