import { analyseBeats, beatTimes, detectBeats } from '../audio/detect-beats.ts';
import { findSections } from '../audio/find-sections.ts';
import type { AudioTrack } from '../audio/read-audio.ts';

/** How many beats `zsweep info --audio` lists. */
const listedBeats = 16;

/** What `zsweep info --audio` prints: the track's length, its tempo and its first beats (or that it has no steady beat). */
export function describeTrack(track: AudioTrack, { beatsPerBar = 4 } = {}): string {
  const lines = [
    `audio: ${track.name}, ${track.durationSeconds.toFixed(2)} s${track.startSeconds > 0 ? ` from ${track.startSeconds} s` : ''}`,
  ];
  const grid = detectBeats(track.features, { beatsPerBar });
  if (!grid) {
    lines.push('tempo: no steady beat found (a --bars loop needs --bpm N; --audio follows loudness and onsets instead)');
    lines.push(sectionsLine(findSections(track.features, [])));
    return `${lines.join('\n')}\n`;
  }
  const times = beatTimes(grid, track.durationSeconds);
  const firstDownbeat = times[grid.downbeat];
  lines.push(
    `tempo: ${grid.bpm.toFixed(2)} BPM (a beat every ${(60 / grid.bpm).toFixed(3)} s, a bar of ${beatsPerBar} every ${((60 * beatsPerBar) / grid.bpm).toFixed(3)} s)`,
  );
  lines.push(
    `beats (s): ${times
      .slice(0, listedBeats)
      .map((t) => t.toFixed(3))
      .join(' ')}${times.length > listedBeats ? ` … (${times.length} in all)` : ''}`,
  );
  if (firstDownbeat !== undefined) lines.push(`first downbeat: ${firstDownbeat.toFixed(3)} s (beat ${grid.downbeat + 1})`);
  lines.push(sectionsLine(findSections(track.features, grid.downbeatTimes)));
  return `${lines.join('\n')}\n`;
}

/** Where each section starts, 0 first, as m:ss.s. */
function sectionsLine(boundaries: readonly number[]): string {
  const clock = (t: number) => `${Math.floor(t / 60)}:${(t % 60).toFixed(1).padStart(4, '0')}`;
  return `sections: ${boundaries.length + 1}, starting at ${[0, ...boundaries].map(clock).join(' ')}`;
}

/**
 * What `zsweep info --audio FILE --json` prints: the tempo, every beat and downbeat in seconds from the
 * excerpt's start (to the millisecond), and the confidence; `steady: false` (and no beats) where there is no
 * steady beat. `--beats FILE` reads this back. `sections` lists where each section starts, 0 first
 * (find-sections.ts), whether or not the beat is steady.
 */
export function describeTrackJson(track: AudioTrack, { beatsPerBar = 4 } = {}): string {
  const { track: beats, confidence } = analyseBeats(track.features, { beatsPerBar });
  const ms = (t: number) => Math.round(t * 1000) / 1000;
  return `${JSON.stringify(
    {
      file: track.name,
      durationSeconds: ms(track.durationSeconds),
      startSeconds: track.startSeconds,
      steady: beats !== undefined,
      confidence: Math.round(confidence * 100) / 100,
      bpm: beats ? Math.round(beats.bpm * 100) / 100 : null,
      beatsPerBar,
      beats: beats ? beats.times.map(ms) : [],
      downbeats: beats ? beats.downbeatTimes.map(ms) : [],
      sections: [0, ...findSections(track.features, beats?.downbeatTimes ?? [])].map(ms),
    },
    null,
    1,
  )}\n`;
}
