// `npm run bench`: the speed table of docs/bench-fast.md, measured on this machine. Speeds vary
// ±20–30% on a shared machine: compare rows of one run. Never used by the tests.
import { cpus } from 'node:os';
import { gpuUnavailableReason } from '../src/backends/gpu-backend.ts';
import type { EvaluatorName } from '../src/backends/select-backend.ts';
import { parseBenchRecipe } from '../src/options/bench-options.ts';
import { type BenchResult, benchBackend } from '../src/render/bench-backend.ts';

const networks = [
  { label: 'densenet 8 × 8 sigmoid (the default)', arch: 'densenet' },
  { label: 'perceptron 8 × 32 tanh', arch: 'perceptron' },
] as const;
const sizes = ['256x256', '512x512'];
const framesFor = (evaluator: EvaluatorName) => (evaluator === 'reference' ? '3' : '30');

async function main(): Promise<void> {
  const gpuReason = await gpuUnavailableReason();
  const evaluators: EvaluatorName[] = gpuReason ? ['cpu', 'reference'] : ['gpu', 'cpu', 'reference'];
  const rows: string[] = [];
  for (const network of networks) {
    for (const size of sizes) {
      const results: BenchResult[] = [];
      for (const evaluator of evaluators) {
        const recipe = parseBenchRecipe({ size, frames: framesFor(evaluator), arch: network.arch, seed: '1' });
        const result = await benchBackend(recipe, evaluator);
        console.error(JSON.stringify(result));
        results.push(result);
      }
      for (const r of results) {
        rows.push(`| ${network.label} | ${r.width}² | ${r.backend} | ${r.msPerFrame.toFixed(1)} | ${r.mpixPerSecond.toFixed(2)} |`);
      }
      if (gpuReason)
        rows.push(`| ${network.label} | ${size.split('x')[0]}² | gpu (gpu.js on headless-gl) | not measured (no GPU was available) | |`);
    }
  }
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} vCPUs, Node ${process.versions.node}.\n`);
  console.log('| network | frame | backend | ms a frame | Mpixel/s |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
