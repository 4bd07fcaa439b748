import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type Palette, paletteTable } from '../src/cppn/palette.ts';
import { completePicture, recipeOf } from '../src/options/complete-picture.ts';
import { namedSpeeds } from '../src/options/look-options.ts';
import { presets } from '../src/recipe/presets.ts';
import type { Recipe } from '../src/recipe/recipe.ts';
import type { RecipeDraft } from '../src/recipe/recipe-draft.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { measureLook, speedPerFrame } from '../src/render/measure-look.ts';
import { labelHeight } from '../src/render/render-contact-sheet.ts';
import { probe, repoRoot, runCli, tempFolder } from './helpers.ts';
import { parseRender, readRecipe } from './render-helpers.ts';

const folder = tempFolder();

/** A new render's recipe for `draft` at a small size, measured as a render measures it. */
async function measured(draft: RecipeDraft, shape = { width: 96, height: 96, fps: 30, frames: 60, aa: 1 }): Promise<Recipe> {
  const picture = completePicture(draft);
  return measureLook(recipeOf(picture, shape), picture.look);
}

/** Every frame of the recipe's loop, coloured as a render colours it. */
async function framesOf(recipe: Recipe): Promise<Uint8ClampedArray[]> {
  const { width, height, frames } = recipe;
  const { backend, sweep, colouring } = await openFramePipeline(recipe, 'cpu');
  try {
    const result: Uint8ClampedArray[] = [];
    for (let frame = 0; frame < frames; frame++)
      result.push(colouring(await backend.evaluate(sweep(frame, frames)), new Uint8ClampedArray(width * height * 4)));
    return result;
  } finally {
    await backend.close();
  }
}

/** Mean change per colour channel (0–255) between consecutive frames, round the loop. */
function motionPerFrame(frames: Uint8ClampedArray[]): number {
  let total = 0;
  let count = 0;
  for (let f = 0; f < frames.length; f++) {
    const [a, b] = [frames[f], frames[(f + 1) % frames.length]];
    for (let i = 0; i < a.length; i++) {
      if (i % 4 === 3) continue;
      total += Math.abs(a[i] - b[i]);
      count++;
    }
  }
  return total / count;
}

function luminanceSpread(rgba: Uint8ClampedArray): number {
  const luma: number[] = [];
  for (let i = 0; i < rgba.length; i += 4) luma.push(0.2126 * rgba[i] + 0.7152 * rgba[i + 1] + 0.0722 * rgba[i + 2]);
  const mean = luma.reduce((a, b) => a + b, 0) / luma.length;
  return Math.sqrt(luma.reduce((a, b) => a + (b - mean) ** 2, 0) / luma.length);
}

async function pngPixels(path: string): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(readFileSync(path));
  const context = createCanvas(image.width, image.height).getContext('2d');
  context.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: context.getImageData(0, 0, image.width, image.height).data };
}

test('--speed: every topology moves within 25% of the asked motion per frame, for several seeds and speeds', async () => {
  const cases: [RecipeDraft, number][] = [];
  for (const arch of ['densenet', 'perceptron', 'resnet'] as const) {
    for (const seed of ['3', '21']) cases.push([{ arch, seed }, namedSpeeds.medium]);
  }
  cases.push([{ arch: 'perceptron', seed: '5', speed: namedSpeeds.calm }, namedSpeeds.calm]);
  cases.push([{ arch: 'resnet', seed: '5', speed: namedSpeeds.lively }, namedSpeeds.lively]);
  cases.push([{ seed: '9', activation: 'sin', beta: 64, speed: 4 }, 4]);
  cases.push([{ arch: 'perceptron', seed: '5', loop: 'pingpong' }, namedSpeeds.medium]);
  for (const [draft, speed] of cases) {
    const recipe = await measured(draft);
    assert.is(recipe.speed, speed);
    const motion = motionPerFrame(await framesOf(recipe));
    assert.ok(Math.abs(motion / speed - 1) <= 0.25, `${JSON.stringify(draft)}: ${motion.toFixed(2)} per frame, asked ${speed}`);
  }
});

test('--speed is stated at 30 fps: at 60 fps each frame moves half as far, the motion per second is the same', async () => {
  assert.is(speedPerFrame(2.5, 60), 1.25);
  const recipe = await measured({ seed: '4' }, { width: 64, height: 64, fps: 60, frames: 120, aa: 1 });
  const motion = motionPerFrame(await framesOf(recipe));
  assert.ok(Math.abs(motion / 1.25 - 1) <= 0.25, `${motion.toFixed(2)} per frame at 60 fps`);
});

test('the measurement is deterministic: the same command gives the same recipe, and a radius given wins', async () => {
  const a = await measured({ arch: 'resnet', seed: 'same' });
  const b = await measured({ arch: 'resnet', seed: 'same' });
  assert.equal(a, b);
  // Rounded to 3 significant digits, so kernels that differ in their last bits agree.
  assert.is(Number(a.sweep.radius.toPrecision(3)), a.sweep.radius);
  const given = await measured({ arch: 'resnet', seed: 'same', radius: 0.3 });
  assert.is(given.sweep.radius, 0.3);
  assert.is(given.speed, undefined);
  const result = await runCli(['--speed', 'calm', '--radius', '0.3', '--out', join(folder, 'x.gif')]);
  assert.is(result.code, 2);
  assert.match(result.stderr, /^zsweep: Invalid --speed "calm" with --radius: .*give one of them\n$/);
  const bad = await runCli(['--speed', 'zippy', '--out', join(folder, 'x.gif')]);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /Invalid --speed "zippy": expected calm, medium, lively, or a number from 0\.05 to 50/);
});

test('levels: one fixed map for the whole loop (every frame of a render is that map of the outputs), and a flat seed is spread', async () => {
  const out = join(folder, 'seq', '%04d.png');
  const result = await runCli(['--seed', 'levels', '--size', '40x32', '--frames', '5', '--out', out, '-q']);
  assert.is(result.code, 0, result.stderr);
  const files = readdirSync(join(folder, 'seq')).sort();
  const recipes = await Promise.all(files.map((file) => readRecipe(join(folder, 'seq', file))));
  assert.ok(recipes[0].levels, 'the recipe stores the levels');
  for (const recipe of recipes) assert.equal(recipe, recipes[0]);
  // The frames are exactly the recipe's one map applied to each frame's outputs: no per-frame normalisation.
  const expected = await framesOf(recipes[0]);
  for (const [f, file] of files.entries()) {
    assert.equal(Array.from((await pngPixels(join(folder, 'seq', file))).data), Array.from(expected[f]), `frame ${f}`);
  }

  // The flattest of 24 seeds without levels, with them.
  const shape = { width: 64, height: 64, fps: 30, frames: 30, aa: 1 };
  let flattest = { seed: '', spread: Number.POSITIVE_INFINITY };
  for (let seed = 1; seed <= 24; seed++) {
    const raw = await measured({ seed: String(seed), levels: 'none' }, shape);
    const spread = luminanceSpread((await framesOf({ ...raw, frames: 1 }))[0]);
    if (spread < flattest.spread) flattest = { seed: String(seed), spread };
  }
  const stretched = await measured({ seed: flattest.seed }, shape);
  const spread = luminanceSpread((await framesOf({ ...stretched, frames: 1 }))[0]);
  assert.ok(
    spread >= 2 * flattest.spread && spread >= 20,
    `seed ${flattest.seed}: spread ${flattest.spread.toFixed(1)} → ${spread.toFixed(1)}`,
  );
  const none = await runCli(['--levels', 'none', '--seed', '1', '--size', '16x16', '--out', join(folder, 'none.png'), '-q']);
  assert.is(none.code, 0, none.stderr);
  assert.is((await readRecipe(join(folder, 'none.png'))).levels, undefined);
});

test('--palette: every pixel lies on the palette gradient (blended in OKLab); names and colour lists; bad ones refused', async () => {
  const cases: [string, Palette][] = [
    ['#102030,#f0c040', ['#102030', '#f0c040']],
    ['#000,#ff0000,#fff', ['#000000', '#ff0000', '#ffffff']],
  ];
  for (const [option, stops] of cases) {
    const out = join(folder, `palette-${stops.length}.png`);
    const result = await runCli(['--palette', option, '--seed', 'p', '--size', '48x48', '--out', out, '-q']);
    assert.is(result.code, 0, result.stderr);
    const recipe = await readRecipe(out);
    assert.is(recipe.colour, 'palette');
    assert.equal(recipe.palette, stops);
    const table = paletteTable(stops);
    const { data } = await pngPixels(out);
    let worst = 0;
    for (let i = 0; i < data.length; i += 4) {
      let nearest = Number.POSITIVE_INFINITY;
      for (let t = 0; t < table.length; t += 3) {
        nearest = Math.min(nearest, Math.max(...[0, 1, 2].map((c) => Math.abs(data[i + c] - table[t + c]))));
      }
      worst = Math.max(worst, nearest);
    }
    assert.ok(worst <= 1, `${option}: a pixel ${worst} off the gradient`);
  }
  assert.is(parseRender({ palette: 'ember' }).recipe.palette?.[0], '#0b0211');
  assert.is(parseRender({ palette: 'spectrum' }).recipe.palette?.length, 12, 'a cosine palette, sampled');
  assert.is(parseRender({ colour: 'palette' }).recipe.palette?.length, 6, '--colour palette alone takes the default palette');
  for (const [args, pattern] of [
    [['--palette', 'tartan'], /Invalid --palette "tartan": expected a palette name \(ember, .*\) or 2 to 32 colours/],
    [['--palette', '#fff,#12345g'], /Invalid --palette "#fff,#12345g": .*"#12345g" is not a colour/],
    [['--palette', 'ember', '--colour', 'hsv'], /Invalid --colour "hsv": expected no --colour with --palette/],
  ] as const) {
    const result = await runCli([...args, '--out', join(folder, 'bad.gif')]);
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, pattern);
    assert.is(result.stderr.split('\n').length, 2, 'one line');
  }
});

test('presets: each is not blank (luminance spread) and not noise (motion per frame in range), and they differ', async () => {
  const firsts: Uint8ClampedArray[] = [];
  for (const preset of presets) {
    const recipe = await measured(preset.draft, { width: 64, height: 64, fps: 30, frames: 120, aa: 1 });
    const frames = await framesOf(recipe);
    const spread = luminanceSpread(frames[0]);
    const motion = motionPerFrame(frames);
    assert.ok(spread >= 15, `${preset.slug}: luminance spread ${spread.toFixed(1)}`);
    assert.ok(motion >= 0.7 && motion <= 7, `${preset.slug}: ${motion.toFixed(2)} per frame`);
    firsts.push(frames[0]);
  }
  for (let a = 0; a < firsts.length; a++) {
    for (let b = a + 1; b < firsts.length; b++) {
      let difference = 0;
      for (let i = 0; i < firsts[a].length; i++) difference += Math.abs(firsts[a][i] - firsts[b][i]);
      assert.ok(difference / firsts[a].length > 10, `${presets[a].slug} and ${presets[b].slug} look alike`);
    }
  }
});

test('grid: a PNG sheet stores every cell, and --from SHEET --cell N renders that cell (its first frame the same pixels)', async () => {
  const sheet = join(folder, 'sheet.png');
  const made = await runCli(['grid', '--seeds', '4-7', '--cell', '40', '--arch', 'resnet', '--out', sheet, '-q']);
  assert.is(made.code, 0, made.stderr);
  const { width, data } = await pngPixels(sheet);
  assert.is(width, 80);
  const cell = join(folder, 'cell3.png');
  const again = await runCli(['--from', sheet, '--cell', '3', '--size', '40x40', '--out', cell, '-q']);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /^.*cell3\.png\nseed 6\n$/);
  const pixels = (await pngPixels(cell)).data;
  // Cell 3 is the first of the second row.
  const y0 = 40 + labelHeight;
  for (let y = 0; y < 40; y++) {
    const row = Array.from(data.subarray((y0 + y) * 80 * 4, ((y0 + y) * 80 + 40) * 4));
    assert.equal(Array.from(pixels.subarray(y * 40 * 4, (y + 1) * 40 * 4)), row, `row ${y}`);
  }
  const recipe = await readRecipe(cell);
  assert.is(recipe.network.arch, 'resnet');
  assert.ok(recipe.speed !== undefined && recipe.levels !== undefined, 'the cell was measured');
  // Without --cell, or out of range, or --cell without a sheet: one line, exit 2.
  for (const [args, pattern] of [
    [['--from', sheet], /--cell N with a contact sheet: it holds 4 loops, numbered 1 to 4/],
    [['--from', sheet, '--cell', '5'], /Invalid --cell "5": expected a cell from 1 to 4/],
    [['--from', cell, '--cell', '1'], /Invalid --cell "1": expected a contact sheet/],
    [['--cell', '1'], /Invalid --cell "1": expected --from SHEET with it/],
  ] as const) {
    const result = await runCli([...args, '--out', join(folder, 'bad.gif')]);
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, pattern);
  }
});

test('grid --out sheet.mp4: every loop playing at once, as long as a render of them', async () => {
  const out = join(folder, 'sheet.mp4');
  const made = await runCli(['grid', '--seeds', '1,2', '--cell', '32', '--frames', '6', '--out', out, '-q']);
  assert.is(made.code, 0, made.stderr);
  const { stream } = await probe(out);
  assert.is(stream.width, 64);
  assert.is(stream.height, 32 + labelHeight);
  assert.is(stream.nb_read_frames, '6');
  const odd = await runCli(['grid', '--cell', '33', '--out', join(folder, 'odd.mp4')]);
  assert.is(odd.code, 2);
  assert.match(odd.stderr, /Invalid --cell "33": expected an even number/);
});

test('old files keep their promise: recipes made before speed, levels and palettes render the same bytes', async () => {
  const fixtures = join(repoRoot, 'test/fixtures/before-look');
  for (const [file, command] of [
    ['densenet.gif', []],
    ['perceptron-hsv-pingpong.gif', []],
    ['the-storm-still.png', ['still']],
  ] as const) {
    const source = join(folder, file);
    copyFileSync(join(fixtures, file), source);
    const out = join(folder, `again-${file}`);
    const result = await runCli([...command, '--from', source, '--out', out, '-q']);
    assert.is(result.code, 0, result.stderr);
    assert.ok(readFileSync(out).equals(readFileSync(source)), `${file}: the same bytes`);
  }
});

test('a new recipe renders the same bytes with --from; changing what is drawn measures again', async () => {
  const first = join(folder, 'new.gif');
  const made = await runCli(['--seed', 'again', '--arch', 'perceptron', '--size', '32x32', '--frames', '8', '--out', first, '-q']);
  assert.is(made.code, 0, made.stderr);
  const again = join(folder, 'new-again.gif');
  assert.is((await runCli(['--from', first, '--out', again, '-q'])).code, 0);
  assert.ok(readFileSync(again).equals(readFileSync(first)));
  const recipe = await readRecipe(first);
  const resized = parseRender({ size: '64x64' }, recipe).recipe;
  assert.is(resized.sweep.radius, recipe.sweep.radius, 'a new size keeps the measured path');
  const faster = parseRender({ speed: 'lively' }, recipe);
  assert.is(faster.look?.speed, namedSpeeds.lively, 'a new speed is measured');
  const other = parseRender({ beta: '4' }, recipe);
  assert.is(other.look?.speed, recipe.speed, 'another network is measured again at the recipe speed');
  assert.is(other.look?.levels, true);
});

test.run();
