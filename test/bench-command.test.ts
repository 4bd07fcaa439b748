import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const zsweep = (...args: string[]) => spawnSync(process.execPath, ['bin/zsweep.js', ...args], { encoding: 'utf8', timeout: 120_000 });

test('zsweep bench --json prints one JSON line per backend measured, naming what ran', () => {
  const result = zsweep('bench', '--size', '24x16', '--frames', '2', '--backend', 'cpu,reference', '--arch', 'perceptron', '--json');
  assert.is(result.status, 0, result.stderr);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.is(lines.length, 2);
  assert.equal(
    lines.map((line) => Object.keys(line)),
    Array(2).fill(['backend', 'width', 'height', 'frames', 'msPerFrame', 'mpixPerSecond']),
  );
  assert.match(lines[0].backend, /^cpu-wasm-(relaxed-)?simd/);
  assert.is(lines[1].backend, 'reference');
  for (const line of lines) {
    assert.equal([line.width, line.height, line.frames], [24, 16, 2]);
    assert.ok(line.msPerFrame > 0 && line.mpixPerSecond > 0);
  }
});

test('zsweep bench with an unknown backend: one line, exit 2', () => {
  const result = zsweep('bench', '--backend', 'tpu');
  assert.is(result.status, 2);
  assert.match(result.stderr, /^zsweep: Invalid --backend "tpu": expected all, or one or more of auto, gpu, cpu, reference/);
  assert.is(result.stderr.trim().split('\n').length, 1);
});

test.run();
