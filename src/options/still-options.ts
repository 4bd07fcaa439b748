import { type Format, type FormatName, formats } from '../encoders/formats.ts';
import { invalidOption, UsageError } from '../errors.ts';
import { maxFrames, maxStillPixels, maxStillSide } from '../recipe/limits.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import type { StillRequest } from '../render/render-request.ts';
import { completePicture, recipeOf } from './complete-picture.ts';
import { defaults } from './defaults.ts';
import { mergeOverRecipe } from './merge-over-recipe.ts';
import { parsePictureOut } from './output-format.ts';
import { type PictureArgs, parsePictureArgs } from './picture-args.ts';
import { parseBackend, presetBase } from './render-options.ts';
import { deepFreeze, given, parseInteger } from './values.ts';

/** Arguments of `zsweep still`: one frame of the sweep, at any size, supersampled. */
export interface StillArgs extends PictureArgs {
  out?: string;
  force?: boolean;
  quiet?: boolean;
  backend?: string;
  preset?: string;
  frame?: string;
}

export interface StillOptions {
  readonly request: StillRequest;
  readonly quiet: boolean;
}

const stillLimits = { maxSide: maxStillSide, maxPixels: maxStillPixels, example: '3000x3000', what: 'a still' };

/**
 * Checks `zsweep still`'s arguments over `base` (a recipe read with --from, whose frame `storedFrame`
 * is shown unless --frame says otherwise).
 */
export function parseStillOptions(args: StillArgs, { base, storedFrame }: { base?: RecipeDraft; storedFrame?: number } = {}): StillOptions {
  if (args.preset !== undefined && base !== undefined) {
    throw new UsageError(`Invalid --preset ${JSON.stringify(args.preset)} with --from: give one of them, not both`);
  }
  if (base?.soundtrack !== undefined) {
    throw new UsageError(
      `zsweep still cannot render a frame of an audio-driven recipe (its frames follow the track ${JSON.stringify(base.soundtrack.file)}); render the video with --from and --audio instead`,
    );
  }
  const from = base ?? presetBase(args.preset);
  const formatName: FormatName = args.out === undefined ? 'png' : parsePictureOut(args.out);
  const format: Format = formats[formatName];
  // The recipe's own supersampling is for its frame size: a still has its own default.
  const draft = mergeOverRecipe({ ...from, aa: undefined }, parsePictureArgs(args, { base: from, size: stillLimits }));
  const width = draft.width ?? defaults.stillSize;
  const height = draft.height ?? defaults.stillSize;
  if (format.maxSide !== undefined && Math.max(width, height) > format.maxSide) {
    throw invalidOption(
      'size',
      `${width}x${height}`,
      `at most ${format.maxSide} pixels a side for ${format.label}; choose a smaller --size, or write .png`,
    );
  }
  const fps = draft.fps ?? defaults.fps;
  const frames = draft.frames ?? Math.round((draft.durationSeconds ?? defaults.durationSeconds) * fps);
  if (frames < 1 || frames > maxFrames)
    throw invalidOption('duration', draft.durationSeconds, `from one frame to ${maxFrames} frames at ${fps} fps`);
  const picture = completePicture(draft);
  const recipe = recipeOf(picture, { width, height, fps, frames, aa: draft.aa ?? defaults.stillAa });
  const frame = given(args.frame, (raw) => parseInteger('frame', raw, { min: 0, max: frames - 1, example: '0' })) ?? storedFrame ?? 0;
  if (frame >= frames) throw invalidOption('frame', frame, `a frame from 0 to ${frames - 1}, e.g. --frame 0`);
  return deepFreeze({
    request: {
      kind: 'still',
      recipe,
      look: picture.look,
      frame,
      output: { format: formatName, path: args.out, force: args.force ?? false },
      backend: parseBackend(args.backend),
    },
    quiet: args.quiet ?? false,
  });
}
