import { type SpawnOptions, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFfmpeg } from '../src/encoders/ffmpeg/ffmpeg-process.ts';
import { UsageError } from '../src/errors.ts';

const require = createRequire(import.meta.url);

/** The static ffmpeg and ffprobe from npm: what a fresh `npm ci` brings, so tests need nothing else. */
export const bundledFfmpegPath: string = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
/**
 * The ffmpeg the tests mean, pinned: the bundled one, or the one ZSWEEP_TEST_FFMPEG names (CI runs the
 * suite a second time with Debian's), never whichever happens to be on PATH.
 */
export const ffmpegPath: string = process.env.ZSWEEP_TEST_FFMPEG || bundledFfmpegPath;
export const ffprobePath: string = (require('@ffprobe-installer/ffprobe') as { path: string }).path;

export const repoRoot = resolve(import.meta.dirname, '..');
export const cliPath = join(repoRoot, 'bin/zsweep.js');

const folders: string[] = [];
process.on('exit', () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder, removed when the test file's process exits. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'zsweep-test-'));
  folders.push(folder);
  return folder;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would, in `cwd`. */
export function runCli(
  args: string[],
  options: SpawnOptions & { onStderr?: (text: string, child: ReturnType<typeof spawn>) => void } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    // The tests' ffmpeg unless the test names another, so that a system ffmpeg on PATH does not change what they check.
    const env = options.env ?? { ...process.env, FFMPEG_PATH: ffmpegPath };
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, ...options, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (data) => (stdout += data));
    child.stderr!.on('data', (data) => {
      stderr += data;
      options.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

export interface VideoStream {
  width: number;
  height: number;
  pix_fmt: string;
  codec_name: string;
  nb_read_frames: string;
  color_space?: string;
  color_range?: string;
  color_transfer?: string;
  color_primaries?: string;
}

/** ffprobe (a newer build than the bundled ffmpeg, so an independent reader): the video stream and the container's tags. */
export async function probe(path: string): Promise<{ stream: VideoStream; tags: Record<string, string>; formatName: string }> {
  const { stdout } = await runFfmpeg(ffprobePath, ['-v', 'error', '-count_frames', '-show_streams', '-show_format', '-of', 'json', path]);
  const json = JSON.parse(stdout.toString('utf8'));
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(json.format.tags ?? {})) tags[key.toLowerCase()] = String(value);
  return { stream: json.streams[0], tags, formatName: json.format.format_name };
}

/** The decoded frames as raw YUV 4:2:0 planes, exactly as stored (no conversion by ffmpeg). */
export async function decodeYuv(path: string, width: number, height: number): Promise<{ y: Uint8Array; u: Uint8Array; v: Uint8Array }[]> {
  const { stdout } = await runFfmpeg(ffmpegPath, ['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1']);
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const frameBytes = width * height + 2 * cw * ch;
  const frames = [];
  for (let at = 0; at + frameBytes <= stdout.length; at += frameBytes) {
    frames.push({
      y: stdout.subarray(at, at + width * height),
      u: stdout.subarray(at + width * height, at + width * height + cw * ch),
      v: stdout.subarray(at + width * height + cw * ch, at + frameBytes),
    });
  }
  return frames;
}

/**
 * YUV → RGB with the BT.709 matrix in limited range (Y 16–235, Cb/Cr 16–240), done here rather than
 * by ffmpeg, whose own default for untagged conversions is BT.601. Chroma is taken from the 2×2 block.
 */
export function yuvToRgb709(frame: { y: Uint8Array; u: Uint8Array; v: Uint8Array }, width: number, height: number): Float64Array {
  const rgb = new Float64Array(width * height * 3);
  const cw = Math.ceil(width / 2);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const y = (frame.y[py * width + px] - 16) / 219;
      const cb = (frame.u[(py >> 1) * cw + (px >> 1)] - 128) / 224;
      const cr = (frame.v[(py >> 1) * cw + (px >> 1)] - 128) / 224;
      const r = y + 1.5748 * cr;
      const g = y - 0.1873 * cb - 0.4681 * cr;
      const b = y + 1.8556 * cb;
      const at = (py * width + px) * 3;
      rgb[at] = r * 255;
      rgb[at + 1] = g * 255;
      rgb[at + 2] = b * 255;
    }
  }
  return rgb;
}

/** Peak signal-to-noise ratio in dB of RGB (3 values a pixel) against RGBA (4), over all pixels. */
export function psnr(reference: Uint8ClampedArray[], decoded: ArrayLike<number>[]): number {
  let sum = 0;
  let count = 0;
  for (let f = 0; f < reference.length; f++) {
    const a = reference[f];
    const b = decoded[f];
    const stride = b.length === a.length ? 4 : 3;
    for (let p = 0; p < a.length / 4; p++) {
      for (let c = 0; c < 3; c++) {
        const d = a[p * 4 + c] - Math.min(255, Math.max(0, b[p * stride + c]));
        sum += d * d;
        count++;
      }
    }
  }
  return 10 * Math.log10((255 * 255) / (sum / count));
}

/** Asserts that `action` fails with a UsageError of one line matching `pattern`. */
export async function assertUsageError(action: () => unknown, pattern: RegExp): Promise<void> {
  try {
    await action();
  } catch (error) {
    assert.instance(error, UsageError, String(error));
    assert.match((error as Error).message, pattern);
    assert.not.match((error as Error).message, /\n/, 'one line');
    return;
  }
  assert.unreachable('accepted');
}

/**
 * Registers a test that runs only where `skipReason` is undefined; elsewhere it is registered as skipped
 * (uvu counts it under Skipped, never under Passed) and the reason is printed. Decide the reason when the
 * file loads (top-level await), not inside the test.
 */
export function testUnless(register: Test, skipReason: string | undefined, name: string, fn: () => void | Promise<void>): void {
  if (skipReason === undefined) {
    register(name, fn);
  } else {
    console.log(`  SKIPPED: ${name}: ${skipReason}`);
    // The suffix marks it as skipped with a reason for CI's count (test/helpers/uvu-counted.mjs).
    register.skip(`${name} (skipped: ${skipReason})`, fn);
  }
}
