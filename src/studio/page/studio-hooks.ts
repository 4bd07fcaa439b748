import type { Recipe } from '../../recipe/recipe.ts';
import type { DesignOption, OptionValue } from './design-edits.ts';

/** What tests and the README's measurements read from the page. */
export interface StudioHooks {
  ready: boolean;
  /** The focused design at the preview's size: what the CLI renders to give the preview's frames. */
  previewRecipe(): Recipe;
  /** The focused design as it is kept (its own size): what its look was measured for. */
  design(): Recipe;
  hold(frame: number): Promise<void>;
  play(): void;
  /** Milliseconds the last focus design took to be measured (its look), waiting for a worker included. */
  lastMeasureMs: number;
  /** Milliseconds from the last change of design to its first frame on screen. */
  lastLatencyMs: number;
  /** Frames a second the workers evaluate the focus at, over the last second. */
  fps: number;
  /** Frames a second drawn on the preview, over the last second. */
  playing: number;
  /** Evaluates `frames` frames of a design at `size`² as the preview does and returns frames a second. */
  measure(recipe: Recipe, size: number, frames: number): Promise<number>;
  kernel: string;
  threads: number;
  /** Changes a control as a person would; resolves once the new design is measured and in the history. */
  set(option: DesignOption, value: OptionValue): Promise<void>;
  /** Stops the grids' thumbnails, so that a measurement has the workers to itself. */
  pauseGrids(): void;
  /** Resolves once the session is written to this browser's storage (before a test reloads the page). */
  saved(): Promise<void>;
}

declare global {
  interface Window {
    zsweepStudio: StudioHooks;
  }
}
