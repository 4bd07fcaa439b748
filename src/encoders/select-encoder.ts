import type { Encoder, EncoderInput } from './encoder.ts';
import { createFfmpegEncoder } from './ffmpeg/ffmpeg-encoder.ts';
import { createGifEncoder } from './gif/gif-encoder.ts';
import { createPngEncoder } from './png-encoder.ts';

/** Output file extensions; the format follows from the extension (and, for PNG, a frame-number pattern). */
export const outputFormats = ['mp4', 'webm', 'gif', 'png'] as const;
/** `png` is a single still; `png-sequence` one PNG per frame, named by a pattern such as `frames/%04d.png`. */
export type OutputFormat = (typeof outputFormats)[number] | 'png-sequence';

/** True for the formats written through ffmpeg. */
export function needsFfmpeg(format: OutputFormat): format is 'mp4' | 'webm' {
  return format === 'mp4' || format === 'webm';
}

/** What only video needs: the quality, and the ffmpeg to run (already found and checked). */
export interface VideoSettings {
  readonly crf: number;
  readonly ffmpegPath: string;
  /** A soundtrack to mux in, cut or padded to the video's length. */
  readonly audio?: string;
}

export function createEncoder(format: OutputFormat, input: EncoderInput, video?: VideoSettings): Promise<Encoder> {
  switch (format) {
    case 'gif':
      return createGifEncoder(input);
    case 'png':
    case 'png-sequence':
      return createPngEncoder(input);
    case 'mp4':
    case 'webm':
      if (!video) throw new Error(`${format} needs the video settings (crf, ffmpeg)`);
      return createFfmpegEncoder({ ...input, format, ...video });
  }
}
