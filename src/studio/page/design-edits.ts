import type { BreedStep } from '../../cppn/network/breed-network.ts';
import type { Recipe } from '../../recipe/recipe.ts';

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
  | 'scale'
  | 'loop'
  | 'radius'
  | 'fps'
  | 'seconds'
  | 'width'
  | 'height';

/** The post's per-topology defaults, as options/defaults.ts has them for the command line. */
const archDefaults = {
  densenet: { hidden: 8, activation: 'sigmoid' },
  perceptron: { hidden: 32, activation: 'tanh' },
  resnet: { hidden: 32, activation: 'tanh' },
} as const;

/**
 * The recipe with one option changed, keeping it valid as the command line would: a new topology
 * takes its own width and activation, a latent of another size resizes the sweep's vectors, a circle
 * needs two latent dimensions, and the length in seconds survives a change of fps.
 */
export function withOption(recipe: Recipe, option: DesignOption, value: string | number): Recipe {
  const { network, sweep } = recipe;
  const seconds = recipe.frames / recipe.fps;
  switch (option) {
    case 'seed':
      return { ...recipe, seed: String(value), breed: undefined };
    case 'arch': {
      const arch = value as Recipe['network']['arch'];
      return { ...recipe, network: { ...network, arch, ...archDefaults[arch] } };
    }
    case 'layers':
    case 'hidden':
    case 'beta':
      return { ...recipe, network: { ...network, [option]: Number(value) } };
    case 'activation':
    case 'inputs':
      return { ...recipe, network: { ...network, [option]: value } };
    case 'latent': {
      const latent = Math.max(sweep.loop === 'circle' ? 2 : 1, Number(value));
      const resize = (values: readonly number[]) => Array.from({ length: latent }, (_, d) => values[d] ?? values[0]);
      return {
        ...recipe,
        network: { ...network, latent },
        sweep: { ...sweep, centre: resize(sweep.centre), from: resize(sweep.from), to: resize(sweep.to) },
      };
    }
    case 'loop': {
      const loop = value as Recipe['sweep']['loop'];
      const widened = loop === 'circle' && network.latent < 2 ? withOption(recipe, 'latent', 2) : recipe;
      return { ...widened, sweep: { ...widened.sweep, loop } };
    }
    case 'radius':
      return { ...recipe, sweep: { ...sweep, radius: Number(value) } };
    case 'colour':
      return { ...recipe, colour: value as Recipe['colour'] };
    case 'scale':
      return { ...recipe, scale: Number(value) };
    case 'fps':
      return { ...recipe, fps: Number(value), frames: Math.max(1, Math.round(seconds * Number(value))) };
    case 'seconds':
      return { ...recipe, frames: Math.max(1, Math.round(Number(value) * recipe.fps)) };
    case 'width':
    case 'height':
      return { ...recipe, [option]: Number(value) };
  }
}

/** A recipe as the page keeps it: no fields that only describe how a file was made. */
export function designOf(recipe: Recipe): Recipe {
  const { video: _video, backend: _backend, ...design } = recipe as Recipe & { backend?: string };
  return design.breed?.length ? design : { ...design, breed: undefined };
}

/** The same recipe with `step` bred in. */
export function withStep(recipe: Recipe, step: BreedStep): Recipe {
  return { ...recipe, breed: [...(recipe.breed ?? []), step] };
}

/** A recipe without undefined fields, as JSON writes it and the schema reads it. */
export function cleanRecipe(recipe: Recipe): Recipe {
  return JSON.parse(JSON.stringify(recipe)) as Recipe;
}
