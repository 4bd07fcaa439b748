import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RenderEvent, RenderResult } from '../src/render/render.ts';
import { createJobQueue, defaultQueueLimits, type JobEvent, QueueFull } from '../src/studio/server/job-queue.ts';
import { startStudio } from '../src/studio/server/studio-server.ts';
import { parseEvents, rawRequest } from './helpers/raw-request.ts';
import { cliPath, ffmpegPath, repoRoot, tempFolder } from './helpers.ts';

const outFolder = tempFolder();
const studio = await startStudio({ host: '127.0.0.1', port: 0, outFolder, env: { FFMPEG_PATH: ffmpegPath } });
const send = (path: string, options?: Parameters<typeof rawRequest>[2]) =>
  rawRequest(studio.port, `${path}${path.includes('?') ? '&' : '?'}token=${studio.token}`, options);
const json = (reply: { body: Buffer }) => JSON.parse(reply.body.toString('utf8'));
const info = json(await send('/api/info'));
const tiny = { ...info.start, width: 24, height: 16, frames: 3, fps: 10 };
const postJob = (recipe: unknown, format = 'gif') => send('/api/jobs', { method: 'POST', body: JSON.stringify({ recipe, format }) });

/** A queue whose renders are in the test's hands: each emits what it is given and ends when told. */
function manualQueue(limits = defaultQueueLimits) {
  const renders: { onEvent: (event: RenderEvent) => void; finish: () => void }[] = [];
  const queue = createJobQueue<number>(
    (_, { onEvent, signal }) =>
      new Promise<RenderResult>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('cancelled')));
        renders.push({ onEvent, finish: () => resolve({ path: '/x/out.gif', seconds: 1 } as RenderResult) });
      }),
    { fileOf: (result) => result.path, limits },
  );
  return { queue, renders };
}
const progress = (done: number, total: number) =>
  ({ type: 'progress', phase: 'rendering', unit: 'frames', done, total, perSecond: 1 }) as unknown as RenderEvent;

test('the queue holds one running job and a few waiting; more are refused', async () => {
  const { queue } = manualQueue();
  queue.submit(0);
  for (let i = 1; i <= defaultQueueLimits.maxQueued; i++) queue.submit(i);
  assert.throws(
    () => queue.submit(99),
    (error: unknown) => error instanceof QueueFull && /renders are waiting already/.test(String(error)),
  );
  await queue.close();
});

test('progress reaches a listener at most ten times a second, and a late listener gets the latest state only', async () => {
  const { queue, renders } = manualQueue();
  const job = queue.submit(0);
  const heard: JobEvent[] = [];
  queue.listen(job.id, (event) => heard.push(event));
  renders[0].onEvent({ type: 'started', kind: 'animation' } as unknown as RenderEvent);
  for (let done = 1; done <= 1000; done++) renders[0].onEvent(progress(done, 1000));
  const heardProgress = heard.filter((event) => event.type === 'progress');
  assert.ok(heardProgress.length <= 3, `${heardProgress.length} progress events in a moment`);
  assert.equal(heardProgress.at(-1), progress(1000, 1000), 'the last one is never dropped');
  assert.equal(
    job.events.map((event) => event.type),
    ['queued', 'started', 'progress'],
  );
  renders[0].finish();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(
    job.events.map((event) => event.type),
    ['queued', 'started', 'progress', 'done'],
  );
  await queue.close();
});

test('finished jobs are forgotten after a while, or when many have finished', async () => {
  const { queue, renders } = manualQueue({ ...defaultQueueLimits, maxFinished: 2 });
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    ids.push(queue.submit(i).id);
    renders[i].finish();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.equal(
    ids.map((id) => queue.get(id) !== undefined),
    [false, false, true, true],
  );
  await queue.close();
});

test("the studio's own limits: a 16384×4096 job of a million frames, or a network the page does not offer, is a 400", async () => {
  for (const [recipe, pattern] of [
    [{ ...tiny, width: 16384, height: 4096, frames: 1_000_000 }, /16384×4096 is larger than the studio renders/],
    [{ ...tiny, frames: 30 * 601, fps: 30 }, /last longer than the studio renders \(up to 10 minutes\)/],
    [{ ...tiny, network: { ...tiny.network, layers: 64, hidden: 256 } }, /a network of 64 layers of 256 is larger than the studio renders/],
    [{ ...tiny, aa: 4 }, /supersampling 4× is more than the studio renders/],
  ] as const) {
    const reply = await postJob(recipe);
    if (reply.status === 202) await send(`/api/jobs/${json(reply).id}/cancel`, { method: 'POST' });
    assert.is(reply.status, 400, reply.body.toString());
    assert.match(json(reply).error, pattern);
  }
  const portrait = await postJob({ ...tiny, width: 2160, height: 3840, frames: 1 }, 'png');
  assert.is(portrait.status, 202, 'portrait 4K');
  await send(`/api/jobs/${json(portrait).id}/cancel`, { method: 'POST' });
});

test('a flood of jobs: a few are queued, the rest get 429 at once', async () => {
  const long = { ...info.start, width: 256, height: 256, frames: 400, fps: 30 };
  const replies = await Promise.all(Array.from({ length: 30 }, () => postJob(long)));
  try {
    const statuses = replies.map((reply) => reply.status);
    assert.ok(statuses.filter((status) => status === 202).length <= 1 + defaultQueueLimits.maxQueued, statuses.join(' '));
    assert.ok(statuses.filter((status) => status === 429).length >= 30 - 1 - defaultQueueLimits.maxQueued, statuses.join(' '));
  } finally {
    for (const reply of replies) if (reply.status === 202) await send(`/api/jobs/${json(reply).id}/cancel`, { method: 'POST' });
  }
});

test('a render request nested thousands deep is a 400, not a stack overflow', async () => {
  const deep = `{"recipe":${'['.repeat(40_000)}${']'.repeat(40_000)},"format":"gif"}`;
  const reply = await send('/api/jobs', { method: 'POST', body: deep });
  assert.is(reply.status, 400, reply.body.toString());
  assert.match(json(reply).error, /nests deeper than/);
});

test('/api/open: the name is checked before the body is read, a few MiB at most, one upload at a time', async () => {
  const big = Buffer.alloc(9 * 1024 * 1024);
  const named = await send('/api/open', { method: 'POST', headers: { 'X-Zsweep-File-Name': 'notes.txt' }, body: big });
  assert.is(named.status, 400);
  assert.match(json(named).error, /drop a file made by zsweep/);
  const tooBig = await send('/api/open', { method: 'POST', headers: { 'X-Zsweep-File-Name': 'loop.gif' }, body: big });
  assert.is(tooBig.status, 413);
  // One upload held open half-sent: a second one meanwhile is refused.
  const held = request({
    host: '127.0.0.1',
    port: studio.port,
    path: `/api/open?token=${studio.token}`,
    method: 'POST',
    headers: { Host: `127.0.0.1:${studio.port}`, 'X-Zsweep-File-Name': 'slow.gif', 'Content-Length': '1000' },
  });
  held.on('error', () => {});
  held.write('GIF89a');
  await new Promise((resolve) => setTimeout(resolve, 200));
  try {
    const second = await send('/api/open', { method: 'POST', headers: { 'X-Zsweep-File-Name': 'b.gif' }, body: 'GIF89a' });
    assert.is(second.status, 429, second.body.toString());
  } finally {
    held.destroy();
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  const third = await send('/api/open', { method: 'POST', headers: { 'X-Zsweep-File-Name': 'c.gif' }, body: 'GIF89a' });
  assert.is(third.status, 400, 'free again once the first is gone');
});

test('a refused upload is not read to its end: the connection closes after the refusal, whatever the client keeps sending', async () => {
  for (const [name, status] of [
    ['notes.txt', 400],
    ['loop.gif', 413],
  ] as const) {
    const total = 256 * 1024 * 1024;
    // A client that sends its whole body without reading the reply: only socket buffers' worth is taken.
    const socket = connect(studio.port, '127.0.0.1');
    socket.on('error', () => {});
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk));
    socket.write(
      `POST /api/open?token=${studio.token} HTTP/1.1\r\nHost: 127.0.0.1:${studio.port}\r\nX-Zsweep-File-Name: ${name}\r\nContent-Length: ${total}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < total && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
    await new Promise((resolve) => socket.once('close', resolve));
    assert.match(reply, new RegExp(`^HTTP/1.1 ${status} `), name);
    assert.ok(socket.bytesWritten < 32 * 1024 * 1024, `${name}: the server took ${socket.bytesWritten} bytes of a refused body`);
  }
});

test("reading a dropped video's recipe has a time limit: an ffmpeg that hangs is a 400, not a request that never ends", async () => {
  const folder = tempFolder();
  const slow = join(folder, 'ffmpeg');
  // The real ffmpeg, except that reading tags never finishes.
  writeFileSync(slow, `#!/bin/sh\nfor a in "$@"; do [ "$a" = ffmetadata ] && exec sleep 60; done\nexec "${ffmpegPath}" "$@"\n`);
  chmodSync(slow, 0o755);
  const hanging = await startStudio({
    host: '127.0.0.1',
    port: 0,
    outFolder: tempFolder(),
    env: { FFMPEG_PATH: slow },
    limits: { openTimeoutMs: 1000 },
  });
  const reply = await rawRequest(hanging.port, `/api/open?token=${hanging.token}`, {
    method: 'POST',
    headers: { 'X-Zsweep-File-Name': 'loop.mp4' },
    body: Buffer.alloc(1000),
  });
  assert.is(reply.status, 400, reply.body.toString());
  assert.match(json(reply).error, /cannot open "loop\.mp4": reading its recipe took too long/);
  await hanging.close();
});

test('the token is exchanged for an HttpOnly, SameSite=Strict cookie, which then stands for it', async () => {
  const page = await send('/');
  const cookie = String(page.headers['set-cookie']);
  assert.match(cookie, new RegExp(`^zsweep-token-${studio.port}=${studio.token}; Path=/; HttpOnly; SameSite=Strict$`));
  const withCookie = await rawRequest(studio.port, '/api/info', { headers: { Cookie: cookie.split(';')[0] } });
  assert.is(withCookie.status, 200);
  const wrong = await rawRequest(studio.port, '/api/info', { headers: { Cookie: `zsweep-token-${studio.port}=${'0'.repeat(48)}` } });
  assert.is(wrong.status, 401);
});

test('a download whose file has gone is a 410 with one line, and the studio goes on', async () => {
  const { id } = json(await postJob(tiny));
  await send(`/api/jobs/${id}/events`);
  // Connected once the job is over: the latest state, not one event a frame.
  const events = parseEvents((await send(`/api/jobs/${id}/events`)).body);
  const done = events.at(-1)!;
  assert.is(done.type, 'done', JSON.stringify(events));
  assert.ok(events.filter((event) => event.type === 'progress').length <= 1, JSON.stringify(events));
  rmSync(join(outFolder, String(done.file)));
  const gone = await send(`/api/jobs/${id}/file`);
  assert.is(gone.status, 410);
  assert.match(json(gone).error, /is no longer in the output folder/);
  assert.is((await send('/api/info')).status, 200);
});

test('the browser is opened on a private file, so the token is on no command line', async () => {
  const bin = tempFolder();
  const record = join(bin, 'argv.txt');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${record}"\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const child = spawn(process.execPath, [cliPath, 'studio', '--out', tempFolder()], {
    cwd: repoRoot,
    env: { ...process.env, FFMPEG_PATH: ffmpegPath, PATH: `${bin}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk).trim())));
    for (let i = 0; i < 100 && !existsSync(record); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const argv = readFileSync(record, 'utf8').trim();
    const token = new URL(url).searchParams.get('token')!;
    assert.not.ok(argv.includes(token), argv);
    assert.match(argv, /open-studio\.html$/);
    assert.ok(readFileSync(argv, 'utf8').includes(url.replace(/&/g, '&amp;')), 'the file leads to the URL');
    child.kill('SIGINT');
    await new Promise((resolve) => child.on('exit', resolve));
    assert.not.ok(existsSync(argv), 'removed when the studio stops');
  } finally {
    child.kill('SIGKILL');
  }
});

test('(close)', async () => {
  await studio.close();
});

test.run();
