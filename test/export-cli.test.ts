import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exportKindOf } from '../src/export/export-kinds.ts';
import { glslFloat } from '../src/export/glsl-literal.ts';
import { isfHeader } from '../src/export/isf-shader.ts';
import { parseExportOptions } from '../src/options/export-options.ts';
import type { Recipe } from '../src/recipe/recipe.ts';
import { assertUsageError, runCli, tempFolder } from './helpers.ts';

const work = tempFolder();

/** The recipe a page carries (script#zsweep-recipe). */
function pageRecipe(html: string): Recipe {
  const match = /<script type="application\/json" id="zsweep-recipe">(.*?)<\/script>/s.exec(html);
  assert.ok(match, 'the page carries its recipe');
  return JSON.parse(match[1].replaceAll('<\\/', '</'));
}

test('GLSL literals: short, always floats, exact to float32', () => {
  assert.is(glslFloat(0), '0.');
  assert.is(glslFloat(2), '2.');
  assert.is(glslFloat(-0.5), '-.5');
  assert.is(glslFloat(1.23456789e-7), '1.234568e-7');
  for (const value of [Math.PI, -123.456789, 1e-12, 4.2e9]) {
    const text = glslFloat(value);
    assert.match(text, /[.e]/);
    assert.ok(Math.abs(Number(text) - value) <= Math.abs(value) * 1e-6, text);
  }
});

test('the kind of export comes from the ending of --out', () => {
  assert.is(exportKindOf('loop.html'), 'page');
  assert.is(exportKindOf('site/Loop.HTM'), 'page');
  assert.is(exportKindOf('loop.js'), 'component');
  assert.is(exportKindOf('loop.isf.fs'), 'isf');
  assert.is(exportKindOf('loop.fs'), 'isf');
  assert.is(exportKindOf('loop.glsl'), 'shadertoy');
  assert.is(exportKindOf('loop.mp4'), undefined);
  assert.is(exportKindOf('.html'), undefined);
});

test('what a shader cannot play is refused with one line each', async () => {
  await assertUsageError(() => parseExportOptions({ out: 'loop.mp4' }), /^Invalid --out "loop.mp4": expected a file ending in \.html/);
  await assertUsageError(() => parseExportOptions({ audio: 'song.mp3' }), /^Invalid --audio "song.mp3": .*constant speed/);
  await assertUsageError(() => parseExportOptions({ bars: '4' }), /^Invalid --bars "4": .*without beat accents/);
  await assertUsageError(
    () => parseExportOptions({}, { base: { soundtrack: { file: 'song.mp3', sha256: 'a'.repeat(64) } } }),
    /audio-driven recipe live .*song\.mp3/,
  );
  await assertUsageError(
    () => parseExportOptions({}, { base: { beat: { bpm: 120, beatsPerBar: 4, firstBeatSeconds: 0, downbeat: 0, bars: 2 } } }),
    /loop of whole bars live .*120 bpm/,
  );
  await assertUsageError(() => parseExportOptions({ frames: '1' }), /^Invalid --frames "1": .*2 to/);
});

test('--size fixes the page at that size; without it the page fills the window', () => {
  assert.equal(parseExportOptions({ size: '640x360' }).fit, { kind: 'size', width: 640, height: 360 });
  assert.equal(parseExportOptions({}).fit, { kind: 'window' });
});

test('the ISF header has what hosts read: version, generator category, float/point2D/audioFFT inputs with ranges, a persistent clock', () => {
  const header = isfHeader(parseExportOptions({ seed: '1' }).recipe) as {
    ISFVSN: string;
    CATEGORIES: string[];
    INPUTS: { NAME: string; TYPE: string; DEFAULT?: unknown; MIN?: unknown; MAX?: unknown }[];
    PASSES: { TARGET?: string; PERSISTENT?: boolean; FLOAT?: boolean }[];
  };
  assert.is(header.ISFVSN, '2');
  assert.equal(header.CATEGORIES, ['Generator']);
  for (const input of header.INPUTS.filter((i) => i.TYPE === 'float' || i.TYPE === 'point2D')) {
    assert.ok(input.DEFAULT !== undefined && input.MIN !== undefined && input.MAX !== undefined, input.NAME);
  }
  assert.ok(header.INPUTS.some((input) => input.TYPE === 'audioFFT'));
  assert.equal(header.PASSES[0], { TARGET: 'clock', PERSISTENT: true, FLOAT: true, WIDTH: 1, HEIGHT: 1 });
});

test("zsweep export measures the look as the render does: the page's recipe is the render's, and its size is reported", async () => {
  const frames = join(work, 'frames');
  mkdirSync(frames);
  const common = ['--seed', '9', '--size', '128x128', '--frames', '12', '--speed', 'lively'];
  const rendered = await runCli([...common, '--out', join(frames, '%04d.png'), '--recipe-out', join(work, 'r.json'), '--quiet']);
  assert.is(rendered.code, 0, rendered.stderr);
  const exported = await runCli(['export', ...common, '--out', join(work, 'a.html')]);
  assert.is(exported.code, 0, exported.stderr);
  assert.match(exported.stderr, /a self-contained web page, \d+\.\d KB \(\d+ bytes\)/);
  const { backend: _, ...recipe } = JSON.parse(readFileSync(join(work, 'r.json'), 'utf8'));
  assert.equal(pageRecipe(readFileSync(join(work, 'a.html'), 'utf8')), recipe);
  // An existing file is kept unless --force.
  const again = await runCli(['export', ...common, '--out', join(work, 'a.html')]);
  assert.is(again.code, 2);
  assert.match(again.stderr, /already exists: add --force/);
});

test('a densenet page is at most 64 KB and a perceptron page at most 160 KB', async () => {
  for (const [arch, budget] of [
    ['densenet', 64],
    ['perceptron', 160],
  ] as const) {
    const out = join(work, `${arch}.html`);
    const result = await runCli(['export', '--seed', '3', '--arch', arch, '--out', out, '--quiet']);
    assert.is(result.code, 0, result.stderr);
    const kb = readFileSync(out).length / 1024;
    console.log(`  ${arch}: ${kb.toFixed(1)} KB`);
    assert.ok(kb <= budget, `${arch}: ${kb.toFixed(1)} KB`);
  }
});

test('the command line refuses an audio recipe with one line and exit 2, and writes nothing', async () => {
  const recipe = JSON.parse(readFileSync(join(work, 'r.json'), 'utf8'));
  recipe.audio = { file: 'song.mp3', sha256: 'b'.repeat(64), react: { speed: 'loudness', pulse: 'bass', pulseAmount: 0.2 }, turns: 1 };
  writeFileSync(join(work, 'audio.json'), JSON.stringify(recipe));
  const result = await runCli(['export', '--from', join(work, 'audio.json'), '--out', join(work, 'audio.html')]);
  assert.is(result.code, 2);
  assert.match(result.stderr, /^zsweep: zsweep export cannot play an audio-driven recipe live/);
  assert.is(result.stderr.trim().split('\n').length, 1);
  assert.not.ok(existsSync(join(work, 'audio.html')));
});

test.run();
