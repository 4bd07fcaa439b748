import { buildMuxAudioArgs, type MuxAudioArgsInput } from './ffmpeg-args.ts';
import { runFfmpeg } from './ffmpeg-process.ts';

/**
 * Adds a soundtrack to a finished MP4 or WebM without encoding its video again (`-c:v copy`), writing
 * `request.path`: for renders whose video is made in pieces and joined first (segmented renders).
 * `ffmpegPath` is a checked ffmpeg with the container's audio encoder (aac or libopus). The caller
 * owns the paths: write to a temporary name and rename, as render.ts does, so a failure leaves no
 * partial file under the final name. Rejects with FfmpegFailed (ffmpeg's last lines) on failure.
 */
export async function muxAudio(ffmpegPath: string, request: MuxAudioArgsInput): Promise<void> {
  await runFfmpeg(ffmpegPath, buildMuxAudioArgs(request));
}
