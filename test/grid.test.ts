import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPixelGrid } from '../src/cppn/pixel-grid.ts';

test('a square frame spans [-1, 1] on both axes, at pixel centres', () => {
  const grid = createPixelGrid(4, 4, 1);
  assert.equal(Array.from(grid.xs), [-0.75, -0.25, 0.25, 0.75]);
  assert.equal(Array.from(grid.ys), [-0.75, -0.25, 0.25, 0.75]);
});

test('the aspect ratio is kept: 1024×512 spans x ≈ ±1.33, y ≈ ±0.67', () => {
  const grid = createPixelGrid(1024, 512, 1);
  const span = (values: Float64Array) => values[values.length - 1] - values[0];
  const xStep = grid.xs[1] - grid.xs[0];
  const yStep = grid.ys[1] - grid.ys[0];
  assert.ok(Math.abs(xStep - yStep) < 1e-12, 'square pixels');
  assert.ok(Math.abs(span(grid.xs) + xStep - 8 / 3) < 1e-9);
  assert.ok(Math.abs(span(grid.ys) + yStep - 4 / 3) < 1e-9);
});

test('the picture is symmetric about the origin, and scale zooms out', () => {
  const grid = createPixelGrid(5, 3, 2);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(grid.xs[i] + grid.xs[4 - i]) < 1e-12);
  assert.is(grid.ys[1], 0);
  assert.ok(Math.abs(grid.xs[4] - 2 * createPixelGrid(5, 3, 1).xs[4]) < 1e-12);
});

test.run();
