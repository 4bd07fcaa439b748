/**
 * zsweep's GIF beside gifski (the reference, AGPL: a devDependency run as a program, never imported by
 * src/), on the same lossless frames, in one run (never used by the tests):
 *   node --import tsx scripts/gif-bench.mts [--sizes 256,512] [--frames 48] [--pictures densenet,lines,…]
 *     [--encoders zsweep,gifski] [--keep FOLDER]
 * The pictures: the default picture (seed 1) of each topology and the nine presets. Each is rendered
 * once as a PNG sequence by the CLI (the lossless frames); then zsweep's GIF encoder (as a render
 * calls it, with an empty comment) and `gifski -Q 90` encode them. PSNR is over RGB of the frames as
 * a player composites them (transparency and cropped frames drawn over the ones before) against the
 * lossless frames. `--encoders` may name `zsweep-1` (the encoder of recipes made before it changed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import type { EncoderInput } from '../src/encoders/encoder.ts';
import { createGifEncoder, defaultGifQuality } from '../src/encoders/gif/gif-encoder.ts';
import { presets } from '../src/recipe/presets.ts';
import { compositeGif, psnr } from './bench/gif-frames.mts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '256' },
    frames: { type: 'string', default: '48' },
    pictures: { type: 'string', default: '' },
    encoders: { type: 'string', default: 'zsweep,gifski' },
    quality: { type: 'string', default: '90' },
    keep: { type: 'string', default: '' },
    /** Overrides of the encoder's levers, as JSON, for tuning: '{"keep":32}'. */
    tune: { type: 'string', default: '{}' },
  },
});
const require = createRequire(import.meta.url);
const gifski = join(require.resolve('gifski/package.json'), '..', 'bin', process.platform === 'darwin' ? 'macos' : 'debian', 'gifski');
const folder = values.keep || mkdtempSync(join(tmpdir(), 'zsweep-gif-bench-'));
const fps = 30;
const tuned = JSON.parse(values.tune);
const log = (text: string) => console.error(`gif-bench: ${text}`);

const allPictures: { name: string; args: string[] }[] = [
  ...['densenet', 'perceptron', 'resnet'].map((arch) => ({ name: arch, args: ['--arch', arch, '--seed', '1'] })),
  ...presets.map((preset) => ({ name: preset.slug, args: ['--preset', preset.slug] })),
];
const chosen = values.pictures.split(',').filter(Boolean);
const pictures = chosen.length ? allPictures.filter((p) => chosen.includes(p.name)) : allPictures;
const encoders = values.encoders.split(',');

export interface Scored {
  readonly bytes: number;
  readonly psnr: number;
}

type Encode = (frames: Uint8ClampedArray[], size: number, path: string, pngs: string) => Promise<void>;

const encode: Record<string, Encode> = {
  zsweep: (frames, size, path) => zsweepGif(frames, size, path, { gif: { ...defaultGifQuality, ...tuned } }),
  'zsweep-1': (frames, size, path) => zsweepGif(frames, size, path, {}),
  gifski: async (_frames, size, path, pngs) => {
    const names = readdirSync(pngs)
      .sort()
      .map((name) => join(pngs, name));
    execFileSync(gifski, ['-Q', values.quality, '--fps', String(fps), '-W', String(size), '-H', String(size), '-o', path, ...names], {
      stdio: 'ignore',
    });
  },
};

async function zsweepGif(frames: Uint8ClampedArray[], size: number, path: string, extra: Partial<EncoderInput>): Promise<void> {
  const encoder = await createGifEncoder({ path, width: size, height: size, fps, frames: frames.length, comment: '', ...extra });
  for (const frame of frames) await encoder.writeFrame(frame);
  await encoder.finish();
}

const rows: string[] = [];
const sums = new Map<string, { psnr: number; bytes: number; n: number; wins: number }>();
for (const size of values.sizes.split(',').map(Number)) {
  for (const picture of pictures) {
    const pngs = join(folder, `${picture.name}-${size}`);
    mkdirSync(pngs, { recursive: true });
    if (readdirSync(pngs).length !== Number(values.frames)) {
      execFileSync(
        process.execPath,
        [
          'bin/zsweep.js',
          ...picture.args,
          '--size',
          `${size}x${size}`,
          '--frames',
          values.frames,
          '--fps',
          String(fps),
          '--quiet',
          '--force',
        ].concat(['--out', join(pngs, '%04d.png')]),
        { stdio: 'inherit' },
      );
    }
    const frames = readdirSync(pngs)
      .sort()
      .map((name) => {
        const png = PNG.sync.read(readFileSync(join(pngs, name)));
        return new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
      });
    const scored: Record<string, Scored & { seconds: number }> = {};
    for (const name of encoders) {
      const path = join(folder, `${picture.name}-${size}-${name}.gif`);
      const started = performance.now();
      await encode[name](frames, size, path, pngs);
      const seconds = (performance.now() - started) / 1000;
      scored[name] = { bytes: statSync(path).size, psnr: psnr(frames, compositeGif(path)), seconds };
    }
    const ref = scored.gifski;
    const cells = encoders.map((name) => {
      const s = scored[name];
      const sum = sums.get(name) ?? { psnr: 0, bytes: 0, n: 0, wins: 0 };
      const wins = ref && name !== 'gifski' && s.psnr >= ref.psnr && s.bytes <= ref.bytes;
      sums.set(name, { psnr: sum.psnr + s.psnr, bytes: sum.bytes + s.bytes, n: sum.n + 1, wins: sum.wins + (wins ? 1 : 0) });
      return `${s.psnr.toFixed(2)} dB, ${(s.bytes / 1e6).toFixed(3)} MB, ${s.seconds.toFixed(1)} s${ref && name !== 'gifski' ? (wins ? ' ✓' : ' ✗') : ''}`;
    });
    rows.push(`| ${picture.name} | ${size}² | ${cells.join(' | ')} |`);
    log(rows.at(-1)!);
  }
}
if (!values.keep) rmSync(folder, { recursive: true, force: true });

const gifskiVersion = execFileSync(gifski, ['--version']).toString().trim();
console.log(
  `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} vCPUs; ${values.frames} frames at ${fps} fps of each picture; ${gifskiVersion} -Q ${values.quality}; PSNR over RGB of the composited frames against the lossless frames. ✓: at least gifski's PSNR in no more bytes.\n`,
);
console.log(`| picture | size | ${encoders.join(' | ')} |`);
console.log(`| --- | --- | ${encoders.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(row);
console.log(
  `| mean | | ${encoders
    .map((name) => {
      const s = sums.get(name)!;
      return `${(s.psnr / s.n).toFixed(2)} dB, ${(s.bytes / s.n / 1e6).toFixed(3)} MB${name === 'gifski' || !sums.has('gifski') ? '' : `, ${s.wins}/${s.n} ✓`}`;
    })
    .join(' | ')} |`,
);
