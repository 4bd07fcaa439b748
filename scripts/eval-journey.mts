/**
 * The journey evaluation on whole real songs (docs/music.md, "A journey through a song"): `npm run eval:journey`,
 * or `npx tsx scripts/eval-journey.mts [--only NAME] [--size 96] [--sheets docs/music]`.
 * For each full track (2–6 minutes, from the Debian game-music packages unpacked for eval:beats), the
 * render's recipe is made as `zsweep render --seed N --audio TRACK` makes it (beat and sections detected,
 * look measured as played), once with the journey (after) and once without it (before: the one circle of
 * earlier versions), and compared side by side on the frames the render would write, evaluated at a
 * small size through the same pipeline (no video is encoded):
 * - repeats: of 90 frames spread over the song, the share with a near-duplicate (mean difference under
 *   6/255) 30 s or more away;
 * - section change: across each detected section start, the difference between the frame before it and
 *   the frame after its transition, over the median step between consecutive frames;
 * - beat: the mean step in the quarter beat after each tracked beat over the quarter before it (the
 *   surge), and the share of accent peaks within a frame of a beat;
 * - cost: milliseconds a frame (sweep, evaluation and colour) at 128², before and after interleaved.
 * It writes a contact sheet per track (a frame every 10 s, section starts marked) with --sheets.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { readAudio } from '../src/audio/read-audio.ts';
import { ffmpegOnce } from '../src/encoders/ffmpeg/find-ffmpeg.ts';
import { parseRenderOptions } from '../src/options/render-options.ts';
import type { Recipe } from '../src/recipe/recipe.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { measureLookReport } from '../src/render/measure-look.ts';
import { musicSweep } from '../src/render/music-sweep.ts';

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    size: { type: 'string', default: '96' },
    sheets: { type: 'string' },
    json: { type: 'string' },
  },
});

/** Whole tracks of 2–6 minutes, by their path inside the unpacked packages. */
const tracks = [
  'games/wesnoth/1.16/data/core/music/frantic.ogg',
  'games/wesnoth/1.16/data/core/music/loyalists.ogg',
  'games/wesnoth/1.16/data/core/music/elvish-theme.ogg',
  'games/wesnoth/1.16/data/core/music/northerners.ogg',
  'games/wesnoth/1.16/data/core/music/into_the_shadows.ogg',
  'hyperrogue/music/hr3-hell.ogg',
  'hyperrogue/music/hr3-rlyeh.ogg',
  'scummvm/drascula/en/track1.ogg',
  'scummvm/drascula/en/track2.ogg',
  'games/wesnoth/1.16/data/core/music/wanderer.ogg',
];
const roots = [
  '/tmp/music/usr/share',
  '/tmp/zsweep-eval-beats/packages/hyperrogue-music/usr/share',
  '/tmp/zsweep-eval-beats/packages/wesnoth-1.16-music/usr/share',
];
const found = tracks
  .map((track) => roots.map((root) => join(root, track)).find((path) => existsSync(path)))
  .filter((path): path is string => path !== undefined)
  .filter((path) => !flags.only || path.includes(flags.only));
if (found.length === 0) {
  console.log('eval:journey skipped: no tracks found (unpack wesnoth-1.16-music and hyperrogue-music as for eval:beats)');
  process.exit(0);
}

const size = Number(flags.size);
const samples = 90;
const duplicateLevel = 6;
const duplicateSeconds = 30;
const costSide = 128;
const costFrames = 12;
const costRounds = 16;
const ffmpeg = ffmpegOnce({ env: process.env });
const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';

type Audio = Awaited<ReturnType<typeof readAudio>>;

/** The recipe `zsweep render` makes for the track, with its look measured as it will play. */
async function recipeFor(path: string, audio: Audio, seed: string, journey: boolean, side: number): Promise<Recipe> {
  const options = parseRenderOptions({ seed, size: `${side}x${side}`, audio: path } as never, { audio });
  let recipe = options.request.recipe;
  if (!journey) {
    const { journey: _, ...rest } = recipe;
    const { journeyLatent: __, ...network } = recipe.network;
    recipe = { ...rest, network };
  }
  const look = options.request.look;
  return look ? (await measureLookReport(recipe, look, { audio })).recipe : recipe;
}

/** Frames of `recipe` (RGBA at its size) through the render's pipeline, and the cost of each in ms. */
async function framesOf(recipe: Recipe, audio: Audio, frames: readonly number[]): Promise<{ rgba: Uint8ClampedArray[]; ms: number }> {
  const pipeline = await openFramePipeline(recipe, 'cpu', { sweep: musicSweep(recipe, audio) });
  try {
    const started = performance.now();
    const rgba: Uint8ClampedArray[] = [];
    for (const frame of frames) {
      const outputs = await pipeline.backend.evaluate(pipeline.sweep(frame, recipe.frames));
      const colour = pipeline.colourFor?.(frame) ?? pipeline.colouring;
      rgba.push(colour(outputs, new Uint8ClampedArray(recipe.width * recipe.height * 4)));
    }
    return { rgba, ms: (performance.now() - started) / frames.length };
  } finally {
    await pipeline.backend.close();
  }
}

function difference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
  return sum / ((a.length / 4) * 3);
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;

/** The share of sampled frames with a near-duplicate at least 30 s away. */
function repeats(rgba: Uint8ClampedArray[], times: number[]): number {
  let count = 0;
  for (let i = 0; i < rgba.length; i++) {
    if (rgba.some((other, j) => Math.abs(times[j] - times[i]) >= duplicateSeconds && difference(rgba[i], other) < duplicateLevel)) count++;
  }
  return count / rgba.length;
}

/** The latent path's step per frame: where the surge of the beat shows. */
function latentSteps(recipe: Recipe, audio: Audio): Float64Array {
  const sweep = musicSweep(recipe, audio)!;
  const steps = new Float64Array(recipe.frames);
  let last = sweep(0, recipe.frames);
  for (let f = 1; f < recipe.frames; f++) {
    const z = sweep(f, recipe.frames);
    let sum = 0;
    for (let d = 0; d < recipe.network.latent; d++) sum += (z[d] - last[d]) ** 2;
    steps[f] = Math.sqrt(sum);
    last = z;
  }
  return steps;
}

/** The surge: mean step in the quarter beat after each tracked beat, over the quarter before it. */
function surge(recipe: Recipe, steps: Float64Array): number | undefined {
  const times = recipe.beat?.times;
  if (!times || times.length < 4) return undefined;
  let after = 0;
  let before = 0;
  for (let k = 1; k + 1 < times.length; k++) {
    const quarter = ((times[k + 1] - times[k]) * recipe.fps) / 4;
    const at = times[k] * recipe.fps;
    for (let f = Math.ceil(at); f < at + quarter && f < steps.length; f++) after += steps[f];
    for (let f = Math.ceil(at - quarter); f < at && f > 0; f++) before += steps[f];
  }
  return before > 0 ? after / before : undefined;
}

interface Measured {
  repeats: number;
  change: number | undefined;
  span: number;
  step: number;
  /** With --transition cut: the change on the frame of each section start, over the median step. */
  cut?: number | undefined;
  /** The median over rounds of after's time over before's, in the same round. */
  ratio?: number;
  surge: number | undefined;
  ms: number;
}
interface Row {
  track: string;
  seconds: number;
  sections: number;
  before: Measured;
  after: Measured;
}

const rows: Row[] = [];
for (const [index, path] of found.entries()) {
  const seed = String(index + 1);
  const audio = await readAudio(path, { ffmpeg });
  const measured: Record<'before' | 'after', Row['before']> = {} as never;
  let afterRecipe: Recipe | undefined;
  let beforeRecipe: Recipe | undefined;
  for (const which of ['after', 'before'] as const) {
    const recipe = await recipeFor(path, audio, seed, which === 'after', size);
    if (which === 'after') afterRecipe = recipe;
    else beforeRecipe = recipe;
    const frames = Array.from({ length: samples }, (_, k) => Math.round((k * (recipe.frames - 2)) / (samples - 1)));
    const { rgba } = await framesOf(recipe, audio, frames);
    const times = frames.map((f) => f / recipe.fps);
    const { rgba: steps } = await framesOf(
      recipe,
      audio,
      frames.flatMap((f) => [f, f + 1]),
    );
    const step = median(Array.from({ length: samples }, (_, k) => difference(steps[2 * k], steps[2 * k + 1])));
    // Across each section start: the frame before it against the frame once its transition is over.
    const sections = (afterRecipe ?? recipe).journey?.sections ?? [];
    const bar = recipe.beat ? (recipe.beat.beatsPerBar * 60) / recipe.beat.bpm : undefined;
    const transition = bar === undefined ? 3 : Math.min(6, Math.max(1, 2 * bar));
    const pairs = sections.flatMap((t) => {
      const first = Math.round(t * recipe.fps) - 1;
      const last = Math.min(recipe.frames - 1, Math.round((t + transition) * recipe.fps));
      return first >= 0 && last > first ? [[first, last]] : [];
    });
    const { rgba: across } = await framesOf(recipe, audio, pairs.flat());
    const changes = pairs.map((_, k) => difference(across[2 * k], across[2 * k + 1]) / Math.max(step, 1e-9));
    // The same span anywhere in the song, for scale: how much a transition's length changes the picture without a section.
    const span = Math.round(transition * recipe.fps) + 1;
    const spanned = frames.filter((f) => f + span < recipe.frames);
    const { rgba: spans } = await framesOf(
      recipe,
      audio,
      spanned.flatMap((f) => [f, f + span]),
    );
    const spanChange = median(spanned.map((_, k) => difference(spans[2 * k], spans[2 * k + 1]))) / Math.max(step, 1e-9);
    measured[which] = {
      repeats: repeats(rgba, times),
      change: changes.length ? median(changes) : undefined,
      span: spanChange,
      step,
      surge: surge(recipe, latentSteps(recipe, audio)),
      ms: 0,
    };
  }
  // Cost: the same frames at 128², before and after in turn (ABBA) on pipelines started and warmed once; the
  // fastest round of each, as other work on the machine only ever slows a round down.
  const costBefore = beforeRecipe!;
  const costAfter = afterRecipe!;
  const large = (recipe: Recipe) => ({ ...recipe, width: costSide, height: costSide });
  const costFramesAt = Array.from({ length: costFrames }, (_, k) => Math.round((k * (costBefore.frames - 1)) / costFrames));
  const pipelines = await Promise.all(
    [costBefore, costAfter].map((recipe) => openFramePipeline(large(recipe), 'cpu', { sweep: musicSweep(large(recipe), audio) })),
  );
  try {
    const rounds = [[], []] as number[][];
    for (const pipeline of pipelines) await pipeline.backend.evaluate(pipeline.sweep(0, costBefore.frames));
    for (let round = 0; round < costRounds; round++) {
      // ABBA: neither goes first every time.
      for (const k of round % 2 ? [1, 0] : [0, 1]) {
        const pipeline = pipelines[k];
        const started = performance.now();
        for (const frame of costFramesAt) {
          const outputs = await pipeline.backend.evaluate(pipeline.sweep(frame, costBefore.frames));
          (pipeline.colourFor?.(frame) ?? pipeline.colouring)(outputs, new Uint8ClampedArray(costSide * costSide * 4));
        }
        rounds[k].push((performance.now() - started) / costFrames);
      }
    }
    measured.before.ms = Math.min(...rounds[0]);
    measured.after.ms = Math.min(...rounds[1]);
    // Each round's after over its before, run back to back: what other work slows, it slows alike.
    measured.after.ratio = median(rounds[1].map((ms, k) => ms / rounds[0][k]));
  } finally {
    for (const pipeline of pipelines) await pipeline.backend.close();
  }
  // The same journey with --transition cut: the change from the frame before each section start to the frame on it.
  const cut = { ...costAfter, journey: { ...costAfter.journey!, transition: 'cut' as const } };
  const cutPairs = cut.journey.sections.map((t) => Math.round(t * cut.fps)).filter((f) => f >= 1 && f < cut.frames);
  const { rgba: cutFrames } = await framesOf(
    cut,
    audio,
    cutPairs.flatMap((f) => [f - 1, f]),
  );
  measured.after.cut = cutPairs.length
    ? median(cutPairs.map((_, k) => difference(cutFrames[2 * k], cutFrames[2 * k + 1]))) / Math.max(measured.after.step, 1e-9)
    : undefined;
  const row: Row = {
    track: basename(path),
    seconds: audio.durationSeconds,
    sections: costAfter.journey?.sections.length ?? 0,
    before: measured.before,
    after: measured.after,
  };
  rows.push(row);
  console.log(JSON.stringify(row));
  if (flags.sheets) await contactSheet(costAfter, audio, join(flags.sheets, `journey-${basename(path, '.ogg')}.png`));
}

/** A frame every 10 s in a grid, each labelled with its time; a section's first frame framed in white. */
async function contactSheet(recipe: Recipe, audio: Audio, out: string): Promise<void> {
  const cell = 80;
  const small = { ...recipe, width: cell, height: cell };
  const frames: number[] = [];
  for (let t = 0; t * recipe.fps < recipe.frames; t += 10) frames.push(Math.round(t * recipe.fps));
  const { rgba } = await framesOf(small, audio, frames);
  const columns = 8;
  const label = 14;
  const canvas = createCanvas(columns * (cell + 4), Math.ceil(frames.length / columns) * (cell + label + 4));
  const context = canvas.getContext('2d');
  context.fillStyle = '#111';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const sections = recipe.journey?.sections ?? [];
  frames.forEach((frame, k) => {
    const x = (k % columns) * (cell + 4) + 2;
    const y = Math.floor(k / columns) * (cell + label + 4) + 2;
    const t = frame / recipe.fps;
    const starts = sections.some((s) => s > t - 10 && s <= t);
    if (starts) {
      context.fillStyle = '#fff';
      context.fillRect(x - 2, y - 2, cell + 4, cell + 4);
    }
    const image = context.createImageData(cell, cell);
    image.data.set(rgba[k]);
    context.putImageData(image, x, y);
    context.fillStyle = starts ? '#fff' : '#aaa';
    context.font = '11px sans-serif';
    context.fillText(`${Math.floor(t / 60)}:${String(Math.round(t % 60)).padStart(2, '0')}${starts ? ' ◆ section' : ''}`, x, y + cell + 12);
  });
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, await canvas.encode('png'));
}

const fmt = (value: number | undefined, digits = 1) => (value === undefined ? '–' : value.toFixed(digits));
console.log(`\nCPU: ${cpu}; frames evaluated at ${size}² (cost at ${costSide}²) on the CPU path`);
console.log(
  '| track | length | sections | repeats before → after | section change over a blend (× median step) before → after | same span elsewhere, after | change on a cut, after | beat surge before → after | ms a frame before → after (fastest round) | cost after / before (median of rounds) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  const { before: b, after: a } = row;
  console.log(
    `| ${row.track} | ${Math.floor(row.seconds / 60)}:${String(Math.round(row.seconds % 60)).padStart(2, '0')} | ${row.sections} | ${(b.repeats * 100).toFixed(0)} % → ${(a.repeats * 100).toFixed(0)} % | ${fmt(b.change)} → ${fmt(a.change)} | ${fmt(a.span)} | ${fmt(a.cut)} | ${fmt(b.surge, 2)} → ${fmt(a.surge, 2)} | ${b.ms.toFixed(2)} → ${a.ms.toFixed(2)} | ${fmt(a.ratio, 2)} |`,
  );
}
const ratios = rows.map((row) => row.after.ratio ?? 1);
console.log(`\nCost over all tracks: after / before ${median(ratios).toFixed(3)} (median of the tracks' medians)`);
if (flags.json) writeFileSync(flags.json, JSON.stringify({ cpu, rows }, null, 2));
