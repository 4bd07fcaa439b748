import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'puppeteer-core';
import { test as uvuTest } from 'uvu';
import * as assert from 'uvu/assert';
import type { Recipe } from '../src/recipe/recipe.ts';
import { measureLook } from '../src/render/measure-look.ts';
import { cleanRecipe, type DesignOption, type OptionValue, withOption } from '../src/studio/page/design-edits.ts';
import { chromiumSkipReason, launchChromium } from './helpers/chromium.ts';
import { guardedTest } from './helpers/guarded-test.ts';
import { spawnStudio } from './helpers/spawn-server.ts';
import { decodeYuv, probe, psnr, runCli, tempFolder, testUnless, yuvToRgb709 } from './helpers.ts';

/**
 * What the functions given to page.evaluate use: they run in the page, but these tests are typed for
 * Node, without the DOM library (the page's own code is checked with it: src/studio/page/tsconfig.json).
 */
interface PageHooks {
  ready: boolean;
  hold(frame: number): Promise<void>;
  play(): void;
  previewRecipe(): Recipe;
  design(): Recipe;
  set(option: string, value: OptionValue): Promise<void>;
}
declare const window: { zsweepStudio: PageHooks };
// biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
declare const document: any;
// biome-ignore lint/suspicious/noExplicitAny: the page's DOM classes, reached only inside page.evaluate
declare const File: any, DataTransfer: any, DragEvent: any;

// The studio and Chromium start in a hook: its failure fails the tests (uvu alone would pass them unrun).
const test = guardedTest(uvuTest);

const outFolder = tempFolder();
const work = tempFolder();
let studio: ChildProcess | undefined;
let url = '';
let browser: Browser | undefined;
let page: Page | undefined;

async function openPage(): Promise<Page> {
  browser ??= await launchChromium();
  const opened = await browser.newPage();
  opened.setDefaultTimeout(120_000);
  await opened.setViewport({ width: 1400, height: 900 });
  opened.on('pageerror', (error) => console.error('page error:', error));
  await opened.goto(url);
  await opened.waitForFunction(() => window.zsweepStudio?.ready, { timeout: 120_000 });
  return opened;
}

/** The preview canvas's pixels at `frame`, held there, and the design it shows. */
async function previewFrame(at: Page, frame: number): Promise<{ rgba: number[]; recipe: Recipe }> {
  return at.evaluate(async (f) => {
    await window.zsweepStudio.hold(f);
    const canvas = document.querySelector('#preview');
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    return { rgba: Array.from(pixels as ArrayLike<number>), recipe: window.zsweepStudio.previewRecipe() };
  }, frame);
}

/** The CLI's frames of a recipe, as PNGs from `zsweep --from RECIPE --out frames/%04d.png`. */
async function cliFrames(recipe: Recipe, name: string): Promise<Uint8Array[]> {
  const recipePath = join(work, `${name}.json`);
  writeFileSync(recipePath, JSON.stringify(recipe));
  const pattern = join(work, name, '%04d.png');
  const result = await runCli(['--from', recipePath, '--out', pattern, '--quiet']);
  assert.is(result.code, 0, result.stderr);
  return readdirSync(join(work, name))
    .sort()
    .map((file) => PNG.sync.read(readFileSync(join(work, name, file))).data);
}

/** Pixels that differ in any RGB channel. */
function differingPixels(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let count = 0;
  for (let p = 0; p < a.length / 4; p++) {
    if (a[p * 4] !== b[p * 4] || a[p * 4 + 1] !== b[p * 4 + 1] || a[p * 4 + 2] !== b[p * 4 + 2]) count++;
  }
  return count;
}

const browserTest = (name: string, fn: () => Promise<void>) => testUnless(test, chromiumSkipReason, name, fn);

if (chromiumSkipReason === undefined) {
  test.before(async () => {
    ({ child: studio, url } = await spawnStudio(outFolder));
    page = await openPage();
  });
  test.after(async () => {
    await browser?.close();
    studio?.kill('SIGINT');
  });
}

browserTest("a design's look is measured in the page as the CLI measures it, and its preview is the CLI's frames", async () => {
  // Levels, a palette of one's own and a speed: each change measured by a worker with render/measure-look.ts.
  const palette = ['#1b1b3a', '#693668', '#f84aa7', '#ffe3b3'];
  const changes: [DesignOption, OptionValue][] = [
    ['seconds', 0.5],
    ['seed', '23'],
    ['palette', palette],
    ['speed', 1.2],
  ];
  let expected = await page!.evaluate(() => window.zsweepStudio.design());
  for (const [option, value] of changes) {
    await page!.evaluate((o, v) => window.zsweepStudio.set(o, v), option, value);
    // The same edit measured here, in Node, by the CLI's code on the CLI's kernel.
    const edit = withOption(expected, option, value);
    expected = cleanRecipe(await measureLook(edit.recipe, edit.look));
    assert.equal(await page!.evaluate(() => window.zsweepStudio.design()), expected, `after ${option}`);
  }
  assert.ok(expected.levels, 'levels measured');
  assert.equal(expected.palette, palette);
  assert.is(expected.colour, 'palette');
  assert.is(expected.speed, 1.2);
  assert.is.not(expected.sweep.radius, 1, 'the radius measured for the speed');
  const first = await previewFrame(page!, 0);
  const seventh = await previewFrame(page!, 7);
  const cli = await cliFrames(first.recipe, 'look');
  assert.is(differingPixels(first.rgba, cli[0]), 0, 'frame 0');
  assert.is(differingPixels(seventh.rgba, cli[7]), 0, 'frame 7');
  assert.ok(differingPixels(first.rgba, seventh.rgba) > 1000, 'frames 0 and 7 differ');
  // Back to the default colouring for the tests after this one.
  await page!.evaluate(() => window.zsweepStudio.set('colour', 'rgb'));
  await page!.evaluate(() => window.zsweepStudio.play());
});

browserTest('the preview is pixel-identical to the CLI: frames 0 and 7, and after topology and colour changes', async () => {
  // A short loop keeps the CLI's part quick; the preview plays at 256².
  await page!.evaluate(() => window.zsweepStudio.set('seconds', 0.5));
  for (const [label, changes] of [
    ['default densenet', []],
    [
      'resnet in hsv, radial inputs',
      [
        ['arch', 'resnet'],
        ['colour', 'hsv'],
        ['inputs', 'radial'],
      ],
    ],
  ] as const) {
    for (const [option, value] of changes) await page!.evaluate((o, v) => window.zsweepStudio.set(o, v), option, value);
    const first = await previewFrame(page!, 0);
    const seventh = await previewFrame(page!, 7);
    assert.is(first.recipe.width, 256);
    const cli = await cliFrames(first.recipe, label.replace(/\W+/g, '-'));
    assert.is(cli.length, first.recipe.frames);
    assert.is(differingPixels(first.rgba, cli[0]), 0, `${label}: frame 0`);
    assert.is(differingPixels(seventh.rgba, cli[7]), 0, `${label}: frame 7`);
    // Not a blank canvas that happens to match: the picture moves between frames.
    assert.ok(differingPixels(first.rgba, seventh.rgba) > 1000, `${label}: frames 0 and 7 differ`);
  }
  await page!.evaluate(() => window.zsweepStudio.play());
});

browserTest('breed: a generation of children, pick one (the CLI renders it identically), undo, redo, and a branch', async () => {
  const before = await page!.evaluate(() => window.zsweepStudio.previewRecipe());
  await page!.click('#tab-breed');
  await page!.waitForFunction(() => document.querySelectorAll('[data-grid="breed"] .cell').length === 8);
  const cells = await page!.$$('[data-grid="breed"] .cell');
  await cells[4].click();
  await page!.waitForFunction(() => document.querySelector('#breed-note')?.textContent === 'bred: 1 step');
  const child = await previewFrame(page!, 0);
  assert.is(child.recipe.breed?.length, 1);
  assert.is(child.recipe.breed![0].kind, 'mutate');
  assert.is(child.recipe.seed, before.seed);
  const [cliChild] = await cliFrames(child.recipe, 'child');
  assert.is(differingPixels(child.rgba, cliChild), 0, "the child's frame 0");

  await page!.click('#undo');
  await page!.waitForFunction(() => window.zsweepStudio.previewRecipe().breed === undefined);
  const parent = await previewFrame(page!, 0);
  assert.equal(parent.recipe, before);
  assert.ok(differingPixels(parent.rgba, child.rgba) > 0, 'the child differs from its parent');
  await page!.click('#redo');
  await page!.waitForFunction(() => window.zsweepStudio.previewRecipe().breed?.length === 1);
  assert.equal(await page!.evaluate(() => window.zsweepStudio.previewRecipe()), child.recipe);

  // Back, and another child: a second branch from the same parent.
  await page!.click('#undo');
  await page!.waitForFunction(() => document.querySelectorAll('[data-grid="breed"] .cell').length === 8);
  await (await page!.$$('[data-grid="breed"] .cell'))[6].click();
  await page!.waitForFunction(() => /⑂2/.test(document.querySelector('#history')?.textContent ?? ''));
  await page!.evaluate(() => window.zsweepStudio.play());
  await page!.click('#tab-explore');
});

browserTest('render an MP4 from the page: progress, the file in the output folder with its recipe, download, decoded', async () => {
  // The calm default look: H.264's 4:2:0 chroma blurs a busy HSV picture far more than this one.
  for (const [option, value] of [
    ['arch', 'densenet'],
    ['colour', 'rgb'],
    ['inputs', 'standard'],
  ]) {
    await page!.evaluate((o, v) => window.zsweepStudio.set(o, v), option, value);
  }
  await page!.select('#render-size', '256x256');
  await page!.select('#render-format', 'mp4');
  const recipe = await page!.evaluate(() => window.zsweepStudio.previewRecipe());
  await page!.click('#render-start');
  await page!.waitForSelector('#render-download:not([hidden])', { timeout: 120_000 });
  const status = await page!.$eval('#render-status', (node) => node.textContent ?? '');
  assert.match(status, /^saved .*zsweep-.*\.mp4 with its recipe/);
  const file = readdirSync(outFolder).find((name) => name.endsWith('.mp4'))!;
  assert.ok(readdirSync(outFolder).includes(file.replace('.mp4', '.json')));
  const downloaded = await page!.$eval('#render-download', async (link) => {
    const response = await fetch((link as unknown as { href: string }).href);
    return Array.from(new Uint8Array(await response.arrayBuffer()));
  });
  const onDisk = readFileSync(join(outFolder, file));
  assert.equal(Buffer.from(downloaded), onDisk);
  const { stream } = await probe(join(outFolder, file));
  assert.is(stream.codec_name, 'h264');
  assert.is(Number(stream.nb_read_frames), recipe.frames);
  // What the person saw, encoded: the preview's frame 0 against the video's, through H.264.
  const preview = await previewFrame(page!, 0);
  const [decoded] = await decodeYuv(join(outFolder, file), 256, 256);
  const db = psnr([Uint8ClampedArray.from(preview.rgba)], [yuvToRgb709(decoded, 256, 256)]);
  assert.ok(db > 35, `${db} dB`);
  await page!.evaluate(() => window.zsweepStudio.play());
});

browserTest('dropping a zsweep file on the page opens its design, read by the server from the uploaded bytes', async () => {
  const gif = join(work, 'dropped.gif');
  const made = await runCli([
    '--seed',
    'dropped-seed',
    '--arch',
    'perceptron',
    '--colour',
    'bw',
    '--size',
    '32x32',
    '--frames',
    '2',
    '--out',
    gif,
  ]);
  assert.is(made.code, 0, made.stderr);
  await page!.evaluate(
    (bytes: number[]) => {
      const file = new File([new Uint8Array(bytes)], 'my loop.gif', { type: 'image/gif' });
      const transfer = new DataTransfer();
      transfer.items.add(file);
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    Array.from(readFileSync(gif)),
  );
  await page!.waitForFunction(() => window.zsweepStudio.previewRecipe().seed === 'dropped-seed', { timeout: 120_000 });
  const recipe = await page!.evaluate(() => window.zsweepStudio.previewRecipe());
  assert.is(recipe.network.arch, 'perceptron');
  assert.is(recipe.colour, 'bw');
  assert.match(await page!.$eval('#history', (node) => node.textContent ?? ''), /my loop\.gif/);
});

browserTest('the token leaves the address and the history: the page works on an HttpOnly cookie', async () => {
  // replaceState replaced the page's history entry: the address it keeps holds no token.
  assert.not.match(page!.url(), /token/);
  assert.is(await page!.evaluate(() => document.cookie), '', 'no script reads the cookie');
  // The cookie alone proves the token: a request without it in the URL or a header is answered.
  assert.is(await page!.evaluate(() => fetch('/api/info').then((reply) => reply.status)), 200);
  // A reload, from the address without the token, is still the studio, with the session it had.
  const before = await page!.evaluate(() => window.zsweepStudio.previewRecipe());
  await page!.reload();
  await page!.waitForFunction(() => window.zsweepStudio?.ready, { timeout: 120_000 });
  assert.equal(await page!.evaluate(() => window.zsweepStudio.previewRecipe()), before);
});

browserTest('refused in the browser: the page without its token, and another site posting a render', async () => {
  // A context of its own: none of the studio page's cookies.
  const context = await browser!.createBrowserContext();
  const stranger = await context.newPage();
  const bare = url.replace(/\?token=.*/, '');
  const response = await stranger.goto(bare);
  assert.is(response?.status(), 401);
  assert.match(await stranger.evaluate(() => document.body.textContent ?? ''), /needs the token/);

  // Another site's page that knows the token still cannot start a render: its Origin is not the studio's.
  const site = createServer((_, res) => res.end('<!doctype html><title>other site</title>'));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const sitePort = (site.address() as { port: number }).port;
  await stranger.goto(`http://localhost:${sitePort}/`);
  const before = readdirSync(outFolder).length;
  const recipe = await page!.evaluate(() => window.zsweepStudio.previewRecipe());
  const outcome = await stranger.evaluate(
    async (target, body) => {
      try {
        const reply = await fetch(target, { method: 'POST', mode: 'no-cors', body });
        return `sent (${reply.type})`;
      } catch (error) {
        return String(error);
      }
    },
    url.replace('/?', '/api/jobs?'),
    JSON.stringify({ recipe: { ...recipe, frames: 2 }, format: 'gif' }),
  );
  // Sent, and answered (no-cors hides the answer, a 403): not a request that never left the page.
  assert.is(outcome, 'sent (opaque)');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.is(readdirSync(outFolder).length, before, 'no render was started');
  site.close();
  await context.close();
});

test.run();
