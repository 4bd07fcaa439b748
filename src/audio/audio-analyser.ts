import FFT from 'fft.js';
import { createMelBands } from './mel-flux.ts';
import { createTextureAnalyser, type TextureFeatures } from './texture-features.ts';

/** The sample rate audio is decoded at for analysis: enough for treble up to 11 kHz, and cheap. */
export const analysisSampleRate = 22050;
/** Samples per analysis row: 256 at 22 050 Hz is a row every 11.6 ms (86 rows a second), finer than any frame rate in use. */
export const analysisHop = 256;
/** FFT window: 1024 samples (46 ms) resolves 21.5 Hz bins, so the bass band has about ten of them. */
export const analysisWindow = 1024;

/** Band edges in Hz: bass to 250, mid to 2 kHz, treble above. */
export const bandEdges = { bass: [20, 250], mid: [250, 2000], treble: [2000, 11025] } as const;
export const bands = Object.keys(bandEdges) as (keyof typeof bandEdges)[];

/**
 * What the analysis keeps of a track: a few numbers per row of `analysisHop` samples, so a
 * one-hour track is about 300 000 rows × 4 floats (5 MB), whatever its length in samples.
 * Values are amplitudes (linear, not dB), comparable only within one track.
 */
export interface AudioFeatures {
  /** Rows per second. */
  readonly rate: number;
  /** Samples decoded, at `sampleRate`: the track's exact length. */
  readonly samples: number;
  readonly sampleRate: number;
  /**
   * RMS over the Hann window centred on each row. Over the row's own 256 samples alone a low note
   * would flicker (100 Hz has 2.2 periods in them); the window holds a few periods of any bass note.
   */
  readonly loudness: Float32Array;
  /** RMS amplitude within each band, from a Hann-windowed FFT centred on the row. */
  readonly bass: Float32Array;
  readonly mid: Float32Array;
  readonly treble: Float32Array;
  /**
   * Spectral flux: the sum over bins of each bin's rise in log magnitude since the row before. It
   * peaks where a note or drum starts whatever its loudness, and stays near 0 for a held tone: what
   * beat tracking (detect-beats.ts) reads.
   */
  readonly onset: Float32Array;
  /**
   * Onset strength for beat tracking on full mixes (mel-flux.ts): the rise of log-magnitude mel
   * bands over two rows, against the loudest neighbouring band two rows back (SuperFlux), so a note that
   * slides or wavers (vibrato, strings) does not count as new and a drum hit counts in every band it fills.
   */
  readonly beatOnset: Float32Array;
  /**
   * Timbre and harmony at a coarse rate (5.4 frames a second), for finding a song's sections
   * (find-sections.ts). Absent from features made by hand; the analyser always fills it.
   */
  readonly texture?: TextureFeatures;
}

export interface AudioAnalyser {
  /** More mono samples, in order. The analyser keeps only the last window of them. */
  push(samples: Float32Array): void;
  /** The features of everything pushed; the end is padded with silence to complete the last row. */
  finish(): AudioFeatures;
}

/**
 * Streaming analysis: a pure core that takes samples in chunks of any size (as they come out of
 * ffmpeg) and keeps a bounded buffer, so memory does not grow with the track's length except for
 * the features themselves.
 */
export function createAudioAnalyser({ sampleRate = analysisSampleRate, hop = analysisHop, window = analysisWindow } = {}): AudioAnalyser {
  const fft = new FFT(window);
  const hann = new Float64Array(window);
  for (let i = 0; i < window; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / window);
  const hannPower = hann.reduce((sum, w) => sum + w * w, 0);
  const binOf = (hz: number) => Math.round((hz * window) / sampleRate);
  const bandBins = bands.map((band) => {
    const [low, high] = bandEdges[band];
    return [Math.max(1, binOf(low)), Math.min(window / 2, binOf(high))] as const;
  });
  const frame = new Float64Array(window);
  const spectrum = fft.createComplexArray() as number[];
  const logMagnitude = new Float64Array(window / 2);
  const magnitudes = new Float64Array(window / 2);
  // The first row's rise is measured from silence.
  const previousLog = new Float64Array(window / 2);
  const mel = createMelBands(window, sampleRate);
  const texture = createTextureAnalyser(sampleRate);

  // Row t's window is centred on the middle of its hop: it starts `lead` samples before the hop
  // begins, so the buffer starts with that many zeros (silence before the track).
  const lead = window / 2 - hop / 2;
  const buffer = new Float32Array(Math.max(4 * window, 1 << 16));
  let filled = lead;
  /** Buffer index of the start of the next row's window. */
  let next = 0;
  let samples = 0;
  const rows = {
    loudness: [] as number[],
    bass: [] as number[],
    mid: [] as number[],
    treble: [] as number[],
    onset: [] as number[],
    beatOnset: [] as number[],
  };

  const analyseRow = (at: number) => {
    let sum = 0;
    for (let i = 0; i < window; i++) {
      frame[i] = buffer[at + i] * hann[i];
      sum += frame[i] * frame[i];
    }
    rows.loudness.push(Math.sqrt(sum / hannPower));
    fft.realTransform(spectrum, frame);
    bands.forEach((band, b) => {
      const [first, last] = bandBins[b];
      let power = 0;
      for (let k = first; k < last; k++) power += spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
      // Parseval: a one-sided spectrum's power × 2 / (N · Σw²) is the mean square of the band's signal.
      rows[band].push(Math.sqrt((2 * power) / (window * hannPower)));
    });
    // log(1 + γ|X|) compresses loud and quiet alike (γ as in Böck & Widmer's onset detectors). Each
    // bin's rise is weighted by 1/k, so every octave counts the same: otherwise the thousands of bins of
    // a hi-hat's noise outvote the few of a kick, and the hats' eighth notes pass for the beat.
    let flux = 0;
    for (let k = 1; k < window / 2; k++) {
      // Not Math.hypot: its guard against overflow (needless for these sums) took about 40 % of this analysis.
      const magnitude = Math.sqrt(spectrum[2 * k] * spectrum[2 * k] + spectrum[2 * k + 1] * spectrum[2 * k + 1]) / window;
      magnitudes[k] = magnitude;
      logMagnitude[k] = Math.log1p(100 * magnitude);
      flux += Math.max(0, logMagnitude[k] - previousLog[k]) / k;
    }
    previousLog.set(logMagnitude);
    rows.onset.push(flux);
    rows.beatOnset.push(mel.flux(magnitudes));
  };
  const analyseReady = () => {
    while (next + window <= filled) {
      analyseRow(next);
      next += hop;
    }
    // Drop what no later window needs, so the buffer stays bounded.
    if (next > buffer.length / 2) {
      buffer.copyWithin(0, next, filled);
      filled -= next;
      next = 0;
    }
  };

  const push = (chunk: Float32Array) => {
    samples += chunk.length;
    texture.push(chunk);
    let from = 0;
    while (from < chunk.length) {
      // There is always room: the buffer is at least four windows long, and analyseReady leaves
      // less than one window and a hop in it.
      const count = Math.min(chunk.length - from, buffer.length - filled);
      buffer.set(chunk.subarray(from, from + count), filled);
      filled += count;
      from += count;
      analyseReady();
    }
  };

  return {
    push,
    finish() {
      // As many rows as hops that hold at least one sample; pad with silence so each has a full window.
      const total = Math.ceil(samples / hop);
      while (rows.loudness.length < total) {
        const zeros = new Float32Array(Math.min(window, total * hop + window));
        push(zeros);
        samples -= zeros.length;
      }
      const keep = (values: number[]) => Float32Array.from(values.slice(0, total));
      return {
        rate: sampleRate / hop,
        samples,
        sampleRate,
        loudness: keep(rows.loudness),
        bass: keep(rows.bass),
        mid: keep(rows.mid),
        treble: keep(rows.treble),
        onset: keep(rows.onset),
        beatOnset: keep(rows.beatOnset),
        texture: texture.finish(samples),
      };
    },
  };
}
