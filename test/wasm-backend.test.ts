import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWasmBackend } from '../src/backends/wasm-backend.ts';
import { compileKernel, createTileRunner, preferredKernel } from '../src/backends/wasm-tile-runner.ts';
import { channelDifference, makeCase, maxChannelDifference, referenceOutputs } from './agreement.ts';

test('the worker backend gives bit-identical frames with 1 and 2 threads, equal to the in-process kernel, and within 2/255 of the reference', async () => {
  // Wider than a chunk (4096 pixels), so that the two workers share the frame.
  const c = makeCase('11', 'densenet', 'sigmoid', 'standard', 97, 90);
  const runner = createTileRunner(compileKernel(), c.network, c.grid);
  runner.setLatent(c.latent);
  const inProcess = new Float32Array(c.grid.width * c.grid.height * 3);
  runner.evaluatePixels(0, c.grid.width * c.grid.height, inProcess);

  for (const threads of [1, 2]) {
    const backend = await createWasmBackend({ network: c.network, grid: c.grid }, { threads });
    try {
      assert.is(backend.name, `cpu-wasm-${preferredKernel()} (${threads} thread${threads === 1 ? '' : 's'})`);
      // Two frames in a row: the second must not see leftovers of the first.
      await backend.evaluate(new Float64Array([0.5, -0.5]));
      const frame = (await backend.evaluate(c.latent)).slice();
      assert.equal(frame, inProcess, `${threads} threads`);
    } finally {
      await backend.close();
    }
  }
  assert.ok(channelDifference(inProcess, referenceOutputs(c)) <= maxChannelDifference);
});

test('close() stops the workers, so a script that closes its backend exits on its own', () => {
  // Workers left running would keep it alive until the safety net kills it (status null).
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/close-backend.mts'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.is(result.status, 0, `the script did not exit by itself: ${result.signal ?? ''} ${result.stderr}`);
  assert.match(result.stdout, /closed/);
});

test('Ctrl-C during a render on the worker backend: the CLI stops with 130 and leaves no file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsweep-'));
  const out = join(dir, 'loop.gif');
  const child = spawn(process.execPath, ['bin/zsweep.js', '--size', '512x512', '--frames', '500', '--backend', 'cpu', '--out', out], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let interrupted = false;
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    // One Ctrl-C, once the backend runs (a second one is the CLI's "stop now" path).
    if (!interrupted && /backend cpu-wasm-/.test(stderr)) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  // 500 frames of 512² take minutes: an exit with 130 (not 0) is the Ctrl-C acted on. The timer is a safety net.
  const safety = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(safety);
  assert.is(code, 130, `not stopped by the Ctrl-C: ${stderr}`);
  assert.equal(readdirSync(dir), []);
});

test.run();
