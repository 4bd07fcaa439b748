import type { ReactSpec } from '../audio/react.ts';
import type { AudioTrack } from '../audio/read-audio.ts';
import type { BackendChoice } from '../backends/backend.ts';
import type { FfmpegInfo } from '../encoders/ffmpeg/find-ffmpeg.ts';
import type { FormatName } from '../encoders/formats.ts';
import type { Recipe, RecipeReduced } from '../recipe/recipe.ts';
import type { Shard } from '../segments/shard.ts';
import type { LookReport, LookRequest } from './measure-look.ts';

/** Where a render writes, and whether it may replace what is there. */
export interface OutputRequest {
  readonly format: FormatName;
  /** The target path (for a PNG sequence, its pattern), or undefined for a fresh name in `folder`. */
  readonly path: string | undefined;
  /** Where fresh names go; `output` by default. */
  readonly folder?: string;
  /** Replace an existing file; without it an existing target is refused and nothing is written. */
  readonly force: boolean;
}

/** An animation: every frame of the recipe's sweep, into one file (or a PNG sequence, or segments). */
export interface AnimationRequest {
  readonly kind: 'animation';
  readonly recipe: Recipe;
  /** Measured over the loop before rendering, into the recipe; nothing when absent. */
  readonly look?: LookRequest;
  readonly output: OutputRequest;
  readonly backend: BackendChoice;
  /** Also write the recipe as JSON here. */
  readonly recipeOut?: string;
  /** The ffmpeg that writes a video, already found and checked (required for formats written through ffmpeg). */
  readonly ffmpeg?: FfmpegInfo;
  /** The soundtrack, analysed (audio/read-audio.ts); its settings are in `recipe.audio`. */
  readonly audio?: AudioTrack;
  /** A long video (or a shard's share of one) encoded in segments; undefined for one file in one go. */
  readonly segments?: SegmentPlan;
  /** Weaken the accents until the frames flash at most 3 times a second (render/limit-flashes.ts). */
  readonly flashLimit?: boolean;
  /**
   * Refuse the render if the frames it writes flash more than 3 times a second (render/flash-guard.ts):
   * on unless false (`--flash-limit off`).
   */
  readonly flashGuard?: boolean;
}

/** How a segmented render is cut up and which part of it this process renders (docs/long-renders.md). */
export interface SegmentPlan {
  /** Frames in each segment but the last. */
  readonly segmentFrames: number;
  /** Only this share, left in the work folder for `zsweep join`; undefined renders everything and joins. */
  readonly shard: Shard | undefined;
}

/** One frame of the sweep as a picture of any size, supersampled (the recipe's `aa`). */
export interface StillRequest {
  readonly kind: 'still';
  readonly recipe: Recipe;
  /** Measured over the loop the still is a frame of, so that it matches that frame of the animation. */
  readonly look?: LookRequest;
  /** Which frame of the sweep, counted from 0. */
  readonly frame: number;
  readonly output: OutputRequest;
  readonly backend: BackendChoice;
  /** Samples evaluated at once: bounds the memory of a still of any size. */
  readonly bandSamples?: number;
}

/**
 * A contact sheet: each recipe's loop in a labelled cell; as a picture its first frame, with every
 * cell's recipe stored, or as a video every loop playing at once.
 */
export interface SheetRequest {
  readonly kind: 'sheet';
  /** One recipe per cell, each `cell × cell` pixels. */
  readonly recipes: readonly Recipe[];
  /** What each cell's strip says; its number and seed when absent. */
  readonly labels?: readonly string[];
  /** Measured for each cell (coarsely: many loops, small cells). */
  readonly look?: LookRequest;
  readonly cell: number;
  readonly columns: number;
  readonly output: OutputRequest;
  readonly backend: BackendChoice;
  /** For a video sheet: the ffmpeg that writes it, already found and checked, and its quality. */
  readonly ffmpeg?: FfmpegInfo;
  readonly crf?: number;
}

export type RenderRequest = AnimationRequest | StillRequest | SheetRequest;

/** What a render reports while it runs; the command line prints these, the studio streams them. */
export type RenderEvent =
  | {
      readonly type: 'started';
      readonly kind: RenderRequest['kind'];
      /** The picture's size (a sheet's own), its frames and supersampling. */
      readonly width: number;
      readonly height: number;
      readonly frames: number;
      readonly fps: number;
      readonly aa: number;
      readonly seed: string;
      /** The backend that evaluates (what actually runs). */
      readonly backend: string;
      /** The speed the path was measured for, and the circle's radius that gives it (animations). */
      readonly speed?: { readonly speed: number; readonly radius: number };
      readonly ffmpeg?: FfmpegInfo;
      /** The soundtrack that drives the motion, and how. */
      readonly audio?: { readonly track: AudioTrack; readonly react: ReactSpec; readonly turns: number };
      /** The beat the motion keeps time with, and the platform the file is made for. */
      readonly beat?: Recipe['beat'];
      readonly target?: Recipe['target'];
    }
  | {
      /** A segmented render's work folder, opened: `created`, `resumed` with segments already there, or `replaced` (--force). */
      readonly type: 'segments';
      readonly folder: string;
      readonly total: number;
      readonly segmentFrames: number;
      readonly opened: 'created' | 'resumed' | 'replaced';
      readonly shard?: Shard;
    }
  | {
      /** `done` of `total` units of this phase; sent at 0 when the phase starts. */
      readonly type: 'progress';
      readonly phase: 'rendering' | 'still' | 'grid';
      readonly unit: 'frames' | 'bands' | 'cells';
      readonly done: number;
      readonly total: number;
      /** Units a second since the phase started. */
      readonly perSecond: number;
    }
  | {
      /** The flash limit measured the frames: flashes a second before and after, and the accent kept. */
      readonly type: 'flash-limit';
      readonly before: number;
      readonly after: number;
      readonly accentBefore: number;
      readonly accentAfter: number;
    }
  | ({
      /** Measuring the look found what the user should know: a speed out of reach, or a flat picture. */
      readonly type: 'look';
    } & LookReport)
  | {
      /** A size cap (--max-size) met only at a lower frame rate or size than the picture's: what the file is written at. */
      readonly type: 'reduced';
      readonly format: string;
      readonly fps: number;
      readonly width: number;
      readonly height: number;
      readonly reduced: RecipeReduced;
      /** The file's PSNR against the frames it was made from, where the encoder measures it (GIF). */
      readonly psnr?: number;
    }
  | {
      /** A shard finished its share: the video is made by `zsweep join` once every segment is there. */
      readonly type: 'shard-done';
      readonly folder: string;
      readonly target: string;
      readonly present: number;
      readonly total: number;
    };

export interface RenderResult {
  /** The file written; for a PNG sequence its pattern; for a shard, its work folder. */
  readonly path: string;
  readonly seed: string;
  /** The backend that actually evaluated the frames. */
  readonly backend: string;
  readonly seconds: number;
  /** The ffmpeg that wrote a video. */
  readonly ffmpeg?: FfmpegInfo;
  /** For a shard: how many segments its work folder holds now, of how many. */
  readonly segments?: { readonly present: number; readonly total: number };
}

/** How a render is run: a signal that stops it (nothing is left behind), and a listener for its events. */
export interface RenderControl {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RenderEvent) => void;
  /**
   * The ffmpeg the request needs, while it is still being found (the command line starts looking as it
   * starts the render): an animation waits for it only after its backend has started and its look
   * has been measured, and renders with it as the request's `ffmpeg`.
   */
  readonly ffmpeg?: Promise<FfmpegInfo>;
}
