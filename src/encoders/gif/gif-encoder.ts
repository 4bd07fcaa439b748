import { open } from 'node:fs/promises';
import gifenc from 'gifenc';
import type { Encoder, EncoderInput } from '../encoder.ts';
import { gifDelayCs } from './gif-delays.ts';
import { orderedDither } from './ordered-dither.ts';
import { type GifQuality, planFrame } from './plan-frame.ts';

/**
 * The GIF encoder's levers at a quality level from 0 (smallest) to 10 (best), what a size cap searches
 * over: each level down doubles how much worse a kept or repeated pixel may be; below 3, the palette
 * shrinks too. Level 6.15 (a kept pixel up to about 43, or 3.8 a channel, worse) is the default, measured against gifski in scripts/gif-bench.mts (docs/gif.md).
 */
export function gifQualityAt(level: number): GifQuality {
  const keep = 3 * 2 ** (10 - level);
  return {
    colours: level >= 3 ? 256 : Math.max(8, Math.round(256 * 2 ** (level - 3))),
    keep,
    keepSpread: 0.9,
    run: keep / 3,
    dither: 1,
  };
}

export const defaultGifLevel = 6.15;
export const defaultGifQuality: GifQuality = gifQualityAt(defaultGifLevel);

/**
 * Animated GIF through gifenc, looping forever, with exact cumulative timing and the recipe in a
 * comment extension. Each frame's bytes go to the file as soon as they are made, so memory does not
 * grow with the number of frames.
 *
 * With `input.gif` (every new render), each frame is planned against what is on screen
 * (plan-frame.ts): unchanged pixels transparent, the changed rectangle alone written, its own palette
 * chosen by k-means. Without it (recipes made before), the first encoder: a full frame each time,
 * gifenc's palette and ordered dither, byte for byte as those files were.
 */
export async function createGifEncoder(input: EncoderInput): Promise<Encoder> {
  const { path, width, height, fps, comment } = input;
  const file = await open(path, 'w');
  const gif = gifenc.GIFEncoder();
  const quality = input.gif;
  const screen = quality ? new Uint8Array(width * height * 3) : undefined;
  const drawnError = new Float32Array(quality ? width * height : 0);
  let frame = 0;
  let lastError = 0;
  // What the viewer sees against the frames given, summed: the GIF's PSNR, which a size cap judges by.
  let squaredError = 0;

  const flush = async (at?: { x: number; y: number }) => {
    const bytes = gif.stream.bytesView();
    if (at) placeFrame(bytes, at);
    await file.write(bytes);
    gif.stream.reset();
  };

  return {
    // The frame is quantised and compressed before the write settles.
    lingering: 0,
    async writeFrame(rgba) {
      const delay = gifDelayCs(frame, fps) * 10;
      if (quality && screen) {
        const plan = planFrame(rgba, width, height, screen, drawnError, frame === 0, quality, lastError);
        lastError = plan.error;
        squaredError += screenError(rgba, screen);
        gif.writeFrame(plan.index, plan.width, plan.height, {
          palette: paletteRows(plan.palette),
          delay,
          repeat: 0,
          ...(plan.transparent === undefined ? {} : { transparent: true, transparentIndex: plan.transparent }),
          // Drawn over what is there, never cleared: kept pixels show the frames before.
          dispose: 1,
        });
        await flush(frame === 0 ? undefined : plan);
      } else {
        // rgb444 keeps quantisation fast on colourful frames (rgb565 measured 30× slower).
        const palette = gifenc.quantize(rgba, 256, { format: 'rgb444' });
        const index = gifenc.applyPalette(orderedDither(rgba, width, palette), palette, 'rgb565');
        gif.writeFrame(index, width, height, { palette, delay, repeat: 0 });
        await flush();
      }
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
    ...(quality
      ? {
          psnr: () =>
            squaredError === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255 * frame * width * height * 3) / squaredError),
        }
      : {}),
  };
}

/** The squared RGB difference between a frame and what is on screen after it. */
function screenError(rgba: Uint8ClampedArray, screen: Uint8Array): number {
  let sum = 0;
  for (let p = 0, q = 0; q < screen.length; p += 4, q += 3) {
    const dr = rgba[p] - screen[q];
    const dg = rgba[p + 1] - screen[q + 1];
    const db = rgba[p + 2] - screen[q + 2];
    sum += dr * dr + dg * dg + db * db;
  }
  return sum;
}

function paletteRows(palette: Uint8Array): number[][] {
  return Array.from({ length: palette.length / 3 }, (_, i) => [palette[i * 3], palette[i * 3 + 1], palette[i * 3 + 2]]);
}

/**
 * gifenc places every image at (0, 0); a frame that draws only its changed rectangle is moved there
 * in the bytes gifenc wrote for it: a graphic control extension (8 bytes), then the image
 * descriptor, whose left and top follow its separator, little-endian.
 */
export function placeFrame(bytes: Uint8Array, { x, y }: { x: number; y: number }): void {
  if (bytes[0] !== 0x21 || bytes[1] !== 0xf9 || bytes[8] !== 0x2c) throw new Error('gifenc wrote a frame in an unexpected layout');
  bytes[9] = x & 255;
  bytes[10] = x >> 8;
  bytes[11] = y & 255;
  bytes[12] = y >> 8;
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
