import type { ActivationName } from '../cppn/network/activations.ts';
import { type Layer, latentColumns, type Network } from '../cppn/network/network.ts';
import type { PixelGrid } from '../cppn/pixel-grid.ts';

/**
 * The network as one gpu.js kernel, in the JavaScript subset gpu.js translates to GLSL: every
 * activation is a named scalar `const` and every weight an inlined literal. Both are forced by
 * gpu.js: local arrays fail to compile on every backend, and weights passed as an array argument
 * made the shader compiler use 24 GB. The kernel takes z as scalar arguments (`z0, z1, …`) and
 * returns the three tanh outputs of pixel (this.thread.x, this.thread.y).
 */
export function gpuKernelSource(network: Network, grid: PixelGrid): string {
  const { features, inputs } = network;
  const lines: string[] = [];
  // The state column c holds a name: features and z first, then each unit as it is computed.
  const names: string[] = [];
  const axis = (values: Float64Array, thread: string, name: string) => {
    // The grid's coordinates are affine in the pixel index: value = index · step + first.
    const step = values.length > 1 ? (values[values.length - 1] - values[0]) / (values.length - 1) : 0;
    lines.push(`const ${name} = ${thread} * ${literal(step)} + ${literal(values[0])};`);
  };
  axis(grid.xs, 'this.thread.x', 'x');
  axis(grid.ys, 'this.thread.y', 'y');
  if (network.spec.inputs === 'symmetric') {
    lines.push('const f0 = x * x;', 'const f1 = y * y;');
  } else {
    lines.push('const f0 = x;', 'const f1 = y;', 'const f2 = Math.sqrt(x * x + y * y);');
    if (network.spec.inputs === 'radial') lines.push('const f3 = Math.cos(10.0 * f2);');
  }
  for (let c = 0; c < features; c++) names[c] = `f${c}`;
  for (let d = 0; features + d < inputs; d++) names[features + d] = `z${d}`;

  const layer = (l: Layer, prefix: string, activation: ActivationName) => {
    const outputs: string[] = [];
    for (let j = 0; j < l.units; j++) {
      const terms = [literal(l.bias[j])];
      for (let k = 0; k < l.fanIn; k++) terms.push(`${literal(l.weights[j * l.fanIn + k])} * ${names[l.readFrom + k]}`);
      const sum = `${prefix}s${j}`;
      lines.push(`const ${sum} = ${terms.join(' + ').replaceAll('+ -', '- ')};`);
      const value = `${prefix}a${j}`;
      lines.push(...activationLines(activation, sum, value));
      if (l.residual) {
        const residual = `${prefix}r${j}`;
        lines.push(`const ${residual}i = ${names[l.readFrom + j]} + ${value};`, ...activationLines('tanh', `${residual}i`, residual));
        outputs.push(residual);
      } else {
        outputs.push(value);
      }
    }
    return outputs;
  };
  network.hidden.forEach((hidden, l) => {
    layer(hidden, `h${l}_`, hidden.activation).forEach((name, j) => {
      names[hidden.writeTo + j] = name;
    });
  });
  const [r, g, b] = layer(network.output, 'o', 'tanh');
  lines.push(`return [${r}, ${g}, ${b}];`);
  const parameters = Array.from({ length: latentColumns(network.spec) }, (_, d) => `z${d}`).join(', ');
  return `function (${parameters}) {\n${lines.map((line) => `  ${line}`).join('\n')}\n}`;
}

/** A float literal GLSL accepts (always with a point or an exponent), exact enough for float32. */
function literal(value: number): string {
  return value.toPrecision(9);
}

/**
 * The activations in what GLSL and gpu.js both have. tanh is the rational [13/6] of the SIMD
 * kernel (GLSL ES 1.0 has no tanh, and e^x overflows); sigmoid is expressed through it.
 */
function activationLines(activation: ActivationName, x: string, out: string): string[] {
  switch (activation) {
    case 'tanh':
      return tanhLines(x, out);
    case 'sigmoid':
      return [`const ${out}h = ${x} * 0.5;`, ...tanhLines(`${out}h`, `${out}t`), `const ${out} = 0.5 + 0.5 * ${out}t;`];
    case 'sin':
      return [`const ${out} = Math.sin(${x});`];
    case 'relu':
      return [`const ${out} = Math.max(${x}, 0.0);`];
    case 'softplus':
      return [`const ${out} = Math.max(${x}, 0.0) + Math.log(1.0 + Math.exp(0.0 - Math.abs(${x})));`];
    case 'gauss':
      return [`const ${out} = Math.exp(0.0 - ${x} * ${x});`];
  }
}

function tanhLines(x: string, out: string): string[] {
  return [
    `const ${out}c = Math.min(9.0, Math.max(-9.0, ${x}));`,
    `const ${out}q = ${out}c * ${out}c;`,
    `const ${out} = ${out}c * (4.89352455891786e-3 + ${out}q * (6.37261928875436e-4 + ${out}q * (1.48572235717979e-5 + ${out}q * (5.12229709037114e-8 + ${out}q * (-8.60467152213735e-11 + ${out}q * (2.00018790482477e-13 + ${out}q * -2.76076847742355e-16))))))` +
      ` / (4.89352518554385e-3 + ${out}q * (2.26843463243900e-3 + ${out}q * (1.18534705686654e-4 + ${out}q * 1.19825839466702e-6)));`,
  ];
}
