import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type AudioFeatures, createAudioAnalyser } from '../src/audio/audio-analyser.ts';
import { createAudioSweep } from '../src/audio/audio-sweep.ts';
import type { AudioTrack } from '../src/audio/read-audio.ts';
import { sectionEnergy } from '../src/audio/section-energy.ts';
import { createGpuBackend } from '../src/backends/gpu-backend.ts';
import { createWasmBackend } from '../src/backends/wasm-backend.ts';
import { mixed, sectionMix } from '../src/cppn/journey.ts';
import { bredNetwork } from '../src/cppn/network/breed-network.ts';
import { evaluateRows } from '../src/cppn/network/evaluate.ts';
import { createPixelGrid } from '../src/cppn/pixel-grid.ts';
import { createRandom } from '../src/cppn/random.ts';
import type { RenderArgs } from '../src/options/render-options.ts';
import { readSectionsFile } from '../src/options/sections-option.ts';
import { parseRecipe } from '../src/recipe/recipe-schema.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { musicSweep } from '../src/render/music-sweep.ts';
import { clickTrack } from './helpers/beat-tracks.ts';
import { assertUsageError, tempFolder } from './helpers.ts';
import { parseRender } from './render-helpers.ts';

const analyse = (samples: Float32Array): AudioFeatures => {
  const analyser = createAudioAnalyser();
  analyser.push(samples);
  return analyser.finish();
};
const song = (seconds: number): AudioTrack => {
  const features = analyse(clickTrack(120, seconds).samples);
  return {
    path: 'song.wav',
    name: 'song.wav',
    sha256: 'c'.repeat(64),
    durationSeconds: features.samples / features.sampleRate,
    startSeconds: 0,
    analysisSeconds: 0,
    features,
  };
};
const long = song(96);
const short = song(12);
const folder = tempFolder();
const sectionsFile = join(folder, 'sections.txt');
writeFileSync(sectionsFile, '# chorus and bridge\n0:20\n40.5\n\n1:10  # last\n');
const args: RenderArgs = { seed: 'j', audio: 'song.wav', out: 'v.mp4', size: '16x16' };

test('a song longer than a loop journeys; a loop of bars, a platform loop and a short track keep the circle', () => {
  const { recipe } = parseRender({ ...args, sections: sectionsFile, transition: 'cut' }, undefined, long);
  assert.is(recipe.network.journeyLatent, 6);
  assert.equal(recipe.journey, { sections: [20, 40.5, 70], transition: 'cut' });
  for (const [extra, audio] of [
    [{ bars: '4' }, long],
    [{}, short],
    [{ for: 'spotify-canvas', out: undefined, size: undefined }, long],
  ] as const) {
    const plain = parseRender({ ...args, ...extra } as RenderArgs, undefined, audio).recipe;
    assert.is(plain.journey, undefined, JSON.stringify(extra));
    assert.is(plain.network.journeyLatent, undefined);
  }
  assertUsageError(
    () => parseRender({ ...args, transition: 'cut' }, undefined, short),
    /^Invalid --transition "cut": expected an audio render longer than a loop/,
  );
  assertUsageError(() => parseRender({ ...args, transition: 'fade' }, undefined, long), /^Invalid --transition "fade"/);
  assertUsageError(() => parseRender({ ...args, palettes: 'dusk,nope' }, undefined, long), /"nope" is not a palette/);
  assertUsageError(() => parseRender({ ...args, palettes: 'dusk', colour: 'rgb' }, undefined, long), /^Invalid --colour "rgb"/);
});

test("the journey columns at 0 leave the seed's picture exactly, bred or not", () => {
  const grid = createPixelGrid(12, 12, 1);
  for (const [spec, breed] of [
    [{ arch: 'densenet', layers: 4, hidden: 8, activation: 'sigmoid', beta: 1024, latent: 2, inputs: 'standard' }, []],
    [
      { arch: 'resnet', layers: 3, hidden: 8, activation: 'tanh', beta: 16, latent: 3, inputs: 'radial' },
      [{ kind: 'mutate', seed: 'm', strength: 0.3 }],
    ],
    [{ arch: 'perceptron', layers: 2, hidden: 4, activation: 'tanh', beta: 16, latent: 2, inputs: 'symmetric' }, []],
  ] as const) {
    const seedNetwork = bredNetwork(spec, 's', breed);
    const journey = bredNetwork({ ...spec, journeyLatent: 6 }, 's', breed);
    assert.is(journey.inputs, seedNetwork.inputs + 6);
    const z = Float64Array.from({ length: spec.latent }, (_, d) => 0.3 - 0.2 * d);
    const a = new Float32Array(144 * 3);
    const b = new Float32Array(144 * 3);
    evaluateRows(seedNetwork, grid, z, 0, 12, a);
    evaluateRows(journey, grid, Float64Array.from([...z, 0, 0, 0, 0, 0, 0]), 0, 12, b);
    assert.equal(Array.from(b), Array.from(a), spec.arch);
    const moved = new Float32Array(144 * 3);
    evaluateRows(journey, grid, Float64Array.from([...z, 1, 0, 0, 0, 0, 0]), 0, 12, moved);
    assert.ok(
      moved.some((v, i) => Math.abs(v - a[i]) > 1e-3),
      `${spec.arch}: the journey's dimensions move the picture`,
    );
  }
});

test("the gpu.js kernel and the WebAssembly path read the journey's dimensions, and a z of the seed's alone leaves them at 0", async () => {
  const spec = {
    arch: 'densenet',
    layers: 3,
    hidden: 8,
    activation: 'sigmoid',
    beta: 1024,
    latent: 2,
    inputs: 'standard',
    journeyLatent: 6,
  } as const;
  const network = bredNetwork(spec, 'g');
  const grid = createPixelGrid(8, 8, 1);
  const gpu = await createGpuBackend({ network, grid }, { mode: 'cpu' });
  const wasm = await createWasmBackend({ network, grid });
  try {
    const reference = new Float32Array(64 * 3);
    for (const z of [Float64Array.from([0.4, -0.2, 0.5, 0, -1, 0.3, 0, 0.2]), Float64Array.from([0.4, -0.2])]) {
      const full = Float64Array.from({ length: 8 }, (_, d) => z[d] ?? 0);
      evaluateRows(network, grid, full, 0, 8, reference);
      for (const backend of [gpu, wasm]) {
        const outputs = await backend.evaluate(z);
        const worst = outputs.reduce((most, v, i) => Math.max(most, Math.abs(v - reference[i])), 0);
        assert.ok(worst < 2e-3, `${backend.name} with z of ${z.length}: ${worst} from the reference`);
      }
    }
  } finally {
    await gpu.close();
    await wasm.close();
  }
});

test("a long song's sampled frames do not repeat 30 s apart; the first frame is the seed's own", async () => {
  const { recipe } = parseRender({ ...args, sections: sectionsFile }, undefined, long);
  const sweep = musicSweep(recipe, long)!;
  const plain = createAudioSweep(
    recipe.sweep,
    recipe.network.latent,
    recipe.seed,
    { position: new Float64Array(recipe.frames), pulse: new Float64Array(recipe.frames) },
    0,
    1,
  );
  assert.equal(Array.from(sweep(0, recipe.frames).slice(0, 2)), Array.from(plain(0, recipe.frames)));
  assert.equal(Array.from(sweep(0, recipe.frames).slice(2)), [0, 0, 0, 0, 0, 0]);
  const pipeline = await openFramePipeline(recipe, 'cpu', { sweep });
  try {
    const frames = Array.from({ length: 24 }, (_, k) => Math.round((k * (recipe.frames - 1)) / 23));
    const pictures: Uint8ClampedArray[] = [];
    for (const f of frames)
      pictures.push(pipeline.colouring(await pipeline.backend.evaluate(sweep(f, recipe.frames)), new Uint8ClampedArray(16 * 16 * 4)));
    const diff = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
      let sum = 0;
      for (let i = 0; i < a.length; i++) if (i % 4 !== 3) sum += Math.abs(a[i] - b[i]);
      return sum / ((a.length / 4) * 3);
    };
    for (let i = 0; i < frames.length; i++) {
      for (let j = i + 1; j < frames.length; j++) {
        if ((frames[j] - frames[i]) / recipe.fps < 30) continue;
        assert.ok(diff(pictures[i], pictures[j]) >= 6, `frames ${frames[i]} and ${frames[j]} look alike`);
      }
    }
  } finally {
    await pipeline.backend.close();
  }
});

test('a journey round-trips through its recipe: --from gives the same recipe and the same path', () => {
  const { recipe } = parseRender({ ...args, sections: sectionsFile, palettes: 'dusk,ember', transition: 'cut' }, undefined, long);
  const stored = parseRecipe(JSON.stringify(recipe), 'test');
  assert.equal(stored, JSON.parse(JSON.stringify(recipe)));
  const again = parseRender({ audio: 'song.wav', out: 'v.mp4' } as RenderArgs, stored, long).recipe;
  assert.equal(again.journey, recipe.journey);
  assert.equal(again.network, recipe.network);
  const [a, b] = [musicSweep(recipe, long)!, musicSweep(again, long)!];
  for (const f of [0, 700, 1500, recipe.frames - 1]) assert.equal(Array.from(b(f, again.frames)), Array.from(a(f, recipe.frames)));
  // An older recipe of a long song (no journey) renders as it did: still the one circle.
  const { journey: _, ...old } = stored;
  const { journeyLatent: __, ...network } = stored.network;
  const before = parseRender(
    { audio: 'song.wav', out: 'v.mp4' } as RenderArgs,
    { ...old, network, colour: 'rgb', palette: undefined } as never,
    long,
  ).recipe;
  assert.is(before.journey, undefined);
  assert.is(before.network.journeyLatent, undefined);
});

test("a section's energy is against the video's part of the track only, and within 0.6–1.5", () => {
  const { features } = long;
  const rows = Math.ceil(40 * features.rate);
  const loud = (values: Float32Array) => values.map((v, i) => (i >= rows ? v * 50 : v));
  const more = { ...features, loudness: loud(features.loudness), onset: loud(features.onset) };
  assert.equal(sectionEnergy(more, [20], 40), sectionEnergy(features, [20], 40));
  const quiet = { ...features, loudness: features.loudness.map((v, i) => (i < rows / 2 ? v / 20 : v)) };
  const [calm, lively] = sectionEnergy(quiet, [20], 40);
  assert.ok(calm === 0.6 && lively > 1 && lively <= 1.5, `${calm}, ${lively}`);
});

test('--sections FILE: seconds, m:ss and the JSON of zsweep info; refusals name the file and the fix', () => {
  assert.equal(readSectionsFile(sectionsFile), [20, 40.5, 70]);
  assert.equal(readSectionsFile(sectionsFile, { startSeconds: 30, durationSeconds: 35 }), [10.5]);
  const json = join(folder, 'info.json');
  writeFileSync(json, JSON.stringify({ bpm: 120, sections: [0, 12.25, 61] }));
  assert.equal(readSectionsFile(json), [12.25, 61]);
  const refused: [string, RegExp][] = [
    ['0:10\n0:05\n', /section 2 \(5 s\) does not start after the one before \(10 s\)/],
    ['10\nchorus\n', /line 2 is "chorus"/],
    ['1:75\n', /line 1 is "1:75"/],
    ['-3\n', /line 1 is "-3"/],
    ['{"sections": [1, "2"]}', /"sections" must be a list of times/],
    ['{"sections": ', /this JSON does not parse/],
  ];
  for (const [text, message] of refused) {
    const file = join(folder, 'bad.txt');
    writeFileSync(file, text);
    assertUsageError(() => readSectionsFile(file), /^Invalid --sections ".*bad\.txt": expected a file of section start times/);
    assertUsageError(() => readSectionsFile(file), message);
  }
  assertUsageError(() => readSectionsFile(join(folder, 'none.txt')), /no such file, check the path/);
});

test('the recipe schema takes a journey and refuses a broken one', () => {
  const { recipe } = parseRender({ ...args, sections: sectionsFile }, undefined, long);
  const text = (change: (r: Record<string, unknown>) => void) => {
    const copy = JSON.parse(JSON.stringify(recipe)) as Record<string, unknown>;
    change(copy);
    return JSON.stringify(copy);
  };
  parseRecipe(
    text(() => {}),
    'ok',
  );
  const journey = (r: Record<string, unknown>) => r.journey as Record<string, unknown>;
  const bad: [(r: Record<string, unknown>) => void, RegExp][] = [
    [
      (r) => delete (r.network as Record<string, unknown>).journeyLatent,
      /field journey in r\.json: is present exactly when network\.journeyLatent is/,
    ],
    [(r) => delete r.journey, /field journey in r\.json: is present exactly/],
    [(r) => (journey(r).sections = [30, 20]), /journey\.sections in r\.json: must be in ascending order/],
    [(r) => (journey(r).sections = [-1]), /journey.sections.0/],
    [(r) => (journey(r).transition = 'fade'), /journey.transition/],
    [(r) => (journey(r).palettes = [['#000000', '#ffffff']]), /journey\.palettes in r\.json: needs colour "palette"/],
    [(r) => (journey(r).extra = 1), /journey "extra"/],
    [(r) => delete r.audio, /journey in r\.json: needs a soundtrack/],
  ];
  for (const [change, message] of bad) assertUsageError(() => parseRecipe(text(change), 'r.json'), message);
});

test('property: over random section lists, each frame is shared out whole and values move without jumps in a blend', () => {
  const random = createRandom('sections-property', 'test');
  for (let trial = 0; trial < 60; trial++) {
    const fps = 10;
    const frames = 50 + Math.floor(Math.abs(random.normal()) * 400);
    const count = Math.floor(Math.abs(random.normal()) * 5);
    const sections = Array.from({ length: count }, () => Math.abs(random.normal()) * (frames / fps))
      .filter((t) => t > 0)
      .sort((a, b) => a - b)
      .filter((t, k, all) => k === 0 || t > all[k - 1]);
    const file = join(folder, 'random.txt');
    writeFileSync(file, sections.map((t) => `${t}\n`).join(''));
    const read = readSectionsFile(file, { durationSeconds: frames / fps });
    assert.ok(
      read.every((t, k) => t > 0 && t < frames / fps && (k === 0 || t > read[k - 1])),
      `sorted, within the track: ${read}`,
    );
    for (const transition of ['blend', 'cut'] as const) {
      const mix = sectionMix(read, { frames, fps, transition, transitionSeconds: 2 });
      for (const shares of mix) {
        const total = shares.reduce((sum, s) => sum + s.share, 0);
        assert.ok(Math.abs(total - 1) < 1e-9 && shares.every((s) => s.share > 0), `shares ${JSON.stringify(shares)}`);
      }
      const values = mixed(mix, (k) => k * 10);
      const largest = Math.max(...values.slice(1).map((v, f) => Math.abs(v - values[f])));
      if (transition === 'blend')
        assert.ok(largest <= 10 * (Math.PI / 2) * (1 / fps / 2) * (read.length || 1) + 1e-9, `a blend jumps by ${largest}`);
      else assert.ok(largest <= 10 * (read.length || 1), `a cut jumps at most a section: ${largest}`);
    }
  }
});

test.run();
