import { asciiJson, type Recipe } from '../recipe/recipe.ts';
import { glslFloat } from './glsl-literal.ts';

/**
 * A Shadertoy shader: paste it into a new shader's Image tab. `iTime` plays the loop at the CLI's
 * speed (frames / fps seconds a turn); everything else is the design, built in.
 */
export function shadertoyShader(recipe: Recipe, glsl: string): string {
  return `// zsweep ${recipe.zsweep}: seed ${asciiJson(recipe.seed)}, a ${recipe.frames}-frame loop at ${recipe.fps} fps.
// Made by zsweep export; the recipe: ${asciiJson(recipe)}
${glsl}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  float phase = fract(iTime * ${glslFloat(recipe.fps / recipe.frames)});
  fragColor = vec4(zs_frame(vec2(fragCoord.x, iResolution.y - fragCoord.y), iResolution.xy, phase, 1., vec2(0.)), 1.);
}
`;
}
