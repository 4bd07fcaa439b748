import type { Encoder, EncoderInput } from '../encoder.ts';
import { buildFfmpegArgs, type VideoFormat } from './ffmpeg-args.ts';
import { startFfmpeg } from './ffmpeg-process.ts';

export interface FfmpegEncoderInput extends EncoderInput {
  readonly format: VideoFormat;
  readonly crf: number;
  /** A checked ffmpeg (see find-ffmpeg.ts). */
  readonly ffmpegPath: string;
  /** A soundtrack to mux in (see buildFfmpegArgs). */
  readonly audio?: string;
}

/**
 * MP4 or WebM through ffmpeg, fed raw RGBA frames on its standard input. ffmpeg is its own process,
 * so it encodes frame n while the next frame is evaluated here. Each `writeFrame` resolves once the
 * frame's bytes have been taken by the pipe, so at most the frame being written (plus the pipe's
 * 64 KiB and ffmpeg's own look-ahead) is in flight, and memory stays flat however many frames there are.
 */
export async function createFfmpegEncoder(input: FfmpegEncoderInput): Promise<Encoder> {
  const { path, width, height, fps, frames, comment, format, crf, ffmpegPath, audio } = input;
  const ffmpeg = startFfmpeg(ffmpegPath, buildFfmpegArgs({ format, path, width, height, fps, crf, comment, audio, durationSeconds: frames / fps }));
  return {
    async writeFrame(rgba) {
      await ffmpeg.write(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength));
    },
    finish: () => ffmpeg.end(),
    abort: () => ffmpeg.kill(),
  };
}
