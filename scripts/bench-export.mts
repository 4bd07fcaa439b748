// Frames a second of an exported page in Chromium's SwiftShader (software WebGL2, on the CPU) beside
// the WebAssembly SIMD path (the kernel the CLI and the studio's preview run; here in Node on its
// worker threads) for the same designs and sizes, interleaved in one run, several rounds. Prints a
// Markdown table of the ranges. A GPU is not measured here. Never used by the tests.
//
//   node --import tsx scripts/bench-export.mts [--rounds 3] [--frames 20]
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { exportLoop } from '../src/export/export-loop.ts';
import { parseExportOptions } from '../src/options/export-options.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { measureLook } from '../src/render/measure-look.ts';
import { launchChromium } from '../test/helpers/chromium.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, frames: { type: 'string', default: '20' } } });
const rounds = Number(values.rounds);
const frames = Number(values.frames);
const designs = ['densenet', 'perceptron'] as const;
const sizes = [256, 512];

// biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
declare const document: any;

const browser = await launchChromium();
const results = new Map<string, number[]>();
const note = (key: string, fps: number) => results.set(key, [...(results.get(key) ?? []), fps]);
for (let round = 0; round < rounds; round++) {
  for (const arch of designs) {
    for (const side of sizes) {
      const options = parseExportOptions({ seed: '42', arch, size: `${side}x${side}` });
      const recipe = await measureLook(options.recipe, options.look);
      const page = await browser.newPage();
      await page.setViewport({ width: side, height: side });
      await page.setContent(await exportLoop({ recipe, kind: 'page', fit: options.fit }));
      await page.waitForFunction(() => document.querySelector('zsweep-loop')?.ready, { polling: 100, timeout: 300_000 });
      const ms = await page.evaluate((count: number) => {
        const element = document.querySelector('zsweep-loop');
        const gl = element.shadowRoot.querySelector('canvas').getContext('webgl2');
        // Reading a pixel back waits until the frame is drawn (finish() alone returns before SwiftShader is done).
        const pixel = new Uint8Array(4);
        element.frame(0);
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        const started = performance.now();
        for (let k = 1; k <= count; k++) {
          element.frame(k);
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        }
        return (performance.now() - started) / count;
      }, frames);
      note(`${arch} ${side}² page (SwiftShader WebGL2)`, 1000 / ms);
      await page.close();

      const { backend, sweep } = await openFramePipeline(recipe, 'cpu');
      await backend.evaluate(sweep(0, recipe.frames));
      const started = performance.now();
      for (let k = 1; k <= frames; k++) await backend.evaluate(sweep(k, recipe.frames));
      note(`${arch} ${side}² WebAssembly SIMD (${backend.name})`, (1000 * frames) / (performance.now() - started));
      await backend.close();
    }
  }
}
await browser.close();
const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0].model;
console.log(`${cpu}, ${cpus().length} CPUs, Node ${process.version}; ${rounds} rounds of ${frames} frames\n`);
console.log('| design, size, path | frames a second (range over rounds) |\n|---|---|');
for (const [key, fps] of results) console.log(`| ${key} | ${Math.min(...fps).toFixed(1)}–${Math.max(...fps).toFixed(1)} |`);
