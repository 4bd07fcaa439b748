import type { ActivationName } from '../cppn/network/activations.ts';
import type { InputKind } from '../cppn/network/inputs.ts';
import { type Layer, latentColumns, type Network } from '../cppn/network/network.ts';

/** The kernel's numbering of activations and feature kinds (assembly/cppn-kernel.ts). */
export const activationCodes: Record<ActivationName, number> = { tanh: 0, sigmoid: 1, sin: 2, relu: 3, softplus: 4, gauss: 5 };
export const featureKindCodes: Record<InputKind, number> = { standard: 0, symmetric: 1, radial: 2 };

/** One layer as the kernel runs it: rows of the tile's state, units padded to blocks of 4. */
export interface KernelLayer {
  readonly inRow: number;
  readonly fanIn: number;
  readonly outRow: number;
  /** Blocks of 4 units; padded units have zero weights and are never read with a non-zero weight. */
  readonly blocks: number;
  /** For each block, for each input row, the block's 4 weights side by side (`blocks × fanIn × 4`). */
  readonly weights: Float32Array;
  /** The bias before z is added, one per padded unit. */
  readonly bias: Float64Array;
  /** The weights of the latent inputs, `blocks·4 × latent`: z only shifts each unit by W_z·z. */
  readonly latentWeights: Float64Array;
  readonly activation: number;
  /** The row the residual reads (resnet), or -1. */
  readonly residualRow: number;
}

export interface KernelPlan {
  readonly featureKind: number;
  readonly latent: number;
  /** Rows of a tile's state: the features, each hidden region padded to a multiple of 4, then 4 output rows. */
  readonly rows: number;
  /** Hidden layers, then the output layer. */
  readonly layers: readonly KernelLayer[];
}

/**
 * Rewrites the network's plan for the SIMD kernel. The latent columns leave the state: z is the same
 * for every pixel of a frame, so its contribution is folded into each layer's bias once per frame
 * (`biasFor`). That is what "compute the pixel part once" buys here without holding a frame-sized
 * buffer: a densenet reads z in every layer, so every layer gets cheaper.
 */
export function planForKernel(network: Network): KernelPlan {
  const { features, inputs } = network;
  const units = network.spec.hidden;
  const padded = Math.ceil(units / 4) * 4;
  const regions = (network.stateWidth - inputs) / units;
  const outputRow = features + regions * padded;
  const row = (column: number) =>
    column < features ? column : features + Math.floor((column - inputs) / units) * padded + ((column - inputs) % units);
  const isLatent = (column: number) => column >= features && column < inputs;
  const latent = latentColumns(network.spec);

  const convert = (layer: Layer, outRow: number): KernelLayer => {
    const { readFrom, fanIn, units: count } = layer;
    const inRow = readFrom < features ? readFrom : row(readFrom);
    // Rows read: up to the last non-latent column, extended to the end of its padded region.
    let end = inRow;
    for (let k = 0; k < fanIn; k++) if (!isLatent(readFrom + k)) end = row(readFrom + k) + 1;
    if (end > features) end = features + Math.ceil((end - features) / padded) * padded;
    const rows = end - inRow;
    const blocks = Math.ceil(count / 4);
    const weights = new Float32Array(blocks * rows * 4);
    const bias = new Float64Array(blocks * 4);
    const latentWeights = new Float64Array(blocks * 4 * latent);
    for (let j = 0; j < count; j++) {
      bias[j] = layer.bias[j];
      for (let k = 0; k < fanIn; k++) {
        const column = readFrom + k;
        const w = layer.weights[j * fanIn + k];
        if (isLatent(column)) latentWeights[j * latent + column - features] = w;
        else weights[(Math.floor(j / 4) * rows + row(column) - inRow) * 4 + (j % 4)] = w;
      }
    }
    return {
      inRow,
      fanIn: rows,
      outRow,
      blocks,
      weights,
      bias,
      latentWeights,
      activation: activationCodes[layer.activation],
      residualRow: layer.residual ? inRow : -1,
    };
  };

  const layers = network.hidden.map((layer) => convert(layer, row(layer.writeTo)));
  layers.push(convert(network.output, outputRow));
  return { featureKind: featureKindCodes[network.spec.inputs], latent, rows: outputRow + 4, layers };
}

/**
 * The layer's bias for latent z, in float64 then rounded once: the same on every machine. A z shorter
 * than the plan's latent (a sweep of the seed's dimensions alone) leaves the rest at 0.
 */
export function biasFor(layer: KernelLayer, latent: Float64Array, out: Float32Array): void {
  const stride = layer.latentWeights.length / layer.bias.length;
  const dims = Math.min(stride, latent.length);
  for (let j = 0; j < layer.bias.length; j++) {
    let sum = layer.bias[j];
    for (let d = 0; d < dims; d++) sum += layer.latentWeights[j * stride + d] * latent[d];
    out[j] = sum;
  }
}
