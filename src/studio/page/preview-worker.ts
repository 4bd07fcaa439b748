// A preview worker: the CLI's WebAssembly kernel (backends/wasm-tile-runner.ts) on rows of a frame,
// coloured as the CLI colours them (cppn/colour.ts), so a preview frame is the CLI's frame. It also
// measures a new design's look with the CLI's own code (render/measure-look.ts), so a design has the
// radius and levels the CLI would give it.

import { createTileRunner, type TileRunner } from '../../backends/wasm-tile-runner.ts';
import { type Colouring, type ColourSpec, createColouring } from '../../cppn/colour.ts';
import { bredNetwork } from '../../cppn/network/breed-network.ts';
import { createPixelGrid } from '../../cppn/pixel-grid.ts';
import { measureLook } from '../../render/measure-look.ts';
import type { WorkerReply, WorkerRequest } from './worker-messages.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

let kernel: WebAssembly.Module | undefined;
let plain: WebAssembly.Module | undefined;
/** A runner per design and size, the most recently used last: the grid's cells come round again and again. */
const runners = new Map<string, { runner: TileRunner; ys: Float64Array; width: number }>();
const maxRunners = 40;
/** A colouring per spec: a palette's table costs more to build than a band of pixels does to colour. */
const colourings = new Map<string, Colouring>();

function colouringOf(spec: ColourSpec): Colouring {
  const key = JSON.stringify(spec);
  let colouring = colourings.get(key);
  if (!colouring) {
    if (colourings.size > 40) colourings.clear();
    colouring = createColouring(spec);
    colourings.set(key, colouring);
  }
  return colouring;
}

scope.onmessage = ({ data }) => {
  if (data.type === 'kernel') {
    kernel = data.module;
    plain = data.plain;
    return;
  }
  if (data.type === 'measure') {
    measureLook(data.recipe, data.look, { kernel: plain, precision: data.precision }).then(
      (recipe) => scope.postMessage({ id: data.id, recipe }, []),
      (error: Error) => scope.postMessage({ id: data.id, error: String(error?.message ?? error) }, []),
    );
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
    const rgba = colouringOf(colour)(outputs, new Uint8ClampedArray(pixels * 4));
    scope.postMessage({ id: data.id, rgba }, [rgba.buffer]);
  } catch (error) {
    scope.postMessage({ id: data.id, error: String((error as Error)?.message ?? error) }, []);
  }
};
