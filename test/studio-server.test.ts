import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { completePicture, recipeOf } from '../src/options/complete-picture.ts';
import { measureLook } from '../src/render/measure-look.ts';
import { startStudio } from '../src/studio/server/studio-server.ts';
import { decodeGif } from './helpers/decode-gif.ts';
import { ffmpegPath, runCli, tempFolder } from './helpers.ts';

const outFolder = tempFolder();
const studio = await startStudio({ host: '127.0.0.1', port: 0, outFolder, env: { FFMPEG_PATH: ffmpegPath } });
const host = `127.0.0.1:${studio.port}`;
const withToken = (path: string) => `${path}${path.includes('?') ? '&' : '?'}token=${studio.token}`;

interface Reply {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw request, so that Host and Origin can be anything (fetch sets them itself). */
function send(
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: studio.port, path, method, headers: { Host: host, ...headers }, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const json = (reply: Reply) => JSON.parse(reply.body.toString('utf8'));
const info = json(await send(withToken('/api/info')));
const tiny = { ...info.start, width: 24, height: 16, frames: 3, fps: 10 };
const postJob = (body: unknown) =>
  send(withToken('/api/jobs'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: `http://${host}` },
    body: JSON.stringify(body),
  });

/** The job's events until it ends, as the page reads them (server-sent events). */
async function eventsOf(id: string): Promise<{ type: string; file?: string; message?: string }[]> {
  const reply = await send(withToken(`/api/jobs/${id}/events`));
  return reply.body
    .toString('utf8')
    .split('\n\n')
    .filter((chunk) => chunk.startsWith('data: '))
    .map((chunk) => JSON.parse(chunk.slice(6)));
}

test('the page and the API need the token: without it, or with another, 401', async () => {
  assert.is((await send('/')).status, 401);
  assert.is((await send('/api/info')).status, 401);
  assert.is((await send('/app.js?token=nope')).status, 401);
  assert.is((await send('/api/info', { headers: { 'X-Zsweep-Token': 'x'.repeat(48) } })).status, 401);
  const page = await send(withToken('/'));
  assert.is(page.status, 200);
  assert.match(page.body.toString(), new RegExp(`app\\.js\\?token=${studio.token}`));
  assert.is((await send('/api/info', { headers: { 'X-Zsweep-Token': studio.token } })).status, 200);
  assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
});

test('a foreign Host (DNS rebinding) or Origin (another site) is refused, even with the token', async () => {
  for (const other of ['evil.example:80', `evil.example:${studio.port}`, `127.0.0.1:${studio.port + 1}`, '']) {
    assert.is((await send(withToken('/api/info'), { headers: { Host: other } })).status, 403, other);
  }
  assert.is((await send(withToken('/api/info'), { headers: { Host: `localhost:${studio.port}` } })).status, 200);
  assert.is((await send(withToken('/api/info'), { headers: { Origin: 'http://evil.example' } })).status, 403);
  assert.is((await send(withToken('/api/jobs'), { method: 'POST', headers: { Origin: 'null' }, body: '{}' })).status, 403);
});

test('no path outside the output folder: traversal finds nothing, and a request that names a path is refused', async () => {
  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2Fpackage.json',
    '/api/jobs/..%2F..%2Fetc%2Fpasswd/file',
    '/src/main.ts',
  ]) {
    const reply = await send(withToken(path));
    assert.ok(reply.status === 404 || reply.status === 400, `${path}: ${reply.status}`);
    assert.not.match(reply.body.toString(), /"name": "zsweep"|root:/);
  }
  const named = await postJob({ recipe: tiny, format: 'gif', out: '../escape.gif' });
  assert.is(named.status, 400);
  assert.match(json(named).error, /unknown fields "out"/);
  const inRecipe = await postJob({ recipe: { ...tiny, out: '/tmp/x.gif' }, format: 'gif' });
  assert.is(inRecipe.status, 400);
  assert.match(json(inRecipe).error, /Invalid recipe field/);
});

test('bodies are size-limited and schema-checked: one line saying what is wrong', async () => {
  const huge = await send(withToken('/api/jobs'), { method: 'POST', body: 'x'.repeat(200 * 1024) });
  assert.is(huge.status, 413);
  const notJson = await send(withToken('/api/jobs'), { method: 'POST', body: '{' });
  assert.is(notJson.status, 400);
  const badFormat = await postJob({ recipe: tiny, format: 'exe' });
  assert.match(json(badFormat).error, /format must be one of mp4, webm, gif, png/);
  const badValue = await postJob({ recipe: { ...tiny, network: { ...tiny.network, layers: 1000 } }, format: 'gif' });
  assert.is(badValue.status, 400);
  assert.match(json(badValue).error, /network\.layers/);
  const odd = await postJob({ recipe: { ...tiny, width: 25 }, format: 'mp4' });
  assert.match(json(odd).error, /even width and height/);
  assert.not.match(json(odd).error, /\n/);
});

test('a render job: progress as server-sent events, the file and its recipe in the output folder, the download', async () => {
  const reply = await postJob({ recipe: tiny, format: 'gif' });
  assert.is(reply.status, 202, reply.body.toString());
  const { id } = json(reply);
  const events = await eventsOf(id);
  const types = events.map((event) => event.type);
  assert.ok(types.includes('started') && types.includes('progress'), JSON.stringify(events));
  const done = events.at(-1)!;
  assert.is(done.type, 'done', JSON.stringify(done));
  assert.equal(readdirSync(outFolder).sort(), [done.file!, done.file!.replace('.gif', '.json')].sort());
  const download = await send(withToken(`/api/jobs/${id}/file`));
  assert.is(download.status, 200);
  assert.match(String(download.headers['content-disposition']), /attachment; filename="zsweep-1\.gif"/);
  assert.equal(download.body, readFileSync(join(outFolder, done.file!)));
  assert.is((await decodeGif(join(outFolder, done.file!))).frames.length, 3);
  const recipe = JSON.parse(readFileSync(join(outFolder, done.file!.replace('.gif', '.json')), 'utf8'));
  assert.is(recipe.seed, '1');
});

test("the first design is `zsweep --seed 1`'s, its look measured; a render carries the look, the same bytes as the CLI's", async () => {
  const picture = completePicture({ seed: '1' });
  const { zsweep: _, ...expected } = await measureLook(
    recipeOf(picture, { width: 512, height: 512, fps: 30, frames: 120, aa: 1 }),
    picture.look,
  );
  const { zsweep: __, ...start } = info.start;
  assert.equal(start, expected);
  assert.ok(start.levels && start.speed !== undefined, 'levels and speed measured');
  const palette = ['#0b0211', '#8f1d2c', '#ffb347'];
  const reply = await postJob({ recipe: { ...tiny, colour: 'palette', palette }, format: 'gif' });
  const done = (await eventsOf(json(reply).id)).at(-1)!;
  assert.is(done.type, 'done', JSON.stringify(done));
  const recipePath = join(outFolder, done.file!.replace('.gif', '.json'));
  const written = JSON.parse(readFileSync(recipePath, 'utf8'));
  assert.equal([written.palette, written.levels, written.speed, written.sweep], [palette, tiny.levels, tiny.speed, tiny.sweep]);
  const cli = join(tempFolder(), 'cli.gif');
  const result = await runCli(['--from', recipePath, '--out', cli, '--quiet']);
  assert.is(result.code, 0, result.stderr);
  assert.equal(readFileSync(cli), readFileSync(join(outFolder, done.file!)));
});

test('a live page (Export live): the HTML and its recipe in the output folder, the bytes of zsweep export --from that recipe', async () => {
  const reply = await postJob({ recipe: tiny, format: 'html' });
  assert.is(reply.status, 202, reply.body.toString());
  const { id } = json(reply);
  const done = (await eventsOf(id)).at(-1)!;
  assert.is(done.type, 'done', JSON.stringify(done));
  assert.match(done.file!, /\.html$/);
  const page = readFileSync(join(outFolder, done.file!));
  assert.match(page.toString('utf8', 0, 200), /^<!doctype html>/);
  const download = await send(withToken(`/api/jobs/${id}/file`));
  assert.equal(download.body, page);
  const recipePath = join(outFolder, done.file!.replace('.html', '.json'));
  const cli = join(tempFolder(), 'cli.html');
  const result = await runCli(['export', '--from', recipePath, '--out', cli, '--quiet']);
  assert.is(result.code, 0, result.stderr);
  assert.equal(readFileSync(cli), page, 'the same bytes as the command line');
  // A loop of whole bars surges on its beat: a live page cannot play it, and says so before it queues.
  const bars = await postJob({
    recipe: { ...tiny, frames: 20, fps: 10, beat: { bpm: 120, beatsPerBar: 4, firstBeatSeconds: 0, downbeat: 0, bars: 1 } },
    format: 'html',
  });
  assert.is(bars.status, 400, bars.body.toString());
  assert.match(json(bars).error, /cannot play a loop of whole bars live/);
});

test('jobs run one at a time; a cancelled one leaves no file', async () => {
  const before = readdirSync(outFolder).sort();
  const long = { ...info.start, width: 256, height: 256, frames: 400, fps: 30 };
  const first = json(await postJob({ recipe: long, format: 'gif' })).id;
  const second = json(await postJob({ recipe: tiny, format: 'gif' })).id;
  const queued = await new Promise<string>((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: studio.port, path: withToken(`/api/jobs/${second}/events`), headers: { Host: host } },
      (res) => {
        res.once('data', (chunk) => {
          resolve(String(chunk));
          res.destroy();
        });
      },
    );
    req.end();
  });
  assert.match(queued, /"type":"queued","ahead":1/);
  await send(withToken(`/api/jobs/${first}/cancel`), { method: 'POST' });
  const firstEvents = await eventsOf(first);
  assert.is(firstEvents.at(-1)!.type, 'cancelled');
  const secondEvents = await eventsOf(second);
  assert.is(secondEvents.at(-1)!.type, 'done');
  const after = readdirSync(outFolder).filter((name) => !before.includes(name));
  assert.equal(after.sort(), [secondEvents.at(-1)!.file!, secondEvents.at(-1)!.file!.replace('.gif', '.json')].sort());
});

test('a dropped zsweep file opens its design: the recipe from its bytes; anything else is refused', async () => {
  const [gif] = readdirSync(outFolder).filter((name) => name.endsWith('.gif'));
  const opened = await send(withToken('/api/open'), {
    method: 'POST',
    headers: { 'X-Zsweep-File-Name': 'my%20loop.gif' },
    body: readFileSync(join(outFolder, gif)),
  });
  assert.is(opened.status, 200, opened.body.toString());
  assert.is(json(opened).recipe.seed, '1');
  const junk = await send(withToken('/api/open'), { method: 'POST', headers: { 'X-Zsweep-File-Name': 'notes.txt' }, body: 'hello' });
  assert.is(junk.status, 400);
  assert.match(json(junk).error, /drop a file made by zsweep/);
  const fake = await send(withToken('/api/open'), { method: 'POST', headers: { 'X-Zsweep-File-Name': 'fake.gif' }, body: 'GIF89a' });
  assert.is(fake.status, 400);
  assert.match(json(fake).error, /fake\.gif/);
});

test('close() cancels the running render and leaves no temporary file', async () => {
  const before = readdirSync(outFolder).sort();
  const long = { ...info.start, width: 256, height: 256, frames: 400, fps: 30 };
  const { id } = json(await postJob({ recipe: long, format: 'gif' }));
  await new Promise<void>((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: studio.port, path: withToken(`/api/jobs/${id}/events`), headers: { Host: host } },
      (res) => {
        res.on('data', (chunk) => {
          if (/"type":"progress","phase":"rendering","unit":"frames","done":[1-9]/.test(String(chunk))) resolve();
        });
        res.on('error', () => {});
      },
    );
    req.on('error', () => {});
    req.end();
  });
  await studio.close();
  assert.equal(readdirSync(outFolder).sort(), before);
});

test.run();
