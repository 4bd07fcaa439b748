import { createRequire } from 'node:module';
import type { GPU as GpuType, IKernelRunShortcut } from 'gpu.js';
import { outputChannels } from '../cppn/network/network.ts';
import { UsageError } from '../errors.ts';
import type { Backend, BackendInput } from './backend.ts';
import { gpuKernelSource } from './gpu-kernel-source.ts';
import { softwareGlDriver } from './software-gl.ts';

/**
 * gpu.js modes: `headlessgl` is the GPU (through the `gl` package); `cpu` runs the same generated
 * kernel as JavaScript, which is how the kernel generation is tested on machines without a GPU.
 */
export type GpuMode = 'headlessgl' | 'cpu';

/**
 * Why headless-gl cannot run here, or undefined when it can. One line, naming the fixes. gpu.js
 * (about 0.25 s to load) is loaded only where the `gl` package does: without it gpu.js cannot use a
 * GPU, and every render that picks its backend automatically asks this first.
 */
export async function gpuUnavailableReason(): Promise<string | undefined> {
  const glLoads = headlessGl.loads();
  if (glLoads) {
    const { HeadlessGLKernel } = await import('gpu.js');
    if (HeadlessGLKernel.isSupported) return undefined;
  }
  const cause = glLoads
    ? 'headless-gl (the gl package) loaded but could not create a WebGL context: it needs a display or EGL'
    : 'headless-gl (the gl package) is not installed or its native part was not built';
  return (
    `--backend gpu cannot run here: ${cause}. Possible fixes: install the build tools and GL headers ` +
    '(python3 make g++ libxi-dev libx11-dev libxext-dev libgl1-mesa-dev), then add gl beside zsweep: ' +
    '`npm install -g gl@8.1.6` for an installed zsweep, `npm install` again in a clone (gl comes with gpu.js); ' +
    'and give it a display or EGL (e.g. `xvfb-run -a zsweep ...`); or use --backend cpu'
  );
}

/** Whether the `gl` package loads: an object, so that tests can stand in a GPU where none is installed. */
export const headlessGl = {
  loads(): boolean {
    try {
      createRequire(import.meta.url)('gl');
      return true;
    } catch {
      return false;
    }
  },
};

/**
 * The network as a generated gpu.js kernel (weights inlined, see gpuKernelSource). gpu.js reports
 * the mode it was asked for, not what ran, so the name comes from the kernel class that actually
 * ran the first frame, and a silent fallback to another class is refused.
 */
export async function createGpuBackend(
  { network, grid }: BackendInput,
  { mode = 'headlessgl' }: { mode?: GpuMode } = {},
): Promise<Backend> {
  if (mode === 'headlessgl') {
    const reason = await gpuUnavailableReason();
    if (reason) throw new UsageError(reason);
  }
  const { GPU } = await import('gpu.js');
  const gpu: GpuType = new GPU({ mode });
  const { width, height } = grid;
  const kernel: IKernelRunShortcut = gpu.createKernel(gpuKernelSource(network, grid), {
    output: [width, height],
    returnType: 'Array(3)',
    precision: 'single',
    tactic: 'precision',
  } as never);
  const expected = mode === 'headlessgl' ? 'HeadlessGLKernel' : 'CPUKernel';
  const out = new Float32Array(width * height * outputChannels);
  let name: string | undefined;
  // Other rows than the grid's (a still's bands): the kernel bakes its coordinates in, so a band
  // gets a kernel of its own; the last one is kept, since bands of one still share their shape.
  let band: { rows: Float64Array; backend: Backend } | undefined;

  return {
    get name() {
      return name ?? `gpu.js ${mode}`;
    },
    async evaluate(latent, otherRows) {
      if (otherRows && otherRows !== grid.ys) {
        if (band?.rows !== otherRows) {
          await band?.backend.close();
          band = {
            rows: otherRows,
            backend: await createGpuBackend({ network, grid: { ...grid, ys: otherRows, height: otherRows.length } }, { mode }),
          };
        }
        return band.backend.evaluate(latent);
      }
      // A z shorter than the network's latent (the seed's dimensions alone) leaves the journey's at 0.
      const z =
        latent.length < network.inputs - network.features
          ? [...latent, ...new Array(network.inputs - network.features - latent.length).fill(0)]
          : latent;
      const rows = kernel(...z) as unknown as ArrayLike<ArrayLike<ArrayLike<number>>>;
      if (name === undefined) name = describe(kernel, expected);
      for (let y = 0, o = 0; y < height; y++) {
        const row = rows[y];
        for (let x = 0; x < width; x++, o += 3) {
          const pixel = row[x];
          out[o] = pixel[0];
          out[o + 1] = pixel[1];
          out[o + 2] = pixel[2];
        }
      }
      return out;
    },
    async close() {
      await band?.backend.close();
      gpu.destroy();
    },
  };
}

/** "gpu.js HeadlessGLKernel (renderer)", from what ran; throws if gpu.js fell back to another class. */
function describe(kernel: IKernelRunShortcut, expected: string): string {
  const ran = (kernel as unknown as { kernel: { constructor: { name: string }; context?: WebGLRenderingContextLike } }).kernel;
  const className = ran.constructor.name;
  if (className !== expected) {
    const reason = (kernel as unknown as { fallbackReason?: string }).fallbackReason;
    throw new UsageError(
      `--backend gpu: gpu.js fell back from ${expected} to ${className}${reason ? ` (${reason})` : ''}; use --backend cpu`,
    );
  }
  let renderer = '';
  try {
    const context = ran.context;
    if (context) renderer = ` on ${context.getParameter(context.RENDERER)}`;
  } catch {
    // The renderer's name is only a label.
  }
  const software = className === 'HeadlessGLKernel' ? softwareGlDriver() : undefined;
  return `gpu.js ${className}${renderer}${software ? ` (software GL: ${software}, no GPU)` : ''}`;
}

interface WebGLRenderingContextLike {
  readonly RENDERER: number;
  getParameter(name: number): unknown;
}
