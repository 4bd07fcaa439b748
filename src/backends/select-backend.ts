import type { Backend, BackendChoice, BackendInput } from './backend.ts';
import { createGpuBackend, gpuUnavailableReason } from './gpu-backend.ts';
import { createReferenceBackend } from './reference-backend.ts';
import { softwareGlDriver } from './software-gl.ts';
import { createWasmBackend } from './wasm-backend.ts';

/** Every evaluator by name: the user's choices, plus the float64 reference for tests and `zsweep bench`. */
export const evaluatorNames = ['auto', 'gpu', 'cpu', 'reference'] as const;
export type EvaluatorName = (typeof evaluatorNames)[number];

/**
 * Creates the backend asked for. `auto` takes the GPU where headless-gl runs on a hardware driver
 * and the SIMD CPU path otherwise; the backend's `name` says which ran. An explicit `gpu` that cannot run is a usage
 * error that names the fixes.
 */
export async function selectBackend(choice: BackendChoice | EvaluatorName, input: BackendInput): Promise<Backend> {
  if (choice === 'reference') return createReferenceBackend(input);
  if (choice === 'gpu') return createGpuBackend(input);
  // A GL context on a software driver (Xvfb, a VM) is no GPU: the SIMD CPU path beats it there.
  if (choice === 'auto' && (await gpuUnavailableReason()) === undefined && softwareGlDriver() === undefined) {
    const gpu = await createGpuBackend(input).catch(() => undefined);
    // gpu.js can still fall back once it compiles the kernel: run a frame to know before committing to it.
    const works =
      gpu &&
      (await gpu.evaluate(new Float64Array(input.network.spec.latent)).then(
        () => true,
        () => false,
      ));
    if (works) return gpu;
    await gpu?.close();
  }
  return createWasmBackend(input);
}
