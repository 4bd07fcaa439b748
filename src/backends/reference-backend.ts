import { evaluateRows } from '../cppn/network/evaluate.ts';
import { outputChannels } from '../cppn/network/network.ts';
import type { Backend, BackendInput } from './backend.ts';

/**
 * The float64 reference evaluator on the main thread: correct everywhere, slow (seconds a frame at
 * 512²), and the yardstick the fast backends are tested against. Not a --backend choice.
 */
export function createReferenceBackend({ network, grid }: BackendInput): Backend {
  const out = new Float32Array(grid.width * grid.height * outputChannels);
  return {
    name: 'reference',
    async evaluate(latent, rows = grid.ys) {
      evaluateRows(network, { ...grid, ys: rows, height: rows.length }, latent, 0, rows.length, out);
      return rows === grid.ys ? out : out.subarray(0, grid.width * rows.length * outputChannels);
    },
    async close() {},
  };
}
