import { readFileSync } from 'node:fs';
import { GifReader } from 'omggif';
import { readGifComments } from '../../src/encoders/metadata/gif-comments.ts';

export interface DecodedGif {
  width: number;
  height: number;
  /** Delay of each frame in hundredths of a second. */
  delaysCs: number[];
  /** 0 = loops forever; null = no NETSCAPE loop block (plays once). */
  loopCount: number | null;
  /** Each frame composited to RGBA. */
  frames: Uint8Array[];
  /** Text of every comment extension (omggif skips them; zsweep's own reader finds them). */
  comments: string[];
}

/** Decodes with omggif, a decoder independent of the encoder under test. */
export async function decodeGif(path: string): Promise<DecodedGif> {
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
  return {
    width: reader.width,
    height: reader.height,
    delaysCs,
    loopCount: reader.loopCount(),
    frames,
    comments: await readGifComments(path),
  };
}
