import { type ChildProcess, spawn } from 'node:child_process';
import type { Browser, Page } from 'puppeteer-core';
import type { Recipe } from '../src/recipe/recipe.ts';
import type { OptionValue } from '../src/studio/page/design-edits.ts';
import { launchChromium } from './helpers/chromium.ts';
import { cliPath, ffmpegPath, repoRoot, tempFolder } from './helpers.ts';

/**
 * What the functions given to page.evaluate use: they run in the page, but these tests are typed for
 * Node, without the DOM library (the page's own code is checked with it: src/studio/page/tsconfig.json).
 */
export interface PageHooks {
  ready: boolean;
  playing: number;
  hold(frame: number): Promise<void>;
  play(): void;
  previewRecipe(): Recipe;
  design(): Recipe;
  set(option: string, value: OptionValue): Promise<void>;
  pauseGrids(): void;
  saved(): Promise<void>;
}

/** A running `zsweep studio`, as a user starts it: its URL is the first line it prints. */
export interface Studio {
  readonly url: string;
  readonly outFolder: string;
  readonly process: ChildProcess;
  stop(): void;
}

export async function startStudio(outFolder = tempFolder()): Promise<Studio> {
  const child = spawn(process.execPath, [cliPath, 'studio', '--no-open', '--out', outFolder], {
    cwd: repoRoot,
    env: { ...process.env, FFMPEG_PATH: ffmpegPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.trim().split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`zsweep studio exited with ${code}`)));
  });
  return { url, outFolder, process: child, stop: () => child.kill('SIGINT') };
}

let browser: Browser | undefined;

/** The page at `url` (with `extra` query words), once its first frame is drawn. */
export async function openStudioPage(
  url: string,
  { width = 1400, height = 900, extra = '' }: { width?: number; height?: number; extra?: string } = {},
): Promise<Page> {
  browser ??= await launchChromium();
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(url + extra);
  await waitReady(page);
  return page;
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as unknown as { zsweepStudio?: PageHooks }).zsweepStudio?.ready, { timeout: 120_000 });
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** A short FNV-1a hash of the preview canvas's pixels: which picture is on screen. */
export function canvasHash(page: Page): Promise<string> {
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
    const canvas = (globalThis as any).document.querySelector('#preview');
    const pixels: Uint8ClampedArray = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0x811c9dc5;
    for (let i = 0; i < pixels.length; i += 7) hash = Math.imul(hash ^ pixels[i], 0x01000193);
    return (hash >>> 0).toString(16);
  });
}
