/**
 * The analysis of a long track, timed on its own (the evaluation's last lines do the same in its run):
 *   npx tsx scripts/eval-beats/time-analysis.mts [FILE] [--before DIR]
 * FILE defaults to Wesnoth's battle.ogg (318 s) in the evaluation's folder.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTracker } from './tracker.mts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { before: { type: 'string' } } });
const file =
  positionals[0] ?? join(tmpdir(), 'zsweep-eval-beats/packages/wesnoth-1.16-music/usr/share/games/wesnoth/1.16/data/core/music/battle.ogg');
const ffmpeg = (await import('@ffmpeg-installer/ffmpeg')).default.path as string;
const trackers = [await loadTracker('after', resolve(import.meta.dirname, '../..'))];
if (values.before) trackers.unshift(await loadTracker('before', resolve(values.before)));
const decode = () => {
  const started = process.hrtime.bigint();
  execFileSync('sh', ['-c', `"${ffmpeg}" -v error -i "${file}" -f f32le -ac 1 -ar 22050 - > /dev/null`]);
  return Number(process.hrtime.bigint() - started) / 1e9;
};
console.log(`ffmpeg decoding alone: ${decode().toFixed(2)} s`);
for (const tracker of trackers) {
  for (let i = 0; i < 3; i++) {
    const { wall, cpu } = await tracker.time(file, ffmpeg);
    console.log(`${tracker.name}: ${wall.toFixed(2)} s on the clock, ${cpu.toFixed(2)} s of zsweep's CPU`);
  }
}
console.log(`load average ${execFileSync('cat', ['/proc/loadavg']).toString().trim()}`);
