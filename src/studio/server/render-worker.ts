/**
 * The studio's render thread: each job's request is made, its network built, its look measured, its
 * frames evaluated and encoded here, so that the server's own thread only answers requests.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { killAllFfmpegSync } from '../../encoders/ffmpeg/ffmpeg-process.ts';
import { ZsweepError } from '../../errors.ts';
import { discardAllSync } from '../../output/output-file.ts';
import { type RenderControl, type RenderEvent, type RenderResult, render } from '../../render/render.ts';
import { runExportJob } from './export-job.ts';
import { freshPair, jobRequest, type StudioJob } from './job-request.ts';
import type { RenderThreadReply, RenderThreadRequest } from './render-messages.ts';

// The page comes first: this thread, and what it starts (the evaluating threads, ffmpeg), run at a lower
// priority than the server's, so a render uses what the server leaves and a page still loads at once on
// a busy machine. On Linux a priority is a thread's own, inherited by the threads and processes it starts.
try {
  setPriority(Math.min(19, getPriority() + 10));
} catch {
  // Not permitted here (some systems): the render runs at the server's priority.
}

const port = parentPort!;
const running = new Map<number, AbortController>();
const reply = (message: RenderThreadReply) => port.postMessage(message);

port.on('message', (message: RenderThreadRequest) => {
  if (message.type === 'cancel') return running.get(message.id)?.abort();
  if (message.type === 'stop-now') {
    killAllFfmpegSync();
    return discardAllSync();
  }
  const { id, job, outFolder, env } = message;
  const controller = new AbortController();
  running.set(id, controller);
  const control = { signal: controller.signal, onEvent: (event: RenderEvent) => reply({ type: 'event', id, event }) };
  run(job, outFolder, env, control)
    .then(
      (result) => reply({ type: 'done', id, result }),
      (error: unknown) => {
        const expected = error instanceof ZsweepError;
        reply({
          type: 'failed',
          id,
          error: {
            name: (error as Error)?.name ?? 'Error',
            message: (error as Error)?.message ?? String(error),
            expected,
            exitCode: expected ? error.exitCode : 1,
          },
        });
      },
    )
    .finally(() => running.delete(id));
});

/** A job as the command line would run it: `zsweep --from` for a file, `zsweep export` for a live page. */
async function run(
  job: StudioJob,
  outFolder: string,
  env: Readonly<Record<string, string | undefined>>,
  control: RenderControl & { signal: AbortSignal },
): Promise<RenderResult> {
  if (job.format === 'html') return runExportJob(job.recipe, await freshPair(outFolder, `zsweep-${job.recipe.seed}`, '.html'), control);
  return render(await jobRequest(job, { outFolder, env }), control);
}
