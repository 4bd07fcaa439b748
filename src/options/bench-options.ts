import { type EvaluatorName, evaluatorNames } from '../backends/select-backend.ts';
import { invalidOption } from '../errors.ts';
import { maxPixels, maxSide } from '../recipe/limits.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { completePicture, recipeOf } from './complete-picture.ts';
import { defaults } from './defaults.ts';
import { parsePictureArgs } from './picture-args.ts';

/** `zsweep bench`'s arguments, as text. */
export interface BenchArgs {
  size?: string;
  frames?: string;
  backend?: string;
  arch?: string;
  layers?: string;
  hidden?: string;
  activation?: string;
  seed?: string;
  json?: boolean;
}

/** The recipe a benchmark evaluates: 256², 10 frames and seed 1 unless told otherwise. */
export function parseBenchRecipe(args: BenchArgs): Recipe {
  const { size = '256x256', frames = '10', seed = '1', arch, layers, hidden, activation } = args;
  const draft = parsePictureArgs(
    { size, frames, seed, arch, layers, hidden, activation },
    { size: { maxSide, maxPixels, example: defaults.size, what: 'a frame' } },
  );
  const picture = completePicture(draft);
  return recipeOf(picture, {
    width: draft.width ?? 256,
    height: draft.height ?? 256,
    fps: defaults.fps,
    frames: draft.frames ?? 10,
    aa: 1,
  });
}

/** `all` (decided by the caller: the backends that run here), or a list of evaluators. */
export function parseEvaluators(raw: string): EvaluatorName[] | 'all' {
  if (raw.trim().toLowerCase() === 'all') return 'all';
  return raw.split(',').map((part) => {
    const name = part.trim().toLowerCase();
    if (!(evaluatorNames as readonly string[]).includes(name)) {
      throw invalidOption(
        'backend',
        raw,
        `all, or one or more of ${evaluatorNames.join(', ')} separated by commas, e.g. --backend cpu,reference`,
      );
    }
    return name as EvaluatorName;
  });
}
