import type { Recipe } from '../../recipe/recipe.ts';

/** What the server says about itself at start-up. */
export interface StudioInfo {
  readonly version: string;
  /** The kernel the CLI runs here, which the preview must run too to give the same pixels. */
  readonly kernel: 'relaxed-simd' | 'simd';
  readonly start: Recipe;
  readonly formats: readonly string[];
  readonly outFolder: string;
}

/** A render job's events, as the server streams them (server/job-queue.ts). */
export type JobEvent =
  | { type: 'queued'; ahead: number }
  | { type: 'started'; frames: number; backend: string }
  | { type: 'progress'; done: number; total: number; perSecond: number }
  | { type: 'done'; file: string; seconds: number }
  | { type: 'failed'; message: string }
  | { type: 'cancelled' }
  | { type: 'segments' | 'shard-done' };

/**
 * The token from the page's own URL. The server exchanged it for an HttpOnly cookie when it sent the
 * page, which every request of the page then carries, so the address (and the history) drops it.
 */
const address = new URL(location.href);
if (address.searchParams.has('token')) {
  address.searchParams.delete('token');
  history.replaceState(null, '', address);
}

/** A URL of the studio: the cookie proves the token, so no URL the page makes holds it. */
export function studioUrl(path: string): string {
  return path;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(studioUrl(path), { ...init, credentials: 'same-origin' });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

export const studioApi = {
  info: () => call<StudioInfo>('/api/info'),
  render: (recipe: Recipe, format: string) =>
    call<{ id: string }>('/api/jobs', {
      method: 'POST',
      body: JSON.stringify({ recipe, format }),
      headers: { 'Content-Type': 'application/json' },
    }),
  cancel: (id: string) => call<{ cancelled: boolean }>(`/api/jobs/${id}/cancel`, { method: 'POST' }),
  /** The job's events; `onError` hears a broken stream (the browser would otherwise retry it silently, for ever). */
  events: (id: string, onEvent: (event: JobEvent) => void, onError: () => void): EventSource => {
    const source = new EventSource(studioUrl(`/api/jobs/${id}/events`));
    source.onerror = () => {
      source.close();
      onError();
    };
    source.onmessage = (message) => {
      const event = JSON.parse(message.data) as JobEvent;
      onEvent(event);
      if (event.type === 'done' || event.type === 'failed' || event.type === 'cancelled') source.close();
    };
    return source;
  },
  fileUrl: (id: string) => studioUrl(`/api/jobs/${id}/file`),
  open: (file: File) =>
    call<{ recipe: Recipe }>('/api/open', { method: 'POST', body: file, headers: { 'X-Zsweep-File-Name': encodeURIComponent(file.name) } }),
};
