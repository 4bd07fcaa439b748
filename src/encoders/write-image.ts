import { writeFile } from 'node:fs/promises';
import type { Canvas } from '@napi-rs/canvas';
import { pngFrameKeyword, pngRecipeKeyword } from './png-encoder.ts';
import type { ImageFormat } from '../options/options.ts';
import type { PendingFile } from '../output/output-file.ts';
import { insertPngText } from './metadata/png-text.ts';

/**
 * Encodes a canvas (off the main thread: @napi-rs/canvas encodes asynchronously) into the pending
 * file and commits it. A PNG carries the recipe (JSON text) and the frame's index in the sweep in
 * tEXt chunks, as every zsweep PNG does, so it can be rendered again from itself.
 */
export async function writeImage(
  canvas: Canvas, format: ImageFormat, output: PendingFile, stored?: { recipe: string; frame: number },
): Promise<void> {
  let bytes: Uint8Array = format === 'png' ? await canvas.encode('png') : await canvas.encode(format, 92);
  if (format === 'png' && stored !== undefined) {
    bytes = insertPngText(insertPngText(bytes, pngRecipeKeyword, stored.recipe), pngFrameKeyword, String(stored.frame));
  }
  await writeFile(output.tempPath, bytes);
  await output.commit();
}
