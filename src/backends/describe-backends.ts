import { availableParallelism } from 'node:os';
import { gpuUnavailableReason } from './gpu-backend.ts';
import { softwareGlDriver } from './software-gl.ts';

/** One line per evaluation backend, for `zsweep info`: what it is and whether it runs here. */
export async function describeBackends(): Promise<string[]> {
  const gpuProblem = await gpuUnavailableReason();
  const software = gpuProblem === undefined ? softwareGlDriver() : undefined;
  const gpuState =
    gpuProblem !== undefined
      ? `not available (${gpuProblem})`
      : software
        ? `runs, but on a software GL driver (${software}), not a GPU`
        : 'available';
  return [
    `auto: ${gpuProblem === undefined && !software ? 'gpu' : 'cpu'} on this machine`,
    `gpu: gpu.js kernels through headless-gl — ${gpuState}`,
    `cpu: WebAssembly SIMD on ${availableParallelism()} worker threads — available`,
    'reference: the float64 evaluator every backend is tested against (zsweep bench only) — available',
  ];
}
