import type { Recipe } from '../../recipe/recipe.ts';
import type { LoopPlayer } from './loop-player.ts';
import { shaderPlays } from './shader-player.ts';

/** gpu: the shader, live (within rounding of the CLI); exact: the wasm workers, the CLI's own pixels. */
export type PreviewMode = 'gpu' | 'exact';

export interface PreviewSwitch extends LoopPlayer {
  setMode(mode: PreviewMode): void;
  /** Whether the design shown now plays on the GPU. */
  onGpu(): boolean;
}

/**
 * The focused preview: the shader where the page has a GPU and the design is one the shader plays, else
 * the exact wasm player. The one not in use is held on a frame and its canvas hidden, so it costs nothing.
 */
export function createPreviewSwitch(exact: LoopPlayer, gpu: LoopPlayer | undefined, mode: PreviewMode): PreviewSwitch {
  let active = exact;
  let shown: { recipe: Recipe; size: { width: number; height: number } } | undefined;
  let holding: number | undefined;
  const choose = (recipe: Recipe) => (mode === 'gpu' && gpu && shaderPlays(recipe) ? gpu : exact);
  if (gpu) gpu.canvas.hidden = true;

  const preview: PreviewSwitch = {
    get canvas() {
      return active.canvas;
    },
    show(recipe, size) {
      shown = { recipe, size };
      const next = choose(recipe);
      if (next !== active) {
        void active.hold(0);
        active = next;
        exact.canvas.hidden = active !== exact;
        if (gpu) gpu.canvas.hidden = active !== gpu;
      }
      active.show(recipe, size);
      if (holding === undefined) active.play();
    },
    hold(frame) {
      holding = frame;
      return active.hold(frame);
    },
    play() {
      holding = undefined;
      active.play();
    },
    stop() {
      exact.stop();
      gpu?.stop();
    },
    state: () => active.state(),
    setMode(next) {
      mode = next;
      if (shown) preview.show(shown.recipe, shown.size);
    },
    onGpu: () => active === gpu,
  };
  return preview;
}
