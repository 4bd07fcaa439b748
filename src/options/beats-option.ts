import type { BeatTrack } from '../audio/detect-beats.ts';
import { invalidOption } from '../errors.ts';
import { readTimesFile } from './times-file.ts';

const expected =
  "a file of beat times from the track's start, one a line in seconds or m:ss, or the JSON of `zsweep info --audio FILE --json`";

/**
 * `--beats FILE`: the user's own beats instead of detection. One time a line (blank lines and `#` comments
 * skipped), or the JSON `zsweep info --json` prints (its `beats`, and its `downbeats` for the bar). Times
 * are from the track's start; with --audio-start those before it are dropped and the rest moved to the
 * excerpt's start. Checked once, here: at least two, increasing, none negative.
 */
export function readBeatsFile(path: string, { startSeconds = 0, beatsPerBar = 4 } = {}): BeatTrack {
  const { times, json } = readTimesFile(path, {
    option: 'beats',
    expected,
    key: 'beats',
    noun: 'beat',
    notAfter: 'is not after the one before',
  });
  const listed = json?.downbeats;
  const downbeats = Array.isArray(listed) ? listed.filter((t): t is number => typeof t === 'number') : [];
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
