import { namedPalette, paletteNames } from '../../cppn/palette.ts';
import { namedSpeeds } from '../../options/look-options.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import { currentValue } from './controls-panel.ts';
import { type DesignEdit, type DesignOption, type OptionValue, withOption } from './design-edits.ts';
import type { KernelPool } from './kernel-pool.ts';
import type { Lineage, LineageNode } from './lineage.ts';

export interface DesignEditor {
  /** A control moves: the preview follows as soon as the new design is measured. */
  change(option: DesignOption, value: OptionValue): void;
  /** A control is let go: a step in the history (or the same step, for the next press of a run of keys). */
  commit(option: DesignOption, value: OptionValue): Promise<void>;
  /** The next commit starts a new step, whatever control it comes from (focus left the control, a drag began). */
  endRun(): void;
  /** Milliseconds from the first move of a change to now, or undefined when no change waits for its picture. */
  takeChangedAt(): number | undefined;
}

/**
 * Changing the focused design with the controls. While a control moves, only the latest move is
 * measured next, so a dragged slider does not queue a measurement per step; the history gets one step
 * when it is let go, after the edits before it. Key presses on one control in a row, without leaving
 * it, are one step too: each press changes the step the first one made.
 */
export function createDesignEditor(deps: {
  pool: KernelPool;
  lineage: () => Lineage;
  /** The design the preview plays while a control moves (not yet in the history). */
  preview: (recipe: Recipe) => void;
  /** The history changed: show its current design. */
  committed: (node: LineageNode) => void;
  /** A measurement that failed or a value refused: its line; '' clears it. */
  say: (text: string) => void;
  measured: (ms: number) => void;
}): DesignEditor {
  let changedAt: number | undefined;
  let moving: DesignEdit | undefined;
  /** Counts moves and commits: a move measured after a later one, or after the control was let go, is not shown. */
  let moves = 0;
  let measuring = false;
  let queue: Promise<unknown> = Promise.resolve();
  let run: { option: DesignOption; node: LineageNode } | undefined;

  const measure = async (edit: DesignEdit): Promise<Recipe | undefined> => {
    try {
      const started = performance.now();
      const recipe = await deps.pool.measure(edit, 'focus');
      deps.measured(performance.now() - started);
      return recipe;
    } catch (error) {
      deps.say((error as Error).message);
      return undefined;
    }
  };
  const edited = (option: DesignOption, value: OptionValue): DesignEdit | undefined => {
    try {
      deps.say('');
      return withOption(deps.lineage().current.recipe, option, value);
    } catch (error) {
      deps.say((error as Error).message);
      return undefined;
    }
  };
  const followMoves = async () => {
    measuring = true;
    while (moving) {
      const edit = moving;
      const ticket = moves;
      moving = undefined;
      const recipe = await measure(edit);
      if (recipe && ticket === moves) deps.preview(recipe);
    }
    measuring = false;
  };
  return {
    change(option, value) {
      changedAt ??= performance.now();
      moves++;
      moving = edited(option, value);
      if (!measuring) void followMoves();
    },
    commit(option, value) {
      moves++;
      moving = undefined;
      queue = queue.then(async () => {
        const edit = edited(option, value);
        const recipe = edit && (await measure(edit));
        if (!recipe) return;
        const lineage = deps.lineage();
        const label = stepLabel(option, recipe, value);
        const continues = run?.option === option && run.node === lineage.current;
        const node = continues ? lineage.replace(recipe, label) : lineage.push(recipe, label);
        run = { option, node };
        deps.committed(node);
      });
      return queue as Promise<void>;
    },
    endRun() {
      run = undefined;
    },
    takeChangedAt() {
      const at = changedAt;
      changedAt = undefined;
      return at;
    },
  };
}

/** The history chip of a change: the value the design has after it (a latent the loop keeps at 2 reads 2). */
export function stepLabel(option: DesignOption, recipe: Recipe, asked: OptionValue): string {
  if (option === 'palette') {
    const stops = String(recipe.palette ?? asked);
    return `palette ${paletteNames.find((name) => String(namedPalette(name)) === stops) ?? 'custom'}`;
  }
  if (option === 'speed') {
    const name = Object.entries(namedSpeeds).find(([, value]) => value === recipe.speed)?.[0];
    return `speed ${name ?? recipe.speed ?? asked}`;
  }
  const value = currentValue(recipe, option);
  const names: Partial<Record<DesignOption, string>> = { hidden: 'width', arch: 'topology', seconds: 'length' };
  const shown = typeof value === 'number' ? Number(value.toPrecision(4)) : value;
  return `${names[option] ?? option} ${shown}${option === 'seconds' ? ' s' : ''}`;
}
