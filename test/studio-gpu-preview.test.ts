import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';
import { test as uvuTest } from 'uvu';
import * as assert from 'uvu/assert';
import type { Recipe } from '../src/recipe/recipe.ts';
import { chromiumSkipReason } from './helpers/chromium.ts';
import { guardedTest } from './helpers/guarded-test.ts';
import { psnr, runCli, tempFolder, testUnless } from './helpers.ts';
import { closeBrowser, openStudioPage, type PageHooks, type Studio, startStudio } from './studio-page-harness.ts';

// Hooks that start a browser or a server: their failure fails the tests (uvu alone would pass them unrun).
const test = guardedTest(uvuTest);
declare const window: { zsweepStudio: PageHooks };
declare const document: { querySelector(selector: string): unknown; createElement(name: string): unknown };

let studio: Studio | undefined;
const work = tempFolder();
const browserTest = (name: string, fn: () => Promise<void>) => testUnless(test, chromiumSkipReason, name, fn);

/** The GPU preview's pixels at `frame`, held there (read through a 2-D canvas, as a screenshot would). */
function gpuFrame(page: Page, frame: number): Promise<number[]> {
  return page.evaluate(async (f) => {
    await window.zsweepStudio.hold(f);
    // biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
    const source = document.querySelector('#preview-gpu') as any;
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const copy = document.createElement('canvas') as any;
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d');
    context.drawImage(source, 0, 0);
    return Array.from(context.getImageData(0, 0, copy.width, copy.height).data as ArrayLike<number>);
  }, frame);
}

/** Whether an element is shown (present, and neither it nor its layout hides it). */
function shown(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    // biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
    const node = document.querySelector(s) as any;
    return Boolean(node && !node.hidden && node.getBoundingClientRect().width > 0);
  }, selector);
}

test.after(async () => {
  await closeBrowser();
  studio?.stop();
});

browserTest(
  "on a GPU the preview is the exported shader, within 40 dB of the CLI's frames; Exact switches back to the wasm path",
  async () => {
    studio = await startStudio();
    // SwiftShader is software: the page keeps the exact preview unless asked (?preview=gpu), as on a GPU it would not.
    const plain = await openStudioPage(studio.url);
    assert.not.ok(await shown(plain, '#preview-mode'), 'no GPU here: no choice offered');
    assert.ok(await shown(plain, '#preview'));
    await plain.close();

    const page = await openStudioPage(studio.url, { extra: '&preview=gpu' });
    await page.evaluate(() => window.zsweepStudio.pauseGrids());
    await page.evaluate(() => window.zsweepStudio.set('seconds', 0.5));
    assert.ok(await shown(page, '#preview-gpu'), 'the GPU canvas plays');
    assert.not.ok(await shown(page, '#preview'), 'the exact canvas is hidden');
    const recipe: Recipe = await page.evaluate(() => window.zsweepStudio.previewRecipe());
    const frames = [0, Math.floor(recipe.frames / 2)];
    const fromGpu: number[][] = [];
    for (const frame of frames) fromGpu.push(await gpuFrame(page, frame));

    writeFileSync(join(work, 'design.json'), JSON.stringify(recipe));
    const result = await runCli(['--from', join(work, 'design.json'), '--out', join(work, 'frames', '%04d.png'), '--quiet']);
    assert.is(result.code, 0, result.stderr);
    const files = readdirSync(join(work, 'frames')).sort();
    const cli = frames.map((frame) => new Uint8ClampedArray(PNG.sync.read(readFileSync(join(work, 'frames', files[frame]))).data));
    for (const [k, frame] of frames.entries()) {
      const quality = psnr([cli[k]], [fromGpu[k]]);
      console.log(`  frame ${frame}: the GPU preview is ${quality.toFixed(1)} dB from the CLI's`);
      assert.ok(quality >= 40, `frame ${frame}: ${quality.toFixed(1)} dB against the CLI's`);
    }

    // Playing, the shader draws the loop at its own frame rate.
    await page.evaluate(() => window.zsweepStudio.play());
    await page.waitForFunction(() => window.zsweepStudio.playing > 0, { timeout: 60_000 });
    console.log(`  GPU preview on SwiftShader: ${await page.evaluate(() => window.zsweepStudio.playing)} frames/s drawn`);

    await page.select('#preview-mode', 'exact');
    assert.ok(await shown(page, '#preview'), 'Exact shows the wasm canvas');
    assert.not.ok(await shown(page, '#preview-gpu'));
    await page.select('#preview-mode', 'gpu');
    assert.ok(await shown(page, '#preview-gpu'));
  },
);

test.run();
