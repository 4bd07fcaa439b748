import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { topologyDefaults } from '../src/options/defaults.ts';
import { namedSpeeds } from '../src/options/look-options.ts';
import { parseRenderOptions } from '../src/options/render-options.ts';
import { measureLook } from '../src/render/measure-look.ts';
import { cliCommand } from '../src/studio/page/cli-command.ts';
import { cleanRecipe, type DesignEdit, withOption, withStep } from '../src/studio/page/design-edits.ts';
import { createLineage } from '../src/studio/page/lineage.ts';
import { parseRender } from './render-helpers.ts';

// The page's first design, as the server makes it: measured as `zsweep --seed 1` measures it.
const first = parseRender({ seed: '1', size: '64x64', frames: '30', out: 'x.mp4' });
const start = await measureLook(first.recipe, first.look!);

/** The command line's words as the shell would split them (the page quotes only what needs it). */
function words(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] ?? m[2]).replaceAll("'\\''", "'"));
}

/** The recipe `zsweep ARGS` renders, its look measured as the command line measures it. */
function recipeOfCommand(command: string) {
  const args = words(command).slice(2);
  const named: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) named[args[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase())] = args[i + 1];
  const { recipe, look } = parseRenderOptions(named, { env: {} }).request as ReturnType<typeof parseRenderOptions>['request'] & {
    look?: DesignEdit['look'];
  };
  return look ? measureLook(recipe, look) : recipe;
}

/** The page's edits one after another, each measured as the page's workers measure it (the same code). */
async function edits(recipe: typeof start, ...steps: [Parameters<typeof withOption>[1], Parameters<typeof withOption>[2]][]) {
  let design = recipe;
  for (const [option, value] of steps) {
    const edit = withOption(design, option, value);
    design = await measureLook(edit.recipe, edit.look);
  }
  return design;
}

test('"Copy command" spells out every option of a design with nothing measured: the command renders that recipe', async () => {
  const design = await edits(start, ['arch', 'resnet'], ['colour', 'hsv'], ['latent', 3], ['beta', 64.5], ['seed', "it's night"]);
  assert.ok(design.levels, 'levels measured');
  assert.is(design.speed, namedSpeeds.medium);
  assert.is(design.network.hidden, 32, 'a new topology takes its own width');
  assert.is(design.sweep.centre.length, 3, 'a new latent size resizes the sweep');
  // Measured levels have no option, and a speed is measured again by the command: the recipe file carries them.
  assert.is(cliCommand(design, 'loop.mp4', 'loop.json'), 'npx zsweep --from loop.json --size 64x64 --backend cpu --out loop.mp4');
  const plain = await edits(design, ['levels', 'none'], ['radius', 0.3], ['palette', ['#1b1b3a', '#693668', '#f84aa7']]);
  const command = cliCommand(plain, 'loop.mp4', 'loop.json');
  assert.match(command, /--seed 'it'\\''s night'/);
  assert.match(command, /--colour palette --palette '#1b1b3a,#693668,#f84aa7' --levels none/);
  assert.match(command, /--radius 0\.3 --z-centre [-\d.,]+ --z-from [-\d.,]+ --z-to [-\d.,]+ --backend cpu --out loop\.mp4$/);
  const { zsweep: _, video: __, ...expected } = cleanRecipe(plain);
  const { zsweep: ___, video: ____, ...rendered } = await recipeOfCommand(command);
  assert.equal(rendered, expected);
  // One PNG takes no length on the command line, and its recipe records one: from the file.
  assert.is(cliCommand(plain, 'still.png', 'still.json'), 'npx zsweep --from still.json --size 64x64 --backend cpu --out still.png');
  const named = await edits(plain, ['palette', ['#140b2e', '#3b1f5c', '#7d2e78', '#c74b7a', '#f08a6c', '#ffd7a1']]);
  assert.match(cliCommand(named, 'x.mp4', 'x.json'), /--palette dusk --levels none/);
});

test('another fps samples the same loop: its path and levels are kept, not measured again', async () => {
  for (const loop of ['circle', 'pingpong'] as const) {
    const design = await edits(start, ['loop', loop]);
    const { recipe, look } = withOption(design, 'fps', 60);
    assert.equal(look, { levels: false }, `${loop}: nothing to measure`);
    assert.equal([recipe.sweep, recipe.levels, recipe.speed], [design.sweep, design.levels, design.speed], loop);
    assert.is(recipe.frames, Math.round((design.frames / design.fps) * 60));
  }
  // A length, by contrast, changes the motion per frame: the path is measured again for the speed.
  assert.ok(withOption(start, 'seconds', 4).look.speed !== undefined);
});

test('a new topology is a new design with its own defaults; a radius moved by hand turns the speed off', () => {
  const { recipe, look } = withOption(start, 'arch', 'perceptron');
  assert.is(recipe.network.beta, topologyDefaults.perceptron.beta);
  assert.is(recipe.network.activation, topologyDefaults.perceptron.activation);
  assert.is.not(recipe.sweep.centre[0], 0, 'centred off the origin');
  assert.equal(look, { speed: namedSpeeds.medium, levels: true });
  const byHand = withOption({ ...recipe, speed: namedSpeeds.medium }, 'radius', 0.3);
  assert.is(byHand.recipe.speed, undefined);
  assert.is(byHand.recipe.sweep.radius, 0.3);
  assert.is(byHand.look.speed, undefined);
});

test('a bred design is rendered from its recipe file', async () => {
  const bred = withStep(start, { kind: 'mutate', seed: '9', strength: 0.2 });
  const child = await measureLook(bred.recipe, bred.look);
  assert.ok(child.levels && child.speed !== undefined, 'the child measured');
  assert.is(cliCommand(child, 'c.mp4', 'c.json'), 'npx zsweep --from c.json --size 64x64 --backend cpu --out c.mp4');
  // From the file only the size: a length or fps on the command line would measure the look again.
  const request = parseRender({ out: 'c.mp4', size: '64x64' }, child);
  assert.equal(request.look, { levels: false }, 'nothing measured again');
  assert.equal([request.recipe.sweep, request.recipe.levels], [child.sweep, child.levels]);
  const wide = { ...start, width: 128, height: 72 };
  assert.match(
    cliCommand(wide, 'w.mp4', 'w.json'),
    /^npx zsweep --from w\.json --size 128x72 --backend cpu --out w\.mp4$/,
    'a look measured square, rendered wide',
  );
  assert.is(withOption(child, 'seed', '5').recipe.breed, undefined, 'a new seed starts a new design');
});

test('the lineage: undo, redo to the child last visited, and a branch kept when another child is picked', () => {
  const lineage = createLineage(start, 'seed 1');
  const a = lineage.push(withStep(start, { kind: 'mutate', seed: 'a', strength: 0.2 }).recipe, 'child a');
  lineage.push(withStep(a.recipe, { kind: 'mutate', seed: 'a2', strength: 0.2 }).recipe, 'child a2');
  assert.ok(lineage.undo());
  assert.ok(lineage.undo());
  assert.not.ok(lineage.undo(), 'the root has no parent');
  assert.ok(lineage.redo());
  assert.is(lineage.current, a);
  assert.ok(lineage.redo());
  assert.is(lineage.current.label, 'child a2');
  assert.not.ok(lineage.redo());
  lineage.go(lineage.path()[0]);
  const b = lineage.push(withStep(start, { kind: 'mutate', seed: 'b', strength: 0.2 }).recipe, 'child b');
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
