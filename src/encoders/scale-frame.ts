/**
 * An RGBA frame shrunk to `outWidth × outHeight` by area averaging: each new pixel is the mean of the
 * old pixels it covers, weighted by how much of each it covers (a box filter of any ratio, exact for
 * 2:1). Plain float arithmetic, so the same frame gives the same bytes on every machine, which a
 * recipe's `--from` relies on (Skia's scaling differs between CPUs).
 */
export function scaleFrame(rgba: Uint8ClampedArray, width: number, height: number, outWidth: number, outHeight: number): Uint8ClampedArray {
  if (outWidth === width && outHeight === height) return rgba;
  const columns = areaWeights(width, outWidth);
  const rows = areaWeights(height, outHeight);
  // Columns first, into one float row per source row, then rows.
  const across = new Float32Array(outWidth * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < outWidth; x++) {
      const { first, weights } = columns[x];
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let k = 0; k < weights.length; k++) {
        const at = (y * width + first + k) * 4;
        const w = weights[k];
        r += rgba[at] * w;
        g += rgba[at + 1] * w;
        b += rgba[at + 2] * w;
        a += rgba[at + 3] * w;
      }
      const o = (y * outWidth + x) * 4;
      across[o] = r;
      across[o + 1] = g;
      across[o + 2] = b;
      across[o + 3] = a;
    }
  }
  const out = new Uint8ClampedArray(outWidth * outHeight * 4);
  for (let y = 0; y < outHeight; y++) {
    const { first, weights } = rows[y];
    for (let x = 0; x < outWidth; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let k = 0; k < weights.length; k++) sum += across[((first + k) * outWidth + x) * 4 + c] * weights[k];
        out[(y * outWidth + x) * 4 + c] = Math.round(sum);
      }
    }
  }
  return out;
}

/** For each of `to` cells over `from`: the first source cell it covers and the share of each it takes (summing to 1). */
function areaWeights(from: number, to: number): { first: number; weights: number[] }[] {
  const ratio = from / to;
  return Array.from({ length: to }, (_, i) => {
    const start = i * ratio;
    const end = start + ratio;
    const first = Math.floor(start);
    const weights: number[] = [];
    for (let j = first; j < Math.min(from, Math.ceil(end)); j++) weights.push((Math.min(end, j + 1) - Math.max(start, j)) / ratio);
    return { first, weights };
  });
}
