import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Backend } from '../src/backends/backend.ts';
import { createColouring } from '../src/cppn/colour.ts';
import { buildNetwork } from '../src/cppn/network/network.ts';
import { createPixelGrid } from '../src/cppn/pixel-grid.ts';
import type { Encoder } from '../src/encoders/encoder.ts';
import type { FramePipeline } from '../src/render/frame-pipeline.ts';
import { framesAhead, renderFrames } from '../src/render/render-frames.ts';
import { parseRender } from './render-helpers.ts';

/** A pipeline whose backend fills frame n with n / 100 and records when each evaluation started. */
function fakePipeline(events: string[], failAt = -1): FramePipeline {
  const { recipe } = parseRender({ seed: '1', size: '4x2', frames: '12', out: 'x.gif' });
  const grid = createPixelGrid(4, 2, 1);
  const out = new Float32Array(4 * 2 * 3);
  const backend: Backend = {
    name: 'fake',
    async evaluate(latent) {
      const frame = latent[0];
      events.push(`evaluate ${frame}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (frame === failAt) throw new Error(`frame ${frame} failed`);
      return out.fill(frame / 100);
    },
    async close() {},
  };
  return {
    recipe,
    network: buildNetwork(recipe.network, recipe.seed),
    grid,
    sweep: (frame) => new Float64Array([frame, 0]),
    backend,
    colouring: createColouring(recipe),
  };
}

function slowEncoder(events: string[], written: number[]): Encoder {
  return {
    async writeFrame(rgba) {
      written.push(rgba[0]);
      events.push(`write ${written.length - 1}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async finish() {},
    async abort() {},
  };
}

test('framesAhead: up to 16 frames, at most 64 MiB of them, never none', () => {
  assert.is(framesAhead(512 * 512 * 4), 16);
  assert.is(framesAhead(3840 * 2160 * 4), 2);
  assert.is(framesAhead(8000 * 8000 * 4), 1);
});

test('frames go to the encoder in order, each its own array, with evaluation ahead of a slow encoder by at most framesAhead', async () => {
  const events: string[] = [];
  const written: number[] = [];
  await renderFrames(fakePipeline(events), slowEncoder(events, written), { start: 2, end: 12 });
  assert.equal(
    written,
    Array.from({ length: 10 }, (_, i) => Math.round(((i + 2) / 100) * 127.5 + 127.5)),
  );
  // Before frame n is written, evaluation has started at most framesAhead + 1 frames beyond it (those queued, and the one running).
  for (let n = 0; n < 10; n++) {
    const before = events.slice(0, events.indexOf(`write ${n}`)).filter((e) => e.startsWith('evaluate')).length;
    assert.ok(before <= n + 1 + framesAhead(32) + 1, `${before} evaluations before write ${n}`);
    assert.ok(before >= n + 1, `frame ${n} written before it was evaluated`);
  }
});

test('an evaluation that fails ends the loop with its error, after the frames before it were written', async () => {
  const events: string[] = [];
  const written: number[] = [];
  await renderFrames(fakePipeline(events, 5), slowEncoder(events, written), { start: 0, end: 12 }).then(
    () => assert.unreachable('frame 5 fails'),
    (error: Error) => assert.match(error.message, /frame 5 failed/),
  );
  assert.is(written.length, 5);
});

test('an encoder that fails stops the evaluation ahead (no evaluation starts afterwards)', async () => {
  const events: string[] = [];
  const encoder: Encoder = {
    async writeFrame() {
      events.push('write');
      throw new Error('disk full');
    },
    async finish() {},
    async abort() {},
  };
  await renderFrames(fakePipeline(events), encoder, { start: 0, end: 12 }).then(
    () => assert.unreachable(),
    (error: Error) => assert.match(error.message, /disk full/),
  );
  const settled = events.length;
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.ok(events.length <= settled + 1, `evaluations went on: ${events.join(', ')}`);
});

test('arrays come back to the evaluation only after the encoder has let them go (Encoder.lingering)', async () => {
  const events: string[] = [];
  const kept: { array: Uint8ClampedArray; first: number }[] = [];
  const arrays = new Set<Uint8ClampedArray>();
  const lingering = 2;
  const encoder: Encoder = {
    lingering,
    async writeFrame(rgba) {
      // The arrays of the frames it may still read are untouched, and none of them is this one.
      for (const { array, first } of kept.slice(-lingering)) {
        assert.is.not(array, rgba);
        assert.is(array[0], first);
      }
      kept.push({ array: rgba, first: rgba[0] });
      arrays.add(rgba);
      await new Promise((resolve) => setTimeout(resolve, 2));
    },
    async finish() {},
    async abort() {},
  };
  await renderFrames(fakePipeline(events), encoder, { start: 0, end: 12 });
  assert.equal(
    kept.map(({ first }) => first),
    Array.from({ length: 12 }, (_, i) => Math.round((i / 100) * 127.5 + 127.5)),
  );
  assert.ok(arrays.size < 12, `arrays are used again (${arrays.size} for 12 frames)`);
});

test.run();
