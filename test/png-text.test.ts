import { crc32 } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { insertPngText, readPngText } from '../src/encoders/metadata/png-text.ts';

const smallPng = () => createCanvas(4, 3).encode('png');

test('crc32 is the PNG CRC (IEND chunk: AE 42 60 82)', () => {
  assert.is(crc32(Buffer.from('IEND', 'latin1')), 0xae426082);
});

test('round trip: the text comes back, after IHDR, and the image still decodes', async () => {
  const png = await smallPng();
  const text = '{"seed":"caf\\u00e9 é","n":1}';
  const out = insertPngText(png, 'zsweep-recipe', text);
  assert.equal(readPngText(out), [{ keyword: 'zsweep-recipe', text }]);
  assert.is(out.subarray(37, 41).toString('latin1'), 'tEXt');
  const { loadImage } = await import('@napi-rs/canvas');
  const image = await loadImage(out);
  assert.is(image.width, 4);
  assert.is(image.height, 3);
});

test('several chunks come back in order', async () => {
  const png = insertPngText(insertPngText(await smallPng(), 'b', '2'), 'a', '1');
  assert.equal(
    readPngText(png).map((chunk) => chunk.keyword),
    ['a', 'b'],
  );
});

test('a damaged chunk is reported, not misread', async () => {
  const png = insertPngText(await smallPng(), 'k', 'value');
  png[45] ^= 1;
  assert.throws(() => readPngText(png), /bad CRC/);
  assert.throws(() => readPngText(Buffer.from('GIF89a')), /not a PNG/);
});

test('refuses text tEXt cannot hold, and bad keywords', async () => {
  const png = await smallPng();
  assert.throws(() => insertPngText(png, 'k', 'snow ☃'), /Latin-1/);
  assert.throws(() => insertPngText(png, '', 'x'), /keyword/);
  assert.throws(() => insertPngText(png, 'x'.repeat(80), 'x'), /keyword/);
});

test.run();
