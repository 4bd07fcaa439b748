/**
 * What a recipe may hold, shared by the command line's checks and the schema of recipes read from
 * files. Beyond them a frame's buffers would not fit comfortably in memory, or a number means nothing.
 */

/** Largest side and area of an animation's frame. */
export const maxSide = 16384;
export const maxPixels = 8192 * 8192;
export const maxFrames = 1_000_000;

/**
 * A still is evaluated in bands, so its size is not bounded by a frame's memory, but it is drawn on one
 * @napi-rs/canvas, which holds at most 2³¹ bytes (a 23170×23170 picture) and 32767 pixels a side.
 */
export const maxStillSide = 32767;
export const maxStillPixels = 2 ** 29 - 1;

/** A range of accepted values, with an example for messages. */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly example: string;
  readonly exclusiveMin?: boolean;
  /** Said after the range, e.g. `for H.264`. */
  readonly what?: string;
}

export const limits = {
  fps: { min: 0.1, max: 240, example: '30' },
  layers: { min: 1, max: 64, example: '8' },
  hidden: { min: 1, max: 256, example: '32' },
  beta: { min: 0.01, max: 1e6, example: '256' },
  latent: { min: 1, max: 64, example: '2' },
  scale: { min: 1e-6, max: 1e6, example: '1.5', exclusiveMin: true },
  radius: { min: 0, max: 1e6, example: '1' },
  turns: { min: 0, max: 1e6, example: '4' },
  speed: { min: 0.05, max: 50, example: 'calm' },
  pulseAmount: { min: 0, max: 10, example: '0.2' },
  frames: { min: 1, max: maxFrames, example: '60' },
  aa: { min: 1, max: 4, example: '2' },
  durationSeconds: { min: 0, max: 86400, example: '4', exclusiveMin: true },
  /** A bred design's steps (studio): a mutation's size, in units of each layer's initial spread, and how many steps. */
  mutationStrength: { min: 0, max: 10, example: '0.3' },
  breedSteps: { min: 0, max: 1000, example: '12' },
  audioStartSeconds: { min: 0, max: 86400, example: '1:05' },
  fadeSeconds: { min: 0, max: 10, example: '0.05' },
  bpm: { min: 20, max: 400, example: '120' },
  bars: { min: 1, max: 10000, example: '4' },
  beatsPerBar: { min: 1, max: 16, example: '4' },
  /** A file's size cap (--max-size), in bytes: from what a header and one tiny frame need to 1 TB. */
  maxBytes: { min: 1024, max: 1e12, example: '8MB' },
  /** A song's journey: its own latent dimensions, and how many sections (or palettes) it may list. */
  journeyLatent: { min: 1, max: 64, example: '6' },
  sections: { min: 0, max: 1000, example: '8' },
} as const satisfies Record<string, Range>;

/** Most stops a palette may have: more would not be seen. */
export const maxPaletteStops = 32;

/** Largest magnitude of a latent coordinate. */
export const maxLatentValue = 1e6;
