import type { VideoQuality } from './video-quality.ts';

/** A video codec written through ffmpeg, as the formats table (formats.ts) describes each one. */
export interface VideoCodec {
  /** For messages: `H.264`. */
  readonly label: string;
  /** The ffmpeg encoder, e.g. `libx264`; an ffmpeg without it is passed over. */
  readonly encoder: string;
  /** ffmpeg's muxer (`-f`): named, since the temporary file's extension is not trusted. */
  readonly muxer: string;
  /** The encoder's quality scale, lowest (best) to highest. */
  readonly crfRange: readonly [number, number];
  readonly defaultCrf: number;
  /**
   * The encoder's options for a CRF and a level of effort; without a level (a recipe made before
   * levels existed), the settings zsweep used then, so that such a recipe gives the same bytes again.
   * With `bitsPerSecond` (a size cap's search), that average bitrate instead of the CRF.
   */
  readonly codecOptions: (crf: number, quality: VideoQuality | undefined, bitsPerSecond?: number) => readonly string[];
  /** The level of effort of a new render that names none (chosen by measurement: docs/video.md). */
  readonly defaultQuality: VideoQuality;
  /** The container's options, for every file of this format (encoded, joined or muxed). */
  readonly containerOptions: readonly string[];
  /**
   * The largest frame that common players and phones decode (their hardware stops at a level of the
   * codec): beyond it zsweep still writes the video, and warns.
   */
  readonly playable: { readonly pixels: number; readonly level: string; readonly example: string };
  /** The soundtrack's encoder, and its options. */
  readonly audioEncoder: string;
  readonly audioOptions: readonly string[];
}
