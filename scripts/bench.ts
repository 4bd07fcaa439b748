// `npm run bench [-- --rounds 3 --skip visualiser,grid,gif]`: the speed table of the README, measured on this
// machine, each row in one go (the native reference beside zsweep in the same round), several rounds,
// ranges over them. The machine may be shared: compare figures of one run only. Never used by the tests.
//
// Rows: evaluation (the 8 × 32 tanh perceptron at 512², `zsweep bench --backend cpu`, beside the native
// C++ reference of ../shared/bench/ where it and g++ are there); start-up (`node bin/zsweep.js
// --version`); a whole 512² 90-frame MP4 against evaluation alone and x264 alone; a 30 s 720×720
// visualiser (--audio, a synthetic track); a 16-seed grid of 160² cells.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formats } from '../src/encoders/formats.ts';
import { parseRenderOptions } from '../src/options/render-options.ts';
import { encodingAlone, evaluationAlone, range, timed } from './bench/measure.mts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    skip: { type: 'string', default: '' },
    native: { type: 'string', default: '../shared/bench/cppn-ref.cpp' },
    ffmpeg: { type: 'string', default: '' },
  },
});
const rounds = Number(values.rounds);
const skip = new Set(values.skip.split(',').filter(Boolean));
const folder = mkdtempSync(join(tmpdir(), 'zsweep-bench-'));
/** The load average when the run starts and ends: on a shared machine, the context for every figure. */
const load = () => (existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'unknown');
const loadAtStart = load();
const cli = (...args: string[]) => [join(process.cwd(), 'bin/zsweep.js'), ...args];
const env = { ...process.env, NO_COLOR: '1' };
const rows: string[][] = [];
const log = (text: string) => console.error(`bench: ${text}`);

/** The ffmpeg a render would pick (--ffmpeg, FFMPEG_PATH, PATH, the bundled one). */
const ffmpeg =
  values.ffmpeg ||
  process.env.FFMPEG_PATH ||
  (() => {
    try {
      return execFileSync('sh', ['-c', 'command -v ffmpeg']).toString().trim();
    } catch {
      return (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    }
  })();
const ffmpegVersion = /^ffmpeg version (\S+)/.exec(execFileSync(ffmpeg, ['-hide_banner', '-version']).toString())?.[1] ?? '?';

build();
if (!skip.has('evaluation')) evaluationRow();
if (!skip.has('start-up')) startUpRow();
if (!skip.has('render')) await renderRow();
if (!skip.has('visualiser')) visualiserRow();
if (!skip.has('grid')) gridRow();
rmSync(folder, { recursive: true, force: true });

console.log(
  `Machine: ${machine()}; Node ${process.versions.node}; ffmpeg ${ffmpegVersion} (${ffmpeg}); ${new Date().toISOString().slice(0, 10)}.`,
);
console.log(`${rounds} rounds (the visualiser at most 2), ranges over them; each row's parts interleaved in one go.`);
console.log(
  `Load average (1, 5, 15 min) ${loadAtStart} at the start, ${load()} at the end: above about 2 on 2 vCPUs, other work shared the cores and every time is longer.\n`,
);
console.log('| what | measured | goal |');
console.log('| --- | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
// zsweep's GIF beside gifski on the same lossless frames (scripts/gif-bench.mts, docs/gif.md): its own table.
if (!skip.has('gif')) {
  console.log('\nGIF beside gifski:\n');
  console.log(
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gif-bench.mts'], { stdio: ['ignore', 'pipe', 'inherit'] }).toString(),
  );
}

/** Compiles dist/, so that the CLI starts as users start it. */
function build(): void {
  execFileSync(process.execPath, ['scripts/build-dist.mjs'], { stdio: 'inherit' });
}

function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /^Model name:\s*(.+)$/m.exec(execFileSync('lscpu').toString())?.[1] ?? model;
  } catch {}
  let detail = '';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const family = /^cpu family\s*:\s*(\d+)/m.exec(info)?.[1];
    const number = /^model\s*:\s*(\d+)/m.exec(info)?.[1];
    detail = ` (family ${family}, model ${number}${/\bavx512f\b/.test(info) ? ', AVX-512' : ''})`;
  } catch {}
  return `${model}${detail}, ${availableParallelism()} vCPUs`;
}

/** The perceptron at 512²: zsweep's CPU path and the native reference, one after the other each round. */
function evaluationRow(): void {
  const benchArgs = ['bench', '--size', '512x512', '--frames', '30', '--backend', 'cpu', '--arch', 'perceptron'];
  const ours: number[] = [];
  const native: number[] = [];
  const floors: number[] = [];
  let backend = '';
  const reference = buildNative();
  const peak = buildFmaPeak();
  for (let round = 0; round < rounds; round++) {
    if (reference) native.push(JSON.parse(execFileSync(reference.binary, reference.args).toString()).ms);
    if (peak) floors.push(floorMs(JSON.parse(execFileSync(peak).toString()).xmm));
    const result = JSON.parse(
      execFileSync(process.execPath, cli(...benchArgs, '--layers', '8', '--hidden', '32', '--activation', 'tanh', '--json'), { env })
        .toString()
        .split('\n')[0],
    );
    ours.push(result.msPerFrame);
    backend = result.backend;
    log(
      `evaluation round ${round + 1}: ${result.msPerFrame.toFixed(1)} ms${reference ? ` vs native ${native.at(-1)!.toFixed(1)} ms` : ''}`,
    );
  }
  const ratios = native.length ? ` (${range(ours.map((ms, i) => ms / native[i]))}× native)` : '';
  const floor =
    floors.length && native.length
      ? `; floor for 128-bit vectors (WebAssembly SIMD's width) at this machine's measured peak of fused multiply-adds, the products alone: ${range(floors, 1)} ms (${range(
          floors.map((ms, i) => ms / native[i]),
        )}× native)`
      : '';
  rows.push([
    'one 512² frame, 8×32 tanh perceptron, `zsweep bench --backend cpu --arch perceptron` against the native C++ reference (AVX-512, all cores) in the same round',
    `${range(ours, 1)} ms (${backend}) vs ${native.length ? `${range(native, 1)} ms native${ratios}` : 'no native reference here (needs g++ and ../shared/bench/cppn-ref.cpp)'}${floor}`,
    '≤ 2×',
  ]);
}

/**
 * The least time any evaluation with 128-bit vectors can take for the perceptron's matrix products at
 * 512² on every core: 7,392 multiply-adds a pixel, four to an instruction, at the peak rate one core
 * retires them (scripts/bench/fma-peak.cpp), before any activation, memory traffic or loop overhead.
 */
function floorMs(fmaPerSecondPerCore: number): number {
  return ((7392 * 512 * 512) / 4 / (fmaPerSecondPerCore * availableParallelism())) * 1000;
}

/** scripts/bench/fma-peak.cpp built with g++; undefined where it cannot be. */
function buildFmaPeak(): string | undefined {
  const binary = join(folder, 'fma-peak');
  try {
    execFileSync('g++', ['-O3', '-march=native', 'scripts/bench/fma-peak.cpp', '-o', binary], { stdio: 'ignore' });
    return binary;
  } catch {
    return undefined;
  }
}

/** The native reference (../shared/bench/cppn-ref.cpp) built with g++, on random weights; undefined where it cannot be. */
function buildNative(): { binary: string; args: string[] } | undefined {
  if (!existsSync(values.native)) return undefined;
  const binary = join(folder, 'ref');
  try {
    execFileSync('g++', ['-O3', '-march=native', '-ffast-math', '-fopenmp', values.native, '-o', binary], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const weights = Buffer.alloc(7651 * 4);
  for (let i = 0; i < 7651; i++) weights.writeFloatLE((Math.random() * 2 - 1) * 0.5, i * 4);
  writeFileSync(join(folder, 'w.bin'), weights);
  const variant = /\bavx512f\b/.test(readFileSync('/proc/cpuinfo', 'utf8')) ? 'avx512' : 'autovec';
  return { binary, args: [join(folder, 'w.bin'), '512', '30', variant, String(availableParallelism())] };
}

function startUpRow(): void {
  const means: number[] = [];
  for (let round = 0; round < rounds; round++) {
    timed(process.execPath, cli('--version'));
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += timed(process.execPath, cli('--version')).wall;
    means.push(sum / 10);
  }
  rows.push(['start-up: `node bin/zsweep.js --version` (mean of 10, after a warm-up run)', `${range(means)} s`, '≤ 0.3 s']);
}

/** A whole 512² 90-frame MP4 against its parts: evaluation alone, x264 alone at the preset a render uses. */
async function renderRow(): Promise<void> {
  const args = { seed: '3', size: '512x512', frames: '90' };
  const { recipe } = parseRenderOptions(args, { env: {} }).request;
  const preset = formats.mp4.video.codecOptions(18, formats.mp4.video.defaultQuality)[3];
  const raw = join(folder, 'frames.rgba');
  await evaluationAlone(recipe, raw);
  const whole: number[] = [];
  const wholeCpu: number[] = [];
  const evaluation: number[] = [];
  const evaluationCpu: number[] = [];
  const encoding: number[] = [];
  const encodingCpu: number[] = [];
  const bound: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const e = await evaluationAlone(recipe);
    const x = encodingAlone(recipe, raw, { ffmpeg, preset, path: join(folder, 'alone.mp4') });
    const w = timed(
      process.execPath,
      cli('--seed', '3', '--size', '512x512', '--frames', '90', '--out', join(folder, 'x.mp4'), '--force', '--quiet'),
      {
        ...env,
        FFMPEG_PATH: ffmpeg,
      },
    );
    evaluation.push(e.wall);
    evaluationCpu.push(e.cpu);
    encoding.push(x.wall);
    encodingCpu.push(x.cpu);
    whole.push(w.wall);
    wholeCpu.push(w.cpu);
    bound.push((e.cpu + x.cpu) / availableParallelism());
    log(`render round ${round + 1}: whole ${w.wall.toFixed(2)} s, bound ${bound.at(-1)!.toFixed(2)} s`);
  }
  rows.push([
    `\`zsweep --seed 3 --size 512x512 --frames 90 --out x.mp4\`, whole command (x264 -preset ${preset}, the default)`,
    `${range(whole)} s (${range(wholeCpu)} s of CPU); evaluation alone ${range(evaluation)} s (${range(evaluationCpu)} s of CPU); x264 alone on the same frames ${range(encoding)} s (${range(encodingCpu)} s of CPU); bound (evaluation CPU + encoding CPU) / ${availableParallelism()} = ${range(bound)} s: **${range(whole.map((w, i) => w / bound[i]))}× the bound**`,
    'within 1.2× of the bound',
  ]);
}

/** A 30 s visualiser at 720×720, 30 fps, on a synthetic track (a sine, pink noise, gated twice a second). */
function visualiserRow(): void {
  const track = join(folder, 'track.m4a');
  execFileSync(ffmpeg, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=110:duration=30:sample_rate=44100'],
    ...['-f', 'lavfi', '-i', 'anoisesrc=d=30:c=pink:a=0.3:r=44100', '-f', 'lavfi', '-i', 'sine=frequency=2:duration=30:sample_rate=44100'],
    ...['-filter_complex', '[0][1]amix=inputs=2,volume=2[a];[a][2]sidechaingate=threshold=0.1[b]', '-map', '[b]', '-ac', '2'],
    ...['-c:a', 'aac', '-b:a', '192k', track],
  ]);
  const seconds: number[] = [];
  for (let round = 0; round < Math.min(rounds, 2); round++) {
    const out = join(folder, 'visualiser.mp4');
    seconds.push(
      timed(
        process.execPath,
        cli('--seed', '7', '--size', '720x720', '--fps', '30', '--audio', track, '--out', out, '--force', '--quiet'),
        { ...env, FFMPEG_PATH: ffmpeg },
      ).wall,
    );
    log(`visualiser round ${round + 1}: ${seconds.at(-1)!.toFixed(1)} s`);
  }
  rows.push(['a 30 s 720×720 30 fps visualiser (`--audio`, 900 frames, MP4 + AAC)', `${range(seconds, 1)} s`, '≤ 45 s']);
}

function gridRow(): void {
  const seconds: number[] = [];
  for (let round = 0; round < rounds; round++) {
    seconds.push(
      timed(process.execPath, cli('grid', '--seeds', '1-16', '--cell', '160', '--out', join(folder, 'grid.png'), '--force', '--quiet'), env)
        .wall,
    );
  }
  rows.push(['a 16-seed grid of 160² cells (`zsweep grid`)', `${range(seconds, 1)} s`, 'see the look issue (one backend for all cells)']);
}
