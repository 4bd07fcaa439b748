import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildFfmpegArgs, flattenFfmpegArgs } from '../src/encoders/ffmpeg/ffmpeg-args.ts';
import { formats } from '../src/encoders/formats.ts';
import type { RenderArgs } from '../src/options/render-options.ts';
import { parseRecipe } from '../src/recipe/recipe-schema.ts';
import { type Manifest, manifestDifference, parseManifest } from '../src/segments/manifest.ts';
import { repoRoot, tempFolder, testUnless } from './helpers.ts';
import { parseRender, readRecipe, renderArgs, testFfmpeg } from './render-helpers.ts';

const parse = (args: RenderArgs) => parseRender({ seed: '1', ...args });
const argsFor = (format: 'mp4' | 'webm', quality?: 'fast' | 'balanced' | 'small') =>
  flattenFfmpegArgs(
    buildFfmpegArgs({ codec: formats[format].video, path: 'x', width: 16, height: 16, fps: 10, crf: 18, comment: 'c', quality }),
  ).join(' ');

test('--quality: balanced by default and kept in the recipe; fast and small; refused where there is no video encoder', () => {
  assert.equal(parse({}).recipe.video, { format: 'mp4', crf: 18, quality: 'balanced' });
  assert.equal(parse({ quality: 'fast' }).recipe.video, { format: 'mp4', crf: 18, quality: 'fast' });
  assert.equal(parse({ quality: 'small', out: 'a.webm' }).recipe.video, { format: 'webm', crf: 24, quality: 'small' });
  assert.throws(() => parse({ quality: 'best' }), /Invalid --quality "best": expected one of fast, balanced, small/);
  assert.throws(() => parse({ quality: 'fast', out: 'a.gif' }), /Invalid --quality "fast": expected no --quality/);
});

test('--from: the recipe level carries over to the same format; a recipe without one stays without (rendered as before levels)', () => {
  const withLevel = parse({ quality: 'small' }).recipe;
  assert.is(parseRender({}, withLevel).recipe.video?.quality, 'small');
  assert.is(parseRender({ quality: 'fast' }, withLevel).recipe.video?.quality, 'fast');
  assert.is(parseRender({ out: 'a.webm' }, withLevel).recipe.video?.quality, 'balanced');
  const old = { ...withLevel, video: { format: 'mp4' as const, crf: 18 } };
  assert.equal(parseRender({}, old).recipe.video, { format: 'mp4', crf: 18 });
  assert.equal(parseRecipe(JSON.stringify(old), 'old.json'), old);
  assert.throws(() => parseRecipe(JSON.stringify({ ...old, video: { ...old.video, quality: 'best' } }), 'r.json'), /video\.quality/);
});

test('x264 presets and libvpx -cpu-used by level; without a level, the settings of before (medium, cpu-used 2)', () => {
  assert.match(argsFor('mp4'), / -c:v libx264 -preset medium -crf 18 /);
  assert.match(argsFor('mp4', 'small'), / -preset medium /);
  assert.match(argsFor('mp4', 'balanced'), / -preset veryfast /);
  assert.match(argsFor('mp4', 'fast'), / -preset superfast /);
  assert.match(argsFor('webm'), / -cpu-used 2 /);
  assert.match(argsFor('webm', 'balanced'), / -cpu-used 2 /);
  assert.match(argsFor('webm', 'fast'), / -cpu-used 4 /);
  assert.match(argsFor('webm', 'small'), / -cpu-used 1 /);
});

test("a segmented render's manifest carries the level; one without it (made before levels) still reads, and differs", () => {
  const recipe = parse({}).recipe;
  const manifest: Manifest = {
    zsweepParts: 1,
    format: 'mp4',
    encoder: 'libx264',
    crf: 18,
    quality: 'balanced',
    ffmpeg: '5.1',
    segmentFrames: 120,
    segments: 2,
    recipe,
  };
  assert.equal(parseManifest(JSON.stringify(manifest), 'm.json'), manifest);
  const { quality: _, ...old } = manifest;
  const oldRecipe = { ...recipe, video: { format: 'mp4' as const, crf: 18 } };
  assert.equal(parseManifest(JSON.stringify({ ...old, recipe: oldRecipe }), 'm.json'), { ...old, recipe: oldRecipe });
  assert.is(manifestDifference(old, manifest), 'quality is absent there, "balanced" here');
  assert.throws(() => parseManifest(JSON.stringify({ ...manifest, quality: 'best' }), 'm.json'), /not a manifest this zsweep reads/);
});

// Files made by zsweep before --quality existed (commit 3f6a791, `--seed fixture --size 64x48 --frames 6
// --backend cpu`), one per ffmpeg build, named after its version, on 2 vCPUs: x264 and libvpx choose their
// threads by the cores, which changes their bytes, and the recipe's backend names its threads. Rendered
// again from themselves, they must come out byte for byte the same.
const fixtures = join(repoRoot, 'test/fixtures/before-quality');
const ffmpegVersion = (await testFfmpeg()).version;
const made = readdirSync(fixtures).filter((name) => name.startsWith(`${ffmpegVersion}.`));
testUnless(
  test,
  made.length === 0
    ? `no file made before --quality with ffmpeg ${ffmpegVersion} in test/fixtures/before-quality`
    : availableParallelism() !== 2
      ? `the files made before --quality were made on 2 vCPUs, and this machine has ${availableParallelism()} (x264 and libvpx then write other bytes)`
      : undefined,
  'a video made before --quality existed renders again to the same bytes (MP4 and WebM)',
  async () => {
    for (const name of made) {
      const path = join(fixtures, name);
      const recipe = await readRecipe(path);
      assert.is(recipe.video?.quality, undefined);
      const again = join(tempFolder(), name.replace(/^.*\./, 'again.'));
      await renderArgs({ out: again, backend: 'cpu', quiet: true }, { base: recipe });
      assert.ok(readFileSync(path).equals(readFileSync(again)), `${name}: same bytes`);
    }
  },
);

test.run();
