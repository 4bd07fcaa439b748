import type { RenderEvent, RenderResult } from '../../render/render.ts';
import type { StudioJob } from './job-request.ts';

/** What the studio's main thread asks of its render thread. */
export type RenderThreadRequest =
  | {
      readonly type: 'render';
      readonly id: number;
      readonly job: StudioJob;
      readonly outFolder: string;
      readonly env: Readonly<Record<string, string | undefined>>;
    }
  | { readonly type: 'cancel'; readonly id: number }
  /** The process is about to exit without waiting (a second Ctrl-C): kill ffmpeg, remove temporary files, now. */
  | { readonly type: 'stop-now' };

/** An error as it crosses threads: its class is lost on the way, so what the page is told travels with it. */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  /** Whether it was an expected failure (a ZsweepError), said in one line; anything else is a bug. */
  readonly expected: boolean;
  readonly exitCode: number;
}

/** What the render thread answers: the job's events, then how it ended. */
export type RenderThreadReply =
  | { readonly type: 'event'; readonly id: number; readonly event: RenderEvent }
  | { readonly type: 'done'; readonly id: number; readonly result: RenderResult }
  | { readonly type: 'failed'; readonly id: number; readonly error: ThreadError };
