/**
 * The nearest colour of a palette, found fast: entries sorted by r + g + b, and the search walks out
 * from the query's place in that order, stopping each way once the sum alone puts every further
 * entry farther than the best so far ((Δsum)² / 3 is a lower bound on the squared distance). On
 * smooth pictures, whose palettes spread along the grey axis, it looks at a handful of entries.
 */
export interface NearestColour {
  /** The squared distance × 256 + the index of the nearest entry (one number, no allocation). */
  find(r: number, g: number, b: number): number;
}

/** `palette`: `count` RGB triples. */
export function nearestColour(palette: Uint8Array, count: number): NearestColour {
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => sum(palette, a) - sum(palette, b));
  const keys = new Int32Array(count);
  const rs = new Int32Array(count);
  const gs = new Int32Array(count);
  const bs = new Int32Array(count);
  const ids = new Int32Array(count);
  order.forEach((entry, at) => {
    keys[at] = sum(palette, entry);
    rs[at] = palette[entry * 3];
    gs[at] = palette[entry * 3 + 1];
    bs[at] = palette[entry * 3 + 2];
    ids[at] = entry;
  });
  return {
    find(r, g, b) {
      const key = r + g + b;
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keys[mid] < key) lo = mid + 1;
        else hi = mid;
      }
      let best = 0x7fffffff;
      let bestId = 0;
      let down = lo - 1;
      let up = lo;
      while (down >= 0 || up < count) {
        if (up < count) {
          const dk = keys[up] - key;
          if (dk * dk >= best * 3) up = count;
          else {
            const dr = rs[up] - r;
            const dg = gs[up] - g;
            const db = bs[up] - b;
            const d = dr * dr + dg * dg + db * db;
            if (d < best) {
              best = d;
              bestId = ids[up];
            }
            up++;
          }
        }
        if (down >= 0) {
          const dk = key - keys[down];
          if (dk * dk >= best * 3) down = -1;
          else {
            const dr = rs[down] - r;
            const dg = gs[down] - g;
            const db = bs[down] - b;
            const d = dr * dr + dg * dg + db * db;
            if (d < best) {
              best = d;
              bestId = ids[down];
            }
            down--;
          }
        }
      }
      return best * 256 + bestId;
    },
  };
}

function sum(palette: Uint8Array, entry: number): number {
  return palette[entry * 3] + palette[entry * 3 + 1] + palette[entry * 3 + 2];
}
