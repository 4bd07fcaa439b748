import type { Page } from 'puppeteer-core';
import { test as uvuTest } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumSkipReason } from './helpers/chromium.ts';
import { guardedTest } from './helpers/guarded-test.ts';
import { testUnless } from './helpers.ts';
import { closeBrowser, openStudioPage, type PageHooks, type Studio, startStudio, waitReady } from './studio-page-harness.ts';

// Hooks that start a browser or a server: their failure fails the tests (uvu alone would pass them unrun).
const test = guardedTest(uvuTest);

declare const window: { zsweepStudio: PageHooks };
// biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
declare const document: any;

let studio: Studio | undefined;
let page: Page | undefined;
const browserTest = (name: string, fn: () => Promise<void>) => testUnless(test, chromiumSkipReason, name, fn);

const chips = (at: Page) => at.$$eval('#history .chip', (nodes) => nodes.map((node) => node.textContent ?? ''));
const currentChip = (at: Page) => at.$eval('#history .chip.current', (node) => node.textContent ?? '');
const design = (at: Page) => at.evaluate(() => window.zsweepStudio.design());
/** Resolves once the history's current step reads `label`. */
const stepIs = (at: Page, label: string) =>
  at.waitForFunction((l: string) => document.querySelector('#history .chip.current')?.textContent === l, { timeout: 120_000 }, label);

if (chromiumSkipReason === undefined) {
  test.before(async () => {
    studio = await startStudio();
    page = await openStudioPage(studio.url);
    await page.evaluate(() => window.zsweepStudio.pauseGrids());
  });
  test.after(async () => {
    await closeBrowser();
    studio?.stop();
  });
}

browserTest('undo works with a slider focused; a run of key presses on it is one step; the current step stays in view', async () => {
  const at = page!;
  await at.evaluate(() => window.zsweepStudio.set('seconds', 0.5));
  const before = await design(at);
  const steps = (await chips(at)).length;
  await at.focus('#control-layers');
  for (let i = 0; i < 3; i++) await at.keyboard.press('ArrowRight');
  await stepIs(at, `layers ${before.network.layers + 3}`);
  assert.is((await chips(at)).length, steps + 1, 'three presses, one step');
  assert.is((await design(at)).network.layers, before.network.layers + 3);
  // Ctrl+Z with the slider still focused.
  assert.is(await at.evaluate(() => document.activeElement?.id), 'control-layers');
  await at.keyboard.down('Control');
  await at.keyboard.press('z');
  await at.keyboard.up('Control');
  await at.waitForFunction((n: number) => window.zsweepStudio.design().network.layers === n, {}, before.network.layers);
  assert.equal(await design(at), before);
  // Redo, then a new run after focus has left the slider: a step of its own.
  await at.keyboard.down('Control');
  await at.keyboard.down('Shift');
  await at.keyboard.press('z');
  await at.keyboard.up('Shift');
  await at.keyboard.up('Control');
  await stepIs(at, `layers ${before.network.layers + 3}`);
  await at.focus('#seed');
  await at.focus('#control-layers');
  await at.keyboard.press('ArrowLeft');
  await stepIs(at, `layers ${before.network.layers + 2}`);
  assert.is((await chips(at)).length, steps + 2);
  // In a text field, Ctrl+Z is the field's own: the design stays.
  await at.focus('#seed');
  await at.keyboard.down('Control');
  await at.keyboard.press('z');
  await at.keyboard.up('Control');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.is((await design(at)).network.layers, before.network.layers + 2);
  // Many steps: the current one is still inside the strip's visible part.
  for (let i = 0; i < 12; i++) await at.evaluate((n: number) => window.zsweepStudio.set('hidden', n), 8 + i);
  const inView = await at.$eval('#history', (path) => {
    const current = path.querySelector('.chip.current').getBoundingClientRect();
    const box = path.getBoundingClientRect();
    return current.left >= box.left - 1 && current.right <= box.right + 1;
  });
  assert.ok(inView, 'the current chip is visible');
});

browserTest('a history chip says the value the design took: latent 1 on a circle reads latent 2', async () => {
  const at = page!;
  await at.evaluate(() => window.zsweepStudio.set('loop', 'circle'));
  await at.evaluate(() => window.zsweepStudio.set('latent', 3));
  await at.evaluate(() => window.zsweepStudio.set('latent', 1));
  assert.is((await design(at)).network.latent, 2);
  assert.is(await currentChip(at), 'latent 2');
});

browserTest('a reload restores the design and its history exactly, branches and redo included; New session starts again', async () => {
  const at = page!;
  await at.evaluate(() => window.zsweepStudio.set('seed', 'kept across reloads'));
  await at.evaluate(() => window.zsweepStudio.set('colour', 'hsv'));
  await at.click('#undo');
  await at.waitForFunction(() => window.zsweepStudio.design().colour !== 'hsv');
  const before = { design: await design(at), chips: await chips(at), current: await currentChip(at) };
  assert.ok(!(await at.$eval('#redo', (node) => node.disabled)), 'a step to redo');
  await at.evaluate(() => window.zsweepStudio.saved());
  await at.reload();
  await waitReady(at);
  assert.equal(await design(at), before.design);
  assert.equal(await chips(at), before.chips);
  assert.is(await currentChip(at), before.current);
  await at.click('#redo');
  await at.waitForFunction(() => window.zsweepStudio.design().colour === 'hsv');

  at.once('dialog', (dialog) => dialog.accept());
  await at.click('#new-session');
  await at.waitForFunction(() => document.querySelectorAll('#history .chip').length === 1);
  assert.is.not((await design(at)).seed, 'kept across reloads');
  await at.evaluate(() => window.zsweepStudio.saved());
  await at.reload();
  await waitReady(at);
  assert.is((await chips(at)).length, 1, 'the new session is what is kept');
});

browserTest('a server that stops mid-render: the page says so, the render is reported failed, with Retry', async () => {
  const at = page!;
  await at.evaluate(() => window.zsweepStudio.set('seconds', 20));
  await at.select('#render-size', '512x512');
  await at.select('#render-format', 'mp4');
  await at.click('#render-start');
  await at.waitForFunction(() => / frames/.test(document.querySelector('#render-status').textContent), { timeout: 120_000 });
  studio!.process.kill('SIGKILL');
  await at.waitForFunction(
    () => /^render failed: the studio's server stopped answering/.test(document.querySelector('#render-status').textContent),
    {
      timeout: 120_000,
    },
  );
  assert.ok(await at.$eval('#render-retry', (node) => !node.hidden), 'Retry is offered');
  assert.ok(await at.$eval('#render-start', (node) => !node.disabled), 'Render is not stuck disabled');
  await at.waitForFunction(() => !document.querySelector('#server-lost').hidden, { timeout: 120_000 });
  studio = undefined;
});

test.run();
