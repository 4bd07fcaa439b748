// What a user coming from Jest, Playwright or ffmpeg expects: short options, forgiving spellings,
// suggestions, and outputs that say what they are.
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { presets } from '../src/recipe/presets.ts';
import { silenceThenLoud, writeWav } from './helpers/write-wav.ts';
import { ffmpegPath, runCli, tempFolder } from './helpers.ts';
import { parseRender, readRecipe } from './render-helpers.ts';

const folder = tempFolder();

test('short options as media tools spell them (-s -d -o -f -q), and --color for --colour', async () => {
  const out = join(folder, 'short.gif');
  writeFileSync(out, 'old');
  const result = await runCli(['--seed', '3', '-s', '24x16', '-d', '100ms', '-o', out, '-f', '-q', '--color', 'hsv']);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stderr, '');
  const recipe = await readRecipe(out);
  assert.equal([recipe.width, recipe.height, recipe.frames, recipe.colour], [24, 16, 3, 'hsv']);
});

test('a mistyped option or command gets a suggestion, in one line, exit 2', async () => {
  for (const [args, pattern] of [
    [['--seeed', '3'], /^zsweep: Unknown option --seeed: did you mean --seed\? see zsweep --help for the options\n$/],
    [['--sise', '64x64'], /did you mean --size\?/],
    [['still', '--fram', '3'], /^zsweep: Unknown option --fram for zsweep still: did you mean --frame\?/],
    [['grid', '--seds', '1-4'], /did you mean --seeds\?/],
    [['stil'], /^zsweep: Unknown command or argument "stil": did you mean zsweep still\?/],
    [['--frobnicate'], /^zsweep: Unknown option --frobnicate: see zsweep --help for the options\n$/],
    [['still', '--crf', '18'], /^zsweep: Option --crf is not one of zsweep still's: see zsweep still --help for the options\n$/],
  ] as const) {
    const result = await runCli([...args]);
    assert.is(result.code, 2, args.join(' '));
    assert.match(result.stderr, pattern);
    assert.is(result.stdout, '');
  }
});

test('zsweep presets: one line per preset with its seed on stdout, the note on stderr', async () => {
  const result = await runCli(['presets']);
  assert.is(result.code, 0);
  const lines = result.stdout.split('\n');
  assert.is(lines.pop(), '', 'ends with a newline');
  assert.is(lines.length, presets.length);
  for (const [i, preset] of presets.entries()) assert.match(lines[i], new RegExp(`^${preset.slug} .* seed ${preset.draft.seed} `));
  assert.match(result.stderr, /^The post's titles and seeds, each made anew on zsweep's generator.*\n$/);
});

test('stills are written as RGB (no alpha channel), and read back as they were drawn', async () => {
  const out = join(folder, 'still.png');
  const result = await runCli(['still', '--seed', '9', '-s', '40x30', '-o', out, '-q']);
  assert.is(result.code, 0, result.stderr);
  const png = readFileSync(out);
  // IHDR: width, height, bit depth, colour type (2: RGB; 6 would be RGBA).
  assert.equal([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]], [40, 30, 8, 2]);
  assert.is((await readRecipe(out)).seed, '9');
});

test('a very large video warns that common players cannot play it, and goes on', () => {
  assert.equal(parseRender({ size: '1920x1080', out: 'x.mp4' }).warnings, []);
  const [warning] = parseRender({ size: '8000x8000', out: 'x.mp4' }).warnings;
  assert.match(
    warning,
    /^8000×8000 is beyond H\.264 level 5\.2 \(at most 9\.4 megapixels a frame, such as 4096×2304\): most players and phones cannot play it/,
  );
  assert.match(parseRender({ size: '6000x4000', out: 'x.webm' }).warnings[0], /VP9 level 5/);
  assert.equal(parseRender({ size: '8000x8000', out: 'x.gif' }).warnings, []);
});

test('an ffmpeg without the audio encoder is refused before anything is rendered (exit 2)', async () => {
  const work = tempFolder();
  // The tests' ffmpeg, but its encoder list without aac, as some system builds have it.
  const fake = join(work, 'ffmpeg-without-aac');
  writeFileSync(
    fake,
    `#!/bin/sh
case " $* " in *" -encoders "*) "${ffmpegPath}" "$@" | grep -v ' aac ' ; exit 0 ;; esac
exec "${ffmpegPath}" "$@"
`,
  );
  chmodSync(fake, 0o755);
  const track = join(work, 'track.wav');
  writeWav(track, silenceThenLoud(0.5, 0.5), 22050);
  const out = join(work, 'v.mp4');
  const result = await runCli(['--seed', '1', '-s', '16x16', '--audio', track, '--ffmpeg', fake, '-o', out]);
  assert.is(result.code, 2, result.stderr);
  assert.match(
    result.stderr,
    /^zsweep: Invalid --ffmpeg ".*ffmpeg-without-aac": that ffmpeg has no aac encoder; give a working ffmpeg built with libx264 and aac/,
  );
  assert.not.ok(existsSync(out));
  assert.equal(readdirSync(work).sort(), ['ffmpeg-without-aac', 'track.wav']);
});

test.run();
