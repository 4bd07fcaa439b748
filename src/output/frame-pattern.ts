/**
 * A frame-number pattern in a file name, as ffmpeg and most tools write it: `%d`, or `%04d` for
 * four digits with leading zeros. Frames are numbered from 1, like ffmpeg's image2 muxer, so that
 * `ffmpeg -i frames/%04d.png` reads a sequence back unchanged.
 */
const placeholder = /%(0?[1-9])?d/g;

/** True when the name holds a frame-number placeholder (`%d`, `%04d`). */
export function hasFramePattern(name: string): boolean {
  return new RegExp(placeholder.source).test(name);
}

/** Why a pattern cannot be used, or undefined when it is fine. Only its last part (the file name) may hold the placeholder. */
export function framePatternProblem(fileName: string): string | undefined {
  const count = fileName.match(placeholder)?.length ?? 0;
  if (count !== 1) return 'exactly one frame-number placeholder such as %04d';
  if (fileName.replace(placeholder, '').includes('%')) return 'no % other than the frame-number placeholder (%04d)';
  return undefined;
}

/** The file name of frame `number` (from 1): `%04d.png`, 7 → `0007.png`. */
export function frameFileName(pattern: string, number: number): string {
  return pattern.replace(new RegExp(placeholder.source), (_, width?: string) => String(number).padStart(width ? Number(width) : 0, '0'));
}

/** The frame number of `file` if the pattern names it exactly (`%04d.png`: `0007.png` → 7, `7.png` → undefined). */
export function frameNumberOf(pattern: string, file: string): number | undefined {
  const [before, after] = pattern.split(/%(?:0?[1-9])?d/);
  if (!file.startsWith(before) || !file.endsWith(after) || file.length <= before.length + after.length) return undefined;
  const digits = file.slice(before.length, file.length - after.length);
  if (!/^\d+$/.test(digits)) return undefined;
  const number = Number(digits);
  return frameFileName(pattern, number) === file ? number : undefined;
}
