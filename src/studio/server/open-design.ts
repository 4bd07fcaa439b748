import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FfmpegLookup } from '../../encoders/ffmpeg/find-ffmpeg.ts';
import { UsageError } from '../../errors.ts';
import { readStoredRecipe, recipeSources } from '../../recipe/read-recipe.ts';
import type { Recipe } from '../../recipe/recipe.ts';

/**
 * The recipe inside a file dropped on the page (a zsweep GIF, MP4, WebM, PNG or recipe JSON), read
 * with the command line's own readers. They read from disk, so the bytes go to a private temporary
 * folder under a name the server makes from the extension alone, removed at once.
 */
export async function openDesign(
  bytes: Buffer,
  fileName: string,
  { ffmpeg, signal }: { ffmpeg: FfmpegLookup; signal?: AbortSignal },
): Promise<Recipe> {
  const ext = droppedExtension(fileName);
  const folder = await mkdtemp(join(tmpdir(), 'zsweep-studio-'));
  try {
    const path = join(folder, `dropped.${ext}`);
    await writeFile(path, bytes);
    const { recipe } = await readStoredRecipe(path, { ffmpeg, signal }).catch((error: Error) => {
      if (signal?.aborted) throw new UsageError(`cannot open ${JSON.stringify(fileName)}: reading its recipe took too long`);
      // The readers name the temporary path; the user knows the file by its own name.
      if (error instanceof UsageError) throw new UsageError(error.message.replaceAll(path, fileName));
      throw error;
    });
    return recipe;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The dropped file's extension, when it is one zsweep reads a recipe from: checked before its bytes are read. */
export function droppedExtension(fileName: string): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === undefined || !recipeSources.includes(ext)) {
    throw new UsageError(
      `cannot open ${JSON.stringify(fileName)}: drop a file made by zsweep (${recipeSources.map((s) => `.${s}`).join(', ')})`,
    );
  }
  return ext;
}
