/**
 * The beat evaluation on real music (docs/music.md): `npm run eval:beats`, or
 *   npx tsx scripts/eval-beats.mts [--before DIR] [--no-render] [--folder DIR] [--json FILE]
 * For each 30-second excerpt (scripts/eval-beats/excerpts.mts, fetched and cut on first use into the
 * folder, by default $TMPDIR/zsweep-eval-beats): zsweep's tempo against the reference's (Acc1, Acc2), its
 * beats' F-measure (±70 ms), its downbeats' F-measure, and the F-measure of the rendered visualiser's motion
 * peaks (64×64, 30 fps, seed 1) against the reference beats. `--before DIR` scores a second copy of zsweep
 * (a checkout's root with node_modules reachable, e.g. `git archive COMMIT | tar -x -C DIR` and a link to
 * node_modules) in the same run, side by side. Last, the analysis of a 5-minute track is timed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Excerpt, excerptSeconds, excerpts, prepareExcerpts, wavOf } from './eval-beats/excerpts.mts';
import { type Reference, referenceBeats } from './eval-beats/reference.mts';
import { acc1, acc2, fMeasure, mean, motionPeaks, within } from './eval-beats/score-beats.mts';
import { loadTracker, type Tracker, type TrackResult } from './eval-beats/tracker.mts';

const { values: flags } = parseArgs({
  options: {
    before: { type: 'string' },
    folder: { type: 'string', default: join(tmpdir(), 'zsweep-eval-beats') },
    json: { type: 'string' },
    'no-render': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const root = resolve(import.meta.dirname, '..');
const ffmpeg = (await import('@ffmpeg-installer/ffmpeg')).default.path as string;
const folder = resolve(flags.folder);

const problem = prepareExcerpts(folder, ffmpeg);
if (problem) {
  console.log(`eval:beats skipped: ${problem}`);
  process.exit(0);
}

/** A reference beat is steady enough to score against when Essentia itself is at least this confident. */
const steadyConfidence = 2;
const edge = 0.5;
const fps = 30;
const size = 64;

interface Row {
  readonly excerpt: Excerpt;
  readonly reference: Reference;
  readonly steady: boolean;
  readonly results: Record<string, Scores>;
}
interface Scores {
  readonly bpm: number | undefined;
  readonly acc1: boolean;
  readonly acc2: boolean;
  readonly beatF: number;
  readonly downbeatF: number | undefined;
  readonly motionF: number | undefined;
  readonly confidence: number | undefined;
}

function render(tracker: Tracker, excerpt: Excerpt): number[] | undefined {
  if (flags['no-render']) return undefined;
  const out = join(folder, `${excerpt.id}.${tracker.name}.mp4`);
  execFileSync(
    process.execPath,
    [
      ...tracker.cli,
      '--seed',
      '1',
      '--size',
      `${size}x${size}`,
      '--fps',
      String(fps),
      '--audio',
      wavOf(folder, excerpt),
      '--crf',
      '0',
      '-o',
      out,
      '--quiet',
      '--force',
    ],
    { stdio: 'pipe', env: { ...process.env, FFMPEG_PATH: ffmpeg } },
  );
  const rgb = execFileSync(ffmpeg, ['-v', 'error', '-i', out, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 30 });
  return motionPeaks(new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.length), size, size, fps).peaks;
}

/** Reference downbeats: not given by Essentia; see referenceDownbeats in tracker.mts for what stands in. */
function score(
  tracker: Tracker,
  excerpt: Excerpt,
  reference: Reference,
  track: TrackResult,
  referenceDownbeats: number[] | undefined,
): Scores {
  const ticks = within(reference.ticks, edge, excerptSeconds - edge);
  const beats = within(track.beats, edge, excerptSeconds - edge);
  const peaks = render(tracker, excerpt);
  return {
    bpm: track.bpm,
    acc1: track.bpm !== undefined && acc1(track.bpm, reference.bpm),
    acc2: track.bpm !== undefined && acc2(track.bpm, reference.bpm),
    beatF: fMeasure(beats, ticks).f,
    downbeatF: referenceDownbeats
      ? fMeasure(within(track.downbeats, edge, excerptSeconds - edge), within(referenceDownbeats, edge, excerptSeconds - edge)).f
      : undefined,
    motionF: peaks ? fMeasure(within(peaks, edge, excerptSeconds - edge), ticks).f : undefined,
    confidence: track.confidence,
  };
}

const trackers: Tracker[] = [];
if (flags.before) trackers.push(await loadTracker('before', resolve(flags.before)));
trackers.push(await loadTracker('after', root));

const rows: Row[] = [];
for (const excerpt of excerpts) {
  if (flags.only && !excerpt.id.includes(flags.only)) continue;
  const reference = referenceBeats(wavOf(folder, excerpt));
  const steady = reference.confidence >= steadyConfidence;
  const results: Record<string, Scores> = {};
  const referenceDownbeats = steady
    ? await trackers[trackers.length - 1].referenceDownbeats(wavOf(folder, excerpt), reference.ticks, ffmpeg)
    : undefined;
  for (const tracker of trackers) {
    const track = await tracker.track(wavOf(folder, excerpt), ffmpeg);
    results[tracker.name] = score(tracker, excerpt, reference, track, referenceDownbeats);
  }
  rows.push({ excerpt, reference, steady, results });
  const cells = trackers.map((t) => formatScores(results[t.name])).join(' | ');
  console.error(`${excerpt.id}: ref ${reference.bpm.toFixed(1)} (conf ${reference.confidence.toFixed(2)}) | ${cells}`);
}

function formatScores(s: Scores): string {
  const n = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(2));
  return `${s.bpm === undefined ? 'none' : s.bpm.toFixed(1)} | ${s.acc1 ? '✓' : '✗'}${s.acc2 ? '✓' : '✗'} | ${n(s.beatF)} | ${n(s.downbeatF)} | ${n(s.motionF)}`;
}

const lines: string[] = [];
const header = trackers.map((t) => `${t.name}: BPM | Acc1/2 | beat F | downbeat F | motion F`).join(' | ');
lines.push(`| excerpt | ref BPM | ref conf. | ${header} |`);
lines.push(`| --- | ---: | ---: | ${trackers.map(() => '---: | :---: | ---: | ---: | ---:').join(' | ')} |`);
for (const row of rows) {
  const cells = trackers.map((t) => formatScores(row.results[t.name])).join(' | ');
  const name = row.steady ? row.excerpt.id : `${row.excerpt.id} (no steady beat)`;
  lines.push(`| ${name} | ${row.reference.bpm.toFixed(1)} | ${row.reference.confidence.toFixed(2)} | ${cells} |`);
}
lines.push('');
const steadyRows = rows.filter((r) => r.steady);
for (const tracker of trackers) {
  const all = rows.map((r) => r.results[tracker.name]);
  const steadyScores = steadyRows.map((r) => r.results[tracker.name]);
  const fs = (pick: (s: Scores) => number | undefined, of: Scores[]) => of.map(pick).filter((v): v is number => v !== undefined);
  const summary = (label: string, values: number[]) =>
    values.length ? `${label} mean ${mean(values).toFixed(2)}, worst ${Math.min(...values).toFixed(2)}` : `${label} –`;
  const beatless = rows.filter((r) => !r.steady);
  lines.push(
    `- **${tracker.name}**: Acc1 ${all.filter((s) => s.acc1).length}/${all.length}, Acc2 ${all.filter((s) => s.acc2).length}/${all.length} (all excerpts); ` +
      `steady excerpts (${steadyRows.length}): ${summary(
        'beat F',
        fs((s) => s.beatF, steadyScores),
      )}; ${summary(
        'downbeat F',
        fs((s) => s.downbeatF, steadyScores),
      )}; ` +
      `${summary(
        'motion F',
        fs((s) => s.motionF, steadyScores),
      )}. ` +
      `Excerpts without a steady beat (${beatless.length}) reported as such: ${beatless.filter((r) => r.results[tracker.name].bpm === undefined).length}.`,
  );
}

// The analysis of a 5-minute track: decoding and analysis as `--audio` runs them, then the tracker.
const long = join(folder, 'packages/wesnoth-1.16-music/usr/share/games/wesnoth/1.16/data/core/music/battle.ogg');
if (existsSync(long)) {
  for (const tracker of trackers) {
    const runs: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < 3; i++) runs.push(await tracker.time(long, ffmpeg));
    const load = execFileSync('cat', ['/proc/loadavg']).toString().split(' ')[0];
    lines.push(
      `- **${tracker.name}**: a 318-second track decoded, analysed and tracked in ${Math.min(...runs.map((r) => r.wall)).toFixed(2)} s on the clock (best of 3, load average ${load}), ${Math.min(...runs.map((r) => r.cpu)).toFixed(2)} s of zsweep's CPU (ffmpeg's decoding apart).`,
    );
  }
}
const cpu = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).toString().trim();
lines.push(`- Measured on ${cpu}, ${new Date().toISOString().slice(0, 10)}.`);
console.log(lines.join('\n'));
if (flags.json) {
  mkdirSync(resolve(flags.json, '..'), { recursive: true });
  writeFileSync(flags.json, JSON.stringify(rows, null, 1));
}
