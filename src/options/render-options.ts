import { defaultReact } from '../audio/react.ts';
import type { AudioTrack } from '../audio/read-audio.ts';
import { type BackendChoice, backendChoices } from '../backends/backend.ts';
import { type VideoQuality, videoQualities } from '../encoders/ffmpeg/video-quality.ts';
import { type Format, type FormatName, formats } from '../encoders/formats.ts';
import { invalidOption, UsageError } from '../errors.ts';
import { maxFrames, maxPixels, maxSide } from '../recipe/limits.ts';
import { findPreset, presetDraft, presets } from '../recipe/presets.ts';
import type { Recipe, RecipeAudio } from '../recipe/recipe.ts';
import { mergeDrafts, type RecipeDraft } from '../recipe/recipe-draft.ts';
import type { AnimationRequest } from '../render/render-request.ts';
import { completePicture, recipeOf } from './complete-picture.ts';
import { defaults, secondsPerTurn } from './defaults.ts';
import { parseAnimationOut } from './output-format.ts';
import { type PictureArgs, parsePictureArgs } from './picture-args.ts';
import { parseSegments } from './segment-options.ts';
import { deepFreeze, given, parseChoice, parseFfmpegPath, parseInteger } from './values.ts';

/** The render command's arguments as yargs hands them over: text, checked here and nowhere else. */
export interface RenderArgs extends PictureArgs {
  out?: string;
  force?: boolean;
  quiet?: boolean;
  backend?: string;
  /** A preset's slug: its settings replace the defaults. */
  preset?: string;
  /** Also write the recipe as JSON to this file. */
  recipeOut?: string;
  crf?: string;
  /** The video encoder's level of effort: fast, balanced or small. */
  quality?: string;
  ffmpeg?: string;
  /** A soundtrack that drives the motion and plays in the video. */
  audio?: string;
  /** `NUMBER/COUNT` (from 1) or `auto/COUNT`: render only this machine's share of the segments. */
  shard?: string;
  segmentSeconds?: string;
  segmentThreshold?: string;
}

/** A checked render: the request for the render API (less the ffmpeg, found by the caller), and how the command line shows it. */
export interface RenderOptions {
  readonly request: Omit<AnimationRequest, 'ffmpeg'>;
  readonly quiet: boolean;
  /** What the user should know before the render starts, though it goes on: one line each. */
  readonly warnings: readonly string[];
  /** `--ffmpeg PATH`: the ffmpeg to try before any other (encoders/ffmpeg/find-ffmpeg.ts). */
  readonly ffmpeg: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const frameLimits = { maxSide, maxPixels, example: defaults.size, what: 'a frame' };

/** The output's format: from --out, or the default (MP4). */
export function renderFormat(args: RenderArgs): FormatName {
  return args.out === undefined ? defaults.format : parseAnimationOut(args.out);
}

/**
 * The cheap checks of --audio, before its file is read (by `readAudio`, whose result then goes to
 * `parseRenderOptions`): that the output can carry sound, and that a recipe made with audio gets it.
 * Returns the track's path, or undefined when the render has no audio.
 */
export function parseAudioRequest(args: RenderArgs, base: RecipeDraft = {}): string | undefined {
  if (args.audio === undefined) {
    if (base.soundtrack !== undefined) {
      const { file, sha256 } = base.soundtrack;
      throw new UsageError(
        `Missing --audio: the recipe was made with the track ${JSON.stringify(file)} (sha256 ${sha256.slice(0, 12)}…); give it again with --audio FILE`,
      );
    }
    for (const option of ['react', 'turns'] as const) {
      if (args[option] !== undefined)
        throw invalidOption(option, args[option], `--audio FILE with it: --${option} sets how a soundtrack drives the motion`);
    }
    return undefined;
  }
  if (args.audio.trim() === '') throw invalidOption('audio', args.audio, 'an audio file, e.g. --audio song.mp3');
  const format: Format = formats[renderFormat(args)];
  if (!format.video) {
    throw new UsageError(
      `Invalid --audio with --out ${JSON.stringify(args.out)}: ${format.recipe === 'gif-comment' ? 'a GIF' : 'PNG'} has no sound; write a video (.mp4 or .webm) to have the track play in it`,
    );
  }
  return args.audio;
}

/**
 * Checks the render command's arguments into a request. `base` holds settings that take the place of
 * the defaults (a recipe read with --from); a --preset does the same. Options given on the command
 * line win. With --audio, `audio` is that file read and analysed (see `parseAudioRequest`).
 */
export function parseRenderOptions(
  args: RenderArgs,
  { base, audio, env = process.env }: { base?: RecipeDraft; audio?: AudioTrack; env?: Env } = {},
): RenderOptions {
  if (args.preset !== undefined && base !== undefined) {
    throw new UsageError(`Invalid --preset ${JSON.stringify(args.preset)} with --from: give one of them, not both`);
  }
  const from = base ?? presetBase(args.preset);
  const audioPath = parseAudioRequest(args, from);
  if (audioPath !== audio?.path) throw new Error(`--audio ${audioPath} was not read before the options were checked (readAudio)`);
  const formatName = renderFormat(args);
  const format: Format = formats[formatName];
  const draft = mergeDrafts(from, parsePictureArgs(args, { base: from, size: frameLimits }), { newSoundtrack: audio !== undefined });

  const width = draft.width ?? defaults.width;
  const height = draft.height ?? defaults.height;
  if (format.evenSize && (width % 2 || height % 2)) {
    const even = `${width + (width % 2)}x${height + (height % 2)}`;
    throw new UsageError(
      `Invalid --size "${width}x${height}": ${format.video?.label ?? format.label} (yuv420p) needs even width and height; use --size ${even}`,
    );
  }
  const aa = draft.aa ?? defaults.aa;
  if (width * height * aa * aa > maxPixels) {
    throw invalidOption(
      'aa',
      aa,
      `a smaller supersampling factor: ${width}x${height} at --aa ${aa} is ${((width * height * aa * aa) / 1e6).toFixed(0)} megapixels a frame, more than ${Math.floor(maxPixels / 1e6)} megapixels`,
    );
  }
  const fps = draft.fps ?? defaults.fps;
  if (format.maxFps !== undefined && fps > format.maxFps) {
    throw invalidOption(
      'fps',
      fps,
      `at most ${format.maxFps} for a ${format.label} (players slow faster ones down); lower --fps or write a video`,
    );
  }
  // One .png is the sweep's first frame: a length from a recipe does not matter; one asked for is refused.
  const frames = formatName === 'png' ? singleFrame(args) : frameCount(draft, fps, audio);
  const segments = parseSegments(args, formatName, frames, fps, env);
  if (segments?.shard !== undefined && draft.seed === undefined) {
    // A seed drawn on each machine would give each shard another picture.
    throw invalidOption(
      'shard',
      args.shard,
      'a --seed with it (or --from or --preset), the same for every shard, e.g. --seed 42 --shard 1/4',
    );
  }
  const picture = completePicture(draft);
  const crf = parseCrf(args.crf, formatName, draft.video);
  const quality = parseQuality(args.quality, formatName, draft.video);
  const recipe = recipeOf(
    picture,
    { width, height, fps, frames, aa },
    {
      ...(audio ? { audio: recipeAudio(draft, audio, frames / fps) } : {}),
      ...(crf === undefined ? {} : { video: { format: formatName as 'mp4' | 'webm', crf, ...withQuality(quality) } }),
    },
  );
  return deepFreeze({
    request: {
      kind: 'animation',
      recipe,
      output: { format: formatName, path: args.out, force: args.force ?? false },
      backend: parseBackend(args.backend),
      ...(args.recipeOut === undefined ? {} : { recipeOut: parseRecipeOut(args.recipeOut) }),
      ...(audio ? { audio } : {}),
      ...withSegments(segments),
    },
    quiet: args.quiet ?? false,
    warnings: playableWarnings(format, width, height),
    ffmpeg: given(args.ffmpeg, parseFfmpegPath),
  });
}

function withSegments<T>(segments: T | undefined): { segments?: T } {
  return segments === undefined ? {} : { segments };
}

export function parseBackend(raw: string | undefined): BackendChoice {
  return raw === undefined ? defaults.backend : parseChoice('backend', raw, backendChoices);
}

export function presetBase(slug: string | undefined): RecipeDraft {
  if (slug === undefined) return {};
  const preset = findPreset(slug);
  if (!preset) throw invalidOption('preset', slug, `one of ${presets.map((p) => p.slug).join(', ')} (see zsweep presets)`);
  return presetDraft(preset);
}

/** The recipe's record of the soundtrack: which file (by content), and how it drives the motion. */
function recipeAudio(draft: RecipeDraft, audio: AudioTrack, seconds: number): RecipeAudio {
  if (draft.soundtrack !== undefined && draft.soundtrack.sha256 !== audio.sha256) {
    const { file, sha256 } = draft.soundtrack;
    throw new UsageError(
      `Invalid --audio ${JSON.stringify(audio.path)}: the recipe was made with ${JSON.stringify(file)} (sha256 ${sha256.slice(0, 12)}…), and this file's content differs (sha256 ${audio.sha256.slice(0, 12)}…); give that track`,
    );
  }
  const loop = draft.loop ?? defaults.loop;
  if (loop === 'none' && draft.turns !== undefined) {
    throw invalidOption('turns', draft.turns, 'no --turns with --loop none: z goes from --z-from to --z-to once over the whole track');
  }
  const turns = loop === 'none' ? 1 : (draft.turns ?? Math.max(1, Math.round(seconds / secondsPerTurn)));
  return { file: audio.name, sha256: audio.sha256, react: draft.react ?? defaultReact, turns };
}

function parseRecipeOut(raw: string): string {
  if (!raw.toLowerCase().endsWith('.json'))
    throw invalidOption('recipe-out', raw, 'a file ending in .json, e.g. --recipe-out output/loop.json');
  return raw;
}

/**
 * Quality for video: --crf, else the recipe's for the same format, else the codec's default. Refused
 * for other formats rather than silently ignored.
 */
function parseCrf(raw: string | undefined, formatName: FormatName, fromRecipe: Recipe['video']): number | undefined {
  const codec = (formats[formatName] as Format).video;
  if (!codec) {
    if (raw !== undefined) throw invalidOption('crf', raw, 'no --crf: it sets the quality of video (.mp4, .webm) only');
    return undefined;
  }
  const [min, max] = codec.crfRange;
  const range = { min, max, example: `${codec.defaultCrf}`, what: `for ${codec.label} (lower is better quality and a bigger file)` };
  if (raw !== undefined) return parseInteger('crf', raw, range);
  // A recipe's quality carries over to a video of the same format; other formats have their own scales.
  if (fromRecipe?.format === formatName) return parseInteger('crf', String(fromRecipe.crf), range);
  return codec.defaultCrf;
}

/**
 * The encoder's level of effort for video: --quality, else the recipe's for the same format (none in
 * a recipe made before levels existed: it renders as it did then), else the codec's default.
 */
function parseQuality(raw: string | undefined, formatName: FormatName, fromRecipe: Recipe['video']): VideoQuality | undefined {
  const codec = (formats[formatName] as Format).video;
  if (!codec) {
    if (raw !== undefined) throw invalidOption('quality', raw, 'no --quality: it sets how hard the video encoder (.mp4, .webm) works');
    return undefined;
  }
  if (raw !== undefined) return parseChoice('quality', raw, videoQualities);
  if (fromRecipe?.format === formatName) return fromRecipe.quality;
  return codec.defaultQuality;
}

function withQuality(quality: VideoQuality | undefined): { quality?: VideoQuality } {
  return quality === undefined ? {} : { quality };
}

/** A single .png holds one frame: the first of the sweep. */
function singleFrame(args: RenderArgs): number {
  const frames = given(args.frames, (raw) => parseInteger('frames', raw, { min: 1, max: maxFrames, example: '1' }));
  if ((frames !== undefined && frames !== 1) || args.duration !== undefined) {
    throw new UsageError(
      `Invalid --out ${JSON.stringify(args.out)}: a single .png holds one frame (the first); for one PNG per frame use a pattern such as --out frames/%04d.png, for another frame zsweep still --frame N, or drop --frames/--duration`,
    );
  }
  return 1;
}

/** From the frames, the duration, the soundtrack's length, or the default length, in that order. */
function frameCount(draft: RecipeDraft, fps: number, audio: AudioTrack | undefined): number {
  if (draft.frames !== undefined) return draft.frames;
  if (draft.durationSeconds === undefined && audio !== undefined) {
    const frames = Math.max(1, Math.round(audio.durationSeconds * fps));
    if (frames > maxFrames)
      throw invalidOption(
        'audio',
        audio.path,
        `a track of at most ${maxFrames} frames at ${fps} fps; give a shorter --duration or lower --fps`,
      );
    return frames;
  }
  const seconds = draft.durationSeconds ?? defaults.durationSeconds;
  const frames = Math.round(seconds * fps);
  if (frames < 1)
    throw invalidOption('duration', seconds, `at least one frame at ${fps} fps (${Number((1 / fps).toPrecision(3))} s or more)`);
  if (frames > maxFrames) throw invalidOption('duration', seconds, `at most ${maxFrames} frames in all; shorten it or lower --fps`);
  return frames;
}

/** A video larger than common players and phones decode is written, with a word that few will play it. */
function playableWarnings(format: Format, width: number, height: number): string[] {
  const playable = format.video?.playable;
  if (!playable || width * height <= playable.pixels) return [];
  return [
    `${width}×${height} is beyond ${playable.level} (at most ${(playable.pixels / 1e6).toFixed(1)} megapixels a frame, such as ${playable.example}): most players and phones cannot play it; writing it anyway`,
  ];
}
