import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { type Network, outputChannels } from '../cppn/network/network.ts';
import type { PixelGrid } from '../cppn/pixel-grid.ts';
import { biasFor, planForKernel } from './wasm-plan.ts';

/**
 * The two builds of the SIMD kernel (assembly/cppn-kernel.ts, `npm run build:wasm`): `relaxed-simd`
 * uses relaxed SIMD's fused multiply-add, `simd` only WebAssembly SIMD128 and gives the same bits on
 * every machine. The relaxed build runs where the engine has relaxed SIMD, the other everywhere.
 */
export type KernelKind = 'relaxed-simd' | 'simd';
export const kernelUrls: Record<KernelKind, URL> = {
  'relaxed-simd': new URL('./cppn-kernel-relaxed.wasm', import.meta.url),
  simd: new URL('./cppn-kernel.wasm', import.meta.url),
};

let preferred: KernelKind | undefined;

/**
 * The kernel this process runs: relaxed SIMD where the engine validates it. Node 20's V8 has it
 * behind `--experimental-wasm-relaxed-simd`, which is set here, before any module is compiled, when
 * the engine does not already have it (newer Nodes do; setting the flag there would only warn). The
 * flag is process-wide, so worker threads compile and run the same module.
 */
export function preferredKernel(): KernelKind {
  if (preferred) return preferred;
  const relaxed = readFileSync(kernelUrls['relaxed-simd']);
  if (!WebAssembly.validate(relaxed) && Number(process.versions.node.split('.')[0]) < 22) {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
  }
  preferred = WebAssembly.validate(relaxed) ? 'relaxed-simd' : 'simd';
  return preferred;
}

export function compileKernel(kind: KernelKind = preferredKernel()): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(kernelUrls[kind]));
}

let plain: WebAssembly.Module | undefined;
/**
 * The plain SIMD build, compiled once: it gives the same bits on every machine, so what is measured
 * before a render (its look, its flashes) and stored in the recipe is the same everywhere.
 */
export function plainKernel(): WebAssembly.Module {
  plain ??= compileKernel('simd');
  return plain;
}

/** Evaluates any range of a frame's pixels with the SIMD kernel, on the calling thread. */
export interface TileRunner {
  /** Sets z for the following calls: folds it into every layer's bias. */
  setLatent(latent: Float64Array): void;
  /** Sets the y of each row for the following calls (at most the grid's height of them). */
  setRows(ys: Float64Array): void;
  /** Pixels [first, end) of the frame (row-major), three outputs each, into `out` from index first·3. */
  evaluatePixels(first: number, end: number, out: Float32Array): void;
  /** The kernel's memory: the network and one tile, whatever the frame size (besides its x and y axes). */
  readonly memoryBytes: number;
}

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  run(plan: number, state: number, xs: number, ys: number, width: number, first: number, count: number, out: number): void;
}

const kernelStateBytes = 32 * 1024;
const pageBytes = 65536;

/**
 * The tile: as many pixels (a multiple of 8, the kernel's block) as keep the state within the
 * 32 KiB L1 data cache of a Zen 4 core, from 16 to 256. Memory is bounded by the tile, not the frame.
 */
export function tileFor(rows: number): number {
  return Math.min(256, Math.max(16, Math.floor(kernelStateBytes / (rows * 4) / 8) * 8));
}

export function createTileRunner(module: WebAssembly.Module, network: Network, grid: PixelGrid, tile?: number): TileRunner {
  const plan = planForKernel(network);
  const pixelsPerTile = tile ?? tileFor(plan.rows);
  if (pixelsPerTile % 8 !== 0) throw new Error(`tile must be a multiple of 8 pixels, not ${pixelsPerTile}`);
  const { width } = grid;

  // Lay out memory: plan words, xs, ys, weights, biases, state, outputs; every block 16-byte aligned.
  const instance = new WebAssembly.Instance(module, {});
  const exports = instance.exports as unknown as KernelExports;
  let used = Math.ceil(exports.heapBase() / 16) * 16;
  const take = (bytes: number) => {
    const at = used;
    used += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const planAt = take(12 + plan.layers.length * 32);
  const xsAt = take(grid.width * 8);
  const ysAt = take(grid.height * 8);
  const weightsAt = plan.layers.map((layer) => take(layer.weights.byteLength));
  const biasAt = plan.layers.map((layer) => take(layer.blocks * 16));
  const stateAt = take(plan.rows * pixelsPerTile * 4);
  const outAt = take(pixelsPerTile * outputChannels * 4);

  const { memory, run } = exports;
  const pages = Math.ceil(used / pageBytes) - memory.buffer.byteLength / pageBytes;
  if (pages > 0) memory.grow(pages);
  const buffer = memory.buffer;

  const words = new Int32Array(buffer, planAt, 3 + plan.layers.length * 8);
  words.set([pixelsPerTile, plan.featureKind, plan.layers.length]);
  plan.layers.forEach((layer, l) => {
    words.set(
      [layer.inRow, layer.fanIn, layer.outRow, layer.blocks, weightsAt[l], biasAt[l], layer.activation, layer.residualRow],
      3 + l * 8,
    );
    new Float32Array(buffer, weightsAt[l], layer.weights.length).set(layer.weights);
  });
  new Float64Array(buffer, xsAt, grid.width).set(grid.xs);
  new Float64Array(buffer, ysAt, grid.height).set(grid.ys);
  const biases = plan.layers.map((layer, l) => new Float32Array(buffer, biasAt[l], layer.blocks * 4));
  const outputs = new Float32Array(buffer, outAt, pixelsPerTile * outputChannels);
  setLatent(new Float64Array(plan.latent));

  function setLatent(latent: Float64Array): void {
    plan.layers.forEach((layer, l) => {
      biasFor(layer, latent, biases[l]);
    });
  }

  const rows = new Float64Array(buffer, ysAt, grid.height);

  return {
    setLatent,
    setRows(ys) {
      if (ys.length > grid.height) throw new Error(`at most ${grid.height} rows, not ${ys.length}`);
      rows.set(ys);
    },
    memoryBytes: buffer.byteLength,
    evaluatePixels(first, end, out) {
      for (let at = first; at < end; at += pixelsPerTile) {
        const count = Math.min(pixelsPerTile, end - at);
        run(planAt, stateAt, xsAt, ysAt, width, at, count, outAt);
        out.set(count === pixelsPerTile ? outputs : outputs.subarray(0, count * outputChannels), at * outputChannels);
      }
    },
  };
}
