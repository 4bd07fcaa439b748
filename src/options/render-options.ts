import type { AudioTrack } from '../audio/read-audio.ts';
import { type BackendChoice, backendChoices } from '../backends/backend.ts';
import { type VideoQuality, videoQualities } from '../encoders/ffmpeg/video-quality.ts';
import { type Format, type FormatName, formats } from '../encoders/formats.ts';
import { platformTargets } from '../encoders/platform-targets.ts';
import { invalidOption, UsageError } from '../errors.ts';
import { maxPixels, maxSide } from '../recipe/limits.ts';
import { findPreset, presetDraft, presets } from '../recipe/presets.ts';
import type { Recipe } from '../recipe/recipe.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import type { AnimationRequest } from '../render/render-request.ts';
import { completePicture, recipeOf } from './complete-picture.ts';
import { defaults } from './defaults.ts';
import { detectSections, type JourneyArgs, withJourney } from './journey-options.ts';
import { type MaxSizeArgs, parseEncoding } from './max-size.ts';
import { mergeOverRecipe } from './merge-over-recipe.ts';
import { type MusicArgs, parseMusicArgs, planBeat, refuseMusicWithoutAudio } from './music-options.ts';
import { parseAnimationOut } from './output-format.ts';
import { type PictureArgs, parsePictureArgs } from './picture-args.ts';
import { checkPlatformLength, checkPlatformShape, platformBase } from './platform-options.ts';
import { recipeAudio } from './recipe-audio.ts';
import { musicLength, singleFrame } from './render-length.ts';
import { parseSegments } from './segment-options.ts';
import { deepFreeze, given, parseChoice, parseFfmpegPath, parseInteger } from './values.ts';

/** The render command's arguments as yargs hands them over: text, checked here and nowhere else. */
export interface RenderArgs extends PictureArgs, MusicArgs, MaxSizeArgs, JourneyArgs {
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
  if (args.out === undefined)
    return args.for === undefined ? defaults.format : platformTargets[parseMusicArgs({ for: args.for }).target!].format;
  return parseAnimationOut(args.out);
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
    if (args.turns !== undefined)
      throw invalidOption('turns', args.turns, '--audio FILE with it: --turns sets how a soundtrack drives the motion');
    // Without a soundtrack, --react sets only the accent of a loop of --bars.
    if (args.react !== undefined && args.bars === undefined && base.beat === undefined)
      throw invalidOption('react', args.react, '--audio FILE with it (or --bars N): --react sets how a soundtrack drives the motion');
    refuseMusicWithoutAudio(args);
    return undefined;
  }
  if (args.audio.trim() === '') throw invalidOption('audio', args.audio, 'an audio file, e.g. --audio song.mp3');
  const format: Format = formats[renderFormat(args)];
  if (!format.video) {
    throw new UsageError(
      `Invalid --audio with --out ${JSON.stringify(args.out)}: ${format.recipe === 'png-text' ? 'PNG' : `a ${format.label}`} has no sound; write a video (.mp4 or .webm) to have the track play in it`,
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
  const recipeOrPreset = base ?? presetBase(args.preset);
  const audioPath = parseAudioRequest(args, recipeOrPreset);
  if (audioPath !== audio?.path) throw new Error(`--audio ${audioPath} was not read before the options were checked (readAudio)`);
  const music = parseMusicArgs(args);
  const formatName = renderFormat(args);
  const format: Format = formats[formatName];
  // A recipe's platform carries over to a file of the platform's format; written as something else, it is a plain render.
  const fromRecipe = recipeOrPreset.target;
  const target = music.target ?? (fromRecipe && platformTargets[fromRecipe].format === formatName ? fromRecipe : undefined);
  // A platform's size and frame rate take the place of the recipe's; options given still win.
  const from = music.target ? platformBase(recipeOrPreset, music.target, formatName) : recipeOrPreset;
  const newSoundtrack = audio !== undefined && from.soundtrack === undefined;
  const draft = mergeOverRecipe(from, parsePictureArgs(args, { base: from, size: frameLimits }), { newSoundtrack: audio !== undefined });

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
  if (target) checkPlatformShape(target, { width, height, fps, aa, formatName, args });
  const plan = planBeat(music, { base: from, audio, react: args.react, newSoundtrack });
  // One .png is the sweep's first frame: a length from a recipe does not matter; one asked for is refused.
  const { frames, beat } =
    formatName === 'png' ? { frames: singleFrame(args), beat: undefined } : musicLength(args, music, plan, { draft, fps, audio, target });
  if (target) checkPlatformLength(target, frames / fps, args);
  if (target && (args.shard !== undefined || args.segmentSeconds !== undefined || args.segmentThreshold !== undefined)) {
    throw new UsageError(
      `Invalid --${args.shard !== undefined ? 'shard' : 'segment-seconds'} with --for ${target}: a file for a platform is rendered in one piece`,
    );
  }
  const encoding = parseEncoding(args.maxSize, { formatName, base, draft });
  // A file under a size cap is encoded whole, as many times as its search needs.
  const segments = target || encoding?.maxBytes ? undefined : parseSegments(args, formatName, frames, fps, env);
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
  const recipe = withJourney(
    recipeOf(
      picture,
      { width, height, fps, frames, aa },
      {
        ...(audio ? { audio: recipeAudio(draft, audio, { frames, fps, music, plan, beat }) } : {}),
        ...(crf === undefined ? {} : { video: { format: formatName as 'mp4' | 'webm', crf, ...withQuality(quality) } }),
        ...(beat ? { beat } : {}),
        ...(target ? { target } : {}),
        ...(encoding ? { encoding } : {}),
      },
    ),
    args,
    { base: from, audio, detect: detectSections },
  );
  return deepFreeze({
    request: {
      kind: 'animation',
      recipe,
      look: picture.look,
      output: { format: formatName, path: args.out, force: args.force ?? false },
      backend: parseBackend(args.backend),
      ...(args.recipeOut === undefined ? {} : { recipeOut: parseRecipeOut(args.recipeOut) }),
      ...(audio ? { audio } : {}),
      ...withSegments(segments),
      // A recipe renders as it was made unless --flash-limit is given again: its accent was limited then.
      ...(music.flashLimit && (base === undefined || args.flashLimit !== undefined) ? { flashLimit: true } : {}),
      ...(music.flashLimit ? {} : { flashGuard: false }),
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

/** A video larger than common players and phones decode is written, with a word that few will play it. */
function playableWarnings(format: Format, width: number, height: number): string[] {
  const playable = format.video?.playable;
  if (!playable || width * height <= playable.pixels) return [];
  return [
    `${width}×${height} is beyond ${playable.level} (at most ${(playable.pixels / 1e6).toFixed(1)} megapixels a frame, such as ${playable.example}): most players and phones cannot play it; writing it anyway`,
  ];
}
