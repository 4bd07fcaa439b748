import { crc32 } from 'node:zlib';

/**
 * PNG text chunks (tEXt): a keyword, a zero byte and Latin-1 text, in a chunk with a CRC over its
 * type and data. @napi-rs/canvas writes none, so they are added to its PNGs here. zlib.crc32 needs
 * Node ≥ 20.15, which package.json's engines already require.
 */

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Returns a copy of `png` with a tEXt chunk right after IHDR, where readers that stop at the image data still find it. */
export function insertPngText(png: Uint8Array, keyword: string, text: string): Buffer {
  checkSignature(png);
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) || /^ | $| {2}/.test(keyword)) {
    throw new Error(
      `PNG text keyword must be 1 to 79 printable Latin-1 characters without leading, trailing or double spaces: ${JSON.stringify(keyword)}`,
    );
  }
  // tEXt is Latin-1 (ISO 8859-1) only: a character beyond it would be misread, so it is refused.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole Latin-1 range is the point
  if (/[^\x00-\xff]/.test(text) || text.includes('\0'))
    throw new Error('PNG tEXt holds Latin-1 text without zero bytes; escape other characters first');
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const chunk = pngChunk('tEXt', data);
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

/** Every tEXt chunk's keyword and text, in file order. Throws on a damaged file (bad signature, length or CRC). */
export function readPngText(png: Uint8Array): { keyword: string; text: string }[] {
  checkSignature(png);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const found: { keyword: string; text: string }[] = [];
  for (let at = 8; at < png.length; ) {
    if (at + 12 > png.length) throw new Error('PNG is truncated');
    const length = view.getUint32(at);
    const type = Buffer.from(png.subarray(at + 4, at + 8)).toString('latin1');
    const end = at + 12 + length;
    if (end > png.length) throw new Error(`PNG chunk ${type} runs past the end of the file`);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    if (crc32(typeAndData) !== view.getUint32(at + 8 + length)) throw new Error(`PNG chunk ${type} has a bad CRC`);
    if (type === 'tEXt') {
      const data = Buffer.from(png.subarray(at + 8, at + 8 + length));
      const zero = data.indexOf(0);
      if (zero > 0) found.push({ keyword: data.subarray(0, zero).toString('latin1'), text: data.subarray(zero + 1).toString('latin1') });
    }
    if (type === 'IEND') break;
    at = end;
  }
  return found;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

function checkSignature(png: Uint8Array): void {
  if (png.length < 8 || !signature.equals(png.subarray(0, 8))) throw new Error('not a PNG file (wrong signature)');
}
