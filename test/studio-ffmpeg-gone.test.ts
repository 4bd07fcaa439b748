import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseEvents, rawRequest } from './helpers/raw-request.ts';
import { spawnStudio } from './helpers/spawn-server.ts';
import { ffmpegPath, tempFolder } from './helpers.ts';

test('a running studio whose ffmpeg disappears fails that render in one line, keeps serving, and renders again once it is back', async () => {
  const folder = tempFolder();
  const binary = join(folder, 'ffmpeg');
  copyFileSync(ffmpegPath, binary);
  chmodSync(binary, 0o755);
  const { child, url } = await spawnStudio(join(folder, 'out'), { env: { FFMPEG_PATH: binary } });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  try {
    const { port, searchParams } = new URL(url);
    const call = (path: string, init: { method?: string; body?: string } = {}) =>
      rawRequest(Number(port), `${path}?token=${searchParams.get('token')}`, init);
    const start = JSON.parse((await call('/api/info')).body.toString()).start;
    const render = async () => {
      const recipe = { ...start, width: 32, height: 32, frames: 4, fps: 10 };
      const posted = await call('/api/jobs', { method: 'POST', body: JSON.stringify({ recipe, format: 'mp4' }) });
      assert.is(posted.status, 202, posted.body.toString());
      const events = parseEvents((await call(`/api/jobs/${JSON.parse(posted.body.toString()).id}/events`)).body);
      return events.at(-1)!;
    };
    assert.is((await render()).type, 'done', stderr);
    // Gone, then replaced by something that is not a program: each render fails with its one line.
    rmSync(binary);
    const missing = await render();
    assert.is(missing.type, 'failed');
    assert.match(String(missing.message), /^could not run ffmpeg: .*ENOENT/);
    mkdirSync(binary);
    const folderInstead = await render();
    assert.is(folderInstead.type, 'failed');
    assert.match(String(folderInstead.message), /^could not run ffmpeg: /);
    assert.not.match(String(folderInstead.message), /\n/);
    assert.is((await call('/api/info')).status, 200);
    rmSync(binary, { recursive: true });
    copyFileSync(ffmpegPath, binary);
    chmodSync(binary, 0o755);
    assert.is((await render()).type, 'done', stderr);
    assert.is(child.exitCode, null, `the studio ended: ${stderr}`);
  } finally {
    child.kill('SIGKILL');
  }
});

test.run();
