import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { BufferedReader } from './buffered-reader.ts';

/** The most text a tEXt chunk may hold to be read: a contact sheet's recipes are at most 1 MiB. */
const maxTextBytes = 2 * 1024 * 1024;

/**
 * Every tEXt chunk's keyword and text in a PNG file, read from the file chunk by chunk: the image data is
 * skipped, not loaded, and no length is trusted beyond what the file holds. Throws on a damaged file.
 */
export async function readPngTextFile(path: string): Promise<{ keyword: string; text: string }[]> {
  const file = await open(path, 'r');
  try {
    const reader = new BufferedReader(file, (await file.stat()).size);
    const signature = await reader.read(8, 'not a PNG file (wrong signature)');
    if (!signature.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
      throw new Error('not a PNG file (wrong signature)');
    const found: { keyword: string; text: string }[] = [];
    while (reader.at < reader.size) {
      const head = await reader.read(8, 'PNG is truncated');
      const length = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      if (length > reader.size - reader.at - 4) throw new Error(`PNG chunk ${type} runs past the end of the file`);
      if (type === 'tEXt') {
        if (length > maxTextBytes) throw new Error(`PNG text chunk of ${length} bytes: larger than a zsweep recipe`);
        const typeAndData = Buffer.concat([head.subarray(4, 8), await reader.read(length, 'PNG is truncated')]);
        if (crc32(typeAndData) !== (await reader.read(4, 'PNG is truncated')).readUInt32BE(0)) {
          throw new Error(`PNG chunk ${type} has a bad CRC`);
        }
        const data = typeAndData.subarray(4);
        const zero = data.indexOf(0);
        if (zero > 0) found.push({ keyword: data.subarray(0, zero).toString('latin1'), text: data.subarray(zero + 1).toString('latin1') });
      } else {
        reader.skip(length + 4);
      }
      if (type === 'IEND') break;
    }
    return found;
  } finally {
    await file.close();
  }
}
