import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { frameFileName } from '../output/frame-pattern.ts';
import type { Encoder, EncoderInput } from './encoder.ts';
import { createPictureEncoder } from './picture-encoder.ts';

/**
 * How many PNGs may be encoding at once. @napi-rs/canvas encodes on libuv's thread pool, as long as
 * evaluating a frame, so encoding runs beside evaluation; two keep both cores busy without letting
 * frames pile up in memory.
 */
const maxEncoding = 2;

/**
 * One PNG per frame, named by the pattern in `path` (`%04d.png`, numbered from 1), each with the
 * recipe and its frame's index.
 */
export async function createPngSequenceEncoder(input: EncoderInput): Promise<Encoder> {
  const { path, width, height, comment } = input;
  const pending = new Set<Promise<void>>();
  let failure: unknown;
  let frame = 0;
  // The sequence's (temporary) folder is made here, once the render is sure to start.
  await mkdir(dirname(path), { recursive: true });

  const encodeOne = async (rgba: Uint8ClampedArray, index: number) => {
    // A canvas per frame: the previous frame may still be encoding from its own.
    const picture = createPictureEncoder('png', {
      path: join(dirname(path), frameFileName(basename(path), index + 1)),
      width,
      height,
      comment,
      frame: index,
    });
    picture.write(rgba, { x: 0, y: 0, width, height });
    await picture.finish();
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
