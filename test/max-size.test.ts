import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { platformEncodingFor, platformTargets } from '../src/encoders/platform-targets.ts';
import { searchSize } from '../src/encoders/sized-encoder.ts';
import { parseMaxSize } from '../src/options/max-size.ts';
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
  const log = await searchSize({ min: 1e4, max: 1e9, scale: 'log', step: 0 }, 5e6, cap, async (v) =>
    Math.round(v * 0.17 * (1 + 0.05 * Math.sin(v))),
  );
  assert.ok(log.best && log.best.bytes <= 0.97 * cap && log.best.bytes >= 0.9 * cap, JSON.stringify(log));
  // A quality level: size exponential in it.
  const linear = await searchSize({ min: 0, max: 10, scale: 'linear', step: 2 }, 6, cap, async (v) => Math.round(200_000 * 1.35 ** v));
  assert.ok(linear.best && linear.best.bytes <= 0.97 * cap && linear.best.bytes >= 0.9 * cap, JSON.stringify(linear));
  const none = await searchSize({ min: 0, max: 10, scale: 'linear', step: 2 }, 6, 1000, async (v) => 5000 + v);
  assert.is(none.best, undefined);
  assert.is(none.smallest, 5000);
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

test("a platform's official cap lowers the peak bitrate only where its length would pass the cap", () => {
  const reel = platformTargets['instagram-reel'];
  assert.is(platformEncodingFor(reel, 15), reel.encoding, 'a 15 s Reel is as before');
  const long = platformEncodingFor(reel, 15 * 60)!;
  assert.ok(long.maxBitsPerSecond! * 15 * 60 + 128_000 * 15 * 60 <= 300e6 * 8, `${long.maxBitsPerSecond} b/s`);
  const canvas = platformTargets['spotify-canvas'];
  assert.is(platformEncodingFor(canvas, 8), canvas.encoding, 'a reported cap sets nothing');
});

test.run();
