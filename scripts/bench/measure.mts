/**
 * Measuring helpers for the benchmark scripts (npm run bench, render-bench.mts, preset-bench.mts):
 * wall and CPU time of a command, evaluation alone, x264 alone on raw frames. Never used by the tests.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toRgba } from '../../src/cppn/colour.ts';
import { buildFfmpegArgs, flattenFfmpegArgs } from '../../src/encoders/ffmpeg/ffmpeg-args.ts';
import { formats } from '../../src/encoders/formats.ts';
import type { Recipe } from '../../src/recipe/recipe.ts';
import { openFramePipeline } from '../../src/render/frame-pipeline.ts';

export interface Timing {
  readonly wall: number;
  /** User + system seconds, of the process and its children. */
  readonly cpu: number;
}

const scratch = mkdtempSync(join(tmpdir(), 'zsweep-measure-'));

/** Wall and CPU seconds of a command, children included, through GNU time; its stdout is returned too. */
export function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Timing & { stdout: string } {
  const out = join(scratch, 'time.txt');
  const stdout = execFileSync('/usr/bin/time', ['-o', out, '-f', '%e %U %S', command, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString();
  const [wall, user, system] = readFileSync(out, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wall, cpu: user + system, stdout };
}

/** Evaluation and colour mapping of every frame, as the render loop does them, with no encoder; optionally kept as raw RGBA. */
export async function evaluationAlone(recipe: Recipe, raw?: string): Promise<Timing> {
  const { width, height, frames } = recipe;
  const pipeline = await openFramePipeline(recipe, 'auto');
  const file = raw ? createWriteStream(raw) : undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let frame = 0; frame < frames; frame++) {
    const outputs = await pipeline.backend.evaluate(pipeline.sweep(frame, frames));
    const rgba = toRgba(outputs, recipe.colour, new Uint8ClampedArray(width * height * 4));
    if (file && !file.write(rgba)) await new Promise<void>((done) => file.once('drain', () => done()));
  }
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuBefore);
  await pipeline.backend.close();
  if (file) await new Promise<void>((done) => file.end(() => done()));
  return { wall, cpu: (used.user + used.system) / 1e6 };
}

/** x264 alone on raw RGBA frames, with the arguments a render uses, at `preset` (an x264 preset name). */
export function encodingAlone(
  recipe: Recipe,
  raw: string,
  { ffmpeg, preset, path }: { ffmpeg: string; preset: string; path: string },
): Timing & { bytes: number } {
  const { width, height, fps } = recipe;
  const crf = formats.mp4.video.defaultCrf;
  const codec = { ...formats.mp4.video, codecOptions: () => ['-c:v', 'libx264', '-preset', preset, '-crf', String(crf)] };
  const args = flattenFfmpegArgs(buildFfmpegArgs({ codec, path, width, height, fps, crf, comment: 'bench' })).map((arg) =>
    arg === 'pipe:0' ? `file:${raw}` : arg,
  );
  return { ...timed(ffmpeg, ['-y', ...args]), bytes: statSync(path).size };
}

/** "low–high" of a list, or the one value. */
export function range(values: readonly number[], digits = 2): string {
  if (values.length === 0) return '–';
  const sorted = [...values].sort((a, b) => a - b);
  const [low, high] = [sorted[0].toFixed(digits), sorted[sorted.length - 1].toFixed(digits)];
  return low === high ? low : `${low}–${high}`;
}
