import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createCanvas, ImageData } from '@napi-rs/canvas';
import { frameFileName, hasFramePattern } from '../output/frame-pattern.ts';
import { insertPngText } from './metadata/png-text.ts';
import type { Encoder, EncoderInput } from './encoder.ts';

/** The tEXt keyword of the recipe in every PNG zsweep writes. */
export const pngRecipeKeyword = 'zsweep-recipe';
/** The tEXt keyword of a frame's index in its sweep (from 0), so one frame of a sequence can be rendered again alone. */
export const pngFrameKeyword = 'zsweep-frame';

/**
 * How many PNGs may be encoding at once. @napi-rs/canvas encodes on libuv's thread pool, as long as
 * evaluating a frame, so encoding runs beside evaluation; two keep both cores busy without letting
 * frames pile up in memory.
 */
const maxEncoding = 2;

/**
 * PNG files through @napi-rs/canvas, each with the recipe in a tEXt chunk. `path` is either one file
 * (a still) or a name with a frame-number pattern (`%04d.png`), one file per frame.
 */
export async function createPngEncoder(input: EncoderInput): Promise<Encoder> {
  const { path, width, height, comment } = input;
  const pending = new Set<Promise<void>>();
  let failure: unknown;
  let frame = 0;
  const sequence = hasFramePattern(basename(path));
  // A sequence's (temporary) folder is made here, once the render is sure to start.
  if (sequence) await mkdir(dirname(path), { recursive: true });

  const encodeOne = async (rgba: Uint8ClampedArray, index: number) => {
    // A canvas per frame: the previous frame may still be encoding from its own.
    const canvas = createCanvas(width, height);
    canvas.getContext('2d').putImageData(new ImageData(rgba, width, height), 0, 0);
    let png = insertPngText(await canvas.encode('png'), pngRecipeKeyword, comment);
    if (sequence) png = insertPngText(png, pngFrameKeyword, String(index));
    await writeFile(sequence ? join(dirname(path), frameFileName(basename(path), index + 1)) : path, png);
  };

  return {
    async writeFrame(rgba) {
      if (failure) throw failure;
      const job = encodeOne(rgba, frame++).catch((error) => {
        failure ??= error;
      });
      const tracked = job.finally(() => pending.delete(tracked));
      pending.add(tracked);
      while (pending.size >= maxEncoding) await Promise.race(pending);
      if (failure) throw failure;
    },
    async finish() {
      await Promise.all(pending);
      if (failure) throw failure;
    },
    async abort() {
      await Promise.all(pending);
    },
  };
}
