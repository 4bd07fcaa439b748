import type { ReactSpec } from '../audio/react.ts';
import type { ColourMode } from '../cppn/colour.ts';
import type { NetworkSpec } from '../cppn/network/network.ts';
import type { SweepSpec } from '../cppn/sweep.ts';
import type { VideoQuality } from '../encoders/ffmpeg/video-quality.ts';

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
  readonly sweep: SweepSpec;
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
}

/**
 * What a file carries: the recipe, and which backend evaluated it (informational; backends agree within 2/255).
 * ASCII only (other characters of a text seed as JSON \u escapes, which parse back the same): GIF
 * comments are 7-bit text and PNG tEXt chunks Latin-1.
 */
export function recipeComment(recipe: Recipe, backend: string): string {
  return JSON.stringify({ ...recipe, backend }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
