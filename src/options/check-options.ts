import { type PlatformName, platformNames } from '../encoders/platform-targets.ts';
import { invalidArgument, UsageError } from '../errors.ts';
import { given, parseChoice, parseFfmpegPath } from './values.ts';

/** `zsweep check FILE --for TARGET`, as yargs hands it over. */
export interface CheckArgs {
  file?: string;
  for?: string;
  ffmpeg?: string;
}

export interface CheckOptions {
  readonly file: string;
  readonly target: PlatformName;
  readonly ffmpeg: string | undefined;
}

export function parseCheckOptions(args: CheckArgs): CheckOptions {
  const file = args.file ?? '';
  if (file.trim() === '')
    throw invalidArgument('check', 'file', file, 'the file to check, e.g. zsweep check canvas.mp4 --for spotify-canvas');
  if (args.for === undefined) {
    throw new UsageError(
      `Missing --for: which platform's rules to check ${JSON.stringify(file)} against, one of ${platformNames.join(', ')}`,
    );
  }
  return { file, target: parseChoice('for', args.for, platformNames), ffmpeg: given(args.ffmpeg, parseFfmpegPath) };
}
