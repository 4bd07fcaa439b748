import { createRandom } from '../random.ts';
import type { Layer, Network } from './network.ts';

/**
 * The network with `extra` latent inputs inserted after the seed's z, for a song's journey: every layer
 * that reads z reads them too, with weights from their own seeded stream (`journey-weights`) at the
 * standard deviation of that layer's own z weights (β / fan-in for a hidden layer, Glorot for the
 * output). Nothing else moves: the seed's weights are the same numbers, and with the extra inputs at 0
 * every unit's sum is the seed's, so the picture is the seed's exactly. Applied after breeding, so a
 * bred design's picture is kept as well.
 */
export function withJourneyColumns(network: Network, seed: string, extra: number): Network {
  if (extra <= 0) return network;
  const random = createRandom(seed, 'journey-weights');
  const { features, inputs } = network;
  const shift = (column: number) => (column >= inputs ? column + extra : column);
  const widen = (layer: Layer, std: number): Layer => {
    const { readFrom, fanIn, units } = layer;
    const base = { ...layer, readFrom: shift(readFrom), writeTo: shift(layer.writeTo) };
    // Only a layer that reads the inputs (from column 0) reads z.
    if (!(readFrom <= features && readFrom + fanIn >= inputs)) return base;
    const at = inputs - readFrom;
    const wider = fanIn + extra;
    const weights = new Float64Array(units * wider);
    for (let j = 0; j < units; j++) {
      const row = layer.weights.subarray(j * fanIn, (j + 1) * fanIn);
      weights.set(row.subarray(0, at), j * wider);
      for (let k = 0; k < extra; k++) weights[j * wider + at + k] = random.truncatedNormal(std);
      weights.set(row.subarray(at), j * wider + at + extra);
    }
    return { ...base, fanIn: wider, weights };
  };
  const hidden = network.hidden.map((layer) => widen(layer, Math.sqrt(network.spec.beta / layer.fanIn)));
  const output = widen(network.output, Math.sqrt(2 / (network.output.fanIn + network.output.units)));
  return { ...network, inputs: inputs + extra, stateWidth: network.stateWidth + extra, hidden, output };
}
