import type { RecipeReduced } from '../recipe/recipe.ts';
import type { AudioCut } from './ffmpeg/ffmpeg-args.ts';
import type { VideoQuality } from './ffmpeg/video-quality.ts';
import type { GifQuality } from './gif/plan-frame.ts';
import type { PlatformEncoding } from './platform-targets.ts';

/** Turns RGBA frames into a file. */
export interface Encoder {
  /**
   * One frame, width × height × 4 bytes, rows from the top. The encoder owns the array until the
   * promise settles, and then until `lingering` more frames have been written; waiting for it is the
   * backpressure that keeps memory flat.
   */
  writeFrame(rgba: Uint8ClampedArray): Promise<void>;
  /**
   * How many frames' arrays the encoder may still read after their writes settled (queued behind a
   * pipe, or still being compressed), so that the caller can give it the same arrays again: frames
   * in fresh memory cost more to fill than to compute (a 720² frame: 10 ms against 2.6 ms in reused
   * memory, measured on this machine). Absent: it may keep any of them, and gets a fresh one each time.
   */
  readonly lingering?: number;
  /** Completes the file. */
  finish(): Promise<void>;
  /** Stops early and releases what it holds; the caller removes the partial file. */
  abort(): Promise<void>;
  /**
   * Once finished, where the encoder knows it (GIF): the PSNR (RGB, dB) of the frames as a viewer sees
   * them against the frames given, what a size cap judges a fit by.
   */
  readonly psnr?: () => number;
}

export interface EncoderInput {
  /** Where to write: the temporary file beside the target, renamed by the caller when complete. */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  /** Text stored in the file's metadata: the recipe, as JSON. */
  readonly comment: string;
  /** For GIF: the encoder's levers (every new render); absent, the first encoder (recipes made before it). */
  readonly gif?: GifQuality;
  /** libwebp's quality, 0–100, for an animated WebP; its default when absent. */
  readonly webpQuality?: number;
  /** The ffmpeg that writes a format through ffmpeg that is not a video (animated WebP). */
  readonly ffmpegPath?: string;
  /** The file at most this many bytes, at the best quality that fits (--max-size). */
  readonly maxBytes?: number;
  /** Under a cap: the lower frame rate and size a recipe recorded for it, used without searching for them again. */
  readonly reduced?: RecipeReduced;
  /** Under a cap: the comment of a file written at a lower frame rate or size (undefined: the picture's own). */
  readonly commentWith?: (reduced: RecipeReduced | undefined) => string;
  /** Under a cap: told when the file is written at a lower frame rate or size, and at what quality. */
  readonly onReduced?: (reduced: RecipeReduced, psnr: number | undefined) => void;
  /** What only video needs; required by the formats written through ffmpeg. */
  readonly video?: VideoSettings;
}

/** The quality, and the ffmpeg to run (already found and checked). */
export interface VideoSettings {
  readonly crf: number;
  /** The encoder's level of effort; absent for a recipe made before levels existed. */
  readonly quality?: VideoQuality;
  readonly ffmpegPath: string;
  /** A soundtrack to mux in, cut or padded to the video's length. */
  readonly audio?: string;
  /** The part of `audio` that plays, and its fades. */
  readonly audioCut?: AudioCut;
  /** A platform's encoding rules (--for). */
  readonly platform?: PlatformEncoding;
  /** An average bitrate in place of the CRF (a size cap's search). */
  readonly bitsPerSecond?: number;
}

/**
 * One picture (a still, a contact sheet, a PNG frame) assembled from rectangles of pixels, so that a
 * still of any size is written band by band, and encoded when finished.
 */
export interface PictureEncoder {
  /** The pixels of a rectangle (RGBA, `width × height × 4`, rows from the top) at (x, y). */
  write(rgba: Uint8ClampedArray, at: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }): void;
  /** Encodes the picture and writes the file. */
  finish(): Promise<void>;
}

export interface PictureInput {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  /** The recipe as JSON, stored where the format can hold it (PNG: a tEXt chunk). */
  readonly comment?: string;
  /** The frame's index in its sweep, stored beside the recipe. */
  readonly frame?: number;
  /** A CSS colour filling what no rectangle covers; transparent without it. */
  readonly background?: string;
}
