import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { insertWebpXmp, readWebpXmp } from '../src/encoders/metadata/webp-xmp.ts';
import { runCli, tempFolder } from './helpers.ts';
import { readRecipe, renderArgs } from './render-helpers.ts';

const folder = tempFolder();

/** The four-letter names of a RIFF file's top-level chunks, in order. */
function chunks(bytes: Buffer): string[] {
  const names: string[] = [];
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = bytes.readUInt32LE(at + 4);
    names.push(bytes.toString('latin1', at, at + 4));
    at += 8 + size + (size & 1);
  }
  return names;
}

test('the recipe goes into an XMP chunk and comes back, markup and non-ASCII text included', () => {
  // An extended WebP's frame: RIFF header and a VP8X chunk (flags, canvas size) with nothing after.
  const head = Buffer.alloc(30);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(22, 4);
  head.write('WEBPVP8X', 8, 'latin1');
  head.writeUInt32LE(10, 16);
  const text = '{"seed":"<a & b>","note":"é"}';
  const out = Buffer.from(insertWebpXmp(head, text));
  assert.is(out.readUInt32LE(4), out.length - 8, 'the RIFF size covers the new chunk');
  assert.is(out[20] & 0x04, 0x04, 'the VP8X header flags the XMP');
  assert.equal(chunks(out), ['VP8X', 'XMP ']);
  assert.is(readWebpXmp(out), text);
  assert.is(readWebpXmp(head), undefined);
});

test('an animated WebP: one frame per frame, looping, its recipe read back, and --from gives the same bytes', async () => {
  const path = join(folder, 'loop.webp');
  await renderArgs({ seed: 'webp', size: '48x32', frames: '6', out: path, quiet: true });
  const bytes = readFileSync(path);
  assert.is(bytes.toString('latin1', 0, 4), 'RIFF');
  const names = chunks(bytes);
  assert.equal(names.slice(0, 2), ['VP8X', 'ANIM']);
  assert.is(names.filter((name) => name === 'ANMF').length, 6);
  assert.is(names.at(-1), 'XMP ');
  // ANIM follows VP8X (8 + 10 bytes from offset 12): a background colour (4 bytes), then the loop count.
  assert.is(bytes.readUInt16LE(12 + 18 + 8 + 4), 0, 'loops forever');
  const recipe = await readRecipe(path);
  assert.is(recipe.seed, 'webp');
  assert.is(recipe.frames, 6);
  const again = join(folder, 'again.webp');
  const result = await runCli(['--from', path, '--out', again, '-q']);
  assert.is(result.code, 0, result.stderr);
  assert.ok(readFileSync(again).equals(bytes), 'the same bytes');
});

test('an ffmpeg without libwebp_anim is refused in one line that names the encoder', async () => {
  const fake = join(folder, 'ffmpeg');
  // Runs, and lists only libx264 among its encoders.
  writeFileSync(fake, '#!/bin/sh\necho "ffmpeg version 9.9" >&2\necho " V..... libx264 H.264"\n');
  chmodSync(fake, 0o755);
  // Big enough that the look is still being measured when the probe fails: that failure must wait for
  // the render to take it, not end the process as an unhandled rejection (exit 1, a stack trace).
  const args = ['--seed', '1', '--size', '384x384', '--frames', '96', '--out', join(folder, 'no.webp'), '--ffmpeg', fake];
  const result = await runCli(args);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /has no libwebp_anim encoder/);
  assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
});

test.run();
