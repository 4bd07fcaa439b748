import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { preferredKernel } from '../../backends/wasm-tile-runner.ts';
import { ffmpegOnce } from '../../encoders/ffmpeg/find-ffmpeg.ts';
import { UsageError } from '../../errors.ts';
import { completePicture, recipeOf } from '../../options/complete-picture.ts';
import { defaults } from '../../options/defaults.ts';
import { measureLook } from '../../render/measure-look.ts';
import { version } from '../../version.ts';
import { createJobQueue, defaultQueueLimits, type JobEvent, type JobQueueLimits, QueueFull } from './job-queue.ts';
import { parseJobRequest, type StudioJob, studioFormats } from './job-request.ts';
import { droppedExtension, openDesign } from './open-design.ts';
import { contentTypes, loadPageAssets } from './page-assets.ts';
import { BodyTooLarge, readBody } from './read-body.ts';
import { createRenderThread } from './render-thread.ts';
import { checkRequest, tokenCookieHeader } from './request-guard.ts';

export interface StudioOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Where renders and their recipes go; nothing is written anywhere else. */
  readonly outFolder: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The queue's limits and the time a dropped file may take to read; the defaults suit a person at a desk. */
  readonly limits?: Partial<JobQueueLimits & { openTimeoutMs: number }>;
}

export interface Studio {
  /** The address to open, with the token. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Stops listening, cancels queued and running renders and waits until their partial files are gone. */
  close(): Promise<void>;
}

/** A render request holds a recipe (64 KiB at most) and a format. */
const maxJobBytes = 96 * 1024;
/**
 * A dropped file: a zsweep loop as the studio renders it. It is held in memory while its recipe is read
 * (from a temporary copy), one file at a time, so this also bounds what uploads can make the server hold.
 */
const maxDroppedBytes = 8 * 1024 * 1024;
/** How long reading a dropped file's recipe may take (ffmpeg demuxing a video), upload included. */
const openTimeoutMs = 20_000;
/** A client that reads its events slower than they come misses progress, never the end. */
const maxEventBacklogBytes = 64 * 1024;

const securityHeaders = {
  // The page and its workers run only the studio's own scripts and WebAssembly; nothing is fetched from elsewhere.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The token is in the URL: it must not leave in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * The studio's web server: the page, and a small JSON API that renders through the render API, one
 * job at a time, into the output folder. Every request is checked (request-guard.ts) before routing.
 */
export async function startStudio({ host, port, outFolder, env, limits = {} }: StudioOptions): Promise<Studio> {
  const assets = await loadPageAssets();
  const token = randomBytes(24).toString('hex');
  const ffmpeg = ffmpegOnce({ env });
  // The first design is what `zsweep --seed 1` renders: the defaults, with its look measured as there.
  const picture = completePicture({ seed: '1' });
  const shape = {
    width: defaults.width,
    height: defaults.height,
    fps: defaults.fps,
    frames: defaults.fps * defaults.durationSeconds,
    aa: 1,
  };
  const start = await measureLook(recipeOf(picture, shape), picture.look);
  const info = JSON.stringify({ version, kernel: preferredKernel(), start, formats: studioFormats, outFolder: basename(outFolder) });
  // Jobs (renders, live pages) run on a thread of their own: this one stays free to answer the page.
  const renderThread = createRenderThread({ outFolder, env });
  const queue = createJobQueue<StudioJob>((job, control) => renderThread.render(job, control), {
    fileOf: (result) => basename(result.path),
    limits: { ...defaultQueueLimits, ...limits },
  });
  let listeningPort = port;
  let opening = false;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const refusal = checkRequest(request, { token, port: listeningPort });
    if (refusal) return sendJson(response, refusal.status, { error: refusal.message });
    const url = new URL(request.url ?? '/', 'http://studio');
    const method = request.method ?? 'GET';
    const path = url.pathname;
    if (method === 'GET' && (path === '/' || path === '/index.html')) {
      const html = Buffer.from(assets.get('index.html')!).toString('utf8').replaceAll('{{token}}', token);
      // The token in the URL is exchanged for a cookie: the page then drops it from its address.
      return send(response, 200, contentTypes.html, html, { 'Set-Cookie': tokenCookieHeader(listeningPort, token) });
    }
    const asset = /^\/([a-z-]+\.(?:js|css|wasm))$/.exec(path)?.[1];
    if (method === 'GET' && asset && assets.has(asset)) {
      return send(response, 200, contentTypes[asset.split('.').pop()!], assets.get(asset)!);
    }
    if (method === 'GET' && path === '/api/info') return send(response, 200, 'application/json', info);
    if (method === 'POST' && path === '/api/jobs') {
      // A flood costs the server nothing but the refusal: a full queue is said before the body is read.
      if (queue.full()) return sendJson(response, 429, { error: 'the queue is full: wait for a render to finish, or cancel one' }, true);
      const job = queue.submit(parseJobRequest(await readBody(request, maxJobBytes), { env }));
      return sendJson(response, 202, { id: job.id });
    }
    if (method === 'POST' && path === '/api/open') {
      // The name first, then one upload at a time, each with its time: nothing is read that will be refused.
      const name = decodeFileName(request.headers['x-zsweep-file-name']);
      droppedExtension(name);
      if (opening) return sendJson(response, 429, { error: 'another file is being opened: drop this one again in a moment' }, true);
      opening = true;
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), limits.openTimeoutMs ?? openTimeoutMs);
      response.on('close', () => stop.abort());
      try {
        const recipe = await openDesign(await readBody(request, maxDroppedBytes), name, { ffmpeg, signal: stop.signal });
        return sendJson(response, 200, { recipe });
      } finally {
        clearTimeout(timer);
        opening = false;
      }
    }
    const jobRoute = /^\/api\/jobs\/([0-9a-f]{16})\/(events|cancel|file)$/.exec(path);
    const job = jobRoute ? queue.get(jobRoute[1]) : undefined;
    if (jobRoute && job) {
      const [, id, action] = jobRoute;
      if (method === 'POST' && action === 'cancel') return sendJson(response, 200, { cancelled: queue.cancel(id) });
      if (method === 'GET' && action === 'events') return streamEvents(response, job.events, (listener) => queue.listen(id, listener));
      if (method === 'GET' && action === 'file' && job.state === 'done' && job.result) return sendFile(response, job.result.path);
    }
    return sendJson(response, 404, { error: `no such thing here: ${method} ${path}` });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.end();
      // Refused before its body was read: the connection closes rather than reading the rest.
      const close = !request.complete;
      if (error instanceof BodyTooLarge) return sendJson(response, 413, { error: `refused: ${error.message}` }, true);
      if (error instanceof QueueFull) return sendJson(response, 429, { error: error.message }, close);
      if (error instanceof UsageError) return sendJson(response, 400, { error: error.message }, close);
      sendJson(response, 500, { error: `internal error: ${(error as Error)?.message ?? String(error)}` }, close);
    });
  });
  // A client that sends its request slowly (or never finishes it) is cut off, not waited for.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  listeningPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${listeningPort}/?token=${token}`,
    port: listeningPort,
    token,
    async close() {
      server.close();
      server.closeAllConnections();
      await queue.close();
      await renderThread.close();
    },
  };
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { ...securityHeaders, ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** JSON; `close`: the request's body is left unread, so the connection is not kept for another. */
function sendJson(response: ServerResponse, status: number, value: unknown, close = false): void {
  send(response, status, 'application/json', JSON.stringify(value), close ? { Connection: 'close' } : {});
}

/** Server-sent events: what happened so far, then each event as it comes, until the job ends. */
function streamEvents(
  response: ServerResponse,
  past: readonly JobEvent[],
  listen: (listener: (event: JobEvent) => void) => () => void,
): void {
  response.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
  const write = (event: JobEvent) => {
    // The ffmpeg found is the server's business, not the page's: its path is left out.
    const { ffmpeg: _, ...shown } = event as JobEvent & { ffmpeg?: unknown };
    const end = event.type === 'done' || event.type === 'failed' || event.type === 'cancelled';
    // Progress is only the latest state: dropped while a slow client still has a backlog.
    if (!end && event.type === 'progress' && response.writableLength > maxEventBacklogBytes) return;
    response.write(`data: ${JSON.stringify(shown)}\n\n`);
    if (end) response.end();
  };
  for (const event of past) write(event);
  if (response.writableEnded) return;
  const stop = listen(write);
  response.on('close', stop);
}

/** The job's own file, looked up by job id: the client never names a path. */
async function sendFile(response: ServerResponse, path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return sendJson(response, 410, { error: `${basename(path)} is no longer in the output folder` });
  const stream = createReadStream(path);
  // Removed or unreadable after all: the download ends broken rather than the server falling over.
  stream.on('error', () => response.destroy());
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'application/octet-stream',
    'Content-Length': info.size,
    'Content-Disposition': `attachment; filename="${basename(path).replace(/[^\w.-]/g, '_')}"`,
  });
  stream.pipe(response);
}

/** The dropped file's own name, sent URI-encoded (headers are Latin-1); only its extension is used. */
function decodeFileName(header: string | string[] | undefined): string {
  try {
    return decodeURIComponent(String(header ?? ''));
  } catch {
    return '';
  }
}
