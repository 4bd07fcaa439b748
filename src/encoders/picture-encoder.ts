import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { constants } from 'node:zlib';
import type { Canvas } from '@napi-rs/canvas';
import { canvasModule } from './canvas-module.ts';
import type { Encoder, EncoderInput, PictureEncoder, PictureInput } from './encoder.ts';
import { pngFrameKeyword, pngRecipeKeyword } from './metadata/png-keywords.ts';
import { insertPngText } from './metadata/png-text.ts';

/** Lossy pictures are written at this quality (0–100): visually lossless for CPPN gradients. */
const lossyQuality = 92;

/**
 * One picture on an @napi-rs/canvas, encoded (off the main thread) when finished. A PNG carries the
 * recipe (JSON text) and the frame's index in tEXt chunks, so it can be rendered again from itself;
 * JPEG and WebP hold no recipe.
 */
export function createPictureEncoder(kind: 'png' | 'jpeg' | 'webp', input: PictureInput): PictureEncoder {
  const { path, width, height, comment, frame, background } = input;
  const { createCanvas, ImageData } = canvasModule();
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  if (background !== undefined) {
    context.fillStyle = background;
    context.fillRect(0, 0, width, height);
  }
  return {
    write(rgba, at) {
      context.putImageData(new ImageData(rgba, at.width, at.height), at.x, at.y);
    },
    async finish() {
      let bytes: Uint8Array = kind === 'png' ? await encodePng(canvas) : await canvas.encode(kind, lossyQuality);
      if (kind === 'png' && comment !== undefined) {
        bytes = insertPngText(bytes, pngRecipeKeyword, comment);
        // After the recipe's, so that the frame's chunk comes first: readers find both either way.
        if (frame !== undefined) bytes = insertPngText(bytes, pngFrameKeyword, String(frame));
      }
      await writeFile(path, bytes);
    },
  };
}

/**
 * PNG as RGB when every pixel is opaque (zsweep's pictures always are), so that no viewer or editor
 * takes an alpha channel for transparency; RGBA (Skia's encoder) only where there is transparency.
 * pngjs filters each row adaptively and deflates with zlib's filtered strategy: files about 10% smaller
 * than Skia's RGBA, at about twice its time.
 */
async function encodePng(canvas: Canvas): Promise<Uint8Array> {
  // The canvas stores premultiplied RGBA; for opaque pixels that is the colour itself.
  const data = canvas.data();
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] !== 255) return canvas.encode('png');
  }
  // Loaded here, as the canvas is: only pictures need it, and every start of the CLI would pay for it.
  const { PNG } = createRequire(import.meta.url)('pngjs') as typeof import('pngjs');
  return PNG.sync.write(Object.assign(new PNG({ width: canvas.width, height: canvas.height }), { data }), {
    colorType: 2,
    inputColorType: 6,
    inputHasAlpha: true,
    deflateLevel: 6,
    deflateStrategy: constants.Z_FILTERED,
  });
}

/** A render to one `.png`: the sweep's first (only) frame, with the recipe. */
export async function createSinglePngEncoder(input: EncoderInput): Promise<Encoder> {
  const { path, width, height, comment } = input;
  let picture: PictureEncoder | undefined;
  return {
    async writeFrame(rgba) {
      picture = createPictureEncoder('png', { path, width, height, comment });
      picture.write(rgba, { x: 0, y: 0, width, height });
    },
    async finish() {
      await picture?.finish();
    },
    async abort() {},
  };
}
