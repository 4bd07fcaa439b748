/**
 * rgb: the three outputs are red, green and blue. bw: the first output alone, as grey.
 * hsv: the outputs are read as hue, saturation and value (the post's Python colouring, without its
 * per-image normalisation, which would flicker from frame to frame).
 */
export const colourModes = ['rgb', 'bw', 'hsv'] as const;
export type ColourMode = (typeof colourModes)[number];

/**
 * Maps network outputs (three per pixel, tanh, in [-1, 1]) to RGBA pixels. Uint8ClampedArray
 * rounds and clamps on assignment, the same way on every machine.
 */
export function toRgba(outputs: Float32Array, mode: ColourMode, rgba: Uint8ClampedArray): Uint8ClampedArray {
  const pixels = outputs.length / 3;
  for (let p = 0, o = 0, q = 0; p < pixels; p++, o += 3, q += 4) {
    const a = outputs[o] * 0.5 + 0.5;
    const b = outputs[o + 1] * 0.5 + 0.5;
    const c = outputs[o + 2] * 0.5 + 0.5;
    if (mode === 'rgb') {
      rgba[q] = a * 255;
      rgba[q + 1] = b * 255;
      rgba[q + 2] = c * 255;
    } else if (mode === 'bw') {
      rgba[q] = rgba[q + 1] = rgba[q + 2] = a * 255;
    } else {
      hsvToRgb(a, b, c, rgba, q);
    }
    rgba[q + 3] = 255;
  }
  return rgba;
}

/** h, s, v in [0, 1]; hue wraps, so 0 and 1 are both red. */
function hsvToRgb(h: number, s: number, v: number, rgba: Uint8ClampedArray, at: number): void {
  const sector = (h >= 1 ? 0 : h) * 6;
  const i = Math.floor(sector);
  const f = sector - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  let r: number, g: number, b: number;
  switch (i % 6) {
    case 0:
      r = v;
      g = t;
      b = p;
      break;
    case 1:
      r = q;
      g = v;
      b = p;
      break;
    case 2:
      r = p;
      g = v;
      b = t;
      break;
    case 3:
      r = p;
      g = q;
      b = v;
      break;
    case 4:
      r = t;
      g = p;
      b = v;
      break;
    default:
      r = v;
      g = p;
      b = q;
  }
  rgba[at] = r * 255;
  rgba[at + 1] = g * 255;
  rgba[at + 2] = b * 255;
}
