import { invalidOption } from '../errors.ts';
import { limits } from '../recipe/limits.ts';
import { readTimesFile } from './times-file.ts';

const expected =
  'a file of section start times from the track\'s start, one a line in seconds or m:ss (e.g. 1:05.5), or the JSON of `zsweep info --audio FILE --json` with its "sections"';

/**
 * `--sections FILE`: the user's own section starts instead of detection. One time a line (blank lines and
 * `#` comments skipped), in seconds or m:ss, or JSON with a `sections` list of seconds (what `zsweep info
 * --json` prints). Times are from the track's start: with --audio-start those at or before it are dropped
 * and the rest moved to the excerpt's start; those at or past its end are dropped too. A 0 (the track's
 * start) is allowed and dropped, as the first section always starts there. Checked once, here: numbers,
 * none negative, increasing.
 */
export function readSectionsFile(path: string, { startSeconds = 0, durationSeconds = Number.POSITIVE_INFINITY } = {}): number[] {
  const { times } = readTimesFile(path, {
    option: 'sections',
    expected,
    key: 'sections',
    noun: 'section',
    notAfter: 'does not start after the one before',
  });
  if (times.length > limits.sections.max) {
    throw invalidOption('sections', path, `${expected}; at most ${limits.sections.max} sections, and it has ${times.length}`);
  }
  return times
    .map((t) => t - startSeconds)
    .filter((t) => t > 0 && t < durationSeconds)
    .map((t) => Math.round(t * 1000) / 1000)
    .filter((t, k, all) => t > 0 && (k === 0 || t > all[k - 1]));
}
