// docs/export.png: a screenshot of an exported page in Chromium (SwiftShader WebGL2) beside the CLI's
// PNG frame of the same recipe, both 256², with the PSNR between them. Never used by the tests.
//
//   node --import tsx scripts/export-screenshot.mts [--seed 42] [--palette dusk] [--out docs/export.png]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { canvasModule } from '../src/encoders/canvas-module.ts';
import { exportLoop } from '../src/export/export-loop.ts';
import { parseExportOptions } from '../src/options/export-options.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { measureLook } from '../src/render/measure-look.ts';
import { launchChromium } from '../test/helpers/chromium.ts';
import { loopReady, rgbPsnr } from '../test/helpers/live-loop.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    palette: { type: 'string', default: 'dusk' },
    frame: { type: 'string', default: '0' },
    out: { type: 'string', default: 'docs/export.png' },
  },
});
const side = 256;
const options = parseExportOptions({ seed: values.seed, palette: values.palette, size: `${side}x${side}` });
const recipe = await measureLook(options.recipe, options.look);
const k = Number(values.frame);

const { backend, sweep, colouring } = await openFramePipeline(recipe, 'cpu');
const cli = colouring(await backend.evaluate(sweep(k, recipe.frames)), new Uint8ClampedArray(side * side * 4));
await backend.close();

const browser = await launchChromium();
const page = await browser.newPage();
await page.setViewport({ width: side, height: side });
await page.setContent(await exportLoop({ recipe, kind: 'page', fit: options.fit }));
await loopReady(page);
// biome-ignore lint/suspicious/noExplicitAny: the page's DOM
await page.evaluate((frame: number) => (globalThis as any).document.querySelector('zsweep-loop').frame(frame), k);
const shot = PNG.sync.read(Buffer.from(await page.screenshot({ clip: { x: 0, y: 0, width: side, height: side } })));
await browser.close();
const db = rgbPsnr(shot.data, cli);

const { createCanvas, ImageData } = canvasModule();
const gap = 12;
const label = 28;
const canvas = createCanvas(side * 2 + gap * 3, side + gap * 2 + label);
const context = canvas.getContext('2d');
context.fillStyle = '#ffffff';
context.fillRect(0, 0, canvas.width, canvas.height);
context.putImageData(new ImageData(new Uint8ClampedArray(shot.data), side, side), gap, gap);
context.putImageData(new ImageData(cli, side, side), side + gap * 2, gap);
context.fillStyle = '#222222';
context.font = '14px sans-serif';
context.fillText('zsweep export: the page in Chromium', gap, side + gap + 20);
context.fillText(`zsweep: the PNG frame (${db.toFixed(1)} dB)`, side + gap * 2, side + gap + 20);
writeFileSync(values.out, await canvas.encode('png'));
console.log(`${values.out}: seed ${recipe.seed}, frame ${k}, PSNR ${db.toFixed(1)} dB`);
