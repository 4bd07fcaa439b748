import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createGpuBackend, gpuUnavailableReason } from '../src/backends/gpu-backend.ts';
import { selectBackend } from '../src/backends/select-backend.ts';
import { softwareGlDriver } from '../src/backends/software-gl.ts';
import { buildNetwork } from '../src/cppn/network/network.ts';
import { createPixelGrid } from '../src/cppn/pixel-grid.ts';
import { UsageError } from '../src/errors.ts';
import { agreementCases, type Case, channelDifference, makeCase, maxChannelDifference, referenceOutputs } from './agreement.ts';
import { testUnless } from './helpers.ts';

// Decided when the file loads, so that a test that cannot run here is registered as skipped.
const unavailable = await gpuUnavailableReason();

async function viaGpuJs(c: Case, mode: 'cpu' | 'headlessgl'): Promise<{ name: string; outputs: Float32Array }> {
  const backend = await createGpuBackend({ network: c.network, grid: c.grid }, { mode });
  try {
    const outputs = (await backend.evaluate(c.latent)).slice();
    return { name: backend.name, outputs };
  } finally {
    await backend.close();
  }
}

let worst = 0;
test('generated gpu.js kernels, run in gpu.js cpu mode on tiny frames, match the float64 reference within 2/255: every topology and activation', async () => {
  for (const c of agreementCases({ seeds: ['1', 'zsweep'], width: 7, height: 5 })) {
    const { name, outputs } = await viaGpuJs(c, 'cpu');
    assert.is(name, 'gpu.js CPUKernel');
    const difference = channelDifference(outputs, referenceOutputs(c));
    worst = Math.max(worst, difference);
    assert.ok(difference <= maxChannelDifference, `${c.label}: ${difference}/255 from the reference`);
  }
});

test('generated gpu.js kernels (gpu.js cpu mode) handle every input kind, 1 and 3 latent dimensions, odd widths and residual layers', async () => {
  const cases = [
    makeCase('4', 'resnet', 'tanh', 'radial', 6, 4, 1, { layers: 3, hidden: 5, latent: 1 }),
    makeCase('4', 'densenet', 'sigmoid', 'symmetric', 6, 4, 0, { layers: 4, hidden: 3, latent: 3 }),
    makeCase('4', 'perceptron', 'gauss', 'radial', 5, 6, 2, { layers: 2, hidden: 7, latent: 2 }),
  ];
  for (const c of cases) {
    const difference = channelDifference((await viaGpuJs(c, 'cpu')).outputs, referenceOutputs(c));
    worst = Math.max(worst, difference);
    assert.ok(difference <= maxChannelDifference, `${c.label}: ${difference}/255 from the reference`);
  }
  console.log(`  gpu.js kernels in cpu mode: largest difference from the reference ${worst}/255`);
});

testUnless(
  test,
  unavailable && `no GPU here, the headless-gl kernels were not run. ${unavailable}`,
  'on the GPU (headless-gl), the kernels match the float64 reference within 2/255',
  async () => {
    for (const c of agreementCases({ seeds: ['1'], width: 33, height: 17 })) {
      const { name, outputs } = await viaGpuJs(c, 'headlessgl');
      assert.match(name, /^gpu\.js HeadlessGLKernel/);
      const difference = channelDifference(outputs, referenceOutputs(c));
      assert.ok(difference <= maxChannelDifference, `${c.label}: ${difference}/255 from the reference`);
    }
  },
);

const input = () => ({
  network: buildNetwork({ arch: 'densenet', layers: 2, hidden: 4, activation: 'sigmoid', beta: 256, latent: 2, inputs: 'standard' }, '1'),
  grid: createPixelGrid(8, 8, 1),
});

testUnless(
  test,
  unavailable ? undefined : 'headless-gl runs here, so --backend gpu does not fail',
  '--backend gpu where it cannot run: a usage error of one line that names the fixes',
  async () => {
    try {
      await selectBackend('gpu', input());
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.instance(error, UsageError);
      const { message } = error as UsageError;
      assert.not.match(message, /\n/);
      assert.match(message, /--backend gpu cannot run here/);
      assert.match(message, /npm install -g gl@8\.1\.6/);
      assert.match(message, /xvfb-run/);
      assert.match(message, /--backend cpu/);
    }
  },
);

test('--backend auto uses a hardware GPU where it runs, and otherwise the SIMD CPU path, and says which ran', async () => {
  const backend = await selectBackend('auto', input());
  try {
    // A software GL driver (Xvfb's Mesa) is slower than the SIMD path, so auto passes it over.
    if (unavailable || softwareGlDriver()) assert.match(backend.name, /^cpu-wasm-(relaxed-)?simd \(\d+ threads?\)$/);
    else assert.match(backend.name, /^gpu\.js HeadlessGLKernel/);
  } finally {
    await backend.close();
  }
});

test.run();
