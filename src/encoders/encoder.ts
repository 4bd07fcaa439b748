/** Turns RGBA frames into a file. */
export interface Encoder {
  /**
   * One frame, width × height × 4 bytes, rows from the top. The encoder owns the array until the
   * promise settles; waiting for it is the backpressure that keeps memory flat.
   */
  writeFrame(rgba: Uint8ClampedArray): Promise<void>;
  /** Completes the file. */
  finish(): Promise<void>;
  /** Stops early and releases what it holds; the caller removes the partial file. */
  abort(): Promise<void>;
}

export interface EncoderInput {
  /** Where to write: the temporary file beside the target, renamed by the caller when complete. */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  /** Text stored in the file's metadata: the recipe, as JSON. */
  readonly comment: string;
}
