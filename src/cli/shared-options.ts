import type { Argv, Options } from 'yargs';
import { reactSources } from '../audio/react.ts';
import { backendChoices } from '../backends/backend.ts';
import { colourModes } from '../cppn/colour.ts';
import { activationNames } from '../cppn/network/activations.ts';
import { inputKinds } from '../cppn/network/inputs.ts';
import { architectures } from '../cppn/network/network.ts';
import { loops } from '../cppn/sweep.ts';
import { videoQualities } from '../encoders/ffmpeg/video-quality.ts';
import { extensionsOf } from '../encoders/formats.ts';
import { defaults, secondsPerTurn } from '../options/defaults.ts';
import { recipeSources } from '../recipe/read-recipe.ts';
import { defaultSegmentSeconds, defaultSegmentThresholdSeconds } from '../segments/plan-segments.ts';

/** An option that takes text (checked by options/, not by yargs). */
export const text = (describe: string, defaultDescription?: string) =>
  ({ type: 'string', describe, requiresArg: true, defaultDescription }) as const;

/**
 * Other names for options, where users' fingers expect them: short options as ffmpeg and most media
 * tools spell them (-s size, -o out), and the American spelling of colour.
 */
export const optionAliases: Readonly<Record<string, string>> = {
  size: 's',
  duration: 'd',
  out: 'o',
  force: 'f',
  quiet: 'q',
  colour: 'color',
};

/** Declares an option under its name and its aliases. */
export function option(command: Argv, name: string, spec: Options): Argv {
  const alias = optionAliases[name];
  return command.option(name, alias === undefined ? spec : { ...spec, alias });
}

/** The options shared by render, still and grid, as data so that each command takes the ones it uses. */
export const sharedOptions = {
  seed: text('seed: a whole number or any text; drawn at random (and printed) when omitted', 'random'),
  size: text('frame size WIDTHxHEIGHT in pixels', defaults.size),
  frames: text('number of frames (or give --duration)'),
  duration: text(
    'length: seconds (4, 4.5s), minutes (1m30s, 1:30) or milliseconds (250ms); or give --frames',
    `${defaults.durationSeconds}`,
  ),
  fps: text('frames per second (GIF: at most 50)', `${defaults.fps}`),
  arch: text(`network topology: ${architectures.join(', ')}`, defaults.arch),
  layers: text('hidden layers', `${defaults.layers}`),
  hidden: text('units per hidden layer', 'densenet 8, others 32'),
  activation: text(`hidden activation: ${activationNames.join(', ')}`, 'densenet sigmoid, others tanh'),
  beta: text('β: hidden weights have variance β / fan-in; higher is busier', `${defaults.beta}`),
  colour: text(`colour mode: ${colourModes.join(', ')}`, defaults.colour),
  scale: text('zoom out: the coordinate range is multiplied by it', `${defaults.scale}`),
  loop: text(`how z moves: ${loops.join(', ')} (circle loops seamlessly)`, defaults.loop),
  latent: text('dimensions of z', `${defaults.latent}`),
  radius: text('circle: distance of z from --z-centre', `${defaults.radius}`),
  'z-centre': text('circle: centre of the circle, one number or one per dimension', `${defaults.zCentre}`),
  'z-from': text('pingpong/none: start of z, one number or one per dimension', `${defaults.zFrom}`),
  'z-to': text('pingpong/none: end of z, one number or one per dimension', `${defaults.zTo}`),
  inputs: text(`per-pixel inputs: ${inputKinds.join(', ')} (x, y, r; x², y²; x, y, r, cos 10r)`, 'standard'),
  preset: text("start from one of the post's example images (see zsweep presets)"),
  from: text(
    `render again from the recipe in a file made by zsweep (${recipeSources.map((s) => `.${s}`).join(', ')}); other options override it`,
  ),
  'recipe-out': text('also write the recipe as JSON to this file'),
  out: text(
    `output file (${extensionsOf('animation')
      .map((f) => `.${f}`)
      .join(', ')}), or PNG frames: frames/%04d.png`,
    'output/zsweep-SEED.mp4',
  ),
  crf: text('video quality, lower is better: .mp4 0–51, .webm 0–63', '18 for .mp4, 24 for .webm'),
  quality: text(`video encoder's effort at the same --crf: ${videoQualities.join(', ')} (fastest, between, smallest file)`, 'balanced'),
  aa: text('supersampling 1–4: render aa× larger and shrink, for smooth edges', '1'),
  ffmpeg: text('the ffmpeg program for .mp4/.webm', 'FFMPEG_PATH, then PATH, then the bundled one'),
  audio: text(
    'a soundtrack (wav, mp3, flac, m4a, ogg, …) that drives z and plays in the video (.mp4/.webm); the video lasts as long as the track unless --frames/--duration',
  ),
  react: text(
    `with --audio, what drives what: speed=${[...reactSources, 'constant'].join('|')}, pulse=${[...reactSources, 'none'].join('|')}, pulse-amount=0–10`,
    'speed=loudness,pulse=bass,pulse-amount=0.2',
  ),
  turns: text('with --audio, times round the path over the whole video', `1 per ${secondsPerTurn} s`),
  backend: text(`evaluator: ${backendChoices.join(', ')}`, defaults.backend),
  shard: text(
    'render only share NUMBER (1 to COUNT) of COUNT into OUT.parts, for zsweep join; auto/COUNT reads JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or PARALLEL_SEQ',
  ),
  'segment-seconds': text(
    'video longer than --segment-threshold is encoded in resumable segments of this many seconds',
    `${defaultSegmentSeconds}`,
  ),
  'segment-threshold': text('seconds of video above which it is rendered in segments (0: always)', `${defaultSegmentThresholdSeconds}`),
  force: { type: 'boolean', describe: 'replace an existing output file' },
  quiet: { type: 'boolean', describe: 'no progress on stderr' },
} as const;

export type SharedOption = keyof typeof sharedOptions;

/** Options of video renders only, refused by the commands that write images. */
export const videoOnly = [
  'crf',
  'quality',
  'ffmpeg',
  'shard',
  'segment-seconds',
  'segment-threshold',
] as const satisfies readonly SharedOption[];
/** Only render makes sound: still and grid refuse these (strict mode) rather than ignore them. */
export const audioOptions = ['audio', 'react', 'turns'] as const satisfies readonly SharedOption[];

/** Declares the shared options except `omit`: strict mode then refuses those, rather than ignoring them. */
export function withSharedOptions(command: Argv, omit: readonly SharedOption[] = []): Argv {
  for (const [name, spec] of Object.entries(sharedOptions)) {
    if (!omit.includes(name as SharedOption)) option(command, name, spec);
  }
  return command;
}
