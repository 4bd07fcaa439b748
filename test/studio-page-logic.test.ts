import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRenderOptions } from '../src/options/render-options.ts';
import { cliCommand } from '../src/studio/page/cli-command.ts';
import { cleanRecipe, withOption, withStep } from '../src/studio/page/design-edits.ts';
import { createLineage } from '../src/studio/page/lineage.ts';
import { parseRender } from './render-helpers.ts';

const start = parseRender({ seed: '1', size: '64x64', frames: '30', out: 'x.mp4' }).recipe;

/** The command line's words as the shell would split them (the page quotes only what needs it). */
function words(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] ?? m[2]).replaceAll("'\\''", "'"));
}

/** The recipe `zsweep ARGS` would render, as the command line checks it. */
function recipeOfCommand(command: string) {
  const args = words(command).slice(2);
  const named: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) named[args[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase())] = args[i + 1];
  return parseRenderOptions(named, { env: {} }).request.recipe;
}

test('"Copy command" spells out every option: the command renders the design the page shows', () => {
  let design = withOption(start, 'arch', 'resnet');
  design = withOption(design, 'colour', 'hsv');
  design = withOption(design, 'latent', 3);
  design = withOption(design, 'beta', 64.5);
  design = withOption(design, 'seed', "it's night");
  const command = cliCommand(design, 'loop.mp4', 'loop.json');
  assert.match(command, /--seed 'it'\\''s night'/);
  const { zsweep: _, video: __, ...expected } = cleanRecipe(design);
  const { zsweep: ___, video: ____, ...rendered } = recipeOfCommand(command);
  assert.equal(rendered, expected);
  assert.is(design.network.hidden, 32, 'a new topology takes its own width');
  assert.is(design.sweep.centre.length, 3, 'a new latent size resizes the sweep');
});

test('a bred design is rendered from its recipe file', () => {
  const child = withStep(start, { kind: 'mutate', seed: '9', strength: 0.2 });
  assert.is(cliCommand(child, 'c.mp4', 'c.json'), 'npx zsweep --from c.json --size 64x64 --fps 30 --frames 30 --out c.mp4');
  assert.is(withOption(child, 'seed', '5').breed, undefined, 'a new seed starts a new design');
});

test('the lineage: undo, redo to the child last visited, and a branch kept when another child is picked', () => {
  const lineage = createLineage(start, 'seed 1');
  const a = lineage.push(withStep(start, { kind: 'mutate', seed: 'a', strength: 0.2 }), 'child a');
  lineage.push(withStep(a.recipe, { kind: 'mutate', seed: 'a2', strength: 0.2 }), 'child a2');
  assert.ok(lineage.undo());
  assert.ok(lineage.undo());
  assert.not.ok(lineage.undo(), 'the root has no parent');
  assert.ok(lineage.redo());
  assert.is(lineage.current, a);
  assert.ok(lineage.redo());
  assert.is(lineage.current.label, 'child a2');
  assert.not.ok(lineage.redo());
  lineage.go(lineage.path()[0]);
  const b = lineage.push(withStep(start, { kind: 'mutate', seed: 'b', strength: 0.2 }), 'child b');
  assert.equal(
    lineage.path().map((node) => node.label),
    ['seed 1', 'child b'],
  );
  assert.is(lineage.path()[0].children.length, 2, 'both branches are kept');
  lineage.go(a);
  assert.ok(lineage.redo(), "a's own child is still there");
  assert.is(lineage.current.label, 'child a2');
  lineage.go(b);
  assert.ok(lineage.undo());
  assert.ok(lineage.redo());
  assert.is(lineage.current, b, 'redo returns to the branch last visited');
});

test.run();
