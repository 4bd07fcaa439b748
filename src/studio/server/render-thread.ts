import { Worker } from 'node:worker_threads';
import { onKillAllFfmpeg } from '../../encoders/ffmpeg/ffmpeg-process.ts';
import { ZsweepError } from '../../errors.ts';
import type { RenderControl, RenderResult } from '../../render/render.ts';
import type { StudioJob } from './job-request.ts';
import type { RenderThreadReply, RenderThreadRequest, ThreadError } from './render-messages.ts';

const workerEntry = new URL('./render-worker-entry.mjs', import.meta.url);

/** An expected failure from the render thread, told to the page as it was said there. */
class RenderThreadFailed extends ZsweepError {
  readonly exitCode: number;
  constructor({ name, message, exitCode }: ThreadError) {
    super(message);
    this.name = name;
    this.exitCode = exitCode;
  }
}

export interface RenderThread {
  /** Renders the job on the render thread; `control`'s signal cancels it there, its events come back here. */
  render(job: StudioJob, control: RenderControl): Promise<RenderResult>;
  /** Ends the thread (after the queue has let its job finish). */
  close(): Promise<void>;
}

/**
 * One worker thread that renders the studio's jobs, one at a time as the queue hands them over: a big
 * network or a long look measurement there never holds up the server answering the page. Started at the
 * first job and kept; if it dies (a bug, memory), that job fails and the next one starts a new thread.
 */
export function createRenderThread({
  outFolder,
  env,
}: {
  outFolder: string;
  env: Readonly<Record<string, string | undefined>>;
}): RenderThread {
  let worker: Worker | undefined;
  let nextId = 0;

  const started = () => {
    if (worker) return worker;
    const thread = new Worker(workerEntry);
    // A thread that fails between jobs must not take the server with it (an 'error' nobody hears is
    // thrown here): the job it was running, if any, hears of it through its own listener; it then exits.
    thread.on('error', () => {});
    // A second Ctrl-C kills every ffmpeg at once (cli/run-cli.ts): this thread's ffmpeg and files too.
    const forget = onKillAllFfmpeg(() => thread.postMessage({ type: 'stop-now' } satisfies RenderThreadRequest));
    thread.once('exit', () => {
      forget();
      if (worker === thread) worker = undefined;
    });
    worker = thread;
    return thread;
  };

  return {
    render(job, { signal, onEvent }) {
      const thread = started();
      const id = nextId++;
      const ask = (message: RenderThreadRequest) => thread.postMessage(message);
      return new Promise<RenderResult>((resolve, reject) => {
        const onAbort = () => ask({ type: 'cancel', id });
        const cleanup = () => {
          thread.off('message', onMessage);
          thread.off('error', onError);
          thread.off('exit', onExit);
          signal?.removeEventListener('abort', onAbort);
        };
        const onMessage = (reply: RenderThreadReply) => {
          if (reply.id !== id) return;
          if (reply.type === 'event') return onEvent?.(reply.event);
          cleanup();
          if (reply.type === 'done') resolve(reply.result);
          else reject(reply.error.expected ? new RenderThreadFailed(reply.error) : new Error(reply.error.message));
        };
        const onError = (error: Error) => {
          cleanup();
          reject(new Error(`the render thread failed: ${error.message}`));
        };
        const onExit = (code: number) => {
          cleanup();
          reject(new Error(`the render thread stopped (exit code ${code})`));
        };
        thread.on('message', onMessage);
        thread.on('error', onError);
        thread.on('exit', onExit);
        signal?.addEventListener('abort', onAbort, { once: true });
        ask({ type: 'render', id, job, outFolder, env });
        if (signal?.aborted) onAbort();
      });
    },
    async close() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}
