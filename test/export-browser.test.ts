import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'puppeteer-core';
import { test as uvuTest } from 'uvu';
import * as assert from 'uvu/assert';
import type { Recipe } from '../src/recipe/recipe.ts';
import { chromiumSkipReason, launchChromium } from './helpers/chromium.ts';
import { guardedTest } from './helpers/guarded-test.ts';
import { loopFrame, loopReady, meanChange, rgbPsnr, runFragment } from './helpers/live-loop.ts';
import { runCli, tempFolder, testUnless } from './helpers.ts';

// Hooks that start a browser or a server: their failure fails the tests (uvu alone would pass them unrun).
const test = guardedTest(uvuTest);

// biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
declare const window: any, document: any, HTMLCanvasElement: any, Event: any;

const work = tempFolder();
const frames = 16;
let browser: Browser | undefined;

/** Designs across the option space: every topology, four colour modes, the three input kinds and loops, supersampling. */
const designs = [
  { name: 'densenet-rgb', args: ['--seed', '7'], outs: ['loop.html', 'loop.isf.fs'] },
  {
    name: 'perceptron-hsv-radial-pingpong',
    args: ['--seed', '11', '--arch', 'perceptron', '--colour', 'hsv', '--inputs', 'radial', '--loop', 'pingpong'],
    outs: ['loop.html'],
  },
  {
    name: 'resnet-palette-symmetric-none-aa2',
    args: [
      '--seed',
      '5',
      '--arch',
      'resnet',
      '--hidden',
      '13',
      '--palette',
      'ember',
      '--inputs',
      'symmetric',
      '--loop',
      'none',
      '--aa',
      '2',
      '--scale',
      '1.5',
    ],
    outs: ['loop.html', 'loop.js'],
  },
  {
    name: 'densenet-oklab-gauss-latent5',
    args: ['--seed', 'x', '--colour', 'oklab', '--activation', 'gauss', '--latent', '5'],
    outs: ['loop.html', 'loop.glsl'],
  },
] as const;

interface Made {
  recipe: Recipe;
  /** The CLI's PNG frames, RGBA. */
  cli: Uint8Array[];
  folder: string;
}
const made = new Map<string, Made>();

/** `zsweep --out frames/%04d.png --recipe-out r.json` at 256², then `zsweep export --from r.json` as every kind. */
async function make(name: string, args: readonly string[], outs: readonly string[]): Promise<Made> {
  const folder = join(work, name);
  mkdirSync(join(folder, 'frames'), { recursive: true });
  const rendered = await runCli([
    ...args,
    '--size',
    '256x256',
    '--frames',
    `${frames}`,
    '--out',
    join(folder, 'frames/%04d.png'),
    '--recipe-out',
    join(folder, 'r.json'),
    '--quiet',
  ]);
  assert.is(rendered.code, 0, rendered.stderr);
  for (const out of outs) {
    const exported = await runCli(['export', '--from', join(folder, 'r.json'), '--size', '256x256', '--out', join(folder, out), '--quiet']);
    assert.is(exported.code, 0, exported.stderr);
  }
  const cli = readdirSync(join(folder, 'frames'))
    .sort()
    .map((file) => PNG.sync.read(readFileSync(join(folder, 'frames', file))).data);
  return { recipe: JSON.parse(readFileSync(join(folder, 'r.json'), 'utf8')), cli, folder };
}

async function openLoop(file: string, viewport = { width: 256, height: 256 }): Promise<Page> {
  browser ??= await launchChromium();
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.setViewport(viewport);
  await page.goto(pathToFileURL(file).href);
  return page;
}

const browserTest = (name: string, fn: () => Promise<void>) => testUnless(test, chromiumSkipReason, name, fn);

if (chromiumSkipReason === undefined) {
  test.before(async () => {
    for (const { name, args, outs } of designs) made.set(name, await make(name, args, outs));
  });
  test.after(async () => {
    await browser?.close();
  });
}

browserTest("the page plays the CLI's frames: frames 0 and N/2 at 256² within 40 dB PSNR, for four designs", async () => {
  for (const { name } of designs) {
    const { cli, folder } = made.get(name)!;
    const page = await openLoop(join(folder, 'loop.html'));
    assert.is(await loopReady(page), 'webgl2', name);
    for (const k of [0, frames / 2]) {
      const frame = await loopFrame(page, k);
      assert.equal([frame.width, frame.height], [256, 256]);
      const db = rgbPsnr(frame.data, cli[k]);
      console.log(`  ${name}, frame ${k}: ${db.toFixed(1)} dB`);
      assert.ok(db >= 40, `${name} frame ${k}: ${db.toFixed(1)} dB`);
    }
    // Not a blank canvas that happens to match: the picture moves.
    assert.ok(meanChange(cli[0], cli[frames / 2]) > 2, `${name}: frames 0 and N/2 differ`);
    await page.close();
  }
});

browserTest('the loop is seamless: frame N is frame 0, and the step from N−1 to N is like every other step', async () => {
  const { folder } = made.get('densenet-rgb')!;
  const page = await openLoop(join(folder, 'loop.html'));
  await loopReady(page);
  const shown: Uint8Array[] = [];
  for (let k = 0; k <= frames; k++) shown.push((await loopFrame(page, k)).data);
  assert.is(rgbPsnr(shown[frames], shown[0]), Number.POSITIVE_INFINITY, 'frame N is frame 0');
  const steps = shown.slice(1).map((frame, k) => meanChange(shown[k], frame));
  const wrap = steps[frames - 1];
  const others = steps.slice(0, -1);
  assert.ok(
    wrap <= 1.5 * Math.max(...others) && wrap >= 0.5 * Math.min(...others),
    `the wrap ${wrap} against ${others.map((s) => s.toFixed(2))}`,
  );
  // Played in real time, it moves on and stays within the loop.
  await page.evaluate(() => document.querySelector('zsweep-loop').play());
  await new Promise((resolve) => setTimeout(resolve, 600));
  const phase = await page.evaluate(() => document.querySelector('zsweep-loop').phase);
  assert.ok(phase > 0 && phase < 1, `phase ${phase}`);
  await page.close();
});

browserTest(
  'it keeps its size as the window resizes; a full-window page fills the new window with the CLI picture of that size',
  async () => {
    const { folder } = made.get('densenet-rgb')!;
    const fixed = await openLoop(join(folder, 'loop.html'), { width: 800, height: 600 });
    await loopReady(fixed);
    const size = () =>
      fixed.evaluate(() => {
        const element = document.querySelector('zsweep-loop');
        const canvas = element.shadowRoot.querySelector('canvas');
        const box = element.getBoundingClientRect();
        return [box.width, box.height, canvas.width, canvas.height];
      });
    assert.equal(await size(), [256, 256, 256, 256]);
    await fixed.setViewport({ width: 420, height: 300 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await size(), [256, 256, 256, 256]);
    await fixed.close();

    const exported = await runCli(['export', '--from', join(folder, 'r.json'), '--out', join(folder, 'window.html'), '--quiet']);
    assert.is(exported.code, 0, exported.stderr);
    const full = await openLoop(join(folder, 'window.html'), { width: 320, height: 200 });
    await loopReady(full);
    await full.setViewport({ width: 200, height: 320 });
    await full.waitForFunction(() => document.querySelector('zsweep-loop').shadowRoot.querySelector('canvas').height === 320, {
      polling: 100,
    });
    const frame = await loopFrame(full, 0);
    assert.equal([frame.width, frame.height], [200, 320]);
    const still = await runCli([
      'still',
      '--from',
      join(folder, 'r.json'),
      '--size',
      '200x320',
      '--aa',
      '1',
      '--frame',
      '0',
      '--out',
      join(folder, 'tall.png'),
      '--quiet',
    ]);
    assert.is(still.code, 0, still.stderr);
    const db = rgbPsnr(frame.data, PNG.sync.read(readFileSync(join(folder, 'tall.png'))).data);
    assert.ok(db >= 40, `at 200×320: ${db.toFixed(1)} dB against zsweep still`);
    await full.close();
  },
);

browserTest('no request leaves the page: only the file itself is loaded, and its policy allows nothing else', async () => {
  const { folder } = made.get('densenet-rgb')!;
  browser ??= await launchChromium();
  const page = await browser.newPage();
  await page.setViewport({ width: 256, height: 256 });
  const requests: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    requests.push(request.url());
    void request.continue();
  });
  const url = pathToFileURL(join(folder, 'loop.html')).href;
  await page.goto(url);
  assert.is(await loopReady(page), 'webgl2');
  await page.evaluate(() => document.querySelector('zsweep-loop').play());
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(
    requests.filter((r) => !r.startsWith('data:')),
    [url],
  );
  const html = readFileSync(join(folder, 'loop.html'), 'utf8');
  assert.match(html, /default-src 'none'/);
  assert.not.match(html, /https?:\/\/|src="(?!data:)/);
  await page.close();
});

browserTest('prefers-reduced-motion shows a still frame 0; a hidden page stops drawing', async () => {
  const { folder, cli } = made.get('densenet-rgb')!;
  browser ??= await launchChromium();
  const page = await browser.newPage();
  await page.setViewport({ width: 256, height: 256 });
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await page.goto(pathToFileURL(join(folder, 'loop.html')).href);
  await loopReady(page);
  await new Promise((resolve) => setTimeout(resolve, 400));
  const still = await page.evaluate(() => {
    const element = document.querySelector('zsweep-loop');
    return { phase: element.phase, request: element.request, url: element.shadowRoot.querySelector('canvas').toDataURL() };
  });
  assert.is(still.phase, 0);
  assert.is(still.request, 0, 'no animation frame asked for');
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'no-preference' }]);
  await page.waitForFunction(() => document.querySelector('zsweep-loop').phase > 0, { polling: 100 });
  // Hidden: the page's visibility as the browser reports it when a tab goes to the background.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const before = await page.evaluate(() => document.querySelector('zsweep-loop').phase);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.is(await page.evaluate(() => document.querySelector('zsweep-loop').phase), before);
  assert.is(await page.evaluate(() => document.querySelector('zsweep-loop').request), 0);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: false, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction((p: number) => document.querySelector('zsweep-loop').phase !== p, { polling: 100 }, before);
  assert.ok(cli.length === frames);
  await page.close();
});

browserTest('without WebGL2 the page shows the embedded still of frame 0', async () => {
  const { folder, cli } = made.get('densenet-rgb')!;
  browser ??= await launchChromium();
  const page = await browser.newPage();
  await page.setViewport({ width: 256, height: 256 });
  await page.evaluateOnNewDocument(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: unknown, kind: string, ...rest: unknown[]) {
      return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
    };
  });
  await page.goto(pathToFileURL(join(folder, 'loop.html')).href);
  assert.is(await loopReady(page), 'still: no WebGL2');
  const shown = await page.evaluate(() => {
    const root = document.querySelector('zsweep-loop').shadowRoot;
    const img = root.querySelector('img');
    return { hidden: img.hidden, canvasHidden: root.querySelector('canvas').hidden, width: img.naturalWidth, src: img.src.slice(0, 22) };
  });
  assert.equal(shown, { hidden: false, canvasHidden: true, width: 96, src: 'data:image/png;base64,' });
  assert.ok(cli.length > 0);
  await page.close();
});

browserTest('the web component: one script tag, width, height, speed and paused attributes', async () => {
  const { folder, cli } = made.get('resnet-palette-symmetric-none-aa2')!;
  writeFileSync(
    join(folder, 'embed.html'),
    '<!doctype html><p>An album page</p><script src="loop.js"></script><zsweep-loop width="256" height="256" speed="2"></zsweep-loop>',
  );
  const page = await openLoop(join(folder, 'embed.html'), { width: 600, height: 500 });
  assert.is(await loopReady(page), 'webgl2');
  assert.is(await page.evaluate(() => document.querySelector('zsweep-loop').speed), 2);
  const frame = await loopFrame(page, 0);
  assert.ok(rgbPsnr(frame.data, cli[0]) >= 40, 'frame 0 in the component');
  await page.evaluate(() => document.querySelector('zsweep-loop').play());
  await page.waitForFunction(() => document.querySelector('zsweep-loop').phase > 0, { polling: 100 });
  await page.evaluate(() => document.querySelector('zsweep-loop').setAttribute('paused', ''));
  const paused = await page.evaluate(() => document.querySelector('zsweep-loop').phase);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.is(await page.evaluate(() => document.querySelector('zsweep-loop').phase), paused);
  await page.evaluate(() => document.querySelector('zsweep-loop').setAttribute('width', '128'));
  await page.waitForFunction(() => document.querySelector('zsweep-loop').shadowRoot.querySelector('canvas').width === 128, {
    polling: 100,
  });
  await page.close();
});

/** An ISF host's part, as hosts do it: uniforms from the header's INPUTS and PASSES, and the ISF functions. */
function isfHost(source: string): { header: { INPUTS: { NAME: string; TYPE: string }[]; PASSES: { TARGET?: string }[] }; glsl: string } {
  const match = /^\/\*([\s\S]*?)\*\/([\s\S]*)$/.exec(source);
  assert.ok(match, 'an ISF file starts with its JSON header in a comment');
  const header = JSON.parse(match[1]);
  const types: Record<string, string> = {
    float: 'float',
    point2D: 'vec2',
    color: 'vec4',
    bool: 'bool',
    long: 'int',
    audioFFT: 'sampler2D',
    audio: 'sampler2D',
    image: 'sampler2D',
  };
  const uniforms = [
    ...header.INPUTS.map((input: { NAME: string; TYPE: string }) => `uniform ${types[input.TYPE]} ${input.NAME};`),
    ...header.PASSES.filter((pass: { TARGET?: string }) => pass.TARGET).map(
      (pass: { TARGET: string }) => `uniform sampler2D ${pass.TARGET};`,
    ),
  ];
  const glsl = [
    '#version 300 es',
    'precision highp float;',
    'uniform int PASSINDEX;',
    'uniform int FRAMEINDEX;',
    'uniform float TIME;',
    'uniform float TIMEDELTA;',
    'uniform vec2 RENDERSIZE;',
    ...uniforms,
    'out vec4 isf_FragColor;',
    '#define IMG_NORM_PIXEL(image, coord) texture(image, coord)',
    '#define IMG_PIXEL(image, coord) texture(image, (coord) / vec2(textureSize(image, 0)))',
    match[2].replaceAll('gl_FragColor', 'isf_FragColor'),
  ].join('\n');
  return { header, glsl };
}

browserTest("ISF: the header parses, the GLSL compiles in WebGL2, its clock runs, and it draws the CLI's frames", async () => {
  const { folder, cli, recipe } = made.get('densenet-rgb')!;
  const { header, glsl } = isfHost(readFileSync(join(folder, 'loop.isf.fs'), 'utf8'));
  assert.equal(
    header.INPUTS.map((input) => `${input.NAME}:${input.TYPE}`),
    ['speed:float', 'position:float', 'paletteMix:float', 'zCentre:point2D', 'audioDrive:float', 'fft:audioFFT'],
  );
  browser ??= await launchChromium();
  const page = await browser.newPage();
  const common = { uniforms: { speed: 1, position: 0, paletteMix: 1, zCentre: [0, 0], audioDrive: 0, TIMEDELTA: 1 / 30, TIME: 0 } };
  for (const k of [0, frames / 2]) {
    const frame = await runFragment(page, glsl, {
      width: 256,
      height: 256,
      ...common,
      uniforms: { ...common.uniforms, RENDERSIZE: [256, 256] },
      ints: { PASSINDEX: 1, FRAMEINDEX: 10 },
      textures: { fft: [0, 0, 0, 0], clock: [k / frames, 0, 0, 1] },
    });
    const db = rgbPsnr(frame.data, cli[k]);
    assert.ok(db >= 40, `ISF frame ${k}: ${db.toFixed(1)} dB`);
  }
  // Pass 0 moves the clock on by a frame's share of the loop each frame, faster with bass at full audio drive.
  const clock = async (bass: number) =>
    (
      await runFragment(page, glsl, {
        width: 1,
        height: 1,
        uniforms: { ...common.uniforms, RENDERSIZE: [1, 1], audioDrive: 1 },
        ints: { PASSINDEX: 0, FRAMEINDEX: 10 },
        textures: { fft: [bass, 0, 0, 1], clock: [0.25, 0, 0, 1] },
      })
    ).data[0];
  const step = recipe.fps / recipe.frames / 30;
  assert.ok(Math.abs((await clock(0)) - (0.25 + step) * 255) <= 1, 'one frame on');
  assert.ok(Math.abs((await clock(1)) - (0.25 + 4 * step) * 255) <= 1, 'four times as far with full bass');
  await page.close();
});

browserTest("Shadertoy: mainImage compiles in WebGL2 and draws the CLI's frames at iTime", async () => {
  const { folder, cli, recipe } = made.get('densenet-oklab-gauss-latent5')!;
  const source = readFileSync(join(folder, 'loop.glsl'), 'utf8');
  assert.match(source, /void mainImage\(out vec4 fragColor, in vec2 fragCoord\)/);
  const shadertoy = [
    '#version 300 es',
    'precision highp float;',
    'uniform vec3 iResolution;',
    'uniform float iTime;',
    'out vec4 shadertoyColour;',
    source,
    'void main() { mainImage(shadertoyColour, gl_FragCoord.xy); }',
  ].join('\n');
  browser ??= await launchChromium();
  const page = await browser.newPage();
  for (const k of [0, frames / 2]) {
    const frame = await runFragment(page, shadertoy, {
      width: 256,
      height: 256,
      uniforms: { iResolution: [256, 256, 1], iTime: k / recipe.fps },
    });
    const db = rgbPsnr(frame.data, cli[k]);
    assert.ok(db >= 40, `Shadertoy frame ${k}: ${db.toFixed(1)} dB`);
  }
  await page.close();
});

test.run();
