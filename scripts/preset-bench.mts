/**
 * x264 presets at the default CRF, measured for choosing `--quality` (never used by the tests):
 *   node --import tsx scripts/preset-bench.mts [--rounds 3] [--presets medium,fast,faster,veryfast,superfast]
 *     [--size 512x512] [--frames 90] [--seed 3] [--ffmpeg /usr/bin/ffmpeg]
 * For each network (the default densenet, and the busier 8 × 32 tanh perceptron), the frames are
 * evaluated once and kept raw; then each preset encodes them with the arguments a render uses (only
 * the preset differs), presets interleaved, several rounds: wall and CPU seconds (ranges over rounds),
 * bytes, and PSNR of the decoded frames (BT.709, as players show them) against the source frames.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toRgba } from '../src/cppn/colour.ts';
import { buildFfmpegArgs, flattenFfmpegArgs } from '../src/encoders/ffmpeg/ffmpeg-args.ts';
import { formats } from '../src/encoders/formats.ts';
import { parseRenderOptions } from '../src/options/render-options.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { decodeYuv, psnr, yuvToRgb709 } from '../test/helpers.ts';
import { timed } from './bench/measure.mts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    presets: { type: 'string', default: 'medium,fast,faster,veryfast,superfast' },
    size: { type: 'string', default: '512x512' },
    frames: { type: 'string', default: '90' },
    seed: { type: 'string', default: '3' },
    ffmpeg: { type: 'string', default: '/usr/bin/ffmpeg' },
    crf: { type: 'string', default: String(formats.mp4.video.defaultCrf) },
  },
});
const presets = values.presets.split(',');
const folder = mkdtempSync(join(tmpdir(), 'zsweep-preset-bench-'));
const crf = Number(values.crf);

const networks = [
  { label: 'densenet 8 × 8 sigmoid (default)', args: {} },
  { label: 'perceptron 8 × 32 tanh', args: { arch: 'perceptron' } },
];
const rows: string[] = [];
for (const network of networks) {
  const { recipe } = parseRenderOptions(
    { seed: values.seed, size: values.size, frames: values.frames, ...network.args },
    { env: {} },
  ).request;
  const { width, height, frames } = recipe;
  const pipeline = await openFramePipeline(recipe, 'auto');
  const source: Uint8ClampedArray[] = [];
  for (let frame = 0; frame < frames; frame++) {
    source.push(
      toRgba(await pipeline.backend.evaluate(pipeline.sweep(frame, frames)), recipe.colour, new Uint8ClampedArray(width * height * 4)),
    );
  }
  await pipeline.backend.close();
  const raw = join(folder, 'frames.rgba');
  writeFileSync(raw, Buffer.concat(source.map((f) => Buffer.from(f.buffer))));

  const times = new Map<string, { wall: number; cpu: number }[]>();
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const preset of presets) {
      const path = join(folder, `${preset}.mp4`);
      const codec = { ...formats.mp4.video, codecOptions: () => ['-c:v', 'libx264', '-preset', preset, '-crf', String(crf)] };
      const args = flattenFfmpegArgs(buildFfmpegArgs({ codec, path, width, height, fps: recipe.fps, crf, comment: 'bench' })).map((arg) =>
        arg === 'pipe:0' ? `file:${raw}` : arg,
      );
      times.set(preset, [...(times.get(preset) ?? []), timed(values.ffmpeg, ['-y', ...args])]);
    }
    console.error(`${network.label}: round ${round + 1} done`);
  }
  const range = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return `${sorted[0].toFixed(2)}–${sorted.at(-1)!.toFixed(2)}`;
  };
  const base = times.get(presets[0])!;
  for (const preset of presets) {
    const path = join(folder, `${preset}.mp4`);
    const decoded = (await decodeYuv(path, width, height)).map((frame) => yuvToRgb709(frame, width, height));
    const list = times.get(preset)!;
    rows.push(
      `| ${network.label} | ${preset} | ${range(list.map((t) => t.wall))} | ${range(list.map((t) => t.cpu))} | ${range(list.map((t, i) => t.cpu / base[i].cpu))} | ${statSync(path).size.toLocaleString('en')} | ${psnr(source, decoded).toFixed(2)} |`,
    );
  }
}
rmSync(folder, { recursive: true, force: true });
console.log(
  `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} vCPUs, ${values.ffmpeg}; ${values.size}, ${values.frames} frames, seed ${values.seed}, CRF ${crf}; ${values.rounds} rounds, presets interleaved\n`,
);
console.log(`| network | preset | wall s | CPU s | CPU × ${presets[0]} | bytes | PSNR dB (RGB, BT.709, against the source frames) |`);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
