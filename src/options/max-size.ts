import type { FormatName } from '../encoders/formats.ts';
import { invalidOption } from '../errors.ts';
import { limits } from '../recipe/limits.ts';
import type { RecipeEncoding } from '../recipe/recipe.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';

/** The option as yargs hands it over. */
export interface MaxSizeArgs {
  /** `--max-size SIZE`: the file at most this big, at the best quality that fits. */
  maxSize?: string;
}

/** Bytes in each unit --max-size takes: the decimal units platforms state their caps in, and the binary ones. */
const units: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** The formats whose size a quality search can meet. */
const sizedFormats: readonly FormatName[] = ['mp4', 'webm', 'gif', 'webp'];

/** `--max-size SIZE` in bytes: `8MB`, `500KB`, `2.5 MB`, `8MiB`, `1048576` (bytes). */
export function parseMaxSize(raw: string, option = 'max-size'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw);
  const unit = match ? (match[2] === '' ? 'b' : match[2].toLowerCase()) : '';
  const bytes = match && unit in units ? Math.floor(Number(match[1]) * units[unit]) : Number.NaN;
  const { min, max, example } = limits.maxBytes;
  if (!(bytes >= min && bytes <= max)) {
    throw invalidOption(
      option,
      raw,
      `a file size such as 8MB, 500KB or 2.5MiB (KB, MB and GB are 1000-based, KiB, MiB, GiB 1024-based), from 1 KiB to 1 TB, e.g. --${option} ${example}`,
    );
  }
  return bytes;
}

/**
 * The recipe's `encoding`: the GIF encoder's generation and the size cap. A GIF of a recipe read with
 * --from keeps the encoder it was made with, so an old recipe gives the same bytes; every other GIF
 * gets the second. The cap is --max-size, else the recipe's. (A platform's official cap, --for, is
 * kept by the video's peak bitrate instead: encoders/platform-targets.ts.)
 */
export function parseEncoding(
  raw: string | undefined,
  { formatName, base, draft }: { formatName: FormatName; base: RecipeDraft | undefined; draft: RecipeDraft },
): RecipeEncoding | undefined {
  if (raw !== undefined && !sizedFormats.includes(formatName)) {
    throw invalidOption('max-size', raw, 'a video, GIF or WebP with it (--out x.mp4, .webm, .gif or .webp): PNG frames are lossless');
  }
  const gif = formatName === 'gif' && (base === undefined || base.encoding?.gif === 2) ? 2 : undefined;
  const maxBytes = raw !== undefined ? parseMaxSize(raw) : draft.encoding?.maxBytes;
  if (gif === undefined && maxBytes === undefined) return undefined;
  return { ...(gif ? { gif } : {}), ...(maxBytes === undefined ? {} : { maxBytes }) };
}
