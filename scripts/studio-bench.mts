// Measures the studio in headless Chromium (README, "zsweep studio"): how many frames a second the
// preview's workers evaluate at 256² and 512² for each topology's default network, and the time from
// a control change to the new picture on screen. Needs Debian's chromium (or CHROMIUM_PATH).
//   node --import tsx scripts/studio-bench.mts [--shot docs/studio.png]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { namedPalette } from '../src/cppn/palette.ts';
import type { Recipe } from '../src/recipe/recipe.ts';
import { parseRecipe } from '../src/recipe/recipe-schema.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { startStudio } from '../src/studio/server/studio-server.ts';
import { launchChromium } from '../test/helpers/chromium.ts';

// biome-ignore lint/suspicious/noExplicitAny: the page's hooks, used inside page.evaluate only
declare const window: any;
// biome-ignore lint/suspicious/noExplicitAny: the page's DOM, used inside page.evaluate only
declare const document: any;

/** The CLI's own evaluation of the same design (the wasm backend in Node), for scale on a machine whose load varies. */
async function cliFps(recipe: Recipe, size: number, frames: number): Promise<number> {
  const pipeline = await openFramePipeline(parseRecipe(JSON.stringify({ ...recipe, width: size, height: size }), 'bench'), 'cpu');
  try {
    await pipeline.backend.evaluate(pipeline.sweep(0, recipe.frames));
    const started = performance.now();
    for (let f = 0; f < frames; f++) await pipeline.backend.evaluate(pipeline.sweep(f, recipe.frames));
    return frames / ((performance.now() - started) / 1000);
  } finally {
    await pipeline.backend.close();
  }
}

const shot = process.argv.includes('--shot') ? process.argv[process.argv.indexOf('--shot') + 1] : undefined;
const out = mkdtempSync(join(tmpdir(), 'zsweep-studio-bench-'));
const studio = await startStudio({ host: '127.0.0.1', port: 0, outFolder: out, env: process.env });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 860 });
  await page.goto(studio.url);
  await page.waitForFunction(() => window.zsweepStudio?.ready, { timeout: 60_000 });
  const setup = await page.evaluate(() => ({ kernel: window.zsweepStudio.kernel, threads: window.zsweepStudio.threads }));
  console.log(`Chromium ${await browser.version()}, ${setup.kernel} kernel, ${setup.threads} workers`);

  // The grids' thumbnails would share the workers: stopped for the throughput figures.
  await page.evaluate(() => window.zsweepStudio.pauseGrids());
  console.log('| topology | page 256² fps | page 512² fps | CLI 256² fps | CLI 512² fps |\n| --- | --- | --- | --- | --- |');
  for (const arch of ['densenet', 'perceptron', 'resnet']) {
    const [fps, recipe] = await page.evaluate(async (a: string) => {
      const hooks = window.zsweepStudio;
      await hooks.set('arch', a);
      hooks.pauseGrids();
      const design = hooks.previewRecipe();
      hooks.hold(0);
      await hooks.measure(design, 256, 4);
      return [[await hooks.measure(design, 256, 30), await hooks.measure(design, 512, 12)], design];
    }, arch);
    const cli = [await cliFps(recipe, 256, 30), await cliFps(recipe, 512, 12)];
    console.log(`| ${arch} | ${[...fps, ...cli].map((value: number) => value.toFixed(1)).join(' | ')} |`);
  }

  // A control change to the new picture: β moved, the new design's look measured (its radius for the
  // default speed, its levels) and its first frame drawn (256², the explore grid shown).
  await page.evaluate(async () => {
    await window.zsweepStudio.set('arch', 'densenet');
    window.zsweepStudio.play();
    document.querySelector('#tab-breed').click();
    document.querySelector('#tab-explore').click();
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const latencies: number[] = [];
  const measures: number[] = [];
  for (const beta of [64, 100, 181, 300, 512, 900, 128, 256]) {
    const ms = await page.evaluate(async (b: number) => {
      const hooks = window.zsweepStudio;
      hooks.lastLatencyMs = Number.NaN;
      hooks.set('beta', b);
      while (Number.isNaN(hooks.lastLatencyMs)) await new Promise((resolve) => setTimeout(resolve, 5));
      return [hooks.lastLatencyMs, hooks.lastMeasureMs];
    }, beta);
    latencies.push(ms[0]);
    measures.push(ms[1]);
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  latencies.sort((a, b) => a - b);
  measures.sort((a, b) => a - b);
  console.log(
    `  of which measuring the new design's look: median ${measures[measures.length >> 1].toFixed(0)} ms, worst ${measures.at(-1)!.toFixed(0)} ms`,
  );
  console.log(
    `control change → new picture (densenet, 256², ${latencies.length} changes): median ${latencies[latencies.length >> 1].toFixed(0)} ms, worst ${latencies.at(-1)!.toFixed(0)} ms`,
  );

  if (shot) {
    await page.evaluate(async (stops: readonly string[]) => {
      await window.zsweepStudio.set('beta', 1024);
      await window.zsweepStudio.set('seed', '11');
      await window.zsweepStudio.set('palette', stops);
    }, namedPalette('ember')!);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
  }
} finally {
  await browser.close();
  await studio.close();
  rmSync(out, { recursive: true, force: true });
}
