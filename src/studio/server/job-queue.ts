import { randomBytes } from 'node:crypto';
import { ZsweepError } from '../../errors.ts';
import type { RenderEvent, RenderResult } from '../../render/render.ts';

/** What the page hears of a job, in order: the render's own events, then how it ended. */
export type JobEvent =
  | { readonly type: 'queued'; readonly ahead: number }
  | RenderEvent
  | { readonly type: 'done'; readonly file: string; readonly seconds: number }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'cancelled' };

export interface Job<Input> {
  readonly id: string;
  readonly input: Input;
  /** Every event so far, so that a page that connects late (or again) hears the whole story. */
  readonly events: JobEvent[];
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  result?: RenderResult;
}

export interface JobQueue<Input> {
  submit(input: Input): Job<Input>;
  get(id: string): Job<Input> | undefined;
  /** Stops a running job (the render removes its partial file) or drops a queued one. */
  cancel(id: string): boolean;
  /** Hears the job's events from now on; returns the function that stops listening. */
  listen(id: string, listener: (event: JobEvent) => void): () => void;
  /** Cancels everything and waits until the running job has cleaned up. */
  close(): Promise<void>;
}

/** Renders run one at a time (a page cannot start many and exhaust the machine); the rest wait in order. */
export function createJobQueue<Input>(
  run: (input: Input, control: { signal: AbortSignal; onEvent: (event: RenderEvent) => void }) => Promise<RenderResult>,
  { fileOf }: { fileOf: (result: RenderResult) => string },
): JobQueue<Input> {
  const jobs = new Map<string, Job<Input>>();
  const waiting: Job<Input>[] = [];
  const listeners = new Map<string, Set<(event: JobEvent) => void>>();
  let running: { job: Job<Input>; controller: AbortController; finished: Promise<void> } | undefined;
  let closed = false;

  const emit = (job: Job<Input>, event: JobEvent) => {
    job.events.push(event);
    for (const listener of listeners.get(job.id) ?? []) listener(event);
  };

  const next = () => {
    if (running || closed) return;
    const job = waiting.shift();
    if (!job) return;
    const controller = new AbortController();
    job.state = 'running';
    const finished = run(job.input, { signal: controller.signal, onEvent: (event) => emit(job, event) }).then(
      (result) => {
        job.result = result;
        job.state = 'done';
        emit(job, { type: 'done', file: fileOf(result), seconds: result.seconds });
      },
      (error: unknown) => {
        if (controller.signal.aborted) {
          job.state = 'cancelled';
          emit(job, { type: 'cancelled' });
          return;
        }
        job.state = 'failed';
        // An expected failure says what to do in one line; anything else is a bug, named as one.
        const message = error instanceof ZsweepError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
        emit(job, { type: 'failed', message });
      },
    );
    running = {
      job,
      controller,
      finished: finished.finally(() => {
        running = undefined;
        next();
      }),
    };
  };

  return {
    submit(input) {
      if (closed) throw new Error('the studio is stopping');
      const job: Job<Input> = { id: randomBytes(8).toString('hex'), input, events: [], state: 'queued' };
      jobs.set(job.id, job);
      waiting.push(job);
      emit(job, { type: 'queued', ahead: waiting.length - 1 + (running ? 1 : 0) });
      next();
      return job;
    },
    get: (id) => jobs.get(id),
    cancel(id) {
      const job = jobs.get(id);
      if (!job) return false;
      if (running?.job === job) {
        running.controller.abort();
        return true;
      }
      const at = waiting.indexOf(job);
      if (at < 0) return false;
      waiting.splice(at, 1);
      job.state = 'cancelled';
      emit(job, { type: 'cancelled' });
      return true;
    },
    listen(id, listener) {
      const set = listeners.get(id) ?? new Set();
      listeners.set(id, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) {
        job.state = 'cancelled';
        emit(job, { type: 'cancelled' });
      }
      running?.controller.abort();
      await running?.finished;
    },
  };
}
