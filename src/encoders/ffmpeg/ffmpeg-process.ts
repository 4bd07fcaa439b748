/**
 * The one file that runs ffmpeg. Streaming runs go through fluent-ffmpeg (the project's choice);
 * it is archived upstream, so everything it does for us is here, behind `startFfmpeg`, and a direct
 * `spawn` could replace it without touching the rest.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import ffmpeg from 'fluent-ffmpeg';
import { FfmpegFailed } from '../../errors.ts';
import type { FfmpegArgs } from './ffmpeg-args.ts';

/** An ffmpeg process reading frames on its standard input. */
export interface FfmpegProcess {
  /** Resolves once ffmpeg has taken the bytes (they left Node for the pipe); rejects if ffmpeg failed. */
  write(bytes: Uint8Array): Promise<void>;
  /** Closes ffmpeg's input and waits for it to finish the file. */
  end(): Promise<void>;
  /** Kills ffmpeg and waits until it has exited. Never rejects. */
  kill(): Promise<void>;
}

/** How many of ffmpeg's last stderr lines go into an error. */
const stderrTailLines = 8;

/** The last lines ffmpeg printed: where it says why it failed. */
export function stderrTail(stderr: string): string {
  return stderr.trim().split('\n').slice(-stderrTailLines).join('\n');
}

/** The fluent-ffmpeg command for `args`, not yet run (exported so a test can read back its arguments). */
export function fluentCommand(ffmpegPath: string, args: FfmpegArgs): ffmpeg.FfmpegCommand {
  // The arguments are handed over one per call argument (and so at least two of each): given as one
  // array, or as a single argument, fluent-ffmpeg splits any item with exactly one space in it
  // ("comment=my seed") into two arguments.
  if (args.inputOptions.length < 2 || args.outputOptions.length < 2)
    throw new Error('fluent-ffmpeg needs at least two input and two output options');
  const command = ffmpeg({ stdoutLines: 40 })
    .input(args.input)
    .inputOptions(...(args.inputOptions as string[]));
  if (args.audioInput !== undefined) command.input(args.audioInput);
  command.output(args.output).outputOptions(...(args.outputOptions as string[]));
  // fluent-ffmpeg keeps the ffmpeg path (setFfmpegPath) and the format and codec lists it checks against
  // in one cache for the whole process, not per command: two commands with different ffmpegs would run
  // whichever was set last. So this command gets its own path, and skips fluent's check, which
  // find-ffmpeg.ts has already done against this very binary.
  const internals = command as unknown as {
    _getFfmpegPath(callback: (error: Error | null, path: string) => void): void;
    _checkCapabilities(callback: (error?: Error) => void): void;
  };
  internals._getFfmpegPath = (callback) => {
    // fluent-ffmpeg 2.1.3 crashes (a TypeError outside any promise) on an error before ffmpeg has
    // started, so a binary that cannot run is reported here, as the command's error, and fluent never
    // gets to try it. (One removed between this check and the spawn seconds later would still crash it.)
    access(ffmpegPath, constants.X_OK).then(
      () => callback(null, ffmpegPath),
      (error: Error) => command.emit('error', error, null, ''),
    );
  };
  internals._checkCapabilities = (callback) => callback();
  return command;
}

export function startFfmpeg(ffmpegPath: string, args: FfmpegArgs): FfmpegProcess {
  const command = fluentCommand(ffmpegPath, args);

  let child: ChildProcess | undefined;
  let failure: Error | undefined;
  // Settles when ffmpeg has exited (or could not start): undefined on success, the error otherwise.
  const exited = new Promise<Error | undefined>((resolve) => {
    command.once('end', () => resolve(undefined));
    command.once('error', (error: Error, _stdout: string | null, stderr: string | null) => {
      failure = describeFailure(error, stderr ?? '');
      resolve(failure);
    });
  });
  // A promise that only ever rejects, raced against each wait for ffmpeg to take more input.
  const failed = exited.then((error) => {
    throw error ?? new FfmpegFailed('ffmpeg stopped before its input ended');
  });
  failed.catch(() => {});
  const started = new Promise<ChildProcess | undefined>((resolve) => {
    // fluent-ffmpeg checks the formats and codecs first, then spawns; `start` follows the spawn.
    command.once('start', () => {
      child = (command as unknown as { ffmpegProc: ChildProcess }).ffmpegProc;
      // ffmpeg closing its input early (it failed) shows as EPIPE here; the exit explains why.
      child.stdin?.on('error', () => {});
      resolve(child);
    });
    exited.then(() => resolve(undefined));
  });
  command.run();

  return {
    async write(bytes) {
      const running = await Promise.race([started, failed]);
      const stdin = running?.stdin;
      if (!stdin || failure) throw failure ?? new FfmpegFailed('ffmpeg is not running');
      const written = new Promise<Error | null | undefined>((resolve) => stdin.write(bytes, resolve));
      const error = await Promise.race([written, failed]);
      if (error) {
        // A broken pipe means ffmpeg stopped reading: its exit status and stderr say why.
        throw (await exited) ?? new FfmpegFailed(`could not write to ffmpeg: ${error.message}`);
      }
    },
    async end() {
      const running = await Promise.race([started, failed]);
      running?.stdin?.end();
      const error = await exited;
      if (error) throw error;
    },
    async kill() {
      const running = await started;
      if (running && running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
      await exited;
    },
  };
}

function describeFailure(error: Error, stderr: string): Error {
  if (/ENOENT|EACCES/.test(error.message)) return new FfmpegFailed(`could not run ffmpeg: ${error.message}`);
  const tail = stderrTail(stderr);
  const reason = error.message.replace(/:\s[\s\S]*$/, '');
  return new FfmpegFailed(tail ? `${reason}:\n${tail}` : reason);
}

/** Runs ffmpeg (or ffprobe) once and returns what it printed; for queries, not for encoding. */
export function runFfmpeg(
  path: string,
  args: readonly string[],
  { maxBuffer = 64 * 1024 * 1024, signal }: { maxBuffer?: number; signal?: AbortSignal } = {},
): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(path, args, { encoding: 'buffer', maxBuffer, windowsHide: true, signal }, (error, stdout, stderr) => {
      const text = stderr.toString('utf8');
      if (error?.name === 'AbortError') {
        // Stopped by Ctrl-C: the process is already killed; the caller reports the interruption.
        reject(error);
      } else if (error) {
        const tail = stderrTail(text);
        reject(new FfmpegFailed(`${path} ${args.join(' ')} failed: ${error.message.split('\n')[0]}${tail ? `\n${tail}` : ''}`));
      } else {
        resolve({ stdout, stderr: text });
      }
    });
  });
}

/**
 * Runs ffmpeg and yields what it writes to its standard output, chunk by chunk, as it comes: for
 * output too large to hold at once (a whole track decoded). Rejects with ffmpeg's last stderr lines
 * if it exits with an error; stopping the iteration early (or `signal`) kills it.
 */
export async function* streamFfmpeg(
  path: string,
  args: readonly string[],
  { signal }: { signal?: AbortSignal } = {},
): AsyncGenerator<Buffer> {
  const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, signal });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    // Only the end is reported; keep it bounded however chatty ffmpeg is.
    stderr = (stderr + text).slice(-8192);
  });
  const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const { code, error } = await exited;
    if (error) throw new FfmpegFailed(`could not run ffmpeg: ${error.message}`);
    if (code !== 0) {
      const tail = stderrTail(stderr);
      throw new FfmpegFailed(`ffmpeg exited with code ${code}${tail ? `:\n${tail}` : ''}`);
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
