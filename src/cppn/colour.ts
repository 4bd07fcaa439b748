import type { Levels } from './levels.ts';
import { namedPalette, oklabToLinear, type Palette, paletteTable, tableIndex } from './palette.ts';

/**
 * rgb: the three outputs are red, green and blue. bw: the first output alone, as grey.
 * hsv: the outputs are read as hue, saturation and value (the post's Python colouring, without its
 * per-image normalisation, which would flicker from frame to frame).
 * oklab: the outputs are lightness and the two colour axes of OKLab, so equal changes look equal.
 * palette: the first output picks a colour along the recipe's palette (cppn/palette.ts).
 */
export const colourModes = ['rgb', 'bw', 'hsv', 'oklab', 'palette'] as const;
export type ColourMode = (typeof colourModes)[number];

/** Everything that turns network outputs into colours: part of every recipe. */
export interface ColourSpec {
  readonly colour: ColourMode;
  /** Absent: the raw outputs, as every recipe made before levels existed. */
  readonly levels?: Levels;
  /** For the `palette` mode. */
  readonly palette?: Palette;
  /** For the `palette` mode: the palette's table (paletteTable) when made already, e.g. two palettes blended. */
  readonly paletteTable?: Float32Array;
}

/** Writes RGBA pixels for a frame's outputs (three per pixel, in [-1, 1]) and returns `rgba`. */
export type Colouring = (outputs: Float32Array, rgba: Uint8ClampedArray) => Uint8ClampedArray;

/**
 * The colouring of a recipe, built once per render. Uint8ClampedArray rounds and clamps on
 * assignment, the same way on every machine. Without levels each channel is `output · 0.5 + 0.5`,
 * the arithmetic of every earlier version, so old recipes give the same bytes.
 */
export function createColouring({ colour, levels, palette, paletteTable: made }: ColourSpec): Colouring {
  const scale = [0.5, 0.5, 0.5];
  const shift = [0.5, 0.5, 0.5];
  if (levels) {
    for (let c = 0; c < 3; c++) {
      scale[c] = 1 / (levels.high[c] - levels.low[c]);
      shift[c] = -levels.low[c] * scale[c];
    }
  }
  const [s0, s1, s2] = scale;
  const [h0, h1, h2] = shift;
  const table = colour === 'palette' ? (made ?? paletteTable(palette ?? (namedPalette(defaultPaletteName) as Palette))) : undefined;
  return (outputs, rgba) => {
    const pixels = outputs.length / 3;
    for (let p = 0, o = 0, q = 0; p < pixels; p++, o += 3, q += 4) {
      const a = unit(outputs[o] * s0 + h0);
      const b = unit(outputs[o + 1] * s1 + h1);
      const c = unit(outputs[o + 2] * s2 + h2);
      if (colour === 'rgb') {
        rgba[q] = a * 255;
        rgba[q + 1] = b * 255;
        rgba[q + 2] = c * 255;
      } else if (colour === 'bw') {
        rgba[q] = rgba[q + 1] = rgba[q + 2] = a * 255;
      } else if (colour === 'hsv') {
        hsvToRgb(a, b, c, rgba, q);
      } else if (colour === 'oklab') {
        oklabPixel(a, b, c, rgba, q);
      } else {
        const i = tableIndex(a);
        rgba[q] = table![i];
        rgba[q + 1] = table![i + 1];
        rgba[q + 2] = table![i + 2];
      }
      rgba[q + 3] = 255;
    }
    return rgba;
  };
}

/** The palette of `--colour palette` when none is named. */
export const defaultPaletteName = 'dusk';

/** Maps network outputs to RGBA pixels in a colour mode, with no levels. */
export function toRgba(outputs: Float32Array, mode: ColourMode, rgba: Uint8ClampedArray): Uint8ClampedArray {
  return createColouring({ colour: mode })(outputs, rgba);
}

function unit(value: number): number {
  // Written out rather than Math.min/max: NaN must pass through, as Uint8ClampedArray turns it into 0.
  // biome-ignore lint/complexity/useMathMinMax: see above
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** Lightness from 0.15 to 0.95 and both colour axes ±0.16: the range sRGB mostly holds. */
function oklabPixel(l: number, a: number, b: number, rgba: Uint8ClampedArray, at: number): void {
  const linear = oklabToLinear([0.15 + 0.8 * l, (a - 0.5) * 0.32, (b - 0.5) * 0.32]);
  for (let c = 0; c < 3; c++) rgba[at + c] = srgbEncode[Math.round(unit(linear[c]) * (srgbSteps - 1))];
}

/** sRGB's transfer curve as a table (0–255 per linear step): a power per channel per pixel costs more than the network. */
const srgbSteps = 4096;
const srgbEncode = Float32Array.from({ length: srgbSteps }, (_, i) => {
  const c = i / (srgbSteps - 1);
  return (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055) * 255;
});

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
