import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { test as uvuTest } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumSkipReason } from './helpers/chromium.ts';
import { guardedTest } from './helpers/guarded-test.ts';
import { tempFolder, testUnless } from './helpers.ts';
import { closeBrowser, openStudioPage, type PageHooks, type Studio, startStudio } from './studio-page-harness.ts';

// Hooks that start a browser or a server: their failure fails the tests (uvu alone would pass them unrun).
const test = guardedTest(uvuTest);

declare const window: { zsweepStudio: PageHooks };
// biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
declare const document: any, getComputedStyle: any, innerWidth: number, innerHeight: number, scrollTo: any;
declare const axe: {
  run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[]; help: string }[] }>;
};

const require = createRequire(import.meta.url);
/** Screenshots go here (ZSWEEP_SCREENSHOTS names a folder to keep them), to be looked at. */
const shots = process.env.ZSWEEP_SCREENSHOTS ?? tempFolder();
mkdirSync(shots, { recursive: true });

let studio: Studio | undefined;
let page: Page | undefined;
const browserTest = (name: string, fn: () => Promise<void>) => testUnless(test, chromiumSkipReason, name, fn);

if (chromiumSkipReason === undefined) {
  test.before(async () => {
    studio = await startStudio();
    page = await openStudioPage(studio.url);
    await page.evaluate(() => window.zsweepStudio.set('seconds', 0.5));
  });
  test.after(async () => {
    await closeBrowser();
    studio?.stop();
  });
}

/**
 * Every control on the page that is not hidden, and whether a person can reach it: inside the page's
 * width (the page does not scroll sideways), and on top where it is (nothing covers its centre once it is
 * scrolled into view).
 */
async function unreachable(at: Page): Promise<string[]> {
  return at.evaluate(async () => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > innerWidth + 1) problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    const controls = [...document.querySelectorAll('button, select, input, a.button, canvas#preview')].filter(
      (node) => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden',
    );
    for (const node of controls) {
      node.scrollIntoView({ block: 'center', inline: 'center' });
      const box = node.getBoundingClientRect();
      const name = node.id || node.getAttribute('aria-label') || node.textContent?.trim().slice(0, 20) || node.tagName;
      if (box.width < 8 || box.height < 8) {
        problems.push(`${name} is ${Math.round(box.width)}×${Math.round(box.height)}`);
        continue;
      }
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      // A chip scrolled out of the history strip is reached by scrolling the strip: the strip is the test.
      const inStrip = node.closest('#history');
      if (!inStrip && (box.right > innerWidth + 1 || box.left < -1)) problems.push(`${name} is cut off at the side`);
      else if (!inStrip && top !== node && !node.contains(top) && !top?.closest('label')?.contains(node))
        problems.push(`${name} is covered by ${top?.id || top?.className || top?.tagName}`);
    }
    scrollTo(0, 0);
    return problems;
  });
}

for (const [width, height] of [
  [1024, 640],
  [800, 600],
  [390, 844],
  [1400, 900],
] as const) {
  browserTest(`at ${width}×${height} every control is reachable, and a message has a place of its own`, async () => {
    const at = page!;
    await at.setViewport({ width, height });
    // A message showing: a palette the page cannot use.
    await at.$eval('#control-palette-own', (input) => {
      input.value = '#12';
      input.dispatchEvent(new input.ownerDocument.defaultView.Event('change', { bubbles: true }));
    });
    await at.waitForFunction(() => document.querySelector('#message').textContent !== '');
    await at.evaluate(() => window.zsweepStudio.hold(0));
    await at.screenshot({ path: join(shots, `studio-${width}x${height}.png`), fullPage: true });
    await at.screenshot({ path: join(shots, `studio-${width}x${height}-first-screen.png`) });
    assert.equal(await unreachable(at), [], `${width}×${height}`);
    // The message covers nothing: nothing sits under it, and it is in the page's flow.
    assert.is(await at.$eval('#message', (node) => getComputedStyle(node).position), 'static');
    await at.evaluate(() => window.zsweepStudio.play());
  });
}

browserTest('axe-core finds no serious or critical violations (both tabs, a message showing)', async () => {
  const at = page!;
  await at.setViewport({ width: 1400, height: 900 });
  // Evaluated, not added as a script tag: the studio's Content-Security-Policy refuses inline scripts.
  await at.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const serious = async () =>
    (await at.evaluate(() => axe.run(document, { resultTypes: ['violations'] }))).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.length}): ${v.help}`);
  assert.equal(await serious(), [], 'explore tab');
  await at.click('#tab-breed');
  await at.waitForFunction(() => document.querySelectorAll('[data-grid="breed"] .cell').length === 8);
  assert.equal(await serious(), [], 'breed tab');
  await at.click('#tab-explore');
});

browserTest('the tabs follow the ARIA tabs pattern: aria-controls, one tab stop, arrow keys switch', async () => {
  const at = page!;
  const tabs = () =>
    at.$$eval('[role="tab"]', (nodes) =>
      nodes.map((node) => ({
        selected: node.getAttribute('aria-selected'),
        controls: node.getAttribute('aria-controls'),
        tabIndex: node.tabIndex,
        panelHidden: document.getElementById(node.getAttribute('aria-controls'))?.hidden,
      })),
    );
  const before = await tabs();
  assert.equal(
    before.map((t) => [t.selected, t.tabIndex, t.panelHidden]),
    [
      ['true', 0, false],
      ['false', -1, true],
    ],
  );
  assert.ok(before.every((t) => t.controls));
  await at.focus('#tab-explore');
  await at.keyboard.press('ArrowRight');
  assert.is(await at.evaluate(() => document.activeElement.id), 'tab-breed');
  assert.equal(
    (await tabs()).map((t) => [t.selected, t.panelHidden]),
    [
      ['false', true],
      ['true', false],
    ],
  );
  await at.keyboard.press('Home');
  assert.is(await at.evaluate(() => document.activeElement.id), 'tab-explore');
});

browserTest('log sliders reach both ends and say their value (aria-valuetext)', async () => {
  const at = page!;
  for (const [id, low, high] of [
    ['beta', 1, 4096],
    ['scale', 0.1, 10],
  ] as const) {
    await at.focus(`#control-${id}`);
    await at.keyboard.press('End');
    await at.waitForFunction(
      (o: string, v: number) => (window.zsweepStudio.design() as never)[o] === v || window.zsweepStudio.design().network.beta === v,
      {},
      id,
      high,
    );
    assert.is(await at.$eval(`#control-${id}`, (node) => node.getAttribute('aria-valuetext')), String(high));
    await at.keyboard.press('Home');
    await at.waitForFunction(
      (o: string, v: number) => (window.zsweepStudio.design() as never)[o] === v || window.zsweepStudio.design().network.beta === v,
      {},
      id,
      low,
    );
    assert.is(await at.$eval(`#control-${id}`, (node) => node.getAttribute('aria-valuetext')), String(low));
  }
  await at.evaluate(() => window.zsweepStudio.set('beta', 16));
  assert.is(await at.$eval('#control-beta', (node) => node.getAttribute('aria-valuetext')), '16');
  await at.evaluate(() => window.zsweepStudio.set('scale', 1));
});

browserTest("a message in the page's own words: a control's name, no --option, no command-line example", async () => {
  const at = page!;
  await at.$eval('#control-speed-own', (input) => {
    input.value = '99';
    input.dispatchEvent(new input.ownerDocument.defaultView.Event('change', { bubbles: true }));
  });
  await at.waitForFunction(() => /^Speed "99"/.test(document.querySelector('#message').textContent));
  const text = await at.$eval('#message', (node) => node.textContent);
  assert.not.match(text, /--|Invalid|e\.g\./);
});

browserTest('the boxes for a speed and a palette of its own are wide enough for what is typed in them', async () => {
  const at = page!;
  for (const width of [1400, 1024, 390]) {
    await at.setViewport({ width, height: 900 });
    const fits = await at.$eval('#control-palette-own', (input) => {
      input.value = '#1b1b3a,#693668,#f84aa7,#ffe3b3';
      return { width: input.clientWidth, needs: input.scrollWidth };
    });
    assert.ok(fits.needs <= fits.width, `at ${width} px the palette box shows ${fits.width} of ${fits.needs} px`);
    assert.ok((await at.$eval('#control-speed-own', (input) => input.clientWidth)) >= 120, 'the speed box');
  }
  await at.setViewport({ width: 1400, height: 900 });
});

browserTest('GIF above 50 fps is refused before Render is clicked, in words that say what to do', async () => {
  const at = page!;
  await at.evaluate(() => window.zsweepStudio.set('fps', 60));
  await at.select('#render-format', 'gif');
  assert.ok(await at.$eval('#render-start', (node) => node.disabled), 'Render is not offered');
  assert.match(await at.$eval('#render-status', (node) => node.textContent), /at most 50 frames a second: set FPS to 50 or less/);
  await at.select('#render-format', 'mp4');
  assert.ok(await at.$eval('#render-start', (node) => !node.disabled));
  assert.is(await at.$eval('#render-status', (node) => node.textContent), '');
  await at.evaluate(() => window.zsweepStudio.set('fps', 30));
});

browserTest('"Use as partner" does not cross a design with itself; another design focused is crossed with it', async () => {
  const at = page!;
  await at.click('#tab-breed');
  await at.waitForFunction(() => document.querySelectorAll('[data-grid="breed"] .cell').length === 8);
  const parent = await at.evaluate(() => window.zsweepStudio.design());
  await at.click('#breed-partner');
  const captions = () => at.$$eval('[data-grid="breed"] .cell span', (nodes) => nodes.map((node) => node.textContent));
  assert.not.ok(
    (await captions()).some((c) => c.startsWith('cross')),
    'no crosses of the design with itself',
  );
  await at.click('#breed-again');
  assert.not.ok(
    (await captions()).some((c) => c.startsWith('cross')),
    'nor in a new generation',
  );
  // Another seed focused: its children include crosses with the partner.
  await at.evaluate(() => window.zsweepStudio.set('seed', 'another'));
  await at.waitForFunction(() =>
    [...document.querySelectorAll('[data-grid="breed"] .cell span')].some((n) => n.textContent.startsWith('cross')),
  );
  const cells = await at.$$('[data-grid="breed"] .cell');
  await cells[0].click();
  await at.waitForFunction(() => window.zsweepStudio.design().breed?.[0]?.kind === 'cross');
  const child = await at.evaluate(() => window.zsweepStudio.design());
  const step = child.breed![0] as { kind: 'cross'; partner: { seed: string } };
  assert.is(step.partner.seed, parent.seed);
  assert.is(child.seed, 'another');
  await at.click('#tab-explore');
});

test.run();
