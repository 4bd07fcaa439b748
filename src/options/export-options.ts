import { invalidOption, UsageError } from '../errors.ts';
import { type ExportKind, exportEndings, exportKindOf } from '../export/export-kinds.ts';
import type { PageFit } from '../export/page-html.ts';
import { maxFrames, maxPixels, maxSide } from '../recipe/limits.ts';
import type { Recipe } from '../recipe/recipe.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import type { LookRequest } from '../render/measure-look.ts';
import { completePicture, recipeOf } from './complete-picture.ts';
import { defaults } from './defaults.ts';
import { mergeOverRecipe } from './merge-over-recipe.ts';
import { type PictureArgs, parsePictureArgs } from './picture-args.ts';
import { presetBase } from './render-options.ts';
import { deepFreeze } from './values.ts';

/** Arguments of `zsweep export`. */
export interface ExportArgs extends PictureArgs {
  out?: string;
  force?: boolean;
  quiet?: boolean;
  preset?: string;
  /** The options of a render that follows music: given here, each is refused with its reason. */
  audio?: string;
  bars?: string;
  bpm?: string;
}

/** A checked export: the recipe (its look still to measure, as a render measures it) and where it goes. */
export interface ExportOptions {
  readonly recipe: Recipe;
  readonly look: LookRequest;
  readonly kind: ExportKind;
  /** --out, or undefined for output/zsweep-SEED.html. */
  readonly out: string | undefined;
  readonly fit: PageFit;
  readonly force: boolean;
  readonly quiet: boolean;
}

const frameLimits = { maxSide, maxPixels, example: defaults.size, what: 'a frame' };

/** Why a live loop cannot play this: its motion is not a constant-speed sweep. */
const liveOnly = 'a live loop plays its sweep at constant speed';

/**
 * Checks `zsweep export`'s arguments over `base` (a recipe read with --from). The picture options
 * are the render command's; --size also fixes the page's size (without it the page fills the
 * window). What the shader cannot play is refused here, each with its own line.
 */
export function parseExportOptions(args: ExportArgs, { base }: { base?: RecipeDraft } = {}): ExportOptions {
  if (args.preset !== undefined && base !== undefined) {
    throw new UsageError(`Invalid --preset ${JSON.stringify(args.preset)} with --from: give one of them, not both`);
  }
  if (args.audio !== undefined) {
    throw invalidOption(
      'audio',
      args.audio,
      `no --audio for zsweep export: ${liveOnly}; for music, export an ISF shader (.fs) and feed its audio FFT input`,
    );
  }
  for (const option of ['bars', 'bpm'] as const) {
    if (args[option] !== undefined) {
      throw invalidOption(
        option,
        args[option],
        `no --${option} for zsweep export: ${liveOnly}, without beat accents; leave --${option} out`,
      );
    }
  }
  if (base?.soundtrack !== undefined) {
    throw new UsageError(
      `zsweep export cannot play an audio-driven recipe live (its motion follows the track ${JSON.stringify(base.soundtrack.file)}): ${liveOnly}; export a recipe made without --audio`,
    );
  }
  if (base?.beat !== undefined) {
    throw new UsageError(
      `zsweep export cannot play a loop of whole bars live (its motion surges on a beat of ${base.beat.bpm} bpm): ${liveOnly}; export a recipe made without --bars`,
    );
  }
  const kind = args.out === undefined ? 'page' : exportKindOf(args.out);
  if (kind === undefined) {
    throw invalidOption('out', args.out, `a file ending in ${exportEndings.join(', ')}, e.g. --out loop.html`);
  }
  const from = base ?? presetBase(args.preset);
  const draft = mergeOverRecipe(from, parsePictureArgs(args, { base: from, size: frameLimits }));
  const width = draft.width ?? defaults.width;
  const height = draft.height ?? defaults.height;
  const fps = draft.fps ?? defaults.fps;
  const frames = draft.frames ?? Math.round((draft.durationSeconds ?? defaults.durationSeconds) * fps);
  if (frames < 2 || frames > maxFrames) {
    const [option, value] = draft.frames === undefined ? ['duration', draft.durationSeconds] : ['frames', draft.frames];
    throw invalidOption(option, value, `a loop of 2 to ${maxFrames} frames at ${fps} fps`);
  }
  const picture = completePicture(draft);
  const recipe = recipeOf(picture, { width, height, fps, frames, aa: draft.aa ?? defaults.aa });
  return deepFreeze({
    recipe,
    look: picture.look,
    kind,
    out: args.out,
    fit: args.size === undefined ? { kind: 'window' } : { kind: 'size', width, height },
    force: args.force ?? false,
    quiet: args.quiet ?? false,
  });
}
