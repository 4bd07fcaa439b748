import type { ActivationName } from '../cppn/network/activations.ts';
import type { Layer, Network } from '../cppn/network/network.ts';
import { glslFloat, glslVec4 } from './glsl-literal.ts';

/** Where one column of the network's state lives in the shader: a vec4 variable and one of its lanes. */
interface Lane {
  readonly block: string;
  readonly lane: number;
}

/** How many vec4s hold `count` values. */
export function blocksOf(count: number): number {
  return Math.ceil(count / 4);
}

/**
 * The network as GLSL: `vec3 zs_net(vec2 p, vec4 z0, …)` returns the three tanh outputs of the point
 * p for the latent z packed four to a vec4. It is the same plan as every backend runs
 * (cppn/network/network.ts): each layer reads `fanIn` state columns from `readFrom` and writes its
 * units at `writeTo`, so densenet's concatenation and resnet's skips need no code of their own.
 *
 * Each state segment (the pixel's features, z, a layer's units) is packed into vec4s and a layer is
 * `act(bias + mat4(…)·block + …)`, four units at a time: a mat4 of literals costs about nine
 * characters a weight (a densenet's shader is about 20 KB), and GPUs run it as dense
 * multiply-adds with the weights as constants. Weights are literals rather than uniforms: a
 * perceptron's 7,000 would not fit WebGL2's guaranteed uniform space, and ISF and Shadertoy take no
 * data besides the code.
 */
export function networkGlsl(network: Network): string {
  const { features, spec } = network;
  const latentBlocks = blocksOf(spec.latent);
  const lines: string[] = [];
  const columns: Lane[] = [];
  for (let c = 0; c < features; c++) columns[c] = { block: 'f', lane: c };
  for (let d = 0; d < spec.latent; d++) columns[features + d] = { block: `z${Math.floor(d / 4)}`, lane: d % 4 };
  const radial = spec.inputs === 'radial';
  lines.push(
    spec.inputs === 'symmetric' ? 'vec4 f = vec4(p * p, 0., 0.);' : `float r = length(p);`,
    ...(spec.inputs === 'symmetric' ? [] : [`vec4 f = vec4(p, r, ${radial ? 'cos(10. * r)' : '0.'});`]),
  );

  const layerBlocks = (layer: Layer, prefix: string, activation: ActivationName | 'tanh'): string[] => {
    const names: string[] = [];
    for (let b = 0; b < blocksOf(layer.units); b++) {
      const units = [0, 1, 2, 3].map((i) => b * 4 + i).filter((j) => j < layer.units);
      const terms: string[] = [];
      const bias = units.map((j) => layer.bias[j]);
      if (bias.some((v) => v !== 0)) terms.push(glslVec4(bias));
      // The inputs this layer reads, grouped by the vec4 they live in, in order of first appearance.
      const byBlock = new Map<string, number[][]>();
      for (let k = 0; k < layer.fanIn; k++) {
        const { block, lane } = columns[layer.readFrom + k];
        if (!byBlock.has(block))
          byBlock.set(
            block,
            [0, 1, 2, 3].map(() => [0, 0, 0, 0]),
          );
        // mat4's constructor takes columns: column `lane` holds the four units' weights of that input.
        const column = byBlock.get(block)![lane];
        units.forEach((j, i) => {
          column[i] = layer.weights[j * layer.fanIn + k];
        });
      }
      for (const [block, matrix] of byBlock) terms.push(`mat4(${matrix.flat().map(glslFloat).join(',')})*${block}`);
      const name = `${prefix}${b}`;
      const sum = terms.length ? terms.join('+') : 'vec4(0.)';
      const value = `${activationName(activation)}(${sum})`;
      lines.push(
        layer.residual ? `vec4 ${name} = zs_tanh(${columns[layer.readFrom + b * 4].block} + ${value});` : `vec4 ${name} = ${value};`,
      );
      names.push(name);
    }
    return names;
  };

  network.hidden.forEach((layer, l) => {
    const names = layerBlocks(layer, `h${l}_`, layer.activation);
    for (let j = 0; j < layer.units; j++) columns[layer.writeTo + j] = { block: names[Math.floor(j / 4)], lane: j % 4 };
  });
  const [out] = layerBlocks(network.output, 'o', 'tanh');
  const parameters = Array.from({ length: latentBlocks }, (_, b) => `vec4 z${b}`).join(', ');
  return [
    activationsGlsl(network.hidden.map((layer) => layer.activation)),
    `vec3 zs_net(vec2 p, ${parameters}) {`,
    ...lines.map((line) => `  ${line}`),
    `  return ${out}.xyz;`,
    '}',
  ].join('\n');
}

function activationName(activation: ActivationName): string {
  return `zs_${activation}`;
}

/**
 * The activations on vec4s, in what every GLSL has (GLSL 1.10, which some ISF hosts compile, has no
 * tanh). tanh is the rational [13/6] of the SIMD kernel the CLI runs (src/backends/gpu-kernel-source.ts
 * uses the same), and sigmoid is expressed through it as there.
 */
function activationsGlsl(used: readonly ActivationName[]): string {
  const bodies: Record<ActivationName, string> = {
    tanh: '',
    sigmoid: 'vec4 zs_sigmoid(vec4 x) { return .5 + .5 * zs_tanh(.5 * x); }',
    sin: 'vec4 zs_sin(vec4 x) { return sin(x); }',
    relu: 'vec4 zs_relu(vec4 x) { return max(x, 0.); }',
    softplus: 'vec4 zs_softplus(vec4 x) { return max(x, 0.) + log(1. + exp(-abs(x))); }',
    gauss: 'vec4 zs_gauss(vec4 x) { return exp(-x * x); }',
  };
  return [
    'vec4 zs_tanh(vec4 x) {',
    '  vec4 c = clamp(x, -9., 9.);',
    '  vec4 q = c * c;',
    '  return c * (4.89352455891786e-3 + q * (6.37261928875436e-4 + q * (1.48572235717979e-5 + q * (5.12229709037114e-8 + q * (-8.60467152213735e-11 + q * (2.00018790482477e-13 + q * -2.76076847742355e-16))))))',
    '    / (4.89352518554385e-3 + q * (2.26843463243900e-3 + q * (1.18534705686654e-4 + q * 1.19825839466702e-6)));',
    '}',
    ...[...new Set(used)].map((name) => bodies[name]).filter(Boolean),
  ].join('\n');
}
