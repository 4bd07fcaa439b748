import { circlePlane, type Sweep, type SweepSpec } from '../cppn/sweep.ts';
import type { AudioMotion } from './audio-motion.ts';

/**
 * The sweep of an audio-driven render: the same paths as `createSweep` (the same circle plane for a
 * seed), but z is at `motion.position` along it rather than moving at constant speed, and a pulse
 * pushes z outwards from the path's centre (the circle's centre; the middle of from → to).
 *
 * Why the pulse moves z rather than zooming the picture: the backends take their coordinate grid
 * once per render (the WebAssembly and GPU paths precompute on it), and β scales the weights, so
 * either would mean rebuilding per frame. z is per frame already, and a push away from the centre
 * reads as a throb of the shapes.
 *
 * The sweep is made for `motion.position.length` frames; it is an error to ask for another count.
 */
export function createAudioSweep(
  spec: SweepSpec,
  latent: number,
  seed: string,
  motion: AudioMotion,
  pulseAmount: number,
  turns: number,
): Sweep {
  const { position, pulse } = motion;
  const centre = spec.loop === 'circle' ? spec.centre : spec.from.map((from, d) => (from + spec.to[d]) / 2);
  const [u, v] = spec.loop === 'circle' ? circlePlane(latent, seed) : [undefined, undefined];
  return (frame, frames) => {
    if (frames !== position.length) throw new Error(`the audio sweep has ${position.length} frames, not ${frames}`);
    const p = position[frame];
    const push = 1 + pulseAmount * pulse[frame];
    const z = new Float64Array(latent);
    if (u && v) {
      const angle = 2 * Math.PI * p;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      for (let d = 0; d < latent; d++) z[d] = centre[d] + push * spec.radius * (c * u[d] + s * v[d]);
      return z;
    }
    // pingpong: `turns` trips there and back, eased at the ends; none: from → to once, over the whole track.
    const t = spec.loop === 'pingpong' ? (1 - Math.cos(2 * Math.PI * p)) / 2 : turns > 0 ? p / turns : 0;
    for (let d = 0; d < latent; d++) {
      const onPath = spec.from[d] + t * (spec.to[d] - spec.from[d]);
      z[d] = centre[d] + push * (onPath - centre[d]);
    }
    return z;
  };
}
