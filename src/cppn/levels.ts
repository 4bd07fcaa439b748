import { outputChannels } from './network/network.ts';

/**
 * Levels: one fixed affine map per output channel, taking the range the picture actually uses
 * (between robust percentiles, measured over the whole loop) to the full range. Measured once per
 * render and applied to every frame alike, so a flat wash becomes a picture and nothing flickers, as
 * a stretch of each frame on its own would.
 */
export interface Levels {
  /** Per output channel, the network output (in [-1, 1]) that becomes the darkest value. */
  readonly low: readonly number[];
  /** … and the brightest. */
  readonly high: readonly number[];
}

/** Percentiles stretched to the ends: a few outliers (a bright speck) do not hold the rest grey. */
const lowPercentile = 0.01;
const highPercentile = 0.99;
/**
 * The narrowest range stretched to full: at most 8× contrast, so that an almost constant channel
 * is not blown up into banding and noise.
 */
const minimumSpan = 0.25;
const bins = 4096;

/** Levels of the outputs of a set of frames (each width × height × 3, in [-1, 1]), rounded so a recipe stores them exactly. */
export function measureLevels(frames: readonly Float32Array[]): Levels {
  const histograms = Array.from({ length: outputChannels }, () => new Uint32Array(bins));
  let pixels = 0;
  for (const outputs of frames) {
    for (let i = 0; i < outputs.length; i += outputChannels) {
      for (let c = 0; c < outputChannels; c++) {
        const bin = Math.floor(((outputs[i + c] + 1) / 2) * bins);
        histograms[c][bin < 0 ? 0 : bin >= bins ? bins - 1 : bin]++;
      }
    }
    pixels += outputs.length / outputChannels;
  }
  const low: number[] = [];
  const high: number[] = [];
  for (const histogram of histograms) {
    let lo = percentile(histogram, pixels * lowPercentile);
    let hi = percentile(histogram, pixels * highPercentile) + 2 / bins;
    if (hi - lo < minimumSpan) {
      const middle = Math.min(1 - minimumSpan / 2, Math.max(-1 + minimumSpan / 2, (lo + hi) / 2));
      lo = middle - minimumSpan / 2;
      hi = middle + minimumSpan / 2;
    }
    low.push(round(Math.max(-1, lo)));
    high.push(round(Math.min(1, hi)));
  }
  return { low, high };
}

/** The lower edge of the bin where the running count passes `count`, as an output value. */
function percentile(histogram: Uint32Array, count: number): number {
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin];
    if (seen > count) return (bin / histogram.length) * 2 - 1;
  }
  return 1;
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
