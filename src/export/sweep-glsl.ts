import { circlePlane, type SweepSpec } from '../cppn/sweep.ts';
import { glslFloat, glslVec4 } from './glsl-literal.ts';
import { blocksOf } from './network-glsl.ts';

/**
 * GLSL lines that set `vec4 z0, z1, …` (z packed four to a vec4) for the loop position `phase` in
 * [0, 1) (frame / frames of the CLI's sweep, cppn/sweep.ts), with `push` scaling z's distance from the
 * path's centre (1: none; the audio pulse of audio/audio-sweep.ts) and `shift` moving the centre
 * within the circle's plane (for pingpong and none, along z's first two dimensions).
 */
export function sweepGlsl(spec: SweepSpec, latent: number, seed: string, frames: number): string[] {
  const blocks = blocksOf(latent);
  const slice = (values: ArrayLike<number>, b: number) => Array.from(values).slice(b * 4, b * 4 + 4);
  const axes: [ArrayLike<number>, ArrayLike<number>] =
    spec.loop === 'circle'
      ? circlePlane(latent, seed)
      : [Array.from({ length: latent }, (_, d) => (d === 0 ? 1 : 0)), Array.from({ length: latent }, (_, d) => (d === 1 ? 1 : 0))];
  const lines: string[] = [];
  if (spec.loop === 'circle') {
    lines.push('float zs_a = 6.283185307 * phase;', `vec2 zs_cs = ${glslFloat(spec.radius)} * push * vec2(cos(zs_a), sin(zs_a)) + shift;`);
    for (let b = 0; b < blocks; b++) {
      lines.push(
        `vec4 z${b} = ${glslVec4(slice(spec.centre, b))} + zs_cs.x * ${glslVec4(slice(axes[0], b))} + zs_cs.y * ${glslVec4(slice(axes[1], b))};`,
      );
    }
    return lines;
  }
  // pingpong eases there and back; none goes from → to over frames 0 … frames − 1 (phase = frame / frames).
  lines.push(
    spec.loop === 'pingpong'
      ? 'float zs_t = .5 - .5 * cos(6.283185307 * phase);'
      : `float zs_t = min(1., phase * ${glslFloat(frames > 1 ? frames / (frames - 1) : 0)});`,
  );
  const middle = spec.from.map((from, d) => (from + spec.to[d]) / 2);
  for (let b = 0; b < blocks; b++) {
    const from = glslVec4(slice(spec.from, b));
    const to = glslVec4(slice(spec.to, b));
    const mid = glslVec4(slice(middle, b));
    const shift = `shift.x * ${glslVec4(slice(axes[0], b))} + shift.y * ${glslVec4(slice(axes[1], b))}`;
    lines.push(`vec4 z${b} = ${mid} + push * (mix(${from}, ${to}, zs_t) - ${mid}) + ${shift};`);
  }
  return lines;
}
