/**
 * `--max-size`, measured (never used by the tests). Three tables, in one run each:
 *
 * - the goal (default): a default 4-second loop (seed 1, 512²) written under a cap as GIF, WebP, MP4 and
 *   WebM; each file's size against the cap, the frame rate and size it was written at, and for GIF and
 *   WebP the PSNR (RGB) of the frames as players composite them against the lossless frames, taken at
 *   the same rate and size (every n-th frame, scaled as the encoder scales them);
 *     node --import tsx scripts/size-bench.mts [--cap 2MB] [--size 512x512] [--formats gif,webp,mp4,webm]
 * - `--fill`: how full the cap is (size ÷ cap) over caps × formats × sizes, and its spread;
 *     node --import tsx scripts/size-bench.mts --fill [--caps 60KB,200KB,600KB] [--sizes 128,256] [--duration 2]
 * - `--compare DIR`: the same capped renders by another checkout of zsweep (DIR/bin/zsweep.js), side by
 *   side with this one: seconds and bytes.
 *
 * WebP frames are decoded by Debian's Pillow (python3-pil, /usr/bin/python3): ffmpeg decodes no animated WebP.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { readRecipeText } from '../src/encoders/metadata/read-recipe-text.ts';
import { scaleFrame } from '../src/encoders/scale-frame.ts';
import { parseMaxSize } from '../src/options/max-size.ts';
import type { Recipe } from '../src/recipe/recipe.ts';
import { compositeGif, psnr } from './bench/gif-frames.mts';

const { values } = parseArgs({
  options: {
    cap: { type: 'string', default: '2MB' },
    size: { type: 'string', default: '512x512' },
    formats: { type: 'string', default: 'gif,webp,mp4,webm' },
    seed: { type: 'string', default: '1' },
    fill: { type: 'boolean', default: false },
    caps: { type: 'string', default: '60KB,200KB,600KB' },
    sizes: { type: 'string', default: '128,256' },
    duration: { type: 'string', default: '2' },
    compare: { type: 'string' },
  },
});
const folder = mkdtempSync(join(tmpdir(), 'zsweep-size-bench-'));
const formats = values.formats.split(',');

/** A render by this checkout's zsweep, or `bin` another's; the seconds it took. */
function zsweep(args: string[], bin = 'bin/zsweep.js'): number {
  const started = performance.now();
  execFileSync(process.execPath, [bin, '--seed', values.seed, '--quiet', '--force', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - started) / 1000;
}

async function recipeOf(path: string, format: string): Promise<Recipe | undefined> {
  if (format !== 'gif' && format !== 'webp') return undefined;
  const { recipe } = await readRecipeText(path, format === 'gif' ? 'gif-comment' : 'webp-xmp', async () => '');
  return recipe ? (JSON.parse(recipe) as Recipe) : undefined;
}

console.log(`${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} vCPUs; seed ${values.seed}\n`);
if (values.fill) await fillTable();
else if (values.compare) compareTable(values.compare);
else await goalTable();

async function goalTable(): Promise<void> {
  const cap = parseMaxSize(values.cap);
  const [width, height] = values.size.split('x').map(Number);
  zsweep(['--size', values.size, '--out', join(folder, 'frames', '%04d.png')]);
  const lossless = readdirSync(join(folder, 'frames'))
    .sort()
    .map((name) => {
      const png = PNG.sync.read(readFileSync(join(folder, 'frames', name)));
      return new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
    });
  console.log(`${values.size}, ${lossless.length} frames, --max-size ${values.cap} (${cap} bytes)\n`);
  console.log('| format | bytes | under the cap | written at | PSNR | seconds |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const format of formats) {
    const path = join(folder, `loop.${format}`);
    const seconds = zsweep(['--size', values.size, '--out', path, '--max-size', values.cap]);
    const bytes = statSync(path).size;
    const reduced = (await recipeOf(path, format))?.encoding?.reduced;
    const fps = reduced?.fps ?? 30;
    const every = 30 / fps;
    const w = reduced?.width ?? width;
    const h = reduced?.height ?? height;
    const reference = lossless.filter((_, i) => i % every === 0).map((frame) => scaleFrame(frame, width, height, w, h));
    const decoded = format === 'gif' ? compositeGif(path) : format === 'webp' ? webpFrames(path, w, h) : undefined;
    const quality = decoded ? `${psnr(reference, decoded).toFixed(2)} dB` : '';
    console.log(
      `| ${format} | ${bytes.toLocaleString('en')} | ${((1 - bytes / cap) * 100).toFixed(1)} % | ${fps} fps, ${w}×${h} | ${quality} | ${seconds.toFixed(0)} |`,
    );
  }
}

async function fillTable(): Promise<void> {
  const caps = values.caps.split(',');
  const sizes = values.sizes.split(',');
  console.log(`--duration ${values.duration}; fill = size ÷ cap, aimed at 0.90–0.97\n`);
  console.log(`| format | size | ${caps.join(' | ')} |`);
  console.log(`| --- | --- |${caps.map(() => ' --- |').join('')}`);
  const fills: Record<string, number[]> = {};
  for (const format of formats) {
    for (const side of sizes) {
      const cells: string[] = [];
      for (const cap of caps) {
        const path = join(folder, `fill-${side}-${cap}.${format}`);
        try {
          const seconds = zsweep(['--size', `${side}x${side}`, '--duration', values.duration, '--out', path, '--max-size', cap]);
          const fill = statSync(path).size / parseMaxSize(cap);
          fills[format] = [...(fills[format] ?? []), fill];
          const reduced = (await recipeOf(path, format))?.encoding?.reduced;
          const step = reduced ? ` (${reduced.fps} fps, ${reduced.width}²)` : '';
          cells.push(`${fill.toFixed(3)}${step}, ${seconds.toFixed(0)} s`);
        } catch {
          cells.push('refused');
        }
      }
      console.log(`| ${format} | ${side}² | ${cells.join(' | ')} |`);
    }
  }
  console.log('\n| format | renders | in 0.90–0.97 | lowest | median | highest |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [format, list] of Object.entries(fills)) {
    const sorted = [...list].sort((a, b) => a - b);
    const inBand = sorted.filter((f) => f >= 0.9 && f <= 0.97).length;
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `| ${format} | ${sorted.length} | ${inBand} | ${sorted[0].toFixed(3)} | ${median.toFixed(3)} | ${sorted.at(-1)!.toFixed(3)} |`,
    );
  }
}

function compareTable(other: string): void {
  console.log(
    `${values.size}, --duration ${values.duration}, --max-size ${values.cap}: ${other} against this checkout, one after the other\n`,
  );
  console.log('| format | zsweep | seconds | bytes |');
  console.log('| --- | --- | --- | --- |');
  for (const format of formats) {
    for (const [name, bin] of [
      ['before', join(other, 'bin/zsweep.js')],
      ['after', 'bin/zsweep.js'],
    ] as const) {
      const path = join(folder, `${name}.${format}`);
      const seconds = zsweep(['--size', values.size, '--duration', values.duration, '--out', path, '--max-size', values.cap], bin);
      console.log(`| ${format} | ${name} | ${seconds.toFixed(0)} | ${statSync(path).size.toLocaleString('en')} |`);
    }
  }
}

/** Every frame of an animated WebP, composited, as RGBA (Pillow does the blending). */
function webpFrames(path: string, width: number, height: number): Uint8Array[] {
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
