import { RenderInterrupted } from '../errors.ts';

/**
 * Between two steps of a render (frames, bands, cells): stops if the signal was given, and otherwise
 * lets the event loop run, so that a signal handler gets its turn during a long render.
 */
export async function nextTurn(signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) throw new RenderInterrupted('render interrupted');
  // A browser worker (the studio measuring a look) has no setImmediate, and no signal handler
  // waiting for a turn: there the work goes straight on.
  if (typeof setImmediate === 'function') await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw new RenderInterrupted('render interrupted');
}
