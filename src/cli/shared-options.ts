import type { Argv, Options } from 'yargs';
import { pulseDrives, speedDrives } from '../audio/react.ts';
import { backendChoices } from '../backends/backend.ts';
import { colourModes } from '../cppn/colour.ts';
import { activationNames } from '../cppn/network/activations.ts';
import { inputKinds } from '../cppn/network/inputs.ts';
import { architectures } from '../cppn/network/network.ts';
import { paletteNames } from '../cppn/palette.ts';
import { loops } from '../cppn/sweep.ts';
import { videoQualities } from '../encoders/ffmpeg/video-quality.ts';
import { extensionsOf } from '../encoders/formats.ts';
import { platformNames } from '../encoders/platform-targets.ts';
import { defaults, secondsPerTurn } from '../options/defaults.ts';
import { namedSpeeds } from '../options/look-options.ts';
import { defaultFadeSeconds } from '../options/music-options.ts';
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
  beta: text('β: hidden weights have variance β / fan-in; higher is busier', 'densenet 1024, others 16'),
  colour: text(`colour mode: ${colourModes.join(', ')}`, defaults.colour),
  palette: text(
    `colours the first output runs through, blended in OKLab: a name (${paletteNames.join(', ')}) or #rrggbb,#rrggbb,… (implies --colour palette)`,
  ),
  levels: text('auto: stretch the whole loop to the full range with one fixed map (no flicker); none: the raw outputs', 'auto'),
  speed: text(
    `how fast the picture changes: ${Object.entries(namedSpeeds)
      .map(([name, value]) => `${name} (${value})`)
      .join(', ')} or a number (mean change per channel per frame at 30 fps, 0–255); sets the radius, which --radius overrides`,
    defaults.speed,
  ),
  scale: text('zoom out: the coordinate range is multiplied by it', `${defaults.scale}`),
  loop: text(`how z moves: ${loops.join(', ')} (circle loops seamlessly)`, defaults.loop),
  latent: text('dimensions of z', `${defaults.latent}`),
  radius: text('circle: distance of z from --z-centre (instead of --speed)', 'measured for --speed'),
  'z-centre': text('circle: centre of the circle, one number or one per dimension', 'densenet 0, others 1 from 0'),
  'z-from': text('pingpong/none: start of z, one number or one per dimension (instead of --speed)', 'measured for --speed'),
  'z-to': text('pingpong/none: end of z, one number or one per dimension (instead of --speed)', 'measured for --speed'),
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
    `with --audio, what drives what: speed=${speedDrives.join('|')}, pulse=${pulseDrives.join('|')}, pulse-amount=0–10`,
    'speed=beat,pulse=beat,pulse-amount=0.35 for a track with a steady beat, else speed=loudness,pulse=bass',
  ),
  'audio-start': text('with --audio, where in the track to start: seconds or m:ss (1:05)', '0'),
  'audio-end': text('with --audio, where in the track to stop: seconds or m:ss', 'the end of the track'),
  fade: text('with --audio, seconds of fade in and out of the sound where it is cut (0: none)', `${defaultFadeSeconds}`),
  bpm: text("the tempo in beats a minute: overrides the track's detected tempo; without --audio, sets a --bars loop's"),
  bars: text('a seamless loop exactly this many bars long, its accents on the beats (needs --bpm or a track with a beat)'),
  'beats-per-bar': text('beats in a bar, for --bars and the downbeat accents', '4'),
  beats: text('with --audio, your own beat times instead of detection: a file of seconds, one a line, or the JSON of zsweep info --json'),
  sections: text(
    "with --audio, your own section starts instead of detection: a file of times from the track's start (seconds or m:ss), one a line, or the JSON of zsweep info --json",
  ),
  transition: text(
    'with --audio, how a section of a song longer than a loop arrives: blend (over two bars) or cut (on its downbeat)',
    'blend',
  ),
  palettes: text('with --audio, a palette per section of the song, in turn: names as --palette takes, separated by commas (dusk,ember)'),
  for: text(`make the file for a platform: ${platformNames.join(', ')}; sets size, fps, length and encoding, and checks the file`),
  'flash-limit': text('on: limit beat accents to at most 3 flashes a second (WCAG 2.3.1); off: no limit', 'on'),
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
  'max-size': text('the file at most this big (8MB, 500KB), at the best quality that fits'),
  force: { type: 'boolean', describe: 'replace an existing output file' },
  quiet: { type: 'boolean', describe: 'no progress on stderr' },
} as const;

export type SharedOption = keyof typeof sharedOptions;

/** Options of video renders only, refused by the commands that write images. */
export const videoOnly = [
  'crf',
  'max-size',
  'quality',
  'ffmpeg',
  'shard',
  'segment-seconds',
  'segment-threshold',
] as const satisfies readonly SharedOption[];
/** Only render makes sound: still and grid refuse these (strict mode) rather than ignore them. */
export const audioOptions = [
  'audio',
  'react',
  'turns',
  'audio-start',
  'audio-end',
  'fade',
  'bpm',
  'bars',
  'beats-per-bar',
  'beats',
  'sections',
  'transition',
  'palettes',
  'for',
  'flash-limit',
] as const satisfies readonly SharedOption[];

/** Declares the shared options except `omit`: strict mode then refuses those, rather than ignoring them. */
export function withSharedOptions(command: Argv, omit: readonly SharedOption[] = []): Argv {
  for (const [name, spec] of Object.entries(sharedOptions)) {
    if (!omit.includes(name as SharedOption)) option(command, name, spec);
  }
  return command;
}
