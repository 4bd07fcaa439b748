import type { SweepSpec } from '../cppn/sweep.ts';

/** The sizes a measured path may take, relative to its own (1). */
export interface SizeBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * Where a measured path may go: a circle's radius, or a pingpong's or line's half-length, between
 * `minReach` and `maxReach`, and no point of it farther than `maxReach` from the origin. Far below,
 * the picture stands still in float32; far beyond, every network has long saturated into flat
 * colour. Both lie well inside what a recipe accepts, so every measured recipe reads back.
 */
export const minReach = 1e-4;
export const maxReach = 1e3;

export function sizeBounds(sweep: SweepSpec, latent: number): SizeBounds {
  if (sweep.loop === 'circle') {
    if (sweep.radius === 0) return { min: 1, max: 1 };
    const centre = Math.hypot(...sweep.centre.slice(0, latent));
    return { min: minReach / sweep.radius, max: Math.max(minReach, maxReach - centre) / sweep.radius };
  }
  const half = Math.hypot(...sweep.from.map((f, d) => (sweep.to[d] - f) / 2));
  if (half === 0) return { min: 1, max: 1 };
  const middle = Math.hypot(...sweep.from.map((f, d) => (sweep.to[d] + f) / 2));
  return { min: minReach / half, max: Math.max(minReach, maxReach - middle) / half };
}
