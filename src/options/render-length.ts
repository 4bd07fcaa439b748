import type { AudioTrack } from '../audio/read-audio.ts';
import { platformTargets } from '../encoders/platform-targets.ts';
import { invalidOption, UsageError } from '../errors.ts';
import { maxFrames } from '../recipe/limits.ts';
import type { Recipe, RecipeBeat } from '../recipe/recipe.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import { defaults } from './defaults.ts';
import { barFrames, barsWithin, type MusicOptions, type MusicPlan } from './music-options.ts';
import type { PictureArgs } from './picture-args.ts';
import { given, parseInteger } from './values.ts';

/** The arguments that set a render's length, as the command line gives them. */
type LengthArgs = Pick<PictureArgs, 'frames' | 'duration'>;

/**
 * The length and the beat grid: a loop of --bars whole bars; for a platform, the longest stretch of the
 * track it takes (whole bars when the track has a beat) or its usual length; else as before (frameCount).
 */
export function musicLength(
  args: LengthArgs,
  music: MusicOptions,
  plan: MusicPlan,
  { draft, fps, audio, target }: { draft: RecipeDraft; fps: number; audio?: AudioTrack; target?: Recipe['target'] },
): { frames: number; beat: RecipeBeat | undefined } {
  const lengthGiven = args.frames !== undefined || args.duration !== undefined;
  if (music.bars !== undefined && lengthGiven) {
    throw invalidOption('bars', music.bars, `no --${args.frames !== undefined ? 'frames' : 'duration'} with it: --bars sets the length`);
  }
  const beat = plan.beat;
  if (beat?.bars !== undefined && !lengthGiven) {
    return { frames: checkedFrames('bars', beat.bars, barFrames(beat, beat.bars, fps)), beat };
  }
  const platform = target && music.target ? platformTargets[target] : undefined;
  if (platform?.seconds && !lengthGiven) {
    // In whole frames: the track's length to the nearest frame, the platform's limit never passed.
    const trackFrames = Math.round((audio?.durationSeconds ?? platform.seconds.default) * fps);
    const frames = Math.max(1, Math.min(trackFrames, Math.floor(platform.seconds.max * fps + 1e-6)));
    if (beat) {
      const bars = barsWithin(beat, frames, fps);
      return { frames: barFrames(beat, bars, fps), beat: { ...beat, bars } };
    }
    return { frames, beat };
  }
  const { bars: _, ...unbarred } = beat ?? {};
  return { frames: frameCount(draft, fps, audio, args.duration), beat: beat && lengthGiven ? (unbarred as RecipeBeat) : beat };
}

function checkedFrames(option: string, value: number, frames: number): number {
  if (frames > maxFrames) throw invalidOption(option, value, `at most ${maxFrames} frames in all; fewer bars or a lower --fps`);
  return frames;
}

/** A single .png holds one frame: the first of the sweep. */
export function singleFrame(args: LengthArgs & { out?: string }): number {
  const frames = given(args.frames, (raw) => parseInteger('frames', raw, { min: 1, max: maxFrames, example: '1' }));
  if ((frames !== undefined && frames !== 1) || args.duration !== undefined) {
    throw new UsageError(
      `Invalid --out ${JSON.stringify(args.out)}: a single .png holds one frame (the first); for one PNG per frame use a pattern such as --out frames/%04d.png, for another frame zsweep still --frame N, or drop --frames/--duration`,
    );
  }
  return 1;
}

/** From the frames, the duration, the soundtrack's length, or the default length, in that order; `durationAsWritten` is --duration's text, for messages. */
function frameCount(draft: RecipeDraft, fps: number, audio: AudioTrack | undefined, durationAsWritten?: string): number {
  if (draft.frames !== undefined) return draft.frames;
  if (draft.durationSeconds === undefined && audio !== undefined) {
    const frames = Math.max(1, Math.round(audio.durationSeconds * fps));
    if (frames > maxFrames)
      throw invalidOption(
        'audio',
        audio.path,
        `a track of at most ${maxFrames} frames at ${fps} fps; give a shorter --duration or lower --fps`,
      );
    return frames;
  }
  const seconds = draft.durationSeconds ?? defaults.durationSeconds;
  const frames = Math.round(seconds * fps);
  // Echoed as the user wrote it (10ms, 1:30), or in seconds when it is the recipe's.
  const duration = durationAsWritten ?? seconds;
  if (frames < 1)
    throw invalidOption('duration', duration, `at least one frame at ${fps} fps (${Number((1 / fps).toPrecision(3))} s or more)`);
  if (frames > maxFrames) throw invalidOption('duration', duration, `at most ${maxFrames} frames in all; shorten it or lower --fps`);
  return frames;
}
