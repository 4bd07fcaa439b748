import type { BreedStep } from '../../cppn/network/breed-network.ts';
import { completePicture, recipeOf } from '../../options/complete-picture.ts';
import { mergeOverRecipe } from '../../options/merge-over-recipe.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import { draftOfRecipe, mergeDrafts, type RecipeDraft } from '../../recipe/recipe-draft.ts';
import type { LookRequest } from '../../render/measure-look.ts';

/** The controls that change a recipe, by name; `seconds` sets the frame count at the current fps. */
export type DesignOption =
  | 'seed'
  | 'arch'
  | 'layers'
  | 'hidden'
  | 'activation'
  | 'beta'
  | 'latent'
  | 'inputs'
  | 'colour'
  | 'palette'
  | 'levels'
  | 'speed'
  | 'scale'
  | 'loop'
  | 'radius'
  | 'fps'
  | 'seconds'
  | 'width'
  | 'height';

/** A value of a control: `palette` takes its stops, `speed` a number, `levels` auto or none. */
export type OptionValue = string | number | readonly string[];

/**
 * A design not yet measured: its recipe, and what the command line would measure over its loop
 * before rendering it (render/measure-look.ts), which the page's workers then measure.
 */
export interface DesignEdit {
  readonly recipe: Recipe;
  readonly look: LookRequest;
}

/**
 * The recipe with one option changed, as `zsweep --from design.json --OPTION VALUE` would make it: the
 * command line's own drafts and defaults (recipe/recipe-draft.ts, options/complete-picture.ts), so
 * that a change that alters the picture has its speed and levels measured again, as there. Where the
 * page means more than that option, it says so: a new topology is a new design with that topology's
 * own width, activation, β and centre; a latent of another size, the default centre at that size; a
 * radius moved by hand turns the speed off (the radius wins); a speed asked for measures the path.
 */
export function withOption(recipe: Recipe, option: DesignOption, value: OptionValue): DesignEdit {
  const seconds = recipe.frames / recipe.fps;
  const over: RecipeDraft = overOf(option, value, seconds, recipe);
  // Another fps samples the same loop more or less finely: the picture and its motion per second stay,
  // so its path and levels are kept, not measured again (mergeDrafts would, as for any new length).
  const base = draftOfRecipe(recipe);
  const merged: Record<string, unknown> = option === 'fps' ? { ...base, ...over } : { ...mergeOverRecipe(base, over) };
  const forget = (...keys: string[]) => {
    for (const key of keys) delete merged[key];
  };
  if (option === 'seed') forget('breed');
  if (option === 'arch') forget('hidden', 'activation', 'beta', 'centre', 'from', 'to');
  if (option === 'latent' || (option === 'loop' && over.latent !== undefined)) forget('centre', 'from', 'to');
  if (option === 'speed') forget('radius', 'from', 'to');
  if (option === 'radius') forget('speed');
  if (option === 'colour' && value !== 'palette') forget('palette');
  const draft = merged as RecipeDraft;
  const picture = completePicture(draft);
  const shape = { width: draft.width!, height: draft.height!, fps: draft.fps!, frames: draft.frames!, aa: draft.aa! };
  return { recipe: designOf(recipeOf(picture, shape)), look: picture.look };
}

/** What the option says, as a draft the command line could have given. */
function overOf(option: DesignOption, value: OptionValue, seconds: number, recipe: Recipe): RecipeDraft {
  switch (option) {
    case 'seed':
      return { seed: String(value) };
    case 'latent':
      return { latent: Math.max(recipe.sweep.loop === 'circle' ? 2 : 1, Number(value)) };
    case 'loop': {
      const loop = value as Recipe['sweep']['loop'];
      // A circle needs a plane.
      return { loop, ...(loop === 'circle' && recipe.network.latent < 2 ? { latent: 2 } : {}) };
    }
    case 'palette':
      return { palette: value as readonly string[], colour: 'palette' };
    case 'levels':
      return { levels: value as 'auto' | 'none' };
    case 'fps':
      return { fps: Number(value), frames: Math.max(1, Math.round(seconds * Number(value))) };
    case 'seconds':
      return { frames: Math.max(1, Math.round(Number(value) * recipe.fps)) };
    case 'arch':
    case 'activation':
    case 'inputs':
    case 'colour':
      return { [option]: value } as RecipeDraft;
    default:
      return { [option]: Number(value) } as RecipeDraft;
  }
}

/** A recipe as the page keeps it: no fields that only describe how a file was made. */
export function designOf(recipe: Recipe): Recipe {
  const { video: _video, backend: _backend, ...design } = recipe as Recipe & { backend?: string };
  return design.breed?.length ? design : { ...design, breed: undefined };
}

/** The same recipe with `step` bred in: a new picture, whose speed and levels are measured again. */
export function withStep(recipe: Recipe, step: BreedStep): DesignEdit {
  const merged = mergeDrafts(draftOfRecipe(recipe), { breed: [...(recipe.breed ?? []), step] });
  const picture = completePicture(merged);
  const { width, height, fps, frames, aa } = recipe;
  return { recipe: designOf(recipeOf(picture, { width, height, fps, frames, aa })), look: picture.look };
}

/** A design already measured (a pick from the history, a dropped file): nothing left to measure. */
export function measuredDesign(recipe: Recipe): DesignEdit {
  return { recipe, look: { levels: false } };
}

/** A recipe without undefined fields, as JSON writes it and the schema reads it. */
export function cleanRecipe(recipe: Recipe): Recipe {
  return JSON.parse(JSON.stringify(recipe)) as Recipe;
}
