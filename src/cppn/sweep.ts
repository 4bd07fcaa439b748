import { createRandom } from './random.ts';

/**
 * How z travels across the frames.
 * - circle: a circle in a plane of the latent space; periodic with constant speed, so the loop is seamless.
 * - pingpong: from → to → from with eased turns; loops without a jump, but the motion reverses.
 * - none: from → to in a straight line at constant speed; does not loop.
 */
export const loops = ['circle', 'pingpong', 'none'] as const;
export type Loop = (typeof loops)[number];

export interface SweepSpec {
  readonly loop: Loop;
  /** circle: distance of z from the centre. */
  readonly radius: number;
  /** circle: the centre, one value per latent dimension. */
  readonly centre: readonly number[];
  /** pingpong and none: the ends of the path, one value per latent dimension. */
  readonly from: readonly number[];
  readonly to: readonly number[];
}

/** Returns z for frame `frame` of `frames`: a pure function of its arguments, the spec and the seed. */
export type Sweep = (frame: number, frames: number) => Float64Array;

/** `latent` is the number of dimensions of z; each vector in the spec has that many values. */
export function createSweep(spec: SweepSpec, latent: number, seed: string): Sweep {
  if (spec.loop === 'circle') {
    const [u, v] = circlePlane(latent, seed);
    return (frame, frames) => {
      const angle = (2 * Math.PI * frame) / frames;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      const z = new Float64Array(latent);
      for (let d = 0; d < latent; d++) z[d] = spec.centre[d] + spec.radius * (c * u[d] + s * v[d]);
      return z;
    };
  }
  const along =
    spec.loop === 'pingpong'
      ? (frame: number, frames: number) => (1 - Math.cos((2 * Math.PI * frame) / frames)) / 2
      : (frame: number, frames: number) => (frames > 1 ? frame / (frames - 1) : 0);
  return (frame, frames) => {
    const t = along(frame, frames);
    const z = new Float64Array(latent);
    for (let d = 0; d < latent; d++) z[d] = spec.from[d] + t * (spec.to[d] - spec.from[d]);
    return z;
  };
}

/**
 * Two orthonormal directions for the circle. With two dimensions the plane is the whole space; with
 * more, the seed picks a plane, so that every dimension takes part in the motion.
 */
export function circlePlane(latent: number, seed: string): [Float64Array, Float64Array] {
  const u = new Float64Array(latent);
  const v = new Float64Array(latent);
  if (latent === 2) {
    u[0] = 1;
    v[1] = 1;
    return [u, v];
  }
  const random = createRandom(seed, 'sweep-plane');
  for (let d = 0; d < latent; d++) u[d] = random.normal();
  for (let d = 0; d < latent; d++) v[d] = random.normal();
  normalise(u);
  // Gram–Schmidt: remove u's component from v.
  const dot = u.reduce((sum, ud, d) => sum + ud * v[d], 0);
  for (let d = 0; d < latent; d++) v[d] -= dot * u[d];
  normalise(v);
  return [u, v];
}

function normalise(vector: Float64Array): void {
  const length = Math.hypot(...vector);
  for (let d = 0; d < vector.length; d++) vector[d] /= length;
}
