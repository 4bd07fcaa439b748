// The CPU hot loop of zsweep, in AssemblyScript, built by `npm run build:wasm` twice: with WebAssembly
// SIMD128 alone (src/backends/cppn-kernel.wasm) and with relaxed SIMD, whose fused multiply-add `madd`
// uses (src/backends/cppn-kernel-relaxed.wasm); test/wasm-build.test.ts checks that the committed
// binaries are this file's builds. It allocates nothing: the host (src/backends/wasm-tile-runner.ts)
// lays out memory.
//
// Memory layout, all chosen by the host:
// - a tile's state: one row of `tile` float32s per feature or unit ("feature-major"), so that a
//   vector load reads the same unit of 4 neighbouring pixels;
// - per layer, weights in blocks of 4 units: for each input row k, the 4 units' weights side by side,
//   so that each is one broadcast load (`v128.load32_splat`) with an immediate offset;
// - a plan of i32 words (see `run`).
//
// Every result depends only on its own pixel's values and a fixed order of operations, never on the
// tile size, the lane or the thread: frames are bit-identical however the work is split.

// Activation codes, as the host numbers them (src/backends/wasm-plan.ts `activationCodes`).
const TANH = 0;
const SIGMOID = 1;
const SIN = 2;
const RELU = 3;
const SOFTPLUS = 4;
const GAUSS = 5;

// Feature kinds (src/network/inputs.ts): standard x, y, r; symmetric x², y²; radial x, y, r, cos(10r).
const SYMMETRIC = 1;
const RADIAL = 2;

// Indices into `constants`.
const TANH_MIN = 0;
const TANH_MAX = 1;
const TANH_A13 = 2;
const TANH_A11 = 3;
const TANH_A9 = 4;
const TANH_A7 = 5;
const TANH_A5 = 6;
const TANH_A3 = 7;
const TANH_A1 = 8;
const TANH_B6 = 9;
const TANH_B4 = 10;
const TANH_B2 = 11;
const TANH_B0 = 12;
const INV_TWO_PI = 13;
const TWO_PI_HI = 14;
const TWO_PI_LO = 15;
const PI = 16;
const SIN_11 = 17;
const SIN_9 = 18;
const SIN_7 = 19;
const INV_120 = 20;
const NEG_INV_6 = 21;
const EXP_MIN_LOG2 = 22;
const LOG2_E = 23;
const LN_2 = 24;
const INV_720 = 25;
const INV_24 = 26;
const INV_6 = 27;
const HALF = 28;
const ONE = 29;
const TWO = 30;
const INV_11 = 31;
const INV_9 = 32;
const INV_7 = 33;
const INV_5 = 34;
const INV_3 = 35;
const ZERO = 36;
const EXPONENT_BIAS = 37;

/**
 * The constants of the activations, read with broadcast loads: V8 rebuilds a v128 constant from
 * immediates at every use (four instructions), which made the activations cost as much as the
 * matrix products. A load is one instruction.
 */
const constants = memory.data<f32>([
  -9.0, // TANH_MIN
  9.0, // TANH_MAX
  -2.76076847742355e-16, // TANH_A13
  2.00018790482477e-13, // TANH_A11
  -8.60467152213735e-11, // TANH_A9
  5.12229709037114e-08, // TANH_A7
  1.48572235717979e-05, // TANH_A5
  6.37261928875436e-04, // TANH_A3
  4.89352455891786e-03, // TANH_A1
  1.19825839466702e-06, // TANH_B6
  1.18534705686654e-04, // TANH_B4
  2.26843463243900e-03, // TANH_B2
  4.89352518554385e-03, // TANH_B0
  0.15915494309189535, // INV_TWO_PI
  6.28125, // TWO_PI_HI
  0.0019353071795864769, // TWO_PI_LO
  3.141592653589793, // PI
  -2.5052108385441720e-8, // SIN_11
  2.7557319223985893e-6, // SIN_9
  -1.9841269841269841e-4, // SIN_7
  8.3333333333333333e-3, // INV_120
  -1.6666666666666667e-1, // NEG_INV_6
  -60.0, // EXP_MIN_LOG2
  1.4426950408889634, // LOG2_E
  0.6931471805599453, // LN_2
  1.3888888888888889e-3, // INV_720
  4.1666666666666667e-2, // INV_24
  1.6666666666666667e-1, // INV_6
  0.5, // HALF
  1.0, // ONE
  2.0, // TWO
  1.0 / 11.0, // INV_11
  1.0 / 9.0, // INV_9
  1.0 / 7.0, // INV_7
  1.0 / 5.0, // INV_5
  1.0 / 3.0, // INV_3
  0.0, // ZERO
  127.0, // EXPONENT_BIAS
]);

// @ts-ignore: decorator
@inline function k(index: i32): v128 {
  return v128.load32_splat(constants + (<usize>index << 2));
}

/**
 * a·b + c. The relaxed build (cppn-kernel-relaxed.wasm, `--enable relaxed-simd`) fuses it into one
 * instruction where the machine has FMA; the plain build rounds the product, then the sum, exactly
 * as before relaxed SIMD existed, so its frames are bit-identical on every machine.
 */
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** Where the host may start its own data: after this module's static data. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * tanh as Eigen's rational [13/6] approximation (its float tanh), clamped at ±9 where it meets 1:
 * maximum absolute error 2.6e-8 in exact arithmetic, so float32 rounding dominates. The cheaper
 * [7/6] (error 9.6e-5) is not enough: an 8 × 32 tanh perceptron at β = 256 amplified it to 67/255.
 */
// @ts-ignore: decorator
@inline function tanh4(x: v128): v128 {
  const c = f32x4.pmax(k(TANH_MIN), f32x4.pmin(k(TANH_MAX), x));
  const x2 = f32x4.mul(c, c);
  let p = k(TANH_A13);
  p = madd(x2, p, k(TANH_A11));
  p = madd(x2, p, k(TANH_A9));
  p = madd(x2, p, k(TANH_A7));
  p = madd(x2, p, k(TANH_A5));
  p = madd(x2, p, k(TANH_A3));
  p = madd(x2, p, k(TANH_A1));
  p = f32x4.mul(c, p);
  let q = k(TANH_B6);
  q = madd(x2, q, k(TANH_B4));
  q = madd(x2, q, k(TANH_B2));
  q = madd(x2, q, k(TANH_B0));
  return f32x4.div(p, q);
}

/** sin: reduced to [-π, π] by whole turns, folded to [-π/2, π/2], then Taylor to x¹¹ (error < 6e-7 there). */
// @ts-ignore: decorator
@inline function sin4(x: v128): v128 {
  const turns = f32x4.nearest(f32x4.mul(x, k(INV_TWO_PI)));
  // 2π split in two so that turns·2π is subtracted almost exactly.
  let r = f32x4.sub(x, f32x4.mul(turns, k(TWO_PI_HI)));
  r = f32x4.sub(r, f32x4.mul(turns, k(TWO_PI_LO)));
  const pi = k(PI);
  // sin(r) = sin(π - r) = sin(-π - r): fold |r| > π/2 back into [-π/2, π/2] without branches.
  const upper = f32x4.pmin(r, f32x4.sub(pi, r));
  const t = f32x4.pmax(upper, f32x4.sub(f32x4.neg(pi), upper));
  const t2 = f32x4.mul(t, t);
  let s = k(SIN_11);
  s = madd(t2, s, k(SIN_9));
  s = madd(t2, s, k(SIN_7));
  s = madd(t2, s, k(INV_120));
  s = madd(t2, s, k(NEG_INV_6));
  return madd(f32x4.mul(t, t2), s, t);
}

/**
 * e^x for x ≤ 0 (what gauss and softplus need): 2^n · 2^f with n whole and |f| ≤ 1/2, relative error
 * < 2e-7, floored at 2⁻⁶⁰ (x below −41.6; an absolute error under 1e-18). The floor was 2⁻¹²⁵: the
 * next layer's products with such activations were subnormal, which made gauss and softplus networks
 * 1.4–2.4× slower (measured).
 */
// @ts-ignore: decorator
@inline function expNeg4(x: v128): v128 {
  const t = f32x4.pmax(k(EXP_MIN_LOG2), f32x4.mul(x, k(LOG2_E)));
  const n = f32x4.nearest(t);
  const f = f32x4.mul(f32x4.sub(t, n), k(LN_2));
  // e^f, Taylor to f⁶: |f| ≤ 0.347, so the error is below 2e-7.
  let p = k(INV_720);
  p = madd(f, p, k(INV_120));
  p = madd(f, p, k(INV_24));
  p = madd(f, p, k(INV_6));
  p = madd(f, p, k(HALF));
  p = madd(f, p, k(ONE));
  p = madd(f, p, k(ONE));
  // 2^n built from its exponent bits; n ≥ -60 keeps it a normal number.
  const scale = i32x4.shl(i32x4.trunc_sat_f32x4_s(f32x4.add(n, k(EXPONENT_BIAS))), 23);
  return f32x4.mul(p, scale);
}

/** log(1 + e^x) = max(x, 0) + log1p(e^-|x|), with log1p(e) = 2·atanh(e / (2 + e)) by its series (error < 2e-7). */
// @ts-ignore: decorator
@inline function softplus4(x: v128): v128 {
  const e = expNeg4(f32x4.neg(f32x4.abs(x)));
  const u = f32x4.div(e, f32x4.add(k(TWO), e));
  const u2 = f32x4.mul(u, u);
  let s = k(INV_11);
  s = madd(u2, s, k(INV_9));
  s = madd(u2, s, k(INV_7));
  s = madd(u2, s, k(INV_5));
  s = madd(u2, s, k(INV_3));
  s = madd(u2, s, k(ONE));
  const log1p = f32x4.mul(k(TWO), f32x4.mul(u, s));
  return f32x4.add(f32x4.pmax(k(ZERO), x), log1p);
}

/**
 * One dense layer over a tile: rows [outRow, outRow + 4·blocks) = W · rows [inRow, inRow + fanIn) + b,
 * before activation. Blocked 4 units × 8 pixels: eight accumulators stay in registers while each
 * input row is read once per block and each weight is broadcast once per 8 pixels. The activation
 * runs as a second pass (`activate`): applied to the accumulators before they are stored, in one
 * pass, it was 5% slower with relaxed SIMD and 3–10% without (measured), and resnet's two tanh
 * made it 20–30% slower.
 */
function dense(state: usize, tile: i32, inRow: i32, fanIn: i32, outRow: i32, blocks: i32, weights: usize, bias: usize): void {
  const rowBytes = <usize>tile << 2;
  const input = state + <usize>inRow * rowBytes;
  for (let block = 0; block < blocks; block++) {
    const w = weights + <usize>(block * fanIn) * 16;
    const b = bias + <usize>block * 16;
    const b0 = v128.load32_splat(b, 0);
    const b1 = v128.load32_splat(b, 4);
    const b2 = v128.load32_splat(b, 8);
    const b3 = v128.load32_splat(b, 12);
    const out = state + <usize>(outRow + block * 4) * rowBytes;
    for (let p: usize = 0; p < rowBytes; p += 32) {
      let a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
      let x = input + p;
      let wk = w;
      for (let k = 0; k < fanIn; k++) {
        const x0 = v128.load(x, 0);
        const x1 = v128.load(x, 16);
        const w0 = v128.load32_splat(wk, 0);
        const w1 = v128.load32_splat(wk, 4);
        const w2 = v128.load32_splat(wk, 8);
        const w3 = v128.load32_splat(wk, 12);
        a00 = madd(x0, w0, a00);
        a01 = madd(x1, w0, a01);
        a10 = madd(x0, w1, a10);
        a11 = madd(x1, w1, a11);
        a20 = madd(x0, w2, a20);
        a21 = madd(x1, w2, a21);
        a30 = madd(x0, w3, a30);
        a31 = madd(x1, w3, a31);
        x += rowBytes;
        wk += 16;
      }
      const o = out + p;
      v128.store(o, a00, 0);
      v128.store(o, a01, 16);
      v128.store(o + rowBytes, a10, 0);
      v128.store(o + rowBytes, a11, 16);
      v128.store(o + 2 * rowBytes, a20, 0);
      v128.store(o + 2 * rowBytes, a21, 16);
      v128.store(o + 3 * rowBytes, a30, 0);
      v128.store(o + 3 * rowBytes, a31, 16);
    }
  }
}

/**
 * tanh4 (or, with `sigmoid`, sigmoid(x) = 0.5 + 0.5·tanh(x/2)) of two neighbouring vectors in place, each constant loaded
 * once for both: 4–5% faster for the tanh perceptron than one vector at a time.
 */
// @ts-ignore: decorator
@inline function tanhPair(at: usize, sigmoid: bool): void {
  let ca = v128.load(at, 0);
  let cb = v128.load(at, 16);
  if (sigmoid) {
    ca = f32x4.mul(ca, k(HALF));
    cb = f32x4.mul(cb, k(HALF));
  }
  const lo = k(TANH_MIN), hi = k(TANH_MAX);
  ca = f32x4.pmax(lo, f32x4.pmin(hi, ca));
  cb = f32x4.pmax(lo, f32x4.pmin(hi, cb));
  const xa = f32x4.mul(ca, ca);
  const xb = f32x4.mul(cb, cb);
  let pa = k(TANH_A13), pb = pa;
  let c = k(TANH_A11);
  pa = madd(xa, pa, c); pb = madd(xb, pb, c);
  c = k(TANH_A9);
  pa = madd(xa, pa, c); pb = madd(xb, pb, c);
  c = k(TANH_A7);
  pa = madd(xa, pa, c); pb = madd(xb, pb, c);
  c = k(TANH_A5);
  pa = madd(xa, pa, c); pb = madd(xb, pb, c);
  c = k(TANH_A3);
  pa = madd(xa, pa, c); pb = madd(xb, pb, c);
  c = k(TANH_A1);
  pa = madd(xa, pa, c); pb = madd(xb, pb, c);
  pa = f32x4.mul(ca, pa); pb = f32x4.mul(cb, pb);
  let qa = k(TANH_B6), qb = qa;
  c = k(TANH_B4);
  qa = madd(xa, qa, c); qb = madd(xb, qb, c);
  c = k(TANH_B2);
  qa = madd(xa, qa, c); qb = madd(xb, qb, c);
  c = k(TANH_B0);
  qa = madd(xa, qa, c); qb = madd(xb, qb, c);
  let ta = f32x4.div(pa, qa);
  let tb = f32x4.div(pb, qb);
  if (sigmoid) {
    c = k(HALF);
    ta = madd(c, ta, c);
    tb = madd(c, tb, c);
  }
  v128.store(at, ta, 0);
  v128.store(at, tb, 16);
}

/** Applies the activation in place to `bytes` of rows from `at`; with `residual` ≠ 0, then tanh(residual row + that). */
function activate(at: usize, bytes: usize, code: i32, residual: usize): void {
  const end = at + bytes;
  // Rows are whole tiles, and tiles a multiple of 8 pixels: always a whole number of pairs.
  if (code == TANH) for (let p = at; p < end; p += 32) tanhPair(p, false);
  else if (code == SIGMOID) for (let p = at; p < end; p += 32) tanhPair(p, true);
  else if (code == SIN) for (let p = at; p < end; p += 16) v128.store(p, sin4(v128.load(p)));
  else if (code == RELU) for (let p = at; p < end; p += 16) v128.store(p, f32x4.pmax(k(ZERO), v128.load(p)));
  else if (code == SOFTPLUS) for (let p = at; p < end; p += 16) v128.store(p, softplus4(v128.load(p)));
  else if (code == GAUSS) {
    for (let p = at; p < end; p += 16) {
      const x = v128.load(p);
      v128.store(p, expNeg4(f32x4.neg(f32x4.mul(x, x))));
    }
  }
  if (residual != 0) {
    for (let p = at, q = residual; p < end; p += 16, q += 16) v128.store(p, tanh4(f32x4.add(v128.load(q), v128.load(p))));
  }
}

/**
 * Writes the pixel features of pixels [first, first + count) of the frame (row-major, `width` wide)
 * into rows 0.. of the tile; lanes past `count` get the features of x = y = 0.
 */
function features(state: usize, tile: i32, kind: i32, xs: usize, ys: usize, width: i32, first: i32, count: i32): void {
  const rowBytes = <usize>tile << 2;
  let col = first % width;
  let row = first / width;
  for (let i = 0; i < tile; i++) {
    let x: f64 = 0, y: f64 = 0;
    if (i < count) {
      x = load<f64>(xs + (<usize>col << 3));
      y = load<f64>(ys + (<usize>row << 3));
      if (++col == width) { col = 0; row++; }
    }
    const at = state + (<usize>i << 2);
    if (kind == SYMMETRIC) {
      store<f32>(at, <f32>(x * x));
      store<f32>(at + rowBytes, <f32>(y * y));
    } else {
      const r = Math.sqrt(x * x + y * y);
      store<f32>(at, <f32>x);
      store<f32>(at + rowBytes, <f32>y);
      store<f32>(at + 2 * rowBytes, <f32>r);
      // cos(10r) = sin(10r + π/2), taken below with the vector sine.
      if (kind == RADIAL) store<f32>(at + 3 * rowBytes, <f32>(10 * r + 1.5707963267948966));
    }
  }
  if (kind == RADIAL) activate(state + 3 * rowBytes, rowBytes, SIN, 0);
}

/**
 * Evaluates pixels [first, first + count) of the frame (count ≤ tile) and writes their three outputs
 * each, interleaved, as float32 at `out`. The plan is i32 words: tile (a multiple of 8), feature kind,
 * layer count, then per layer (the output layer last) inRow, fanIn, outRow, blocks, weights pointer,
 * bias pointer, activation code, residual row (-1 for none).
 */
export function run(plan: usize, state: usize, xs: usize, ys: usize, width: i32, first: i32, count: i32, out: usize): void {
  const tile = load<i32>(plan, 0);
  const rowBytes = <usize>tile << 2;
  features(state, tile, load<i32>(plan, 4), xs, ys, width, first, count);
  const layers = load<i32>(plan, 8);
  let outRow = 0;
  for (let l = 0; l < layers; l++) {
    const at = plan + 12 + <usize>l * 32;
    outRow = load<i32>(at, 8);
    const blocks = load<i32>(at, 12);
    dense(state, tile, load<i32>(at, 0), load<i32>(at, 4), outRow, blocks, load<usize>(at, 16), load<usize>(at, 20));
    const residualRow = load<i32>(at, 28);
    const residual: usize = residualRow < 0 ? <usize>0 : state + <usize>residualRow * rowBytes;
    activate(state + <usize>outRow * rowBytes, <usize>(blocks * 4) * rowBytes, load<i32>(at, 24), residual);
  }
  // The output layer's three rows, interleaved per pixel as the Backend interface returns them.
  const r = state + <usize>outRow * rowBytes;
  for (let i = 0; i < count; i++) {
    const from = r + (<usize>i << 2);
    const to = out + <usize>i * 12;
    store<f32>(to, load<f32>(from), 0);
    store<f32>(to, load<f32>(from + rowBytes), 4);
    store<f32>(to, load<f32>(from + 2 * rowBytes), 8);
  }
}
