import type { AudioTrack } from '../audio/read-audio.ts';
import type { SweepSpec } from '../cppn/sweep.ts';
import { inRecipeOrder, type Recipe } from '../recipe/recipe.ts';
import { flashesPerSecondLimit } from './count-flashes.ts';
import { flashCounter, withAccent } from './limit-flashes.ts';
import { type LookSample, lookSampler, type SamplePrecision } from './look-sampler.ts';
import { type SizeBounds, sizeBounds } from './path-bounds.ts';

/** What is measured before a render, and then stored in its recipe. */
export interface LookRequest {
  /** Set the radius (or path length) to move at this speed (see `speedPerFrame`); absent keeps the recipe's. */
  readonly speed?: number;
  /** Measure levels over the loop; otherwise the recipe's (or none). */
  readonly levels: boolean;
}

/**
 * What measuring found that the user should know: the asked speed could not be reached (the speed
 * that was, in the unit of --speed), or the picture is a flat field at every size tried.
 */
export interface LookReport {
  readonly asked?: number;
  /** The speed the path moves at, where it is not the asked one. */
  readonly reached?: number;
  /** Why not: the picture stops changing more as its path grows (`saturated`), or the path hit its bound. */
  readonly limit?: 'saturated' | 'bound';
  /** The picture is (nearly) one flat colour at every path size tried. */
  readonly flat?: boolean;
  /** The path was shortened until its travel flashed at most 3 times a second (WCAG 2.3.1); `reached` is the speed kept. */
  readonly flashes?: number;
}

/** The frame rate a speed is stated at: the same speed looks the same at any fps. */
export const speedFps = 30;

/**
 * How closely a loop is measured: the largest side of its frames (a few thousand samples give the
 * statistics of a picture of any size) and the pairs of consecutive frames sampled along it. A
 * contact sheet, with many loops to measure and small cells to show, takes the coarse one.
 */
export const measurePrecision = { fine: { side: 48, pairs: 16 }, coarse: { side: 32, pairs: 10 } } as const;
/** Passes over the sampled frames, at most: each about 50 ms of one core. */
const maxPasses = 12;
/** Close enough to the asked speed to stop: well inside what a person can tell apart. */
const tolerance = 0.05;
/** A reached speed this close to the asked one goes unremarked. */
const reportTolerance = 0.15;
/**
 * A picture whose channels spread less than this (standard deviation, 0–255) within a frame is a flat
 * field of colour: the saturated end of a path that has grown too large.
 */
export const flatDetail = 6;
/**
 * Loops of at most this many frames are checked for flashes before rendering (every frame, small);
 * longer ones are caught as they render (render/flash-guard.ts).
 */
const flashCheckFrames = 3600;
/** Halvings of the path's log-size searched when its travel flashes. */
const flashSteps = 6;
/** Growth of motion with size, as a power, below which the picture has saturated: growing it further only blurs time. */
const saturatedGrowth = 0.15;

/** The mean change per channel per frame, on 0–255, that `speed` asks of a render at `fps`. */
export function speedPerFrame(speed: number, fps: number): number {
  return (speed * speedFps) / fps;
}

/**
 * Measures the recipe's loop at low resolution on the CPU path and returns the recipe with what was
 * asked set from it: the radius (or path length) that moves at the asked speed, and the levels of the
 * whole loop. The results are rounded, so that the same command gives the same recipe on machines
 * whose kernels differ in their last bits.
 */
export async function measureLook(
  recipe: Recipe,
  request: LookRequest,
  options: {
    precision?: SamplePrecision;
    signal?: AbortSignal;
    /**
     * The plain SIMD kernel, compiled: the studio's page passes its own (it cannot read files), so
     * that it measures the same numbers as the command line.
     */
    kernel?: WebAssembly.Module;
    /** The soundtrack the render follows: its travel is part of the loop measured. */
    audio?: AudioTrack;
  } = {},
): Promise<Recipe> {
  return (await measureLookReport(recipe, request, options)).recipe;
}

/**
 * `measureLook`, with what the user should know about the result. The search brackets the asked speed
 * on the part of the curve where motion still grows with the path's size, then narrows it down; it
 * never steps into saturation (a flat field, or motion that no longer grows), and keeps the best pass
 * it made, with that pass's levels.
 */
export async function measureLookReport(
  recipe: Recipe,
  request: LookRequest,
  {
    precision = measurePrecision.fine,
    signal,
    kernel,
    audio,
  }: { precision?: SamplePrecision; signal?: AbortSignal; kernel?: WebAssembly.Module; audio?: AudioTrack } = {},
): Promise<{ recipe: Recipe; report: LookReport }> {
  if (request.speed === undefined && !request.levels) return { recipe, report: {} };
  const sample = lookSampler(recipe, { precision, levels: request.levels, audio, kernel, signal });
  const bounds = sizeBounds(recipe.sweep, recipe.network.latent);
  const at = (size: number) => {
    const clamped = Math.min(bounds.max, Math.max(bounds.min, size));
    return sample(resized(recipe.sweep, clamped, bounds), clamped);
  };
  let best: LookSample;
  let report: LookReport = {};
  if (request.speed === undefined) best = await at(1);
  else {
    const target = speedPerFrame(request.speed, recipe.fps);
    const found = await searchSize(at, target, bounds);
    best = found.best;
    const calmed = await withoutFlashes(recipe, best, { at, bounds, audio, signal, kernel });
    const { flashes } = calmed;
    best = calmed.pass;
    const reached = (best.motion * recipe.fps) / speedFps;
    const off = Math.abs(Math.log(Math.max(best.motion, 1e-9) / target)) > Math.log(1 + reportTolerance);
    report = {
      ...(off || flashes !== undefined
        ? { asked: request.speed, reached: roundSignificant(reached, 2), ...(found.limit ? { limit: found.limit } : {}) }
        : {}),
      ...(flashes !== undefined ? { flashes } : {}),
      ...(found.flat ? { flat: true } : {}),
    };
  }
  if (best.detail < flatDetail) report = { ...report, flat: true };
  return {
    recipe: inRecipeOrder({
      ...recipe,
      ...(request.levels && best.levels ? { levels: best.levels } : {}),
      ...(request.speed === undefined ? {} : { speed: request.speed }),
      sweep: best.sweep,
    }),
    report,
  };
}

/**
 * The path's size whose motion is nearest `target`. Motion grows with size, about as a power of it,
 * until the picture saturates; past that it falls, and the picture turns into flat fields of colour
 * that jump. So: step towards the target along the secant of log motion over log size, stopping
 * where the picture is flat or motion grew less than `saturatedGrowth` of its power; once the target is
 * bracketed by two living pictures, narrow it down between them (in log–log).
 */
async function searchSize(
  at: (size: number) => Promise<LookSample>,
  target: number,
  bounds: SizeBounds,
): Promise<{ best: LookSample; limit?: 'saturated' | 'bound'; flat: boolean }> {
  const passes: LookSample[] = [];
  const living = (pass: LookSample) => pass.detail >= flatDetail;
  const distance = (pass: LookSample) => Math.abs(Math.log(Math.max(pass.motion, 1e-9) / target));
  let below: LookSample | undefined; // the largest living size known to move slower than the target
  let above: LookSample | undefined; // the smallest size known to move faster, or to be too large
  let ceiling = bounds.max; // sizes above this have saturated
  let limit: 'saturated' | 'bound' | undefined;
  let pass = await at(1);
  passes.push(pass);
  for (let i = 1; i < maxPasses && distance(pass) > Math.log(1 + tolerance); i++) {
    if (!living(pass) && (below === undefined || pass.size > below.size)) {
      // Too large: flat. Sizes from here up are out.
      ceiling = Math.min(ceiling, pass.size);
      limit = 'saturated';
    } else if (pass.motion < target) {
      if (below && pass.size > below.size && pass.motion < below.motion * (pass.size / below.size) ** saturatedGrowth) {
        // Grew without moving more: saturated; the target is out of reach above `below`.
        ceiling = Math.min(ceiling, pass.size);
        limit = 'saturated';
      } else if (!below || pass.size > below.size) below = pass;
    } else if (!above || pass.size < above.size) above = pass;

    let next: number;
    if (below && above && above.size <= ceiling) next = between(below, above, target);
    else if (below && ceiling < bounds.max) {
      // The target lies beyond saturation: try once between the last living size and the ceiling.
      if (ceiling / below.size < 1.05) break;
      next = Math.sqrt(below.size * ceiling);
    } else if (below) {
      const slope = secantSlope(passes, below);
      const step = below.motion > 0 ? (target / below.motion) ** (1 / slope) : 4;
      next = below.size * Math.min(4, Math.max(1.1, step));
    } else if (above) {
      const step = above.motion > 0 ? target / above.motion : 0.1;
      next = above.size * Math.min(0.9, Math.max(0.05, step));
    } else {
      // A flat picture at size 1 and nothing living yet: look smaller.
      next = pass.size / 8;
    }
    next = Math.min(ceiling, bounds.max, Math.max(bounds.min, next));
    if (passes.some((p) => Math.abs(p.size / next - 1) < 1e-3)) {
      if (next >= bounds.max || next <= bounds.min) limit = 'bound';
      break;
    }
    pass = await at(next);
    passes.push(pass);
  }
  const candidates = passes.filter(living);
  const flat = candidates.length === 0;
  const best = (flat ? passes : candidates).reduce((a, b) => (distance(b) < distance(a) ? b : a));
  return { best, ...(limit ? { limit } : {}), flat };
}

/**
 * The pass itself where its travel flashes at most 3 times a second, counted on every frame (small),
 * with any accent set aside (the flash limit weakens accents itself, render/limit-flashes.ts); else
 * the largest smaller path that does not flash, and the flashes a second the asked one had.
 */
async function withoutFlashes(
  recipe: Recipe,
  pass: LookSample,
  {
    at,
    bounds,
    audio,
    signal,
    kernel,
  }: {
    at: (size: number) => Promise<LookSample>;
    bounds: SizeBounds;
    audio?: AudioTrack;
    signal?: AbortSignal;
    kernel?: WebAssembly.Module;
  },
): Promise<{ pass: LookSample; flashes?: number }> {
  if (recipe.frames > flashCheckFrames || recipe.frames < 2) return { pass };
  const plain = withAccent(recipe, 0);
  const count = flashCounter(plain, audio, { signal, kernel });
  const flashesAt = (sweep: SweepSpec) => count({ ...plain, sweep });
  const flashes = await flashesAt(pass.sweep);
  if (flashes <= flashesPerSecondLimit) return { pass };
  let low = Math.max(bounds.min, pass.size / 64);
  let high = pass.size;
  for (let step = 0; step < flashSteps; step++) {
    const middle = Math.sqrt(low * high);
    if ((await flashesAt(resized(recipe.sweep, middle, bounds))) <= flashesPerSecondLimit) low = middle;
    else high = middle;
  }
  return { pass: await at(low), flashes };
}

/** Where motion would meet the target between a slower and a faster size, on the log–log line through them. */
function between(below: LookSample, above: LookSample, target: number): number {
  const span = Math.log(above.size / below.size);
  const rise = Math.log(Math.max(above.motion, 1e-9) / Math.max(below.motion, 1e-9));
  const t = rise > 0 && below.motion > 0 ? Math.log(target / below.motion) / rise : 0.5;
  // Kept off the ends, so that each pass narrows the bracket.
  return below.size * Math.exp(span * Math.min(0.8, Math.max(0.2, t)));
}

/** How motion grew with size over the last two living passes below the target, as a power (1 while unknown). */
function secantSlope(passes: readonly LookSample[], latest: LookSample): number {
  const earlier = passes.filter((p) => p.size < latest.size && p.motion > 0 && p.detail >= flatDetail).at(-1);
  if (!earlier || latest.motion <= 0) return 1;
  const slope = Math.log(latest.motion / earlier.motion) / Math.log(latest.size / earlier.size);
  return Math.min(2, Math.max(0.3, slope));
}

/**
 * The sweep made `size` times as long: the circle's radius, or for pingpong and none the path
 * from → to about its middle. `size` 1 is the sweep itself.
 */
function resized(sweep: SweepSpec, size: number, bounds: SizeBounds): SweepSpec {
  if (size === 1) return sweep;
  const rounded = Math.min(bounds.max, Math.max(bounds.min, roundSignificant(size, 3)));
  if (sweep.loop === 'circle') return { ...sweep, radius: roundSignificant(sweep.radius * rounded, 6) };
  const from = sweep.from.map((f, d) => roundSignificant((f + sweep.to[d]) / 2 + ((f - sweep.to[d]) / 2) * rounded, 6));
  const to = sweep.to.map((t, d) => roundSignificant((t + sweep.from[d]) / 2 + ((t - sweep.from[d]) / 2) * rounded, 6));
  return { ...sweep, from, to };
}

function roundSignificant(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}
