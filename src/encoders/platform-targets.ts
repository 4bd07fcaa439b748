/**
 * The places musicians post to, one entry each: what `--for NAME` sets, and the rules a file must
 * keep to be accepted there (checked by platforms/check-file.ts). Sources and dates are in
 * docs/platforms.md; where official pages are silent the entry says so and stays on the safe side.
 */

export const platformNames = [
  'spotify-canvas',
  'instagram-reel',
  'instagram-story',
  'tiktok',
  'youtube',
  'youtube-short',
  'apple-square',
  'apple-tall',
  'cover-art',
] as const;
export type PlatformName = (typeof platformNames)[number];

/** How ffmpeg encodes for a platform, beyond zsweep's own H.264 settings (encoders/ffmpeg/ffmpeg-args.ts). */
export interface PlatformEncoding {
  /** A keyframe (closed GOP) every this many seconds; x264 closes its GOPs unless told otherwise. */
  readonly gopSeconds?: number;
  /** Consecutive B-frames. */
  readonly bFrames?: number;
  /** Whether the MP4 may hold edit lists: Instagram's spec forbids them. */
  readonly editList: boolean;
  /** Peak video bitrate in bits a second, kept by x264's VBV: how a file-size cap is met. */
  readonly maxBitsPerSecond?: number;
  /** The sound's sample rate in Hz. */
  readonly audioRate?: number;
  /** The sound's bitrate in bits a second, where the platform caps it. */
  readonly audioBitsPerSecond?: number;
  /** Channels of sound: Meta takes mono or stereo only, so a surround track is mixed down. */
  readonly audioChannels?: number;
}

export interface PlatformTarget {
  readonly label: string;
  /** A video (H.264 MP4) or one picture (PNG). */
  readonly format: 'mp4' | 'png';
  /** The size written unless --size says otherwise. */
  readonly size: readonly [number, number];
  /** Width : height, held to within half a percent. */
  readonly aspect: readonly [number, number];
  readonly height?: { readonly min: number; readonly max?: number };
  readonly maxWidth?: number;
  /** The shorter side at least this (cover art). */
  readonly minSide?: number;
  readonly fps?: { readonly default: number; readonly min: number; readonly max: number };
  /** Length: accepted range, and what is written unless --duration, --frames or --bars says otherwise. */
  readonly seconds?: { readonly min: number; readonly max: number; readonly default: number };
  /** `none`: the file must carry no sound, and --audio only drives the motion. */
  readonly sound: 'none' | 'allowed';
  /** The highest sample rate accepted for the sound. */
  readonly maxAudioRate?: number;
  /** The file's size at most (bytes). */
  readonly maxBytes?: number;
  /** H.264 profiles accepted, as ffprobe names them. */
  readonly profiles?: readonly string[];
  /** The MP4's index (moov) must come before its data. */
  readonly moovFirst?: boolean;
  readonly encoding?: PlatformEncoding;
  /** Where the rules come from (docs/platforms.md has the detail). */
  readonly source: string;
}

const MB = 1_000_000;
const phone = [1080, 1920] as const;
const vertical = [9, 16] as const;
const h264Profiles = ['High', 'Main', 'Constrained Baseline', 'Baseline'];
/** Meta's spec for Reels and Stories: closed GOP, 4:2:0, moov first, no edit lists, AAC at most 48 kHz and 128 kb/s, video at most 25 Mb/s. */
const metaEncoding: PlatformEncoding = {
  gopSeconds: 2,
  // Without an edit list, B-frames' reordering delay cannot be taken back: the video would start two
  // frames after the sound, and the streams' durations differ by as much.
  bFrames: 0,
  editList: false,
  maxBitsPerSecond: 25 * MB,
  audioRate: 48000,
  audioBitsPerSecond: 128_000,
  audioChannels: 2,
};
/** YouTube's recommended upload settings: High profile, 2 B-frames, a closed GOP of half the frame rate, AAC-LC at 48 kHz. */
const youtubeEncoding: PlatformEncoding = { gopSeconds: 0.5, bFrames: 2, editList: true, audioRate: 48000 };
/** Apple Music's two motion-artwork shapes differ only in size and aspect. */
const appleMotionArtwork = {
  format: 'mp4',
  fps: { default: 30, min: 23, max: 30 },
  seconds: { min: 3, max: 60, default: 8 },
  sound: 'none',
  profiles: h264Profiles,
  moovFirst: true,
  encoding: { editList: true },
  source: 'Apple developer documentation, AnimatedArtwork.AspectRatio (delivery specs are not public)',
} as const satisfies Partial<PlatformTarget>;

export const platformTargets: Readonly<Record<PlatformName, PlatformTarget>> = {
  'spotify-canvas': {
    label: 'Spotify Canvas',
    format: 'mp4',
    // 9:16 exactly with even sides, within the 720–1080 px height the guidelines ask for.
    size: [576, 1024],
    aspect: vertical,
    height: { min: 720, max: 1080 },
    fps: { default: 30, min: 24, max: 30 },
    seconds: { min: 3, max: 8, default: 8 },
    sound: 'none',
    // Third-party pages give 10, 25 or 200 MB; the smallest is safe everywhere.
    maxBytes: 10 * MB,
    profiles: h264Profiles,
    moovFirst: true,
    encoding: { editList: true, maxBitsPerSecond: 8 * MB },
    source: 'Spotify for Artists, "Canvas guidelines"',
  },
  'instagram-reel': {
    label: 'Instagram Reel',
    format: 'mp4',
    size: phone,
    aspect: vertical,
    maxWidth: 1920,
    fps: { default: 30, min: 23, max: 60 },
    seconds: { min: 3, max: 15 * 60, default: 15 },
    sound: 'allowed',
    maxAudioRate: 48000,
    maxBytes: 300 * MB,
    profiles: h264Profiles,
    moovFirst: true,
    encoding: metaEncoding,
    source: "Meta's Instagram content-publishing API, Reels video specifications",
  },
  'instagram-story': {
    label: 'Instagram Story',
    format: 'mp4',
    size: phone,
    aspect: vertical,
    maxWidth: 1920,
    fps: { default: 30, min: 23, max: 60 },
    seconds: { min: 3, max: 60, default: 15 },
    sound: 'allowed',
    maxAudioRate: 48000,
    maxBytes: 100 * MB,
    profiles: h264Profiles,
    moovFirst: true,
    encoding: metaEncoding,
    source: "Meta's Instagram content-publishing API, Stories video specifications",
  },
  tiktok: {
    label: 'TikTok',
    format: 'mp4',
    size: phone,
    aspect: vertical,
    fps: { default: 30, min: 23, max: 60 },
    seconds: { min: 3, max: 10 * 60, default: 15 },
    sound: 'allowed',
    maxAudioRate: 48000,
    // TikTok's upload help: 287.6 MB from iOS, 72 MB from Android; the smaller holds for both.
    maxBytes: 72 * MB,
    profiles: h264Profiles,
    moovFirst: true,
    encoding: { gopSeconds: 2, editList: true, maxBitsPerSecond: 15 * MB, audioRate: 48000 },
    source: 'TikTok help, "Uploading videos" (third-party pages for the frame rate)',
  },
  youtube: {
    label: 'YouTube',
    format: 'mp4',
    size: [1920, 1080],
    aspect: [16, 9],
    fps: { default: 30, min: 1, max: 60 },
    seconds: { min: 1, max: 12 * 3600, default: 30 },
    sound: 'allowed',
    maxAudioRate: 96000,
    profiles: ['High'],
    moovFirst: true,
    encoding: youtubeEncoding,
    source: 'YouTube Help, "Recommended upload encoding settings"',
  },
  'youtube-short': {
    label: 'YouTube Short',
    format: 'mp4',
    size: phone,
    aspect: vertical,
    fps: { default: 30, min: 1, max: 60 },
    seconds: { min: 1, max: 180, default: 30 },
    sound: 'allowed',
    maxAudioRate: 96000,
    profiles: ['High'],
    moovFirst: true,
    encoding: youtubeEncoding,
    source: 'YouTube Help, "Upload YouTube Shorts" and "Recommended upload encoding settings"',
  },
  'apple-square': {
    label: 'Apple Music motion artwork (square)',
    size: [2048, 2048],
    aspect: [1, 1],
    ...appleMotionArtwork,
  },
  'apple-tall': {
    label: 'Apple Music motion artwork (tall)',
    size: [1536, 2048],
    aspect: [3, 4],
    ...appleMotionArtwork,
  },
  'cover-art': {
    label: 'cover art',
    format: 'png',
    size: [3000, 3000],
    aspect: [1, 1],
    minSide: 3000,
    sound: 'none',
    source: 'SoundCloud Help, artwork guidelines; distributors ask the same',
  },
};
