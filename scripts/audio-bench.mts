/**
 * Audio benchmark for docs/audio-notes.md:
 *   npx tsx scripts/audio-bench.mts [seed]
 * 1. A 30-second visualiser at 720×720, 30 fps, MP4 + AAC: the whole render, and the part that is audio
 *    (decoding and analysis; then the same render without audio, so the muxing's cost shows too).
 * 2. The analysis alone of a 10-minute track, with the process's peak memory: streamed, it should not grow
 *    with the track.
 * The tracks are synthetic, made by ffmpeg's aevalsrc and encoded to AAC (.m4a), so decoding is real.
 * The machine is shared: compare figures taken in one run.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readAudio } from '../src/audio/read-audio.ts';
import { runFfmpeg } from '../src/encoders/ffmpeg/ffmpeg-process.ts';
import { parseAudioRequest, type RenderArgs } from '../src/options/render-options.ts';
import { ffmpegPath, tempFolder } from '../test/helpers.ts';
import { parseRender, renderArgs, testFfmpeg } from '../test/render-helpers.ts';

const seed = process.argv[2] ?? '7';
const folder = tempFolder();

/** A quiet pad for 5 s, then a bass line with a kick every half second and a hi-hat on the off-beats, stereo 44.1 kHz AAC. */
async function makeTrack(path: string, seconds: number): Promise<void> {
  const pad = '0.05*sin(2*PI*220*t)';
  const bass = 'gt(mod(t,20),5)*(0.3*sin(2*PI*55*t)+0.5*sin(2*PI*50*mod(t,0.5))*exp(-12*mod(t,0.5)))';
  const hat = 'gt(mod(t,20),10)*0.15*sin(2*PI*7000*t)*exp(-60*mod(t+0.25,0.5))';
  await runFfmpeg(ffmpegPath, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `aevalsrc='${pad}+${bass}+${hat}|${pad}+${bass}+${hat}':s=44100:d=${seconds}`,
    '-c:a',
    'aac',
    '-b:a',
    '192k',
    `file:${path}`,
  ]);
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, (performance.now() - started) / 1000];
}

const track = join(folder, 'track.m4a');
await makeTrack(track, 30);
const args: RenderArgs = { seed, size: '720x720', fps: '30', quiet: true, ffmpeg: ffmpegPath, audio: track };

const [[options, analysis], total] = await timed(async () => {
  const audio = await readAudio(parseAudioRequest({ ...args, out: join(folder, 'a.mp4') })!, { ffmpeg: testFfmpeg });
  const options = parseRender({ ...args, out: join(folder, 'a.mp4') }, undefined, audio);
  await renderArgs({ ...args, out: join(folder, 'a.mp4') }, { audio });
  return [options, audio.analysisSeconds] as const;
});
const [, silent] = await timed(() =>
  renderArgs({ ...args, audio: undefined, frames: String(options.recipe.frames), out: join(folder, 'silent.mp4') }),
);

const long = join(folder, 'long.m4a');
await makeTrack(long, 600);
const before = process.resourceUsage().maxRSS;
const longTrack = await readAudio(long, { ffmpeg: testFfmpeg });
const after = process.resourceUsage().maxRSS;

const mb = (kib: number) => (kib / 1024).toFixed(0);
console.log(`| | seconds |
|---|---:|
| whole render, 30 s visualiser, 720×720 @ 30 fps (${options.recipe.frames} frames), MP4 + AAC | ${total.toFixed(1)} |
| of which decoding and analysing the track (30 s, AAC) | ${analysis.toFixed(2)} (${((100 * analysis) / total).toFixed(1)} %) |
| the same render without audio | ${silent.toFixed(1)} |
| decoding and analysing a 10-minute track (AAC, ${(statSync(long).size / 1e6).toFixed(1)} MB) | ${longTrack.analysisSeconds.toFixed(2)} |

Peak memory (max RSS) of the process: ${mb(before)} MB before the 10-minute analysis, ${mb(after)} MB after it
(features kept: ${longTrack.features.loudness.length} rows × 4 floats = ${((longTrack.features.loudness.length * 16) / 1e6).toFixed(1)} MB).
Seed ${seed}; backend as chosen by auto.`);
