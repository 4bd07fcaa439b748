import type { Palette } from 'gifenc';

/** 8×8 Bayer matrix, entries 0..63. */
const bayer8 = (() => {
  const matrix = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      // Interleave the bits of x ^ y and y, lowest first: neighbours get values far apart.
      const a = x ^ y;
      let v = 0;
      for (let bit = 0; bit < 3; bit++) v = (v << 2) | (((a >> bit) & 1) << 1) | ((y >> bit) & 1);
      matrix[y * 8 + x] = v;
    }
  }
  return matrix;
})();

/**
 * Ordered (Bayer) dithering for a palette: each pixel is nudged by a fixed, position-dependent
 * offset before its nearest palette colour is chosen, so smooth gradients become fine stable
 * patterns rather than bands. Being ordered (not error diffusion), the pattern does not crawl from
 * frame to frame. The offset's amplitude is the palette's typical spacing, measured per palette.
 * Returns a new array that owns its buffer (gifenc reads `.buffer` from offset 0).
 */
export function orderedDither(rgba: Uint8ClampedArray, width: number, palette: Palette): Uint8ClampedArray {
  const amplitude = paletteSpacing(palette);
  const out = new Uint8ClampedArray(rgba.length);
  const pixels = rgba.length / 4;
  for (let p = 0, i = 0; p < pixels; p++, i += 4) {
    const x = p % width;
    const y = (p - x) / width;
    const offset = ((bayer8[(y & 7) * 8 + (x & 7)] + 0.5) / 64 - 0.5) * amplitude;
    out[i] = rgba[i] + offset;
    out[i + 1] = rgba[i + 1] + offset;
    out[i + 2] = rgba[i + 2] + offset;
    out[i + 3] = 255;
  }
  return out;
}

/**
 * The mean distance from each palette colour to its nearest neighbour, per channel: how far apart
 * the palette's steps are, and so how strongly to dither.
 */
export function paletteSpacing(palette: Palette): number {
  if (palette.length < 2) return 0;
  let total = 0;
  for (let i = 0; i < palette.length; i++) {
    let nearest = Infinity;
    const [r, g, b] = palette[i];
    for (let j = 0; j < palette.length; j++) {
      if (j === i) continue;
      const dr = r - palette[j][0];
      const dg = g - palette[j][1];
      const db = b - palette[j][2];
      const d = dr * dr + dg * dg + db * db;
      if (d < nearest) nearest = d;
    }
    total += Math.sqrt(nearest);
  }
  return total / palette.length / Math.sqrt(3);
}
