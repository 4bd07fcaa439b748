/**
 * Pixel coordinates. As in the post's browser generator, both axes are divided by the mean of width
 * and height, so the picture keeps its aspect ratio: 1024×512 spans x ∈ [−1.33, 1.33], y ∈ [−0.67, 0.67].
 * Samples sit at pixel centres, so the picture is symmetric about the origin.
 */
export interface PixelGrid {
  readonly width: number;
  readonly height: number;
  /** x of each column, left to right. */
  readonly xs: Float64Array;
  /** y of each row, top to bottom. */
  readonly ys: Float64Array;
}

/** `scale` zooms out: the coordinate range is multiplied by it. */
export function createPixelGrid(width: number, height: number, scale: number): PixelGrid {
  const mean = (width + height) / 2;
  const axis = (count: number) => {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = (((i + 0.5) / count) * 2 - 1) * (count / mean) * scale;
    return values;
  };
  return { width, height, xs: axis(width), ys: axis(height) };
}
