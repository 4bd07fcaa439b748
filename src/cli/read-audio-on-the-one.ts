import { detectBeats } from '../audio/detect-beats.ts';
import { type AudioExcerpt, type AudioTrack, readAudio } from '../audio/read-audio.ts';
import type { FfmpegLookup } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { audioExcerpt, type MusicArgs, type MusicOptions } from '../options/music-options.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';

/** Seconds before --audio-start also read, so that a downbeat just before it can be found: a bar at 80 BPM. */
const preRollSeconds = 3;
/** A start this close to a downbeat is on it. */
const onBeatSeconds = 0.0005;

/**
 * Reads the soundtrack so that the video starts on the one: `--audio-start` moves to the nearest downbeat
 * the tracker finds, and a loop of `--bars` (or a platform's whole bars) without one starts on the track's
 * first downbeat. Each move is said in `note`, for stderr. Not where the user fixed the beat (--bpm, --beats),
 * nor for a recipe's own start (`--from` plays what it played), nor where no steady beat is found.
 */
export async function readAudioOnTheOne(
  path: string,
  music: MusicOptions,
  base: RecipeDraft,
  { ffmpeg, signal, args = {} }: { ffmpeg: FfmpegLookup; signal?: AbortSignal; args?: Pick<MusicArgs, 'audioStart'> },
): Promise<{ audio: AudioTrack; note?: string }> {
  const excerpt = audioExcerpt(music, base, args);
  const read = (range: AudioExcerpt) => readAudio(path, { ffmpeg, signal, excerpt: range });
  const userBeat = music.bpm !== undefined || music.beatsFile !== undefined;
  const beatsPerBar = music.beatsPerBar ?? base.beat?.beatsPerBar ?? 4;
  const end = excerpt.endSeconds === undefined ? {} : { endSeconds: excerpt.endSeconds };
  if (music.startSeconds !== undefined && !userBeat) {
    const start = music.startSeconds;
    const preRoll = Math.min(preRollSeconds, start);
    const wider = await read({ ...excerpt, startSeconds: start - preRoll });
    const downbeats = detectBeats(wider.features, { beatsPerBar })?.downbeatTimes ?? [];
    if (downbeats.length === 0) return { audio: preRoll > 0 ? await read(excerpt) : wider };
    const nearest = downbeats.reduce((best, t) => (Math.abs(t - preRoll) < Math.abs(best - preRoll) ? t : best));
    const snapped = Math.round((start - preRoll + nearest) * 1000) / 1000;
    if (Math.abs(snapped - start) < onBeatSeconds) return { audio: preRoll > 0 ? await read(excerpt) : wider };
    const moved = snapped - start;
    return {
      audio: { ...(await read({ startSeconds: snapped, ...end })), onDownbeat: true },
      note: `--audio-start ${start} moved to the nearest downbeat, ${snapped.toFixed(3)} s (${moved > 0 ? '+' : ''}${moved.toFixed(3)} s); --bpm N keeps your start`,
    };
  }
  const audio = await read(excerpt);
  const loop = music.bars !== undefined || music.target !== undefined;
  if (!loop || userBeat || excerpt.startSeconds > 0) return { audio };
  const first = detectBeats(audio.features, { beatsPerBar })?.downbeatTimes[0];
  if (first === undefined || first < onBeatSeconds) return { audio };
  const start = Math.round(first * 1000) / 1000;
  return {
    audio: { ...(await read({ startSeconds: start, ...end })), onDownbeat: true },
    note: `the loop starts on the track's first downbeat, at ${start.toFixed(3)} s (give --audio-start to choose another)`,
  };
}
