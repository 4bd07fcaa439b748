import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import seedrandom from 'seedrandom';
import { activationNames } from '../../src/cppn/network/activations.ts';
import { inputKinds } from '../../src/cppn/network/inputs.ts';
import { architectures } from '../../src/cppn/network/network.ts';
import { paletteNames } from '../../src/cppn/palette.ts';
import { platformNames } from '../../src/encoders/platform-targets.ts';
import { countFlashes, regionLuminance } from '../../src/render/count-flashes.ts';
import { channelSpread } from '../../src/render/look-sampler.ts';
import { flatDetail, speedPerFrame } from '../../src/render/measure-look.ts';
import { maxReach, minReach } from '../../src/render/path-bounds.ts';
import { runCli } from '../helpers.ts';

/**
 * The option space, sampled: one seeded random render command (48–64², any topology, activation,
 * size of network, β, latent, loop, speed, inputs, colour, palette, levels, scale, fps, length, beat and
 * platform), rendered as a user would (the CLI, to a PNG sequence), and its frames checked for what
 * must hold for every command (`checkCombination`).
 */

/** Multiply-adds a combination may cost, at most: a few seconds of one core for the render and its --from. */
const budget = 4e9;

export function drawCombination(seed: string): string[] {
  const next = seedrandom(`option-space:${seed}`);
  const random = { uniform: () => next() };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random.uniform() * values.length)];
  const chance = (p: number) => random.uniform() < p;
  const logUniform = (min: number, max: number) => min * (max / min) ** random.uniform();
  const round = (value: number) => Number(value.toPrecision(3));
  for (;;) {
    const side = pick([48, 56, 64]);
    const args = ['--seed', String(Math.floor(random.uniform() * 1e6)), '--size', `${side}x${pick([side, 48, 64])}`];
    const arch = pick(architectures);
    args.push('--arch', arch);
    const layers = chance(0.5) ? 8 : 1 + Math.floor(random.uniform() * 12);
    const hidden = chance(0.5) ? (arch === 'densenet' ? 8 : 32) : 1 + Math.floor(logUniform(1, 64));
    if (layers !== 8) args.push('--layers', String(layers));
    if (chance(0.5)) args.push('--hidden', String(hidden));
    if (chance(0.5)) args.push('--activation', pick(activationNames));
    if (chance(0.3)) args.push('--beta', String(round(logUniform(0.1, 1e4))));
    const latent = chance(0.6) ? 2 : 1 + Math.floor(random.uniform() * 8);
    if (latent !== 2) args.push('--latent', String(latent));
    if (chance(0.4)) args.push('--loop', pick(['circle', 'pingpong', 'none']));
    if (chance(0.6)) args.push('--speed', chance(0.5) ? pick(['calm', 'medium', 'lively']) : String(round(logUniform(0.1, 50))));
    if (chance(0.3)) args.push('--inputs', pick(inputKinds));
    if (chance(0.4)) {
      const colour = pick(['rgb', 'bw', 'hsv', 'oklab', 'palette']);
      args.push('--colour', colour);
      if (colour === 'palette' && chance(0.7)) args.push('--palette', pick(paletteNames));
    }
    if (chance(0.2)) args.push('--levels', pick(['auto', 'none']));
    if (chance(0.3)) args.push('--scale', String(round(logUniform(0.25, 4))));
    const fps = chance(0.5) ? 30 : pick([8, 12, 24, 25, 50, 60]);
    if (fps !== 30) args.push('--fps', String(fps));
    let frames: number;
    const length = random.uniform();
    if (length < 0.3) {
      const bpm = Math.round(logUniform(50, 200));
      const bars = pick([1, 2, 4, 8, 16]);
      args.push('--bpm', String(bpm), '--bars', String(bars));
      frames = Math.round((bars * 4 * 60 * fps) / bpm);
    } else if (length < 0.5) {
      frames = Math.round(logUniform(6, 30 * fps));
      args.push('--frames', String(frames));
    } else {
      const seconds = round(logUniform(0.5, 30));
      args.push('--duration', String(seconds));
      frames = Math.round(seconds * fps);
    }
    if (chance(0.1)) args.push('--for', pick(platformNames));
    const aa = chance(0.15) ? 2 : 1;
    if (aa !== 1) args.push('--aa', String(aa));
    const widths = arch === 'densenet' ? hidden * layers * 4 : hidden * hidden * layers;
    if (64 * 64 * aa * aa * frames * widths * 2 <= budget) return args;
  }
}

export interface Checked {
  /** What broke, one line each; empty where the combination holds. */
  readonly problems: string[];
  /** How it ended: rendered, or refused with its one line. */
  readonly outcome: string;
}

/** Renders `args` into `folder` (as a PNG sequence) and again from its recipe, and checks what must hold. */
export async function checkCombination(args: readonly string[], folder: string): Promise<Checked> {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const first = await runCli([...args, '--out', join(folder, 'a/%04d.png'), '--recipe-out', join(folder, 'recipe.json')]);
  const lines = first.stderr.split('\n').filter((line) => line.startsWith('zsweep: ') && !line.includes('done in'));
  if (first.code !== 0) {
    const message = first.stderr.trim().split('\n');
    const problems: string[] = [];
    // Refused by the flash guard as it rendered (exit 1), after the render's own lines; or refused as a usage error (exit 2).
    const refusal = first.code === 1 ? message.find((line) => line.startsWith('zsweep: refused: ')) : message[0];
    if (refusal === undefined || (first.code !== 1 && first.code !== 2)) problems.push(`exit ${first.code}: ${first.stderr.trim()}`);
    else if (first.stderr.includes('    at ') || (first.code === 2 && message.length > 2))
      problems.push(`a refusal of more than one line: ${first.stderr.trim()}`);
    return { problems, outcome: refusal ?? message[0] };
  }
  const warnings = lines.filter((line) => line.includes('warning'));
  const recipe = JSON.parse(readFileSync(join(folder, 'recipe.json'), 'utf8'));
  const frames = readFrames(join(folder, 'a'));
  const problems: string[] = [];
  const { width, height } = frames[0];
  const steps = frames.slice(1).map((frame, i) => change(frames[i].data, frame.data));
  const motion = steps.length ? steps.reduce((a, b) => a + b, 0) / steps.length : 0;
  const flatFrames = frames.filter((frame) => channelSpread(frame.data) < flatDetail).length;
  const warnedFlat = warnings.some((line) => line.includes('flat'));
  if (flatFrames > frames.length / 4 && !warnedFlat) problems.push(`${flatFrames} of ${frames.length} frames are flat, with no warning`);
  const measured = recipe.speed !== undefined && !args.includes('--radius');
  if (measured && frames.length >= 3) {
    const asked = speedPerFrame(recipe.speed, recipe.fps);
    const warnedSpeed = warnings.some((line) => line.includes('--speed'));
    if ((motion < asked / 2 || motion > asked * 2) && !warnedSpeed && !warnedFlat) {
      problems.push(`moves at ${motion.toFixed(2)} a frame where ${asked.toFixed(2)} was asked, with no warning`);
    }
  }
  const flashes = countFlashes(
    frames.map((frame) => regionLuminance(frame.data, width, height)),
    recipe.fps,
  );
  if (flashes > 3) problems.push(`flashes ${flashes} times a second`);
  const sweep = recipe.sweep;
  const reach = sweep.loop === 'circle' ? sweep.radius : Math.hypot(...sweep.from.map((f: number, d: number) => (sweep.to[d] - f) / 2));
  const atBound = measured && (Math.abs(reach / maxReach - 1) < 0.01 || Math.abs(reach / minReach - 1) < 0.01);
  if (atBound && warnings.length === 0) problems.push(`the path's size ${reach} is at its bound, with no warning`);
  if (sweep.loop !== 'none' && steps.length >= 2) {
    const seam = change(frames.at(-1)!.data, frames[0].data);
    const largest = Math.max(...steps);
    // A loop of bars strikes its first downbeat's full accent at the seam; a loop of one bar has no other
    // downbeat, only beats that strike 0.6 of it.
    const allowed = recipe.beat?.bars !== undefined ? 2 : 1.25;
    if (seam > largest * allowed + 1) problems.push(`the seam changes by ${seam.toFixed(2)}, more than any step (${largest.toFixed(2)})`);
  }
  const again = await runCli(['--from', join(folder, 'a/0001.png'), '--out', join(folder, 'b/%04d.png'), '--quiet']);
  if (again.code !== 0) problems.push(`--from the first frame fails: ${again.stderr.trim()}`);
  else {
    const names = readdirSync(join(folder, 'a')).sort();
    const differing = names.filter((name) => !readFileSync(join(folder, 'a', name)).equals(readFileSync(join(folder, 'b', name))));
    if (differing.length) problems.push(`--from gives other bytes in ${differing.length} of ${names.length} frames`);
  }
  const summary = `${frames.length} frames, motion ${motion.toFixed(2)}, ${flashes} flashes/s${warnings.length ? `; ${warnings.join(' ')}` : ''}`;
  return { problems, outcome: summary };
}

/**
 * The fewest of `args`' options that still fail: each option (a flag and its value) is dropped in turn
 * and kept dropped while the combination still fails. The seed and size always stay.
 */
export async function minimalFailure(args: readonly string[], folder: string): Promise<string[]> {
  let kept = [...args];
  for (let i = 4; i < kept.length; ) {
    const without = [...kept.slice(0, i), ...kept.slice(i + 2)];
    if ((await checkCombination(without, folder)).problems.length > 0) kept = without;
    else i += 2;
  }
  return kept;
}

function readFrames(folder: string): { width: number; height: number; data: Uint8ClampedArray }[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.png'))
    .sort()
    .map((name) => {
      const png = PNG.sync.read(readFileSync(join(folder, name)));
      return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length) };
    });
}

/** Mean change per channel (0–255) between two RGBA frames. */
function change(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let total = 0;
  for (let i = 0; i < a.length; i += 4) total += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
  return total / ((a.length / 4) * 3);
}
