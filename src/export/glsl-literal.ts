/**
 * A number as a GLSL float literal, as short as float32 allows: seven significant digits (float32
 * holds a little over seven), no leading zero, always with a point or an exponent so that GLSL reads
 * a float and never an int.
 */
export function glslFloat(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return '0.';
  let text = String(Number(value.toPrecision(7)));
  if (!/[.e]/.test(text)) text += '.';
  return text.replace(/^(-?)0\./, '$1.');
}

/** `vec4(a,b,c,d)` of up to four numbers, the rest zero. */
export function glslVec4(values: readonly number[]): string {
  const lanes = [0, 1, 2, 3].map((i) => values[i] ?? 0);
  return lanes.every((v) => v === lanes[0]) ? `vec4(${glslFloat(lanes[0])})` : `vec4(${lanes.map(glslFloat).join(',')})`;
}
