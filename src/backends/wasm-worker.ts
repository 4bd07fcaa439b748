import { parentPort, workerData } from 'node:worker_threads';
import type { Network } from '../cppn/network/network.ts';
import type { PixelGrid } from '../cppn/pixel-grid.ts';
import { createTileRunner } from './wasm-tile-runner.ts';

/** What the backend hands each worker once. */
export interface WasmWorkerData {
  readonly module: WebAssembly.Module;
  readonly network: Network;
  readonly grid: PixelGrid;
  /** The frame's outputs, shared by all workers: width × height × 3 float32s. */
  readonly output: SharedArrayBuffer;
  /** One Int32: the next chunk of pixels to take. Workers take chunks until none are left. */
  readonly counter: SharedArrayBuffer;
  readonly chunkPixels: number;
}

/** A frame request: z, and the frame number, echoed back so a stale reply cannot be mistaken. */
export interface WasmWorkerRequest {
  readonly frame: number;
  readonly latent: Float64Array;
  /** Other rows than the grid's own (a still's band); the grid's when absent. */
  readonly rows?: Float64Array;
  /** Another network than the first (`Backend.useNetwork`), by the number the backend gave it; sent whole the first time. */
  readonly network?: { readonly id: number; readonly network?: Network };
}

const { module, network, grid, output, counter, chunkPixels } = workerData as WasmWorkerData;
// Each network's runner (its own kernel instance and memory) is kept: a contact sheet comes back to each every frame.
const runners = new Map([[0, createTileRunner(module, network, grid)]]);
const out = new Float32Array(output);
const next = new Int32Array(counter);

// Chunks are taken first come, first served, so a busy core takes fewer; each pixel's result does
// not depend on which worker computed it, so the frame is the same whatever the scheduling.
parentPort!.on('message', ({ frame, latent, rows = grid.ys, network: other }: WasmWorkerRequest) => {
  try {
    const id = other?.id ?? 0;
    if (other?.network) runners.set(id, createTileRunner(module, other.network, grid));
    const runner = runners.get(id);
    if (!runner) throw new Error(`network ${id} was never sent to this worker`);
    runner.setLatent(latent);
    runner.setRows(rows);
    const pixels = grid.width * rows.length;
    for (;;) {
      const first = Atomics.add(next, 0, 1) * chunkPixels;
      if (first >= pixels) break;
      runner.evaluatePixels(first, Math.min(pixels, first + chunkPixels), out);
    }
    parentPort!.postMessage({ frame });
  } catch (error) {
    parentPort!.postMessage({ frame, error });
  }
});
