import type { Page } from 'puppeteer-core';
import { test as uvuTest } from 'uvu';
import * as assert from 'uvu/assert';
import { framesThatFit, framesToAsk, frameToForget } from '../src/studio/page/frame-store.ts';
import { chromiumSkipReason } from './helpers/chromium.ts';
import { guardedTest } from './helpers/guarded-test.ts';
import { testUnless } from './helpers.ts';
import { canvasHash, closeBrowser, openStudioPage, type PageHooks, type Studio, startStudio } from './studio-page-harness.ts';

// Hooks that start a browser or a server: their failure fails the tests (uvu alone would pass them unrun).
const test = guardedTest(uvuTest);

declare const window: { zsweepStudio: PageHooks };

test('the store forgets the frame needed furthest ahead: the one just played, never the one about to play', () => {
  // Playhead at 10 of 100, the store full of 8..17: 8 and 9 were just played.
  const kept = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  assert.is(frameToForget(kept, 10, 100), 9);
  // The frame that just arrived for the next position (11) is kept; the old rule threw it away.
  assert.is.not(frameToForget([10, 11, 12, 13], 10, 100), 11);
  assert.is(frameToForget([10, 11, 12, 13], 10, 100), 13);
  // Round the loop's end: at 98, frame 1 plays in 3 frames, frame 97 in 99.
  assert.is(frameToForget([97, 98, 99, 0, 1], 98, 100), 97);
});

test('frames are asked for in play order inside the window the store holds, round the loop', () => {
  const kept = new Set([5, 6]);
  assert.equal(
    framesToAsk(5, 100, 4, (f) => kept.has(f), 10),
    [7, 8],
  );
  assert.equal(
    framesToAsk(98, 100, 5, () => false, 3),
    [98, 99, 0],
  );
  // A loop that fits is asked for whole.
  assert.equal(
    framesToAsk(0, 3, 50, () => false, 10),
    [0, 1, 2],
  );
  assert.is(framesThatFit(16 * 1024 * 1024, 512, 512), 16);
  assert.is(framesThatFit(1, 512, 512), 2);
});

/**
 * How long the page is watched. The goal is 60 s (ZSWEEP_PLAYER_SOAK_SECONDS=60); CI watches 20 s
 * with a store of 16 MB instead of 160 MB (`store-mb` in the page's URL), so that the loop outgrows
 * its store within the first seconds and the rest of the time is spent past that point, where the
 * old player froze.
 */
const soakSeconds = Number(process.env.ZSWEEP_PLAYER_SOAK_SECONDS ?? 20);
const storeMegabytes = Number(process.env.ZSWEEP_PLAYER_STORE_MB ?? 16);

let studio: Studio | undefined;
let page: Page | undefined;
const browserTest = (name: string, fn: () => Promise<void>) => testUnless(test, chromiumSkipReason, name, fn);

browserTest(`a 512², 20 s, 60 fps loop keeps changing frames on screen for ${soakSeconds} s`, async () => {
  studio = await startStudio();
  page = await openStudioPage(studio.url, { extra: storeMegabytes > 0 ? `&store-mb=${storeMegabytes}` : '' });
  await page.evaluate(() => window.zsweepStudio.pauseGrids());
  await page.evaluate(() => window.zsweepStudio.set('fps', 60));
  await page.evaluate(() => window.zsweepStudio.set('seconds', 20));
  await page.select('#preview-size', '512');
  const design = await page.evaluate(() => window.zsweepStudio.previewRecipe());
  assert.is(design.width, 512);
  assert.is(design.frames, 1200);
  const quarters: Set<string>[] = [new Set(), new Set(), new Set(), new Set()];
  const samples = soakSeconds * 2;
  for (let s = 0; s < samples; s++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    quarters[Math.min(3, Math.floor((s * 4) / samples))].add(await canvasHash(page));
  }
  const counts = quarters.map((q) => q.size);
  for (const [i, count] of counts.entries())
    assert.ok(count >= 3, `quarter ${i + 1} of ${soakSeconds} s showed ${counts.join(', ')} pictures`);
  // The line under the preview says why it plays slower than 60 fps, and that it keeps a window of the loop.
  const line = await page.$eval('#preview-fps', (node) => node.textContent ?? '');
  if (storeMegabytes > 0) assert.match(line, `keeps ${storeMegabytes} of 1200 frames`);
  assert.match(line, /^(playing \d+ of 60 frames\/s: this machine evaluates \d+\/s|evaluating \d+ frames\/s)/);
  console.log(`  pictures seen per quarter of ${soakSeconds} s: ${counts.join(', ')}; "${line}"`);
});

test.after(async () => {
  await closeBrowser();
  studio?.stop();
});

test.run();
