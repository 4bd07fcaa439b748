import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alive, ffmpegsOf } from './helpers/processes.ts';
import { spawnStudio } from './helpers/spawn-server.ts';
import { cliPath, ffmpegPath, repoRoot, runCli, tempFolder } from './helpers.ts';

test('bad studio options: one line, exit 2, no stack', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const taken = String((blocker.address() as { port: number }).port);
  for (const [args, pattern] of [
    [['--port', 'abc'], /^zsweep: Invalid --port "abc": expected a whole number from 0 to 65535/],
    [['--port', '99999'], /Invalid --port "99999"/],
    [['--host', 'example.com'], /^zsweep: Invalid --host "example.com": expected an IP address/],
    [['--port', taken], /^zsweep: Cannot listen on 127\.0\.0\.1:\d+: the port is in use/],
    [['--porrt', '1'], /Unknown option --porrt for zsweep studio: did you mean --port\?/],
  ] as const) {
    const result = await runCli(['studio', '--no-open', '--out', tempFolder(), ...args]);
    assert.is(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, pattern);
    assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.is(result.stdout, '');
  }
  blocker.close();
});

test('--host 0.0.0.0 is allowed when asked, with a warning; Ctrl-C stops the studio and cancels its render, leaving no file', async () => {
  const out = tempFolder();
  const child = spawn(process.execPath, [cliPath, 'studio', '--no-open', '--host', '0.0.0.0', '--out', out], {
    cwd: repoRoot,
    env: { ...process.env, FFMPEG_PATH: ffmpegPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk).trim())));
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  assert.match(stderr, /warning: the studio listens on 0\.0\.0\.0: anyone who can reach this machine/);
  const api = (path: string) => url.replace('/?', `${path}?`);
  const info = (await (await fetch(api('/api/info'))).json()) as { start: Record<string, unknown> };
  const recipe = { ...info.start, width: 256, height: 256, frames: 600 };
  const reply = await fetch(api('/api/jobs'), { method: 'POST', body: JSON.stringify({ recipe, format: 'gif' }) });
  const { id } = (await reply.json()) as { id: string };
  const events = await fetch(api(`/api/jobs/${id}/events`));
  const reader = events.body!.getReader();
  for (let seen = ''; !/"done":[1-9]/.test(seen); ) seen += new TextDecoder().decode((await reader.read()).value);
  assert.ok(
    readdirSync(out).some((name) => name.includes('.tmp') || name.startsWith('.')),
    `a temporary file while rendering: ${readdirSync(out)}`,
  );
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.is(code, 0, stderr);
  assert.match(stderr, /studio stopped/);
  assert.equal(readdirSync(out), []);
});

test("a second Ctrl-C stops the studio at once, mid-frame: its render thread's ffmpeg is killed and no file is left", async () => {
  const out = tempFolder();
  const { child, url } = await spawnStudio(out);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const api = (path: string) => url.replace('/?', `${path}?`);
  const info = (await (await fetch(api('/api/info'))).json()) as { start: { network: Record<string, unknown> } };
  // Frames of a second or more (16 layers of 64): the first Ctrl-C waits for the frame being evaluated,
  // so the second one, soon after, is what ends the studio, while ffmpeg holds frames it was given.
  const network = { ...info.start.network, layers: 16, hidden: 64 };
  const recipe = { ...info.start, width: 512, height: 512, frames: 600, network };
  const reply = await fetch(api('/api/jobs'), { method: 'POST', body: JSON.stringify({ recipe, format: 'mp4' }) });
  assert.is(reply.status, 202);
  const { id } = (await reply.json()) as { id: string };
  const reader = (await fetch(api(`/api/jobs/${id}/events`))).body!.getReader();
  for (let seen = ''; !/"done":[2-9]/.test(seen); ) {
    const { value, done } = await reader.read();
    if (done) assert.unreachable(`the job ended before its second frame: ${seen} ${stderr}`);
    seen += new TextDecoder().decode(value);
  }
  const ffmpegs = ffmpegsOf(child.pid!);
  assert.ok(ffmpegs.length > 0, 'ffmpeg runs');
  child.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 150));
  child.kill('SIGINT');
  assert.is(await exited, 130, stderr);
  // An ffmpeg that outlived the studio would finish its file once its input closed: wait until none runs.
  for (const started = Date.now(); ffmpegs.some(alive); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - started > 120_000) assert.unreachable(`ffmpeg ${ffmpegs.filter(alive)} still runs 120 s after the studio exited`);
  }
  assert.equal(readdirSync(out), []);
});

test.run();
