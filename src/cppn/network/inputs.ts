/**
 * What each pixel feeds the network besides z (the post's three variants):
 * - standard: x, y, r = √(x² + y²)
 * - symmetric: x², y² (mirror-symmetric pictures; the post's "Reactor" and "Warp")
 * - radial: x, y, r, cos(10·r) (rings; the post's "The Swirl" and "Nebula")
 */
export const inputKinds = ['standard', 'symmetric', 'radial'] as const;
export type InputKind = (typeof inputKinds)[number];

export const featureCounts: Record<InputKind, number> = { standard: 3, symmetric: 2, radial: 4 };

/** Writes the pixel's features at `out[at..]`: the one definition every backend follows. */
export function writeFeatures(kind: InputKind, x: number, y: number, out: Float64Array | Float32Array, at: number): void {
  if (kind === 'symmetric') {
    out[at] = x * x;
    out[at + 1] = y * y;
    return;
  }
  const r = Math.sqrt(x * x + y * y);
  out[at] = x;
  out[at + 1] = y;
  out[at + 2] = r;
  if (kind === 'radial') out[at + 3] = Math.cos(10 * r);
}
