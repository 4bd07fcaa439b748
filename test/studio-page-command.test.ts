import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { test as uvuTest } from 'uvu';
import * as assert from 'uvu/assert';
import type { OptionValue } from '../src/studio/page/design-edits.ts';
import { chromiumSkipReason } from './helpers/chromium.ts';
import { guardedTest } from './helpers/guarded-test.ts';
import { cliPath, ffmpegPath, tempFolder, testUnless } from './helpers.ts';
import { closeBrowser, openStudioPage, type PageHooks, type Studio, startStudio } from './studio-page-harness.ts';

// Hooks that start a browser or a server: their failure fails the tests (uvu alone would pass them unrun).
const test = guardedTest(uvuTest);

declare const window: { zsweepStudio: PageHooks };

let studio: Studio | undefined;
let page: Page | undefined;
const shellFolder = tempFolder();
const browserTest = (name: string, fn: () => Promise<void>) => testUnless(test, chromiumSkipReason, name, fn);

/** Runs a copied command in a shell, as a person pastes it, with this checkout's zsweep for `npx zsweep`. */
function runInShell(command: string, cwd: string): Promise<{ code: number | null; stderr: string }> {
  const line = command.replace(/^npx zsweep /, `'${process.execPath}' '${cliPath}' `);
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], { cwd, env: { ...process.env, FFMPEG_PATH: ffmpegPath }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data) => (stderr += data));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Renders the focused design from the page (Render, as a person clicks it) and returns the file's bytes. */
async function renderFromPage(at: Page, outFolder: string, button = '#render-start'): Promise<Buffer> {
  await at.waitForFunction(
    (selector: string) => {
      // biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
      return !(globalThis as any).document.querySelector(selector).disabled;
    },
    {},
    button,
  );
  const before = await at.$eval('#render-status', (node) => node.textContent ?? '');
  await at.click(button);
  // A new outcome: the last render's line stays until this one's first event.
  const outcome = at.waitForFunction(
    (previous: string) => {
      // biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
      const text = (globalThis as any).document.querySelector('#render-status').textContent;
      return text !== previous && /^(saved|render failed|refused|not sent)/.test(text);
    },
    { timeout: 180_000 },
    before,
  );
  await outcome.catch(async (error: Error) => {
    const now = await at.$eval('#render-status', (node) => node.textContent ?? '');
    throw new Error(`${error.message}: the render's line still reads "${now}"`);
  });
  const status = await at.$eval('#render-status', (node) => node.textContent ?? '');
  const file = /^saved .*\/([^/]+) with its recipe/.exec(status)?.[1];
  assert.ok(file, status);
  return readFileSync(join(outFolder, file!));
}

/** Each design follows from the one before it, as a person would get there; the format varies. */
const designs: { name: string; changes: [string, OptionValue][]; format: string }[] = [
  { name: 'the first design, levels and speed measured', changes: [['seconds', 0.5]], format: 'mp4' },
  { name: 'Levels none', changes: [['levels', 'none']], format: 'mp4' },
  { name: 'pingpong, levels none', changes: [['loop', 'pingpong']], format: 'webm' },
  { name: 'pingpong with levels', changes: [['levels', 'auto']], format: 'gif' },
  { name: 'fps 24 (nothing measured again)', changes: [['fps', 24]], format: 'mp4' },
  {
    name: 'a radius by hand, levels none (every option spelled out)',
    changes: [
      ['loop', 'circle'],
      ['radius', 0.4],
      ['levels', 'none'],
    ],
    format: 'mp4',
  },
  { name: 'one PNG', changes: [], format: 'png' },
  { name: 'a live page (zsweep export)', changes: [], format: 'html' },
  {
    name: 'a text seed, resnet',
    changes: [
      ['seed', 'night sky'],
      ['arch', 'resnet'],
    ],
    format: 'gif',
  },
  {
    name: 'hsv, latent 3',
    changes: [
      ['colour', 'hsv'],
      ['latent', 3],
    ],
    format: 'webm',
  },
  {
    name: 'a palette of its own at speed 2',
    changes: [
      ['palette', ['#1b1b3a', '#693668', '#f84aa7', '#ffe3b3']],
      ['speed', 2],
    ],
    format: 'mp4',
  },
];

browserTest(`"Copy command" run in a shell gives the bytes of the page's render, for ${designs.length} designs`, async () => {
  studio = await startStudio();
  page = await openStudioPage(studio.url);
  await page.evaluate(() => window.zsweepStudio.pauseGrids());
  const session = await page.createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: shellFolder });
  await page.select('#render-size', '256x256');
  for (const [index, design] of designs.entries()) {
    const before = await page.evaluate(() => window.zsweepStudio.design());
    for (const [option, value] of design.changes) await page.evaluate((o, v) => window.zsweepStudio.set(o, v), option, value);
    const after = await page.evaluate(() => window.zsweepStudio.design());
    if (design.changes[0]?.[0] === 'fps') {
      assert.equal([after.sweep, after.levels, after.speed], [before.sweep, before.levels, before.speed], 'fps does not measure again');
      assert.is(after.frames, Math.round((before.frames / before.fps) * 24));
    }
    // The live page by its own button (Export live), which also turns the format to it; the rest as chosen.
    const live = design.format === 'html';
    const fromLive = live ? await renderFromPage(page, studio.outFolder, '#render-export-live') : undefined;
    if (live) assert.is(await page.$eval('#render-format', (node) => (node as unknown as { value: string }).value), 'html');
    else await page.select('#render-format', design.format);
    const command = await page.$eval('#render-command', (node) => (node as unknown as { value: string }).value);
    assert.not.match(command, /--frames \d+ .*--out \S+\.png$/, 'no length for one PNG');
    const recipeFile = /--from (\S+)/.exec(command)?.[1];
    if (recipeFile) {
      await page.click('#render-save-recipe');
      for (let wait = 0; !existsSync(join(shellFolder, recipeFile)) && wait < 100; wait++) await new Promise((r) => setTimeout(r, 100));
    }
    const fromPage = fromLive ?? (await renderFromPage(page, studio.outFolder));
    const folder = join(shellFolder, String(index));
    const out = /--out (\S+)$/.exec(command)![1];
    const shell = await runInShell(command.replace(/--out \S+$/, `--out ${index}-${out}`), shellFolder);
    assert.is(shell.code, 0, `${design.name}: ${command}\n${shell.stderr}`);
    const fromShell = readFileSync(join(shellFolder, `${index}-${out}`));
    assert.ok(
      fromPage.equals(fromShell),
      `${design.name}: the page's ${design.format} and the command's differ (${fromPage.length} and ${fromShell.length} bytes)\n${command}`,
    );
    if (design.name.includes('spelled out')) assert.not.match(command, /--from/);
    if (recipeFile) {
      // The file the command reads is the design the page rendered: the page's one truth.
      const { encoding, ...saved } = JSON.parse(readFileSync(join(shellFolder, recipeFile), 'utf8'));
      assert.equal({ ...saved, width: after.width, height: after.height }, after, `${design.name}: the saved recipe is the design`);
      // A GIF made in the page is a new GIF: the second encoder, recorded for --from.
      assert.equal(encoding, design.format === 'gif' ? { gif: 2 } : undefined, `${design.name}: the saved recipe's encoding`);
    }
    void folder;
  }
});

test.after(async () => {
  await closeBrowser();
  studio?.stop();
});

test.run();
