import type { Recipe } from '../../recipe/recipe.ts';
import type { DesignEdit } from './design-edits.ts';
import { element } from './element.ts';
import type { KernelPool } from './kernel-pool.ts';
import { createLoopPlayer, type LoopPlayer } from './loop-player.ts';

/** Thumbnails are evaluated at this size; the CSS shows them at the same size, crisp. */
export const cellSize = 112;
/** A thumbnail loops over this many frames of its sweep, in the loop's own duration: enough to see the motion. */
const cellFrames = 24;

export interface GridCell {
  /** The design, measured by the pool before it is shown (its speed and levels, as the CLI measures them). */
  readonly edit: DesignEdit;
  /** Under the picture: `seed 42`, `mutation 3`. */
  readonly caption: string;
}

export interface DesignGrid {
  readonly element: HTMLElement;
  /** Shows these designs, each looping once measured (coarsely); clicking one calls `onPick` with it measured for a render. */
  show(cells: readonly GridCell[]): void;
  /** Outlines the cells whose design is the focused one. */
  mark(isFocused: (cell: GridCell) => boolean): void;
  /** Stops every cell's evaluation (the panel is hidden). */
  pause(): void;
}

/** An animated grid of designs (explore's seeds, breed's children), one player per cell. */
export function createDesignGrid(pool: KernelPool, name: string, onPick: (recipe: Recipe, cell: GridCell) => void): DesignGrid {
  const root = element('div', { class: 'design-grid', 'data-grid': name });
  let players: LoopPlayer[] = [];
  let shown: { cell: GridCell; button: HTMLButtonElement }[] = [];
  const stopAll = () => {
    for (const player of players) player.stop();
    players = [];
  };
  return {
    element: root,
    show(cells) {
      stopAll();
      root.replaceChildren();
      shown = [];
      for (const [index, cell] of cells.entries()) {
        const canvas = element('canvas', { width: cellSize, height: cellSize });
        const tag = `${name}-${index}`;
        const player = createLoopPlayer(canvas, pool, { priority: 'grid', tag, ahead: 1, framesPerLoop: cellFrames });
        // Measured as `zsweep grid` measures a cell, under the player's tag (stopping the player drops the
        // measurement if it still waits); a pick is measured again as a render is, before it is focused.
        pool.measure(cell.edit, 'grid', { tag, thumbnail: true }).then(
          (recipe) => player.show(recipe, { width: cellSize, height: cellSize }),
          () => {},
        );
        players.push(player);
        const button = element(
          'button',
          { type: 'button', class: 'cell', title: `Focus ${cell.caption}` },
          canvas,
          element('span', {}, cell.caption),
        );
        button.addEventListener('click', () =>
          pool.measure(cell.edit, 'focus').then(
            (recipe) => onPick(recipe, cell),
            () => {},
          ),
        );
        shown.push({ cell, button });
        root.append(button);
      }
    },
    mark(isFocused) {
      for (const { cell, button } of shown) button.classList.toggle('current', isFocused(cell));
    },
    pause: stopAll,
  };
}
