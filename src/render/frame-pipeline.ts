import type { Backend, BackendChoice } from '../backends/backend.ts';
import { type EvaluatorName, selectBackend } from '../backends/select-backend.ts';
import { type Colouring, createColouring } from '../cppn/colour.ts';
import { bredNetwork } from '../cppn/network/breed-network.ts';
import type { Network } from '../cppn/network/network.ts';
import { createPixelGrid, type PixelGrid } from '../cppn/pixel-grid.ts';
import { createSweep, type Sweep } from '../cppn/sweep.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { musicColouring } from './music-sweep.ts';

/** What turns a recipe's frame number into the network's outputs: built once per render. */
export interface FramePipeline {
  readonly recipe: Recipe;
  readonly network: Network;
  /** The evaluation grid: aa × the frame's size (or a band of it). */
  readonly grid: PixelGrid;
  readonly sweep: Sweep;
  readonly backend: Backend;
  /** Outputs to RGBA: the recipe's levels, colour mode and palette. */
  readonly colouring: Colouring;
  /** Where the colouring changes from frame to frame (a journey's palettes): each frame's. */
  readonly colourFor?: (frame: number) => Colouring;
}

/**
 * Seeded network → pixel grid → sweep → backend, for `recipe`. `grid` replaces the recipe's own
 * (supersampled) grid, e.g. with a still's band; `sweep` replaces the constant-speed sweep (audio);
 * `started` is the recipe's backend, already started by `startBackend`. The caller closes the backend.
 */
export async function openFramePipeline(
  recipe: Recipe,
  backend: BackendChoice | EvaluatorName,
  { grid, sweep, started }: { grid?: PixelGrid; sweep?: Sweep; started?: Promise<Backend> } = {},
): Promise<FramePipeline> {
  const network = bredNetwork(recipe.network, recipe.seed, recipe.breed);
  const pixels = grid ?? recipeGrid(recipe);
  return {
    recipe,
    network,
    grid: pixels,
    sweep: sweep ?? createSweep(recipe.sweep, recipe.network.latent, recipe.seed),
    backend: await (started ?? selectBackend(backend, { network, grid: pixels })),
    colouring: createColouring(recipe),
    ...withColourFor(musicColouring(recipe)),
  };
}

/**
 * The backend of the recipe's own grid, started now: a render starts it (threads, the GPU probe)
 * while the look is measured, since the network and the grid do not depend on the look.
 */
export function startBackend(recipe: Recipe, backend: BackendChoice | EvaluatorName): Promise<Backend> {
  return selectBackend(backend, { network: bredNetwork(recipe.network, recipe.seed, recipe.breed), grid: recipeGrid(recipe) });
}

function recipeGrid(recipe: Recipe): PixelGrid {
  return createPixelGrid(recipe.width * recipe.aa, recipe.height * recipe.aa, recipe.scale);
}

function withColourFor(colourFor: ((frame: number) => Colouring) | undefined): { colourFor?: (frame: number) => Colouring } {
  return colourFor ? { colourFor } : {};
}
