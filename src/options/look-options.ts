import { namedPalette, normaliseHex, type Palette, paletteNames } from '../cppn/palette.ts';
import { invalidOption } from '../errors.ts';
import { limits, maxPaletteStops } from '../recipe/limits.ts';
import { parseNumber } from './values.ts';

/**
 * Named speeds, in the unit of --speed: the mean change per colour channel (0–255) from one frame to
 * the next at 30 fps. Chosen by watching loops of every topology: below 1 a loop seems to stand
 * still, above about 8 forms no longer carry from frame to frame.
 */
export const namedSpeeds = { calm: 1.2, medium: 2.5, lively: 5 } as const;
export type SpeedName = keyof typeof namedSpeeds;

/** `--speed calm|medium|lively|NUMBER`. */
export function parseSpeed(raw: string): number {
  const name = raw.trim().toLowerCase();
  if (name in namedSpeeds) return namedSpeeds[name as SpeedName];
  if (!/^[\d.]/.test(name)) {
    throw invalidOption(
      'speed',
      raw,
      `${Object.keys(namedSpeeds).join(', ')}, or a number from ${limits.speed.min} to ${limits.speed.max} (mean change per channel per frame at 30 fps), e.g. --speed calm`,
    );
  }
  return parseNumber('speed', raw, limits.speed);
}

/** `--levels auto|none`. */
export function parseLevels(raw: string): 'auto' | 'none' {
  const value = raw.trim().toLowerCase();
  if (value !== 'auto' && value !== 'none') {
    throw invalidOption(
      'levels',
      raw,
      'auto (stretch the loop to the full range, the default) or none (the raw outputs), e.g. --levels none',
    );
  }
  return value;
}

/** `--palette NAME` or `--palette '#1b1b3a,#693668,#f84aa7'` (two or more colours, darkest output first). */
export function parsePalette(raw: string): Palette {
  const named = namedPalette(raw);
  if (named) return named;
  const expected = `a palette name (${paletteNames.join(', ')}) or 2 to ${maxPaletteStops} colours as #rrggbb separated by commas, e.g. --palette '#1b1b3a,#693668,#f84aa7'`;
  const parts = raw.split(',');
  if (parts.length < 2 || parts.length > maxPaletteStops) throw invalidOption('palette', raw, expected);
  return parts.map((part) => {
    const hex = normaliseHex(part);
    if (hex === undefined) throw invalidOption('palette', raw, `${expected}; ${JSON.stringify(part.trim())} is not a colour`);
    return hex;
  });
}
