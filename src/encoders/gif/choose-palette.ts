import { nearestColour } from './nearest-colour.ts';

/** Histogram bins: 5 bits a channel, each bin standing for the mean of its pixels (so nothing is rounded away). */
const binBits = 5;
const bins = 1 << (3 * binBits);

/**
 * A palette of at most `maxColours` for the given pixels of an RGBA frame, chosen to make the squared
 * RGB error small (the error PSNR measures, and what the eye sees on these smooth pictures): a
 * variance-splitting median cut of the colour histogram, refined by k-means (Lloyd) over it.
 * Returns RGB triples.
 */
export function choosePalette(rgba: Uint8ClampedArray, pixels: Int32Array, count: number, maxColours: number): Uint8Array {
  const histogram = histogramOf(rgba, pixels, count);
  const n = histogram.weight.length;
  if (n <= maxColours) {
    const palette = new Uint8Array(Math.max(1, n) * 3);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++) palette[i * 3 + c] = Math.round(histogram.colour[i * 3 + c]);
    }
    return palette;
  }
  let palette = medianCut(histogram, maxColours);
  for (let round = 0; round < 4; round++) palette = lloyd(histogram, palette);
  return palette;
}

interface Histogram {
  /** Mean colour of each occupied bin, RGB. */
  readonly colour: Float64Array;
  readonly weight: Float64Array;
}

const binCount = new Uint32Array(bins);
const binSum = new Float64Array(bins * 3);

function histogramOf(rgba: Uint8ClampedArray, pixels: Int32Array, count: number): Histogram {
  const shift = 8 - binBits;
  const occupied: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = pixels[k] * 4;
    const r = rgba[i];
    const g = rgba[i + 1];
    const b = rgba[i + 2];
    const bin = ((r >> shift) << (2 * binBits)) | ((g >> shift) << binBits) | (b >> shift);
    if (binCount[bin]++ === 0) occupied.push(bin);
    binSum[bin * 3] += r;
    binSum[bin * 3 + 1] += g;
    binSum[bin * 3 + 2] += b;
  }
  const colour = new Float64Array(occupied.length * 3);
  const weight = new Float64Array(occupied.length);
  occupied.forEach((bin, i) => {
    const w = binCount[bin];
    weight[i] = w;
    for (let c = 0; c < 3; c++) colour[i * 3 + c] = binSum[bin * 3 + c] / w;
    // Cleared as read, so the shared arrays are ready for the next frame.
    binCount[bin] = 0;
    binSum[bin * 3] = binSum[bin * 3 + 1] = binSum[bin * 3 + 2] = 0;
  });
  return { colour, weight };
}

interface Box {
  readonly items: number[];
  /** Weighted squared error of the box's colours about their mean. */
  readonly error: number;
}

function boxOf(h: Histogram, items: number[]): Box {
  let w = 0;
  const s = [0, 0, 0];
  let s2 = 0;
  for (const i of items) {
    const wi = h.weight[i];
    w += wi;
    for (let c = 0; c < 3; c++) {
      const v = h.colour[i * 3 + c];
      s[c] += wi * v;
      s2 += wi * v * v;
    }
  }
  return { items, error: s2 - (s[0] * s[0] + s[1] * s[1] + s[2] * s[2]) / w };
}

/** Splits the box of largest error, along its widest channel, where the two halves' errors are least, until there are `target` boxes. */
function medianCut(h: Histogram, target: number): Uint8Array {
  const boxes: Box[] = [
    boxOf(
      h,
      Array.from({ length: h.weight.length }, (_, i) => i),
    ),
  ];
  while (boxes.length < target) {
    let worst = -1;
    for (let b = 0; b < boxes.length; b++) if (boxes[b].items.length > 1 && (worst < 0 || boxes[b].error > boxes[worst].error)) worst = b;
    if (worst < 0) break;
    const { items } = boxes[worst];
    const axis = widestAxis(h, items);
    sortAlong(h, items, axis);
    // The split that leaves the least variance along the axis: prefix sums over the sorted items.
    let totalW = 0;
    let totalS = 0;
    for (const i of items) {
      totalW += h.weight[i];
      totalS += h.weight[i] * h.colour[i * 3 + axis];
    }
    let w = 0;
    let s = 0;
    let bestAt = 1;
    let bestGain = -1;
    for (let k = 0; k < items.length - 1; k++) {
      const i = items[k];
      w += h.weight[i];
      s += h.weight[i] * h.colour[i * 3 + axis];
      // Between-halves variance: the larger, the smaller the error left inside the halves.
      const gain = (s * s) / w + ((totalS - s) * (totalS - s)) / (totalW - w);
      if (gain > bestGain) {
        bestGain = gain;
        bestAt = k + 1;
      }
    }
    boxes.splice(worst, 1, boxOf(h, items.slice(0, bestAt)), boxOf(h, items.slice(bestAt)));
  }
  const palette = new Uint8Array(boxes.length * 3);
  boxes.forEach((box, b) => {
    let w = 0;
    const s = [0, 0, 0];
    for (const i of box.items) {
      w += h.weight[i];
      for (let c = 0; c < 3; c++) s[c] += h.weight[i] * h.colour[i * 3 + c];
    }
    for (let c = 0; c < 3; c++) palette[b * 3 + c] = Math.round(s[c] / w);
  });
  return palette;
}

/** Sorts the items by one channel of their colour: numbers sorted as a typed array, much faster than a comparator. */
function sortAlong(h: Histogram, items: number[], axis: number): void {
  const keys = new Float64Array(items.length);
  for (let k = 0; k < items.length; k++) keys[k] = Math.floor(h.colour[items[k] * 3 + axis] * 256) * 2 ** 20 + items[k];
  keys.sort();
  for (let k = 0; k < items.length; k++) items[k] = keys[k] % 2 ** 20;
}

function widestAxis(h: Histogram, items: number[]): number {
  let axis = 0;
  let widest = -1;
  for (let c = 0; c < 3; c++) {
    let w = 0;
    let s = 0;
    let s2 = 0;
    for (const i of items) {
      const v = h.colour[i * 3 + c];
      w += h.weight[i];
      s += h.weight[i] * v;
      s2 += h.weight[i] * v * v;
    }
    const variance = s2 / w - (s / w) ** 2;
    if (variance > widest) {
      widest = variance;
      axis = c;
    }
  }
  return axis;
}

/** One k-means step: each bin to its nearest entry, each entry to the mean of its bins. */
function lloyd(h: Histogram, palette: Uint8Array): Uint8Array {
  const count = palette.length / 3;
  const nearest = nearestColour(palette, count);
  const sums = new Float64Array(count * 4);
  for (let i = 0; i < h.weight.length; i++) {
    const r = h.colour[i * 3];
    const g = h.colour[i * 3 + 1];
    const b = h.colour[i * 3 + 2];
    const entry = nearest.find(Math.round(r), Math.round(g), Math.round(b)) & 255;
    const w = h.weight[i];
    sums[entry * 4] += w * r;
    sums[entry * 4 + 1] += w * g;
    sums[entry * 4 + 2] += w * b;
    sums[entry * 4 + 3] += w;
  }
  const next = palette.slice();
  for (let e = 0; e < count; e++) {
    const w = sums[e * 4 + 3];
    if (w > 0) for (let c = 0; c < 3; c++) next[e * 3 + c] = Math.round(sums[e * 4 + c] / w);
  }
  return next;
}
