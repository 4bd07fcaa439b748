/**
 * The ffmpeg command line for a video, as data: a pure function of the request, tested without
 * running ffmpeg. Spawning is elsewhere (`ffmpeg-process.ts`).
 */

import type { VideoCodec } from './video-codec.ts';
import type { VideoQuality } from './video-quality.ts';

/**
 * Muxers write no random IDs (Matroska's segment UID) and no version strings, so that the same ffmpeg
 * writes the same bytes for the same frames: every file ffmpeg writes for zsweep gets it.
 */
export const bitexact = ['-fflags', '+bitexact'] as const;

/** How every file zsweep has ffmpeg write ends: the container's options, bit-exact, the recipe as its comment, the muxer named. */
function containerOptions(codec: VideoCodec, comment: string): string[] {
  return [...codec.containerOptions, ...bitexact, '-metadata', `comment=${comment}`, '-f', codec.muxer];
}

/** What every run of ffmpeg starts with: no banner, no reading of the terminal, errors only. */
export const ffmpegPreamble = ['-hide_banner', '-nostdin', '-loglevel', 'error'] as const;

export interface FfmpegArgsInput {
  readonly codec: VideoCodec;
  /** The file ffmpeg writes (a temporary name; its extension is not trusted, so the muxer is named). */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly crf: number;
  /** The encoder's level of effort; absent: the settings of a recipe made before levels existed. */
  readonly quality?: VideoQuality;
  /** Stored as the file's `comment` tag. */
  readonly comment: string;
  /** A soundtrack to mux in (any file ffmpeg decodes), cut or padded with silence to the video's length. */
  readonly audio?: string;
  /** The video's length, frames / fps: with `audio`, the length of both streams. */
  readonly durationSeconds?: number;
}

/** ffmpeg's arguments in the order they go on the command line: input options, input, output options, output. */
export interface FfmpegArgs {
  readonly inputOptions: readonly string[];
  readonly input: string;
  /** A second input, with no options of its own: the soundtrack. */
  readonly audioInput?: string;
  readonly outputOptions: readonly string[];
  readonly output: string;
}

/** BT.709, limited ("tv") range: what players assume for HD video, so the colours match everywhere. */
const colourTags = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];

/**
 * RGB → YUV done explicitly as BT.709 limited range. Left to itself, swscale converts with BT.601,
 * and the file would then be tagged with one matrix while holding another (red shifts towards orange).
 * accurate_rnd and full_chroma_int keep swscale's rounding and chroma averaging exact.
 */
export const colourFilter = 'scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=yuv420p';

export function buildFfmpegArgs(request: FfmpegArgsInput): FfmpegArgs {
  const { codec, path, width, height, fps, crf, quality, comment, audio, durationSeconds } = request;
  if (audio !== undefined && durationSeconds === undefined) throw new Error("audio needs the video's durationSeconds");
  return {
    inputOptions: [...ffmpegPreamble, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps)],
    input: 'pipe:0',
    ...(audio === undefined ? {} : { audioInput: `file:${audio}` }),
    outputOptions: [
      ...(audio === undefined ? ['-an'] : ['-map', '0:v:0', '-map', '1:a:0', ...audioOptions(codec, durationSeconds!)]),
      '-vf',
      colourFilter,
      ...codec.codecOptions(crf, quality),
      ...colourTags,
      ...containerOptions(codec, comment),
    ],
    // `file:` so that a path with a colon in it is never taken for a protocol.
    output: `file:${path}`,
  };
}

/** The whole command line, for tests and for messages. */
export function flattenFfmpegArgs(args: FfmpegArgs): string[] {
  return [
    ...args.inputOptions,
    '-i',
    args.input,
    ...(args.audioInput === undefined ? [] : ['-i', args.audioInput]),
    ...args.outputOptions,
    args.output,
  ];
}

/**
 * The soundtrack's output options. `apad` adds silence after the track's end and `-t` cuts both
 * streams at the video's length, so the audio lasts exactly as long as the video whether the track
 * is longer (trimmed) or shorter (padded). `-t` rather than `-shortest`: with apad the audio never ends
 * on its own, and -shortest in ffmpeg 4 may let the muxer overshoot by its interleaving queue.
 * AAC's encoder delay (1024 samples of priming) is written as an edit list by the MP4 muxer, so
 * players start the sound in step with the first frame.
 */
function audioOptions(codec: VideoCodec, durationSeconds: number): string[] {
  return [...codec.audioOptions, '-af', 'apad', '-t', String(durationSeconds)];
}

export interface MuxAudioArgsInput {
  readonly codec: VideoCodec;
  /** An already-encoded video (its video stream is copied as it is, not encoded again). */
  readonly video: string;
  readonly audio: string;
  /** The video's length (frames / fps): the audio is cut or padded to it. */
  readonly durationSeconds: number;
  /** The file ffmpeg writes. */
  readonly path: string;
}

/**
 * ffmpeg's arguments to add a soundtrack to a finished video without encoding the video again
 * (`-c:v copy`), e.g. after joining segments rendered apart. The video's tags (the recipe comment)
 * are kept. A pure function, tested as data; `muxAudio` runs it.
 */
export function buildMuxAudioArgs(request: MuxAudioArgsInput): string[] {
  const { codec, video, audio, durationSeconds, path } = request;
  return [
    ...ffmpegPreamble,
    '-i',
    `file:${video}`,
    '-i',
    `file:${audio}`,
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
    '-c:v',
    'copy',
    ...audioOptions(codec, durationSeconds),
    '-map_metadata',
    '0',
    ...codec.containerOptions,
    ...bitexact,
    '-f',
    codec.muxer,
    `file:${path}`,
  ];
}

export interface ConcatArgsInput {
  readonly codec: VideoCodec;
  /** The concat list (see segments/concat-list.ts). */
  readonly list: string;
  /** The file ffmpeg writes: the temporary name beside the target. */
  readonly path: string;
  /** Stored as the joined file's `comment` tag (the concat demuxer does not carry the segments' tags over). */
  readonly comment: string;
}

/**
 * Joins finished segments into one file without re-encoding (`-c copy`): every segment starts with a
 * keyframe, since each was a fresh encoder, and the list gives each one's exact duration.
 */
export function buildConcatArgs(request: ConcatArgsInput): FfmpegArgs {
  const { codec, list, path, comment } = request;
  return {
    // -safe 0: the list is zsweep's own, and the demuxer's "safe" check refuses the file: prefix.
    inputOptions: [...ffmpegPreamble, '-f', 'concat', '-safe', '0'],
    input: `file:${list}`,
    outputOptions: ['-map', '0:v', '-c', 'copy', ...containerOptions(codec, comment)],
    output: `file:${path}`,
  };
}
