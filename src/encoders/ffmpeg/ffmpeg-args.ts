/**
 * The ffmpeg command line for a video, as data: a pure function of the request, tested without
 * running ffmpeg. Spawning is elsewhere (`ffmpeg-process.ts`).
 */

import { UsageError } from '../../errors.ts';
import type { PlatformEncoding } from '../platform-targets.ts';
import type { VideoCodec } from './video-codec.ts';
import type { VideoQuality } from './video-quality.ts';

/**
 * Which part of the track plays, and its fades: in where it starts past the track's start, out at the
 * video's end (where the track was cut, or where it ends anyway, which a short fade does not harm).
 */
export interface AudioCut {
  readonly startSeconds: number;
  readonly fadeInSeconds: number;
  readonly fadeOutSeconds: number;
}

/**
 * Muxers write no random IDs (Matroska's segment UID) and no version strings, so that the same ffmpeg
 * writes the same bytes for the same frames: every file ffmpeg writes for zsweep gets it.
 */
export const bitexact = ['-fflags', '+bitexact'] as const;

/** How every file zsweep has ffmpeg write ends: the container's options, bit-exact, the recipe as its comment, the muxer named. */
function containerOptions(codec: VideoCodec, comment: string): string[] {
  return [...codec.containerOptions, ...bitexact, '-metadata', `comment=${fitArgument(comment)}`, '-f', codec.muxer];
}

/** Linux refuses a single argument past 128 KiB (MAX_ARG_STRLEN) with E2BIG; a little is kept for `comment=`. */
const maxCommentArgumentBytes = 120 * 1024;

/**
 * The comment as one command-line argument. A recipe is at most 64 KiB of UTF-8, but its ASCII form
 * escapes each emoji to 12 bytes, past what an argument may hold; such a recipe goes in as UTF-8 JSON
 * instead (MP4 and Matroska tags are UTF-8, and it reads back as the same JSON). The tags cannot go
 * through a file: the ffmetadata reader of ffmpeg 4 (the bundled one) cuts each line at 1 KiB.
 */
function fitArgument(comment: string): string {
  if (Buffer.byteLength(comment) <= maxCommentArgumentBytes) return comment;
  let compact: string | undefined;
  try {
    compact = JSON.stringify(JSON.parse(comment));
  } catch {}
  if (compact !== undefined && Buffer.byteLength(compact) <= maxCommentArgumentBytes) return compact;
  throw new UsageError(`the recipe is too large to store in a video's comment (over ${maxCommentArgumentBytes / 1024} KiB)`);
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
  /** The part of `audio` that plays; all of it from its start without. */
  readonly audioCut?: AudioCut;
  /** A platform's encoding rules (--for), on top of the codec's own options. */
  readonly platform?: PlatformEncoding;
  /** An average bitrate in place of the CRF: a size cap's search (encoders/sized-encoder.ts). */
  readonly bitsPerSecond?: number;
}

/** ffmpeg's arguments in the order they go on the command line: input options, input, output options, output. */
export interface FfmpegArgs {
  readonly inputOptions: readonly string[];
  readonly input: string;
  /** A second input: the soundtrack, with its own options (where to start reading it). */
  readonly audioInput?: string;
  readonly audioInputOptions?: readonly string[];
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
  const { codec, path, width, height, fps, crf, quality, comment, audio, durationSeconds, audioCut, platform, bitsPerSecond } = request;
  if (audio !== undefined && durationSeconds === undefined) throw new Error("audio needs the video's durationSeconds");
  return {
    inputOptions: [...ffmpegPreamble, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps)],
    input: 'pipe:0',
    ...(audio === undefined ? {} : { audioInput: `file:${audio}`, ...audioSeek(audioCut) }),
    outputOptions: [
      ...(audio === undefined ? ['-an'] : ['-map', '0:v:0', '-map', '1:a:0', ...audioOptions(codec, durationSeconds!, audioCut, platform)]),
      '-vf',
      colourFilter,
      ...codec.codecOptions(crf, quality, bitsPerSecond),
      ...(platform ? platformVideoOptions(platform, fps) : []),
      ...colourTags,
      ...(platform?.editList === false ? ['-use_editlist', '0'] : []),
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
    ...(args.audioInput === undefined ? [] : [...(args.audioInputOptions ?? []), '-i', args.audioInput]),
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
function audioOptions(codec: VideoCodec, durationSeconds: number, cut?: AudioCut, platform?: PlatformEncoding): string[] {
  const priming = primingSeconds(platform);
  // The sound's own length: without an edit list its priming plays first, and the two together last as long as the video.
  const seconds = durationSeconds - priming;
  const fades = [
    ...(cut && cut.fadeInSeconds > 0 ? [`afade=t=in:st=0:d=${cut.fadeInSeconds}`] : []),
    ...(cut && cut.fadeOutSeconds > 0 ? [`afade=t=out:st=${Math.max(0, seconds - cut.fadeOutSeconds)}:d=${cut.fadeOutSeconds}`] : []),
  ];
  return [
    ...codec.audioOptions,
    // Later options win in ffmpeg: a platform's bitrate replaces the codec's.
    ...(platform?.audioBitsPerSecond === undefined ? [] : ['-b:a', String(platform.audioBitsPerSecond)]),
    ...(platform?.audioRate === undefined ? [] : ['-ar', String(platform.audioRate)]),
    ...(platform?.audioChannels === undefined ? [] : ['-ac', String(platform.audioChannels)]),
    '-af',
    priming > 0
      ? [`atrim=start=${priming}`, 'asetpts=PTS-STARTPTS', ...fades, 'apad', `atrim=end=${seconds}`].join(',')
      : [...fades, 'apad'].join(','),
    // Timestamps as the encoders give them: a shift for the priming's negative start would stretch the first frame.
    ...(priming > 0 ? ['-avoid_negative_ts', 'disabled'] : []),
    '-t',
    String(durationSeconds),
  ];
}

/** AAC's encoder delay: the samples of priming a decoder plays before the sound itself. */
const aacPrimingSamples = 1024;

/**
 * Where an MP4 may hold no edit list (Meta's platforms), the AAC priming cannot be hidden: it plays at
 * the start. The sound then skips as much of the track, so that every later sample plays with its frame
 * and both streams last as long as the video. 0 where an edit list hides the priming.
 */
function primingSeconds(platform: PlatformEncoding | undefined): number {
  if (platform?.editList !== false || platform.audioRate === undefined) return 0;
  return aacPrimingSamples / platform.audioRate;
}

/**
 * Where the soundtrack starts: -ss before its -i seeks that input, and ffmpeg decodes from the packet
 * before and drops samples up to the exact time, so the sound matches what was analysed (decode-audio.ts).
 */
function audioSeek(cut: AudioCut | undefined): { audioInputOptions?: string[] } {
  return cut && cut.startSeconds > 0 ? { audioInputOptions: ['-ss', String(cut.startSeconds)] } : {};
}

/**
 * A platform's H.264 settings: High profile, a keyframe every `gopSeconds` with closed GOPs (x264's
 * default, made explicit), the B-frames asked for, and a peak bitrate (with a buffer of two seconds'
 * worth) where the platform caps the file's size.
 */
export function platformVideoOptions(platform: PlatformEncoding, fps: number): string[] {
  const gop = platform.gopSeconds === undefined ? undefined : Math.max(1, Math.round(platform.gopSeconds * fps));
  return [
    '-profile:v',
    'high',
    '-flags',
    '+cgop',
    ...(gop === undefined ? [] : ['-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0']),
    ...(platform.bFrames === undefined ? [] : ['-bf', String(platform.bFrames)]),
    ...(platform.maxBitsPerSecond === undefined
      ? []
      : ['-maxrate', String(platform.maxBitsPerSecond), '-bufsize', String(2 * platform.maxBitsPerSecond)]),
  ];
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
  /** The part of `audio` that plays. */
  readonly audioCut?: AudioCut;
}

/**
 * ffmpeg's arguments to add a soundtrack to a finished video without encoding the video again
 * (`-c:v copy`), e.g. after joining segments rendered apart. The video's tags (the recipe comment)
 * are kept. A pure function, tested as data; `muxAudio` runs it.
 */
export function buildMuxAudioArgs(request: MuxAudioArgsInput): string[] {
  const { codec, video, audio, durationSeconds, path, audioCut } = request;
  return [
    ...ffmpegPreamble,
    '-i',
    `file:${video}`,
    ...(audioSeek(audioCut).audioInputOptions ?? []),
    '-i',
    `file:${audio}`,
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
    '-c:v',
    'copy',
    ...audioOptions(codec, durationSeconds, audioCut),
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

/** The cut of a recipe's soundtrack; undefined for a recipe made before cuts were kept, which plays as it did. */
export function audioCutOf(audio: { readonly startSeconds?: number; readonly fadeSeconds?: number } | undefined): AudioCut | undefined {
  if (audio === undefined || (audio.startSeconds === undefined && audio.fadeSeconds === undefined)) return undefined;
  const startSeconds = audio.startSeconds ?? 0;
  const fade = audio.fadeSeconds ?? 0;
  return { startSeconds, fadeInSeconds: startSeconds > 0 ? fade : 0, fadeOutSeconds: fade };
}
