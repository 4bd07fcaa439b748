import { choosePalette } from './choose-palette.ts';
import { nearestColour } from './nearest-colour.ts';

/** How hard the GIF encoder works for quality against size: the levers a size cap searches over. */
export interface GifQuality {
  /** Palette entries per frame, 2 to 256 (one of them the transparent one after the first frame). */
  readonly colours: number;
  /**
   * How much worse the colour already on screen may be than the best palette colour and still be kept
   * (a transparent pixel), as a multiple of the palette's mean error on the frame before (squared RGB
   * distance, summed over channels): the rate–distortion trade, scaled to what the palette achieves
   * on each picture. Kept pixels do not change, so still areas do not shimmer, and runs of them cost
   * almost nothing.
   */
  readonly keep: number;
  /** How far the keep threshold varies with position (0: not at all, 1: from 0 to twice `keep`). */
  readonly keepSpread: number;
  /**
   * How much worse (squared RGB distance) the index of the pixel to the left may be than the best and
   * still be repeated: runs of one index are what GIF's LZW compresses best.
   */
  readonly run: number;
  /** Ordered dither, as a fraction of the palette's typical step: breaks up banding in slow gradients. */
  readonly dither: number;
}

/** One frame as GIF draws it: a rectangle of palette indices over what is already on screen. */
export interface PlannedFrame {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly index: Uint8Array;
  /** RGB triples. */
  readonly palette: Uint8Array;
  /** The index that leaves the pixel as it was; undefined on a frame that draws every pixel. */
  readonly transparent: number | undefined;
  /** The palette's mean error over the pixels drawn (squared RGB distance): sets the next frame's `keep`. */
  readonly error: number;
}

/** 8×8 Bayer thresholds, centred on 0, in (−0.5, 0.5). */
const bayer = (() => {
  const out = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      const a = x ^ y;
      let v = 0;
      for (let bit = 2; bit >= 0; bit--) v = (v << 2) | (((a >> bit) & 1) << 1) | ((y >> bit) & 1);
      out[y * 8 + x] = (v + 0.5) / 64 - 0.5;
    }
  }
  return out;
})();

/**
 * Plans a frame against `screen` (RGB of what the viewer sees now, updated in place to what it will
 * see after this frame), or a full frame when `first`. Pixels whose colour on screen is close
 * enough (`quality.keep`) stay; the rest bound the rectangle written, and choose its palette.
 */
export function planFrame(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  screen: Uint8Array,
  /** For each pixel, its squared error when it was last drawn: a pixel no worse than that stays. */
  drawnError: Float32Array,
  first: boolean,
  quality: GifQuality,
  /** The frame before's `error`. */
  lastError: number,
): PlannedFrame {
  const keep = quality.keep;
  const run = quality.run;
  const pixels = width * height;
  const changed = new Int32Array(pixels);
  let count = 0;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let p = 0; p < pixels; p++) {
    if (!first) {
      const dr = rgba[p * 4] - screen[p * 3];
      const dg = rgba[p * 4 + 1] - screen[p * 3 + 1];
      const db = rgba[p * 4 + 2] - screen[p * 3 + 2];
      const x = p % width;
      const threshold = bayer[((p / width) & 7) * 8 + (x & 7)];
      if (dr * dr + dg * dg + db * db <= drawnError[p] + keep * (1 + 2 * quality.keepSpread * threshold)) continue;
    }
    changed[count++] = p;
    const x = p % width;
    const y = (p - x) / width;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (count === 0) {
    // Nothing to draw; GIF still needs a frame to hold the time: one kept pixel.
    return { x: 0, y: 0, width: 1, height: 1, index: new Uint8Array(1), palette: new Uint8Array(6), transparent: 0, error: lastError };
  }
  const transparent = first ? undefined : 0;
  const reserved = transparent === undefined ? 0 : 1;
  const chosen = choosePalette(rgba, changed, count, Math.max(1, Math.min(256, quality.colours) - reserved));
  const entries = chosen.length / 3;
  const palette = new Uint8Array((entries + reserved) * 3);
  palette.set(chosen, reserved * 3);
  const nearest = nearestColour(chosen, entries);
  const amplitude = quality.dither * paletteStep(chosen, entries);

  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const index = new Uint8Array(w * h);
  let errorSum = 0;
  let drawn = 0;
  for (let y = y0; y <= y1; y++) {
    // The index and colour of the pixel to the left (−1: none yet in this row).
    let left = -1;
    for (let x = x0; x <= x1; x++) {
      const p = y * width + x;
      const r = rgba[p * 4];
      const g = rgba[p * 4 + 1];
      const b = rgba[p * 4 + 2];
      const threshold = bayer[(y & 7) * 8 + (x & 7)];
      const offset = amplitude * threshold;
      // The keep threshold varies by position as the dither does: where a still area starts to be
      // redrawn, the edge is a fine fixed pattern rather than a contour that crawls across it.
      const keepHere = keep * (1 + 2 * quality.keepSpread * threshold);
      const entry = nearest.find(clamp(r + offset), clamp(g + offset), clamp(b + offset)) & 255;
      let chosen = entry + reserved;
      let best = distance(r, g, b, palette, chosen);
      if (!first) {
        const kept = (r - screen[p * 3]) ** 2 + (g - screen[p * 3 + 1]) ** 2 + (b - screen[p * 3 + 2]) ** 2;
        if (kept <= Math.max(best, drawnError[p]) + keepHere) {
          chosen = 0;
          best = kept;
        }
      }
      if (left >= 0 && left !== chosen) {
        const repeat =
          left === 0
            ? (r - screen[p * 3]) ** 2 + (g - screen[p * 3 + 1]) ** 2 + (b - screen[p * 3 + 2]) ** 2
            : distance(r, g, b, palette, left);
        if (repeat <= best + run) chosen = left;
      }
      left = chosen;
      index[(y - y0) * w + (x - x0)] = chosen;
      if (chosen === 0 && !first) continue;
      screen[p * 3] = palette[chosen * 3];
      screen[p * 3 + 1] = palette[chosen * 3 + 1];
      screen[p * 3 + 2] = palette[chosen * 3 + 2];
      const error = distance(r, g, b, palette, chosen);
      drawnError[p] = error;
      errorSum += error;
      drawn++;
    }
  }
  return { x: x0, y: y0, width: w, height: h, index, palette, transparent, error: drawn ? errorSum / drawn : lastError };
}

function distance(r: number, g: number, b: number, palette: Uint8Array, entry: number): number {
  return (r - palette[entry * 3]) ** 2 + (g - palette[entry * 3 + 1]) ** 2 + (b - palette[entry * 3 + 2]) ** 2;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** The mean distance from each entry to its nearest other entry, per channel: the palette's typical step. */
function paletteStep(palette: Uint8Array, count: number): number {
  if (count < 2) return 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    let nearest = Infinity;
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      const dr = palette[i * 3] - palette[j * 3];
      const dg = palette[i * 3 + 1] - palette[j * 3 + 1];
      const db = palette[i * 3 + 2] - palette[j * 3 + 2];
      const d = dr * dr + dg * dg + db * db;
      if (d < nearest) nearest = d;
    }
    total += Math.sqrt(nearest);
  }
  return total / count / Math.sqrt(3);
}
