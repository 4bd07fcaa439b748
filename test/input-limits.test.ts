import { mkdirSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { crc32 } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { printEvents } from '../src/cli/print-events.ts';
import { readMp4Boxes } from '../src/encoders/ffmpeg/probe-media.ts';
import { readGifComments } from '../src/encoders/metadata/gif-comments.ts';
import { readPngTextFile } from '../src/encoders/metadata/read-png-text-file.ts';
import { readVideoComment } from '../src/encoders/metadata/read-video-comment.ts';
import { completePicture, recipeOf } from '../src/options/complete-picture.ts';
import { parseRecipe } from '../src/recipe/recipe-schema.ts';
import type { RenderEvent } from '../src/render/render.ts';
import { ffmpegPath, runCli, tempFolder } from './helpers.ts';

const folder = tempFolder();
const base = recipeOf(completePicture({ seed: '1' }), { width: 16, height: 16, fps: 10, frames: 2, aa: 1 });

/** A recipe whose first step is a cross nested `depth` crosses deep. */
function nestedRecipe(depth: number): string {
  let breed: unknown = [{ kind: 'mutate', seed: 'a', strength: 0.3 }];
  for (let i = 0; i < depth; i++) breed = [{ kind: 'cross', mix: 0.5, partner: { seed: 'p', breed } }];
  return JSON.stringify({ ...base, breed });
}

/** How many times files are read while `action` runs (fs/promises' FileHandle.read, counted). */
async function countReads(action: () => Promise<unknown>): Promise<number> {
  const open = fsPromises.open;
  let reads = 0;
  fsPromises.open = (async (...args: Parameters<typeof open>) => {
    const handle = await open(...args);
    const read = handle.read.bind(handle);
    handle.read = ((...readArgs: Parameters<typeof read>) => {
      reads++;
      return read(...readArgs);
    }) as typeof handle.read;
    return handle;
  }) as typeof open;
  syncBuiltinESMExports();
  try {
    await action();
  } finally {
    fsPromises.open = open;
    syncBuiltinESMExports();
  }
  return reads;
}

test('a recipe nested 600 crosses deep: one line and exit 2 from the CLI, not a stack overflow', async () => {
  const path = join(folder, 'deep.json');
  writeFileSync(path, nestedRecipe(600));
  const result = await runCli(['--from', path, '--out', join(folder, 'deep.gif')]);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /nests deeper than 250 levels/);
  assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.not.match(result.stderr, /internal error|RangeError| {4}at /);
});

test('crosses of crosses 80 deep are still a recipe', () => {
  assert.is(parseRecipe(nestedRecipe(82), 'x').breed?.length, 1);
  assert.throws(() => parseRecipe(nestedRecipe(83), 'x'), /nests deeper than 250 levels/);
  // Brackets inside a string are text, not depth.
  assert.is(parseRecipe(JSON.stringify({ ...base, seed: '['.repeat(199) }), 'x').seed.length, 199);
});

test("an MP4 box's length is clamped to the file: a moov claiming 1 TiB or 4 GiB allocates nothing of the kind", async () => {
  const box = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body]);
  };
  const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0isom', 'latin1'));
  // 64-bit size: 1 TiB.
  const huge = Buffer.alloc(16 + 32);
  huge.writeUInt32BE(1, 0);
  huge.write('moov', 4, 'latin1');
  huge.writeBigUInt64BE(1n << 40n, 8);
  const hugePath = join(folder, 'huge.mp4');
  writeFileSync(hugePath, Buffer.concat([ftyp, huge]));
  assert.equal(await readMp4Boxes(hugePath), { moovFirst: true, editLists: false });
  // 32-bit size near 4 GiB, and an mvhd too short to hold a duration.
  const mvhd = box('mvhd', Buffer.alloc(4));
  const claims = Buffer.concat([box('moov', mvhd), Buffer.alloc(64)]);
  claims.writeUInt32BE(0xfffffff0, 0);
  const claimsPath = join(folder, 'claims.mp4');
  writeFileSync(claimsPath, Buffer.concat([ftyp, claims]));
  const rssBefore = process.memoryUsage().rss;
  assert.equal(await readMp4Boxes(claimsPath), { moovFirst: true, editLists: false });
  assert.ok(process.memoryUsage().rss - rssBefore < 256 * 1024 * 1024, 'no 4 GiB buffer');
  // Boxes nested thousands deep end at a bounded depth.
  let nested = box('elst', Buffer.alloc(0));
  for (let i = 0; i < 5000; i++) nested = box('trak', nested);
  const nestedPath = join(folder, 'nested.mp4');
  writeFileSync(nestedPath, Buffer.concat([ftyp, box('moov', nested)]));
  assert.equal(await readMp4Boxes(nestedPath), { moovFirst: true, editLists: false });
});

test("a GIF's comment of thousands of sub-blocks is read through a buffer: a few reads, not one per sub-block", async () => {
  const recipe = JSON.stringify({ ...base, seed: 's'.repeat(150) }).padEnd(60_000, ' ');
  const blocks: Buffer[] = [];
  for (let at = 0; at < recipe.length; at += 255) {
    const part = Buffer.from(recipe.slice(at, at + 255), 'latin1');
    blocks.push(Buffer.from([part.length]), part);
  }
  const gif = Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    Buffer.from([2, 0, 2, 0, 0, 0, 0]),
    Buffer.from([0x21, 0xfe]),
    ...blocks,
    Buffer.from([0, 0x3b]),
  ]);
  const path = join(folder, 'comment.gif');
  writeFileSync(path, gif);
  let comments: string[] = [];
  const reads = await countReads(async () => {
    comments = await readGifComments(path);
  });
  assert.is(comments[0], recipe);
  assert.ok(reads <= 3, `${reads} reads for ${blocks.length / 2} sub-blocks`);
});

test("a PNG's chunk lengths are clamped to the file, and its image data is skipped, not read", async () => {
  const chunk = async (type: string, data: Buffer, length = data.length) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(length, 0);
    head.write(type, 4, 'latin1');
    const typeAndData = Buffer.concat([head.subarray(4), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData), 0);
    return Buffer.concat([head, data, crc]);
  };
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const lying = join(folder, 'lying.png');
  writeFileSync(lying, Buffer.concat([signature, await chunk('tEXt', Buffer.from('zsweep-recipe\0{}'), 0xfffffff0)]));
  await readPngTextFile(lying).then(
    () => assert.unreachable('read'),
    (error: Error) => assert.match(error.message, /tEXt runs past the end of the file/),
  );
  const big = join(folder, 'big.png');
  writeFileSync(
    big,
    Buffer.concat([
      signature,
      await chunk('tEXt', Buffer.from('zsweep-recipe\0{"a":1}')),
      await chunk('IDAT', Buffer.alloc(8 * 1024 * 1024)),
      await chunk('IEND', Buffer.alloc(0)),
    ]),
  );
  let found: { keyword: string; text: string }[] = [];
  const reads = await countReads(async () => {
    found = await readPngTextFile(big);
  });
  assert.equal(found, [{ keyword: 'zsweep-recipe', text: '{"a":1}' }]);
  assert.ok(reads <= 3, `${reads} reads`);
});

test('a seed with escape sequences is printed escaped: nothing from a shared file reaches the terminal raw', () => {
  const stream = new PassThrough();
  let written = '';
  stream.on('data', (chunk) => (written += chunk));
  const printer = printEvents({ quiet: false, stream: stream as unknown as NodeJS.WriteStream });
  const seed = 'calm\x1b]0;owned\x07\x1b[2J\u202egnp.exe\x9b31m';
  printer.onEvent({
    type: 'started',
    kind: 'animation',
    width: 16,
    height: 16,
    aa: 1,
    frames: 2,
    fps: 10,
    seed,
    backend: 'cpu',
  } as RenderEvent);
  printer.stop();
  for (const raw of ['\x1b', '\x07', '\x9b', '\u202e']) assert.not.ok(written.includes(raw), JSON.stringify(raw));
  assert.match(written, /seed calm\\x1b\]0;owned\\x07\\x1b\[2J\\u202egnp\.exe\\x9b31m, backend cpu/);
});

test('a recipe of non-ASCII text larger than one command-line argument: its video is written, the recipe in its comment', async () => {
  // 130 bred steps whose seeds are 100 emoji each: 58 KiB of recipe, escaped to ASCII 130 × 100 × 12 B = 152 KiB,
  // more than the 128 KiB one argument may hold.
  const seed = '😀'.repeat(100);
  const breed = Array.from({ length: 130 }, () => ({ kind: 'mutate', seed, strength: 0.1 }));
  const recipePath = join(folder, 'emoji.json');
  writeFileSync(recipePath, JSON.stringify({ ...base, seed: 'emoji', breed }));
  mkdirSync(join(folder, 'emoji'));
  const out = join(folder, 'emoji', 'loop.mp4');
  const result = await runCli(['--from', recipePath, '--out', out, '--quiet']);
  assert.is(result.code, 0, result.stderr);
  const comment = await readVideoComment(out, ffmpegPath);
  assert.equal(parseRecipe(comment!, 'the comment').breed, breed);
});

test.run();
