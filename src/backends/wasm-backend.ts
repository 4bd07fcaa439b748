import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Network, outputChannels } from '../cppn/network/network.ts';
import type { Backend, BackendInput } from './backend.ts';
import { compileKernel, preferredKernel } from './wasm-tile-runner.ts';
import type { WasmWorkerData, WasmWorkerRequest } from './wasm-worker.ts';

const workerEntry = new URL('./wasm-worker-entry.mjs', import.meta.url);

/** Pixels a worker takes at a time: small enough to balance two cores, large enough to be cheap to hand out. */
const chunkPixels = 4096;

/**
 * The fast CPU path: the WebAssembly SIMD kernel (its relaxed-SIMD build where the engine has relaxed
 * SIMD, so the name says which ran) on one worker thread per core. Workers write
 * straight into one shared output array; `close()` terminates them, so an interrupted render exits
 * promptly. Idle workers do not keep the process alive.
 */
export async function createWasmBackend(
  { network, grid }: BackendInput,
  { threads = availableParallelism() }: { threads?: number } = {},
): Promise<Backend> {
  const output = new SharedArrayBuffer(grid.width * grid.height * outputChannels * 4);
  const counter = new SharedArrayBuffer(4);
  const kernel = preferredKernel();
  const data: WasmWorkerData = { module: compileKernel(kernel), network, grid, output, counter, chunkPixels };
  const workers = Array.from({ length: threads }, () => new Worker(workerEntry, { workerData: data }));
  // A worker that has died takes no more frames: later calls fail at once instead of waiting for an exit already past.
  let dead: Error | undefined;
  for (const worker of workers) {
    worker.unref();
    worker.once('exit', () => {
      dead ??= new Error('wasm worker exited before finishing the frame');
    });
  }
  const frame = new Float32Array(output);
  let frameNumber = 0;
  let closed = false;
  // The network the next frame uses (0: the one the workers started with), and which ones the workers have.
  const networkIds = new Map<Network, number>([[network, 0]]);
  const sent = new Set([0]);
  let current = { id: 0, network };

  const runOn = (worker: Worker, request: WasmWorkerRequest) =>
    new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
      };
      const onMessage = (reply: { frame: number; error?: unknown }) => {
        if (reply.frame !== request.frame) return;
        cleanup();
        if (reply.error) reject(reply.error);
        else resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const onExit = () => {
        cleanup();
        reject(new Error('wasm worker exited before finishing the frame'));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // Held while a frame is in flight, so that awaiting it keeps the process running.
      worker.ref();
      worker.postMessage(request);
    });

  return {
    name: `cpu-wasm-${kernel} (${threads} thread${threads === 1 ? '' : 's'})`,
    async evaluate(latent, rows) {
      if (closed) throw new Error('backend is closed');
      if (dead) throw dead;
      if (rows && rows.length > grid.height) throw new Error(`at most ${grid.height} rows, not ${rows.length}`);
      Atomics.store(new Int32Array(counter), 0, 0);
      const request: WasmWorkerRequest = {
        frame: ++frameNumber,
        latent,
        rows,
        ...(current.id === 0 ? {} : { network: { id: current.id, ...(sent.has(current.id) ? {} : { network: current.network }) } }),
      };
      sent.add(current.id);
      await Promise.all(workers.map((worker) => runOn(worker, request)));
      return rows ? frame.subarray(0, grid.width * rows.length * outputChannels) : frame;
    },
    useNetwork(next) {
      const id = networkIds.get(next) ?? networkIds.size;
      networkIds.set(next, id);
      current = { id, network: next };
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
