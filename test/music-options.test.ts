import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type AudioFeatures, createAudioAnalyser } from '../src/audio/audio-analyser.ts';
import { beatMotion, frameBeatsOf } from '../src/audio/beat-motion.ts';
import type { AudioTrack } from '../src/audio/read-audio.ts';
import { platformNames, platformTargets } from '../src/encoders/platform-targets.ts';
import type { RenderArgs } from '../src/options/render-options.ts';
import { parseRecipe } from '../src/recipe/recipe-schema.ts';
import { clickTrack, silentTrack } from './helpers/beat-tracks.ts';
import { assertUsageError } from './helpers.ts';
import { parseRender } from './render-helpers.ts';

const analyse = (samples: Float32Array): AudioFeatures => {
  const analyser = createAudioAnalyser();
  analyser.push(samples);
  return analyser.finish();
};
const track = (features: AudioFeatures, startSeconds = 0): AudioTrack => ({
  path: 'song.wav',
  name: 'song.wav',
  sha256: 'b'.repeat(64),
  durationSeconds: features.samples / features.sampleRate,
  startSeconds,
  analysisSeconds: 0,
  features,
});
const clicks120 = track(analyse(clickTrack(120, 20).samples));
const silence = track(analyse(silentTrack(20)));
const withAudio: RenderArgs = { seed: 's', audio: 'song.wav', out: 'v.mp4' };

test('--bars 4 --bpm 120 is 8.000 s: 240 frames at 30 fps, whatever the rest', () => {
  const { recipe } = parseRender({ seed: 's', bars: '4', bpm: '120' });
  assert.is(recipe.frames, 240);
  assert.is(recipe.fps, 30);
  assert.equal(recipe.beat, { bpm: 120, beatsPerBar: 4, firstBeatSeconds: 0, downbeat: 0, bars: 4, accent: 0.35 });
  assert.is(parseRender({ seed: 's', bars: '4', bpm: '120', fps: '24' }).recipe.frames, 192);
  assert.is(parseRender({ seed: 's', bars: '2', bpm: '90', beatsPerBar: '3' } as RenderArgs).recipe.frames, 120);
  // 4 bars at 123 BPM is 7.805 s: the nearest whole frame.
  assert.is(parseRender({ seed: 's', bars: '4', bpm: '123' }).recipe.frames, 234);
});

test('with --audio, --bars takes the detected tempo; --bpm overrides it', () => {
  const detected = parseRender({ ...withAudio, bars: '4' }, undefined, clicks120).recipe;
  assert.is(detected.frames, 240);
  assert.ok(Math.abs(detected.beat!.bpm - 120) < 0.1, String(detected.beat!.bpm));
  assert.ok(Math.abs(detected.beat!.firstBeatSeconds - 0.25) < 0.02);
  assert.equal(detected.audio?.react, { speed: 'beat', pulse: 'beat', pulseAmount: 0.35 });
  const given = parseRender({ ...withAudio, bars: '4', bpm: '60' }, undefined, clicks120).recipe;
  assert.is(given.frames, 480);
  assert.is(given.beat?.bpm, 60);
});

test('a track without a beat keeps the loudness motion; --bars with it asks for --bpm', () => {
  const { recipe } = parseRender(withAudio, undefined, silence);
  assert.is(recipe.beat, undefined);
  assert.equal(recipe.audio?.react, { speed: 'loudness', pulse: 'bass', pulseAmount: 0.2 });
  assertUsageError(() => parseRender({ ...withAudio, bars: '4' }, undefined, silence), /No steady beat found in "song\.wav".*--bpm/);
  assertUsageError(() => parseRender({ ...withAudio, react: 'speed=beat' }, undefined, silence), /No steady beat.*--bpm/);
  assert.is(parseRender({ ...withAudio, bars: '4', bpm: '120' }, undefined, silence).recipe.frames, 240);
});

test('bad music options: one line naming the value and the fix', () => {
  assertUsageError(() => parseRender({ seed: 's', bars: '4' }), /Missing --bpm for --bars 4: .*--bars 4 --bpm 120/);
  assertUsageError(() => parseRender({ seed: 's', bpm: '120' }), /Invalid --bpm "120": expected --bars N with it/);
  assertUsageError(() => parseRender({ seed: 's', bars: 'four', bpm: '120' }), /Invalid --bars "four": expected a whole number/);
  assertUsageError(() => parseRender({ seed: 's', bars: '4', bpm: '120', duration: '3' }), /Invalid --bars "4": expected no --duration/);
  assertUsageError(() => parseRender({ seed: 's', audioStart: '10' }), /Invalid --audio-start "10": expected --audio FILE with it/);
  assertUsageError(
    () => parseRender({ ...withAudio, audioStart: '1:30', audioEnd: '1:00' }, undefined, clicks120),
    /Invalid --audio-end "1:00"/,
  );
  assertUsageError(
    () => parseRender({ ...withAudio, fade: '-1' }, undefined, clicks120),
    /Invalid --fade "-1": expected a number from 0 to 10/,
  );
  assertUsageError(
    () => parseRender({ seed: 's', for: 'myspace' } as RenderArgs),
    /Invalid --for "myspace": expected one of spotify-canvas, /,
  );
});

test('the excerpt and its fade go into the recipe; a recipe without them renders as before', () => {
  const { recipe } = parseRender({ ...withAudio, audioStart: '1:05', audioEnd: '1:15' }, undefined, track(clicks120.features, 65));
  assert.is(recipe.audio?.startSeconds, 65);
  assert.is(recipe.audio?.fadeSeconds, 0.25);
  assert.is(parseRender({ ...withAudio, fade: '0' }, undefined, clicks120).recipe.audio?.fadeSeconds, 0);
  // A recipe written before this (no beat, no fade, no start): --from keeps its motion and adds nothing.
  const old = parseRecipe(
    JSON.stringify({
      ...parseRender(withAudio, undefined, silence).recipe,
      audio: { file: 'song.wav', sha256: 'b'.repeat(64), react: { speed: 'loudness', pulse: 'bass', pulseAmount: 0.2 }, turns: 2 },
    }),
    'old.json',
  );
  const again = parseRender({ audio: 'song.wav' }, old, clicks120).recipe;
  assert.is(again.beat, undefined);
  assert.is(again.audio?.fadeSeconds, undefined);
  assert.equal(again.audio?.react, old.audio?.react);
  assert.is(parseRender({ audio: 'song.wav' }, old, clicks120).flashLimit, undefined);
});

test('--from a --bars recipe renders the same loop; beat, target and excerpt pass the schema', () => {
  const { recipe } = parseRender(
    { ...withAudio, bars: '2', for: 'spotify-canvas', audioStart: '4' },
    undefined,
    track(clicks120.features, 4),
  );
  const read = parseRecipe(JSON.stringify(recipe), 'r.json');
  assert.equal(read, recipe);
  const again = parseRender({ audio: 'song.wav' }, read, track(clicks120.features, 4)).recipe;
  assert.equal(again, recipe);
});

test('every target sets its size, rate and length, and its own defaults pass its own rules', () => {
  for (const name of platformNames) {
    const target = platformTargets[name];
    const { recipe, format } = parseRender({ seed: 's', for: name } as RenderArgs);
    assert.is(format, target.format, name);
    assert.equal([recipe.width, recipe.height], [...target.size], name);
    if (target.fps) assert.is(recipe.fps, target.fps.default, name);
    if (target.seconds) assert.is(recipe.frames, Math.round(target.seconds.default * recipe.fps), name);
    assert.is(recipe.target, name);
  }
});

test('a request the platform would reject is refused, naming the rule and its source', () => {
  assertUsageError(
    () => parseRender({ seed: 's', for: 'spotify-canvas', size: '1080x1080' } as RenderArgs),
    /Invalid --size "1080x1080" for --for spotify-canvas: Spotify Canvas is 9:16 .*Canvas guidelines.*--size 576x1024/,
  );
  assertUsageError(
    () => parseRender({ seed: 's', for: 'spotify-canvas', duration: '10' } as RenderArgs),
    /Spotify Canvas lasts 3 to 8 s, and this is 10\.00 s/,
  );
  assertUsageError(
    () => parseRender({ seed: 's', for: 'spotify-canvas', fps: '60' } as RenderArgs),
    /Spotify Canvas takes 24 to 30 frames a second/,
  );
  assertUsageError(() => parseRender({ seed: 's', for: 'youtube', out: 'v.webm' } as RenderArgs), /YouTube takes an MP4/);
  assertUsageError(() => parseRender({ seed: 's', for: 'cover-art', size: '1000x1000' } as RenderArgs), /at least 3000×3000/);
  // Explicit options win where the rules allow them.
  const ok = parseRender({ seed: 's', for: 'spotify-canvas', size: '608x1080', fps: '24', duration: '5' } as RenderArgs).recipe;
  assert.equal([ok.width, ok.height, ok.fps, ok.frames], [608, 1080, 24, 120]);
});

test('a canvas with a track: the longest whole number of bars within 8 s, from --audio-start, and no sound', () => {
  const { recipe } = parseRender({ ...withAudio, out: undefined, for: 'spotify-canvas' } as RenderArgs, undefined, clicks120);
  // 8 s at 120 BPM holds exactly 4 bars.
  assert.is(recipe.beat?.bars, 4);
  assert.is(recipe.frames, 240);
  const at97 = parseRender({ ...withAudio, out: undefined, for: 'spotify-canvas', bpm: '97' } as RenderArgs, undefined, clicks120).recipe;
  assert.is(at97.beat?.bars, 3);
  assert.is(at97.frames, Math.round(((3 * 4 * 60) / 97) * 30));
});

test('beat motion: a surge and an accent on every beat, a whole turn per bar group, and a seamless loop', () => {
  const beats = frameBeatsOf({ bpm: 120, beatsPerBar: 4, firstBeatSeconds: 0, downbeat: 0, bars: 4 }, 240, 30);
  assert.is(beats.framesPerBeat, 15);
  const { position, pulse } = beatMotion(beats, 16, 240);
  assert.is(position[0], 0);
  // One frame past the end would be exactly one turn on: the loop joins.
  const next = beatMotion(beats, 16, 241).position[240];
  assert.ok(Math.abs(next - 1) < 1e-12, String(next));
  for (let f = 0; f < 240; f++) {
    const onBeat = f % 15 === 0;
    if (onBeat) assert.is(pulse[f], f % 60 === 0 ? 1 : 0.6, `frame ${f}`);
    else assert.ok(pulse[f] < pulse[f - (f % 15)], `frame ${f} decays`);
  }
  // Each beat moves 1/16 of a turn, fastest around the beat and slowest between beats.
  assert.ok(Math.abs(position[15] - 1 / 16) < 1e-12);
  const step = (f: number) => position[f + 1] - position[f];
  assert.ok(step(15) > 4 * step(22), `${step(15)} on the beat, ${step(22)} between`);
});

test.run();
