import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gifDelayCs } from '../src/encoders/gif/gif-delays.ts';
import { createGifEncoder, defaultGifQuality, gifCommentExtension } from '../src/encoders/gif/gif-encoder.ts';
import { orderedDither, paletteSpacing } from '../src/encoders/gif/ordered-dither.ts';
import { planFrame } from '../src/encoders/gif/plan-frame.ts';
import { decodeGif } from './helpers/decode-gif.ts';
import { parseRender, renderArgs } from './render-helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'zsweep-gif-'));

test('delays accumulate in hundredths: 30 fps is 3, 3, 4, … and a second is 100', () => {
  const delays = Array.from({ length: 30 }, (_, f) => gifDelayCs(f, 30));
  assert.equal(delays.slice(0, 6), [3, 4, 3, 3, 4, 3]);
  assert.is(
    delays.reduce((a, b) => a + b, 0),
    100,
  );
  const at24 = Array.from({ length: 24 }, (_, f) => gifDelayCs(f, 24));
  assert.is(
    at24.reduce((a, b) => a + b, 0),
    100,
  );
  assert.ok(at24.every((d) => d === 4 || d === 5));
});

test('the comment extension splits text into sub-blocks of at most 255 bytes', () => {
  const text = 'é'.repeat(200);
  const block = gifCommentExtension(text);
  assert.equal(Array.from(block.subarray(0, 3)), [0x21, 0xfe, 255]);
  assert.is(block[2 + 256], 400 - 255);
  assert.is(block[block.length - 1], 0);
  assert.is(block.length, 2 + 400 + 2 + 1);
});

test('ordered dither: offsets scale with the palette spacing and average out', () => {
  const palette = [
    [0, 0, 0],
    [32, 32, 32],
    [64, 64, 64],
  ];
  const spacing = paletteSpacing(palette);
  assert.ok(Math.abs(spacing - 32) < 1e-9);
  const flat = new Uint8ClampedArray(8 * 8 * 4).fill(100);
  const out = orderedDither(flat, 8, palette);
  assert.is(out.byteOffset, 0);
  assert.is(out.buffer.byteLength, flat.length);
  let sum = 0;
  let min = 255;
  let max = 0;
  for (let i = 0; i < out.length; i += 4) {
    sum += out[i];
    min = Math.min(min, out[i]);
    max = Math.max(max, out[i]);
  }
  assert.ok(Math.abs(sum / 64 - 100) < 0.6, 'mean preserved');
  assert.ok(max - min >= 28 && max - min <= 32, `spread ${max - min}`);
});

const renderGif = async (name: string, args: Record<string, string | boolean>) => {
  const out = join(folder, name);
  await renderArgs({ quiet: true, out, ...args });
  return out;
};

test('a rendered GIF decodes with an independent decoder: frames, size, delays, loop, recipe', async () => {
  const path = await renderGif('a.gif', { seed: '42', size: '40x24', frames: '9', fps: '30' });
  const gif = await decodeGif(path);
  assert.is(gif.width, 40);
  assert.is(gif.height, 24);
  assert.is(gif.frames.length, 9);
  assert.equal(gif.delaysCs, [3, 4, 3, 3, 4, 3, 3, 4, 3]);
  assert.is(gif.loopCount, 0, 'loops forever');
  assert.is(gif.comments.length, 1);
  const recipe = JSON.parse(gif.comments[0]);
  assert.is(recipe.seed, '42');
  assert.is(recipe.frames, 9);
  assert.is(recipe.network.arch, 'densenet');
  assert.match(recipe.backend, /^cpu-wasm-(relaxed-)?simd/);
  assert.type(recipe.zsweep, 'string');
  // Frames differ: the sweep moves.
  assert.not.equal(Array.from(gif.frames[0]), Array.from(gif.frames[4]));
});

test('same seed and options give the same bytes; another seed does not', async () => {
  const args = { size: '32x32', frames: '4', arch: 'perceptron' };
  const a = readFileSync(await renderGif('s1.gif', { seed: '5', ...args }));
  const b = readFileSync(await renderGif('s2.gif', { seed: '5', ...args }));
  const c = readFileSync(await renderGif('s3.gif', { seed: '6', ...args }));
  assert.ok(a.equals(b));
  assert.not.ok(a.equals(c));
});

test('a looping GIF is seamless: the last frame is as close to the first as neighbours are', async () => {
  const gif = await decodeGif(await renderGif('loop.gif', { seed: '3', size: '32x32', frames: '12' }));
  const diff = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0);
  const steps = gif.frames.map((frame, f) => diff(frame, gif.frames[(f + 1) % gif.frames.length]));
  const seam = steps[steps.length - 1];
  const typical = steps.slice(0, -1).sort((a, b) => a - b)[Math.floor(steps.length / 2)];
  assert.ok(seam < typical * 2, `seam ${seam} vs typical step ${typical}`);
});

test('dithering keeps a smooth gradient close to the source', async () => {
  const gif = await decodeGif(await renderGif('smooth.gif', { seed: '11', size: '64x64', frames: '1', beta: '8' }));
  assert.is(gif.frames.length, 1);
  assert.ok(
    gif.frames[0].every((v, i) => i % 4 !== 3 || v === 255),
    'opaque',
  );
});

/** Smooth frames moving slowly on the right half, still on the left: what the second encoder is for. */
function movingFrames(width: number, height: number, count: number): Uint8ClampedArray[] {
  return Array.from({ length: count }, (_, f) => {
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const t = x >= width / 2 ? f * 6 : 0;
        rgba[i] = (x * 255) / width;
        rgba[i + 1] = (y * 255) / height;
        rgba[i + 2] = 128 + 100 * Math.sin((x + y + t) / 9);
        rgba[i + 3] = 255;
      }
    }
    return rgba;
  });
}

test('the second encoder: still pixels kept (transparent), only the changed rectangle drawn, and close to the source', async () => {
  const [width, height] = [64, 48];
  const frames = movingFrames(width, height, 6);
  const path = join(folder, 'second.gif');
  const encoder = await createGifEncoder({ path, width, height, fps: 30, frames: frames.length, comment: '{}', gif: defaultGifQuality });
  for (const frame of frames) await encoder.writeFrame(frame);
  await encoder.finish();
  const reader = new GifReader(readFileSync(path));
  const first = reader.frameInfo(0);
  assert.equal([first.x, first.y, first.width, first.height], [0, 0, width, height]);
  const second = reader.frameInfo(1);
  assert.ok(second.x >= width / 2 - 1 && second.width <= width / 2 + 1, `the changed half only: x ${second.x}, width ${second.width}`);
  assert.is(second.disposal, 1, 'drawn over the frame before');
  assert.type(second.transparent_index, 'number');
  const gif = await decodeGif(path);
  let squared = 0;
  for (let f = 0; f < frames.length; f++) {
    for (let i = 0; i < frames[f].length; i++) if (i % 4 !== 3) squared += (frames[f][i] - gif.frames[f][i]) ** 2;
    // The still half is the first frame's, pixel for pixel: it does not shimmer.
    for (let y = 0; y < height; y++) {
      const row = y * width * 4;
      assert.equal(Array.from(gif.frames[f].subarray(row, row + 8)), Array.from(gif.frames[0].subarray(row, row + 8)));
    }
  }
  const psnr = 10 * Math.log10((255 * 255) / (squared / (frames.length * width * height * 3)));
  assert.ok(psnr > 32, `PSNR ${psnr.toFixed(2)} dB`);
});

test('a frame with nothing changed is one kept pixel; the first encoder is kept for recipes made before the second', async () => {
  const frame = movingFrames(16, 16, 1)[0];
  const screen = new Uint8Array(16 * 16 * 3);
  const drawn = new Float32Array(16 * 16);
  planFrame(frame, 16, 16, screen, drawn, true, defaultGifQuality, 0);
  const same = planFrame(frame, 16, 16, screen, drawn, false, defaultGifQuality, 0);
  assert.equal([same.width, same.height, same.index[0], same.transparent], [1, 1, 0, 0]);
  const old = parseRender({ out: 'x.gif' }, { ...parseRender({ out: 'y.gif' }).recipe, encoding: undefined });
  assert.is(old.recipe.encoding, undefined, 'a recipe without the second encoder renders with the first');
  assert.equal(parseRender({ out: 'x.gif' }).recipe.encoding, { gif: 2 });
  assert.is(parseRender({ out: 'x.mp4' }).recipe.encoding, undefined);
});

test.run();
