/**
 * The errors zsweep expects: each says what went wrong and what to do, in one line, and carries the
 * exit code the command line ends with. Any other error is a bug and keeps its stack (exit 1).
 */
export abstract class ZsweepError extends Error {
  abstract readonly exitCode: number;
  /** A line the command line prints after the message, if any: what became of the output. */
  afterword: string | undefined = undefined;
}

/** A mistake in what the user asked for (an option, a file given as input): exit 2. */
export class UsageError extends ZsweepError {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** A file could not be written mid-render (the disk filled up, the folder became read-only): exit 1, not a bug. */
export class WriteFailed extends ZsweepError {
  override readonly name = 'WriteFailed';
  readonly exitCode = 1;
}

/** ffmpeg failed: the message ends with the last lines ffmpeg printed (a full disk, a broken build): exit 1. */
export class FfmpegFailed extends ZsweepError {
  override readonly name = 'FfmpegFailed';
  readonly exitCode = 1;
  override afterword: string | undefined = 'no file was written';
}

/** A render stopped by its signal (Ctrl-C); its partial file is already removed. 130 is SIGINT's code. */
export class RenderInterrupted extends ZsweepError {
  override readonly name = 'RenderInterrupted';
  readonly exitCode = 130;
  /** A segmented render's work folder, kept so that running the same command again resumes. */
  readonly workFolder: string | undefined;

  constructor(message: string, { workFolder }: { workFolder?: string } = {}) {
    super(message);
    this.workFolder = workFolder;
  }
}

/**
 * The one shape of message for a bad value, so every complaint reads alike:
 * `Invalid --size "12x": expected WIDTHxHEIGHT in pixels, e.g. --size 512x512`.
 */
export function invalidOption(option: string, value: unknown, expected: string): UsageError {
  return new UsageError(`Invalid --${option} ${JSON.stringify(String(value))}: expected ${expected}`);
}

/**
 * The same shape for a command's positional argument, which has no option's name to give:
 * `Invalid file "x.mp4" for zsweep check: expected a video or picture to check; no such file, …`.
 */
export function invalidArgument(command: string, name: string, value: unknown, expected: string): UsageError {
  return new UsageError(`Invalid ${name} ${JSON.stringify(String(value))} for zsweep ${command}: expected ${expected}`);
}

/** A file that breaks a platform's rules (zsweep check, or the check after a --for render): exit 1; the file is left as it is. */
export class CheckFailed extends ZsweepError {
  override readonly name = 'CheckFailed';
  readonly exitCode = 1;
}

/** A render refused as it ran, since its own frames would harm (they flash more than 3 times a second): exit 1, nothing written. */
export class RenderRefused extends ZsweepError {
  override readonly name = 'RenderRefused';
  readonly exitCode = 1;
  override afterword: string | undefined = 'no file was written';
}
