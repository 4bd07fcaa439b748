import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toRgba } from '../src/cppn/colour.ts';

// The network's outputs are tanh values in [-1, 1]; colour.ts reads each as (o + 1) / 2 in [0, 1].
const output = (unit: number) => unit * 2 - 1;

/** RGBA of one pixel whose outputs, read as h, s, v in [0, 1], are the given ones. */
function hsv(h: number, s: number, v: number): number[] {
  return Array.from(toRgba(new Float32Array([output(h), output(s), output(v)]), 'hsv', new Uint8ClampedArray(4)));
}

test('hsv: the primaries and secondaries at full saturation and value', () => {
  assert.equal(hsv(0, 1, 1), [255, 0, 0, 255], 'red');
  assert.equal(hsv(1 / 6, 1, 1), [255, 255, 0, 255], 'yellow');
  assert.equal(hsv(1 / 3, 1, 1), [0, 255, 0, 255], 'green');
  assert.equal(hsv(1 / 2, 1, 1), [0, 255, 255, 255], 'cyan');
  assert.equal(hsv(2 / 3, 1, 1), [0, 0, 255, 255], 'blue');
  assert.equal(hsv(5 / 6, 1, 1), [255, 0, 255, 255], 'magenta');
});

test('hsv: no saturation is a grey of the value, whatever the hue', () => {
  for (const h of [0, 0.1, 1 / 3, 0.5, 0.9, 1]) {
    assert.equal(hsv(h, 0, 0.6), [153, 153, 153, 255], `h ${h}`);
    assert.equal(hsv(h, 0, 1), [255, 255, 255, 255], `white at h ${h}`);
    assert.equal(hsv(h, 0, 0), [0, 0, 0, 255], `black at h ${h}`);
  }
  assert.equal(hsv(0.3, 1, 0), [0, 0, 0, 255], 'no value is black even at full saturation');
});

test('hsv: the hue wraps, so h = 1 is red as h = 0 is', () => {
  assert.equal(hsv(1, 1, 1), hsv(0, 1, 1));
  assert.equal(hsv(1, 0.6, 0.8), hsv(0, 0.6, 0.8));
  assert.equal(hsv(1, 0.6, 0.8), [204, 82, 82, 255]);
});

test('hsv: partial saturation and value, between the primaries', () => {
  assert.equal(hsv(0, 0.6, 1), [255, 102, 102, 255], 'a light red');
  assert.equal(hsv(2 / 3, 1, 0.6), [0, 0, 153, 255], 'a dark blue');
  assert.equal(hsv(1 / 24, 1, 1), [255, 64, 0, 255], 'a reddish orange, a quarter of the way from red to yellow');
});

/** An independent HSV → RGB (the formula without sectors: f(n) = v − v·s·max(0, min(k, 4 − k, 1)), k = (n + 6h) mod 6). */
function expected(h: number, s: number, v: number): number[] {
  const f = (n: number) => {
    const k = (n + h * 6) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)].map((c) => c * 255);
}

test('hsv: a grid of h, s, v over the whole range agrees with an independent conversion within 1/255', () => {
  // Several pixels at once, as a frame is converted; the alpha of every one is opaque.
  const values: number[] = [];
  for (let h = 0; h <= 24; h++) for (let s = 0; s <= 4; s++) for (let v = 0; v <= 4; v++) values.push(h / 24, s / 4, v / 4);
  const outputs = new Float32Array(values.map(output));
  const rgba = toRgba(outputs, 'hsv', new Uint8ClampedArray((values.length / 3) * 4));
  for (let p = 0; p < values.length / 3; p++) {
    // From the float32 outputs the kernel gives, not the float64 values they came from.
    const [h, s, v] = Array.from(outputs.subarray(p * 3, p * 3 + 3), (o) => o * 0.5 + 0.5);
    const want = expected(h, s, v);
    for (let c = 0; c < 3; c++) {
      assert.ok(Math.abs(rgba[p * 4 + c] - want[c]) <= 1, `h ${h} s ${s} v ${v}: channel ${c} is ${rgba[p * 4 + c]}, not ${want[c]}`);
    }
    assert.is(rgba[p * 4 + 3], 255);
  }
});

test('rgb and bw read the same outputs differently: a check that the mode is what picks hsv', () => {
  const outputs = new Float32Array([output(1 / 3), output(1), output(1)]);
  assert.equal(Array.from(toRgba(outputs, 'hsv', new Uint8ClampedArray(4))), [0, 255, 0, 255]);
  assert.equal(Array.from(toRgba(outputs, 'rgb', new Uint8ClampedArray(4))), [85, 255, 255, 255]);
  assert.equal(Array.from(toRgba(outputs, 'bw', new Uint8ClampedArray(4))), [85, 85, 85, 255]);
});

test.run();
