import type { FileHandle } from 'node:fs/promises';

/** How much is read from the file at a time: a GIF's sub-blocks and a PNG's chunk headers are small. */
const blockBytes = 64 * 1024;

/**
 * Reads a file front to back through one buffer, so that a format of many small pieces costs a read
 * per 64 KiB rather than one per piece. Every length asked for is checked against what the file holds.
 */
export class BufferedReader {
  #block = Buffer.alloc(0);
  #blockAt = 0;
  /** Where the next byte is read from. */
  at = 0;

  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  /** The next `length` bytes; throws `truncated` when the file ends first. */
  async read(length: number, truncated: string): Promise<Buffer> {
    if (length > this.size - this.at) throw new Error(truncated);
    const offset = this.at - this.#blockAt;
    if (offset < 0 || offset + length > this.#block.length) {
      const block = Buffer.alloc(Math.max(blockBytes, length));
      const { bytesRead } = await this.file.read(block, 0, block.length, this.at);
      this.#block = block.subarray(0, bytesRead);
      this.#blockAt = this.at;
      if (bytesRead < length) throw new Error(truncated);
    }
    const start = this.at - this.#blockAt;
    this.at += length;
    return this.#block.subarray(start, start + length);
  }

  /** Moves past `length` bytes without reading them. */
  skip(length: number): void {
    this.at += length;
  }
}
