/**
 * The section evaluation on real music (docs/music.md, "Sections"): `npm run eval:sections`, or
 *   npx tsx scripts/eval-sections.mts [--folder DIR] [--plots DIR] [--only ID] [--json FILE]
 * For each whole track of scripts/eval-sections/tracks.mts (from the Debian packages the beat evaluation
 * uses, unpacked on first use into DIR/packages, by default $TMPDIR/zsweep-eval-beats): zsweep's sections,
 * the time its analysis takes, and, for the tracks marked by hand (scripts/eval-sections/marks.json), how
 * many detected boundaries lie within ±2 s of a mark (precision), how many marks within ±2 s of a detected
 * boundary (recall), and their F-measure, each mark and boundary matched at most once. `--plots DIR` draws
 * each track with its marks (green) and boundaries (red), with the ffmpeg on the PATH (its spectrogram
 * needs ffmpeg 5 or later).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyseAudio } from '../src/audio/analyse-audio.ts';
import { analyseBeats } from '../src/audio/detect-beats.ts';
import { findSections, sectionNovelty } from '../src/audio/find-sections.ts';
import { plotTrack } from './eval-sections/plot-track.mts';
import { pathOf, preparePackages, readMarks, tracks } from './eval-sections/tracks.mts';

const { values: flags } = parseArgs({
  options: {
    folder: { type: 'string', default: join(tmpdir(), 'zsweep-eval-beats') },
    plots: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
const ffmpeg = (await import('@ffmpeg-installer/ffmpeg')).default.path as string;
const packages = join(resolve(flags.folder), 'packages');
const problem = preparePackages(packages);
if (problem) {
  console.log(`eval:sections skipped: ${problem}`);
  process.exit(0);
}

/** A boundary counts as found when it is this close to a mark. */
const tolerance = 2;
const marks = readMarks();

/** Detected and marked boundaries paired closest first, each at most once, within the tolerance. */
function matches(detected: readonly number[], marked: readonly number[]): number {
  const pairs = detected.flatMap((d, i) => marked.map((m, j) => ({ i, j, gap: Math.abs(d - m) })));
  const [usedD, usedM] = [new Set<number>(), new Set<number>()];
  let count = 0;
  for (const { i, j } of pairs.filter((p) => p.gap <= tolerance).sort((a, b) => a.gap - b.gap)) {
    if (usedD.has(i) || usedM.has(j)) continue;
    usedD.add(i);
    usedM.add(j);
    count++;
  }
  return count;
}

const clock = (t: number) => `${Math.floor(t / 60)}:${(t % 60).toFixed(1).padStart(4, '0')}`;
const pct = (x: number) => `${Math.round(100 * x)} %`;
const rows: string[] = [];
const results: Record<string, unknown>[] = [];
let [totalHits, totalDetected, totalMarked] = [0, 0, 0];
let [analysisCpu, sectionsCpu, audioSeconds] = [0, 0, 0];
for (const track of tracks.filter((t) => !flags.only || t.id.includes(flags.only))) {
  const file = pathOf(packages, track);
  const cpu = process.cpuUsage();
  const features = await analyseAudio(ffmpeg, file);
  const beats = analyseBeats(features).track;
  const analysed = process.cpuUsage(cpu);
  const before = process.cpuUsage();
  const detected = findSections(features, beats?.downbeatTimes ?? []);
  const found = process.cpuUsage(before);
  const seconds = features.samples / features.sampleRate;
  const [analysis, sections] = [(analysed.user + analysed.system) / 1e6, (found.user + found.system) / 1e6];
  analysisCpu += analysis;
  sectionsCpu += sections;
  audioSeconds += seconds;
  const marked = marks[track.id]?.boundaries;
  let score = '';
  if (marked) {
    const hits = matches(detected, marked);
    [totalHits, totalDetected, totalMarked] = [totalHits + hits, totalDetected + detected.length, totalMarked + marked.length];
    const [p, r] = [hits / Math.max(1, detected.length), hits / Math.max(1, marked.length)];
    score = `| ${marked.length} | ${hits} | ${pct(p)} | ${pct(r)} | ${pct((2 * p * r) / Math.max(1e-9, p + r))} `;
  } else score = '| – | – | – | – | – ';
  rows.push(
    `| ${track.id} | ${clock(seconds)} | ${beats ? beats.bpm.toFixed(0) : '–'} | ${detected.length + 1} | ${detected.map(clock).join(' ')} ${score}| ${analysis.toFixed(2)} s | ${(1000 * sections).toFixed(0)} ms |`,
  );
  results.push({ id: track.id, seconds, bpm: beats?.bpm, detected, marked, analysisCpu: analysis, sectionsCpu: sections });
  console.error(`${track.id}: ${detected.map(clock).join(' ')}${marked ? `  (marked ${marked.map(clock).join(' ')})` : ''}`);
  if (flags.plots) {
    await plotTrack(join(flags.plots, `${track.id}.png`), file, 'ffmpeg', features, {
      detected,
      marked,
      downbeats: beats?.downbeatTimes,
      novelty: sectionNovelty(features),
    });
  }
}
const [p, r] = [totalHits / Math.max(1, totalDetected), totalHits / Math.max(1, totalMarked)];
console.log(
  '| track | length | BPM | sections | boundaries found | marks | within ±2 s | precision | recall | F | analysis CPU | sections CPU |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(
  `\nMarked tracks: ${totalHits} of ${totalDetected} boundaries within ±${tolerance} s of a mark (precision ${pct(p)}), ${totalHits} of ${totalMarked} marks found (recall ${pct(r)}), F ${pct((2 * p * r) / Math.max(1e-9, p + r))}.`,
);
console.log(
  `Analysis (decoding excluded, beats included): ${analysisCpu.toFixed(1)} s CPU for ${(audioSeconds / 60).toFixed(1)} minutes of audio, ${((300 * analysisCpu) / audioSeconds).toFixed(2)} s per 5 minutes; findSections ${((300 * 1000 * sectionsCpu) / audioSeconds).toFixed(0)} ms per 5 minutes.`,
);
if (flags.json) writeFileSync(flags.json, `${JSON.stringify(results, null, 1)}\n`);
