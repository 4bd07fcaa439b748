import { bredNetwork } from '../cppn/network/breed-network.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { colourGlsl } from './colour-glsl.ts';
import { glslFloat } from './glsl-literal.ts';
import { blocksOf, networkGlsl } from './network-glsl.ts';
import { sweepGlsl } from './sweep-glsl.ts';

/**
 * The design as one GLSL function every export wraps (page, web component, ISF, Shadertoy):
 *
 *   vec3 zs_frame(vec2 top, vec2 size, float phase, float push, vec2 shift)
 *
 * the sRGB colour (0–1) of the pixel whose centre is `top` (pixels from the top-left corner, as the
 * CLI's rows run) in a picture `size` pixels large, at loop position `phase` in [0, 1) (frame /
 * frames). It is the CLI's pixel: the grid of cppn/pixel-grid.ts (both axes over the mean of width
 * and height, times the scale), the recipe's sweep, network, levels and colour, and `aa × aa`
 * samples a pixel averaged as render/box-downsample.ts does. Plain GLSL that ES 1.0, ES 3.0 and
 * desktop 1.10 all take: no arrays, no tanh, constant loop bounds.
 */
export function loopShader(recipe: Recipe): string {
  const network = bredNetwork(recipe.network, recipe.seed, recipe.breed);
  const latentArgs = Array.from({ length: blocksOf(recipe.network.latent) }, (_, b) => `z${b}`).join(', ');
  const aa = recipe.aa;
  const sample =
    aa === 1
      ? [`return zs_colour(zs_net((2. * top - size) / m, ${latentArgs}));`]
      : [
          'vec3 sum = vec3(0.);',
          `for (int i = 0; i < ${aa}; i++) {`,
          `  for (int j = 0; j < ${aa}; j++) {`,
          `    vec2 q = top - .5 + (vec2(float(i), float(j)) + .5) / ${glslFloat(aa)};`,
          `    sum += floor(zs_colour(zs_net((2. * q - size) / m, ${latentArgs})) * 255. + .5);`,
          '  }',
          '}',
          `return sum / ${glslFloat(aa * aa * 255)};`,
        ];
  return [
    networkGlsl(network),
    colourGlsl(recipe),
    'vec3 zs_frame(vec2 top, vec2 size, float phase, float push, vec2 shift) {',
    ...sweepGlsl(recipe.sweep, recipe.network.latent, recipe.seed, recipe.frames).map((line) => `  ${line}`),
    `  float m = .5 * (size.x + size.y) / ${glslFloat(recipe.scale)};`,
    ...sample.map((line) => `  ${line}`),
    '}',
  ].join('\n');
}
