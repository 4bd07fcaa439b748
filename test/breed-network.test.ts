import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toRgba } from '../src/cppn/colour.ts';
import { bredNetwork, crossNetworks, mutateNetwork } from '../src/cppn/network/breed-network.ts';
import { buildNetwork } from '../src/cppn/network/network.ts';
import type { Recipe } from '../src/recipe/recipe.ts';
import { parseRecipe } from '../src/recipe/recipe-schema.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { assertUsageError, runCli, tempFolder } from './helpers.ts';
import { parseRender } from './render-helpers.ts';

const spec = { arch: 'perceptron', layers: 3, hidden: 6, activation: 'tanh', beta: 64, latent: 2, inputs: 'standard' } as const;
const weightsOf = (network: ReturnType<typeof buildNetwork>) => [...network.hidden, network.output].map((layer) => [...layer.weights]);

test('a mutation is a pure function of its seed and strength, and strength 0 changes nothing', () => {
  const parent = buildNetwork(spec, '7');
  const a = mutateNetwork(parent, 'm1', 0.3);
  assert.equal(weightsOf(a), weightsOf(mutateNetwork(buildNetwork(spec, '7'), 'm1', 0.3)));
  assert.not.equal(weightsOf(a), weightsOf(mutateNetwork(parent, 'm2', 0.3)));
  assert.not.equal(weightsOf(a), weightsOf(parent));
  assert.equal(weightsOf(mutateNetwork(parent, 'm1', 0)), weightsOf(parent));
  // The parent is left as it was: the page keeps it in its history.
  assert.equal(weightsOf(parent), weightsOf(buildNetwork(spec, '7')));
});

test('a cross blends weights: mix 0 is the design itself, mix 1 its partner, 0.5 the mean', () => {
  const own = buildNetwork(spec, '1');
  const partner = buildNetwork(spec, '2');
  assert.equal(weightsOf(crossNetworks(own, partner, 0)), weightsOf(own));
  assert.equal(weightsOf(crossNetworks(own, partner, 1)), weightsOf(partner));
  const half = crossNetworks(own, partner, 0.5);
  assert.ok(Math.abs(half.output.weights[0] - (own.output.weights[0] + partner.output.weights[0]) / 2) < 1e-15);
  const bred = bredNetwork(spec, '1', [
    { kind: 'cross', mix: 1, partner: { seed: '2', breed: [{ kind: 'mutate', seed: 'x', strength: 0.5 }] } },
  ]);
  assert.equal(weightsOf(bred), weightsOf(mutateNetwork(partner, 'x', 0.5)));
});

const child = (): Recipe => {
  const { recipe } = parseRender({ seed: '42', size: '40x32', frames: '4', out: 'x.gif' });
  return {
    ...recipe,
    breed: [
      { kind: 'mutate', seed: '1001', strength: 0.4 },
      { kind: 'cross', mix: 0.3, partner: { seed: '9', breed: [{ kind: 'mutate', seed: '5', strength: 0.2 }] } },
    ],
  };
};

test('a bred recipe is schema-checked: a bad step is refused with one line naming the field', async () => {
  const good = child();
  assert.equal(parseRecipe(JSON.stringify(good), 'child.json').breed, good.breed);
  const bad = (breed: unknown) => JSON.stringify({ ...good, breed });
  await assertUsageError(() => parseRecipe(bad([{ kind: 'mutate', seed: '1', strength: 99 }]), 'c.json'), /breed\.0\.strength/);
  await assertUsageError(() => parseRecipe(bad([{ kind: 'grow', seed: '1' }]), 'c.json'), /breed\.0/);
  await assertUsageError(() => parseRecipe(bad([{ kind: 'mutate', seed: '1', strength: 1, path: '/etc' }]), 'c.json'), /breed\.0.*"path"/);
  await assertUsageError(() => parseRecipe(bad([{ kind: 'cross', mix: 2, partner: { seed: '1' } }]), 'c.json'), /breed\.0\.mix/);
});

test("zsweep --from child.json renders the bred network: the frame the pipeline gives, not the parent's", async () => {
  const folder = tempFolder();
  const recipe = child();
  writeFileSync(join(folder, 'child.json'), JSON.stringify(recipe));
  const result = await runCli(['--from', join(folder, 'child.json'), '--out', join(folder, 'child.png'), '--backend', 'cpu', '--quiet']);
  assert.is(result.code, 0, result.stderr);
  const png = PNG.sync.read(readFileSync(join(folder, 'child.png')));
  const frameOf = async (r: Recipe) => {
    const pipeline = await openFramePipeline(parseRecipe(JSON.stringify(r), 'r'), 'cpu');
    try {
      const outputs = await pipeline.backend.evaluate(pipeline.sweep(0, r.frames));
      return toRgba(outputs, r.colour, new Uint8ClampedArray(r.width * r.height * 4));
    } finally {
      await pipeline.backend.close();
    }
  };
  const expected = await frameOf(recipe);
  const rgb = (rgba: ArrayLike<number>) => Array.from(rgba).filter((_, i) => i % 4 !== 3);
  assert.equal(rgb(png.data), rgb(expected));
  const { breed: _, ...parent } = recipe;
  assert.not.equal(rgb(png.data), rgb(await frameOf(parent)));
  // And the file's own recipe keeps the steps, so it renders the same again.
  const again = await runCli(['--from', join(folder, 'child.png'), '--out', join(folder, 'again.png'), '--backend', 'cpu', '--quiet']);
  assert.is(again.code, 0, again.stderr);
  assert.equal(readFileSync(join(folder, 'again.png')), readFileSync(join(folder, 'child.png')));
});

test.run();
