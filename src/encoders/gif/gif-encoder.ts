import { open } from 'node:fs/promises';
import gifenc from 'gifenc';
import type { Encoder, EncoderInput } from '../encoder.ts';
import { gifDelayCs } from './gif-delays.ts';
import { orderedDither } from './ordered-dither.ts';

/**
 * Animated GIF through gifenc: a palette of 256 colours chosen per frame (a CPPN sweep changes
 * colour too much for one global palette), ordered dithering against banding, exact cumulative
 * timing, looping forever, and the recipe in a comment extension. Each frame's bytes go to the file
 * as soon as they are made, so memory does not grow with the number of frames.
 */
export async function createGifEncoder(input: EncoderInput): Promise<Encoder> {
  const { path, width, height, fps, comment } = input;
  const file = await open(path, 'w');
  const gif = gifenc.GIFEncoder();
  let frame = 0;

  const flush = async () => {
    await file.write(gif.stream.bytesView());
    gif.stream.reset();
  };

  return {
    // The frame is quantised and compressed before the write settles.
    lingering: 0,
    async writeFrame(rgba) {
      // rgb444 keeps quantisation fast on colourful frames (rgb565 measured 30× slower).
      const palette = gifenc.quantize(rgba, 256, { format: 'rgb444' });
      const index = gifenc.applyPalette(orderedDither(rgba, width, palette), palette, 'rgb565');
      gif.writeFrame(index, width, height, { palette, delay: gifDelayCs(frame, fps) * 10, repeat: 0 });
      await flush();
      if (frame === 0) await file.write(gifCommentExtension(comment));
      frame++;
    },
    async finish() {
      gif.finish();
      await flush();
      await file.close();
    },
    async abort() {
      await file.close().catch(() => {});
    },
  };
}

/** A GIF89a comment extension: the text in sub-blocks of at most 255 bytes. */
export function gifCommentExtension(text: string): Uint8Array {
  const data = Buffer.from(text, 'utf8');
  const blocks = Math.ceil(data.length / 255);
  const out = new Uint8Array(2 + data.length + blocks + 1);
  out[0] = 0x21;
  out[1] = 0xfe;
  let at = 2;
  for (let start = 0; start < data.length; start += 255) {
    const chunk = data.subarray(start, start + 255);
    out[at++] = chunk.length;
    out.set(chunk, at);
    at += chunk.length;
  }
  out[at] = 0;
  return out;
}
