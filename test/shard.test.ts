import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../src/errors.ts';
import { parseJoinOptions } from '../src/options/join-options.ts';
import { parseShard } from '../src/options/shard-option.ts';
import { parseRender } from './render-helpers.ts';

const video = { seed: '1', size: '32x32', quiet: true, out: 'x.mp4' };

test("--shard NUMBER/COUNT counts from 1, as Jest and Playwright do; auto maps the job runner's numbering", () => {
  assert.equal(parseShard('1/8', {}), { number: 1, count: 8 });
  assert.equal(parseShard('8/8', {}), { number: 8, count: 8 });
  // A Kubernetes Indexed Job counts from 0.
  assert.equal(parseShard('auto/8', { JOB_COMPLETION_INDEX: '0' }), { number: 1, count: 8 });
  assert.equal(parseShard('auto/8', { JOB_COMPLETION_INDEX: '5' }), { number: 6, count: 8 });
  // Slurm: --array=1-8 numbers tasks from 1, and says so in SLURM_ARRAY_TASK_MIN.
  assert.equal(parseShard('auto/8', { SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '1' }), { number: 8, count: 8 });
  assert.equal(parseShard('auto/8', { SLURM_ARRAY_TASK_ID: '0' }), { number: 1, count: 8 });
  // GNU parallel's sequence number counts from 1.
  assert.equal(parseShard('auto/4', { PARALLEL_SEQ: '1' }), { number: 1, count: 4 });
  assert.equal(parseShard('auto/4', { PARALLEL_SEQ: '4' }), { number: 4, count: 4 });
});

test('bad shards are refused in one line that says why', () => {
  assert.throws(() => parseShard('9/8', {}), /--shard "9\/8": expected a NUMBER from 1 to 8/);
  assert.throws(() => parseShard('0/4', {}), /--shard "0\/4": expected a NUMBER from 1 to 4: shards count from 1, .*--shard 1\/4/);
  assert.throws(() => parseShard('1', {}), /expected NUMBER\/COUNT/);
  assert.throws(() => parseShard('auto/4', {}), /one of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, PARALLEL_SEQ to be set/);
  assert.throws(() => parseShard('auto/4', { PARALLEL_SEQ: '9' }), /PARALLEL_SEQ="9" to give a shard from 1 to 4 \(it gives 9\)/);
  assert.throws(
    () => parseRender({ ...video, out: 'x.gif', shard: '1/2' }),
    /--shard "1\/2": expected no --shard: segments and shards are for video/,
  );
  assert.throws(() => parseRender({ ...video, out: undefined, shard: '1/2' }), /an --out as well/);
  assert.throws(
    () => parseRender({ ...video, seed: undefined, shard: '1/2' }),
    /--shard "1\/2": expected a --seed with it \(or --from or --preset\), the same for every shard/,
  );
  assert.throws(() => parseRender({ ...video, shard: '1/2', recipeOut: 'r.json' }), /no --recipe-out with --shard/);
  assert.throws(
    () => parseShard('x/2', {}),
    (error: unknown) => error instanceof UsageError && /--shard "x\/2"/.test(error.message),
  );
});

test('video longer than the threshold is segmented; shorter is one file unless a shard is asked for', () => {
  assert.is(parseRender({ ...video, duration: '30' }).segments, undefined);
  assert.equal(parseRender({ ...video, duration: '31' }).segments, { segmentFrames: 120, shard: undefined });
  assert.equal(parseRender({ ...video, frames: '10', segmentThreshold: '0', segmentSeconds: '0.1' }).segments, {
    segmentFrames: 3,
    shard: undefined,
  });
  assert.equal(parseRender({ ...video, frames: '10', shard: '1/2' }).segments, { segmentFrames: 120, shard: { number: 1, count: 2 } });
  assert.is(parseRender({ ...video, out: 'x.gif', duration: '60', fps: '10' }).segments, undefined);
});

test('zsweep join: the video is named after its work folder, or given with --out', () => {
  assert.is(parseJoinOptions({ folder: 'out/long.mp4.parts/' }).out, 'out/long.mp4');
  assert.is(parseJoinOptions({ folder: 'shared', out: 'x.webm' }).out, 'x.webm');
  assert.throws(() => parseJoinOptions({ folder: 'shared' }), /Missing --out: "shared" is not named like a work folder/);
  assert.throws(
    () => parseJoinOptions({ folder: 'a.mp4.parts', out: 'a.gif' }),
    /--out "a\.gif": expected a video file ending in \.mp4 or \.webm/,
  );
});

test.run();
