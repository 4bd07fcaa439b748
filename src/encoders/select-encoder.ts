import type { Encoder, EncoderInput } from './encoder.ts';
import { createGifEncoder } from './gif-encoder.ts';

/** Output formats, chosen by the file's extension. */
export const outputFormats = ['gif'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export function createEncoder(format: OutputFormat, input: EncoderInput): Promise<Encoder> {
  switch (format) {
    case 'gif':
      return createGifEncoder(input);
  }
}
