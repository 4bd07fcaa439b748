import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultReact, reactText } from '../src/audio/react.ts';
import type { AudioTrack } from '../src/audio/read-audio.ts';
import { UsageError } from '../src/errors.ts';
import { parseReact } from '../src/options/react-option.ts';
import type { RenderArgs } from '../src/options/render-options.ts';
import { parseStillOptions } from '../src/options/still-options.ts';
import { draftOfRecipe } from '../src/recipe/recipe-draft.ts';
import { parseRecipe } from '../src/recipe/recipe-schema.ts';
import { parseRender } from './render-helpers.ts';

/** A track as readAudio returns it, without reading one: options only look at its name, hash and length. */
const track = (seconds: number, sha = 'a'.repeat(64)): AudioTrack => ({
  path: 'music/song.mp3',
  name: 'song.mp3',
  sha256: sha,
  durationSeconds: seconds,
  startSeconds: 0,
  analysisSeconds: 0,
  features: {
    rate: 100,
    samples: 0,
    sampleRate: 22050,
    loudness: new Float32Array(1),
    bass: new Float32Array(1),
    mid: new Float32Array(1),
    treble: new Float32Array(1),
    onset: new Float32Array(1),
    beatOnset: new Float32Array(1),
  },
});
const args: RenderArgs = { seed: 's', audio: 'music/song.mp3', out: 'v.mp4' };

const refuses = (action: () => unknown, pattern: RegExp) => {
  try {
    action();
  } catch (error) {
    assert.instance(error, UsageError, String(error));
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable('accepted');
};

test('the video lasts as long as the track unless --frames or --duration; one turn per 8 s by default', () => {
  const { recipe, audio } = parseRender(args, undefined, track(61.02));
  assert.is(recipe.frames, 1831);
  assert.equal(recipe.audio, { file: 'song.mp3', sha256: 'a'.repeat(64), react: defaultReact, turns: 8, fadeSeconds: 0.25 });
  assert.is(audio?.path, 'music/song.mp3');
  assert.is(parseRender({ ...args, duration: '2' }, undefined, track(61)).recipe.frames, 60);
  assert.is(parseRender({ ...args, frames: '7', turns: '2.5' }, undefined, track(61)).recipe.audio?.turns, 2.5);
  assert.is(parseRender(args, undefined, track(1)).recipe.audio?.turns, 1);
  refuses(
    () => parseRender({ ...args, loop: 'none', turns: '2' }, undefined, track(4)),
    /^Invalid --turns "2": expected no --turns with --loop none/,
  );
  assert.throws(() => parseRender(args), /was not read/);
});

test('--react: key=value pairs, defaults for the rest, one line for anything else', () => {
  assert.equal(parseReact('speed=loudness'), defaultReact);
  assert.equal(parseReact(' speed = bass , pulse=none'), { speed: 'bass', pulse: 'none', pulseAmount: 0.2 });
  assert.equal(parseReact('pulse-amount=0.5,speed=constant,pulse=treble'), { speed: 'constant', pulse: 'treble', pulseAmount: 0.5 });
  assert.equal(parseReact(reactText(parseReact('speed=mid'))), parseReact('speed=mid'));
  for (const bad of ['speed', 'speed=fast', 'pulse=constant', 'speed=bass,speed=mid', 'pulse-amount=-1', 'colour=red', 'speed=bass=mid']) {
    refuses(
      () => parseReact(bad),
      new RegExp(`^Invalid --react "${bad}": expected .*e\\.g\\. --react speed=loudness,pulse=bass,pulse-amount=0\\.2$`),
    );
  }
});

test('the recipe with audio passes the schema and parses back to itself as a draft', () => {
  const { recipe } = parseRender(
    { ...args, react: 'speed=treble,pulse=mid,pulse-amount=1', turns: '3', loop: 'pingpong' },
    undefined,
    track(10),
  );
  const parsed = parseRecipe(JSON.stringify(recipe), 'test.json');
  assert.equal(parsed, recipe);
  const again = parseRender({ audio: 'elsewhere/same-content.mp3', out: 'v.mp4' }, parsed, {
    ...track(10),
    path: 'elsewhere/same-content.mp3',
    name: 'same-content.mp3',
  }).recipe;
  // Everything but the file's name (kept for messages) is the same.
  assert.equal({ ...again, audio: { ...again.audio, file: 'song.mp3' } }, recipe);
  refuses(
    () => parseRecipe(JSON.stringify({ ...recipe, audio: { ...recipe.audio, sha256: 'xyz' } }), 'r.json'),
    /^Invalid recipe field audio\.sha256/,
  );
  refuses(
    () =>
      parseRecipe(JSON.stringify({ ...recipe, audio: { ...recipe.audio, react: { ...recipe.audio!.react, speed: 'fast' } } }), 'r.json'),
    /^Invalid recipe field audio\.react\.speed/,
  );
});

test('--audio over a recipe without one: the track sets the length; still refuses an audio-driven recipe', () => {
  const plain = parseRender({ seed: 'p', frames: '12' }).recipe;
  assert.is(parseRender(args, plain, track(3)).recipe.frames, 90);
  const driven = parseRender(args, undefined, track(3)).recipe;
  refuses(() => parseStillOptions({}, { base: draftOfRecipe(driven) }), /^zsweep still cannot render a frame of an audio-driven recipe/);
});

test.run();
