import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { platformEncodingFor, platformTargets } from '../src/encoders/platform-targets.ts';
import { searchSampled, searchSize } from '../src/encoders/search-size.ts';
import { sizeSteps } from '../src/encoders/sized-encoder.ts';
import { parseMaxSize } from '../src/options/max-size.ts';
import { decodeGif } from './helpers/decode-gif.ts';
import { assertUsageError, runCli, tempFolder } from './helpers.ts';
import { parseRender, readRecipe, renderArgs } from './render-helpers.ts';

const folder = tempFolder();

test('--max-size takes decimal and binary units, and refuses anything else in one line', async () => {
  assert.is(parseMaxSize('8MB'), 8_000_000);
  assert.is(parseMaxSize('500kb'), 500_000);
  assert.is(parseMaxSize('2.5 MiB'), 2.5 * 1024 * 1024);
  assert.is(parseMaxSize('1048576'), 1048576);
  for (const bad of ['8 MBs', '-1MB', '10', 'big', '2TB']) {
    await assertUsageError(() => parseMaxSize(bad), /^Invalid --max-size ".*": expected a file size such as 8MB/);
  }
  await assertUsageError(
    () => parseRender({ out: 'f/%04d.png', maxSize: '1MB' }),
    /Invalid --max-size "1MB": expected a video, GIF or WebP/,
  );
  assert.equal(parseRender({ out: 'a.webm', maxSize: '1MB' }).recipe.encoding, { maxBytes: 1_000_000 });
});

test('the size search lands 3–10 % under the cap, on a smooth and a stepped lever, and says when nothing fits', async () => {
  const cap = 1_000_000;
  // A bitrate: size proportional to the value, with some noise of the encoder.
  const log = await searchSize({ min: 1e4, max: 1e9, scale: 'log', step: 0 }, 5e6, cap, async (v) => ({
    bytes: Math.round(v * 0.17 * (1 + 0.05 * Math.sin(v))),
  }));
  assert.ok(log.best && log.best.bytes <= 0.97 * cap && log.best.bytes >= 0.9 * cap, JSON.stringify(log));
  // A quality level: size exponential in it.
  const linear = await searchSize({ min: 0, max: 10, scale: 'linear', step: 2 }, 6, cap, async (v) => ({
    bytes: Math.round(200_000 * 1.35 ** v),
  }));
  assert.ok(linear.best && linear.best.bytes <= 0.97 * cap && linear.best.bytes >= 0.9 * cap, JSON.stringify(linear));
  // An encoder at its best quality: a higher bitrate gives the same file, so the search stops there.
  let encodes = 0;
  const saturated = await searchSize({ min: 1e4, max: 1e9, scale: 'log', step: 0 }, 1e6, cap, async (v) => {
    encodes++;
    return { bytes: Math.min(800_000, Math.round(v * 0.5)) };
  });
  assert.equal([saturated.best?.bytes, encodes], [800_000, 3]);
  const none = await searchSize({ min: 0, max: 10, scale: 'linear', step: 2 }, 6, 1000, async (v) => ({ bytes: 5000 + v }));
  assert.is(none.best, undefined);
  assert.is(none.smallest, 5000);
});

test('a sampled search predicts the whole file from its sample and encodes it whole once or twice', async () => {
  const cap = 1_000_000;
  // The whole file is 4.4× its sample (not the 5× its frames say), and the size is exponential in the level.
  const sampleBytes = (v: number) => Math.round(50_000 * 1.35 ** v);
  const wholes: number[] = [];
  const result = await searchSampled({ min: 0, max: 10, scale: 'linear', step: 2 }, 6, cap, {
    encodeWhole: async (v) => {
      wholes.push(v);
      return { bytes: Math.round(4.4 * sampleBytes(v)) };
    },
    encodeSample: async (v) => ({ bytes: sampleBytes(v) }),
    ratio: 5,
  });
  assert.ok(result.best && result.best.bytes <= 0.97 * cap && result.best.bytes >= 0.9 * cap, JSON.stringify(result));
  assert.ok(wholes.length <= 2, `whole encodes at ${wholes}`);
  // Hopeless by the sample's prediction: no whole encode at all.
  const skipped = await searchSampled({ min: 0, max: 10, scale: 'linear', step: 2 }, 6, 1000, {
    encodeWhole: async () => {
      throw new Error('no whole encode');
    },
    encodeSample: async (v) => ({ bytes: 5000 + v }),
    ratio: 5,
    hopeless: (predicted) => predicted === undefined,
  });
  assert.equal([skipped.best, skipped.hopeless], [undefined, true]);
  // Nothing fits, even whole at the lowest level: said so, with the smallest size.
  const none = await searchSampled({ min: 0, max: 10, scale: 'linear', step: 2 }, 6, 1000, {
    encodeWhole: async (v) => ({ bytes: 5000 + v }),
    encodeSample: async (v) => ({ bytes: 1000 + v }),
    ratio: 5,
  });
  assert.equal([none.best, none.smallest], [undefined, 5000]);
});

test('a cap steps the frame rate down before the size, and only where the loop stays whole', () => {
  assert.equal(sizeSteps({ width: 512, height: 256, fps: 30, frames: 120 }), [
    { every: 1, width: 512, height: 256 },
    { every: 2, width: 512, height: 256 },
    { every: 2, width: 384, height: 192 },
    { every: 2, width: 256, height: 128 },
  ]);
  // Odd frames, or a rate that would fall under 10 fps: the size alone steps down; too small: not at all.
  assert.equal(
    sizeSteps({ width: 64, height: 64, fps: 30, frames: 9 }).map((s) => s.every),
    [1, 1, 1],
  );
  assert.equal(
    sizeSteps({ width: 64, height: 64, fps: 12, frames: 24 }).map((s) => s.every),
    [1, 1, 1],
  );
  assert.equal(sizeSteps({ width: 20, height: 20, fps: 30, frames: 8 }).length, 2);
});

test('a GIF under a cap: smaller than without one, within the band, the cap in its recipe, and --from gives the same bytes', async () => {
  const args = { seed: 'cap', size: '48x48', frames: '10', quiet: true };
  const plain = join(folder, 'plain.gif');
  await renderArgs({ ...args, out: plain });
  const cap = Math.round(statSync(plain).size * 0.7);
  const capped = join(folder, 'capped.gif');
  await renderArgs({ ...args, out: capped, maxSize: String(cap) });
  const bytes = statSync(capped).size;
  assert.ok(bytes <= 0.97 * cap && bytes >= 0.85 * cap, `${bytes} bytes under a cap of ${cap}`);
  assert.equal((await readRecipe(capped)).encoding, { gif: 2, maxBytes: cap });
  const again = join(folder, 'again.gif');
  const result = await runCli(['--from', capped, '--out', again, '-q']);
  assert.is(result.code, 0, result.stderr);
  assert.ok(readFileSync(again).equals(readFileSync(capped)));
  const check = await runCli(['check', capped, '--max-size', String(cap)]);
  assert.is(check.code, 0, check.stderr);
  const over = await runCli(['check', capped, '--max-size', String(Math.floor(bytes / 2))]);
  assert.is(over.code, 1);
  assert.match(over.stderr, /more than --max-size/);
});

test('a GIF that fits only poorly steps its frame rate, then its size, down: said in one line, recorded, and --from gives the same bytes', async () => {
  const args = ['--seed', 'cap', '--size', '48x48', '--frames', '10'];
  const plain = join(folder, 'steps-plain.gif');
  assert.is((await runCli([...args, '--out', plain, '-q'])).code, 0);
  // A third of its size: at 30 fps the GIF would fit only below 30 dB, at 15 fps and 48² too.
  const cap = Math.round(statSync(plain).size * 0.35);
  const capped = join(folder, 'steps.gif');
  const result = await runCli([...args, '--out', capped, '--max-size', String(cap)]);
  assert.is(result.code, 0, result.stderr);
  const said = result.stderr.split('\n').filter((line) => line.includes('--max-size:'));
  assert.equal(said.length, 1, result.stderr);
  assert.match(said[0], /GIF fits at an acceptable quality only at 15 fps, 36×36 \(asked: 30 fps, 48×48\)/);
  assert.ok(statSync(capped).size <= cap);
  assert.equal((await readRecipe(capped)).encoding, { gif: 2, maxBytes: cap, reduced: { fps: 15, width: 36, height: 36 } });
  const gif = await decodeGif(capped);
  assert.equal([gif.width, gif.height, gif.frames.length], [36, 36, 5]);
  assert.is(
    gif.delaysCs.reduce((sum, cs) => sum + cs, 0),
    33,
    'the loop lasts as long as at 30 fps',
  );
  const again = join(folder, 'steps-again.gif');
  const from = await runCli(['--from', capped, '--out', again, '-q']);
  assert.is(from.code, 0, from.stderr);
  assert.ok(readFileSync(again).equals(readFileSync(capped)), '--from gives the same bytes');
});

test("a platform's official cap lowers the peak bitrate only where its length would pass the cap", () => {
  const reel = platformTargets['instagram-reel'];
  assert.is(platformEncodingFor(reel, 15), reel.encoding, 'a 15 s Reel is as before');
  const long = platformEncodingFor(reel, 15 * 60)!;
  assert.ok(long.maxBitsPerSecond! * 15 * 60 + 128_000 * 15 * 60 <= 300e6 * 8, `${long.maxBitsPerSecond} b/s`);
  const canvas = platformTargets['spotify-canvas'];
  assert.is(platformEncodingFor(canvas, 8), canvas.encoding, 'a reported cap sets nothing');
});

test.run();
