/**
 * A copy of zsweep as the evaluation drives it: its own decoding, analysis and beat detection imported from
 * its src/ (so an older checkout can be scored beside this one), and its command line for renders.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readWav } from './reference.mts';

export interface TrackResult {
  /** Undefined when zsweep finds no steady beat. */
  readonly bpm: number | undefined;
  readonly beats: number[];
  readonly downbeats: number[];
  readonly confidence: number | undefined;
}

export interface Tracker {
  readonly name: string;
  /** The arguments that run its command line under `node`. */
  readonly cli: string[];
  track(wav: string, ffmpeg: string): Promise<TrackResult>;
  /** Seconds to decode, analyse and track a file: on the clock, and of this process's CPU (ffmpeg's decoding runs in its own). */
  time(path: string, ffmpeg: string): Promise<{ wall: number; cpu: number }>;
  referenceDownbeats(wav: string, ticks: number[], ffmpeg: string): Promise<number[] | undefined>;
}

interface Grid {
  bpm: number;
  firstBeatSeconds: number;
  downbeat: number;
  times?: number[];
  downbeatTimes?: number[];
  confidence?: number;
}

export async function loadTracker(name: string, root: string): Promise<Tracker> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const { readAudio } = await load('src/audio/read-audio.ts');
  const { detectBeats, beatTimes } = await load('src/audio/detect-beats.ts');
  const { ffmpegOnce } = await load('src/encoders/ffmpeg/find-ffmpeg.ts');
  const analyse = async (path: string, ffmpeg: string) => {
    const track = await readAudio(path, { ffmpeg: ffmpegOnce({ explicit: ffmpeg, env: {} }) });
    return { track, grid: detectBeats(track.features, { beatsPerBar: 4 }) as Grid | undefined };
  };
  return {
    name,
    cli: [join(root, 'bin/zsweep.js')],
    async track(wav, ffmpeg) {
      const { track, grid } = await analyse(wav, ffmpeg);
      if (!grid) return { bpm: undefined, beats: [], downbeats: [], confidence: undefined };
      const beats: number[] = grid.times ?? beatTimes(grid, track.durationSeconds);
      const downbeats = grid.downbeatTimes ?? beats.filter((_, k) => k % 4 === grid.downbeat);
      return { bpm: grid.bpm, beats, downbeats, confidence: grid.confidence };
    },
    async time(path, ffmpeg) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      await analyse(path, ffmpeg);
      const used = process.cpuUsage(cpu);
      return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
    },
    referenceDownbeats: async (wav, ticks) => chordChangeDownbeats(wav, ticks),
  };
}

/**
 * Essentia gives no downbeats, so a stand-in reference, independent of zsweep's own cue (bass onsets): the
 * bar phase (every 4th reference beat) at which the harmony changes most, harmony being Essentia's HPCP
 * averaged over each beat and change the cosine distance between consecutive beats. Chords change on the
 * one far more often than elsewhere in this music; where no phase stands out (within 10 %) there is no
 * reference and the excerpt is left out of the downbeat score.
 */
// biome-ignore lint/suspicious/noExplicitAny: essentia.js's algorithms return plain objects of vectors, untyped
type EssentiaAlgorithm = (...args: unknown[]) => any;

function chordChangeDownbeats(wav: string, ticks: number[]): number[] | undefined {
  const { Essentia, EssentiaWASM } = createRequire(import.meta.url)('essentia.js') as {
    Essentia: new (wasm: unknown) => Record<string, EssentiaAlgorithm>;
    EssentiaWASM: unknown;
  };
  const e = new Essentia(EssentiaWASM);
  const samples = readWav(wav);
  const frameSize = 4096;
  const hop = 2048;
  const chroma: { time: number; pcp: Float32Array }[] = [];
  for (let start = 0; start + frameSize <= samples.length; start += hop) {
    const frame = e.arrayToVector(samples.subarray(start, start + frameSize));
    const windowed = e.Windowing(frame, true, frameSize, 'blackmanharris62');
    const spectrum = e.Spectrum(windowed.frame, frameSize);
    const peaks = e.SpectralPeaks(spectrum.spectrum, 0.00001, 5000, 60, 100, 'magnitude', 44100);
    const hpcp = e.HPCP(peaks.frequencies, peaks.magnitudes);
    chroma.push({ time: (start + frameSize / 2) / 44100, pcp: Float32Array.from(e.vectorToArray(hpcp.hpcp)) });
  }
  const perBeat = ticks.slice(0, -1).map((t, k) => {
    const sum = new Float64Array(12);
    for (const c of chroma) if (c.time >= t && c.time < ticks[k + 1]) for (let i = 0; i < 12; i++) sum[i] += c.pcp[i];
    return sum;
  });
  const change = new Float64Array(ticks.length);
  for (let k = 1; k < perBeat.length; k++) {
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < 12; i++) {
      dot += perBeat[k][i] * perBeat[k - 1][i];
      a += perBeat[k][i] ** 2;
      b += perBeat[k - 1][i] ** 2;
    }
    change[k] = a > 0 && b > 0 ? 1 - dot / Math.sqrt(a * b) : 0;
  }
  const totals = [0, 1, 2, 3].map((phase) => change.reduce((sum, v, k) => sum + (k % 4 === phase ? v : 0), 0));
  const sorted = [...totals].sort((x, y) => y - x);
  if (!(sorted[0] > 1.1 * sorted[1])) return undefined;
  const phase = totals.indexOf(sorted[0]);
  return ticks.filter((_, k) => k % 4 === phase);
}
