import { availableParallelism } from 'node:os';
import { gpuUnavailableReason } from './gpu-backend.ts';

/** One line per evaluation backend, for `zsweep info`: what it is and whether it runs here. */
export async function describeBackends(): Promise<string[]> {
  const gpuProblem = await gpuUnavailableReason();
  return [
    `auto: ${gpuProblem === undefined ? 'gpu' : 'cpu'} on this machine`,
    `gpu: gpu.js kernels through headless-gl — ${gpuProblem === undefined ? 'available' : `not available (${gpuProblem})`}`,
    `cpu: WebAssembly SIMD on ${availableParallelism()} worker threads — available`,
    'reference: the float64 evaluator every backend is tested against (zsweep bench only) — available',
  ];
}
