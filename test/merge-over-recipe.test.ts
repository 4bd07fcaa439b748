import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultBeta } from '../src/options/defaults.ts';
import { mergeOverRecipe } from '../src/options/merge-over-recipe.ts';

test('a new activation over a recipe gets its own default β where the recipe only had the default', () => {
  const base = { arch: 'densenet', activation: 'sigmoid', beta: defaultBeta('densenet', 'sigmoid') } as const;
  const merged = mergeOverRecipe(base, { activation: 'sin' });
  assert.is(merged.activation, 'sin');
  assert.is(merged.beta, undefined, 'left for the defaults: sin takes its own β');
});

test('a β the user chose is kept through a change of activation, and a β given now wins', () => {
  const chosen = { arch: 'densenet', activation: 'sigmoid', beta: 300 } as const;
  assert.is(mergeOverRecipe(chosen, { activation: 'sin' }).beta, 300);
  const inherited = { arch: 'perceptron', activation: 'tanh', beta: defaultBeta('perceptron', 'tanh') } as const;
  assert.is(mergeOverRecipe(inherited, { activation: 'sin', beta: 2 }).beta, 2);
  assert.is(mergeOverRecipe(inherited, { seed: 'x' }).beta, defaultBeta('perceptron', 'tanh'), 'no change of activation: kept');
});

test.run();
