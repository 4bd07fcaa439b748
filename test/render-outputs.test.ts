import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pngFrameKeyword, pngRecipeKeyword } from '../src/encoders/metadata/png-keywords.ts';
import { readPngText } from '../src/encoders/metadata/png-text.ts';
import { readVideoComment } from '../src/encoders/metadata/read-video-comment.ts';
import type { RenderArgs } from '../src/options/render-options.ts';
import { prepareSequenceOutput } from '../src/output/output-sequence.ts';
import { measureLook } from '../src/render/measure-look.ts';
import { decodeYuv, ffmpegPath, probe, psnr, tempFolder, yuvToRgb709 } from './helpers.ts';
import { parseRender, renderArgs } from './render-helpers.ts';

// Tiny renders: 32×32, 6 frames, so the whole file takes a second or two.
const base: RenderArgs = { seed: 'tiny test', size: '32x32', frames: '6', quiet: true, ffmpeg: ffmpegPath };

/** The render, and its checked options with the recipe as rendering completes it (speed and levels measured). */
async function renderTo(out: string, args: RenderArgs = {}) {
  const parsed = parseRender({ ...base, out, ...args });
  const options = { ...parsed, recipe: parsed.look ? await measureLook(parsed.recipe, parsed.look) : parsed.recipe };
  const result = await renderArgs({ ...base, out, ...args });
  return { options, result };
}

async function pngPixels(path: string): Promise<Uint8ClampedArray> {
  const image = await loadImage(readFileSync(path));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return context.getImageData(0, 0, image.width, image.height).data;
}

for (const format of ['mp4', 'webm'] as const) {
  test(`${format}: 6 frames of 32×32 yuv420p with the recipe in its comment tag`, async () => {
    const out = join(tempFolder(), `loop.${format}`);
    const { options, result } = await renderTo(out);
    assert.is(result.path, out);
    assert.is(result.ffmpeg?.path, ffmpegPath);
    const { stream, tags, formatName } = await probe(out);
    assert.match(formatName, format === 'mp4' ? /mp4/ : /webm/);
    assert.is(stream.codec_name, format === 'mp4' ? 'h264' : 'vp9');
    assert.equal([stream.width, stream.height, stream.pix_fmt, Number(stream.nb_read_frames)], [32, 32, 'yuv420p', 6]);
    const recipe = JSON.parse(tags.comment);
    assert.equal({ ...recipe, backend: undefined }, { ...options.recipe, backend: undefined });
    // And the reader a later feature will use, through ffmpeg alone, gives the same text.
    assert.is(await readVideoComment(out, ffmpegPath), tags.comment);
    assert.equal(readdirSync(join(out, '..')), [`loop.${format}`]);
  });
}

test('png sequence: one file per frame, numbered from 1, each with the recipe and its frame index; same pixels as the video', async () => {
  const folder = tempFolder();
  const { options } = await renderTo(join(folder, 'frames/%04d.png'));
  assert.equal(readdirSync(folder), ['frames']);
  const names = readdirSync(join(folder, 'frames')).sort();
  assert.equal(names, ['0001.png', '0002.png', '0003.png', '0004.png', '0005.png', '0006.png']);
  const texts = readPngText(readFileSync(join(folder, 'frames/0003.png')));
  assert.equal(
    texts.map((t) => t.keyword),
    [pngFrameKeyword, pngRecipeKeyword],
  );
  assert.is(texts[0].text, '2');
  // The text seed's space survives, and the JSON is the recipe.
  assert.equal({ ...JSON.parse(texts[1].text), backend: undefined }, { ...options.recipe, backend: undefined });

  // The same sweep as MP4 decodes close to the lossless PNG frames.
  const frames = await Promise.all(names.map((name) => pngPixels(join(folder, 'frames', name))));
  assert.is(frames[0].length, 32 * 32 * 4);
  const video = join(folder, 'same.mp4');
  await renderTo(video);
  const decoded = (await decodeYuv(video, 32, 32)).map((frame) => yuvToRgb709(frame, 32, 32));
  assert.is(decoded.length, 6);
  const db = psnr(frames, decoded);
  // yuv420p halves the colour resolution, which at 32×32 with full-contrast colours costs several dB;
  // another sweep's frames score far lower.
  assert.ok(db > 24, `MP4 vs PNG frames: ${db.toFixed(1)} dB`);
});

test('png sequence into an existing folder: refused where frames exist, replaced with --force, nothing left over', async () => {
  const folder = tempFolder();
  await renderTo(join(folder, '%02d.png'), { frames: '2' });
  assert.equal(readdirSync(folder).sort(), ['01.png', '02.png']);
  try {
    await renderTo(join(folder, '%02d.png'), { frames: '3' });
    assert.unreachable('should refuse');
  } catch (error) {
    assert.match((error as Error).message, /01\.png" already exists: add --force/);
  }
  await renderTo(join(folder, '%02d.png'), { frames: '3', force: true });
  assert.equal(readdirSync(folder).sort(), ['01.png', '02.png', '03.png']);
});

test('png sequence: nothing is created before the encoder starts, so an early failure leaves nothing', async () => {
  const folder = tempFolder();
  const pending = await prepareSequenceOutput(join(folder, 'frames/%04d.png'), { force: false, frames: 3 });
  assert.equal(readdirSync(folder), []);
  assert.match(pending.tempPath, /\/\.frames\.\d+-[0-9a-f]+\.zsweep-tmp\/%04d\.png$/);
  await pending.discard();
  assert.equal(readdirSync(folder), []);
});

test('png still with --aa 2: the first frame at the asked size, smoother than without', async () => {
  const folder = tempFolder();
  const { options } = await renderTo(join(folder, 'still.png'), { frames: undefined, aa: '2' });
  assert.is(options.recipe.frames, 1);
  const pixels = await pngPixels(join(folder, 'still.png'));
  assert.is(pixels.length, 32 * 32 * 4);
  const [text] = readPngText(readFileSync(join(folder, 'still.png')));
  assert.is(JSON.parse(text.text).aa, 2);
  // Supersampled: the picture at 2× downscaled equals the 64×64 render shrunk by 2×2 averaging (Skia's mipmap).
  await renderTo(join(folder, 'big.png'), { frames: undefined, size: '64x64' });
  const big = await pngPixels(join(folder, 'big.png'));
  let worst = 0;
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      for (let c = 0; c < 3; c++) {
        const at = (dy: number, dx: number) => big[((2 * y + dy) * 64 + 2 * x + dx) * 4 + c];
        const mean = (at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4;
        worst = Math.max(worst, Math.abs(mean - pixels[(y * 32 + x) * 4 + c]));
      }
    }
  }
  assert.ok(worst <= 1, `2×2 average off by ${worst}`);
});

test.run();
