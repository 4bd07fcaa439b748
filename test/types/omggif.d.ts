// omggif (a test-only GIF decoder) ships no types; only what the tests use is declared.
declare module 'omggif' {
  export class GifReader {
    constructor(bytes: Uint8Array);
    readonly width: number;
    readonly height: number;
    numFrames(): number;
    loopCount(): number | null;
    frameInfo(index: number): {
      delay: number;
      x: number;
      y: number;
      width: number;
      height: number;
      disposal: number;
      transparent_index: number | null;
    };
    decodeAndBlitFrameRGBA(index: number, rgba: Uint8Array): void;
  }
}
