import { canonicalSeed } from '../../cppn/random.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import { withOption } from './design-edits.ts';
import { createDesignGrid } from './design-grid.ts';
import { element } from './element.ts';
import type { KernelPool } from './kernel-pool.ts';

const perPage = 12;

export interface ExplorePanel {
  readonly element: HTMLElement;
  /** Shows the page of seeds with the design's options (its seed and breeding aside). */
  update(recipe: Recipe): void;
  pause(): void;
}

/** Seeds page by page with the focused design's options: click one to focus it. */
export function createExplorePanel(pool: KernelPool, onPick: (recipe: Recipe, label: string) => void): ExplorePanel {
  let first = 1;
  let base: Recipe | undefined;
  let shownKey = '';
  const grid = createDesignGrid(pool, 'explore', (recipe, cell) => onPick(recipe, cell.caption));
  const range = element('span', { class: 'range' });
  const previous = element('button', { type: 'button', id: 'explore-previous', title: 'The previous 12 seeds' }, '◀');
  const next = element('button', { type: 'button', id: 'explore-next', title: 'The next 12 seeds' }, '▶');
  const jump = element('input', { id: 'explore-jump', type: 'text', placeholder: 'seed…', size: 7 });
  const random = element('button', { type: 'button', id: 'explore-random', title: 'A random page of seeds' }, 'Random');
  const render = (force = false) => {
    if (!base) return;
    const key = JSON.stringify({ ...base, seed: '', breed: undefined, first });
    if (key === shownKey && !force) return;
    shownKey = key;
    range.textContent = `seeds ${first}–${first + perPage - 1}`;
    grid.show(
      Array.from({ length: perPage }, (_, i) => {
        const seed = String(first + i);
        return { edit: withOption(base!, 'seed', seed), caption: `seed ${seed}` };
      }),
    );
  };
  previous.addEventListener('click', () => {
    first = Math.max(1, first - perPage);
    render();
  });
  next.addEventListener('click', () => {
    first += perPage;
    render();
  });
  random.addEventListener('click', () => {
    first = 1 + Math.floor(Math.random() * 1e6);
    render();
  });
  jump.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !base) return;
    const seed = canonicalSeed(jump.value);
    if (seed === '') return;
    // A number opens its page; any other text is a seed of its own, focused at once.
    if (/^\d+$/.test(seed) && seed.length < 15) {
      first = Number(seed);
      render();
    }
    pool.measure(withOption(base, 'seed', seed), 'focus').then(
      (recipe) => onPick(recipe, `seed ${seed}`),
      () => {},
    );
  });
  const bar = element('div', { class: 'bar' }, previous, range, next, jump, random);
  return {
    element: element('section', { class: 'panel', id: 'explore' }, bar, grid.element),
    update(recipe) {
      base = recipe;
      render();
      grid.mark((cell) => cell.edit.recipe.seed === recipe.seed && !recipe.breed?.length);
    },
    pause() {
      grid.pause();
      shownKey = '';
    },
  };
}
