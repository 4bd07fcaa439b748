// gifenc ships CommonJS without types; only what zsweep uses is declared.
declare module 'gifenc' {
  export type Palette = number[][];
  export type ColourFormat = 'rgb565' | 'rgb444' | 'rgba4444';
  export interface GifEncoderStream {
    reset(): void;
    bytesView(): Uint8Array;
  }
  export interface GifFrameOptions {
    palette?: Palette;
    /** Milliseconds; gifenc rounds to hundredths. */
    delay?: number;
    /** -1 plays once, 0 loops forever. Only read on the first frame. */
    repeat?: number;
    dispose?: number;
    transparent?: boolean;
    transparentIndex?: number;
  }
  export interface GifEncoderInstance {
    writeFrame(index: Uint8Array, width: number, height: number, options?: GifFrameOptions): void;
    finish(): void;
    bytesView(): Uint8Array;
    readonly stream: GifEncoderStream;
  }
  export function GIFEncoder(options?: { initialCapacity?: number; auto?: boolean }): GifEncoderInstance;
  export function quantize(rgba: Uint8Array | Uint8ClampedArray, maxColours: number, options?: { format?: ColourFormat }): Palette;
  export function applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette, format?: ColourFormat): Uint8Array;
  const gifenc: {
    GIFEncoder: typeof GIFEncoder;
    quantize: typeof quantize;
    applyPalette: typeof applyPalette;
  };
  export default gifenc;
}
