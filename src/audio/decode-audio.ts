import { ffmpegPreamble } from '../encoders/ffmpeg/ffmpeg-args.ts';
import { streamFfmpeg } from '../encoders/ffmpeg/ffmpeg-process.ts';

/** A stretch of a track: from `startSeconds`, `seconds` long (to the end when absent). */
export interface DecodeRange {
  readonly startSeconds?: number;
  readonly seconds?: number;
}

/**
 * ffmpeg's arguments to decode the first audio stream of `path` (or the stretch `range` of it) to mono
 * 32-bit float PCM at `sampleRate` on its standard output. A pure function, tested as data.
 */
export function buildDecodeAudioArgs(path: string, sampleRate: number, { startSeconds = 0, seconds }: DecodeRange = {}): string[] {
  return [
    ...ffmpegPreamble,
    // -ss before -i seeks the input; ffmpeg then decodes from the packet before and drops samples up to
    // the exact time, so the stretch starts on the sample (as muxing it does, ffmpeg-args.ts).
    ...(startSeconds > 0 ? ['-ss', String(startSeconds)] : []),
    // `file:` so that a name with a colon in it is never taken for a protocol.
    '-i',
    `file:${path}`,
    ...(seconds === undefined ? [] : ['-t', String(seconds)]),
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-ac',
    '1',
    '-ar',
    String(sampleRate),
    '-f',
    'f32le',
    'pipe:1',
  ];
}

/**
 * Decodes a track to mono float samples, chunk by chunk as ffmpeg produces them: a one-hour track is
 * never in memory at once. Rejects (FfmpegFailed, with ffmpeg's words) if ffmpeg cannot decode it.
 */
export async function* decodeAudio(
  ffmpegPath: string,
  path: string,
  sampleRate: number,
  { signal, range }: { signal?: AbortSignal; range?: DecodeRange } = {},
): AsyncGenerator<Float32Array> {
  // Pipe chunks need not end on a sample boundary: carry the odd bytes over to the next chunk.
  let carry = Buffer.alloc(0);
  for await (const chunk of streamFfmpeg(ffmpegPath, buildDecodeAudioArgs(path, sampleRate, range), { signal })) {
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % 4);
    carry = Buffer.from(bytes.subarray(whole));
    if (whole === 0) continue;
    // A copy, aligned for Float32Array (a Buffer's offset into its pool need not be a multiple of 4).
    const samples = new Float32Array(whole / 4);
    Buffer.from(samples.buffer).set(bytes.subarray(0, whole));
    yield samples;
  }
}
