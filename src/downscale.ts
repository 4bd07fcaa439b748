import { createCanvas, ImageData } from '@napi-rs/canvas';

/**
 * Supersampling: frames rendered at `aa` times the size are shrunk to width × height with Skia's
 * high-quality smoothing. For aa 2 and 4 that is an exact box average (Skia's mipmaps; measured
 * within 0.5/255); for aa 3 Skia filters between mip levels, close to but not exactly a box.
 * Averaging is done on sRGB values, as browsers do when they scale images.
 * Returns a function that takes a big frame and returns a new small one that owns its buffer.
 */
export function createDownscaler(width: number, height: number, aa: number): (rgba: Uint8ClampedArray) => Uint8ClampedArray {
  if (aa === 1) return (rgba) => rgba;
  const big = createCanvas(width * aa, height * aa);
  const bigContext = big.getContext('2d');
  const small = createCanvas(width, height);
  const context = small.getContext('2d');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  return (rgba) => {
    bigContext.putImageData(new ImageData(rgba, width * aa, height * aa), 0, 0);
    context.drawImage(big, 0, 0, width * aa, height * aa, 0, 0, width, height);
    return context.getImageData(0, 0, width, height).data;
  };
}
