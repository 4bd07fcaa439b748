import { alignBeats, type BeatGrid, detectBeats } from '../audio/detect-beats.ts';
import { defaultBeatReact, defaultReact, type ReactSpec } from '../audio/react.ts';
import type { AudioExcerpt, AudioTrack } from '../audio/read-audio.ts';
import { type PlatformName, platformNames } from '../encoders/platform-targets.ts';
import { invalidOption, UsageError } from '../errors.ts';
import { limits } from '../recipe/limits.ts';
import type { RecipeBeat } from '../recipe/recipe.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import { readBeatsFile } from './beats-option.ts';
import { parseReact } from './react-option.ts';
import { given, parseChoice, parseDuration, parseInteger, parseNumber } from './values.ts';

/** The render command's options for music, as yargs hands them over. */
export interface MusicArgs {
  audioStart?: string;
  audioEnd?: string;
  fade?: string;
  bpm?: string;
  bars?: string;
  beatsPerBar?: string;
  for?: string;
  flashLimit?: string;
  /** A file of the user's own beat times (beats-option.ts). */
  beats?: string;
}

/** The music options, each checked on its own. */
export interface MusicOptions {
  readonly startSeconds?: number;
  readonly endSeconds?: number;
  readonly fadeSeconds?: number;
  readonly bpm?: number;
  readonly bars?: number;
  readonly beatsPerBar?: number;
  readonly target?: PlatformName;
  /** False with `--flash-limit off`. */
  readonly flashLimit: boolean;
  /** `--beats FILE`: read once the excerpt and bar are known (planBeat). */
  readonly beatsFile?: string;
}

/** The fade at a cut in the sound unless --fade says otherwise: long enough to hide the cut, short enough to keep the first beat. */
export const defaultFadeSeconds = 0.25;

export function parseMusicArgs(args: MusicArgs): MusicOptions {
  const seconds = (option: string, raw: string) => parseDuration(option, raw, { ...limits.audioStartSeconds, example: '1:05' });
  const music: MusicOptions = {
    startSeconds: given(args.audioStart, (raw) => seconds('audio-start', raw)),
    endSeconds: given(args.audioEnd, (raw) => seconds('audio-end', raw)),
    fadeSeconds: given(args.fade, (raw) => parseNumber('fade', raw.replace(/s$/, ''), limits.fadeSeconds)),
    bpm: given(args.bpm, (raw) => parseNumber('bpm', raw, limits.bpm)),
    bars: given(args.bars, (raw) => parseInteger('bars', raw, limits.bars)),
    beatsPerBar: given(args.beatsPerBar, (raw) => parseInteger('beats-per-bar', raw, limits.beatsPerBar)),
    target: given(args.for, (raw) => parseChoice('for', raw, platformNames)),
    flashLimit: given(args.flashLimit, (raw) => parseChoice('flash-limit', raw, ['on', 'off'] as const) === 'on') ?? true,
    ...(args.beats === undefined ? {} : { beatsFile: args.beats }),
  };
  if (music.startSeconds !== undefined && music.endSeconds !== undefined && music.endSeconds <= music.startSeconds) {
    throw invalidOption(
      'audio-end',
      args.audioEnd,
      `a time after --audio-start ${args.audioStart}, e.g. --audio-start 1:00 --audio-end 1:30`,
    );
  }
  return music;
}

/**
 * The part of the track a render reads: from --audio-start (or the recipe's start) to --audio-end or the
 * track's end. `args` gives --audio-start as written, for a message that echoes it.
 */
export function audioExcerpt(music: MusicOptions, base: RecipeDraft, args: Pick<MusicArgs, 'audioStart'> = {}): AudioExcerpt {
  const startSeconds = music.startSeconds ?? base.audioStartSeconds ?? 0;
  const endSeconds = excerptEnd(music, base);
  return {
    startSeconds,
    ...(endSeconds === undefined ? {} : { endSeconds }),
    ...(music.startSeconds === undefined || args.audioStart === undefined ? {} : { startAsWritten: args.audioStart }),
  };
}

/** --audio-end, or the recipe's own end where the part read is the recipe's (no new --audio-start). */
export function excerptEnd(music: MusicOptions, base: RecipeDraft): number | undefined {
  return music.endSeconds ?? (music.startSeconds === undefined ? base.audioEndSeconds : undefined);
}

/** Options that need a soundtrack, refused without one. */
export function refuseMusicWithoutAudio(args: MusicArgs): void {
  for (const [option, value] of [
    ['audio-start', args.audioStart],
    ['audio-end', args.audioEnd],
    ['fade', args.fade],
  ] as const) {
    if (value !== undefined) throw invalidOption(option, value, `--audio FILE with it: --${option} chooses the part of a soundtrack`);
  }
  if (args.beats !== undefined) throw invalidOption('beats', args.beats, "--audio FILE with it: --beats gives a soundtrack's beats");
}

/** How the render keeps time: the beat grid (if any) and how the motion follows it. */
export interface MusicPlan {
  /** The grid in seconds from the video's start; undefined when the render does not keep time. */
  readonly beat: RecipeBeat | undefined;
  /** With a soundtrack: how it drives the motion. */
  readonly react: ReactSpec | undefined;
}

/**
 * The beat grid: --bpm (its phase taken from the track's onsets), the recipe's, or detected in the
 * track. `undefined` when nothing gives a tempo; a request that needs one (--bars, a beat-driven
 * --react) is refused with the way out.
 */
export function planBeat(
  music: MusicOptions,
  { base, audio, react, newSoundtrack }: { base: RecipeDraft; audio?: AudioTrack; react?: string; newSoundtrack: boolean },
): MusicPlan {
  const beatsPerBar = music.beatsPerBar ?? base.beat?.beatsPerBar ?? 4;
  const changed =
    newSoundtrack ||
    music.bpm !== undefined ||
    music.beatsPerBar !== undefined ||
    music.startSeconds !== undefined ||
    music.beatsFile !== undefined ||
    music.endSeconds !== undefined;
  let grid: (BeatGrid & { readonly times?: readonly number[] }) | undefined;
  if (music.beatsFile !== undefined) {
    grid = readBeatsFile(music.beatsFile, { startSeconds: audio?.startSeconds ?? 0, beatsPerBar });
  } else if (music.bpm !== undefined) {
    grid = audio ? alignBeats(audio.features, music.bpm, beatsPerBar) : { bpm: music.bpm, firstBeatSeconds: 0, downbeat: 0 };
  } else if (base.beat !== undefined && !changed) {
    grid = base.beat;
  } else if (audio && (base.soundtrack === undefined || changed)) {
    // A recipe made before beats were kept (or without one) renders as it did: no detection.
    grid = detectBeats(audio.features, { beatsPerBar });
    // An excerpt moved onto a downbeat starts a bar, whatever the bar's accents in the excerpt alone suggest.
    if (grid && audio.onDownbeat && grid.firstBeatSeconds < 0.05) grid = { ...grid, downbeat: 0 };
  }
  if (!audio && music.bpm !== undefined && music.bars === undefined && base.beat?.bars === undefined) {
    throw invalidOption(
      'bpm',
      music.bpm,
      '--bars N with it (or --audio FILE): without a soundtrack the tempo sets the length of a loop of N bars',
    );
  }
  const needsTempo = (what: string) =>
    audio
      ? new UsageError(
          `No steady beat found in ${JSON.stringify(audio.name)}${audio.startSeconds ? ` from ${audio.startSeconds} s` : ''} for ${what}: give its tempo with --bpm, e.g. --bpm 120`,
        )
      : new UsageError(`Missing --bpm for ${what}: give the tempo, e.g. --bars 4 --bpm 120`);
  if (music.bars !== undefined && !grid) throw needsTempo(`--bars ${music.bars}`);
  const fallback = grid ? defaultBeatReact : defaultReact;
  const chosenReact = audio ? (react !== undefined ? parseReact(react, fallback) : (base.react ?? fallback)) : undefined;
  if (chosenReact && (chosenReact.speed === 'beat' || chosenReact.pulse === 'beat') && !grid) throw needsTempo(`--react ${react}`);
  const bars = music.bars ?? (changed ? undefined : base.beat?.bars);
  if (!grid) return { beat: undefined, react: chosenReact };
  return {
    beat: {
      bpm: grid.bpm,
      beatsPerBar,
      firstBeatSeconds: grid.firstBeatSeconds,
      downbeat: grid.downbeat,
      ...(bars === undefined ? {} : { bars }),
      ...(grid.times ? { times: grid.times.map((t) => Math.round(t * 1000) / 1000) } : {}),
      // Without a soundtrack the accent has nowhere else to live; --react pulse-amount sets it.
      ...(audio
        ? {}
        : { accent: react !== undefined ? parseReact(react).pulseAmount : (base.beat?.accent ?? defaultBeatReact.pulseAmount) }),
    },
    react: chosenReact,
  };
}

/** Frames of a loop of whole bars, rounded to whole frames. */
export function barFrames(beat: RecipeBeat, bars: number, fps: number): number {
  return Math.max(1, Math.round(((bars * beat.beatsPerBar * 60) / beat.bpm) * fps));
}

/**
 * The most whole bars whose frames (as `barFrames` rounds them) fit in `frames` (at least one). Counted
 * in frames, not seconds: a detected 119.99 BPM makes 4 bars 8.0008 s, yet the same 240 frames as 8 s.
 */
export function barsWithin(beat: RecipeBeat, frames: number, fps: number): number {
  let bars = Math.max(1, Math.floor((frames / fps / 60) * (beat.bpm / beat.beatsPerBar)) + 1);
  while (bars > 1 && barFrames(beat, bars, fps) > frames) bars--;
  return bars;
}
