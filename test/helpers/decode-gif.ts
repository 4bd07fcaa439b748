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
  /** Each frame composited to RGBA, over the frames before it. */
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
  // Each frame drawn over what its disposal leaves of the ones before, as players show them.
  let canvas = new Uint8Array(reader.width * reader.height * 4);
  for (let i = 0; i < reader.numFrames(); i++) {
    const info = reader.frameInfo(i);
    const before = canvas.slice();
    reader.decodeAndBlitFrameRGBA(i, canvas);
    frames.push(canvas.slice());
    delaysCs.push(info.delay);
    if (info.disposal === 2) {
      for (let y = info.y; y < info.y + info.height; y++) {
        canvas.fill(0, (y * reader.width + info.x) * 4, (y * reader.width + info.x + info.width) * 4);
      }
    } else if (info.disposal === 3) canvas = before;
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
