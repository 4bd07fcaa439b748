/**
 * A whole render against its parts, side by side in one run (never used by the tests):
 *   node --import tsx scripts/render-bench.mts [--before ../zsweep-before] [--rounds 3] [--size 512x512]
 *     [--frames 90] [--seed 3] [--presets medium,veryfast] [--ffmpeg /usr/bin/ffmpeg] [--extra="--quality small"]
 * Each round, interleaved: evaluation alone (this checkout's backend and colour mapping, no encoder),
 * x264 alone on the same frames (read from a raw file, each preset), then the whole command
 * `node bin/zsweep.js --seed S --size WxH --frames N --out x.mp4` of each checkout (with --extra, this
 * checkout twice: with those options, and with its defaults). Wall and CPU seconds (user + system,
 * children included); the bound on two cores is (evaluation CPU + encoding CPU) / cores. Prints a
 * Markdown table of ranges over the rounds; the machine is shared, so only figures of one run compare.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRenderOptions } from '../src/options/render-options.ts';
import { encodingAlone, evaluationAlone, range, timed } from './bench/measure.mts';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    size: { type: 'string', default: '512x512' },
    frames: { type: 'string', default: '90' },
    seed: { type: 'string', default: '3' },
    presets: { type: 'string', default: 'medium' },
    ffmpeg: { type: 'string', default: '/usr/bin/ffmpeg' },
    extra: { type: 'string', default: '' },
  },
});
const rounds = Number(values.rounds);
const presets = values.presets.split(',');
const folder = mkdtempSync(join(tmpdir(), 'zsweep-render-bench-'));
const checkouts: [string, string, string[]][] = [
  ...(values.before ? [['before', resolve(values.before), []] as [string, string, string[]]] : []),
  ['after', resolve('.'), values.extra ? values.extra.split(' ') : []],
  ...(values.extra ? [['after, defaults', resolve('.'), []] as [string, string, string[]]] : []),
];
const renderArgs = ['--seed', values.seed, '--size', values.size, '--frames', values.frames, '--quiet', '--force'];
const { recipe } = parseRenderOptions({ seed: values.seed, size: values.size, frames: values.frames }, { env: {} }).request;

const results = new Map<string, number[]>();
const add = (key: string, value: number) => results.set(key, [...(results.get(key) ?? []), value]);
const raw = join(folder, 'frames.rgba');
await evaluationAlone(recipe, raw);
for (let round = 0; round < rounds; round++) {
  const evaluation = await evaluationAlone(recipe);
  add('eval wall', evaluation.wall);
  add('eval cpu', evaluation.cpu);
  for (const preset of presets) {
    const encoding = encodingAlone(recipe, raw, { ffmpeg: values.ffmpeg, preset, path: join(folder, `${preset}.mp4`) });
    add(`x264 ${preset} wall`, encoding.wall);
    add(`x264 ${preset} cpu`, encoding.cpu);
    add(`x264 ${preset} bytes`, encoding.bytes);
    add(`bound ${preset}`, (evaluation.cpu + encoding.cpu) / availableParallelism());
  }
  for (const [name, checkout, extra] of checkouts) {
    const out = join(folder, `${name.replace(/\W/g, '')}.mp4`);
    const env = { ...process.env, FFMPEG_PATH: values.ffmpeg, NO_COLOR: '1' };
    const whole = timed(process.execPath, [join(checkout, 'bin/zsweep.js'), ...renderArgs, '--out', out, ...extra], env);
    add(`${name} wall`, whole.wall);
    add(`${name} cpu`, whole.cpu);
    add(`${name} bytes`, statSync(out).size);
  }
  console.error(`round ${round + 1} of ${rounds} done`);
}
rmSync(folder, { recursive: true, force: true });

const get = (key: string) => results.get(key) ?? [];
const ratio = (key: string, bound: string) => range(get(key).map((x, i) => x / get(bound)[i]));
console.log(
  `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} vCPUs, Node ${process.versions.node}, ${values.ffmpeg}; ${rounds} rounds; ${recipe.width}×${recipe.height}, ${recipe.frames} frames, seed ${values.seed}`,
);
console.log('\n| what | wall s | CPU s | bytes | wall × bound (first preset) |\n| --- | --- | --- | --- | --- |');
console.log(`| evaluation alone (${recipe.frames} frames) | ${range(get('eval wall'))} | ${range(get('eval cpu'))} | | |`);
for (const preset of presets) {
  console.log(
    `| x264 alone, -preset ${preset} | ${range(get(`x264 ${preset} wall`))} | ${range(get(`x264 ${preset} cpu`))} | ${range(get(`x264 ${preset} bytes`), 0)} | |`,
  );
  console.log(`| bound with ${preset}: (evaluation CPU + x264 CPU) / ${availableParallelism()} | ${range(get(`bound ${preset}`))} | | | |`);
}
for (const [name] of checkouts) {
  const label = name === 'after' && values.extra ? `${name} (${values.extra})` : name;
  console.log(
    `| whole command, ${label} | ${range(get(`${name} wall`))} | ${range(get(`${name} cpu`))} | ${range(get(`${name} bytes`), 0)} | ${ratio(`${name} wall`, `bound ${presets[0]}`)} |`,
  );
}
