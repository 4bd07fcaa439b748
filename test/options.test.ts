import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../src/errors.ts';
import type { RenderArgs } from '../src/options/render-options.ts';
import { parseRender } from './render-helpers.ts';

const rejects = (args: RenderArgs, pattern: RegExp) => {
  try {
    parseRender(args);
  } catch (error) {
    assert.instance(error, UsageError);
    assert.match((error as Error).message, pattern);
    assert.not.match((error as Error).message, /\n/, 'one line');
    return;
  }
  assert.unreachable(`accepted ${JSON.stringify(args)}`);
};

test('defaults: a 512² densenet circle loop of 120 frames at 30 fps, with a drawn seed', () => {
  const { recipe, format, backend } = parseRender({});
  assert.is(recipe.width, 512);
  assert.is(recipe.height, 512);
  assert.is(recipe.frames, 120);
  assert.is(recipe.fps, 30);
  assert.is(recipe.network.arch, 'densenet');
  assert.is(recipe.network.hidden, 8);
  assert.is(recipe.network.activation, 'sigmoid');
  assert.is(recipe.network.beta, 1024);
  assert.is(recipe.sweep.loop, 'circle');
  assert.equal(recipe.sweep.centre, [0, 0]);
  // The radius and the levels are measured when it renders.
  assert.equal(parseRender({}).look, { speed: 2.5, levels: true });
  assert.match(recipe.seed, /^\d+$/);
  assert.is(format, 'mp4');
  assert.is(backend, 'auto');
  assert.ok(Object.isFrozen(recipe) && Object.isFrozen(recipe.sweep.centre));
});

test('perceptron and resnet default to 32 tanh units; --duration sets the frame count', () => {
  const { recipe } = parseRender({ arch: 'resnet', duration: '1.5', fps: '24' });
  assert.is(recipe.network.hidden, 32);
  assert.is(recipe.network.activation, 'tanh');
  assert.is(recipe.network.beta, 16);
  assert.equal(recipe.sweep.centre, [1 / Math.sqrt(2), -1 / Math.sqrt(2)], 'a circle one unit off the origin');
  assert.is(recipe.frames, 36);
});

test('durations as people write them: 5, 5s, 250ms, 1m30s, 1:30, 1:02:03', () => {
  const frames = (duration: string) => parseRender({ duration, fps: '10' }).recipe.frames;
  assert.is(frames('5'), 50);
  assert.is(frames('5s'), 50);
  assert.is(frames('4.5s'), 45);
  assert.is(frames('250ms'), 3);
  assert.is(frames('1m30s'), 900);
  assert.is(frames('1:30'), 900);
  assert.is(frames('1:02:03'), 37230);
  assert.is(frames('2M'), 1200);
});

test('seeds: whole numbers are canonical, text is kept', () => {
  assert.is(parseRender({ seed: '042' }).recipe.seed, '42');
  assert.is(parseRender({ seed: 'Sunrise' }).recipe.seed, 'Sunrise');
});

test('vectors: one number for every dimension, or one per dimension', () => {
  const { recipe } = parseRender({ latent: '3', zCentre: '0.5', zFrom: '1,2,3', loop: 'none' });
  assert.equal(recipe.sweep.centre, [0.5, 0.5, 0.5]);
  assert.equal(recipe.sweep.from, [1, 2, 3]);
});

test('bad values: one line naming the option, the value and what is expected', () => {
  rejects({ size: '12x' }, /^Invalid --size "12x": expected WIDTHxHEIGHT/);
  rejects({ size: '1x100' }, /--size "1x100": expected each side from 2/);
  rejects({ size: '16384x16384' }, /megapixels/);
  rejects({ frames: '0' }, /--frames "0": expected a whole number from 1/);
  rejects({ frames: '2.5' }, /--frames "2.5"/);
  rejects({ frames: '3', duration: '2' }, /give one of them, not both/);
  rejects({ duration: '0' }, /--duration "0": expected a length such as 4, 4\.5s, 1m30s, 1:30 or 250ms, more than 0 to 86400 seconds/);
  rejects({ duration: '1:75' }, /--duration "1:75"/);
  rejects({ duration: '5 minutes' }, /--duration "5 minutes"/);
  rejects({ fps: 'fast' }, /--fps "fast": expected a number/);
  rejects({ fps: '60', out: 'x.gif' }, /--fps "60": expected at most 50 for a GIF/);
  rejects({ arch: 'cnn' }, /--arch "cnn": expected one of perceptron, densenet, resnet/);
  rejects({ activation: 'swish' }, /--activation "swish": expected one of tanh, sigmoid/);
  rejects({ layers: '0' }, /--layers "0"/);
  rejects({ hidden: '9999' }, /--hidden "9999"/);
  rejects({ beta: '-1' }, /--beta "-1"/);
  rejects({ colour: 'cmyk' }, /--colour "cmyk": expected one of rgb, bw, hsv/);
  rejects({ scale: '0' }, /--scale "0"/);
  rejects({ loop: 'spiral' }, /--loop "spiral"/);
  rejects({ latent: '1' }, /--latent "1": expected at least 2 for --loop circle/);
  rejects({ zFrom: '1,x', loop: 'none' }, /--z-from "1,x"/);
  rejects({ zTo: '1,2,3', loop: 'none' }, /--z-to "1,2,3": expected 1 or 2 numbers/);
  rejects({ radius: 'big' }, /--radius "big"/);
  rejects({ out: 'loop.avi' }, /--out "loop.avi": expected a file ending in .*\.gif/);
  rejects({ backend: 'tpu' }, /--backend "tpu": expected one of auto, gpu, cpu/);
  rejects({ seed: ' ' }, /--seed " "/);
});

test.run();
