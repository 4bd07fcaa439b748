import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRenderOptions, type RenderArgs } from '../src/options/render-options.ts';
import { measureLookReport, speedPerFrame } from '../src/render/measure-look.ts';
import { maxReach } from '../src/render/path-bounds.ts';

/** A render command's recipe and look, measured as a render measures them. */
async function measured(args: RenderArgs) {
  const { request } = parseRenderOptions({ size: '64x64', ...args });
  return measureLookReport(request.recipe, request.look!);
}

// Each of these ran away to the radius cap (1000) and rendered flat colour jumping between saturated ones.
for (const args of [
  { seed: '8', duration: '20' },
  { seed: '10', duration: '8', speed: 'lively' },
  { seed: '11', speed: '12' },
  { seed: '5', bpm: '100', bars: '16' },
]) {
  test(`${JSON.stringify(args)}: the path stays where the picture lives, and a speed out of reach is said`, async () => {
    const { recipe, report } = await measured(args);
    assert.ok(recipe.sweep.radius < 20, `radius ${recipe.sweep.radius}`);
    assert.not.ok(report.flat);
    if (report.reached !== undefined) assert.ok(report.reached > report.asked! / 2, JSON.stringify(report));
  });
}

test('a loop of many bars is measured as it plays: its turns and its surges count', async () => {
  const long = await measured({ seed: '3', bpm: '120', bars: '8' });
  const plain = await measured({ seed: '3', duration: '16' });
  // Two turns in 16 s against one: about half the radius for the same speed (the accents add a little more).
  assert.ok(long.recipe.sweep.radius < plain.recipe.sweep.radius * 0.75, `${long.recipe.sweep.radius} vs ${plain.recipe.sweep.radius}`);
});

test('pingpong and line paths are bounded, so every measured recipe reads back', async () => {
  for (const loop of ['pingpong', 'none']) {
    const { recipe } = await measured({ seed: '6', loop, latent: '1', duration: '20', speed: '50' });
    for (const value of [...recipe.sweep.from, ...recipe.sweep.to]) assert.ok(Math.abs(value) <= maxReach, `${loop}: ${value}`);
  }
});

test('a network flat at every size is said to be flat, and its path is not walked to a bound', async () => {
  const { recipe, report } = await measured({ seed: '12', arch: 'resnet', activation: 'sigmoid', beta: '16' });
  assert.ok(report.flat);
  assert.ok(recipe.sweep.radius > 1e-3 && recipe.sweep.radius < maxReach);
});

test('a network that changes with every step of z is reported faster than asked, at the smallest path', async () => {
  const { report } = await measured({ seed: '12', arch: 'resnet', beta: '4000', layers: '16' });
  assert.ok(report.reached! > report.asked!, JSON.stringify(report));
});

test('sin and gauss get a β that makes a picture: measured at the asked speed, not noise at the smallest path', async () => {
  for (const activation of ['sin', 'gauss']) {
    for (const arch of ['densenet', 'perceptron', 'resnet']) {
      const { recipe, report } = await measured({ seed: '9', arch, activation });
      assert.equal(report.reached, undefined, `${arch} ${activation}: ${JSON.stringify(report)}`);
      assert.ok(recipe.sweep.radius > 0.01, `${arch} ${activation}: radius ${recipe.sweep.radius}`);
    }
  }
});

test('the speed is measured per frame at the recipe’s fps', () => {
  assert.is(speedPerFrame(2.5, 60), 1.25);
});

test.run();
