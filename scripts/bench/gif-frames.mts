/** Decoding and scoring for the GIF and size benchmarks (gif-bench.mts, size-bench.mts). Never used by the tests. */
import { readFileSync } from 'node:fs';
import { GifReader } from 'omggif';

/** Every frame as a player shows it: each drawn over the ones before, as its disposal says. */
export function compositeGif(path: string): Uint8Array[] {
  const reader = new GifReader(readFileSync(path));
  const { width, height } = reader;
  const frames: Uint8Array[] = [];
  let canvas = new Uint8Array(width * height * 4);
  for (let i = 0; i < reader.numFrames(); i++) {
    const info = reader.frameInfo(i);
    const before = canvas.slice();
    reader.decodeAndBlitFrameRGBA(i, canvas);
    frames.push(canvas.slice());
    if (info.disposal === 2) {
      for (let y = info.y; y < info.y + info.height; y++) canvas.fill(0, (y * width + info.x) * 4, (y * width + info.x + info.width) * 4);
    } else if (info.disposal === 3) canvas = before;
  }
  return frames;
}

/** PSNR over RGB of the decoded frames against the lossless ones. */
export function psnr(reference: Uint8ClampedArray[], decoded: Uint8Array[]): number {
  let sum = 0;
  let count = 0;
  for (let f = 0; f < reference.length; f++) {
    const a = reference[f];
    const b = decoded[f];
    for (let i = 0; i < a.length; i += 4) {
      for (let c = 0; c < 3; c++) {
        const d = a[i + c] - b[i + c];
        sum += d * d;
      }
      count += 3;
    }
  }
  return 10 * Math.log10((255 * 255) / (sum / count));
}
