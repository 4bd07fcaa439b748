import { type Format, type FormatName, formats } from '../encoders/formats.ts';
import { invalidArgument, invalidOption, UsageError } from '../errors.ts';
import { parseAnimationOut } from './output-format.ts';
import { deepFreeze, given, parseFfmpegPath } from './values.ts';

/** The join command's arguments. */
export interface JoinArgs {
  folder?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  ffmpeg?: string;
  audio?: string;
}

export interface JoinOptions {
  /** The work folder, `OUT.parts`. */
  readonly folder: string;
  /** The video to write; by default the work folder's name without `.parts`. */
  readonly out: string;
  readonly format: FormatName;
  readonly force: boolean;
  readonly quiet: boolean;
  readonly ffmpeg: string | undefined;
  /** The soundtrack of an audio-driven render, muxed into the joined video. */
  readonly audio: string | undefined;
}

export function parseJoinOptions(args: JoinArgs): JoinOptions {
  const folder = (args.folder ?? '').replace(/\/+$/, '');
  if (folder === '')
    throw invalidArgument('join', 'folder', args.folder, 'the work folder of a segmented render, e.g. zsweep join loop.mp4.parts');
  const named = /\.(mp4|webm)\.parts$/i.test(folder) ? folder.slice(0, -'.parts'.length) : undefined;
  if (args.out === undefined && named === undefined) {
    throw new UsageError(
      `Missing --out: ${JSON.stringify(folder)} is not named like a work folder (VIDEO.parts, e.g. loop.mp4.parts), so give the video to write, e.g. --out loop.mp4`,
    );
  }
  const out = args.out ?? named!;
  const format = parseAnimationOut(out);
  if (!(formats[format] as Format).video) throw invalidOption('out', out, 'a video file ending in .mp4 or .webm, e.g. --out loop.mp4');
  if (args.audio !== undefined && args.audio.trim() === '')
    throw invalidOption('audio', args.audio, 'the track the segments were rendered to, e.g. --audio song.mp3');
  return deepFreeze({
    folder,
    out,
    format,
    force: args.force ?? false,
    quiet: args.quiet ?? false,
    ffmpeg: given(args.ffmpeg, parseFfmpegPath),
    audio: args.audio,
  });
}
