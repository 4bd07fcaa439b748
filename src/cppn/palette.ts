/**
 * Palettes: the network's first output mapped through a smooth gradient of chosen colours, so that a
 * picture can take an album's or a brand's colours. Stops are blended in OKLab, where equal steps look
 * equal and a blend of two colours does not pass through grey or a muddy middle as sRGB blends do.
 */

/** A palette as a recipe stores it: its stops as `#rrggbb`, evenly spaced from the lowest output to the highest. */
export type Palette = readonly string[];

/** Inigo Quilez's cosine palettes: colour(t) = a + b·cos(2π(c·t + d)), per channel. */
interface CosinePalette {
  readonly a: readonly [number, number, number];
  readonly b: readonly [number, number, number];
  readonly c: readonly [number, number, number];
  readonly d: readonly [number, number, number];
}

/** Stops a cosine palette is sampled at for the recipe: enough that the OKLab blend between them follows the curve. */
const cosineStops = 12;

/** The named palettes, in one table: lists of colours, and cosine palettes sampled into stops. */
const namedPalettes: Readonly<Record<string, readonly string[] | CosinePalette>> = {
  ember: ['#0b0211', '#3d0a2e', '#8f1d2c', '#e0531f', '#ffb347', '#fff3c4'],
  ocean: ['#020b1f', '#05306b', '#0a6fa8', '#3bb3c9', '#a6e6e0', '#f2fbf8'],
  forest: ['#07110a', '#16331d', '#2f6b35', '#7fa843', '#d9d47a', '#f6f1d3'],
  dusk: ['#140b2e', '#3b1f5c', '#7d2e78', '#c74b7a', '#f08a6c', '#ffd7a1'],
  storm: ['#04060b', '#111a28', '#26384f', '#4f6f8f', '#a9c3db', '#f4f8ff'],
  neon: ['#0a0014', '#3a0ca3', '#7209b7', '#f72585', '#4cc9f0', '#e8fbff'],
  mono: ['#000000', '#ffffff'],
  sepia: ['#1a120b', '#4a3423', '#8a6546', '#c9a27a', '#f3e6cf'],
  spectrum: { a: [0.5, 0.5, 0.5], b: [0.5, 0.5, 0.5], c: [1, 1, 1], d: [0, 0.33, 0.67] },
  sunrise: { a: [0.5, 0.5, 0.5], b: [0.5, 0.5, 0.5], c: [1, 1, 1], d: [0, 0.1, 0.2] },
  glacier: { a: [0.5, 0.5, 0.5], b: [0.5, 0.5, 0.5], c: [1, 1, 1], d: [0.3, 0.2, 0.2] },
  candy: { a: [0.5, 0.5, 0.5], b: [0.5, 0.5, 0.5], c: [2, 1, 0], d: [0.5, 0.2, 0.25] },
  copper: { a: [0.8, 0.5, 0.4], b: [0.2, 0.4, 0.2], c: [2, 1, 1], d: [0, 0.25, 0.25] },
};

export const paletteNames = Object.keys(namedPalettes);

/** A named palette's stops, or undefined for an unknown name. */
export function namedPalette(name: string): Palette | undefined {
  const entry = namedPalettes[name.trim().toLowerCase()];
  if (entry === undefined) return undefined;
  if (Array.isArray(entry)) return entry;
  const { a, b, c, d } = entry as CosinePalette;
  return Array.from({ length: cosineStops }, (_, i) => {
    const t = i / (cosineStops - 1);
    return hexOf([0, 1, 2].map((k) => a[k] + b[k] * Math.cos(2 * Math.PI * (c[k] * t + d[k]))) as [number, number, number]);
  });
}

const hexColour = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i;

/** `#rrggbb` (lower case) of a colour written as `#rgb`, `#rrggbb` or without `#`; undefined if it is neither. */
export function normaliseHex(text: string): string | undefined {
  const match = hexColour.exec(text.trim());
  if (!match) return undefined;
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join('') : match[1];
  return `#${digits.toLowerCase()}`;
}

/** Entries of the lookup table: finer than 8-bit output, so neighbouring outputs never band. */
const tableSize = 1024;

/**
 * The gradient as a lookup table of `tableSize` RGB triples (0–255, not yet rounded), blended in
 * OKLab and brought back to sRGB inside its gamut.
 */
export function paletteTable(palette: Palette): Float32Array {
  const stops = palette.map((hex) => linearToOklab(srgbToLinear(rgbOf(hex))));
  const table = new Float32Array(tableSize * 3);
  for (let i = 0; i < tableSize; i++) {
    const position = (i / (tableSize - 1)) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(position));
    const f = stops.length === 1 ? 0 : position - k;
    const from = stops[k];
    const to = stops[Math.min(stops.length - 1, k + 1)];
    const lab: [number, number, number] = [0, 1, 2].map((c) => from[c] + f * (to[c] - from[c])) as [number, number, number];
    const rgb = linearToSrgb(oklabToLinear(lab));
    for (let c = 0; c < 3; c++) table[i * 3 + c] = rgb[c] * 255;
  }
  return table;
}

/** Index into a palette table of a value in [0, 1]. */
export function tableIndex(t: number): number {
  const i = Math.round(t * (tableSize - 1));
  return Math.min(tableSize - 1, Math.max(0, Number.isNaN(i) ? 0 : i)) * 3;
}

type Triple = [number, number, number];

function rgbOf(hex: string): Triple {
  const value = Number.parseInt(hex.slice(1), 16);
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

function hexOf(rgb: Triple): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(1, Math.max(0, c)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function srgbToLinear(rgb: Triple): Triple {
  return rgb.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as Triple;
}

function linearToSrgb(rgb: Triple): Triple {
  return rgb.map((c) => {
    const clamped = Math.min(1, Math.max(0, c));
    return clamped <= 0.0031308 ? clamped * 12.92 : 1.055 * clamped ** (1 / 2.4) - 0.055;
  }) as Triple;
}

/** Björn Ottosson's OKLab (2020), from linear sRGB. */
export function linearToOklab([r, g, b]: Triple): Triple {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

export function oklabToLinear([L, a, b]: Triple): Triple {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

/** OKLab to sRGB in 0–1, clipped to the gamut: for the `oklab` colour mode. */
export function oklabToSrgb(lab: Triple): Triple {
  return linearToSrgb(oklabToLinear(lab));
}
