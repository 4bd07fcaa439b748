/**
 * Flashes as WCAG 2.3.1 counts them ("Three Flashes or Below Threshold"): a general flash is a pair of
 * opposing changes in relative luminance of 10 % or more of the maximum, where the darker image is
 * below 0.80, over a large enough area; no more than three in any one second.
 *
 * The area: WCAG's is about a quarter of a 10° field of view, for a screen at a usual distance a
 * quarter of it at most; so each quarter of the frame (2 × 2), and the whole frame, is a region, and
 * the count is the most flashes any region has in any one second. A region's luminance is its mean.
 */

/** A change of at least this much relative luminance (0–1) counts. */
export const flashChange = 0.1;
/** Only changes whose darker end is below this count: bright-to-brighter is not a flash. */
export const flashDarkBelow = 0.8;
/** WCAG 2.3.1's general flash threshold: at most this many flashes in any one second. */
export const flashesPerSecondLimit = 3;

/** The regions measured: the four quarters and the whole frame. */
export const flashRegions = 5;

/** sRGB (0–255) to linear light, as WCAG's relative luminance defines it. */
const linear = Float64Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

/** The mean relative luminance of each region of an RGBA frame (quarters, then the whole). */
export function regionLuminance(rgba: Uint8ClampedArray, width: number, height: number): Float64Array {
  const sums = new Float64Array(4);
  const counts = new Float64Array(4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const q = (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
      const at = (y * width + x) * 4;
      sums[q] += 0.2126 * linear[rgba[at]] + 0.7152 * linear[rgba[at + 1]] + 0.0722 * linear[rgba[at + 2]];
      counts[q]++;
    }
  }
  const out = new Float64Array(flashRegions);
  for (let q = 0; q < 4; q++) out[q] = counts[q] ? sums[q] / counts[q] : 0;
  out[4] =
    sums.reduce((a, b) => a + b, 0) /
    Math.max(
      1,
      counts.reduce((a, b) => a + b, 0),
    );
  return out;
}

/**
 * The most flashes in any one second (`fps` frames) of one luminance series. Changes are the swings
 * between turning points, found with a hysteresis of `flashChange` (so a slow drift with small
 * wobbles is not a flash); a flash is two opposing changes, counted where the second one ends.
 */
export function flashesPerSecond(luminance: ArrayLike<number>, fps: number): number {
  const changes: number[] = [];
  let from = luminance[0];
  let extreme = luminance[0];
  let extremeAt = 0;
  let direction = 0;
  const settle = (at: number) => {
    if (Math.abs(extreme - from) >= flashChange && Math.min(extreme, from) < flashDarkBelow) changes.push(at);
    from = extreme;
  };
  for (let i = 1; i < luminance.length; i++) {
    const value = luminance[i];
    if (direction >= 0 && value > extreme) {
      extreme = value;
      extremeAt = i;
    } else if (direction <= 0 && value < extreme) {
      extreme = value;
      extremeAt = i;
    }
    if (direction === 0 && Math.abs(extreme - from) >= flashChange) direction = extreme > from ? 1 : -1;
    // A reversal by the hysteresis ends the swing at its extreme.
    if (direction !== 0 && (extreme - value) * direction >= flashChange) {
      settle(extremeAt);
      direction = -direction;
      extreme = value;
      extremeAt = i;
    }
  }
  if (direction !== 0) settle(extremeAt);
  // Flashes ending in a window of `fps` frames: every second opposing change completes one.
  let most = 0;
  for (let start = 0, end = 0; start < changes.length; start++) {
    while (end < changes.length && changes[end] < changes[start] + fps) end++;
    most = Math.max(most, Math.floor((end - start) / 2));
  }
  return most;
}

/** The most flashes a second in any region, over frames' region luminances (one Float64Array per frame). */
export function countFlashes(frames: readonly Float64Array[], fps: number): number {
  let most = 0;
  for (let r = 0; r < flashRegions; r++) {
    most = Math.max(
      most,
      flashesPerSecond(
        frames.map((f) => f[r]),
        fps,
      ),
    );
  }
  return most;
}
