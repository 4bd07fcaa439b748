import { toRgba } from '../src/cppn/colour.ts';
import { type ActivationName, activationNames } from '../src/cppn/network/activations.ts';
import { evaluateRows } from '../src/cppn/network/evaluate.ts';
import type { InputKind } from '../src/cppn/network/inputs.ts';
import { type Architecture, architectures, buildNetwork, type Network } from '../src/cppn/network/network.ts';
import { createPixelGrid, type PixelGrid } from '../src/cppn/pixel-grid.ts';

/** The tolerance every backend must meet against the float64 reference, per 8-bit channel. */
export const maxChannelDifference = 2;

/**
 * β for each activation in the agreement tests. With sin (and gauss, less so) a deep network at
 * β = 256 is chaotic: it amplifies float32 rounding (1e-7) to full scale, so that even an exact
 * float32 evaluation differs from float64 by up to 250/255 (measured). No float32 backend, GPUs
 * included, can agree with the reference there; the picture is noise either way. These β keep
 * float32 itself well inside the tolerance.
 */
export const agreementBeta: Record<ActivationName, number> = { tanh: 256, sigmoid: 256, relu: 256, softplus: 256, gauss: 64, sin: 16 };

export interface Case {
  readonly label: string;
  readonly network: Network;
  readonly grid: PixelGrid;
  readonly latent: Float64Array;
}

/** Every topology × activation, with the post's default widths, a few seeds and latents. */
export function agreementCases({
  seeds = ['1', 'zsweep', '6130076054'],
  width = 21,
  height = 13,
  inputs = 'standard' as InputKind,
} = {}): Case[] {
  const cases: Case[] = [];
  for (const arch of architectures) {
    for (const activation of activationNames) {
      for (const [s, seed] of seeds.entries()) {
        cases.push(makeCase(seed, arch, activation, inputs, width, height, s));
      }
    }
  }
  return cases;
}

export function makeCase(
  seed: string,
  arch: Architecture,
  activation: ActivationName,
  inputs: InputKind,
  width: number,
  height: number,
  variant = 0,
  { layers = 8, hidden = arch === 'densenet' ? 8 : 32, latent = 2 } = {},
): Case {
  const spec = { arch, layers, hidden, activation, beta: agreementBeta[activation], latent, inputs };
  const z = Float64Array.from({ length: latent }, (_, d) => Math.sin(1.7 * (variant + 1) + d) * 1.3);
  return {
    label: `${arch}/${activation}/${inputs}/seed ${seed}/${layers}×${hidden}`,
    network: buildNetwork(spec, seed),
    grid: createPixelGrid(width, height, 1 + variant * 0.5),
    latent: z,
  };
}

export function referenceOutputs({ network, grid, latent }: Case): Float32Array {
  const out = new Float32Array(grid.width * grid.height * 3);
  evaluateRows(network, grid, latent, 0, grid.height, out);
  return out;
}

/** The largest difference of any channel of the 8-bit RGB pictures of two outputs. */
export function channelDifference(a: Float32Array, b: Float32Array): number {
  const pixels = a.length / 3;
  const ra = toRgba(a, 'rgb', new Uint8ClampedArray(pixels * 4));
  const rb = toRgba(b, 'rgb', new Uint8ClampedArray(pixels * 4));
  let max = 0;
  for (let i = 0; i < ra.length; i++) max = Math.max(max, Math.abs(ra[i] - rb[i]));
  return max;
}
