/**
 * The size goal, measured (never used by the tests): a default 4-second 512² loop (seed 1) written with
 * --max-size as GIF, WebP, MP4 and WebM; each file's size against the cap, and for GIF and WebP the PSNR
 * (RGB) of the frames as players composite them against the lossless PNG frames of the same render.
 *   node --import tsx scripts/size-bench.mts [--cap 2MB] [--size 512x512] [--formats gif,webp,mp4,webm]
 * WebP frames are decoded by Debian's Pillow (python3-pil, /usr/bin/python3): ffmpeg decodes no animated WebP.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { parseMaxSize } from '../src/options/max-size.ts';
import { compositeGif, psnr } from './bench/gif-frames.mts';

const { values } = parseArgs({
  options: {
    cap: { type: 'string', default: '2MB' },
    size: { type: 'string', default: '512x512' },
    formats: { type: 'string', default: 'gif,webp,mp4,webm' },
    seed: { type: 'string', default: '1' },
  },
});
const folder = mkdtempSync(join(tmpdir(), 'zsweep-size-bench-'));
const cap = parseMaxSize(values.cap);
const zsweep = (...args: string[]) =>
  execFileSync(process.execPath, ['bin/zsweep.js', '--seed', values.seed, '--size', values.size, '--quiet', '--force', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
zsweep('--out', join(folder, 'frames', '%04d.png'));
const lossless = readdirSync(join(folder, 'frames'))
  .sort()
  .map((name) => {
    const png = PNG.sync.read(readFileSync(join(folder, 'frames', name)));
    return new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  });
const [width, height] = values.size.split('x').map(Number);
console.log(
  `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} vCPUs; seed ${values.seed}, ${values.size}, ${lossless.length} frames, --max-size ${values.cap} (${cap} bytes)\n`,
);
console.log('| format | bytes | under the cap | PSNR | seconds |');
console.log('| --- | --- | --- | --- | --- |');
for (const format of values.formats.split(',')) {
  const path = join(folder, `loop.${format}`);
  const started = performance.now();
  zsweep('--out', path, '--max-size', values.cap);
  const seconds = (performance.now() - started) / 1000;
  const bytes = statSync(path).size;
  const decoded = format === 'gif' ? compositeGif(path) : format === 'webp' ? webpFrames(path) : undefined;
  const quality = decoded ? `${psnr(lossless, decoded).toFixed(2)} dB` : '';
  console.log(
    `| ${format} | ${bytes.toLocaleString('en')} | ${((1 - bytes / cap) * 100).toFixed(1)} % | ${quality} | ${seconds.toFixed(0)} |`,
  );
}

/** Every frame of an animated WebP, composited, as RGBA (Pillow does the blending). */
function webpFrames(path: string): Uint8Array[] {
  const raw = execFileSync(
    '/usr/bin/python3',
    [
      '-c',
      'import sys\nfrom PIL import Image, ImageSequence\nim = Image.open(sys.argv[1])\nfor f in ImageSequence.Iterator(im): sys.stdout.buffer.write(f.convert("RGBA").tobytes())',
      path,
    ],
    { maxBuffer: 1 << 30 },
  );
  const frame = width * height * 4;
  return Array.from({ length: raw.length / frame }, (_, i) => new Uint8Array(raw.buffer, raw.byteOffset + i * frame, frame));
}
