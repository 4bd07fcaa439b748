import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createReferenceBackend } from '../src/backends/reference-backend.ts';
import { architectures, buildNetwork, type NetworkSpec } from '../src/cppn/network/network.ts';
import { createPixelGrid } from '../src/cppn/pixel-grid.ts';
import { canonicalSeed } from '../src/cppn/random.ts';

const spec = (overrides: Partial<NetworkSpec> = {}): NetworkSpec => ({
  arch: 'perceptron',
  layers: 8,
  hidden: 32,
  activation: 'tanh',
  beta: 256,
  latent: 2,
  inputs: 'standard',
  ...overrides,
});

test('the same seed gives bit-identical weights; another seed does not', () => {
  const a = buildNetwork(spec(), '42');
  const b = buildNetwork(spec(), '42');
  const c = buildNetwork(spec(), '43');
  for (let l = 0; l < a.hidden.length; l++) assert.equal(a.hidden[l].weights, b.hidden[l].weights);
  assert.equal(a.output.weights, b.output.weights);
  assert.not.equal(a.hidden[0].weights, c.hidden[0].weights);
});

test('a text seed works and whole-number seeds are canonical', () => {
  const weights = (seed: string) => buildNetwork(spec(), seed).hidden[0].weights;
  assert.equal(weights('sunrise'), weights('sunrise'));
  assert.not.equal(weights('sunrise'), weights('Sunrise'), 'text seeds are case-sensitive');
  for (const raw of ['042', '+42', ' 42 ', '42']) assert.is(canonicalSeed(raw), '42', raw);
  assert.is(canonicalSeed('-0'), '0');
  assert.is(canonicalSeed('18446744073709551617'), '18446744073709551617', 'no rounding through a float');
  assert.is(canonicalSeed('4e2'), '4e2', 'not a whole number: kept as text');
  assert.equal(weights(canonicalSeed('042')), weights('42'));
  assert.not.equal(weights('4e2'), weights('400'));
});

test('perceptron: 8 × 32, inputs x, y, r, z1, z2, then 3 outputs', () => {
  const net = buildNetwork(spec(), '1');
  assert.is(net.inputs, 5);
  assert.equal(
    net.hidden.map((l) => [l.fanIn, l.units]),
    [[5, 32], ...Array(7).fill([32, 32])],
  );
  assert.is(net.output.units, 3);
  assert.is(net.output.fanIn, 32);
  assert.ok(net.hidden.every((l) => !l.residual));
});

test('densenet: each layer sees the inputs and all earlier layers; the output sees all 5 + 8·8 columns', () => {
  const net = buildNetwork(spec({ arch: 'densenet', hidden: 8, activation: 'sigmoid' }), '1');
  assert.equal(
    net.hidden.map((l) => l.fanIn),
    [5, 13, 21, 29, 37, 45, 53, 61],
  );
  assert.equal(
    net.hidden.map((l) => l.writeTo),
    [5, 13, 21, 29, 37, 45, 53, 61],
  );
  assert.is(net.stateWidth, 69);
  assert.is(net.output.fanIn, 69);
  assert.is(net.output.readFrom, 0);
});

test('resnet: layers after the first add their input back', () => {
  const net = buildNetwork(spec({ arch: 'resnet' }), '1');
  assert.equal(
    net.hidden.map((l) => l.residual),
    [false, true, true, true, true, true, true, true],
  );
  for (const layer of net.hidden.slice(1)) assert.is(layer.fanIn, layer.units);
});

test('hidden weights: variance β / fan-in, truncated at ±2σ; biases 0', () => {
  const beta = 100;
  const net = buildNetwork(spec({ beta, hidden: 64, layers: 3 }), '7');
  const layer = net.hidden[1];
  const std = Math.sqrt(beta / layer.fanIn);
  let sum = 0;
  let sumSq = 0;
  for (const w of layer.weights) {
    assert.ok(Math.abs(w) <= 2 * std + 1e-12, `weight ${w} beyond 2σ`);
    sum += w;
    sumSq += w * w;
  }
  const n = layer.weights.length;
  const variance = sumSq / n - (sum / n) ** 2;
  // A normal truncated at ±2σ keeps 77.4% of its variance.
  const expected = std * std * 0.774;
  assert.ok(Math.abs(variance - expected) / expected < 0.1, `variance ${variance} vs ${expected}`);
  assert.ok(net.hidden.every((l) => l.bias.every((b) => b === 0)));
});

test('every topology, activation and input kind evaluates to finite outputs in [-1, 1]', async () => {
  const grid = createPixelGrid(12, 8, 1);
  for (const arch of architectures) {
    for (const activation of ['tanh', 'sigmoid', 'sin', 'relu', 'softplus', 'gauss'] as const) {
      for (const inputs of ['standard', 'symmetric', 'radial'] as const) {
        const network = buildNetwork(spec({ arch, activation, inputs, layers: 3, hidden: 6 }), 'x');
        const out = await createReferenceBackend({ network, grid }).evaluate(new Float64Array([0.3, -0.2]));
        assert.is(out.length, 12 * 8 * 3);
        assert.ok(
          out.every((v) => Number.isFinite(v) && v >= -1 && v <= 1),
          `${arch}/${activation}/${inputs}`,
        );
      }
    }
  }
});

test('frames are bit-identical for the same seed and latent', async () => {
  const grid = createPixelGrid(16, 16, 1);
  const z = new Float64Array([0.5, 0.25]);
  const a = await createReferenceBackend({ network: buildNetwork(spec(), '9'), grid }).evaluate(z);
  const b = await createReferenceBackend({ network: buildNetwork(spec(), '9'), grid }).evaluate(z);
  assert.equal(Array.from(a), Array.from(b));
});

test.run();
