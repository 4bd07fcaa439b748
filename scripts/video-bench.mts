/**
 * Video benchmarks for docs/video-notes.md:
 *   npx tsx scripts/video-bench.mts overhead   90 frames of 512²: evaluation alone vs an MP4 end to end
 *   npx tsx scripts/video-bench.mts quality    48 frames of 256²: bytes and PSNR of GIF, MP4, WebM
 *   npx tsx scripts/video-bench.mts png        30 frames of 512²: evaluation alone vs a PNG sequence
 * The machine is shared: compare figures taken in one run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { GifReader } from 'omggif';
import { selectBackend } from '../src/backends/select-backend.ts';
import { toRgba } from '../src/cppn/colour.ts';
import { buildNetwork } from '../src/cppn/network/network.ts';
import { createPixelGrid } from '../src/cppn/pixel-grid.ts';
import { createSweep } from '../src/cppn/sweep.ts';
import type { RenderArgs } from '../src/options/render-options.ts';
import { decodeYuv, ffmpegPath, psnr, tempFolder, yuvToRgb709 } from '../test/helpers.ts';
import { parseRender, renderArgs } from '../test/render-helpers.ts';

const mode = process.argv[2] ?? 'overhead';
const seed = process.argv[3] ?? '7';

async function evaluationAlone(args: RenderArgs): Promise<number> {
  const { recipe } = parseRender(args);
  const backend = await selectBackend('auto', {
    network: buildNetwork(recipe.network, recipe.seed),
    grid: createPixelGrid(recipe.width, recipe.height, recipe.scale),
  });
  const sweep = createSweep(recipe.sweep, recipe.network.latent, recipe.seed);
  const started = performance.now();
  for (let frame = 0; frame < recipe.frames; frame++) {
    toRgba(await backend.evaluate(sweep(frame, recipe.frames)), recipe.colour, new Uint8ClampedArray(recipe.width * recipe.height * 4));
  }
  await backend.close();
  return (performance.now() - started) / 1000;
}

async function endToEnd(args: RenderArgs): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  const result = await renderArgs(args);
  return { seconds: (performance.now() - started) / 1000, bytes: statSync(result.path).size };
}

async function pngFrames(folder: string): Promise<Uint8ClampedArray[]> {
  const frames = [];
  for (const name of readdirSync(folder).sort()) {
    const image = await loadImage(readFileSync(join(folder, name)));
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    frames.push(canvas.getContext('2d').getImageData(0, 0, image.width, image.height).data);
  }
  return frames;
}

function gifFrames(path: string): Uint8Array[] {
  const reader = new GifReader(readFileSync(path));
  return Array.from({ length: reader.numFrames() }, (_, i) => {
    const pixels = new Uint8Array(reader.width * reader.height * 4);
    reader.decodeAndBlitFrameRGBA(i, pixels);
    return pixels;
  });
}

if (mode === 'png') {
  const args: RenderArgs = { seed, size: '512x512', frames: '30', quiet: true };
  const alone = await evaluationAlone(args);
  const started = performance.now();
  await renderArgs({ ...args, out: join(tempFolder(), 'frames/%04d.png') });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `evaluation alone ${alone.toFixed(1)} s, PNG sequence end to end ${seconds.toFixed(1)} s, ratio ${(seconds / alone).toFixed(3)}`,
  );
} else if (mode === 'overhead') {
  const args: RenderArgs = { seed, size: '512x512', frames: '90', quiet: true, ffmpeg: ffmpegPath };
  const folder = tempFolder();
  for (let run = 1; run <= Number(process.argv[4] ?? 1); run++) {
    const alone = await evaluationAlone(args);
    const mp4 = await endToEnd({ ...args, out: join(folder, `run${run}.mp4`) });
    console.log(
      `run ${run}: evaluation alone ${alone.toFixed(1)} s, MP4 end to end ${mp4.seconds.toFixed(1)} s, ratio ${(mp4.seconds / alone).toFixed(3)}, ${mp4.bytes} bytes`,
    );
  }
} else {
  const size = 256;
  const args: RenderArgs = { seed, size: `${size}x${size}`, frames: '48', quiet: true, ffmpeg: ffmpegPath };
  const folder = tempFolder();
  await renderArgs({ ...args, out: join(folder, 'png/%04d.png') });
  const source = await pngFrames(join(folder, 'png'));
  const rows: string[] = ['| output | bytes | PSNR dB | encode+evaluate s |', '| --- | --- | --- | --- |'];
  const gif = await endToEnd({ ...args, out: join(folder, 'a.gif') });
  rows.push(
    `| GIF (gifenc, per-frame palette, Bayer) | ${gif.bytes.toLocaleString('en')} | ${psnr(source, gifFrames(join(folder, 'a.gif'))).toFixed(1)} | ${gif.seconds.toFixed(1)} |`,
  );
  const videos = [
    ['mp4', 18],
    ['mp4', 23],
    ['mp4', 28],
    ['webm', 18],
    ['webm', 24],
    ['webm', 31],
  ] as const;
  for (const [format, crf] of videos) {
    const path = join(folder, `v${crf}.${format}`);
    const result = await endToEnd({ ...args, out: path, crf: String(crf) });
    const decoded = (await decodeYuv(path, size, size)).map((frame) => yuvToRgb709(frame, size, size));
    if (decoded.length !== 48) throw new Error(`${path}: ${decoded.length} frames`);
    rows.push(
      `| ${format === 'mp4' ? 'MP4 (H.264)' : 'WebM (VP9)'} CRF ${crf} | ${result.bytes.toLocaleString('en')} | ${psnr(source, decoded).toFixed(1)} | ${result.seconds.toFixed(1)} |`,
    );
  }
  console.log(rows.join('\n'));
}
