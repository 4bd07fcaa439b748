import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../src/errors.ts';
import { parseGridOptions, parseSeedList } from '../src/options/grid-options.ts';
import { parseStillOptions } from '../src/options/still-options.ts';
import { boxDownsample } from '../src/render/box-downsample.ts';
import { labelHeight, renderContactSheet } from '../src/render/render-contact-sheet.ts';
import { renderStill } from '../src/render/render-still.ts';
import { runCli } from './helpers.ts';
import { renderArgs } from './render-helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'zsweep-still-'));

const pixels = async (path: string) => {
  const image = await loadImage(readFileSync(path));
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: context.getImageData(0, 0, image.width, image.height).data };
};

test('box downsampling averages each block exactly', async () => {
  const rgba = new Uint8ClampedArray([0, 0, 0, 255, 100, 100, 100, 255, 50, 50, 50, 255, 250, 250, 250, 255]);
  assert.equal(Array.from(boxDownsample(rgba, 2, 2, 2)), [100, 100, 100, 255]);
  assert.is(boxDownsample(rgba, 2, 2, 1), rgba);
});

test('--aa shrinks each frame by an exact box average, for every factor', async () => {
  for (const aa of [2, 3]) {
    const small = join(folder, `aa${aa}.png`);
    const big = join(folder, `aa${aa}-big.png`);
    await renderArgs({ seed: 'aa', size: '20x12', aa: String(aa), out: small, quiet: true });
    await renderArgs({ seed: 'aa', size: `${20 * aa}x${12 * aa}`, out: big, quiet: true });
    const expected = boxDownsample(new Uint8ClampedArray((await pixels(big)).data), 20 * aa, 12 * aa, aa);
    assert.equal(Array.from((await pixels(small)).data), Array.from(expected), `aa ${aa}`);
  }
});

test('a still has the asked size in every format, and bands join into the same picture as one piece', async () => {
  for (const [name, aa] of [
    ['one.png', '1'],
    ['two.jpg', '2'],
    ['three.webp', '3'],
  ] as const) {
    const out = join(folder, name);
    await renderStill(parseStillOptions({ seed: '4', size: '90x60', aa, out, quiet: true }).request);
    const image = await pixels(out);
    assert.is(image.width, 90);
    assert.is(image.height, 60);
  }
  // Evaluated in many small bands, the picture is the same as in one band.
  const whole = join(folder, 'whole.png');
  const banded = join(folder, 'banded.png');
  await renderStill(parseStillOptions({ seed: '5', size: '40x30', aa: '2', out: whole, quiet: true }).request);
  await renderStill({ ...parseStillOptions({ seed: '5', size: '40x30', aa: '2', out: banded, quiet: true }).request, bandSamples: 200 });
  assert.equal((await pixels(banded)).data, (await pixels(whole)).data);
});

test('still: bad input is refused in one line', async () => {
  const rejects = (run: () => unknown, pattern: RegExp) => {
    try {
      run();
    } catch (error) {
      assert.instance(error, UsageError);
      assert.match((error as Error).message, pattern);
      return;
    }
    assert.unreachable();
  };
  rejects(() => parseStillOptions({ aa: '5' }), /--aa "5": expected a whole number from 1 to 4/);
  rejects(() => parseStillOptions({ size: '40000x10' }), /--size "40000x10"/);
  rejects(() => parseStillOptions({ out: 'x.gif' }), /--out "x\.gif": expected an image file ending in \.png, \.jpg or \.webp/);
  rejects(() => parseStillOptions({ frame: '120' }), /--frame "120": expected a whole number from 0 to 119/);
  assert.is(parseStillOptions({ size: '3000x3000' }).request.recipe.width, 3000);
});

test('grid: seeds lists, one labelled cell per seed', async () => {
  assert.equal(parseSeedList('1-3,7,sunrise'), ['1', '2', '3', '7', 'sunrise']);
  assert.throws(() => parseSeedList('5-1'), /--seeds "5-1"/);
  assert.throws(() => parseSeedList('1-1000'), /at most 400/);
  assert.throws(() => parseSeedList('1,,2'), /--seeds "1,,2"/);
  const out = join(folder, 'sheet.png');
  const { request } = parseGridOptions({ seeds: '1-5', cell: '32', out, quiet: true });
  assert.is(request.columns, 3);
  assert.equal(
    request.recipes.map((r) => r.seed),
    ['1', '2', '3', '4', '5'],
  );
  await renderContactSheet(request);
  const image = await pixels(out);
  assert.is(image.width, 3 * 32);
  assert.is(image.height, 2 * (32 + labelHeight));
  // The label strip under the first cell has light text on the dark background.
  let light = 0;
  for (let y = 32; y < 32 + labelHeight; y++) for (let x = 0; x < 32; x++) if (image.data[(y * image.width + x) * 4] > 128) light++;
  assert.ok(light > 5, `label pixels: ${light}`);
});

test('grid and still from the command line; an existing file is refused', async () => {
  const out = join(folder, 'cli-grid.png');
  const result = await runCli(['grid', '--seeds', '1-2', '--cell', '24', '--out', out, '--quiet']);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, `${out}\n`);
  const again = await runCli(['grid', '--seeds', '1-2', '--cell', '24', '--out', out]);
  assert.is(again.code, 2);
  assert.match(again.stderr, /already exists/);
  const stray = await runCli(['grid', '--from', 'x.gif']);
  assert.is(stray.code, 2);
  assert.match(stray.stderr, /^zsweep: Option --from is not one of zsweep grid's: see zsweep grid --help/);
  const still = join(folder, 'cli-still.png');
  writeFileSync(join(folder, 'unrelated'), '');
  const made = await runCli(['still', '--seed', '9', '--size', '30x20', '--out', still, '--quiet']);
  assert.is(made.code, 0, made.stderr);
  assert.is(made.stdout, `${still}\nseed 9\n`);
});

test.run();
