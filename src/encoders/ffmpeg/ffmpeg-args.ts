/**
 * The ffmpeg command line for a video, as data: a pure function of the request, tested without
 * running ffmpeg. Spawning is elsewhere (`ffmpeg-process.ts`).
 */

/** The video formats written through ffmpeg, and what each needs from it. */
export const videoCodecs = {
  mp4: {
    label: 'H.264',
    encoder: 'libx264',
    muxer: 'mp4',
    /** x264's CRF scale: 0 lossless … 51; 18 is visually lossless for most content. */
    crfRange: [0, 51],
    defaultCrf: 18,
    /** yuv420p halves chroma in both directions and libx264 refuses odd sizes. */
    needsEvenSize: true,
  },
  webm: {
    label: 'VP9',
    encoder: 'libvpx-vp9',
    muxer: 'webm',
    /** libvpx's quantiser scale: 0 … 63. 24 with `-b:v 0` gives quality close to x264 at 18 (see docs/video-notes.md). */
    crfRange: [0, 63],
    defaultCrf: 24,
    /** VP9 rounds chroma up, so odd sizes work. */
    needsEvenSize: false,
  },
} as const;
export type VideoFormat = keyof typeof videoCodecs;
export const videoFormats = Object.keys(videoCodecs) as VideoFormat[];

export interface FfmpegArgsInput {
  readonly format: VideoFormat;
  /** The file ffmpeg writes (a temporary name; its extension is not trusted, so the muxer is named). */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly crf: number;
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
  const { format, path, width, height, fps, crf, comment, audio, durationSeconds } = request;
  if (audio !== undefined && durationSeconds === undefined) throw new Error('audio needs the video\'s durationSeconds');
  const codec = videoCodecs[format];
  const codecOptions = format === 'mp4'
    ? ['-c:v', 'libx264', '-preset', 'medium', '-crf', String(crf)]
    // `-b:v 0` makes libvpx's CRF a constant-quality mode (otherwise it is a cap under a default bitrate).
    // row-mt and tile-columns let libvpx use both cores.
    : ['-c:v', 'libvpx-vp9', '-crf', String(crf), '-b:v', '0', '-deadline', 'good', '-cpu-used', '2', '-row-mt', '1', '-tile-columns', '1'];
  const containerOptions = format === 'mp4'
    // The index at the front, so the video starts playing before it has fully downloaded.
    ? ['-movflags', '+faststart']
    : [];
  return {
    inputOptions: [
      '-hide_banner', '-nostdin', '-loglevel', 'error',
      '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps),
    ],
    input: 'pipe:0',
    ...(audio === undefined ? {} : { audioInput: `file:${audio}` }),
    outputOptions: [
      ...(audio === undefined ? ['-an'] : ['-map', '0:v:0', '-map', '1:a:0', ...audioOptions(format, durationSeconds!)]),
      '-vf', colourFilter,
      ...codecOptions,
      ...colourTags,
      ...containerOptions,
      '-metadata', `comment=${comment}`,
      '-f', codec.muxer,
    ],
    // `file:` so that a path with a colon in it is never taken for a protocol.
    output: `file:${path}`,
  };
}

/** The whole command line, for tests and for messages. */
export function flattenFfmpegArgs(args: FfmpegArgs): string[] {
  return [...args.inputOptions, '-i', args.input, ...(args.audioInput === undefined ? [] : ['-i', args.audioInput]), ...args.outputOptions, args.output];
}

/** The audio codec each container takes: AAC in MP4 (plays everywhere), Opus in WebM (WebM allows only Opus or Vorbis). */
export const audioCodecs = {
  mp4: ['-c:a', 'aac', '-b:a', '192k'],
  webm: ['-c:a', 'libopus', '-b:a', '128k'],
} as const satisfies Record<VideoFormat, readonly string[]>;

/**
 * The soundtrack's output options. `apad` adds silence after the track's end and `-t` cuts both
 * streams at the video's length, so the audio lasts exactly as long as the video whether the track
 * is longer (trimmed) or shorter (padded). `-t` rather than `-shortest`: with apad the audio never ends
 * on its own, and -shortest in ffmpeg 4 may let the muxer overshoot by its interleaving queue.
 * AAC's encoder delay (1024 samples of priming) is written as an edit list by the MP4 muxer, so
 * players start the sound in step with the first frame.
 */
function audioOptions(format: VideoFormat, durationSeconds: number): string[] {
  return [...audioCodecs[format], '-af', 'apad', '-t', String(durationSeconds)];
}

export interface MuxAudioArgsInput {
  readonly format: VideoFormat;
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
  const { format, video, audio, durationSeconds, path } = request;
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-i', `file:${video}`,
    '-i', `file:${audio}`,
    '-map', '0:v:0', '-map', '1:a:0',
    '-c:v', 'copy',
    ...audioOptions(format, durationSeconds),
    '-map_metadata', '0',
    ...(format === 'mp4' ? ['-movflags', '+faststart'] : []),
    '-f', videoCodecs[format].muxer,
    `file:${path}`,
  ];
}

export interface ConcatArgsInput {
  readonly format: VideoFormat;
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
  const { format, list, path, comment } = request;
  return {
    // -safe 0: the list is zsweep's own, and the demuxer's "safe" check refuses the file: prefix.
    inputOptions: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'concat', '-safe', '0'],
    input: `file:${list}`,
    outputOptions: [
      '-map', '0:v', '-c', 'copy',
      ...(format === 'mp4' ? ['-movflags', '+faststart'] : []),
      '-metadata', `comment=${comment}`,
      '-f', videoCodecs[format].muxer,
    ],
    output: `file:${path}`,
  };
}
