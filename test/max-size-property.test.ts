import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempFolder } from './helpers.ts';

/**
 * `--max-size` over its space, sampled with a seed: a format, a small picture, a few frames and a cap
 * from far too small to roomy. Each render either writes a file no larger than the cap, or is refused
 * with one clear line (exit 2) and leaves no file. A failure is shrunk to the smallest picture and
 * fewest frames that still fail, and printed as a command. ZSWEEP_MAX_SIZE_CASES sets how many.
 */
const cases = Number(process.env.ZSWEEP_MAX_SIZE_CASES ?? 8);
const folder = tempFolder();

interface Combination {
  readonly format: 'mp4' | 'webm' | 'gif' | 'webp';
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly cap: number;
  readonly seed: string;
}

/** mulberry32: a small seeded generator, so a run draws the same combinations every time. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function draw(n: number): Combination {
  const next = random(0x5eed + n);
  const format = (['mp4', 'webm', 'gif', 'webp'] as const)[Math.floor(next() * 4)];
  const side = () => 16 + 2 * Math.floor(next() * 17);
  // From 1 KiB (below any file's header and first frame) to 160 KB, evenly in log size.
  const cap = Math.round(1024 * 160 ** next());
  return { format, width: side(), height: side(), frames: 2 + 2 * Math.floor(next() * 6), cap, seed: `cap${n}` };
}

function command({ width, height, frames, cap, seed }: Combination, out: string): string[] {
  return ['--seed', seed, '--size', `${width}x${height}`, '--frames', String(frames), '--max-size', String(cap), '--out', out, '-q'];
}

/** What is wrong with this combination's render: nothing when it fits or is refused clearly. */
async function problemsOf(combination: Combination, name: string): Promise<string[]> {
  const out = join(folder, `${name}.${combination.format}`);
  const { code, stderr } = await runCli([...command(combination, out), '--force']);
  const lines = stderr.trim().split('\n').filter(Boolean);
  if (code === 0) {
    const bytes = statSync(out).size;
    return bytes <= combination.cap ? [] : [`${bytes} bytes, over the cap of ${combination.cap}`];
  }
  const problems: string[] = [];
  if (code !== 2) problems.push(`exit ${code}`);
  if (lines.length !== 1 || !/Invalid --max-size/.test(lines[0] ?? '')) problems.push(`not one line on the cap: ${JSON.stringify(stderr)}`);
  if (/\n\s+at /.test(stderr)) problems.push('a stack trace');
  if (existsSync(out)) problems.push('a file left behind');
  return problems;
}

/** The smallest picture and fewest frames that still fail. */
async function shrink(combination: Combination): Promise<Combination> {
  let smallest = combination;
  for (const smaller of [{ frames: 2 }, { width: 16, height: 16 }, { frames: 2, width: 16, height: 16 }]) {
    const tried = { ...smallest, ...smaller };
    if ((await problemsOf(tried, 'shrink')).length) smallest = tried;
  }
  return smallest;
}

test('under a sampled --max-size, every format writes a file within the cap or refuses it in one line', async () => {
  const failures: string[] = [];
  for (let n = 0; n < cases; n++) {
    const combination = draw(n);
    const problems = await problemsOf(combination, `case${n}`);
    if (problems.length) {
      const minimal = await shrink(combination);
      failures.push(`#${n}: ${problems.join('; ')}\n  zsweep ${command(minimal, `x.${minimal.format}`).join(' ')}`);
    }
  }
  assert.equal(failures, [], `${failures.length} of ${cases} combinations failed:\n${failures.join('\n')}`);
});

test.run();
