import type { BreedStep } from '../../cppn/network/breed-network.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import { withStep } from './design-edits.ts';
import { createDesignGrid } from './design-grid.ts';
import { element } from './element.ts';
import type { KernelPool } from './kernel-pool.ts';

const childrenPerGeneration = 8;

export interface BreedPanel {
  readonly element: HTMLElement;
  /** A generation of children of this parent (each time the focus changes while the panel is shown). */
  update(parent: Recipe): void;
  pause(): void;
}

/** What a cross takes from a design: its network (the seed and its breeding). */
function networkKey(recipe: Recipe): string {
  return JSON.stringify([recipe.seed, recipe.breed ?? []]);
}

/** A fresh seed for a mutation: only a name for its random draws, so short is enough. */
function mutationSeed(): string {
  return String(crypto.getRandomValues(new Uint32Array(1))[0]);
}

/**
 * Children of the focused design: mutations of its weights, each a (seed, strength) step, and with a
 * partner chosen, crosses of the two. Picking a child focuses it (a step in the history) and breeds
 * the next generation from it.
 */
export function createBreedPanel(pool: KernelPool, onPick: (recipe: Recipe, label: string) => void): BreedPanel {
  let parent: Recipe | undefined;
  let shownFor: Recipe | undefined;
  let partner: Recipe | undefined;
  let generation = 0;
  const grid = createDesignGrid(pool, 'breed', (recipe, cell) => onPick(recipe, cell.caption));
  const strength = element('input', { id: 'breed-strength', type: 'range', min: 0.02, max: 1, step: 0.01, value: 0.15 });
  const strengthShown = element('output', {}, '0.15');
  const again = element('button', { type: 'button', id: 'breed-again', title: 'Another generation of the same parent' }, 'New generation');
  const setPartner = element(
    'button',
    { type: 'button', id: 'breed-partner', title: 'Cross the children with this design' },
    'Use as partner',
  );
  const partnerShown = element('span', { class: 'partner', id: 'breed-partner-note', role: 'status' }, 'no partner');

  const breed = () => {
    if (!parent) return;
    shownFor = parent;
    generation++;
    const amount = Number(strength.value);
    // A design crossed with itself is itself: crosses wait until the focus is another design.
    const crosses = partner && networkKey(partner) !== networkKey(parent) ? 3 : 0;
    const cells = Array.from({ length: childrenPerGeneration }, (_, i) => {
      const mutate: BreedStep = { kind: 'mutate', seed: mutationSeed(), strength: amount };
      if (i < crosses && partner) {
        const mix = [0.3, 0.5, 0.7][i];
        const cross: BreedStep = {
          kind: 'cross',
          mix,
          partner: { seed: partner.seed, ...(partner.breed?.length ? { breed: partner.breed } : {}) },
        };
        return { edit: withStep(parent!, cross), caption: `cross ${Math.round(mix * 100)}%` };
      }
      return { edit: withStep(parent!, mutate), caption: `child ${generation}.${i + 1 - crosses}` };
    });
    grid.show(cells);
  };
  strength.addEventListener('input', () => {
    strengthShown.textContent = strength.value;
  });
  strength.addEventListener('change', breed);
  again.addEventListener('click', breed);
  setPartner.addEventListener('click', () => {
    partner = parent;
    partnerShown.textContent = partner
      ? `partner: seed ${partner.seed}${partner.breed?.length ? ` +${partner.breed.length}` : ''}; focus another design to cross them`
      : 'no partner';
  });
  const bar = element('div', { class: 'bar' }, element('label', {}, 'Strength ', strength, strengthShown), again, setPartner, partnerShown);
  return {
    element: element('section', { class: 'panel', id: 'breed', hidden: true }, bar, grid.element),
    update(next) {
      parent = next;
      if (shownFor !== next) breed();
    },
    pause() {
      grid.pause();
      shownFor = undefined;
    },
  };
}
