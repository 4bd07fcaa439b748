// Measures evaluation speed (`zsweep bench`, cpu backend) of this checkout beside another checkout
// of zsweep (an earlier commit, say) and beside the native C++ AVX-512 reference, interleaved in one
// run, several rounds, and prints a Markdown table of the ranges: on a shared machine only figures
// taken side by side can be compared. Never used by the tests.
//
//   node scripts/bench-side-by-side.mjs --before ../zsweep-main [--rounds 3] [--frames 30]
//     [--native ../shared/bench/cppn-ref.cpp] [--activations]
//
// --before: another checkout (with node_modules); without it, this checkout alone.
// --native: the reference's source (8 × 32 tanh perceptron; built with g++ -O3 -march=native -fopenmp).
// --activations: also every activation of every topology at 256².
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    frames: { type: 'string', default: '30' },
    native: { type: 'string', default: '../shared/bench/cppn-ref.cpp' },
    activations: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const frames = values.frames;
const checkouts = [...(values.before ? [['before', resolve(values.before)]] : []), ['after', resolve('.')]];
const architectures = ['densenet', 'perceptron', 'resnet'];
const activations = ['tanh', 'sigmoid', 'sin', 'relu', 'softplus', 'gauss'];
const sizes = [256, 512];

let native;
if (existsSync(values.native)) {
  const folder = mkdtempSync(join(tmpdir(), 'zsweep-native-'));
  native = { binary: join(folder, 'ref'), weights: join(folder, 'w.bin') };
  execFileSync('g++', ['-O3', '-march=native', '-ffast-math', '-fopenmp', values.native, '-o', native.binary]);
  const weights = Buffer.alloc(7651 * 4);
  for (let i = 0; i < 7651; i++) weights.writeFloatLE((Math.random() * 2 - 1) * 0.5, i * 4);
  writeFileSync(native.weights, weights);
  native.variant = execFileSync('grep', ['-c', 'avx512f', '/proc/cpuinfo']).toString().trim() !== '0' ? 'avx512' : 'autovec';
} else {
  console.error(`no native reference at ${values.native}: native column left empty`);
}

const bench = (checkout, size, arch, activation) => {
  const args = ['bin/zsweep.js', 'bench', '--size', `${size}x${size}`, '--frames', frames, '--backend', 'cpu', '--arch', arch, '--json'];
  if (activation) args.push('--activation', activation);
  const out = execFileSync(process.execPath, args, { cwd: checkout, env: { ...process.env, NO_COLOR: '1' } });
  return JSON.parse(out.toString().split('\n')[0]);
};
const runNative = (size) =>
  JSON.parse(execFileSync(native.binary, [native.weights, String(size), frames, native.variant, String(cpus().length)]).toString());

/** key → list of ms a frame, one per round. */
const results = new Map();
const add = (key, ms) => results.set(key, [...(results.get(key) ?? []), ms]);
for (let round = 0; round < rounds; round++) {
  for (const size of sizes) {
    if (native) add(`native ${size}`, runNative(size).ms);
    for (const arch of architectures) {
      for (const [name, checkout] of checkouts) {
        const result = bench(checkout, size, arch);
        add(`${name} ${arch} ${size}`, result.msPerFrame);
        add(`${name} backend`, result.backend);
      }
    }
  }
  if (values.activations) {
    for (const arch of architectures) {
      for (const activation of activations) {
        for (const [name, checkout] of checkouts)
          add(`${name} ${arch}/${activation} 256`, bench(checkout, 256, arch, activation).msPerFrame);
      }
    }
  }
  console.error(`round ${round + 1} of ${rounds} done`);
}

const range = (list) => {
  if (!list) return '–';
  const sorted = [...list].sort((a, b) => a - b);
  const low = sorted[0].toFixed(1);
  const high = sorted[sorted.length - 1].toFixed(1);
  return low === high ? low : `${low}–${high}`;
};
const ratios = (key, size) => {
  const ours = results.get(key);
  const theirs = results.get(`native ${size}`);
  if (!ours || !theirs) return '';
  return ` (${range(ours.map((ms, i) => ms / theirs[i]))}× native)`;
};
console.log(
  `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} vCPUs, Node ${process.versions.node}; ${rounds} rounds of ${frames} frames, ranges over rounds`,
);
console.log(`backends: ${checkouts.map(([name]) => `${name} ${results.get(`${name} backend`)?.[0]}`).join('; ')}\n`);
const names = checkouts.map(([name]) => name);
console.log(`| network | frame | native C++ AVX-512 | ${names.map((n) => `cpu, ${n}`).join(' | ')} |`);
console.log(`| --- | --- | --- | ${names.map(() => '---').join(' | ')} |`);
for (const arch of architectures) {
  for (const size of sizes) {
    const nativeCell = arch === 'perceptron' ? range(results.get(`native ${size}`)) : '–';
    const cells = names.map(
      (n) => `${range(results.get(`${n} ${arch} ${size}`))}${arch === 'perceptron' ? ratios(`${n} ${arch} ${size}`, size) : ''}`,
    );
    console.log(`| ${arch} | ${size}² | ${nativeCell} | ${cells.join(' | ')} |`);
  }
}
if (values.activations) {
  console.log(`\n| network at 256² | ${names.join(' | ')} |`);
  console.log(`| --- | ${names.map(() => '---').join(' | ')} |`);
  for (const arch of architectures) {
    for (const activation of activations) {
      console.log(`| ${arch} ${activation} | ${names.map((n) => range(results.get(`${n} ${arch}/${activation} 256`))).join(' | ')} |`);
    }
  }
}
