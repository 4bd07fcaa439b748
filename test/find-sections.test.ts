import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type AudioFeatures, createAudioAnalyser } from '../src/audio/audio-analyser.ts';
import { findSections, minSectionSeconds } from '../src/audio/find-sections.ts';
import { createTextureAnalyser, textureHop, timbreCount } from '../src/audio/texture-features.ts';
import { drumTrack } from './helpers/beat-tracks.ts';
import {
  bFlat,
  songBpm as bpm,
  cMajor,
  downbeatsOf,
  fSharpMinor,
  type Part,
  songRate as rate,
  song,
  type Voice,
} from './helpers/section-song.ts';

const analyse = (samples: Float32Array, chunk = samples.length): AudioFeatures => {
  const analyser = createAudioAnalyser();
  for (let i = 0; i < samples.length; i += chunk) analyser.push(samples.subarray(i, i + chunk));
  return analyser.finish();
};

test('a song of three parts has a section boundary within 1 s of each change, on a downbeat', () => {
  const parts: Part[] = [
    { seconds: 16, chords: [cMajor], voice: 'sine' },
    { seconds: 16, chords: [fSharpMinor], voice: 'saw' },
    { seconds: 16, chords: [bFlat], voice: 'square' },
  ];
  const downbeats = downbeatsOf(48);
  const sections = findSections(analyse(song(parts)), downbeats);
  assert.is(sections.length, 2, `sections at ${sections.join(', ')}`);
  sections.forEach((at, k) => {
    const change = [16, 32][k];
    assert.ok(Math.abs(at - change) <= 1, `a boundary at ${at} s for the change at ${change} s`);
    assert.ok(downbeats.includes(at), `${at} s is not a downbeat`);
  });
});

test('a change of chord alone, in the same voice, is a boundary', () => {
  const parts: Part[] = [
    { seconds: 20, chords: [cMajor], voice: 'saw' },
    { seconds: 20, chords: [fSharpMinor], voice: 'saw' },
  ];
  const sections = findSections(analyse(song(parts)), downbeatsOf(40));
  assert.equal(sections, [20.1]);
});

test('without downbeats, boundaries fall on analysis rows, still within 1 s', () => {
  const parts: Part[] = [
    { seconds: 20, chords: [fSharpMinor], voice: 'saw' },
    { seconds: 18, chords: [cMajor], voice: 'sine' },
  ];
  const features = analyse(song(parts));
  const sections = findSections(features, []);
  assert.is(sections.length, 1, `sections at ${sections.join(', ')}`);
  assert.ok(Math.abs(sections[0] - 20) <= 1, `a boundary at ${sections[0]} s`);
  const row = sections[0] * features.rate;
  assert.ok(Math.abs(row - Math.round(row)) < 1e-6, `${sections[0]} s is not on a row`);
});

test('a steady track, held or a repeating chord progression, has no boundaries', () => {
  const held = song([{ seconds: 40, chords: [cMajor], voice: 'saw' }]);
  assert.equal(findSections(analyse(held), downbeatsOf(40)), []);
  const loop = song([{ seconds: 40, chords: [cMajor, [57, 60, 64], [53, 57, 60], [55, 59, 62]], voice: 'sine' }]);
  assert.equal(findSections(analyse(loop), downbeatsOf(40)), []);
  assert.equal(findSections(analyse(drumTrack(bpm, 40).samples), downbeatsOf(40)), []);
});

test('no section is shorter than the minimum, however often the music changes', () => {
  const chords = [cMajor, fSharpMinor, bFlat];
  const voices: Voice[] = ['sine', 'saw', 'square'];
  // Parts of 2 to 12 s (whole bars), drawn with a seed.
  let state = 7;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const parts: Part[] = Array.from({ length: 12 }, (_, k) => ({
    seconds: 2 * (1 + Math.floor(next() * 6)),
    chords: [chords[k % 3]],
    voice: voices[(k + Math.floor(next() * 2)) % 3],
  }));
  const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
  const features = analyse(song(parts));
  for (const downbeats of [downbeatsOf(seconds), []]) {
    const sections = findSections(features, downbeats);
    assert.ok(sections.length > 0, 'no sections at all');
    const edges = [0, ...sections, seconds];
    for (let i = 1; i < edges.length; i++) {
      assert.ok(edges[i] - edges[i - 1] >= minSectionSeconds - 1e-9, `a section from ${edges[i - 1]} s to ${edges[i]} s`);
    }
  }
});

test('a track too short for two sections, or features without texture, has none', () => {
  const short = song([
    { seconds: 8, chords: [cMajor], voice: 'sine' },
    { seconds: 6, chords: [fSharpMinor], voice: 'saw' },
  ]);
  assert.equal(findSections(analyse(short), downbeatsOf(14)), []);
  const { texture: _, ...bare } = analyse(song([{ seconds: 30, chords: [cMajor], voice: 'sine' }]));
  assert.equal(findSections(bare, []), []);
});

test('the texture features are streamed: the same in any chunks, a bounded few floats a second', () => {
  const samples = song([{ seconds: 20, chords: [cMajor], voice: 'saw' }]);
  const whole = analyse(samples).texture;
  const chunked = analyse(samples, 1000).texture;
  assert.ok(whole && chunked);
  assert.equal(Array.from(chunked.timbre), Array.from(whole.timbre));
  assert.equal(Array.from(chunked.chroma), Array.from(whole.chroma));
  // One frame per hop of the track, each of timbreCount + 12 floats: 540 bytes a second, 2 MB for an hour.
  assert.is(whole.frames, Math.floor(samples.length / textureHop + 0.25));
  const bytesPerSecond = (whole.timbre.byteLength + whole.chroma.byteLength) / (samples.length / rate);
  assert.ok(bytesPerSecond < 600, `${bytesPerSecond} bytes a second`);
  assert.is(whole.timbre.length, whole.frames * timbreCount);
  // The analyser alone holds one window whatever is pushed: five minutes of silence in 1-second chunks adds only frames.
  const analyser = createTextureAnalyser(rate);
  const second = new Float32Array(rate);
  for (let s = 0; s < 300; s++) analyser.push(second);
  assert.is(analyser.finish(300 * rate).frames, Math.floor((300 * rate) / textureHop + 0.25));
});

test('a chord in C lights the C, E and G of the chroma', () => {
  const texture = analyse(song([{ seconds: 4, chords: [[48, 60, 64, 67]], voice: 'sine' }])).texture;
  assert.ok(texture);
  const mean = new Float64Array(12);
  for (let f = 0; f < texture.frames; f++) for (let c = 0; c < 12; c++) mean[c] += texture.chroma[f * 12 + c];
  const top = [...mean.keys()]
    .sort((a, b) => mean[b] - mean[a])
    .slice(0, 3)
    .sort((a, b) => a - b);
  assert.equal(top, [0, 4, 7]);
});

test.run();
