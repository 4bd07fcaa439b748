import { type PlatformName, platformNames } from '../encoders/platform-targets.ts';
import { invalidArgument, UsageError } from '../errors.ts';
import { parseMaxSize } from './max-size.ts';
import { given, parseChoice, parseFfmpegPath } from './values.ts';

/** `zsweep check FILE --for TARGET`, as yargs hands it over. */
export interface CheckArgs {
  file?: string;
  for?: string;
  ffmpeg?: string;
  maxSize?: string;
}

export interface CheckOptions {
  readonly file: string;
  /** The platform's rules to check; none with only --max-size. */
  readonly target: PlatformName | undefined;
  readonly ffmpeg: string | undefined;
  /** `--max-size`: the file at most this many bytes. */
  readonly maxBytes: number | undefined;
}

export function parseCheckOptions(args: CheckArgs): CheckOptions {
  const file = args.file ?? '';
  if (file.trim() === '')
    throw invalidArgument('check', 'file', file, 'the file to check, e.g. zsweep check canvas.mp4 --for spotify-canvas');
  if (args.for === undefined && args.maxSize === undefined) {
    throw new UsageError(
      `Missing --for: which platform's rules to check ${JSON.stringify(file)} against, one of ${platformNames.join(', ')} (or --max-size SIZE for its size alone)`,
    );
  }
  return {
    file,
    target: given(args.for, (raw) => parseChoice('for', raw, platformNames)),
    ffmpeg: given(args.ffmpeg, parseFfmpegPath),
    maxBytes: given(args.maxSize, (raw) => parseMaxSize(raw)),
  };
}
