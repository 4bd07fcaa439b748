import type { ReactSpec } from '../audio/react.ts';
import type { ColourMode } from '../cppn/colour.ts';
import type { Transition } from '../cppn/journey.ts';
import type { Levels } from '../cppn/levels.ts';
import type { BreedStep } from '../cppn/network/breed-network.ts';
import type { NetworkSpec } from '../cppn/network/network.ts';
import type { Palette } from '../cppn/palette.ts';
import type { SweepSpec } from '../cppn/sweep.ts';
import type { VideoQuality } from '../encoders/ffmpeg/video-quality.ts';
import type { PlatformName } from '../encoders/platform-targets.ts';

/** Bumped when a recipe's meaning changes, so an old tool can refuse a recipe it would misread. */
export const recipeVersion = 1;

/**
 * Everything that determines the pictures, and nothing else (not the output path): written into
 * every output, so that any file can be rendered again from itself.
 */
export interface Recipe {
  /** The version of zsweep that wrote it. */
  readonly zsweep: string;
  readonly recipe: typeof recipeVersion;
  readonly seed: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  /** Supersampling: each frame is evaluated at aa × the size and shrunk, for smooth edges. 1 is off. */
  readonly aa: number;
  readonly network: NetworkSpec;
  /** Zoom: the coordinate range is multiplied by it. */
  readonly scale: number;
  readonly colour: ColourMode;
  /** For the `palette` colour mode: its stops. */
  readonly palette?: Palette;
  /**
   * The fixed stretch of every frame's outputs, measured over the loop (cppn/levels.ts). Absent: the raw
   * outputs (`--levels none`, and every recipe made before levels existed).
   */
  readonly levels?: Levels;
  /**
   * The motion asked for (mean change per channel per frame at 30 fps, on 0–255), when the sweep's radius
   * (or path length) was measured to give it; the sweep holds the result. Absent: the radius was given.
   */
  readonly speed?: number;
  readonly sweep: SweepSpec;
  /** A design bred in the studio: mutations and crosses applied in order to the seed's network (cppn/network/breed-network.ts). */
  readonly breed?: readonly BreedStep[];
  /** Present when a soundtrack drives the motion: the sweep then follows the track (see audio/react.ts). */
  readonly audio?: RecipeAudio;
  /**
   * For a video: how it was encoded. Not part of the pictures, but with the rest it gives the same
   * bytes again (`--from` with no overrides), so a non-default --crf is not lost.
   */
  readonly video?: {
    readonly format: 'mp4' | 'webm';
    readonly crf: number;
    /** The encoder's level of effort (`--quality`); absent in recipes made before it existed, which render as they did then. */
    readonly quality?: VideoQuality;
  };
  /** Present when the motion keeps time: the beat grid, detected from the track or given with --bpm. */
  readonly beat?: RecipeBeat;
  /**
   * A song's journey (cppn/journey.ts): present for an audio render longer than a loop, whose z then
   * travels on through `network.journeyLatent` dimensions of its own rather than round one circle.
   */
  readonly journey?: RecipeJourney;
  /** The platform the video was made for (--for): its encoding settings (encoders/platform-targets.ts). */
  readonly target?: PlatformName;
  /** How the file was encoded beyond `video`; absent in recipes made before, which render as they did then. */
  readonly encoding?: RecipeEncoding;
}

/** A journey through a song: where its sections start, how each arrives, and its colours. */
export interface RecipeJourney {
  /** Section starts in seconds from the video's start, ascending, after 0 (the first section starts at 0). */
  readonly sections: readonly number[];
  readonly transition: Transition;
  /** A palette per section, in turn (cycling), for the `palette` colour mode; absent: the recipe's one palette. */
  readonly palettes?: readonly Palette[];
}

/** The encoder's generation and the size cap: with the rest of the recipe, they give the same bytes again. */
export interface RecipeEncoding {
  /** A GIF written by the second GIF encoder (encoders/gif/plan-frame.ts); absent, by the first. */
  readonly gif?: 2;
  /** The cap on the file's size (--max-size), in bytes: the file is the best quality that fits. */
  readonly maxBytes?: number;
  /**
   * The frame rate and size the file was written at when the cap could not be met at an acceptable
   * quality at the picture's own (encoders/sized-encoder.ts): every n-th frame, scaled down.
   */
  readonly reduced?: RecipeReduced;
}

export interface RecipeReduced {
  readonly fps: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A steady beat (audio/detect-beats.ts), kept in the recipe so that `--from` renders the same motion
 * without detecting it again.
 */
export interface RecipeBeat {
  readonly bpm: number;
  readonly beatsPerBar: number;
  /** The first beat, in seconds from the video's start. */
  readonly firstBeatSeconds: number;
  /** Which beat of the grid, counted from the first, is a bar's first. */
  readonly downbeat: number;
  /** A loop of this many whole bars (--bars): the video's frames then hold exactly that many beats. */
  readonly bars?: number;
  /** Without a soundtrack: how far each beat's accent pushes z (as --react pulse-amount does with one). */
  readonly accent?: number;
  /**
   * Every beat as tracked (or given with --beats), in seconds from the video's start, to the millisecond:
   * the motion keeps to these rather than the grid. Absent in recipes made before, which keep the grid.
   */
  readonly times?: readonly number[];
}

/**
 * The soundtrack of an audio-driven render. The track itself is not in the recipe (it may be large,
 * and is the user's): it is named by its content, so rendering again needs the same file, under any name.
 */
export interface RecipeAudio {
  /** The file's name when rendered, for messages only. */
  readonly file: string;
  /** Hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  readonly react: ReactSpec;
  /** Times round the path (circle, pingpong) over the whole video; 1 for --loop none. */
  readonly turns: number;
  /** Where in the track the video's sound starts (--audio-start), in seconds; 0 when absent. */
  readonly startSeconds?: number;
  /** The fade in and out of the sound where it is cut (--fade), in seconds; none when absent. */
  readonly fadeSeconds?: number;
}

/** The fields of a recipe in the order every file stores them, so that equal recipes are equal text. */
const fieldOrder = [
  'zsweep',
  'recipe',
  'seed',
  'width',
  'height',
  'fps',
  'frames',
  'aa',
  'network',
  'scale',
  'colour',
  'palette',
  'levels',
  'speed',
  'sweep',
  'breed',
  'audio',
  'video',
  'beat',
  'journey',
  'target',
  'encoding',
] as const satisfies readonly (keyof Recipe)[];

/** The recipe with its fields in the stored order (absent ones left out). */
export function inRecipeOrder(recipe: Recipe): Recipe {
  const ordered: Record<string, unknown> = {};
  for (const key of fieldOrder) if (recipe[key] !== undefined) ordered[key] = recipe[key];
  // A field this list does not know yet keeps its place after the known ones rather than being lost.
  for (const [key, value] of Object.entries(recipe)) if (!(key in ordered) && value !== undefined) ordered[key] = value;
  return ordered as unknown as Recipe;
}

/**
 * What a file carries: the recipe, and which backend evaluated it (informational; backends agree within 2/255).
 * ASCII only (other characters of a text seed as JSON \u escapes, which parse back the same): GIF
 * comments are 7-bit text and PNG tEXt chunks Latin-1.
 */
export function recipeComment(recipe: Recipe, backend: string): string {
  return asciiJson({ ...recipe, backend });
}

/** JSON with every character beyond ASCII as a \u escape, which parses back the same. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
