import { readFileSync } from 'node:fs';
import { GifReader } from 'omggif';

export interface DecodedGif {
  width: number;
  height: number;
  /** Delay of each frame in hundredths of a second. */
  delaysCs: number[];
  /** 0 = loops forever; null = no NETSCAPE loop block (plays once). */
  loopCount: number | null;
  /** Each frame composited to RGBA. */
  frames: Uint8Array[];
  /** Text of every comment extension, decoded by hand: omggif skips them. */
  comments: string[];
}

/** Decodes with omggif, a decoder independent of the encoder under test. */
export function decodeGif(path: string): DecodedGif {
  const bytes = readFileSync(path);
  const reader = new GifReader(bytes);
  const frames: Uint8Array[] = [];
  const delaysCs: number[] = [];
  for (let i = 0; i < reader.numFrames(); i++) {
    const rgba = new Uint8Array(reader.width * reader.height * 4);
    reader.decodeAndBlitFrameRGBA(i, rgba);
    frames.push(rgba);
    delaysCs.push(reader.frameInfo(i).delay);
  }
  return { width: reader.width, height: reader.height, delaysCs, loopCount: reader.loopCount(), frames, comments: gifComments(bytes) };
}

/** Walks the GIF's blocks and collects comment extensions (0x21 0xFE). */
function gifComments(bytes: Uint8Array): string[] {
  const comments: string[] = [];
  let at = 13;
  const flags = bytes[10];
  if (flags & 0x80) at += 3 * (1 << ((flags & 7) + 1));
  const skipSubBlocks = () => {
    const parts: Uint8Array[] = [];
    while (bytes[at] !== 0) {
      parts.push(bytes.subarray(at + 1, at + 1 + bytes[at]));
      at += bytes[at] + 1;
    }
    at++;
    return Buffer.concat(parts);
  };
  while (at < bytes.length && bytes[at] !== 0x3b) {
    if (bytes[at] === 0x21) {
      const label = bytes[at + 1];
      at += 2;
      const data = skipSubBlocks();
      if (label === 0xfe) comments.push(data.toString('utf8'));
    } else if (bytes[at] === 0x2c) {
      const packed = bytes[at + 9];
      at += 10;
      if (packed & 0x80) at += 3 * (1 << ((packed & 7) + 1));
      at++; // LZW minimum code size
      skipSubBlocks();
    } else {
      throw new Error(`unexpected GIF block 0x${bytes[at].toString(16)} at ${at}`);
    }
  }
  return comments;
}
