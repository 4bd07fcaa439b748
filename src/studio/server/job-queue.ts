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
  /**
   * The job's state as a page that connects late (or again) needs it: the first event of each kind
   * (queued, started, …) and the latest of the rest (progress), in order. Never more than a handful.
   */
  readonly events: JobEvent[];
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  result?: RenderResult;
  /** When it ended (ms since the epoch), for eviction. */
  endedAt?: number;
}

/** A job refused because the queue is full: the page should wait for one to finish. */
export class QueueFull extends Error {}

export interface JobQueueLimits {
  /** Jobs waiting behind the running one. */
  readonly maxQueued: number;
  /** Finished jobs (and their files' downloads) are forgotten after this long… */
  readonly keepFinishedMs: number;
  /** …or sooner, when more than this many have finished. */
  readonly maxFinished: number;
  /** Progress events reach listeners at most this often. */
  readonly progressIntervalMs: number;
}

export const defaultQueueLimits: JobQueueLimits = { maxQueued: 4, keepFinishedMs: 30 * 60_000, maxFinished: 50, progressIntervalMs: 100 };

export interface JobQueue<Input> {
  /** Throws QueueFull when `maxQueued` jobs already wait. */
  submit(input: Input): Job<Input>;
  /** Whether a job submitted now would be refused: checked before its request is even read. */
  full(): boolean;
  get(id: string): Job<Input> | undefined;
  /** Stops a running job (the render removes its partial file) or drops a queued one. */
  cancel(id: string): boolean;
  /** Hears the job's events from now on; returns the function that stops listening. */
  listen(id: string, listener: (event: JobEvent) => void): () => void;
  /** Cancels everything and waits until the running job has cleaned up. */
  close(): Promise<void>;
}

const ends = new Set(['done', 'failed', 'cancelled']);

/**
 * Renders run one at a time (a page cannot start many and exhaust the machine); a few wait in order,
 * more are refused. A job keeps only its latest state, progress reaches listeners at most ten times a
 * second, and finished jobs are forgotten after a while, so memory stays bounded however long it runs.
 */
export function createJobQueue<Input>(
  run: (input: Input, control: { signal: AbortSignal; onEvent: (event: RenderEvent) => void }) => Promise<RenderResult>,
  { fileOf, limits = defaultQueueLimits }: { fileOf: (result: RenderResult) => string; limits?: JobQueueLimits },
): JobQueue<Input> {
  const jobs = new Map<string, Job<Input>>();
  const waiting: Job<Input>[] = [];
  const listeners = new Map<string, Set<(event: JobEvent) => void>>();
  const lastProgress = new Map<string, number>();
  let running: { job: Job<Input>; controller: AbortController; finished: Promise<void> } | undefined;
  let closed = false;

  const evict = () => {
    const now = Date.now();
    const finished = [...jobs.values()].filter((job) => job.endedAt !== undefined);
    finished.forEach((job, at) => {
      if (now - job.endedAt! > limits.keepFinishedMs || finished.length - at > limits.maxFinished) jobs.delete(job.id);
    });
  };

  const emit = (job: Job<Input>, event: JobEvent) => {
    const sameKind = job.events.findIndex((past) => past.type === event.type);
    if (event.type === 'progress' && sameKind >= 0) job.events[sameKind] = event;
    else if (sameKind < 0 || ends.has(event.type)) job.events.push(event);
    if (event.type === 'progress') {
      const now = Date.now();
      if (now - (lastProgress.get(job.id) ?? 0) < limits.progressIntervalMs && event.done !== event.total) return;
      lastProgress.set(job.id, now);
    }
    for (const listener of listeners.get(job.id) ?? []) listener(event);
    if (ends.has(event.type)) {
      job.endedAt = Date.now();
      listeners.delete(job.id);
      lastProgress.delete(job.id);
      evict();
    }
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
      if (waiting.length >= limits.maxQueued) {
        throw new QueueFull(`${waiting.length} renders are waiting already: wait for one to finish, or cancel one`);
      }
      evict();
      const job: Job<Input> = { id: randomBytes(8).toString('hex'), input, events: [], state: 'queued' };
      jobs.set(job.id, job);
      waiting.push(job);
      emit(job, { type: 'queued', ahead: waiting.length - 1 + (running ? 1 : 0) });
      next();
      return job;
    },
    full: () => waiting.length >= limits.maxQueued,
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
      const job = jobs.get(id);
      if (!job || job.endedAt !== undefined) return () => {};
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
