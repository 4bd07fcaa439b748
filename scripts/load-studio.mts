/**
 * A bounded load test of the studio on 127.0.0.1: `node --import tsx scripts/load-studio.mts [ROOT]`,
 * ROOT being the zsweep checkout to start (this one by default: another lets two builds be compared in one run).
 * It starts `zsweep studio`, then (1) floods it with 1,000 render requests, 50 at a time, and (2) sends
 * 100 uploads of 8 MiB at once, while loading the page every 100 ms. It prints the statuses, the slowest
 * page load and the studio's peak resident memory, fails when a page load took over 1 s or the memory
 * went past 512 MiB, and stops by itself (everything is killed after 3 minutes at most).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const maxPageMs = 1000;
const maxRssMiB = 512;
const out = mkdtempSync(join(tmpdir(), 'zsweep-load-'));
const root = process.argv[2] ?? '.';
const studio = spawn(process.execPath, [join(root, 'bin/zsweep.js'), 'studio', '--no-open', '--out', out], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stopAll = (code: number) => {
  studio.kill('SIGKILL');
  rmSync(out, { recursive: true, force: true });
  process.exit(code);
};
const deadline = setTimeout(() => {
  console.error('load test: stopped after 3 minutes');
  stopAll(1);
}, 180_000);

const url = new URL(await new Promise<string>((resolve) => studio.stdout!.once('data', (chunk) => resolve(String(chunk).trim()))));
const token = url.searchParams.get('token')!;
const port = Number(url.port);

function call(
  path: string,
  { method = 'GET', body, headers = {} }: { method?: string; body?: Buffer | string; headers?: Record<string, string> } = {},
) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: `${path}${path.includes('?') ? '&' : '?'}token=${token}`, method, headers, agent: false },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', () => resolve({ status: -1, body: '' }));
      },
    );
    req.on('error', (error) => resolve({ status: -1, body: error.message }));
    req.end(body);
  });
}

const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${studio.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/**
 * Loads the page every 100 ms while `work` runs; the slowest load in ms. The loads come from a process
 * of their own, so that the flood's own client, busy in this one, does not delay them.
 */
async function slowestPageLoad(work: () => Promise<void>): Promise<number> {
  const probe = spawn(
    process.execPath,
    [
      '-e',
      `const http = require('node:http'); let slowest = 0, running = true;
       process.stdin.on('data', () => { running = false; });
       (async () => {
         while (running) {
           const started = performance.now();
           const status = await new Promise((resolve) => http.get({ host: '127.0.0.1', port: ${port}, path: '/?token=${token}', agent: false }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); }).on('error', () => resolve(-1)));
           if (status !== 200) { console.log('status ' + status); process.exit(1); }
           slowest = Math.max(slowest, performance.now() - started);
           await new Promise((resolve) => setTimeout(resolve, 100));
         }
         console.log(slowest);
       })();`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let said = '';
  probe.stdout!.on('data', (chunk) => (said += chunk));
  await work();
  probe.stdin!.end('stop');
  await new Promise((resolve) => probe.on('exit', resolve));
  const slowest = Number(said.trim());
  if (!Number.isFinite(slowest)) throw new Error(`the page load probe said ${said.trim()}`);
  return slowest;
}

function count(statuses: number[]): string {
  const tally = new Map<number, number>();
  for (const status of statuses) tally.set(status, (tally.get(status) ?? 0) + 1);
  return [...tally].map(([status, n]) => `${n}× ${status}`).join(', ');
}

const info = JSON.parse((await call('/api/info')).body);
// Long renders, so that none finishes during the flood: at most the running one and the queue's four are accepted.
const recipe = { ...info.start, width: 128, height: 128, frames: 3000 };
const idleMs = await slowestPageLoad(() => new Promise((resolve) => setTimeout(resolve, 1000)));
// One render running and nothing else: what the render itself costs the page (it runs in the server's process, on its own thread).
const first = JSON.parse((await call('/api/jobs', { method: 'POST', body: JSON.stringify({ recipe, format: 'gif' }) })).body).id;
const renderingMs = await slowestPageLoad(() => new Promise((resolve) => setTimeout(resolve, 5000)));
await call(`/api/jobs/${first}/cancel`, { method: 'POST' });
const jobStatuses: number[] = [];
const floodMs = await slowestPageLoad(async () => {
  for (let batch = 0; batch < 20; batch++) {
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => call('/api/jobs', { method: 'POST', body: JSON.stringify({ recipe, format: 'gif' }) })),
    );
    jobStatuses.push(...replies.map((reply) => reply.status));
  }
});
const accepted = jobStatuses.filter((status) => status === 202).length;

const upload = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(8 * 1024 * 1024 - 6, 7)]);
let uploadStatuses: number[] = [];
const uploadMs = await slowestPageLoad(async () => {
  const replies = await Promise.all(
    Array.from({ length: 100 }, () => call('/api/open', { method: 'POST', body: upload, headers: { 'X-Zsweep-File-Name': 'loop.gif' } })),
  );
  uploadStatuses = replies.map((reply) => reply.status);
});
const rss = peakRss();

console.log(`load test on ${cpus()[0].model} (${cpus().length} cores), studio from ${root} on 127.0.0.1:${port}`);
console.log(`slowest page load with nothing else to do: ${idleMs.toFixed(0)} ms`);
console.log(`slowest page load while one render runs: ${renderingMs.toFixed(0)} ms`);
console.log(`1,000 render requests: ${count(jobStatuses)}; slowest page load meanwhile ${floodMs.toFixed(0)} ms`);
console.log(`100 uploads of 8 MiB at once: ${count(uploadStatuses)}; slowest page load meanwhile ${uploadMs.toFixed(0)} ms`);
console.log(`studio's peak resident memory: ${rss.toFixed(0)} MiB`);
const failures = [
  ...(floodMs > maxPageMs || uploadMs > maxPageMs ? [`a page load took over ${maxPageMs} ms`] : []),
  ...(rss > maxRssMiB ? [`memory past ${maxRssMiB} MiB`] : []),
  ...(accepted > 5 ? [`${accepted} render requests accepted: the queue is not bounded`] : []),
  // An upload refused while it is still being sent may see its connection closed (-1) rather than the 429.
  ...(jobStatuses.some((status) => status >= 500 || status < 0) || uploadStatuses.some((status) => status >= 500)
    ? ['a 5xx or a dropped request']
    : []),
];
console.log(failures.length ? `FAILED: ${failures.join('; ')}` : 'passed');
clearTimeout(deadline);
stopAll(failures.length ? 1 : 0);
