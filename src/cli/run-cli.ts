import { killAllFfmpegSync } from '../encoders/ffmpeg/ffmpeg-process.ts';
import { RenderInterrupted, ZsweepError } from '../errors.ts';
import { discardAllSync } from '../output/output-file.ts';
import { buildParser } from './parser.ts';

const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The command line, and the only place that exits the process: 0 on success, an expected error's own
 * exit code with its one line (2 for a usage error, 1 for a write or ffmpeg failure), 130/143 when
 * interrupted, and 1 with the stack for anything else, which is a bug.
 */
export async function runCli(args: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let interruptedBy: keyof typeof signalExitCodes | undefined;
  const onSignal = (signal: keyof typeof signalExitCodes) => {
    if (interruptedBy) {
      // A second Ctrl-C: stop now, but still leave no partial file behind. ffmpeg is killed first, so that
      // it cannot write its file after the sweep; a file being opened on libuv's thread pool may appear
      // just after the first sweep, hence a second one a moment later.
      killAllFfmpegSync();
      discardAllSync();
      setTimeout(() => {
        killAllFfmpegSync();
        discardAllSync();
        process.exit(signalExitCodes[signal]);
      }, 100);
      return;
    }
    interruptedBy = signal;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await buildParser(args, { signal: controller.signal, env: process.env }).parseAsync();
    process.exitCode = 0;
  } catch (error) {
    if (interruptedBy && controller.signal.aborted) {
      const kept = error instanceof RenderInterrupted ? error.workFolder : undefined;
      process.stderr.write(
        kept === undefined
          ? 'zsweep: interrupted; no file was written\n'
          : `zsweep: interrupted; the finished segments are kept in ${kept}: run the same command again to resume\n`,
      );
      process.exit(signalExitCodes[interruptedBy]);
    }
    if (error instanceof ZsweepError) {
      process.stderr.write(`zsweep: ${error.message}\n${error.afterword ? `${error.afterword}\n` : ''}`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`zsweep: internal error (please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}
