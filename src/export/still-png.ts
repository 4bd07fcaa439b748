import { createRequire } from 'node:module';
import { constants } from 'node:zlib';
import { createPixelGrid } from '../cppn/pixel-grid.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { boxDownsample } from '../render/box-downsample.ts';
import { openFramePipeline } from '../render/frame-pipeline.ts';

/**
 * The longest side of the still a page shows without WebGL2: small, since it is base64 in the page
 * (a densenet page stays within 64 KB), and shown scaled up, which smooth CPPN pictures bear well.
 */
export const stillSide = 96;

/**
 * Frame 0 of the loop as a PNG, `stillSide` pixels on its longest side, evaluated by the CLI's own
 * pipeline (render/frame-pipeline.ts) on the CPU path and supersampled 2×2.
 */
export async function stillPng(recipe: Recipe): Promise<Uint8Array> {
  const fit = stillSide / Math.max(recipe.width, recipe.height);
  const width = Math.max(1, Math.round(recipe.width * fit));
  const height = Math.max(1, Math.round(recipe.height * fit));
  const aa = 2;
  const small: Recipe = { ...recipe, width, height, aa };
  const { backend, sweep, colouring } = await openFramePipeline(small, 'cpu', {
    grid: createPixelGrid(width * aa, height * aa, recipe.scale),
  });
  try {
    const outputs = await backend.evaluate(sweep(0, recipe.frames));
    const rgba = boxDownsample(colouring(outputs, new Uint8ClampedArray(width * height * aa * aa * 4)), width * aa, height * aa, aa);
    const { PNG } = createRequire(import.meta.url)('pngjs') as typeof import('pngjs');
    const png = Object.assign(new PNG({ width, height }), { data: Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength) });
    return PNG.sync.write(png, {
      colorType: 2,
      inputColorType: 6,
      inputHasAlpha: true,
      deflateLevel: 9,
      deflateStrategy: constants.Z_FILTERED,
    });
  } finally {
    await backend.close();
  }
}
