/**
 * Small checks of one value each, as text from the command line: every complaint has the same shape
 * (`invalidOption`), naming the option, the value, what is expected and an example.
 */

import { canonicalSeed } from '../cppn/random.ts';
import { invalidOption } from '../errors.ts';
import type { Range } from '../recipe/limits.ts';

export function parseNumber(option: string, raw: string, range: Range): number {
  const value = Number(raw.trim());
  const low = range.exclusiveMin ? value <= range.min : value < range.min;
  if (raw.trim() === '' || !Number.isFinite(value) || low || value > range.max) {
    const from = range.exclusiveMin ? `more than ${range.min}` : `from ${range.min}`;
    throw invalidOption(option, raw, `a number ${from} to ${range.max}, e.g. --${option} ${range.example}`);
  }
  return value;
}

export function parseInteger(option: string, raw: string, range: Range): number {
  const value = Number(raw.trim());
  if (!/^\s*\d+\s*$/.test(raw) || value < range.min || value > range.max) {
    throw invalidOption(
      option,
      raw,
      `a whole number from ${range.min} to ${range.max}${range.what ? ` ${range.what}` : ''}, e.g. --${option} ${range.example}`,
    );
  }
  return value;
}

export function parseChoice<T extends string>(option: string, raw: string, choices: readonly T[]): T {
  const value = raw.trim().toLowerCase();
  if (!(choices as readonly string[]).includes(value)) {
    throw invalidOption(option, raw, `one of ${choices.join(', ')}, e.g. --${option} ${choices[0]}`);
  }
  return value as T;
}

const durationUnits: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/**
 * A length in seconds, as people write one: `4`, `4.5s`, `250ms`, `1m30s`, `2h`, `1:30` (m:ss) or
 * `1:02:03` (h:mm:ss), within `range` (in seconds).
 */
export function parseDuration(option: string, raw: string, range: Range): number {
  const text = raw.trim().toLowerCase();
  const seconds = durationSeconds(text) ?? Number.NaN;
  const low = range.exclusiveMin ? seconds <= range.min : seconds < range.min;
  if (!Number.isFinite(seconds) || low || seconds > range.max) {
    const from = range.exclusiveMin ? `more than ${range.min}` : `from ${range.min}`;
    throw invalidOption(
      option,
      raw,
      `a length such as 4, 4.5s, 1m30s, 1:30 or 250ms, ${from} to ${range.max} seconds, e.g. --${option} ${range.example}`,
    );
  }
  return seconds;
}

function durationSeconds(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const clock = /^(?:(\d+):)?(\d+):(\d{2}(?:\.\d+)?)$/.exec(text);
  if (clock) {
    const [, hours, minutes, secs] = clock;
    // m:ss takes any minutes; h:mm:ss wants minutes below 60, as a clock writes them.
    if (hours !== undefined && (minutes.length !== 2 || Number(minutes) >= 60)) return undefined;
    if (Number(secs) >= 60) return undefined;
    return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(secs);
  }
  // Units largest first, each at most once: 1h30m, 1m30s, 1.5s, 250ms.
  const units = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/.exec(text);
  if (!units || units.slice(1).every((part) => part === undefined)) return undefined;
  const [h, m, sec, ms] = units.slice(1).map((part) => Number(part ?? 0));
  return h * durationUnits.h + m * durationUnits.m + sec * durationUnits.s + ms * durationUnits.ms;
}

/** Applies `parse` to a value that was given; undefined stays undefined. */
export function given<T>(raw: string | undefined, parse: (raw: string) => T): T | undefined {
  return raw === undefined ? undefined : parse(raw);
}

export interface SizeLimits {
  readonly maxSide: number;
  readonly maxPixels: number;
  /** For messages: `512x512`. */
  readonly example: string;
  /** What the area limit is for, e.g. `a frame`, `a still`. */
  readonly what: string;
}

/** `WIDTHxHEIGHT` in pixels, each side from 2 to the limit. */
export function parseSize(raw: string, limits: SizeLimits): [number, number] {
  const match = /^\s*(\d+)\s*[x×X]\s*(\d+)\s*$/.exec(raw);
  if (!match) throw invalidOption('size', raw, `WIDTHxHEIGHT in pixels, e.g. --size ${limits.example}`);
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (width < 2 || height < 2 || width > limits.maxSide || height > limits.maxSide) {
    throw invalidOption('size', raw, `each side from 2 to ${limits.maxSide} pixels, e.g. --size ${limits.example}`);
  }
  if (width * height > limits.maxPixels) {
    throw invalidOption(
      'size',
      raw,
      `at most ${Math.floor(limits.maxPixels / 1e6)} megapixels for ${limits.what} (this is ${Math.round((width * height) / 1e6)}); choose a smaller --size`,
    );
  }
  return [width, height];
}

export function parseSeed(raw: string, option = 'seed'): string {
  const seed = canonicalSeed(raw);
  if (seed === '' || seed.length > 200)
    throw invalidOption(option, raw, 'a whole number or a short text (1 to 200 characters), e.g. --seed 42');
  return seed;
}

/** One number for every dimension (`0.5`) or one per dimension (`0.5,-1`); the count is checked against the latent later. */
export function parseNumbers(option: string, raw: string, maxMagnitude: number, expected: string): number[] {
  const parts = raw.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (parts.some((part) => part === '') || values.some((v) => !Number.isFinite(v) || Math.abs(v) > maxMagnitude)) {
    throw invalidOption(option, raw, expected);
  }
  return values;
}

export function parseFfmpegPath(raw: string): string {
  if (raw.trim() === '') throw invalidOption('ffmpeg', raw, 'the path of an ffmpeg program, e.g. --ffmpeg /usr/bin/ffmpeg');
  return raw;
}

/** Freezes a checked value and everything in it, so it flows forward unchanged. */
export function deepFreeze<T>(value: T): T {
  // Typed arrays (the audio's features) cannot be frozen; they are only read after this point.
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
