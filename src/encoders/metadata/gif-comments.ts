import { type FileHandle, open } from 'node:fs/promises';

/** The largest comment worth reading: recipes are far smaller. */
const maxCommentBytes = 1024 * 1024;

/**
 * The text of every comment extension in a GIF, read block by block from the file so that a large
 * GIF is never loaded whole. Stops at `limit` comments.
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
  const { size } = await file.stat();
  let at = 0;
  const read = async (length: number) => {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, at);
    if (bytesRead < length) throw new Error('truncated GIF');
    at += length;
    return buffer;
  };
  /** Sub-blocks until the zero terminator; their data is kept only when `keep`. */
  const subBlocks = async (keep: boolean) => {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const [length] = await read(1);
      if (length === 0) break;
      if (keep && total + length <= maxCommentBytes) {
        parts.push(await read(length));
        total += length;
      } else {
        at += length;
      }
    }
    return Buffer.concat(parts);
  };
  const colourTable = (packed: number) => (packed & 0x80 ? 3 * (1 << ((packed & 7) + 1)) : 0);

  const header = await read(13);
  if (!/^GIF8[79]a$/.test(header.subarray(0, 6).toString('latin1'))) throw new Error('not a GIF');
  at += colourTable(header[10]);
  const comments: string[] = [];
  while (at < size && comments.length < limit) {
    const [introducer] = await read(1);
    if (introducer === 0x3b) break;
    if (introducer === 0x21) {
      const [label] = await read(1);
      const data = await subBlocks(label === 0xfe);
      if (label === 0xfe) comments.push(data.toString('utf8'));
    } else if (introducer === 0x2c) {
      const descriptor = await read(9);
      at += colourTable(descriptor[8]) + 1; // local colour table, LZW minimum code size
      await subBlocks(false);
    } else {
      throw new Error(`unexpected GIF block 0x${introducer.toString(16)} at byte ${at - 1}`);
    }
  }
  return comments;
}
