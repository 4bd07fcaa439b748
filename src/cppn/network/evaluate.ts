import type { PixelGrid } from '../pixel-grid.ts';
import { activations } from './activations.ts';
import { writeFeatures } from './inputs.ts';
import { type Layer, type Network, outputChannels } from './network.ts';

/** Pixels evaluated together: the state of a tile fits in the CPU's cache, and memory stays bounded by it. */
export const tilePixels = 4096;

/**
 * The float64 reference evaluator: rows [rowStart, rowEnd) of the frame for latent z, written into
 * `out` (three floats per pixel, from pixel rowStart·width on). Work goes layer by layer over a
 * tile of pixels, each pixel's activations a row of a typed matrix.
 */
export function evaluateRows(
  network: Network,
  grid: PixelGrid,
  latent: Float64Array,
  rowStart: number,
  rowEnd: number,
  out: Float32Array,
): void {
  const { width } = grid;
  const { features, stateWidth: stride } = network;
  const kind = network.spec.inputs;
  const rowsPerTile = Math.max(1, Math.floor(tilePixels / width));
  const state = new Float64Array(Math.min(rowsPerTile * width, (rowEnd - rowStart) * width) * stride);
  for (let tileStart = rowStart; tileStart < rowEnd; tileStart += rowsPerTile) {
    const tileEnd = Math.min(rowEnd, tileStart + rowsPerTile);
    const pixels = (tileEnd - tileStart) * width;
    for (let row = tileStart, p = 0; row < tileEnd; row++) {
      const y = grid.ys[row];
      for (let col = 0; col < width; col++, p++) {
        const at = p * stride;
        writeFeatures(kind, grid.xs[col], y, state, at);
        for (let d = 0; d < latent.length; d++) state[at + features + d] = latent[d];
      }
    }
    for (const layer of network.hidden) applyLayer(layer, state, stride, pixels);
    writeOutput(network.output, state, stride, pixels, out, (tileStart - rowStart) * width * outputChannels);
  }
}

function applyLayer(layer: Layer, state: Float64Array, stride: number, pixels: number): void {
  const { readFrom, fanIn, writeTo, units, weights, bias, residual } = layer;
  const activation = activations[layer.activation];
  for (let p = 0, base = 0; p < pixels; p++, base += stride) {
    const input = base + readFrom;
    for (let j = 0; j < units; j++) {
      let sum = bias[j];
      for (let k = 0, w = j * fanIn; k < fanIn; k++, w++) sum += weights[w] * state[input + k];
      const value = activation(sum);
      state[base + writeTo + j] = residual ? Math.tanh(state[input + j] + value) : value;
    }
  }
}

function writeOutput(layer: Layer, state: Float64Array, stride: number, pixels: number, out: Float32Array, outStart: number): void {
  const { readFrom, fanIn, units, weights, bias } = layer;
  for (let p = 0, base = 0, o = outStart; p < pixels; p++, base += stride) {
    for (let j = 0; j < units; j++, o++) {
      let sum = bias[j];
      for (let k = 0, w = j * fanIn; k < fanIn; k++, w++) sum += weights[w] * state[base + readFrom + k];
      out[o] = Math.tanh(sum);
    }
  }
}
