import seedrandom from 'seedrandom';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { colourModes } from '../src/cppn/colour.ts';
import { activationNames } from '../src/cppn/network/activations.ts';
import { inputKinds } from '../src/cppn/network/inputs.ts';
import { architectures } from '../src/cppn/network/network.ts';
import { paletteNames } from '../src/cppn/palette.ts';
import { loops } from '../src/cppn/sweep.ts';
import { exportLoop } from '../src/export/export-loop.ts';
import { type ExportArgs, parseExportOptions } from '../src/options/export-options.ts';
import type { Recipe } from '../src/recipe/recipe.ts';
import { boxDownsample } from '../src/render/box-downsample.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { measureLook } from '../src/render/measure-look.ts';
import { chromiumSkipReason, launchChromium } from './helpers/chromium.ts';
import { loopFrame, loopReady, rgbPsnr } from './helpers/live-loop.ts';
import { testUnless } from './helpers.ts';

const cases = Number(process.env.ZSWEEP_EXPORT_CASES) || 8;
const side = 64;
const frames = 6;

/** One random combination of the picture options, as the command line would give them. */
function drawOptions(random: () => number): ExportArgs {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const loop = pick(loops);
  const colour = pick(colourModes);
  const args: ExportArgs = {
    seed: String(Math.floor(random() * 1e6)),
    arch: pick(architectures),
    layers: String(1 + Math.floor(random() * 5)),
    hidden: String(3 + Math.floor(random() * 14)),
    activation: pick(activationNames),
    inputs: pick(inputKinds),
    colour,
    levels: pick(['auto', 'none']),
    loop,
    latent: String((loop === 'circle' ? 2 : 1) + Math.floor(random() * 4)),
    scale: (0.5 + random() * 2.5).toFixed(2),
    aa: pick(['1', '1', '2']),
  };
  if (colour === 'palette') args.palette = random() < 0.5 ? pick(paletteNames) : '#102030,#f0a000,#ffffff';
  return args;
}

/** The minimal command that makes the case again. */
function commandOf(args: ExportArgs): string {
  const flags = Object.entries(args).map(([name, value]) => `--${name} ${value}`);
  return `zsweep export ${flags.join(' ')} --size ${side}x${side} --frames ${frames} --out loop.html`;
}

/** The CLI's frame k of a recipe: its pipeline (render/frame-pipeline.ts) on the CPU path, supersampled as a render is. */
async function cliFrame(recipe: Recipe, k: number): Promise<Uint8ClampedArray> {
  const { backend, sweep, colouring, grid } = await openFramePipeline(recipe, 'cpu');
  try {
    const rgba = colouring(await backend.evaluate(sweep(k, recipe.frames)), new Uint8ClampedArray(grid.width * grid.height * 4));
    return boxDownsample(rgba, grid.width, grid.height, recipe.aa);
  } finally {
    await backend.close();
  }
}

testUnless(
  test,
  chromiumSkipReason,
  `random combinations of every picture option: the page's frames 0 and N/2 within 40 dB of the CLI's (${cases} cases)`,
  async () => {
    const random = seedrandom('export-property');
    const browser = await launchChromium();
    const failures: string[] = [];
    try {
      for (let c = 0; c < cases; c++) {
        // A fresh page each time: an element's name is defined once per window.
        const page = await browser.newPage();
        await page.setViewport({ width: side, height: side });
        const args = drawOptions(random);
        const options = parseExportOptions({ ...args, size: `${side}x${side}`, frames: String(frames) });
        const recipe = await measureLook(options.recipe, options.look);
        await page.setContent(await exportLoop({ recipe, kind: 'page', fit: options.fit }));
        const ready = await loopReady(page);
        for (const k of [0, frames / 2]) {
          const db = ready === 'webgl2' ? rgbPsnr((await loopFrame(page, k)).data, await cliFrame(recipe, k)) : 0;
          if (!(db >= 40)) failures.push(`frame ${k}: ${db.toFixed(1)} dB (${ready}): ${commandOf(args)}`);
        }
        await page.close();
      }
    } finally {
      await browser.close();
    }
    assert.equal(failures, []);
  },
);

test.run();
