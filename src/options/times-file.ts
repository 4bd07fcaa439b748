import { readFileSync } from 'node:fs';
import { invalidOption } from '../errors.ts';

/** How one kind of time file reads: its option, what it expects (for messages), its JSON key and a time's name. */
export interface TimesFileKind {
  readonly option: string;
  readonly expected: string;
  /** The list `zsweep info --json` prints under this key. */
  readonly key: string;
  /** What one time is, in messages: `beat 2 (0.5 s) …`. */
  readonly noun: string;
  readonly notAfter: string;
}

/**
 * A file of times from the track's start, as `--beats` and `--sections` take it: one time a line (blank
 * lines and `#` comments skipped, anything after the first word ignored) in seconds or m:ss, or the JSON
 * `zsweep info --audio FILE --json` prints, whose `kind.key` list is read (the whole object is returned
 * for its other lists). Checked once, here: numbers, none negative, each after the one before. Every
 * problem is one line naming the file and the option.
 */
export function readTimesFile(path: string, kind: TimesFileKind): { times: number[]; json?: Record<string, unknown> } {
  const refuse = (why: string) => invalidOption(kind.option, path, `${kind.expected}; ${why}`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw refuse('no such file, check the path');
  }
  let times: number[] = [];
  let json: Record<string, unknown> | undefined;
  if (text.trimStart().startsWith('{')) {
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw refuse('this JSON does not parse');
    }
    const list = json[kind.key];
    if (!Array.isArray(list) || !list.every((t) => typeof t === 'number' && Number.isFinite(t) && t >= 0))
      throw refuse(`its "${kind.key}" must be a list of times in seconds, none negative`);
    times = list as number[];
  } else {
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') return;
      const t = clockSeconds(line.split(/[\s,;]+/)[0]);
      if (t === undefined) throw refuse(`line ${i + 1} is ${JSON.stringify(raw.trim())}`);
      times.push(t);
    });
  }
  for (let k = 1; k < times.length; k++) {
    if (!(times[k] > times[k - 1])) throw refuse(`${kind.noun} ${k + 1} (${times[k]} s) ${kind.notAfter} (${times[k - 1]} s)`);
  }
  return json ? { times, json } : { times };
}

/** Seconds (`65.5`) or a clock (`1:05.5`, `1:01:05`); undefined for anything else. */
export function clockSeconds(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const clock = /^(?:(\d+):)?(\d+):(\d{2}(?:\.\d+)?)$/.exec(text);
  if (!clock) return undefined;
  const [, hours, minutes, seconds] = clock;
  if (Number(seconds) >= 60 || (hours !== undefined && Number(minutes) >= 60)) return undefined;
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
}
