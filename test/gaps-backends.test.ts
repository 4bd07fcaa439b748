import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GPU, HeadlessGLKernel } from 'gpu.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Backend } from '../src/backends/backend.ts';
import { gpuUnavailableReason, headlessGl } from '../src/backends/gpu-backend.ts';
import { selectBackend } from '../src/backends/select-backend.ts';
import { softwareGlDriver } from '../src/backends/software-gl.ts';
import { createWasmBackend } from '../src/backends/wasm-backend.ts';
import { buildNetwork } from '../src/cppn/network/network.ts';
import { createPixelGrid } from '../src/cppn/pixel-grid.ts';
import { readGifComments } from '../src/encoders/metadata/gif-comments.ts';
import { UsageError } from '../src/errors.ts';
import type { RenderEvent } from '../src/render/render.ts';
import { type Crash, installCrashingWorker } from './fixtures/crashing-workers.mjs';
import { type CliResult, cliPath, ffmpegPath, repoRoot, tempFolder, testUnless } from './helpers.ts';
import { renderArgs } from './render-helpers.ts';

// Backend failures that the machines the suite runs on never produce by themselves: a GPU path that
// fails after `auto` chose it, and a worker thread that dies mid-render. Both are made here from the
// outside (gpu.js's own classes, Node's Worker class), so zsweep's source runs unchanged.

const input = () => ({
  network: buildNetwork({ arch: 'densenet', layers: 2, hidden: 4, activation: 'sigmoid', beta: 256, latent: 2, inputs: 'standard' }, '1'),
  grid: createPixelGrid(8, 8, 1),
});

/** Rejects when `promise` takes longer than `ms`: a hang fails the test instead of stalling the suite. */
/** How long something may take before it counts as a hang: a safety net, not a measure of speed. */
const hangMs = 120_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms (a hang)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// `auto` tries the GPU only where gpu.js reports headless-gl as supported and no software GL driver is
// loaded. The real check runs first, so that a software driver it would load is already in view.
await gpuUnavailableReason();
const softwareDriver = softwareGlDriver();
const noGpuAttempt = softwareDriver && `a software GL driver (${softwareDriver}) is loaded here, so --backend auto never tries the GPU`;

/**
 * Runs `fn` with gpu.js claiming that headless-gl works, with `createKernel` replaced by `kernel`, and
 * with every GPU's destroy() counted; puts gpu.js back as it was afterwards.
 */
async function withFakeGpu<T>(
  kernel: (gpu: GPU, original: GPU['createKernel'], args: Parameters<GPU['createKernel']>) => ReturnType<GPU['createKernel']>,
  fn: (destroyed: () => number) => Promise<T>,
): Promise<T> {
  const supported = Object.getOwnPropertyDescriptor(HeadlessGLKernel, 'isSupported')!;
  const { createKernel, destroy } = GPU.prototype;
  const { loads } = headlessGl;
  let destroyed = 0;
  headlessGl.loads = () => true;
  Object.defineProperty(HeadlessGLKernel, 'isSupported', { configurable: true, get: () => true });
  GPU.prototype.createKernel = function (this: GPU, ...args: Parameters<GPU['createKernel']>) {
    return kernel(this, createKernel, args);
  } as GPU['createKernel'];
  GPU.prototype.destroy = function (this: GPU) {
    destroyed++;
    return destroy.call(this);
  };
  try {
    return await fn(() => destroyed);
  } finally {
    headlessGl.loads = loads;
    Object.defineProperty(HeadlessGLKernel, 'isSupported', supported);
    GPU.prototype.createKernel = createKernel;
    GPU.prototype.destroy = destroy;
  }
}

/** gpu.js cannot build the kernel for the GPU (no context, a driver that refuses the shader). */
const kernelFails: Parameters<typeof withFakeGpu>[0] = () => {
  throw new Error('could not create a WebGL context');
};
/** gpu.js silently builds its JavaScript kernel instead: what it does when the GPU kernel does not compile. */
const kernelFallsBack: Parameters<typeof withFakeGpu>[0] = (_gpu, original, args) => original.apply(new GPU({ mode: 'cpu' }), args);

const cpuName = /^cpu-wasm-(relaxed-)?simd \(\d+ threads?\)$/;

testUnless(test, noGpuAttempt, '--backend auto: a GPU whose kernel cannot be built falls back to the cpu backend', async () => {
  await withFakeGpu(kernelFails, async () => {
    const backend = await selectBackend('auto', input());
    try {
      assert.match(backend.name, cpuName);
      assert.is((await backend.evaluate(new Float64Array([0.1, 0.2]))).length, 8 * 8 * 3, 'the cpu backend runs');
    } finally {
      await backend.close();
    }
  });
});

testUnless(
  test,
  noGpuAttempt,
  '--backend auto: a GPU backend that fails its first frame (gpu.js fell back) is closed, and the cpu backend runs instead',
  async () => {
    await withFakeGpu(kernelFallsBack, async (destroyed) => {
      const backend = await selectBackend('auto', input());
      try {
        assert.match(backend.name, cpuName);
        assert.is(destroyed(), 1, 'the failed GPU backend was closed');
      } finally {
        await backend.close();
      }
    });
  },
);

testUnless(test, noGpuAttempt, 'an explicit --backend gpu whose kernel falls back is refused, not quietly run on the cpu', async () => {
  await withFakeGpu(kernelFallsBack, async () => {
    let backend: Backend | undefined;
    try {
      backend = await selectBackend('gpu', input());
      await backend.evaluate(new Float64Array([0.1, 0.2]));
      assert.unreachable('the fallen-back kernel ran as the GPU');
    } catch (error) {
      assert.instance(error, UsageError);
      assert.match((error as Error).message, /^--backend gpu: gpu\.js fell back from HeadlessGLKernel to CPUKernel.*use --backend cpu$/);
    } finally {
      await backend?.close();
    }
  });
});

testUnless(
  test,
  noGpuAttempt,
  'a render with --backend auto on a failing GPU: the result, the events and the file all say cpu',
  async () => {
    const out = join(tempFolder(), 'auto.gif');
    const events: RenderEvent[] = [];
    const result = await withFakeGpu(kernelFallsBack, () =>
      renderArgs({ size: '16x16', frames: '2', backend: 'auto', out }, { control: { onEvent: (event) => events.push(event) } }),
    );
    assert.match(result.backend, cpuName);
    const started = events.find((event) => event.type === 'started');
    assert.match(started?.type === 'started' ? started.backend : '', cpuName);
    const [comment] = await readGifComments(out);
    assert.match(JSON.parse(comment).backend, cpuName);
  },
);

test('a worker that dies mid-frame (process.exit): that frame fails, no hang', async () => {
  const undo = installCrashingWorker({ frame: 2, how: 'exit', code: 70 });
  let backend: Backend | undefined;
  try {
    backend = await createWasmBackend(input(), { threads: 2 });
  } finally {
    undo();
  }
  try {
    await within(backend.evaluate(new Float64Array([0.1, 0.2])), hangMs, 'frame 1');
    const failed = await within(
      backend.evaluate(new Float64Array([0.2, 0.3])).then(
        () => undefined,
        (error: Error) => error,
      ),
      hangMs,
      'frame 2',
    );
    assert.instance(failed, Error, 'frame 2 was reported as evaluated');
    assert.match(failed!.message, /wasm worker exited before finishing the frame/);
    // A later frame fails at once too, rather than waiting for an exit that has already happened.
    const again = await within(
      backend.evaluate(new Float64Array([0.3, 0.4])).then(
        () => undefined,
        (error: Error) => error,
      ),
      hangMs,
      'frame 3',
    );
    assert.match(again?.message ?? 'evaluated', /wasm worker exited before finishing the frame/);
  } finally {
    await within(backend.close(), hangMs, 'close()');
  }
});

for (const how of ['exit', 'throw'] as const) {
  test(`a render whose worker crashes mid-render (${how}): rejects promptly with the worker's error, leaves no file`, async () => {
    const folder = tempFolder();
    const undo = installCrashingWorker({ frame: 2, how });
    try {
      const failed = await within(
        renderArgs({ size: '16x16', frames: '4', backend: 'cpu', out: join(folder, 'crash.gif') }).then(
          () => undefined,
          (error: Error) => error,
        ),
        hangMs,
        'the render',
      );
      assert.instance(failed, Error, 'the render succeeded although a worker died');
      assert.match(failed!.message, how === 'exit' ? /wasm worker exited before finishing the frame/ : /crashed on purpose at frame 2/);
    } finally {
      undo();
    }
    assert.equal(readdirSync(folder), [], 'no partial or temporary file');
  });
}

/** The CLI with the first wasm worker set to crash (the fixture preloaded); killed if it runs past `ms`. */
function runCrashingCli(args: string[], crash: Crash, ms: number): Promise<CliResult & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './test/fixtures/crashing-workers.mjs', cliPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ZSWEEP_TEST_CRASH: JSON.stringify(crash) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, ms);
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

for (const format of ['gif', 'mp4'] as const) {
  test(`the CLI with a worker that crashes mid-render (${format}): exits 1 on its own, says why, leaves no file`, async () => {
    const folder = tempFolder();
    const out = join(folder, `crash.${format}`);
    const result = await runCrashingCli(
      ['--size', '16x16', '--frames', '4', '--backend', 'cpu', '--ffmpeg', ffmpegPath, '--out', out],
      { frame: 2, how: 'exit' },
      hangMs,
    );
    assert.not.ok(result.timedOut, `the CLI hung: ${result.stderr}`);
    assert.is(result.code, 1, result.stderr);
    assert.match(result.stderr, /wasm worker exited before finishing the frame/);
    assert.is(result.stdout, '', 'no path printed, as for a finished render');
    assert.equal(readdirSync(folder), [], 'no partial or temporary file');
  });
}

test.run();
