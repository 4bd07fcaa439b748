import { createRandom } from '../random.ts';
import { withJourneyColumns } from './journey-network.ts';
import { buildNetwork, type Layer, type Network, type NetworkSpec } from './network.ts';

/**
 * One step of a bred design, applied to the network its seed gives:
 * - mutate: every weight moves by `strength` × its layer's initial standard deviation × a normal draw
 *   from the mutation's own seed, so a child is named by (seed, strength) alone;
 * - cross: every weight becomes `(1 − mix)·own + mix·partner's`, the partner being another design of
 *   the same network shape (its own seed and steps).
 */
export type BreedStep =
  | { readonly kind: 'mutate'; readonly seed: string; readonly strength: number }
  | { readonly kind: 'cross'; readonly mix: number; readonly partner: BreedParent };

/** A design by its seed and the steps bred into it. */
export interface BreedParent {
  readonly seed: string;
  readonly breed?: readonly BreedStep[];
}

/** The seeded network with `steps` applied in order: pure, so the page and the CLI build the same weights. */
export function bredNetwork(spec: NetworkSpec, seed: string, steps: readonly BreedStep[] = []): Network {
  // A journey's extra latent inputs join after breeding (journey-network.ts), so they never shift the design's weights.
  return withJourneyColumns(bredSeedNetwork(spec, seed, steps), seed, spec.journeyLatent ?? 0);
}

function bredSeedNetwork(spec: NetworkSpec, seed: string, steps: readonly BreedStep[]): Network {
  let network = buildNetwork(spec, seed);
  for (const step of steps) {
    network =
      step.kind === 'mutate'
        ? mutateNetwork(network, step.seed, step.strength)
        : crossNetworks(network, bredSeedNetwork(spec, step.partner.seed, step.partner.breed ?? []), step.mix);
  }
  return network;
}

/** The initial standard deviation of a layer's weights (network.ts), so a strength means the same in every layer. */
function initialStd(network: Network, layer: Layer): number {
  return layer === network.output ? Math.sqrt(2 / (layer.fanIn + layer.units)) : Math.sqrt(network.spec.beta / layer.fanIn);
}

export function mutateNetwork(network: Network, seed: string, strength: number): Network {
  const random = createRandom(seed, 'mutation');
  const mutate = (layer: Layer): Layer => {
    const std = initialStd(network, layer) * strength;
    const weights = layer.weights.map((w) => w + random.normal() * std);
    return { ...layer, weights };
  };
  const hidden = network.hidden.map(mutate);
  return { ...network, hidden, output: mutate(network.output) };
}

export function crossNetworks(own: Network, partner: Network, mix: number): Network {
  const blend = (a: Layer, b: Layer): Layer => ({ ...a, weights: a.weights.map((w, i) => (1 - mix) * w + mix * b.weights[i]) });
  return { ...own, hidden: own.hidden.map((layer, l) => blend(layer, partner.hidden[l])), output: blend(own.output, partner.output) };
}
