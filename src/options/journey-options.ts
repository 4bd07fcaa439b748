import { findSections } from '../audio/find-sections.ts';
import type { AudioTrack } from '../audio/read-audio.ts';
import { journeyLatentDims, type Transition, transitions } from '../cppn/journey.ts';
import { namedPalette, type Palette, paletteNames } from '../cppn/palette.ts';
import { invalidOption } from '../errors.ts';
import { limits } from '../recipe/limits.ts';
import type { Recipe, RecipeBeat, RecipeJourney } from '../recipe/recipe.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import { secondsPerTurn } from './defaults.ts';
import { parsePalette } from './look-options.ts';
import { readSectionsFile } from './sections-option.ts';
import { given, parseChoice } from './values.ts';

/** The journey's options as yargs hands them over. */
export interface JourneyArgs {
  /** A file of the user's own section starts (sections-option.ts). */
  sections?: string;
  transition?: string;
  palettes?: string;
  /** --colour and --palette as given: --palettes refuses another mode than `palette`; either drops a recipe's palettes. */
  colour?: string;
  palette?: string;
}

/** An audio render at least this many turns of its circle long travels on rather than going round. */
const journeyTurns = 2;

/**
 * The recipe with its journey through the song, or as it is. A journey is for an audio render longer
 * than a loop: a circle sweep, not a loop of --bars, not for a platform's short loop, and at least two
 * turns long. A recipe read with --from keeps its own (or its lack of one: an older recipe renders as it
 * did); --sections, --transition and --palettes set parts of it. `detect` finds the sections where no
 * file gives them.
 */
export function withJourney(
  recipe: Recipe,
  args: JourneyArgs,
  { base, audio, detect }: { base: RecipeDraft; audio?: AudioTrack; detect: (audio: AudioTrack, recipe: Recipe) => number[] },
): Recipe {
  const asked = args.sections !== undefined || args.transition !== undefined || args.palettes !== undefined;
  const fits =
    audio !== undefined &&
    recipe.audio !== undefined &&
    recipe.sweep.loop === 'circle' &&
    recipe.beat?.bars === undefined &&
    recipe.target === undefined &&
    recipe.frames / recipe.fps >= journeyTurns * secondsPerTurn;
  if (!fits) {
    if (asked) {
      const [option, value] = journeyOption(args);
      throw invalidOption(
        option,
        value,
        `an audio render longer than a loop with it (--audio FILE, --loop circle, ${journeyTurns * secondsPerTurn} s or more, no --bars or --for): --${option} shapes a song's journey`,
      );
    }
    return recipe;
  }
  // A recipe made before journeys (with its soundtrack) renders as it did unless a journey option is given.
  const old = base.soundtrack !== undefined && base.journey === undefined && !asked;
  if (old) return recipe;
  const durationSeconds = recipe.frames / recipe.fps;
  // A recipe's sections are times in its own excerpt: another start finds them again.
  const sameExcerpt = audio.startSeconds === (base.audioStartSeconds ?? 0);
  const sections =
    args.sections !== undefined
      ? readSectionsFile(args.sections, { startSeconds: audio.startSeconds, durationSeconds })
      : sameExcerpt
        ? (base.journey?.sections.filter((t) => t < durationSeconds) ?? detect(audio, recipe))
        : detect(audio, recipe);
  const transition: Transition =
    given(args.transition, (raw) => parseChoice('transition', raw, transitions)) ?? base.journey?.transition ?? 'blend';
  const keepPalettes = recipe.colour === 'palette' && args.palette === undefined;
  const palettes = args.palettes !== undefined ? parsePalettes(args.palettes) : keepPalettes ? base.journey?.palettes : undefined;
  if (args.palettes !== undefined && args.colour !== undefined && args.colour !== 'palette') {
    throw invalidOption(
      'colour',
      args.colour,
      "no --colour with --palettes (it maps the network through each section's palette), or --colour palette",
    );
  }
  const journey: RecipeJourney = { sections, transition, ...(palettes ? { palettes } : {}) };
  return {
    ...recipe,
    network: { ...recipe.network, journeyLatent: journeyLatentDims },
    ...(palettes ? { colour: 'palette' as const, palette: palettes[0] } : {}),
    journey,
  };
}

function journeyOption(args: JourneyArgs): [string, string] {
  if (args.sections !== undefined) return ['sections', args.sections];
  if (args.transition !== undefined) return ['transition', args.transition];
  return ['palettes', args.palettes!];
}

/** `--palettes dusk,ember,sea` (names), or custom palettes as --palette takes them separated by `;`. */
export function parsePalettes(raw: string): Palette[] {
  const parts = raw.includes(';') || raw.includes('#') ? raw.split(';') : raw.split(',');
  const expected = `palette names separated by commas (${paletteNames.join(', ')}), or palettes of #rrggbb colours separated by semicolons, e.g. --palettes dusk,ember`;
  if (parts.length === 0 || parts.length > limits.sections.max || parts.some((part) => part.trim() === '')) {
    throw invalidOption('palettes', raw, expected);
  }
  return parts.map((part) => {
    const name = part.trim();
    if (!name.includes('#')) {
      const named = namedPalette(name);
      if (!named) throw invalidOption('palettes', raw, `${expected}; ${JSON.stringify(name)} is not a palette`);
      return named;
    }
    try {
      return parsePalette(name);
    } catch {
      throw invalidOption('palettes', raw, `${expected}; ${JSON.stringify(name)} is not a palette`);
    }
  });
}

/**
 * The sections of the excerpt where no file gives them (audio/find-sections.ts), each on a downbeat of
 * the recipe's beat where it keeps one, to the millisecond.
 */
export function detectSections(audio: AudioTrack, recipe: Recipe): number[] {
  const durationSeconds = recipe.frames / recipe.fps;
  return findSections(audio.features, downbeatsOf(recipe.beat, durationSeconds))
    .map((t) => Math.round(t * 1000) / 1000)
    .filter((t, k, all) => t > 0 && t < durationSeconds && (k === 0 || t > all[k - 1]));
}

/** A beat's bar starts within the video, in seconds from its start: the tracked beats where kept, else the grid's. */
export function downbeatsOf(beat: RecipeBeat | undefined, durationSeconds: number): number[] {
  if (!beat) return [];
  const { beatsPerBar, downbeat } = beat;
  if (beat.times && beat.times.length >= 2) return beat.times.filter((_, k) => k >= downbeat && (k - downbeat) % beatsPerBar === 0);
  const bar = (beatsPerBar * 60) / beat.bpm;
  const first = beat.firstBeatSeconds + (downbeat * 60) / beat.bpm;
  const downbeats: number[] = [];
  for (let t = first; t < durationSeconds; t += bar) downbeats.push(t);
  return downbeats;
}
