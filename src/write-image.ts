import { writeFile } from 'node:fs/promises';
import type { Canvas } from '@napi-rs/canvas';
import type { ImageFormat } from './options.ts';
import type { PendingFile } from './output-file.ts';

/** Encodes a canvas (off the main thread: @napi-rs/canvas encodes asynchronously) into the pending file and commits it. */
export async function writeImage(canvas: Canvas, format: ImageFormat, output: PendingFile): Promise<void> {
  const bytes = format === 'png' ? await canvas.encode('png') : await canvas.encode(format, 92);
  await writeFile(output.tempPath, bytes);
  await output.commit();
}
