import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileKernel, createTileRunner, type KernelKind, preferredKernel } from '../src/backends/wasm-tile-runner.ts';
import { inputKinds } from '../src/cppn/network/inputs.ts';
import { buildNetwork } from '../src/cppn/network/network.ts';
import { createPixelGrid } from '../src/cppn/pixel-grid.ts';
import { agreementCases, type Case, channelDifference, makeCase, maxChannelDifference, referenceOutputs } from './agreement.ts';

// Both builds where this engine runs relaxed SIMD (the plain one is the fallback elsewhere).
const kinds: KernelKind[] = preferredKernel() === 'relaxed-simd' ? ['simd', 'relaxed-simd'] : ['simd'];
const modules = new Map(kinds.map((kind) => [kind, compileKernel(kind)]));
let module = compileKernel('simd');

function simd({ network, grid, latent }: Case, tile?: number): Float32Array {
  const runner = createTileRunner(module, network, grid, tile);
  runner.setLatent(latent);
  const out = new Float32Array(grid.width * grid.height * 3);
  runner.evaluatePixels(0, grid.width * grid.height, out);
  return out;
}

let worst = 0;
const check = (cases: Case[]) => {
  for (const [kind, kernel] of modules) {
    module = kernel;
    for (const c of cases) {
      const difference = channelDifference(simd(c), referenceOutputs(c));
      worst = Math.max(worst, difference);
      assert.ok(difference <= maxChannelDifference, `${kind}: ${c.label}: ${difference}/255 from the reference`);
    }
  }
};

test(`SIMD kernel (${kinds.join(' and ')}) matches the float64 reference within 2/255: every topology and activation, three seeds`, () => {
  check(agreementCases());
});

test('SIMD kernel matches the reference for every input kind', () => {
  for (const inputs of inputKinds) check(agreementCases({ seeds: ['5'], inputs }));
});

test('SIMD kernel matches the reference with units that are not a multiple of 4, one layer, and 1 or 3 latent dimensions', () => {
  const shapes = [
    { layers: 3, hidden: 5, latent: 1 },
    { layers: 1, hidden: 3, latent: 3 },
    { layers: 2, hidden: 33, latent: 2 },
  ];
  for (const arch of ['perceptron', 'densenet', 'resnet'] as const) {
    for (const shape of shapes) check([makeCase('9', arch, 'tanh', 'radial', 17, 9, 1, shape)]);
  }
  console.log(`  SIMD kernel: largest difference from the reference over all cases ${worst}/255`);
});

test('the picture does not depend on the tile size (bit for bit), with either build', () => {
  for (const [kind, kernel] of modules) {
    module = kernel;
    for (const arch of ['perceptron', 'resnet', 'densenet'] as const) {
      const c = makeCase('3', arch, 'tanh', 'standard', 37, 11);
      const small = simd(c, 16);
      for (const tile of [8, 24, 256]) assert.equal(simd(c, tile), small, `${kind} ${arch}: tile ${tile}`);
    }
  }
});

test('memory is bounded by the tile, not the frame: an 8000×8000 frame needs under 2 MB of kernel memory', () => {
  const network = buildNetwork(
    { arch: 'perceptron', layers: 8, hidden: 32, activation: 'tanh', beta: 256, latent: 2, inputs: 'standard' },
    '1',
  );
  const runner = createTileRunner(module, network, createPixelGrid(8000, 8000, 1));
  assert.ok(runner.memoryBytes < 2e6, `${runner.memoryBytes} bytes`);
});

test.run();
