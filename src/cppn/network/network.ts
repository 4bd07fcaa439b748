import { createRandom } from '../random.ts';
import type { ActivationName } from './activations.ts';
import { featureCounts, type InputKind } from './inputs.ts';

/** The post's three topologies (share-URL codes t=2, t=1, t=3 of its browser generator). */
export const architectures = ['perceptron', 'densenet', 'resnet'] as const;
export type Architecture = (typeof architectures)[number];

/** Everything that shapes the weights: with the seed, it fixes the network bit for bit. */
export interface NetworkSpec {
  readonly arch: Architecture;
  /** Hidden layers. */
  readonly layers: number;
  /** Units per hidden layer. */
  readonly hidden: number;
  readonly activation: ActivationName;
  /** β: hidden weights have variance β / fan-in. The post's browser default is 256. */
  readonly beta: number;
  /** Dimensions of the latent z. */
  readonly latent: number;
  /** The per-pixel features fed before z. */
  readonly inputs: InputKind;
  /**
   * Latent dimensions a song's journey adds after the seed's (cppn/journey-network.ts), with weights of
   * their own: at 0 they leave the seed's picture exactly. Absent: none, as every recipe before them.
   */
  readonly journeyLatent?: number;
}

/** The latent inputs the network reads: the seed's dimensions, then the journey's. */
export function latentColumns(spec: NetworkSpec): number {
  return spec.latent + (spec.journeyLatent ?? 0);
}

/**
 * One dense layer as plain data. A pixel's activations live in one row of `stateWidth` numbers;
 * a layer reads `fanIn` of them from column `readFrom` and writes `units` from column `writeTo`.
 * That single description covers all three topologies, so every backend runs the same plan.
 */
export interface Layer {
  readonly readFrom: number;
  readonly fanIn: number;
  readonly writeTo: number;
  readonly units: number;
  /** `units × fanIn`, row-major: unit j's weights are `weights[j * fanIn .. (j + 1) * fanIn)`. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  readonly activation: ActivationName;
  /** resnet's skip: the output is tanh(input + activation(W·input + b)), so fanIn equals units. */
  readonly residual: boolean;
}

export interface Network {
  readonly spec: NetworkSpec;
  /** The pixel's features (x, y, r for `standard`), then the latent: columns 0 .. inputs-1 of the state. */
  readonly inputs: number;
  /** How many of the inputs are pixel features; the latent follows them. */
  readonly features: number;
  readonly stateWidth: number;
  readonly hidden: readonly Layer[];
  /** Three units, tanh; colour maps its [-1, 1] to [0, 1]. */
  readonly output: Layer;
}

export const outputChannels = 3;

/** Builds the seeded network. The same seed and spec give the same weights on every machine. */
export function buildNetwork(spec: NetworkSpec, seed: string): Network {
  const random = createRandom(seed, 'weights');
  const { arch, layers, hidden: units, activation, beta } = spec;
  const features = featureCounts[spec.inputs];
  const inputs = features + spec.latent;
  const hiddenStd = (fanIn: number) => Math.sqrt(beta / fanIn);

  const dense = (
    readFrom: number,
    fanIn: number,
    writeTo: number,
    count: number,
    std: number,
    act: ActivationName,
    residual = false,
  ): Layer => {
    const weights = new Float64Array(count * fanIn);
    for (let i = 0; i < weights.length; i++) weights[i] = random.truncatedNormal(std);
    return { readFrom, fanIn, writeTo, units: count, weights, bias: new Float64Array(count), activation: act, residual };
  };

  const hidden: Layer[] = [];
  let stateWidth: number;
  let last: { from: number; width: number };
  if (arch === 'densenet') {
    // Each layer sees the inputs and every earlier layer's output, concatenated.
    for (let l = 0; l < layers; l++) {
      const fanIn = inputs + l * units;
      hidden.push(dense(0, fanIn, fanIn, units, hiddenStd(fanIn), activation));
    }
    stateWidth = inputs + layers * units;
    last = { from: 0, width: stateWidth };
  } else {
    // Two regions used in turn: each layer reads one and writes the other.
    const regions = [inputs, inputs + units];
    hidden.push(dense(0, inputs, regions[0], units, hiddenStd(inputs), activation));
    for (let l = 1; l < layers; l++) {
      hidden.push(dense(regions[(l - 1) % 2], units, regions[l % 2], units, hiddenStd(units), activation, arch === 'resnet'));
    }
    stateWidth = inputs + Math.min(layers, 2) * units;
    last = { from: regions[(layers - 1) % 2], width: units };
  }
  // Glorot normal, as the post's browser generator initialises its output layer.
  const outputStd = Math.sqrt(2 / (last.width + outputChannels));
  const output = dense(last.from, last.width, 0, outputChannels, outputStd, 'tanh');
  return { spec, inputs, features, stateWidth, hidden, output };
}
