import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RenderArgs } from '../src/options/render-options.ts';
import { parseRender } from './render-helpers.ts';

const parse = (args: RenderArgs) => parseRender({ seed: '1', ...args });

test('MP4 is the default, with CRF 18', () => {
  const options = parse({});
  assert.is(options.format, 'mp4');
  assert.is(options.output.path, undefined);
  assert.is(options.crf, 18);
  assert.is(options.recipe.aa, 1);
});

test('formats by extension; a frame-number pattern makes a PNG sequence', () => {
  assert.is(parse({ out: 'a.MP4' }).format, 'mp4');
  assert.is(parse({ out: 'a.webm' }).format, 'webm');
  assert.is(parse({ out: 'a.webm' }).crf, 24);
  assert.is(parse({ out: 'a.gif' }).format, 'gif');
  assert.is(parse({ out: 'a.png' }).format, 'png');
  assert.is(parse({ out: 'frames/%04d.png' }).format, 'png-sequence');
  assert.is(parse({ out: 'frames/%04d.png' }).recipe.frames, 120);
});

test('odd sizes: H.264 refuses with the nearest even size; VP9, GIF and PNG take them', () => {
  assert.throws(
    () => parse({ size: '255x256' }),
    (error: Error) =>
      error.name === 'UsageError' &&
      error.message === 'Invalid --size "255x256": H.264 (yuv420p) needs even width and height; use --size 256x256',
  );
  assert.throws(() => parse({ size: '64x33', out: 'x.mp4' }), /use --size 64x34/);
  assert.is(parse({ size: '255x255', out: 'x.webm' }).recipe.width, 255);
  assert.is(parse({ size: '255x255', out: 'x.gif' }).recipe.width, 255);
  assert.is(parse({ size: '255x255', out: 'x.png' }).recipe.width, 255);
});

test('--crf: per codec range; refused for formats without it', () => {
  assert.is(parse({ crf: '0' }).crf, 0);
  assert.throws(() => parse({ crf: '52' }), /Invalid --crf "52": expected a whole number from 0 to 51 for H.264/);
  assert.is(parse({ crf: '63', out: 'a.webm' }).crf, 63);
  assert.throws(() => parse({ crf: '20', out: 'a.gif' }), /Invalid --crf "20": expected no --crf: it sets the quality of video/);
});

test('--aa: 1 to 4, in the recipe, and within the pixel limit', () => {
  assert.is(parse({ aa: '3' }).recipe.aa, 3);
  assert.throws(() => parse({ aa: '5' }), /Invalid --aa "5": expected a whole number from 1 to 4/);
  assert.throws(() => parse({ aa: '4', size: '8000x8000' }), /Invalid --aa "4"/);
});

test('a single .png is one frame', () => {
  assert.is(parse({ out: 'a.png' }).recipe.frames, 1);
  assert.is(parse({ out: 'a.png', frames: '1' }).recipe.frames, 1);
  assert.throws(() => parse({ out: 'a.png', frames: '10' }), /a single \.png holds one frame \(the first\); .*frames\/%04d\.png/);
});

test('frame patterns: only in the file name, only for PNG, only one', () => {
  assert.throws(() => parse({ out: 'f%02d/x.png' }), /in the file name, not in a folder/);
  assert.throws(() => parse({ out: 'f/%04d.gif' }), /a frame sequence of PNG files/);
  assert.throws(() => parse({ out: 'f/%04d-%d.png' }), /exactly one frame-number placeholder/);
});

test('--ffmpeg: kept as given, empty refused', () => {
  assert.is(parse({ ffmpeg: '/usr/bin/ffmpeg' }).ffmpeg, '/usr/bin/ffmpeg');
  assert.throws(() => parse({ ffmpeg: ' ' }), /Invalid --ffmpeg/);
});

test.run();
