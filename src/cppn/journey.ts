import { createRandom } from './random.ts';
import { circlePlane, type Sweep, type SweepSpec } from './sweep.ts';

/** How a section's new region arrives: eased in over a bar or two, or at once on its downbeat. */
export const transitions = ['blend', 'cut'] as const;
export type Transition = (typeof transitions)[number];

/** Latent dimensions a journey adds to the seed's (network.ts `journeyLatent`). */
export const journeyLatentDims = 6;

/**
 * Per frame of a journey: where z is round its circle and how far it is pushed (as for any audio
 * sweep), how far the journey has come (`time`, seconds scaled by the music's energy), and each
 * section's share of the frame (`mix`, the shares of a frame summing to 1).
 */
export interface JourneyFrames {
  readonly position: Float64Array;
  /** The push outwards of each frame, already scaled: z is `1 + push` times as far from the centre. */
  readonly push: Float64Array;
  readonly time: Float64Array;
  readonly mix: SectionMix;
}

/** For each frame, the sections it shows and their shares: at most a few at once, during transitions. */
export type SectionMix = readonly (readonly { readonly section: number; readonly share: number }[])[];

/**
 * Each section's share of each frame. Section k's ramp rises from 0 at its start to 1 over
 * `transitionSeconds` (a sine ease-out, so the change launches on the downbeat), or at once for a cut,
 * on the frame nearest its start; a frame's share of section k is ramp k less ramp k + 1. Whatever
 * the spacing of the sections, every value mixed this way moves continuously (blend).
 */
export function sectionMix(
  sections: readonly number[],
  { frames, fps, transition, transitionSeconds }: { frames: number; fps: number; transition: Transition; transitionSeconds: number },
): SectionMix {
  const ramp = (k: number, frame: number) => {
    if (k === 0) return 1;
    const start = sections[k - 1];
    if (transition === 'cut') return frame >= Math.round(start * fps) ? 1 : 0;
    const x = (frame / fps - start) / transitionSeconds;
    return x <= 0 ? 0 : x >= 1 ? 1 : Math.sin((Math.PI / 2) * x);
  };
  const mix: { section: number; share: number }[][] = [];
  for (let f = 0; f < frames; f++) {
    const shares: { section: number; share: number }[] = [];
    for (let k = 0; k <= sections.length; k++) {
      const share = ramp(k, f) - (k < sections.length ? ramp(k + 1, f) : 0);
      if (share > 1e-12) shares.push({ section: k, share });
    }
    mix.push(shares);
  }
  return mix;
}

/** A value per section, mixed for each frame. */
export function mixed(mix: SectionMix, values: (section: number) => number): Float64Array {
  return Float64Array.from(mix, (shares) => shares.reduce((sum, { section, share }) => sum + share * values(section), 0));
}

/** How far, in radii, each section's region lies from the first's, in the journey's dimensions. */
const regionDistance = 2;
/** The slow wander within a section: its size in radii, and the periods of its components in seconds of journey time. */
const wanderSize = 1;
const wanderPeriods = [47, 83, 131];
/** How far the circle's plane tilts into the journey's dimensions, at most (radians), and the periods of the tilt. */
const tiltSize = Math.PI / 4;
const tiltPeriods = [71, 109];

/**
 * The sweep of a journey: z goes round the seed's circle at the calibrated radius, as in any audio
 * render, while (in `extra` dimensions of its own, see journey-network.ts) the circle's centre wanders
 * and its plane tilts slowly out of the seed's, and each section moves it to a region of its own.
 * Frame 0 of the first section is exactly the seed's circle. Seeded (`journey-path`), so the same seed
 * travels the same way; no component repeats within a day of journey time together with the others.
 */
export function createJourneySweep(spec: SweepSpec, latent: number, seed: string, extra: number, journey: JourneyFrames): Sweep {
  const { position, push, time, mix } = journey;
  const [u, v] = circlePlane(latent, seed);
  const random = createRandom(seed, 'journey-path');
  const unit = () => {
    const w = Float64Array.from({ length: extra }, () => random.normal());
    const length = Math.hypot(...w) || 1;
    return w.map((x) => x / length);
  };
  // Two orthonormal directions the plane tilts into.
  const e1 = unit();
  const e2 = unit();
  const dot = e1.reduce((sum, x, j) => sum + x * e2[j], 0);
  for (let j = 0; j < extra; j++) e2[j] -= dot * e1[j];
  const e2Length = Math.hypot(...e2) || 1;
  for (let j = 0; j < extra; j++) e2[j] /= e2Length;
  const wander = wanderPeriods.map((period) => ({ direction: unit(), omega: (2 * Math.PI) / period }));
  const tilts = tiltPeriods.map((period) => ({ omega: (2 * Math.PI) / period }));
  const sections = mix.reduce((most, shares) => Math.max(most, ...shares.map((s) => s.section + 1)), 1);
  // The first section starts at the seed's own circle; each later one has a region and a tilt of its own.
  const regions = Array.from({ length: sections }, (_, k) => (k === 0 ? new Float64Array(extra) : unit().map((x) => x * regionDistance)));
  const tiltOffsets = Array.from({ length: sections }, (_, k) => (k === 0 ? [0, 0] : [random.normal() * 0.5, random.normal() * 0.5]));
  const radius = spec.radius;
  return (frame, frames) => {
    if (frames !== position.length) throw new Error(`the journey has ${position.length} frames, not ${frames}`);
    const t = time[frame];
    const shares = mix[frame];
    const region = new Float64Array(extra);
    let alpha = tiltSize * Math.sin(tilts[0].omega * t);
    let beta = tiltSize * Math.sin(tilts[1].omega * t);
    for (const { section, share } of shares) {
      for (let j = 0; j < extra; j++) region[j] += share * regions[section][j];
      alpha += share * tiltOffsets[section][0];
      beta += share * tiltOffsets[section][1];
    }
    const angle = 2 * Math.PI * position[frame];
    const r = radius * (1 + push[frame]);
    const c = Math.cos(angle) * r;
    const s = Math.sin(angle) * r;
    const z = new Float64Array(latent + extra);
    const cu = c * Math.cos(alpha);
    const sv = s * Math.cos(beta);
    for (let d = 0; d < latent; d++) z[d] = spec.centre[d] + cu * u[d] + sv * v[d];
    const ce = c * Math.sin(alpha);
    const se = s * Math.sin(beta);
    for (let j = 0; j < extra; j++) {
      let w = 0;
      for (const { direction, omega } of wander) w += direction[j] * Math.sin(omega * t);
      z[latent + j] = radius * (region[j] + wanderSize * w) + ce * e1[j] + se * e2[j];
    }
    return z;
  };
}
