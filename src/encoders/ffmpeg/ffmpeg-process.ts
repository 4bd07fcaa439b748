/**
 * The one file that runs ffmpeg. Streaming runs go through fluent-ffmpeg (the project's choice), on its
 * public API alone: it is archived upstream, so everything it does for us is here, behind `startFfmpeg`,
 * and a direct `spawn` could replace it without touching the rest.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { FfmpegFailed } from '../../errors.ts';
import type { FfmpegArgs } from './ffmpeg-args.ts';

/** An ffmpeg process reading frames on its standard input. */
export interface FfmpegProcess {
  /**
   * Queues the bytes for ffmpeg's input; resolves once the queue has room again (at most about one
   * frame waits beyond the pipe), so memory stays flat. Rejects if ffmpeg failed.
   */
  write(bytes: Uint8Array): Promise<void>;
  /** Closes ffmpeg's input and waits for it to finish the file. */
  end(): Promise<void>;
  /** Kills ffmpeg (or keeps it from starting) and waits until it has exited. Never rejects. */
  kill(): Promise<void>;
}

/** How many of ffmpeg's last stderr lines go into an error. */
const stderrTailLines = 8;

/** The last lines ffmpeg printed: where it says why it failed. */
export function stderrTail(stderr: string): string {
  return stderr.trim().split('\n').slice(-stderrTailLines).join('\n');
}

/** Bytes queued for ffmpeg's input before a write waits: a little more than a 512² frame. */
const queueBytes = 1 << 20;

/**
 * At most how many frames of `frameBytes` a process's input still holds after their writes settled:
 * the queue's two sides (each takes a frame past `queueBytes` before it stops taking more) and the
 * pipe into ffmpeg, which stops taking frames while one is still being written.
 */
export function framesQueued(frameBytes: number): number {
  return 2 * (Math.ceil(queueBytes / frameBytes) + 1) + 1;
}

/** The fluent-ffmpeg command for `args`, reading its first input from `frames`, not yet run. */
export function fluentCommand(frames: Readable, args: FfmpegArgs): ffmpeg.FfmpegCommand {
  // The arguments are handed over one per call argument (and so at least two of each): given as one
  // array, or as a single argument, fluent-ffmpeg splits any item with exactly one space in it
  // ("comment=my seed") into two arguments.
  if (args.inputOptions.length < 2 || args.outputOptions.length < 2)
    throw new Error('fluent-ffmpeg needs at least two input and two output options');
  if (args.input !== 'pipe:0') throw new Error('the frames are read from the pipe');
  // A stream input is read from pipe:0 (fluent-ffmpeg pipes it into ffmpeg's standard input).
  const command = ffmpeg({ stdoutLines: 40 })
    .input(frames)
    .inputOptions(...(args.inputOptions as string[]));
  if (args.audioInput !== undefined) {
    command.input(args.audioInput);
    if (args.audioInputOptions?.length) command.inputOptions(...(args.audioInputOptions as string[]));
  }
  return command.output(args.output).outputOptions(...(args.outputOptions as string[]));
}

// fluent-ffmpeg keeps one ffmpeg path for the whole process (setFfmpegPath sets it for every command),
// and reads it only as a command spawns. So commands are started one after another, each with its own
// path set just before: two with different ffmpegs never run the wrong one.
let starting: Promise<unknown> = Promise.resolve();

// The commands running now, for a last synchronous stop when the process is forced to exit.
const runningCommands = new Set<ffmpeg.FfmpegCommand>();

/**
 * For an exit that cannot wait (a second Ctrl-C): kills every ffmpeg still running at once, so none
 * of them outlives zsweep and writes its file after the temporary files are swept away.
 */
export function killAllFfmpegSync(): void {
  // Kept in the set: a command whose ffmpeg fluent-ffmpeg has not spawned yet (it asks ffmpeg's
  // capabilities first) ignores this kill, so the exit kills them all again (cli/run-cli.ts).
  for (const command of runningCommands) command.kill('SIGKILL');
  for (const action of alsoOnKillAll) action();
}

// What else a kill of every ffmpeg does: tell the worker threads that run ffmpegs of their own (this
// module's state is per thread) to kill theirs.
const alsoOnKillAll = new Set<() => void>();

/** Has `action` run whenever killAllFfmpegSync does; returns what stops that. */
export function onKillAllFfmpeg(action: () => void): () => void {
  alsoOnKillAll.add(action);
  return () => alsoOnKillAll.delete(action);
}

let capabilitiesAsked = false;

/**
 * Before the first command of a process runs, fluent-ffmpeg asks ffmpeg for its formats and then its
 * encoders (`ffmpeg -formats`, `ffmpeg -encoders`, kept for the process): two starts of ffmpeg, one
 * after the other (about 0.2 s each for a system ffmpeg), between the first frame and the encoder.
 * This asks both at once, through fluent-ffmpeg's public queries, so that a render can have them
 * answered while its backend starts. Queued with the starts, so it asks `ffmpegPath`; it never fails
 * (a failure shows again, and is reported, when the command runs).
 */
export function prepareFfmpeg(ffmpegPath: string): void {
  if (capabilitiesAsked) return;
  capabilitiesAsked = true;
  starting = starting.then(() => {
    const command = ffmpeg();
    command.setFfmpegPath(ffmpegPath);
    return Promise.all([
      new Promise<void>((resolve) => command.availableFormats(() => resolve())),
      new Promise<void>((resolve) => command.availableEncoders(() => resolve())),
    ]);
  });
}

export function startFfmpeg(ffmpegPath: string, args: FfmpegArgs): FfmpegProcess {
  const frames = new PassThrough({ highWaterMark: queueBytes });
  const command = fluentCommand(frames, args);

  let failure: Error | undefined;
  let settle: (error: Error | undefined) => void = () => {};
  // Settles when ffmpeg has exited (or could not start): undefined on success, the error otherwise.
  const exited = new Promise<Error | undefined>((resolve) => {
    settle = (error) => {
      failure ??= error;
      resolve(failure);
    };
  });
  command.once('end', (_stdout: string | null, stderr: string | null) => {
    runningCommands.delete(command);
    settle(unfinished(stderr ?? ''));
  });
  command.once('error', (error: Error, _stdout: string | null, stderr: string | null) => {
    runningCommands.delete(command);
    settle(describeFailure(error, stderr ?? ''));
  });
  // A promise that only ever rejects, raced against each wait for ffmpeg to take more input.
  const failed = exited.then((error) => {
    throw error ?? new FfmpegFailed('ffmpeg stopped before its input ended');
  });
  failed.catch(() => {});

  let stopped = false;
  let running = false;
  const started = new Promise<void>((resolve) => {
    command.once('start', () => {
      if (spawnFailed(command, (error) => settle(describeFailure(error, '')))) return resolve();
      running = true;
      runningCommands.add(command);
      resolve();
    });
    exited.then(() => resolve());
  });
  starting = starting.then(async () => {
    // A binary that cannot run is reported here, so that fluent-ffmpeg rarely spawns one (see spawnFailed).
    const problem = await cannotRun(ffmpegPath);
    if (stopped) return settle(new FfmpegFailed('ffmpeg was stopped before it started'));
    if (problem) return settle(describeFailure(problem, ''));
    command.setFfmpegPath(ffmpegPath);
    command.run();
    await started;
  });

  return {
    async write(bytes) {
      // Nothing is queued for an ffmpeg that cannot start: its failure is the answer.
      if (!running) await Promise.race([started, failed]);
      if (failure) throw failure;
      if (frames.write(bytes)) return;
      await Promise.race([once(frames, 'drain'), failed]);
    },
    async end() {
      frames.end();
      const error = await exited;
      if (error) throw error;
    },
    async kill() {
      stopped = true;
      await started;
      if (running) command.kill('SIGKILL');
      await exited;
      frames.destroy();
    },
  };
}

/** Why `path` cannot be run as a program (missing, a folder, not executable), checked just before each start. */
async function cannotRun(path: string): Promise<Error | undefined> {
  try {
    if (!(await stat(path)).isFile()) return Object.assign(new Error(`${path} is not a file`), { code: 'EACCES' });
    await access(path, constants.X_OK);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/**
 * Whether the ffmpeg that fluent-ffmpeg has just spawned failed to start (the binary went away after
 * `cannotRun` looked, or the system is out of processes): then `onError` gets the error, and the
 * process is not left to fluent-ffmpeg, whose own handler for it throws (it reads output buffers a
 * failed spawn never made) where nothing can catch it, ending a long-lived studio. Called from the
 * 'start' event, which fluent-ffmpeg emits synchronously after `spawn`, before Node reports the failure.
 */
function spawnFailed(command: ffmpeg.FfmpegCommand, onError: (error: Error) => void): boolean {
  const child = (command as unknown as { ffmpegProc?: ChildProcess }).ffmpegProc;
  if (child === undefined || child.pid !== undefined) return false;
  child.removeAllListeners('error');
  child.once('error', onError);
  return true;
}

/**
 * ffmpeg (4.x and 5.x) exits 0 when the file's last part cannot be written (a disk full at the MP4's
 * index), leaving a file no player opens: its own line for that makes it a failure.
 */
function unfinished(stderr: string): FfmpegFailed | undefined {
  return /Error writing trailer/.test(stderr) ? new FfmpegFailed(`ffmpeg could not finish the file:\n${stderrTail(stderr)}`) : undefined;
}

function describeFailure(error: Error, stderr: string): Error {
  // A system error (ENOENT, EACCES, EAGAIN...) means ffmpeg never ran: there is no output to show.
  if (typeof (error as NodeJS.ErrnoException).code === 'string') return new FfmpegFailed(`could not run ffmpeg: ${error.message}`);
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
        const failed = unfinished(text);
        if (failed) reject(failed);
        else resolve({ stdout, stderr: text });
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
