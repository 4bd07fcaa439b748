import type { Encoder, EncoderInput } from '../encoder.ts';
import { buildFfmpegArgs } from './ffmpeg-args.ts';
import { framesQueued, startFfmpeg } from './ffmpeg-process.ts';
import type { VideoCodec } from './video-codec.ts';

/**
 * Video through ffmpeg, fed raw RGBA frames on its standard input. ffmpeg is its own process, so it
 * encodes frame n while the next frame is evaluated here. Each `writeFrame` resolves once the frame's
 * bytes have been taken by the pipe, so at most the frame being written (plus the pipe's 64 KiB and
 * ffmpeg's own look-ahead) is in flight, and memory stays flat however many frames there are.
 */
export function createFfmpegEncoder(codec: VideoCodec): (input: EncoderInput) => Promise<Encoder> {
  return async ({ path, width, height, fps, frames, comment, video }) => {
    if (!video) throw new Error(`${codec.label} needs the video settings (crf, ffmpeg)`);
    const { crf, quality, ffmpegPath, audio, audioCut, platform, bitsPerSecond } = video;
    const ffmpeg = startFfmpeg(
      ffmpegPath,
      buildFfmpegArgs({
        codec,
        path,
        width,
        height,
        fps,
        crf,
        quality,
        comment,
        audio,
        durationSeconds: frames / fps,
        audioCut,
        platform,
        bitsPerSecond,
      }),
    );
    return {
      lingering: framesQueued(width * height * 4),
      async writeFrame(rgba) {
        await ffmpeg.write(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength));
      },
      finish: () => ffmpeg.end(),
      abort: () => ffmpeg.kill(),
    };
  };
}
