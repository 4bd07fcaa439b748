import type { ActivationName } from '../cppn/network/activations.ts';
import type { Architecture } from '../cppn/network/network.ts';

/** The defaults, in one place. A 512², 4-second loop renders in about 4 s on two cores (README). */
export const defaults = {
  size: '512x512',
  width: 512,
  height: 512,
  fps: 30,
  durationSeconds: 4,
  arch: 'densenet',
  layers: 8,
  colour: 'rgb',
  speed: 'medium',
  scale: 1,
  loop: 'circle',
  latent: 2,
  inputs: 'standard',
  radius: 1,
  zFrom: -1,
  zTo: 1,
  format: 'mp4',
  backend: 'auto',
  aa: 1,
  /** zsweep still: album-art size, supersampled. */
  stillSize: 1024,
  stillAa: 2,
  /** zsweep grid. */
  seeds: '1-16',
  cell: 160,
} as const;

/**
 * Each topology's own defaults, chosen by rendering grids of seeds and looking at them
 * (docs/look.md). The post's densenet is 8 sigmoid units wide at β 256, soft washes; at β 1024 it
 * folds into facets and still moves smoothly. Its perceptron and resnet (32 tanh units) at β 256
 * saturate into rainbow noise, alike for every seed; at β 16 they give varied, structured pictures. Their circle is centred off the origin: with zero biases, z near 0
 * leaves them a function of the direction from the centre alone, a star of rays for every seed.
 */
export const topologyDefaults = {
  densenet: { hidden: 8, activation: 'sigmoid', beta: 1024, centre: 0 },
  perceptron: { hidden: 32, activation: 'tanh', beta: 16, centre: 1 },
  resnet: { hidden: 32, activation: 'tanh', beta: 16, centre: 1 },
} as const satisfies Record<Architecture, { hidden: number; activation: ActivationName; beta: number; centre: number }>;

/**
 * β for an activation other than the topology's own, chosen by rendering grids of seeds 1–6 and
 * measuring their grain (docs/look.md): sin and gauss fold so fast that at the topology's β every
 * pixel is another colour (noise that reshuffles every frame), and sigmoid, never negative, washes a
 * perceptron or resnet out flat unless its weights are large. Activations not listed take the
 * topology's β.
 */
const activationBetas: Record<Architecture, Partial<Record<ActivationName, number>>> = {
  densenet: { sin: 8, gauss: 16 },
  perceptron: { sigmoid: 256, sin: 4, gauss: 6 },
  resnet: { sigmoid: 4096, sin: 4 },
};

/** The default β of a network of `arch` with hidden layers of `activation`. */
export function defaultBeta(arch: Architecture, activation: ActivationName): number {
  return activationBetas[arch][activation] ?? topologyDefaults[arch].beta;
}

/** The default circle centre (and middle of a pingpong): a point at distance `centre` from the origin, on the diagonal. */
export function defaultCentre(arch: Architecture, latent: number): number[] {
  const distance = topologyDefaults[arch].centre;
  return Array.from({ length: latent }, (_, d) => ((d % 2 ? -1 : 1) * distance) / Math.sqrt(latent));
}

/** An audio-driven video lasts as long as its track unless told otherwise, and goes round its path once per this many seconds. */
export const secondsPerTurn = 8;
