import type { RecipeEncoding } from '../recipe/recipe.ts';
import type { Encoder, EncoderInput, PictureEncoder, PictureInput } from './encoder.ts';
import { createFfmpegEncoder } from './ffmpeg/ffmpeg-encoder.ts';
import type { VideoCodec } from './ffmpeg/video-codec.ts';
import type { VideoQuality } from './ffmpeg/video-quality.ts';
import { gifMaxFps } from './gif/gif-delays.ts';
import { createGifEncoder, defaultGifLevel, defaultGifQuality, gifQualityAt } from './gif/gif-encoder.ts';
import { createPictureEncoder, createSinglePngEncoder } from './picture-encoder.ts';
import { createPngSequenceEncoder } from './png-sequence-encoder.ts';
import { type SizeLever, sizedEncoder } from './sized-encoder.ts';
import { createWebpEncoder, defaultWebpQuality, webpEncoderName } from './webp/webp-encoder.ts';

/** Where a format keeps the recipe, so that `--from` can read it back (encoders/metadata/). */
export type RecipeStorage = 'video-comment' | 'gif-comment' | 'png-text' | 'webp-xmp' | 'none';

/** One output format: everything zsweep needs to know of it, so that adding a format touches one entry. */
export interface Format {
  /** For messages: `H.264 MP4`. */
  readonly label: string;
  /** What a file name ends with; the first is used for names zsweep chooses. */
  readonly extensions: readonly string[];
  /** One file per frame, named by a pattern such as `frames/%04d.png`. */
  readonly sequence: boolean;
  /** `zsweep` (render) writes it: an animation, or for `png` its first frame. */
  readonly animation: boolean;
  /** `zsweep still` and `zsweep grid` write it. */
  readonly picture: boolean;
  /** Written through ffmpeg with this codec; such formats take `--crf`, a soundtrack and segments. */
  readonly video?: VideoCodec;
  /** Width and height must be even (H.264 in yuv420p halves chroma in both directions). */
  readonly evenSize: boolean;
  /** Largest side, where the format is tighter than zsweep's own limits. */
  readonly maxSide?: number;
  /** Highest frame rate the format plays as asked. */
  readonly maxFps?: number;
  readonly recipe: RecipeStorage;
  /** Written through ffmpeg, though not a video (no --crf, sound or segments): the ffmpeg encoders it needs. */
  readonly ffmpegEncoders?: readonly string[];
  /** The encoder for an animation (render), where `animation`. */
  readonly createEncoder?: (input: EncoderInput) => Promise<Encoder>;
  /** The encoder for one picture (still, grid), where `picture`. */
  readonly createPicture?: (input: PictureInput) => PictureEncoder;
}

/**
 * x264's presets for each level, measured at CRF 18 (docs/video.md): at the same CRF a faster preset
 * keeps nearly the same PSNR and costs a little size, at a fraction of the CPU. `unlevelled`, for a
 * recipe made before levels existed, is the preset zsweep always used then.
 */
const x264Presets: Record<VideoQuality | 'unlevelled', string> = {
  fast: 'superfast',
  balanced: 'veryfast',
  small: 'medium',
  unlevelled: 'medium',
};

/** libvpx's -cpu-used for each level (higher is faster); `unlevelled` as for x264. */
const vp9CpuUsed: Record<VideoQuality | 'unlevelled', number> = { fast: 4, balanced: 2, small: 1, unlevelled: 2 };

const h264: VideoCodec = {
  label: 'H.264',
  encoder: 'libx264',
  muxer: 'mp4',
  // x264's CRF scale: 0 lossless … 51; 18 is visually lossless for most content.
  crfRange: [0, 51],
  defaultCrf: 18,
  codecOptions: (crf, quality, bitsPerSecond) => [
    '-c:v',
    'libx264',
    '-preset',
    x264Presets[quality ?? 'unlevelled'],
    ...(bitsPerSecond === undefined ? ['-crf', String(crf)] : ['-b:v', String(bitsPerSecond)]),
  ],
  defaultQuality: 'balanced',
  // The index at the front, so the video starts playing before it has fully downloaded.
  containerOptions: ['-movflags', '+faststart'],
  // Level 5.1/5.2's largest frame, 36,864 macroblocks of 16×16: what phones and most players decode.
  playable: { pixels: 36864 * 256, level: 'H.264 level 5.2', example: '4096×2304' },
  // AAC plays everywhere MP4 does.
  audioEncoder: 'aac',
  audioOptions: ['-c:a', 'aac', '-b:a', '192k'],
};

const vp9: VideoCodec = {
  label: 'VP9',
  encoder: 'libvpx-vp9',
  muxer: 'webm',
  // libvpx's quantiser scale: 0 … 63. 24 with `-b:v 0` gives quality close to x264 at 18 (docs/video.md).
  crfRange: [0, 63],
  defaultCrf: 24,
  // `-b:v 0` makes libvpx's CRF a constant-quality mode (otherwise it is a cap under a default
  // bitrate); row-mt and tile-columns let libvpx use both cores.
  codecOptions: (crf, quality, bitsPerSecond) => [
    '-c:v',
    'libvpx-vp9',
    // A size cap's search sets the average bitrate (libvpx's VBR) instead of a constant quality.
    ...(bitsPerSecond === undefined ? ['-crf', String(crf), '-b:v', '0'] : ['-b:v', String(bitsPerSecond)]),
    '-deadline',
    'good',
    '-cpu-used',
    String(vp9CpuUsed[quality ?? 'unlevelled']),
    '-row-mt',
    '1',
    '-tile-columns',
    '1',
  ],
  // Unchanged for new renders: cpu-used 2 is what WebM always had (not measured against the others yet).
  defaultQuality: 'balanced',
  containerOptions: [],
  // Level 5's largest picture: what hardware VP9 decoders take.
  playable: { pixels: 8912896, level: 'VP9 level 5', example: '4096×2176' },
  // WebM allows only Opus or Vorbis.
  audioEncoder: 'libopus',
  audioOptions: ['-c:a', 'libopus', '-b:a', '128k'],
};

/** The least quality a capped GIF (PSNR, dB) and animated WebP (libwebp's quality) are kept at before stepping down. */
export const gifAcceptablePsnr = 30;
export const webpAcceptableQuality = 80;

/**
 * A GIF's size follows its quality level (gif/gif-encoder.ts). A fit under `gifAcceptablePsnr` steps the
 * frame rate, then the size, down: below it the palette's bands and smeared kept pixels show at a
 * glance (scripts/size-bench.mts, docs/gif.md).
 */
const gifLever: SizeLever = {
  min: 0,
  max: 10,
  scale: 'linear',
  step: 2,
  start: () => defaultGifLevel,
  apply: (input, level) => ({ ...input, gif: gifQualityAt(level) }),
  acceptable: (_, psnr) => psnr === undefined || psnr >= gifAcceptablePsnr,
};

/**
 * An animated WebP's size follows libwebp's quality. A fit under `webpAcceptableQuality` steps the frame
 * rate, then the size, down: libwebp reports no PSNR through ffmpeg, and below quality 80 its animation
 * leaves changed pixels stale, so the error grows frame after frame (quality 80: 32.2 dB, 75: 29.1 dB,
 * 65: 27.6 dB on the default loop; docs/gif.md).
 */
const webpLever: SizeLever = {
  min: 0,
  max: 100,
  scale: 'linear',
  step: 15,
  start: () => defaultWebpQuality,
  apply: (input, quality) => ({ ...input, webpQuality: quality }),
  acceptable: (quality) => quality >= webpAcceptableQuality,
};

/** A video's size follows its average bitrate: the search starts at the one that fills the cap, less the sound's share. */
function videoLever(codec: VideoCodec): SizeLever {
  return {
    min: 20_000,
    max: 1e9,
    scale: 'log',
    step: 0,
    start: ({ frames, fps, video }, maxBytes) => {
      const seconds = frames / fps;
      const audioBits = video?.audio ? (video.platform?.audioBitsPerSecond ?? audioBitrate(codec)) * seconds : 0;
      return Math.max(20_000, ((0.945 * maxBytes * 8 - audioBits) / seconds) | 0);
    },
    apply: (input, bitsPerSecond) => ({ ...input, video: input.video && { ...input.video, bitsPerSecond: Math.round(bitsPerSecond) } }),
  };
}

/** The soundtrack's bitrate from the codec's `-b:a`, in bits a second. */
function audioBitrate(codec: VideoCodec): number {
  const given = codec.audioOptions[codec.audioOptions.indexOf('-b:a') + 1] ?? '0';
  return Number.parseFloat(given) * (given.endsWith('k') ? 1000 : 1);
}

export const formats = {
  mp4: {
    label: 'H.264 MP4',
    extensions: ['mp4'],
    sequence: false,
    animation: true,
    picture: false,
    video: h264,
    evenSize: true,
    recipe: 'video-comment',
    createEncoder: sizedEncoder(createFfmpegEncoder(h264), videoLever(h264)),
  },
  webm: {
    label: 'VP9 WebM',
    extensions: ['webm'],
    sequence: false,
    animation: true,
    picture: false,
    video: vp9,
    // VP9 rounds chroma up, so odd sizes work.
    evenSize: false,
    recipe: 'video-comment',
    createEncoder: sizedEncoder(createFfmpegEncoder(vp9), videoLever(vp9)),
  },
  gif: {
    label: 'GIF',
    extensions: ['gif'],
    sequence: false,
    animation: true,
    picture: false,
    evenSize: false,
    maxFps: gifMaxFps,
    recipe: 'gif-comment',
    createEncoder: sizedEncoder(createGifEncoder, gifLever),
  },
  png: {
    label: 'PNG',
    extensions: ['png'],
    sequence: false,
    animation: true,
    picture: true,
    evenSize: false,
    recipe: 'png-text',
    createEncoder: createSinglePngEncoder,
    createPicture: (input) => createPictureEncoder('png', input),
  },
  'png-sequence': {
    label: 'PNG frames',
    extensions: ['png'],
    sequence: true,
    animation: true,
    picture: false,
    evenSize: false,
    recipe: 'png-text',
    createEncoder: createPngSequenceEncoder,
  },
  jpeg: {
    label: 'JPEG',
    extensions: ['jpg', 'jpeg'],
    sequence: false,
    animation: false,
    picture: true,
    evenSize: false,
    recipe: 'none',
    createPicture: (input) => createPictureEncoder('jpeg', input),
  },
  webp: {
    label: 'WebP',
    extensions: ['webp'],
    sequence: false,
    // An animation through ffmpeg's libwebp_anim; a still on the canvas (which holds no recipe).
    animation: true,
    picture: true,
    evenSize: false,
    // WebP's own limit: 14 bits a side.
    maxSide: 16383,
    // A frame lasts whole milliseconds; browsers slow down frames shorter than 10 ms.
    maxFps: 100,
    recipe: 'webp-xmp',
    ffmpegEncoders: [webpEncoderName],
    createEncoder: sizedEncoder(createWebpEncoder, webpLever),
    createPicture: (input) => createPictureEncoder('webp', input),
  },
} as const satisfies Record<string, Format>;

export type FormatName = keyof typeof formats;
export const formatNames = Object.keys(formats) as FormatName[];
/** The formats written through ffmpeg. */
export type VideoFormatName = { [K in FormatName]: (typeof formats)[K] extends { video: VideoCodec } ? K : never }[FormatName];

export function formatOf(name: FormatName): Format {
  return formats[name];
}

/** The format a file name's extension names (not a sequence), or undefined. */
export function formatOfExtension(ext: string, which: 'animation' | 'picture'): FormatName | undefined {
  const lower = ext.toLowerCase();
  return formatNames.find((name) => {
    const format: Format = formats[name];
    return !format.sequence && format[which] && format.extensions.includes(lower);
  });
}

/** The extensions of the formats a command writes, as `.mp4, .webm, …` for messages and help. */
export function extensionsOf(which: 'animation' | 'picture'): string[] {
  const names = formatNames.filter((name) => {
    const format: Format = formats[name];
    return format[which] && !format.sequence;
  });
  return [...new Set(names.flatMap((name) => formats[name].extensions.slice(0, 1)))];
}

/** What the recipe's `encoding` asks of an encoder: the second GIF encoder's levers, the size cap and the step it took. */
export function encodingInput(encoding: RecipeEncoding | undefined): Pick<EncoderInput, 'gif' | 'maxBytes' | 'reduced'> {
  return {
    ...(encoding?.gif === 2 ? { gif: defaultGifQuality } : {}),
    ...(encoding?.maxBytes === undefined ? {} : { maxBytes: encoding.maxBytes }),
    ...(encoding?.reduced === undefined ? {} : { reduced: encoding.reduced }),
  };
}

/** A format's animation encoder; only a bug asks a picture-only format for one. */
export function encoderOf(format: Format): NonNullable<Format['createEncoder']> {
  if (!format.createEncoder) throw new Error(`${format.label} is not an animation format`);
  return format.createEncoder;
}

/** A format's picture encoder; only a bug asks an animation-only format for one. */
export function pictureOf(format: Format): NonNullable<Format['createPicture']> {
  if (!format.createPicture) throw new Error(`${format.label} is not a picture format`);
  return format.createPicture;
}

/** The ffmpeg encoders a render to this format needs (with `audio`, the soundtrack's too); none: no ffmpeg. */
export function ffmpegEncodersOf(name: FormatName, audio: boolean): readonly string[] {
  const format: Format = formats[name];
  if (format.video) return [format.video.encoder, ...(audio ? [format.video.audioEncoder] : [])];
  return format.ffmpegEncoders ?? [];
}

/** The video codec of a format written through ffmpeg. */
export function videoCodecOf(name: FormatName): VideoCodec | undefined {
  const format: Format = formats[name];
  return format.video;
}
