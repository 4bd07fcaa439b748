import FFT from 'fft.js';

/**
 * Samples per texture frame: 4096 at 22 050 Hz is a frame every 0.186 s (5.4 a second). Song sections
 * last tens of seconds, so this is fine enough to place a boundary within a beat, and an hour-long track
 * keeps only about 19 000 frames × 25 floats (2 MB).
 */
export const textureHop = 4096;
/** FFT window: as long as the hop, so its 5.4 Hz bins tell neighbouring semitones apart from about 100 Hz up. */
const textureWindow = 4096;
/** Cepstral coefficients kept (c0, the level, and the spectral envelope's shape). */
export const timbreCount = 13;
const melBandCount = 40;
/** Pitches counted for chroma: from G2 to about C8; below, the bins are wider than a semitone. */
const chromaLowHz = 98;
const chromaHighHz = 5000;

/**
 * What sections are found from (find-sections.ts): per texture frame, the timbre as MFCCs of the log-mel
 * spectrum, and the harmony as a 12-bin chroma (energy per pitch class, C first). Frame `i` is centred on
 * `(i + 0.5) · hop` samples from the start.
 */
export interface TextureFeatures {
  /** Frames per second. */
  readonly rate: number;
  readonly frames: number;
  /** `frames × timbreCount` MFCCs, frame after frame. */
  readonly timbre: Float32Array;
  /** `frames × 12` pitch-class energies (linear, unnormalised), frame after frame. */
  readonly chroma: Float32Array;
}

export interface TextureAnalyser {
  push(samples: Float32Array): void;
  /** The features of the first `samples` samples pushed (any pushed after them are ignored); pads the end with silence. */
  finish(samples: number): TextureFeatures;
}

/** Streaming, with a buffer of one window: memory grows only with the frames kept. */
export function createTextureAnalyser(sampleRate: number, hop = textureHop): TextureAnalyser {
  const window = Math.max(hop, textureWindow);
  const fft = new FFT(window);
  const hann = Float64Array.from({ length: window }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / window));
  const spectrum = fft.createComplexArray() as number[];
  const frame = new Float64Array(window);
  const power = new Float64Array(window / 2);
  const mel = melFilters(window, sampleRate);
  const pitchClass = pitchClasses(window, sampleRate);
  const dct = dctMatrix(timbreCount, melBandCount);
  const logMel = new Float64Array(melBandCount);

  // Frame i's window is centred on the middle of its hop, as the analyser's rows are.
  const lead = window / 2 - hop / 2;
  const buffer = new Float32Array(window);
  let filled = lead;
  const timbre: number[] = [];
  const chroma: number[] = [];

  const analyse = () => {
    for (let i = 0; i < window; i++) frame[i] = buffer[i] * hann[i];
    fft.realTransform(spectrum, frame);
    for (let k = 0; k < window / 2; k++) power[k] = (spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2) / window;
    for (let b = 0; b < melBandCount; b++) {
      const { first, weights } = mel[b];
      let sum = 0;
      for (let i = 0; i < weights.length; i++) sum += weights[i] * power[first + i];
      // A floor about 80 dB under a full-scale tone, so silence is a level, not −∞.
      logMel[b] = Math.log(sum + 1e-6);
    }
    for (let c = 0; c < timbreCount; c++) {
      let sum = 0;
      for (let b = 0; b < melBandCount; b++) sum += dct[c * melBandCount + b] * logMel[b];
      timbre.push(sum);
    }
    const classes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (const [k, pc] of pitchClass) classes[pc] += power[k];
    chroma.push(...classes);
  };

  const push = (samples: Float32Array) => {
    let from = 0;
    while (from < samples.length) {
      const count = Math.min(samples.length - from, window - filled);
      buffer.set(samples.subarray(from, from + count), filled);
      filled += count;
      from += count;
      if (filled === window) {
        analyse();
        buffer.copyWithin(0, hop, window);
        filled = window - hop;
      }
    }
  };

  return {
    push,
    finish(samples) {
      push(new Float32Array(window));
      // Only whole frames that a quarter of real samples or more fill: a last sliver would be mostly padding.
      const frames = Math.min(timbre.length / timbreCount, Math.max(0, Math.floor(samples / hop + 0.25)));
      return {
        rate: sampleRate / hop,
        frames,
        timbre: Float32Array.from(timbre.slice(0, frames * timbreCount)),
        chroma: Float32Array.from(chroma.slice(0, frames * 12)),
      };
    },
  };
}

const toMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const fromMel = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/** Triangular mel filters from 40 Hz to 10 kHz, each at least one bin wide. */
function melFilters(window: number, sampleRate: number) {
  const hzPerBin = sampleRate / window;
  const [low, high] = [toMel(40), toMel(Math.min(10000, sampleRate / 2))];
  const edges = Array.from({ length: melBandCount + 2 }, (_, i) => fromMel(low + ((high - low) * i) / (melBandCount + 1)) / hzPerBin);
  return Array.from({ length: melBandCount }, (_, b) => {
    const [left, centre, right] = [edges[b], edges[b + 1], edges[b + 2]];
    const first = Math.max(1, Math.floor(left));
    const last = Math.min(window / 2 - 1, Math.max(first, Math.ceil(right)));
    const weights = Float64Array.from({ length: last - first + 1 }, (_, i) => {
      const k = first + i;
      const w = k <= centre ? (k - left) / Math.max(1e-9, centre - left) : (right - k) / Math.max(1e-9, right - centre);
      return Math.max(0, Math.min(1, w));
    });
    if (!weights.some((w) => w > 0)) weights[Math.min(weights.length - 1, Math.max(0, Math.round(centre) - first))] = 1;
    return { first, weights };
  });
}

/** Each bin in the chroma range and the pitch class (0 = C) of its centre frequency. */
function pitchClasses(window: number, sampleRate: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let k = Math.ceil((chromaLowHz * window) / sampleRate); k <= Math.floor((chromaHighHz * window) / sampleRate); k++) {
    const midi = 69 + 12 * Math.log2((k * sampleRate) / window / 440);
    pairs.push([k, ((Math.round(midi) % 12) + 12) % 12]);
  }
  return pairs;
}

/** The orthonormal DCT-II rows that turn log-mel bands into cepstral coefficients. */
function dctMatrix(count: number, bands: number): Float64Array {
  const matrix = new Float64Array(count * bands);
  for (let c = 0; c < count; c++) {
    const scale = Math.sqrt((c === 0 ? 1 : 2) / bands);
    for (let b = 0; b < bands; b++) matrix[c * bands + b] = scale * Math.cos((Math.PI * c * (b + 0.5)) / bands);
  }
  return matrix;
}
