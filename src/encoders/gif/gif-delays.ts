/**
 * GIF delays are whole hundredths of a second. Rounding each frame's delay on its own drifts (30 fps
 * would play at 33.3), so delays come from rounding the accumulated time: 30 fps gives 3, 3, 4, 3, 3, 4, …
 */
export function gifDelayCs(frame: number, fps: number): number {
  return Math.round(((frame + 1) * 100) / fps) - Math.round((frame * 100) / fps);
}

/** Browsers treat delays under 2 cs as 10 cs, so GIF can play at most 50 frames a second. */
export const gifMaxFps = 50;
