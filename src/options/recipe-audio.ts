import { beatTurns } from '../audio/beat-motion.ts';
import type { AudioTrack } from '../audio/read-audio.ts';
import { invalidOption, UsageError } from '../errors.ts';
import type { RecipeAudio, RecipeBeat } from '../recipe/recipe.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import { defaults, secondsPerTurn } from './defaults.ts';
import { defaultFadeSeconds, excerptEnd, type MusicOptions, type MusicPlan } from './music-options.ts';

/** The recipe's record of the soundtrack: which file (by content), which part of it, and how it drives the motion. */
export function recipeAudio(
  draft: RecipeDraft,
  audio: AudioTrack,
  { frames, fps, music, plan, beat }: { frames: number; fps: number; music: MusicOptions; plan: MusicPlan; beat: RecipeBeat | undefined },
): RecipeAudio {
  const seconds = frames / fps;
  if (draft.soundtrack !== undefined && draft.soundtrack.sha256 !== audio.sha256) {
    const { file, sha256 } = draft.soundtrack;
    throw new UsageError(
      `Invalid --audio ${JSON.stringify(audio.path)}: the recipe was made with ${JSON.stringify(file)} (sha256 ${sha256.slice(0, 12)}…), and this file's content differs (sha256 ${audio.sha256.slice(0, 12)}…); give that track`,
    );
  }
  const loop = draft.loop ?? defaults.loop;
  if (loop === 'none' && draft.turns !== undefined) {
    throw invalidOption('turns', draft.turns, 'no --turns with --loop none: z goes from --z-from to --z-to once over the whole track');
  }
  const react = plan.react!;
  const onBeat = react.speed === 'beat' && beat !== undefined;
  const turns =
    loop === 'none' ? 1 : (draft.turns ?? (onBeat ? beatTurns(beat, frames, fps) : Math.max(1, Math.round(seconds / secondsPerTurn))));
  // A recipe made before fades were kept has none, and renders as it did.
  const fadeSeconds = music.fadeSeconds ?? (draft.soundtrack === undefined ? defaultFadeSeconds : draft.fadeSeconds);
  const endSeconds = excerptEnd(music, draft);
  return {
    file: audio.name,
    sha256: audio.sha256,
    react,
    turns,
    ...(audio.startSeconds > 0 ? { startSeconds: audio.startSeconds } : {}),
    ...(endSeconds === undefined ? {} : { endSeconds }),
    ...(fadeSeconds === undefined ? {} : { fadeSeconds }),
  };
}
