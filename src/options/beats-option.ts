import { readFileSync } from 'node:fs';
import type { BeatTrack } from '../audio/detect-beats.ts';
import { invalidOption } from '../errors.ts';

const expected = "a file of beat times in seconds from the track's start, one a line, or the JSON of `zsweep info --audio FILE --json`";

/**
 * `--beats FILE`: the user's own beats instead of detection. One time a line (blank lines and `#` comments
 * skipped), or the JSON `zsweep info --json` prints (its `beats`, and its `downbeats` for the bar). Times
 * are from the track's start; with --audio-start those before it are dropped and the rest moved to the
 * excerpt's start. Checked once, here: at least two, increasing, none negative.
 */
export function readBeatsFile(path: string, { startSeconds = 0, beatsPerBar = 4 } = {}): BeatTrack {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw invalidOption('beats', path, `${expected}; no such file, check the path`);
  }
  let times: number[];
  let downbeats: number[] = [];
  if (text.trimStart().startsWith('{')) {
    let parsed: { beats?: unknown; downbeats?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw invalidOption('beats', path, `${expected}; this JSON does not parse`);
    }
    if (!Array.isArray(parsed.beats) || !parsed.beats.every((t) => typeof t === 'number' && Number.isFinite(t))) {
      throw invalidOption('beats', path, `${expected}; its "beats" must be a list of numbers`);
    }
    times = parsed.beats as number[];
    if (Array.isArray(parsed.downbeats)) downbeats = parsed.downbeats.filter((t): t is number => typeof t === 'number');
  } else {
    times = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') return;
      const t = Number(line.split(/[\s,;]+/)[0]);
      if (!Number.isFinite(t) || t < 0) throw invalidOption('beats', path, `${expected}; line ${i + 1} is ${JSON.stringify(raw.trim())}`);
      times.push(t);
    });
  }
  for (let k = 1; k < times.length; k++) {
    if (!(times[k] > times[k - 1])) {
      throw invalidOption('beats', path, `${expected}; beat ${k + 1} (${times[k]} s) is not after the one before (${times[k - 1]} s)`);
    }
  }
  const shifted = times.filter((t) => t >= startSeconds).map((t) => t - startSeconds);
  if (shifted.length < 2) {
    throw invalidOption(
      'beats',
      path,
      `${expected}; at least two beats${startSeconds ? ` after --audio-start ${startSeconds}` : ''}, and it has ${shifted.length}`,
    );
  }
  const first = downbeats.map((t) => t - startSeconds).find((t) => t >= -1e-6);
  const index = first === undefined ? 0 : shifted.findIndex((t) => Math.abs(t - first) < 0.02);
  const downbeat = index < 0 ? 0 : index % beatsPerBar;
  const bpm = (60 * (shifted.length - 1)) / (shifted[shifted.length - 1] - shifted[0]);
  return {
    bpm,
    firstBeatSeconds: shifted[0],
    downbeat,
    times: shifted,
    downbeatTimes: shifted.filter((_, k) => k >= downbeat && (k - downbeat) % beatsPerBar === 0),
    beatsPerBar,
    confidence: 1,
  };
}
