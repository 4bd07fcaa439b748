import { type FileHandle, open } from 'node:fs/promises';
import { BufferedReader } from './buffered-reader.ts';

/** The most comment text kept, over all comments: a recipe, or a contact sheet's recipes, is far smaller. */
const maxCommentBytes = 2 * 1024 * 1024;

/**
 * The text of every comment extension in a GIF, read through a buffer from the file so that a large
 * GIF is never loaded whole and its many small sub-blocks cost few reads. Stops at `limit` comments.
 */
export async function readGifComments(path: string, limit = Infinity): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    return await walk(file, limit);
  } finally {
    await file.close();
  }
}

async function walk(file: FileHandle, limit: number): Promise<string[]> {
  const reader = new BufferedReader(file, (await file.stat()).size);
  const read = (length: number) => reader.read(length, 'truncated GIF');
  let total = 0;
  /** Sub-blocks until the zero terminator; their data is kept only when `keep`. */
  const subBlocks = async (keep: boolean) => {
    const parts: Buffer[] = [];
    for (;;) {
      const [length] = await read(1);
      if (length === 0) break;
      if (keep && total + length <= maxCommentBytes) {
        parts.push(Buffer.from(await read(length)));
        total += length;
      } else {
        reader.skip(length);
      }
    }
    return Buffer.concat(parts);
  };
  const colourTable = (packed: number) => (packed & 0x80 ? 3 * (1 << ((packed & 7) + 1)) : 0);

  const header = await read(13);
  if (!/^GIF8[79]a$/.test(header.subarray(0, 6).toString('latin1'))) throw new Error('not a GIF');
  reader.skip(colourTable(header[10]));
  const comments: string[] = [];
  while (reader.at < reader.size && comments.length < limit) {
    const [introducer] = await read(1);
    if (introducer === 0x3b) break;
    if (introducer === 0x21) {
      const [label] = await read(1);
      const data = await subBlocks(label === 0xfe);
      if (label === 0xfe) comments.push(data.toString('utf8'));
    } else if (introducer === 0x2c) {
      const descriptor = await read(9);
      reader.skip(colourTable(descriptor[8]) + 1); // local colour table, LZW minimum code size
      await subBlocks(false);
    } else {
      throw new Error(`unexpected GIF block 0x${introducer.toString(16)} at byte ${reader.at - 1}`);
    }
  }
  return comments;
}
