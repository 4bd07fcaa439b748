import { WebGLFunctionNode } from 'gpu.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gpuKernelSource } from '../src/backends/gpu-kernel-source.ts';
import { activationNames } from '../src/cppn/network/activations.ts';
import { inputKinds } from '../src/cppn/network/inputs.ts';
import { architectures, buildNetwork } from '../src/cppn/network/network.ts';
import { createPixelGrid } from '../src/cppn/pixel-grid.ts';

/** gpu.js's own JavaScript → GLSL translation of a kernel; needs no GL context. */
function toGlsl(source: string, latent: number): string {
  const FunctionNode = WebGLFunctionNode as unknown as new (source: string, settings: object) => { toString(): string };
  return new FunctionNode(source, {
    isRootKernel: true,
    name: 'kernel',
    output: [8, 6],
    returnType: 'Array(3)',
    precision: 'single',
    argumentTypes: Array(latent).fill('Number'),
    constants: {},
    constantTypes: {},
    lookupReturnType: () => 'Number',
    lookupFunctionArgumentTypes: () => [],
  }).toString();
}

test('generated kernels translate to GLSL for the GPU (gpu.js translator, without a GPU): every topology, activation and input kind', () => {
  for (const arch of architectures) {
    for (const activation of activationNames) {
      for (const inputs of inputKinds) {
        const network = buildNetwork({ arch, layers: 2, hidden: 3, activation, beta: 64, latent: 2, inputs }, '1');
        const glsl = toGlsl(gpuKernelSource(network, createPixelGrid(8, 6, 1)), 2);
        assert.match(glsl, /kernelResult = vec3\(user_oa0, user_oa1, user_oa2\)/, `${arch}/${activation}/${inputs}`);
        // Every weight is a literal: no arrays reach the shader.
        assert.not.match(glsl, /\[/, `${arch}/${activation}/${inputs}`);
      }
    }
  }
});

test('the kernel inlines each weight once and reads z only as scalar arguments', () => {
  const network = buildNetwork(
    { arch: 'perceptron', layers: 2, hidden: 4, activation: 'tanh', beta: 64, latent: 3, inputs: 'standard' },
    '1',
  );
  const source = gpuKernelSource(network, createPixelGrid(8, 6, 1));
  assert.match(source, /^function \(z0, z1, z2\) \{/);
  const literals = source.match(/\d\.\d+(e-?\d+)? \* /g) ?? [];
  const weights = network.hidden.reduce((sum, layer) => sum + layer.weights.length, network.output.weights.length);
  assert.is(literals.length, weights);
});

test.run();
