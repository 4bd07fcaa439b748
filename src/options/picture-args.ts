import { colourModes } from '../cppn/colour.ts';
import { activationNames } from '../cppn/network/activations.ts';
import { inputKinds } from '../cppn/network/inputs.ts';
import { architectures } from '../cppn/network/network.ts';
import { loops } from '../cppn/sweep.ts';
import { invalidOption, UsageError } from '../errors.ts';
import { limits, maxLatentValue } from '../recipe/limits.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import { defaults } from './defaults.ts';
import { parseLevels, parsePalette, parseSpeed } from './look-options.ts';
import { parseReact } from './react-option.ts';
import {
  given,
  parseChoice,
  parseDuration,
  parseInteger,
  parseNumber,
  parseNumbers,
  parseSeed,
  parseSize,
  type SizeLimits,
} from './values.ts';

/** The options that shape the pictures, as yargs hands them over: text, checked here. */
export interface PictureArgs {
  seed?: string;
  size?: string;
  frames?: string;
  duration?: string;
  fps?: string;
  aa?: string;
  arch?: string;
  layers?: string;
  hidden?: string;
  activation?: string;
  beta?: string;
  colour?: string;
  palette?: string;
  levels?: string;
  speed?: string;
  scale?: string;
  loop?: string;
  latent?: string;
  inputs?: string;
  zFrom?: string;
  zTo?: string;
  zCentre?: string;
  radius?: string;
  /** What the audio drives, e.g. `speed=loudness,pulse=bass`. */
  react?: string;
  /** How many times the audio-driven z goes round its path over the whole video. */
  turns?: string;
}

/**
 * The command line's picture options as a draft: each value given is checked on its own here; what
 * depends on other values (a vector's length, a format's limits) is checked once the draft is merged
 * over its base (`base`, a recipe or preset, gives the latent's size for messages).
 */
export function parsePictureArgs(args: PictureArgs, { base = {}, size }: { base?: RecipeDraft; size: SizeLimits }): RecipeDraft {
  if (args.frames !== undefined && args.duration !== undefined) {
    throw new UsageError(
      `Invalid --frames ${JSON.stringify(args.frames)} with --duration ${JSON.stringify(args.duration)}: give one of them, not both`,
    );
  }
  const path = ['radius', 'zFrom', 'zTo'].find((key) => args[key as keyof PictureArgs] !== undefined);
  if (args.speed !== undefined && path !== undefined) {
    const option = path === 'radius' ? 'radius' : path === 'zFrom' ? 'z-from' : 'z-to';
    throw new UsageError(
      `Invalid --speed ${JSON.stringify(args.speed)} with --${option}: --speed measures the path's size for that speed, --${option} sets it; give one of them`,
    );
  }
  const [width, height] = given(args.size, (raw) => parseSize(raw, size)) ?? [];
  const latent = given(args.latent, (raw) => parseInteger('latent', raw, limits.latent));
  const dimensions = latent ?? base.latent ?? defaults.latent;
  const vector = (option: string, raw: string | undefined) =>
    given(raw, (text) => parseNumbers(option, text, maxLatentValue, vectorExpected(option, dimensions)));
  return dropUndefined({
    seed: given(args.seed, (raw) => parseSeed(raw)),
    width,
    height,
    fps: given(args.fps, (raw) => parseNumber('fps', raw, limits.fps)),
    frames: given(args.frames, (raw) => parseInteger('frames', raw, limits.frames)),
    durationSeconds: given(args.duration, (raw) => parseDuration('duration', raw, limits.durationSeconds)),
    aa: given(args.aa, (raw) => parseInteger('aa', raw, limits.aa)),
    arch: given(args.arch, (raw) => parseChoice('arch', raw, architectures)),
    layers: given(args.layers, (raw) => parseInteger('layers', raw, limits.layers)),
    hidden: given(args.hidden, (raw) => parseInteger('hidden', raw, limits.hidden)),
    activation: given(args.activation, (raw) => parseChoice('activation', raw, activationNames)),
    beta: given(args.beta, (raw) => parseNumber('beta', raw, limits.beta)),
    latent,
    inputs: given(args.inputs, (raw) => parseChoice('inputs', raw, inputKinds)),
    scale: given(args.scale, (raw) => parseNumber('scale', raw, limits.scale)),
    colour: colourOf(args),
    palette: given(args.palette, parsePalette),
    levels: given(args.levels, parseLevels),
    speed: given(args.speed, parseSpeed),
    loop: given(args.loop, (raw) => parseChoice('loop', raw, loops)),
    radius: given(args.radius, (raw) => parseNumber('radius', raw, limits.radius)),
    centre: vector('z-centre', args.zCentre),
    from: vector('z-from', args.zFrom),
    to: vector('z-to', args.zTo),
    react: given(args.react, parseReact),
    turns: given(args.turns, (raw) => parseNumber('turns', raw, limits.turns)),
  });
}

/** --palette is a colour mode of its own: it implies `--colour palette`, and refuses another. */
function colourOf(args: PictureArgs) {
  const colour = given(args.colour, (raw) => parseChoice('colour', raw, colourModes));
  if (args.palette === undefined) return colour;
  if (colour !== undefined && colour !== 'palette') {
    throw invalidOption(
      'colour',
      args.colour,
      `no --colour with --palette (it maps the network through the palette's colours), or --colour palette`,
    );
  }
  return 'palette' as const;
}

/** What a latent vector option takes, for a latent of `dimensions`. */
export function vectorExpected(option: string, dimensions: number, count?: number): string {
  const example = Array.from({ length: dimensions }, (_, d) => (d % 2 ? '-0.5' : '0.5')).join(',');
  return count === undefined
    ? `a number, or ${dimensions} numbers separated by commas (one per --latent dimension), e.g. --${option} ${example}`
    : `1 or ${dimensions} numbers (one per --latent dimension), not ${count}, e.g. --${option} ${example}`;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
