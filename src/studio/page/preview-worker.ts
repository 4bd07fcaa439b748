// A preview worker: the CLI's WebAssembly kernel (backends/wasm-tile-runner.ts) on rows of a frame,
// coloured as the CLI colours them (cppn/colour.ts), so a preview frame is the CLI's frame.

import { createTileRunner, type TileRunner } from '../../backends/wasm-tile-runner.ts';
import { toRgba } from '../../cppn/colour.ts';
import { bredNetwork } from '../../cppn/network/breed-network.ts';
import { createPixelGrid } from '../../cppn/pixel-grid.ts';
import type { WorkerReply, WorkerRequest } from './worker-messages.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

let kernel: WebAssembly.Module | undefined;
/** A runner per design and size, the most recently used last: the grid's cells come round again and again. */
const runners = new Map<string, { runner: TileRunner; ys: Float64Array; width: number }>();
const maxRunners = 40;

scope.onmessage = ({ data }) => {
  if (data.type === 'kernel') {
    kernel = data.module;
    return;
  }
  try {
    const { key, design, latent, rowStart, rowEnd, colour } = data;
    let entry = runners.get(key);
    if (entry) {
      runners.delete(key);
    } else {
      const network = bredNetwork(design.network, design.seed, design.breed);
      const grid = createPixelGrid(design.width, design.height, design.scale);
      entry = { runner: createTileRunner(kernel!, network, grid), ys: grid.ys, width: grid.width };
      if (runners.size >= maxRunners) runners.delete(runners.keys().next().value!);
    }
    runners.set(key, entry);
    const { runner, ys, width } = entry;
    const pixels = width * (rowEnd - rowStart);
    const outputs = new Float32Array(pixels * 3);
    runner.setLatent(latent);
    runner.setRows(ys.subarray(rowStart, rowEnd));
    runner.evaluatePixels(0, pixels, outputs);
    const rgba = toRgba(outputs, colour, new Uint8ClampedArray(pixels * 4));
    scope.postMessage({ id: data.id, rgba }, [rgba.buffer]);
  } catch (error) {
    scope.postMessage({ id: data.id, error: String((error as Error)?.message ?? error) }, []);
  }
};
