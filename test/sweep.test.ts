import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSweep, type SweepSpec } from '../src/cppn/sweep.ts';

const base: SweepSpec = { loop: 'circle', radius: 1, centre: [0, 0], from: [-1, -1], to: [1, 1] };
const distance = (a: Float64Array, b: Float64Array) => Math.hypot(...a.map((v, i) => v - b[i]));

test('circle: periodic, and every step, the seam included, has the same length', () => {
  for (const frames of [2, 7, 60]) {
    for (const latent of [2, 3, 8]) {
      const sweep = createSweep({ ...base, radius: 1.5, centre: Array(latent).fill(0.2), from: [], to: [] }, latent, 's');
      assert.ok(distance(sweep(frames, frames), sweep(0, frames)) < 1e-9, 'z(N) equals z(0)');
      const steps = Array.from({ length: frames }, (_, f) => distance(sweep(f, frames), sweep((f + 1) % frames, frames)));
      const expected = 2 * 1.5 * Math.sin(Math.PI / frames);
      for (const step of steps) assert.ok(Math.abs(step - expected) < 1e-9, `step ${step} vs ${expected}`);
    }
  }
});

test('circle: stays at the radius from the centre, in every dimension', () => {
  const sweep = createSweep({ ...base, radius: 2, centre: [1, 0, -1, 0] }, 4, 'seed');
  for (let f = 0; f < 10; f++) {
    const z = sweep(f, 10);
    assert.ok(Math.abs(distance(z, new Float64Array([1, 0, -1, 0])) - 2) < 1e-9);
  }
  const moved = [0, 1, 2, 3].map((d) => Math.abs(sweep(0, 10)[d] - sweep(3, 10)[d]) > 1e-6);
  assert.ok(moved.filter(Boolean).length >= 3, 'a seeded plane moves most dimensions');
});

test('pingpong: from → to → from without a jump at the seam', () => {
  const sweep = createSweep({ ...base, loop: 'pingpong', from: [-2], to: [2] }, 1, 's');
  const frames = 20;
  assert.equal(Array.from(sweep(0, frames)), [-2]);
  assert.ok(Math.abs(sweep(10, frames)[0] - 2) < 1e-12);
  const steps = Array.from({ length: frames }, (_, f) => Math.abs(sweep((f + 1) % frames, frames)[0] - sweep(f, frames)[0]));
  const largest = Math.max(...steps);
  assert.ok(steps[frames - 1] <= largest + 1e-12, 'the seam is no larger than any other step');
});

test('none: a straight line from → to at constant speed', () => {
  const sweep = createSweep({ ...base, loop: 'none', from: [0, 1], to: [3, -2] }, 2, 's');
  assert.equal(Array.from(sweep(0, 4)), [0, 1]);
  assert.equal(Array.from(sweep(3, 4)), [3, -2]);
  assert.equal(Array.from(sweep(1, 4)), [1, 0]);
  assert.equal(Array.from(sweep(0, 1)), [0, 1]);
});

test('the sweep is a pure function of frame, frame count, spec and seed', () => {
  const a = createSweep({ ...base, centre: [0, 0, 0] }, 3, 'one');
  const b = createSweep({ ...base, centre: [0, 0, 0] }, 3, 'one');
  const c = createSweep({ ...base, centre: [0, 0, 0] }, 3, 'two');
  assert.equal(Array.from(a(5, 12)), Array.from(b(5, 12)));
  assert.not.equal(Array.from(a(5, 12)), Array.from(c(5, 12)));
});

test.run();
