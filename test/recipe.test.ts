import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { presetDraft, presets } from '../src/recipe/presets.ts';
import { readStoredRecipe } from '../src/recipe/read-recipe.ts';
import { parseRecipe } from '../src/recipe/recipe-schema.ts';
import { decodeGif } from './helpers/decode-gif.ts';
import { assertUsageError, runCli } from './helpers.ts';
import { parseRender, readRecipe, renderArgs, testFfmpeg } from './render-helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'zsweep-recipe-'));
const good = parseRender({ seed: 'r', size: '24x16', frames: '3', arch: 'resnet', latent: '3', zCentre: '0.1,0.2,0.3' }).recipe;
const goodJson = () => JSON.parse(JSON.stringify(good));

const rejects = assertUsageError;

test('a recipe round-trips through JSON text and back into the same options', async () => {
  const parsed = parseRecipe(JSON.stringify(good), 'x.json');
  assert.equal(parsed, good);
  assert.equal(parseRender({}, parsed).recipe, good);
});

test('command-line options override the recipe; a new length replaces its length', async () => {
  const { recipe } = parseRender({ size: '64x32', duration: '1', fps: '12' }, good);
  assert.is(recipe.width, 64);
  assert.is(recipe.frames, 12);
  assert.is(recipe.fps, 12);
  assert.is(recipe.seed, 'r');
  assert.equal(recipe.sweep.centre, [0.1, 0.2, 0.3]);
});

test('bad recipes: one line naming the field', async () => {
  // biome-ignore lint/suspicious/noExplicitAny: a recipe broken on purpose, field by field
  const bad = (mutate: (r: any) => void) => {
    const r = goodJson();
    mutate(r);
    return JSON.stringify(r);
  };
  await rejects(() => parseRecipe('{"seed": ', 'a.json'), /a\.json is not valid JSON/);
  await rejects(() => parseRecipe('[1]', 'a.json'), /not a JSON object/);
  await rejects(
    () =>
      parseRecipe(
        bad((r) => {
          r.extra = 1;
        }),
        'a.json',
      ),
    /Invalid recipe field \(top level\) "extra" in a\.json/,
  );
  await rejects(
    () =>
      parseRecipe(
        bad((r) => {
          r.network.depth = 1;
        }),
        'a.json',
      ),
    /field network "depth"/,
  );
  await rejects(
    () =>
      parseRecipe(
        bad((r) => {
          r.width = '24';
        }),
        'a.json',
      ),
    /field width in a\.json: .*number/i,
  );
  await rejects(
    () =>
      parseRecipe(
        bad((r) => {
          r.width = 1e9;
        }),
        'a.json',
      ),
    /field width/,
  );
  await rejects(
    () =>
      parseRecipe(
        bad((r) => {
          r.frames = 2.5;
        }),
        'a.json',
      ),
    /field frames/,
  );
  await rejects(
    () =>
      parseRecipe(
        bad((r) => {
          r.network.arch = 'cnn';
        }),
        'a.json',
      ),
    /field network\.arch/,
  );
  await rejects(
    () =>
      parseRecipe(
        bad((r) => {
          r.sweep.centre = [1];
        }),
        'a.json',
      ),
    /field sweep\.centre.*3 numbers/,
  );
  await rejects(
    () =>
      parseRecipe(
        bad((r) => {
          delete r.seed;
        }),
        'a.json',
      ),
    /field seed/,
  );
  await rejects(
    () =>
      parseRecipe(
        bad((r) => {
          r.recipe = 2;
          r.zsweep = '9.0.0';
        }),
        'a.json',
      ),
    /format 2 \(zsweep 9\.0\.0\).*upgrade zsweep/,
  );
  await rejects(() => parseRecipe('{"zsweep": "0", "recipe": 1, "__proto__": {"polluted": true}}', 'a.json'), /forbidden key "__proto__"/);
  await rejects(() => parseRecipe('{"network": {"constructor": {}}}', 'a.json'), /forbidden key "constructor"/);
  await rejects(() => parseRecipe(`${' '.repeat(70 * 1024)}{}`, 'a.json'), /larger than 64 KiB/);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test('--from re-renders a GIF with no overrides to the same bytes, and a JSON recipe too', async () => {
  const first = join(folder, 'first.gif');
  const json = join(folder, 'first.json');
  await renderArgs({ seed: '77', size: '32x24', frames: '4', colour: 'hsv', out: first, quiet: true, recipeOut: json });
  const fromGif = await readRecipe(first);
  const fromJson = await readRecipe(json);
  assert.equal(fromGif, fromJson);
  const again = join(folder, 'again.gif');
  await renderArgs({ out: again, quiet: true }, { base: fromGif });
  assert.ok(readFileSync(first).equals(readFileSync(again)));
});

test('--from on the command line, with an override', async () => {
  const source = join(folder, 'cli-source.gif');
  assert.is((await runCli(['--seed', 'cli', '--size', '16x16', '--frames', '2', '--out', source, '--quiet'])).code, 0);
  const bigger = join(folder, 'cli-bigger.gif');
  const result = await runCli(['--from', source, '--size', '24x20', '--out', bigger, '--quiet']);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, `${bigger}\nseed cli\n`);
  const gif = await decodeGif(bigger);
  assert.is(gif.width, 24);
  assert.is(gif.frames.length, 2);
});

test('--from keeps a non-default --crf for the same format, and not for another', async () => {
  const first = join(folder, 'crf23.mp4');
  await renderArgs({ seed: 'crf', size: '32x32', frames: '3', crf: '23', out: first, quiet: true });
  const recipe = await readRecipe(first);
  assert.equal(recipe.video, { format: 'mp4', crf: 23, quality: 'balanced' });
  const again = join(folder, 'crf23-again.mp4');
  await renderArgs({ out: again, quiet: true }, { base: recipe });
  assert.ok(readFileSync(first).equals(readFileSync(again)), 'same bytes');
  assert.is(parseRender({ out: 'x.mp4', crf: '30' }, recipe).crf, 30);
  assert.is(parseRender({ out: 'x.webm' }, recipe).crf, 24);
  assert.is(parseRender({ out: 'x.gif' }, recipe).crf, undefined);
});

test('--from refuses what is not a zsweep file', async () => {
  const plain = join(folder, 'plain.json');
  writeFileSync(plain, '{"hello": 1}');
  await rejects(() => readRecipe(plain), /plain\.json holds no zsweep recipe/);
  await rejects(() => readRecipe(join(folder, 'missing.gif')), /--from ".*missing\.gif": expected an existing file/);
  await rejects(() => readRecipe(join(folder, 'x.txt')), /--from ".*x\.txt": expected a file made by zsweep/);
  const notGif = join(folder, 'fake.gif');
  writeFileSync(notGif, 'not a gif at all');
  await rejects(() => readRecipe(notGif), /expected a readable \.gif file \(not a GIF\)/);
  const result = await runCli(['--from', plain]);
  assert.is(result.code, 2);
});

test('presets: every one renders, and the command line overrides it', async () => {
  assert.equal(
    presets.map((p) => p.slug),
    ['complexity', 'streams', 'lines', 'alices-purple-rabbit', 'the-storm', 'prism', 'gradient', 'excess', 'stained'],
  );
  for (const preset of presets) {
    const options = parseRender({ preset: preset.slug, size: '16x16', frames: '2', quiet: true, out: join(folder, `${preset.slug}.gif`) });
    assert.is(options.recipe.seed, preset.draft.seed);
    assert.is(options.recipe.network.beta, preset.draft.beta);
    assert.is(options.recipe.network.arch, preset.draft.arch);
    assert.is(options.recipe.colour, preset.draft.colour);
    const gif = await decodeGif(
      (await renderArgs({ preset: preset.slug, size: '16x16', frames: '2', quiet: true, out: join(folder, `${preset.slug}.gif`) })).path,
    );
    assert.is(gif.frames.length, 2);
  }
  assert.is(parseRender({ preset: 'stained', beta: '5' }).recipe.network.beta, 5);
  assert.is(presetDraft(presets[0]).seed, '6130076054');
  await rejects(() => parseRender({ preset: 'mona-lisa' }), /--preset "mona-lisa": expected one of complexity, streams/);
  await rejects(() => parseRender({ preset: 'prism' }, good), /--preset "prism" with --from/);
});

test('--inputs: symmetric pictures are mirror images; radial ones change the picture', async () => {
  const gif = await decodeGif(
    (await renderArgs({ seed: 's', inputs: 'symmetric', size: '20x20', frames: '1', out: join(folder, 'sym.gif'), quiet: true })).path,
  );
  const f = gif.frames[0];
  const at = (x: number, y: number) => f[(y * 20 + x) * 4];
  let mismatches = 0;
  for (let y = 0; y < 20; y++) for (let x = 0; x < 10; x++) if (Math.abs(at(x, y) - at(19 - x, y)) > 40) mismatches++;
  // Dithering adds small differences; the picture itself is mirror-symmetric.
  assert.ok(mismatches < 10, `${mismatches} mismatched pixels`);
  assert.is(parseRender({ inputs: 'radial' }).recipe.network.inputs, 'radial');
});

test('--from every format: MP4, WebM, PNG sequence frame and still all give back their recipe', async () => {
  const base = { seed: 'formats', size: '32x32', frames: '3', quiet: true };
  const recipes = [];
  for (const ext of ['mp4', 'webm']) {
    const out = join(folder, `f.${ext}`);
    await renderArgs({ ...base, out });
    recipes.push(await readRecipe(out));
    // Re-rendered with no overrides: the same bytes.
    const again = join(folder, `f-again.${ext}`);
    await renderArgs({ out: again, quiet: true }, { base: await readRecipe(out) });
    assert.ok(readFileSync(out).equals(readFileSync(again)), `${ext} bytes`);
  }
  await renderArgs({ ...base, out: join(folder, 'seq', '%02d.png') });
  const stored = await readStoredRecipe(join(folder, 'seq', '03.png'), { ffmpeg: testFfmpeg });
  assert.is(stored.frame, 2);
  recipes.push(stored.recipe);
  for (const recipe of recipes) {
    assert.is(recipe.seed, 'formats');
    assert.is(recipe.frames, 3);
    assert.is(recipe.width, 32);
  }
  // A still from frame 2 of the sequence shows the same pixels as that frame.
  const still = join(folder, 'from-frame.png');
  const result = await runCli(['still', '--from', join(folder, 'seq', '03.png'), '--aa', '1', '--out', still, '--quiet']);
  assert.is(result.code, 0, result.stderr);
  const [a, b] = await Promise.all(
    [still, join(folder, 'seq', '03.png')].map(async (path) => {
      const image = await loadImage(readFileSync(path));
      const canvas = createCanvas(image.width, image.height);
      canvas.getContext('2d').drawImage(image, 0, 0);
      return canvas.getContext('2d').getImageData(0, 0, image.width, image.height).data;
    }),
  );
  assert.equal(a, b);
  assert.is((await readStoredRecipe(still, { ffmpeg: testFfmpeg })).frame, 2);
});

test.run();
