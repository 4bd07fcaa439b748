import { basename, dirname, extname } from 'node:path';
import type { AudioTrack } from '../audio/read-audio.ts';
import { defaultReact, reactSources, type ReactSpec } from '../audio/react.ts';
import { backendChoices, type BackendChoice } from '../backends/backend.ts';
import { colourModes } from '../cppn/colour.ts';
import { gifMaxFps } from '../encoders/gif/gif-delays.ts';
import { videoCodecs } from '../encoders/ffmpeg/ffmpeg-args.ts';
import { needsFfmpeg, outputFormats, type OutputFormat } from '../encoders/select-encoder.ts';
import { framePatternProblem, hasFramePattern } from '../output/frame-pattern.ts';
import { activationNames } from '../cppn/network/activations.ts';
import { inputKinds } from '../cppn/network/inputs.ts';
import { architectures, type NetworkSpec } from '../cppn/network/network.ts';
import { findPreset, presetArgs, presets } from '../recipe/presets.ts';
import { canonicalSeed, drawSeed } from '../cppn/random.ts';
import { recipeVersion, type Recipe, type RecipeAudio } from '../recipe/recipe.ts';
import { defaultSegmentSeconds, defaultSegmentThresholdSeconds, segmentFrameCount, workFolderOf } from '../segments/plan-segments.ts';
import { shardIndexVariables, type Shard } from '../segments/shard.ts';
import { loops, type Loop } from '../cppn/sweep.ts';
import { invalidOption, UsageError } from '../errors.ts';
import { version } from '../version.ts';

/** The render command's arguments as yargs hands them over: text, checked here and nowhere else. */
export interface RenderArgs {
  seed?: string;
  size?: string;
  frames?: string;
  duration?: string;
  fps?: string;
  arch?: string;
  layers?: string;
  hidden?: string;
  activation?: string;
  beta?: string;
  colour?: string;
  scale?: string;
  loop?: string;
  latent?: string;
  inputs?: string;
  zFrom?: string;
  zTo?: string;
  zCentre?: string;
  radius?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  backend?: string;
  /** A preset's slug: its settings replace the defaults. */
  preset?: string;
  /** Also write the recipe as JSON to this file. */
  recipeOut?: string;
  crf?: string;
  ffmpeg?: string;
  aa?: string;
  /** A soundtrack that drives the motion and plays in the video. */
  audio?: string;
  /** What the audio drives, e.g. `speed=loudness,pulse=bass`. */
  react?: string;
  /** How many times the audio-driven z goes round its path over the whole video. */
  turns?: string;
  /** Only from a recipe (--from), never the command line: the track the recipe was made with. */
  audioName?: string;
  audioSha256?: string;
  /** Only from a recipe (--from): the video format and quality it was encoded with. */
  recipeVideoFormat?: string;
  recipeCrf?: string;
  /** `INDEX/COUNT` or `auto/COUNT`: render only this machine's share of the segments. */
  shard?: string;
  segmentSeconds?: string;
  segmentThreshold?: string;
}

/** A checked render request: the recipe (what to draw) and how to run it. Frozen; flows forward unchanged. */
export interface RenderOptions {
  readonly recipe: Recipe;
  /** The target path, or undefined for a fresh name in `defaultOutputFolder`. */
  readonly out: string | undefined;
  readonly format: OutputFormat;
  readonly force: boolean;
  readonly quiet: boolean;
  readonly backend: BackendChoice;
  /** Where to write the recipe as JSON too, if anywhere. */
  readonly recipeOut: string | undefined;
  /** Video quality (lower is better), only for .mp4 and .webm; undefined otherwise. */
  readonly crf: number | undefined;
  /** `--ffmpeg PATH`: the ffmpeg to use before any other (see find-ffmpeg.ts). */
  readonly ffmpeg: string | undefined;
  /** The soundtrack, analysed (see read-audio.ts); its settings are in `recipe.audio`. */
  readonly audio: AudioTrack | undefined;
  /** A long video (or a shard's share of one) encoded in segments; undefined for one file in one go. */
  readonly segments: SegmentOptions | undefined;
}

/** How a segmented render is cut up and which part of it this process renders (see docs/long-renders.md). */
export interface SegmentOptions {
  /** Frames in each segment but the last. */
  readonly segmentFrames: number;
  /** Only this share, left in the work folder for `zsweep join`; undefined renders everything and joins. */
  readonly shard: Shard | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The defaults, in one place. A 512², 4-second loop renders in about 4 s on two cores (README). */
export const defaults = {
  size: '512x512',
  fps: 30,
  durationSeconds: 4,
  arch: 'densenet',
  layers: 8,
  beta: 256,
  colour: 'rgb',
  scale: 1,
  loop: 'circle',
  latent: 2,
  inputs: 'standard',
  radius: 1,
  zFrom: -1,
  zTo: 1,
  zCentre: 0,
  format: 'mp4',
  backend: 'auto',
  aa: 1,
} as const;

export const defaultOutputFolder = 'output';

/** Largest side and area of a frame: beyond them a frame's buffers would not fit comfortably in memory. */
export const maxSide = 16384;
export const maxPixels = 8192 * 8192;
export const maxFrames = 1_000_000;

/** Accepted ranges, shared by the command line and the recipe schema. */
export const limits = {
  fps: { min: 0.1, max: 240, example: '30' },
  layers: { min: 1, max: 64, example: '8' },
  hidden: { min: 1, max: 256, example: '32' },
  beta: { min: 0.01, max: 1e6, example: '256' },
  latent: { min: 1, max: 64, example: '2' },
  scale: { min: 1e-6, max: 1e6, example: '1.5', exclusiveMin: true },
  radius: { min: 0, max: 1e6, example: '1' },
  turns: { min: 0, max: 1e6, example: '4' },
  pulseAmount: { min: 0, max: 10, example: '0.2' },
  frames: { min: 1, max: maxFrames, example: '60' },
  /** Largest magnitude of a latent coordinate. */
  latentValue: 1e6,
} as const;

/** An audio-driven video lasts as long as its track unless told otherwise, and goes round its path once per this many seconds. */
export const secondsPerTurn = 8;

/** What must be read from disk before the options can be checked: the --audio file, and the ffmpeg to decode it. */
export interface AudioRequest {
  readonly path: string;
  readonly ffmpeg: string | undefined;
}

/**
 * The cheap checks of --audio, before its file is read (by `readAudio`, whose result then goes to
 * `parseRenderOptions`): that the output can carry sound, and that a recipe made with audio gets it.
 * Undefined when the render has no audio.
 */
export function parseAudioRequest(cliArgs: RenderArgs, base?: RenderArgs): AudioRequest | undefined {
  const args = mergeArgs(base ?? {}, cliArgs);
  if (args.audio === undefined) {
    if (args.audioSha256 !== undefined) {
      throw new UsageError(`Missing --audio: the recipe was made with the track ${JSON.stringify(args.audioName ?? '?')} (sha256 ${args.audioSha256.slice(0, 12)}…); give it again with --audio FILE`);
    }
    for (const option of ['react', 'turns'] as const) {
      if (args[option] !== undefined) throw invalidOption(option, args[option], `--audio FILE with it: --${option} sets how a soundtrack drives the motion`);
    }
    return undefined;
  }
  if (args.audio.trim() === '') throw invalidOption('audio', args.audio, 'an audio file, e.g. --audio song.mp3');
  const format = args.out === undefined ? defaults.format : parseFormat(args.out);
  if (!needsFfmpeg(format)) {
    throw new UsageError(`Invalid --audio with --out ${JSON.stringify(args.out)}: ${format === 'gif' ? 'a GIF' : 'PNG'} has no sound; write a video (.mp4 or .webm) to have the track play in it`);
  }
  return { path: args.audio, ffmpeg: parseFfmpegPath(args.ffmpeg) };
}

/**
 * Checks the command line's arguments. `base` holds settings that take the place of the defaults
 * (a recipe read with --from); a --preset does the same. Options given on the command line win.
 * With --audio, `audio` is that file read and analysed (see `parseAudioRequest`).
 */
export function parseRenderOptions(cliArgs: RenderArgs, base?: RenderArgs, audio?: AudioTrack, env: Env = process.env): RenderOptions {
  if (cliArgs.preset !== undefined && base !== undefined) {
    throw new UsageError(`Invalid --preset ${JSON.stringify(cliArgs.preset)} with --from: give one of them, not both`);
  }
  const request = parseAudioRequest(cliArgs, base);
  if (request?.path !== audio?.path) throw new Error(`--audio ${request?.path} was not read before the options were checked (readAudio)`);
  const args = mergeArgs(base ?? presetBase(cliArgs.preset), cliArgs);
  const seed = args.seed === undefined ? drawSeed() : parseSeed(args.seed);
  const [width, height] = parseSize(args.size ?? defaults.size);
  const format = args.out === undefined ? defaults.format : parseFormat(args.out);
  if (format === 'mp4' && (width % 2 || height % 2)) {
    const even = `${width + (width % 2)}x${height + (height % 2)}`;
    throw new UsageError(`Invalid --size ${JSON.stringify(args.size ?? defaults.size)}: H.264 (yuv420p) needs even width and height; use --size ${even}`);
  }
  const aa = parseInteger('aa', args.aa, defaults.aa, { min: 1, max: 4, example: '2' });
  if (width * height * aa * aa > maxPixels) {
    throw invalidOption('aa', args.aa, `a smaller supersampling factor: ${width}x${height} at --aa ${aa} is ${(width * height * aa * aa / 1e6).toFixed(0)} megapixels a frame, more than ${Math.floor(maxPixels / 1e6)} megapixels`);
  }
  const fps = parseNumber('fps', args.fps, defaults.fps, limits.fps);
  if (format === 'gif' && fps > gifMaxFps) {
    throw invalidOption('fps', args.fps, `at most ${gifMaxFps} for a GIF (browsers slow faster GIFs down); lower --fps or write a video`);
  }
  // One .png is the sweep's first frame: a length from a recipe does not matter; one asked for is refused.
  const frames = format === 'png' ? parseStillFrames({ ...cliArgs, out: args.out }) : parseFrameCount(args, fps, audio?.durationSeconds);

  const arch = parseChoice('arch', args.arch, defaults.arch, architectures);
  // The post's densenet is 8 sigmoid units wide; its perceptron and resnet 32 tanh units.
  const network: NetworkSpec = {
    arch,
    layers: parseInteger('layers', args.layers, defaults.layers, limits.layers),
    hidden: parseInteger('hidden', args.hidden, arch === 'densenet' ? 8 : 32, limits.hidden),
    activation: parseChoice('activation', args.activation, arch === 'densenet' ? 'sigmoid' : 'tanh', activationNames),
    beta: parseNumber('beta', args.beta, defaults.beta, limits.beta),
    latent: parseInteger('latent', args.latent, defaults.latent, limits.latent),
    inputs: parseChoice('inputs', args.inputs, defaults.inputs, inputKinds),
  };

  const loop = parseChoice('loop', args.loop, defaults.loop, loops);
  if (loop === 'circle' && network.latent < 2) {
    throw invalidOption('latent', args.latent, 'at least 2 for --loop circle (a circle needs a plane); use --latent 2, or --loop pingpong for a single z');
  }
  const vector = (option: string, raw: string | undefined, fallback: number) =>
    parseVector(option, raw, fallback, network.latent);
  // A recipe's quality carries over to a video of the same format (a new --crf wins); other formats have their own scales.
  const crf = parseCrf(args.crf, format, args.recipeVideoFormat === format ? args.recipeCrf : undefined);
  const recipe: Recipe = {
    zsweep: version,
    recipe: recipeVersion,
    seed,
    width,
    height,
    fps,
    frames,
    aa,
    network,
    scale: parseNumber('scale', args.scale, defaults.scale, limits.scale),
    colour: parseChoice('colour', args.colour, defaults.colour, colourModes),
    sweep: {
      loop,
      radius: parseNumber('radius', args.radius, defaults.radius, limits.radius),
      centre: vector('z-centre', args.zCentre, defaults.zCentre),
      from: vector('z-from', args.zFrom, defaults.zFrom),
      to: vector('z-to', args.zTo, defaults.zTo),
    },
    ...(audio ? { audio: parseRecipeAudio(args, audio, loop, frames / fps) } : {}),
    ...(crf === undefined ? {} : { video: { format: format as 'mp4' | 'webm', crf } }),
  };
  return deepFreeze({
    recipe,
    out: args.out,
    format,
    force: args.force ?? false,
    quiet: args.quiet ?? false,
    backend: parseChoice('backend', args.backend, defaults.backend, backendChoices),
    recipeOut: parseRecipeOut(args.recipeOut),
    crf,
    ffmpeg: parseFfmpegPath(args.ffmpeg),
    audio,
    segments: parseSegments(args, format, frames, fps, env),
  });
}

/** The recipe's record of the soundtrack: which file (by content), and how it drives the motion. */
function parseRecipeAudio(args: RenderArgs, audio: AudioTrack, loop: Loop, seconds: number): RecipeAudio {
  if (args.audioSha256 !== undefined && args.audioSha256 !== audio.sha256) {
    throw new UsageError(`Invalid --audio ${JSON.stringify(audio.path)}: the recipe was made with ${JSON.stringify(args.audioName ?? '?')} (sha256 ${args.audioSha256.slice(0, 12)}…), and this file's content differs (sha256 ${audio.sha256.slice(0, 12)}…); give that track`);
  }
  if (loop === 'none' && args.turns !== undefined) {
    throw invalidOption('turns', args.turns, 'no --turns with --loop none: z goes from --z-from to --z-to once over the whole track');
  }
  const turns = loop === 'none' ? 1 : parseNumber('turns', args.turns, Math.max(1, Math.round(seconds / secondsPerTurn)), limits.turns);
  return { file: audio.name, sha256: audio.sha256, react: parseReact(args.react), turns };
}

const reactKeys = ['speed', 'pulse', 'pulse-amount'] as const;
const reactExample = 'speed=loudness,pulse=bass,pulse-amount=0.2';

/** `speed=bass,pulse=none`: what the sound drives, each key at most once; keys left out keep their defaults. */
export function parseReact(raw: string | undefined): ReactSpec {
  if (raw === undefined) return defaultReact;
  const settings: Record<string, string> = {};
  for (const part of raw.split(',')) {
    const [key, value, ...rest] = part.split('=').map((text) => text.trim().toLowerCase());
    if (!(reactKeys as readonly string[]).includes(key) || value === undefined || value === '' || rest.length || key in settings) {
      throw invalidOption('react', raw, `KEY=VALUE pairs separated by commas, each of ${reactKeys.join(', ')} at most once, e.g. --react ${reactExample}`);
    }
    settings[key] = value;
  }
  const choice = <T extends string>(key: string, fallback: T, choices: readonly T[]): T => {
    const value = settings[key] ?? fallback;
    if (!(choices as readonly string[]).includes(value)) throw invalidOption('react', raw, `${key}= one of ${choices.join(', ')}, e.g. --react ${reactExample}`);
    return value as T;
  };
  const amount = settings['pulse-amount'] === undefined ? defaultReact.pulseAmount : Number(settings['pulse-amount']);
  const { min, max } = limits.pulseAmount;
  if (!Number.isFinite(amount) || amount < min || amount > max) {
    throw invalidOption('react', raw, `pulse-amount= a number from ${min} to ${max}, e.g. --react ${reactExample}`);
  }
  return {
    speed: choice('speed', defaultReact.speed, [...reactSources, 'constant'] as const),
    pulse: choice('pulse', defaultReact.pulse, [...reactSources, 'none'] as const),
    pulseAmount: amount,
  };
}

/** The canonical text of a react setting, as --react takes it: `recipeArgs` writes it back. */
export function reactText(react: ReactSpec): string {
  return `speed=${react.speed},pulse=${react.pulse},pulse-amount=${react.pulseAmount}`;
}

/**
 * Segments for a video longer than the threshold, or whenever a shard is asked for. Refused for GIF and
 * PNG rather than ignored: those are written frame by frame in one file and cannot be joined.
 */
function parseSegments(args: RenderArgs, format: OutputFormat, frames: number, fps: number, env: Env): SegmentOptions | undefined {
  if (!needsFfmpeg(format)) {
    const given = (['shard', 'segmentSeconds', 'segmentThreshold'] as const).find((key) => args[key] !== undefined);
    if (given) {
      const option = given.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      throw invalidOption(option, args[given], `no --${option}: segments and shards are for video (.mp4, .webm) only`);
    }
    return undefined;
  }
  const seconds = parseNumber('segment-seconds', args.segmentSeconds, defaultSegmentSeconds, { min: 0, max: 3600, example: `${defaultSegmentSeconds}`, exclusiveMin: true });
  const threshold = parseNumber('segment-threshold', args.segmentThreshold, defaultSegmentThresholdSeconds, { min: 0, max: 1e9, example: `${defaultSegmentThresholdSeconds}` });
  const shard = args.shard === undefined ? undefined : parseShard(args.shard, env);
  if (shard === undefined && frames / fps <= threshold) return undefined;
  if (shard !== undefined && args.out === undefined) {
    throw invalidOption('shard', args.shard, 'an --out as well, the same for every shard, e.g. --shard 0/8 --out /shared/loop.mp4 (the shards meet in loop.mp4.parts)');
  }
  if (shard !== undefined && args.recipeOut !== undefined) {
    throw invalidOption('recipe-out', args.recipeOut, `no --recipe-out with --shard: the recipe is in ${workFolderOf(args.out!)}/manifest.json, and zsweep join writes it into the video`);
  }
  return { segmentFrames: segmentFrameCount(seconds, fps), shard };
}

/** Largest number of shards: far more machines than anyone has, far fewer than the segments of a long render. */
export const maxShards = 100_000;

/**
 * `INDEX/COUNT` with INDEX from 0, or `auto/COUNT`: the index from the job runner's variable (see
 * shard.ts), so that one job script serves every shard.
 */
export function parseShard(raw: string, env: Env): Shard {
  const match = /^\s*(auto|\d+)\s*\/\s*(\d+)\s*$/i.exec(raw);
  const expected = `INDEX/COUNT with INDEX from 0 to COUNT-1, or auto/COUNT, e.g. --shard 0/8 or --shard auto/8`;
  if (!match) throw invalidOption('shard', raw, expected);
  const count = Number(match[2]);
  if (count < 1 || count > maxShards) throw invalidOption('shard', raw, `a COUNT from 1 to ${maxShards}, e.g. --shard 0/8`);
  if (match[1].toLowerCase() !== 'auto') {
    const index = Number(match[1]);
    if (index >= count) throw invalidOption('shard', raw, `an INDEX from 0 to ${count - 1} (shards are counted from 0), e.g. --shard 0/${count}`);
    return { index, count };
  }
  const source = shardIndexVariables.find(({ name }) => (env[name] ?? '').trim() !== '');
  if (!source) {
    throw invalidOption('shard', raw, `one of ${shardIndexVariables.map((v) => v.name).join(', ')} to be set for auto (none is), or the index itself, e.g. --shard 0/${count}`);
  }
  const value = env[source.name]!.trim();
  const index = Number(value) - source.firstIndex(env);
  if (!/^\d+$/.test(value) || !Number.isInteger(index) || index < 0 || index >= count) {
    throw invalidOption('shard', raw, `${source.name}=${JSON.stringify(value)} to give a shard from 0 to ${count - 1} (it gives ${Number.isFinite(index) ? index : 'no number'}); check the job's size against COUNT`);
  }
  return { index, count };
}

/** The join command's arguments. */
export interface JoinArgs {
  folder?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  ffmpeg?: string;
  audio?: string;
}

export interface JoinOptions {
  /** The work folder, `OUT.parts`. */
  readonly folder: string;
  /** The video to write; by default the work folder's name without `.parts`. */
  readonly out: string;
  readonly force: boolean;
  readonly quiet: boolean;
  readonly ffmpeg: string | undefined;
  /** The soundtrack of an audio-driven render, muxed into the joined video. */
  readonly audio: string | undefined;
}

export function parseJoinOptions(args: JoinArgs): JoinOptions {
  const folder = (args.folder ?? '').replace(/\/+$/, '');
  if (folder === '') throw invalidOption('folder', args.folder, 'the work folder of a segmented render, e.g. zsweep join loop.mp4.parts');
  const named = /\.(mp4|webm)\.parts$/i.test(folder) ? folder.slice(0, -'.parts'.length) : undefined;
  if (args.out === undefined && named === undefined) {
    throw new UsageError(`Missing --out: ${JSON.stringify(folder)} is not named like a work folder (VIDEO.parts, e.g. loop.mp4.parts), so give the video to write, e.g. --out loop.mp4`);
  }
  const out = args.out ?? named!;
  const format = parseFormat(out);
  if (!needsFfmpeg(format)) throw invalidOption('out', out, 'a video file ending in .mp4 or .webm, e.g. --out loop.mp4');
  if (args.audio !== undefined && args.audio.trim() === '') throw invalidOption('audio', args.audio, 'the track the segments were rendered to, e.g. --audio song.mp3');
  return deepFreeze({ folder, out, force: args.force ?? false, quiet: args.quiet ?? false, ffmpeg: parseFfmpegPath(args.ffmpeg), audio: args.audio });
}

function presetBase(slug: string | undefined): RenderArgs {
  if (slug === undefined) return {};
  const preset = findPreset(slug);
  if (!preset) throw invalidOption('preset', slug, `one of ${presets.map((p) => p.slug).join(', ')} (see zsweep presets)`);
  return presetArgs(preset);
}

/** The command line over the base; a length given on the command line replaces the base's length. */
function mergeArgs(base: RenderArgs, cli: RenderArgs): RenderArgs {
  const merged: RenderArgs = { ...base };
  // A soundtrack new to the base (a recipe without one) sets its own length, as it does without a base.
  const newAudio = cli.audio !== undefined && base.audioSha256 === undefined;
  if (cli.frames !== undefined || cli.duration !== undefined || newAudio) {
    delete merged.frames;
    delete merged.duration;
  }
  for (const [key, value] of Object.entries(cli) as [keyof RenderArgs, never][]) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** A recipe as arguments, so that a recipe and the command line are checked by the same code. */
export function recipeArgs(recipe: Recipe): RenderArgs {
  const { network, sweep } = recipe;
  return {
    seed: recipe.seed,
    size: `${recipe.width}x${recipe.height}`,
    fps: String(recipe.fps),
    frames: String(recipe.frames),
    aa: String(recipe.aa),
    arch: network.arch,
    layers: String(network.layers),
    hidden: String(network.hidden),
    activation: network.activation,
    beta: String(network.beta),
    latent: String(network.latent),
    inputs: network.inputs,
    colour: recipe.colour,
    scale: String(recipe.scale),
    loop: sweep.loop,
    radius: String(sweep.radius),
    zCentre: sweep.centre.join(','),
    zFrom: sweep.from.join(','),
    zTo: sweep.to.join(','),
    ...(recipe.video ? { recipeVideoFormat: recipe.video.format, recipeCrf: String(recipe.video.crf) } : {}),
    ...(recipe.audio ? {
      audioName: recipe.audio.file,
      audioSha256: recipe.audio.sha256,
      react: reactText(recipe.audio.react),
      ...(sweep.loop === 'none' ? {} : { turns: String(recipe.audio.turns) }),
    } : {}),
  };
}

function parseRecipeOut(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!raw.toLowerCase().endsWith('.json')) throw invalidOption('recipe-out', raw, 'a file ending in .json, e.g. --recipe-out output/loop.json');
  return raw;
}

/**
 * Quality for video: --crf, else the recipe's for the same format, else the codec's default. Refused
 * for other formats rather than silently ignored.
 */
function parseCrf(raw: string | undefined, format: OutputFormat, fromRecipe?: string): number | undefined {
  if (!needsFfmpeg(format)) {
    if (raw !== undefined) throw invalidOption('crf', raw, 'no --crf: it sets the quality of video (.mp4, .webm) only');
    return undefined;
  }
  const { crfRange: [min, max], defaultCrf, label } = videoCodecs[format];
  const range = { min, max, example: `${defaultCrf}`, what: `for ${label} (lower is better quality and a bigger file)` };
  return parseInteger('crf', raw, fromRecipe === undefined ? defaultCrf : parseInteger('crf', fromRecipe, defaultCrf, range), range);
}

/** The info command's arguments. */
export interface InfoArgs {
  ffmpeg?: string;
}

export function parseInfoOptions(args: InfoArgs): { readonly ffmpeg: string | undefined } {
  return Object.freeze({ ffmpeg: parseFfmpegPath(args.ffmpeg) });
}

function parseFfmpegPath(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === '') throw invalidOption('ffmpeg', raw, 'the path of an ffmpeg program, e.g. --ffmpeg /usr/bin/ffmpeg');
  return raw;
}

/** A single .png holds one frame: the first of the sweep. */
function parseStillFrames(args: RenderArgs): number {
  const frames = args.frames === undefined ? 1 : parseInteger('frames', args.frames, 1, { min: 1, max: maxFrames, example: '1' });
  if (frames !== 1 || args.duration !== undefined) {
    throw new UsageError(`Invalid --out ${JSON.stringify(args.out)}: a single .png holds one frame (the first); for one PNG per frame use a pattern such as --out frames/%04d.png, for another frame zsweep still --frame N, or drop --frames/--duration`);
  }
  return 1;
}

function parseSeed(raw: string): string {
  const seed = canonicalSeed(raw);
  if (seed === '' || seed.length > 200) throw invalidOption('seed', raw, 'a whole number or a short text (1 to 200 characters), e.g. --seed 42');
  return seed;
}

function parseSize(raw: string): [number, number] {
  const match = /^\s*(\d+)\s*[x×X]\s*(\d+)\s*$/.exec(raw);
  if (!match) throw invalidOption('size', raw, 'WIDTHxHEIGHT in pixels, e.g. --size 512x512');
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (width < 2 || height < 2 || width > maxSide || height > maxSide) {
    throw invalidOption('size', raw, `each side from 2 to ${maxSide} pixels, e.g. --size 512x512`);
  }
  if (width * height > maxPixels) {
    throw invalidOption('size', raw, `at most ${maxPixels / 1e6} megapixels a frame (this is ${(width * height / 1e6).toFixed(0)}); choose a smaller --size`);
  }
  return [width, height];
}

function parseFormat(out: string): OutputFormat {
  if (hasFramePattern(dirname(out))) {
    throw invalidOption('out', out, 'the frame-number pattern (%04d) in the file name, not in a folder, e.g. --out frames/%04d.png');
  }
  const ext = extname(out).slice(1).toLowerCase();
  if (hasFramePattern(basename(out))) {
    const problem = framePatternProblem(basename(out));
    if (problem) throw invalidOption('out', out, `${problem}, e.g. --out frames/%04d.png`);
    if (ext !== 'png') throw invalidOption('out', out, 'a frame sequence of PNG files, e.g. --out frames/%04d.png (video: a single .mp4 or .webm)');
    return 'png-sequence';
  }
  if (basename(out).startsWith('.') && ext === '') {
    throw invalidOption('out', out, 'a file name with an extension, e.g. --out output/loop.mp4');
  }
  if (!(outputFormats as readonly string[]).includes(ext)) {
    throw invalidOption('out', out, `a file ending in ${outputFormats.map((f) => '.' + f).join(' or ')}, or a PNG frame pattern such as frames/%04d.png, e.g. --out output/loop.mp4`);
  }
  return ext as OutputFormat;
}

/** From --frames, --duration, the soundtrack's length (`audioSeconds`), or the default length, in that order. */
function parseFrameCount(args: RenderArgs, fps: number, audioSeconds?: number): number {
  if (args.frames !== undefined && args.duration !== undefined) {
    throw new UsageError(`Invalid --frames ${JSON.stringify(args.frames)} with --duration ${JSON.stringify(args.duration)}: give one of them, not both`);
  }
  if (args.frames !== undefined) {
    return parseInteger('frames', args.frames, 0, limits.frames);
  }
  if (args.duration === undefined && audioSeconds !== undefined) {
    const frames = Math.max(1, Math.round(audioSeconds * fps));
    if (frames > maxFrames) throw invalidOption('audio', args.audio, `a track of at most ${maxFrames} frames at ${fps} fps; give a shorter --duration or lower --fps`);
    return frames;
  }
  const seconds = parseNumber('duration', args.duration, defaults.durationSeconds, { min: 0, max: 86400, example: '4', exclusiveMin: true });
  const frames = Math.round(seconds * fps);
  if (frames < 1) throw invalidOption('duration', args.duration, `at least one frame at ${fps} fps (${Number((1 / fps).toPrecision(3))} s or more)`);
  if (frames > maxFrames) throw invalidOption('duration', args.duration, `at most ${maxFrames} frames in all; shorten it or lower --fps`);
  return frames;
}

interface Range {
  readonly min: number;
  readonly max: number;
  readonly example: string;
  readonly exclusiveMin?: boolean;
  /** Said after the range, e.g. `for H.264`. */
  readonly what?: string;
}

function parseNumber(option: string, raw: string | undefined, fallback: number, range: Range): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  const low = range.exclusiveMin ? value <= range.min : value < range.min;
  if (raw.trim() === '' || !Number.isFinite(value) || low || value > range.max) {
    const from = range.exclusiveMin ? `more than ${range.min}` : `from ${range.min}`;
    throw invalidOption(option, raw, `a number ${from} to ${range.max}, e.g. --${option} ${range.example}`);
  }
  return value;
}

function parseInteger(option: string, raw: string | undefined, fallback: number, range: Range): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (!/^\s*\d+\s*$/.test(raw) || value < range.min || value > range.max) {
    throw invalidOption(option, raw, `a whole number from ${range.min} to ${range.max}${range.what ? ` ${range.what}` : ''}, e.g. --${option} ${range.example}`);
  }
  return value;
}

function parseChoice<T extends string>(option: string, raw: string | undefined, fallback: T, choices: readonly T[]): T {
  if (raw === undefined) return fallback;
  const value = raw.trim().toLowerCase();
  if (!(choices as readonly string[]).includes(value)) {
    throw invalidOption(option, raw, `one of ${choices.join(', ')}, e.g. --${option} ${choices[0]}`);
  }
  return value as T;
}

/** One number for every dimension (`0.5`) or one per dimension (`0.5,-1`). */
function parseVector(option: string, raw: string | undefined, fallback: number, latent: number): number[] {
  if (raw === undefined) return new Array<number>(latent).fill(fallback);
  const parts = raw.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  const example = Array.from({ length: latent }, (_, d) => (d % 2 ? '-0.5' : '0.5')).join(',');
  if (parts.some((part) => part === '') || values.some((v) => !Number.isFinite(v) || Math.abs(v) > limits.latentValue)) {
    throw invalidOption(option, raw, `a number, or ${latent} numbers separated by commas (one per --latent dimension), e.g. --${option} ${example}`);
  }
  if (values.length === 1) return new Array<number>(latent).fill(values[0]);
  if (values.length !== latent) {
    throw invalidOption(option, raw, `1 or ${latent} numbers (one per --latent dimension), not ${values.length}, e.g. --${option} ${example}`);
  }
  return values;
}

function deepFreeze<T>(value: T): T {
  // Typed arrays (the audio's features) cannot be frozen; they are only read after this point.
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Arguments of `zsweep grid`: the render options plus the seeds and the sheet's layout. */
export interface GridArgs extends RenderArgs {
  seeds?: string;
  cell?: string;
  columns?: string;
}

export interface GridOptions {
  /** One recipe per cell, each a single frame of `cell × cell` pixels. */
  readonly recipes: readonly Recipe[];
  readonly cell: number;
  readonly columns: number;
  readonly out: string | undefined;
  readonly format: ImageFormat;
  readonly force: boolean;
  readonly quiet: boolean;
  readonly backend: BackendChoice;
}

export const maxGridSeeds = 400;

export function parseGridOptions(args: GridArgs): GridOptions {
  const seeds = parseSeedList(args.seeds ?? '1-16');
  const cell = parseInteger('cell', args.cell, 160, { min: 16, max: 1024, example: '160' });
  const columns = parseInteger('columns', args.columns, Math.ceil(Math.sqrt(seeds.length)), { min: 1, max: maxGridSeeds, example: '4' });
  const out = args.out === undefined ? undefined : parseImageOut(args.out);
  const { seed: _seed, out: _out, seeds: _seeds, cell: _cell, columns: _columns, ...shared } = args;
  // Each cell is checked as the one-frame PNG it is (not as the default MP4, which wants even sides).
  const recipes = seeds.map((seed) => parseRenderOptions({ ...shared, seed, size: `${cell}x${cell}`, frames: '1', out: 'cell.png' }).recipe);
  const format = out === undefined ? 'png' : imageFormatOf(out);
  return deepFreeze({ recipes, cell, columns, out, format, force: args.force ?? false, quiet: args.quiet ?? false, backend: recipesBackend(args) });
}

/** Arguments of `zsweep still`: one frame of the sweep, at any size, supersampled. */
export interface StillArgs extends RenderArgs {
  aa?: string;
  frame?: string;
}

export interface StillOptions {
  readonly recipe: Recipe;
  /** Samples per pixel along each axis. */
  readonly aa: number;
  /** Which frame of the sweep, counted from 0. */
  readonly frame: number;
  readonly out: string | undefined;
  readonly format: ImageFormat;
  readonly force: boolean;
  readonly quiet: boolean;
  readonly backend: BackendChoice;
}

export const imageFormats = ['png', 'jpeg', 'webp'] as const;
export type ImageFormat = (typeof imageFormats)[number];
/**
 * A still is evaluated in bands, so its size is not bounded by a frame's memory, but it is drawn on one
 * @napi-rs/canvas, which holds at most 2³¹ bytes (a 23170×23170 picture) and 32767 pixels a side. WebP
 * holds at most 16383 a side.
 */
export const maxStillSide = 32767;
export const maxStillPixels = 2 ** 29 - 1;
const maxWebpSide = 16383;

export function parseStillOptions(args: StillArgs, base?: RenderArgs): StillOptions {
  if (base?.audioSha256 !== undefined) {
    throw new UsageError(`zsweep still cannot render a frame of an audio-driven recipe (its frames follow the track ${JSON.stringify(base.audioName ?? '?')}); render the video with --from and --audio instead`);
  }
  const { out, aa: rawAa, frame: rawFrame, size, ...rest } = args;
  const format = out === undefined ? 'png' : imageFormatOf(out);
  const [width, height] = parseStillSize(size ?? base?.size ?? '1024x1024');
  if (format === 'webp' && Math.max(width, height) > maxWebpSide) {
    throw invalidOption('size', size, `at most ${maxWebpSide} pixels a side for WebP; choose a smaller --size, or write .png`);
  }
  // The frame checks run at a small size; the still's own size is checked above with the still's limits.
  const aa = parseInteger('aa', rawAa, 2, { min: 1, max: 4, example: '2' });
  const { video: _video, ...frameRecipe } = parseRenderOptions({ ...rest, size: '16x16' }, base).recipe;
  const recipe = { ...frameRecipe, width, height, aa };
  const frame = parseInteger('frame', rawFrame, 0, { min: 0, max: recipe.frames - 1, example: '0' });
  return deepFreeze({
    recipe, aa, frame,
    out: out === undefined ? undefined : parseImageOut(out),
    format,
    force: args.force ?? false, quiet: args.quiet ?? false, backend: recipesBackend(args),
  });
}

function parseStillSize(raw: string): [number, number] {
  const match = /^\s*(\d+)\s*[x×X]\s*(\d+)\s*$/.exec(raw);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || width < 2 || height < 2 || width > maxStillSide || height > maxStillSide) {
    throw invalidOption('size', raw, `WIDTHxHEIGHT, each side from 2 to ${maxStillSide} pixels, e.g. --size 3000x3000`);
  }
  if (width * height > maxStillPixels) {
    throw invalidOption('size', raw, `at most ${Math.floor(maxStillPixels / 1e6)} megapixels for a still (this is ${Math.round(width * height / 1e6)}), e.g. --size 23000x23000`);
  }
  return [width, height];
}

function parseImageOut(out: string): string {
  imageFormatOf(out);
  return out;
}

function imageFormatOf(out: string): ImageFormat {
  const ext = extname(out).slice(1).toLowerCase();
  if (ext === 'png' || ext === 'webp') return ext;
  if (ext === 'jpg' || ext === 'jpeg') return 'jpeg';
  throw invalidOption('out', out, 'an image file ending in .png, .jpg or .webp, e.g. --out output/still.png');
}

function recipesBackend(args: RenderArgs): BackendChoice {
  return parseChoice('backend', args.backend, defaults.backend, backendChoices);
}

/** `1-16`, `3,5,8`, `1-4,sunrise`: ranges of whole numbers and single seeds, at most maxGridSeeds. */
export function parseSeedList(raw: string): string[] {
  const seeds: string[] = [];
  const expected = `ranges and seeds separated by commas, at most ${maxGridSeeds} in all, e.g. --seeds 1-16 or --seeds 3,42,sunrise`;
  for (const token of raw.split(',').map((t) => t.trim())) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(token);
    if (range) {
      const [first, last] = [BigInt(range[1]), BigInt(range[2])];
      if (last < first || last - first >= BigInt(maxGridSeeds)) throw invalidOption('seeds', raw, expected);
      for (let seed = first; seed <= last; seed++) seeds.push(seed.toString());
    } else if (token !== '') {
      seeds.push(parseSeed(token));
    } else {
      throw invalidOption('seeds', raw, expected);
    }
    if (seeds.length > maxGridSeeds) throw invalidOption('seeds', raw, expected);
  }
  return seeds;
}
