import type { Network } from '../cppn/network/network.ts';
import type { PixelGrid } from '../cppn/pixel-grid.ts';

/** The evaluators a user can ask for; `auto` picks the fastest that runs here. */
export const backendChoices = ['auto', 'gpu', 'cpu'] as const;
export type BackendChoice = (typeof backendChoices)[number];

/** Evaluates the network over every pixel of a frame. */
export interface Backend {
  /** What actually runs (not what was asked for), for stderr and the recipe. */
  readonly name: string;
  /**
   * The network's outputs for one frame at latent z: width × height × 3 floats in [-1, 1], row by
   * row from the top. The array may be reused by the next call. With `rows` (y of each row, at most
   * the grid's height of them), those rows are evaluated instead of the grid's own: a still is
   * evaluated band after band by one backend, without starting a new one per band.
   */
  evaluate(latent: Float64Array, rows?: Float64Array): Promise<Float32Array>;
  /**
   * Evaluates another network (of any spec) from the next call on, over the same grid: one backend
   * then serves every cell of a contact sheet. Absent where a network is compiled into the backend
   * (gpu.js inlines the weights); the caller then opens a backend per network.
   */
  useNetwork?(network: Network): void;
  close(): Promise<void>;
}

export interface BackendInput {
  readonly network: Network;
  readonly grid: PixelGrid;
}
