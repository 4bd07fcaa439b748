import { readFileSync } from 'node:fs';
import { invalidOption } from '../errors.ts';
import { limits } from '../recipe/limits.ts';

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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw invalidOption('sections', path, `${expected}; no such file, check the path`);
  }
  let times: number[];
  if (text.trimStart().startsWith('{')) {
    let parsed: { sections?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw invalidOption('sections', path, `${expected}; this JSON does not parse`);
    }
    if (!Array.isArray(parsed.sections) || !parsed.sections.every((t) => typeof t === 'number' && Number.isFinite(t) && t >= 0)) {
      throw invalidOption('sections', path, `${expected}; its "sections" must be a list of times in seconds, none negative`);
    }
    times = parsed.sections as number[];
  } else {
    times = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') return;
      const t = sectionTime(line.split(/[\s,;]+/)[0]);
      if (t === undefined) throw invalidOption('sections', path, `${expected}; line ${i + 1} is ${JSON.stringify(raw.trim())}`);
      times.push(t);
    });
  }
  for (let k = 1; k < times.length; k++) {
    if (!(times[k] > times[k - 1])) {
      throw invalidOption(
        'sections',
        path,
        `${expected}; section ${k + 1} (${times[k]} s) does not start after the one before (${times[k - 1]} s)`,
      );
    }
  }
  if (times.length > limits.sections.max) {
    throw invalidOption('sections', path, `${expected}; at most ${limits.sections.max} sections, and it has ${times.length}`);
  }
  return times
    .map((t) => t - startSeconds)
    .filter((t) => t > 0 && t < durationSeconds)
    .map((t) => Math.round(t * 1000) / 1000)
    .filter((t, k, all) => t > 0 && (k === 0 || t > all[k - 1]));
}

/** Seconds (`65.5`) or a clock (`1:05.5`, `1:01:05`); undefined for anything else. */
function sectionTime(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const clock = /^(?:(\d+):)?(\d+):(\d{2}(?:\.\d+)?)$/.exec(text);
  if (!clock) return undefined;
  const [, hours, minutes, seconds] = clock;
  if (Number(seconds) >= 60 || (hours !== undefined && Number(minutes) >= 60)) return undefined;
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
}
