// Fused multiply-adds per second that one core of this machine retires, with 128-bit vectors (what
// WebAssembly SIMD has) and, where the CPU has AVX-512, 512-bit ones: twelve independent chains, so
// that neither the latency nor the loop limits them. `npm run bench` uses it for the floor of any
// 128-bit evaluation of the perceptron (scripts/bench.ts). Prints one JSON line, instructions per
// second, e.g. {"xmm":6.5e9,"zmm":6.5e9}.
// build: g++ -O3 -march=native fma-peak.cpp -o fma-peak
#include <immintrin.h>
#include <chrono>
#include <cstdio>

template <class V, V (*Fma)(V, V, V), V (*Add)(V, V)>
static double perSecond(V start, V scale, V step, float (*first)(V)) {
  // Twelve different chains: identical ones would be computed once (measured: 1.5 times the true rate).
  V a0 = start, a1 = Add(a0, step), a2 = Add(a1, step), a3 = Add(a2, step), a4 = Add(a3, step), a5 = Add(a4, step);
  V a6 = Add(a5, step), a7 = Add(a6, step), a8 = Add(a7, step), a9 = Add(a8, step), a10 = Add(a9, step), a11 = Add(a10, step);
  const long rounds = 100000000;
  const auto begin = std::chrono::steady_clock::now();
  for (long n = 0; n < rounds; n++) {
    a0 = Fma(a0, scale, step); a1 = Fma(a1, scale, step); a2 = Fma(a2, scale, step);
    a3 = Fma(a3, scale, step); a4 = Fma(a4, scale, step); a5 = Fma(a5, scale, step);
    a6 = Fma(a6, scale, step); a7 = Fma(a7, scale, step); a8 = Fma(a8, scale, step);
    a9 = Fma(a9, scale, step); a10 = Fma(a10, scale, step); a11 = Fma(a11, scale, step);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  // Every chain feeds the result, so the compiler keeps all twelve.
  V sum = Add(Add(Add(a0, a1), Add(a2, a3)), Add(Add(a4, a5), Add(a6, a7)));
  sum = Add(sum, Add(Add(a8, a9), Add(a10, a11)));
  volatile float sink = first(sum);
  (void)sink;
  return rounds * 12 / seconds;
}

static __m128 fma4(__m128 a, __m128 b, __m128 c) { return _mm_fmadd_ps(a, b, c); }
static __m128 add4(__m128 a, __m128 b) { return _mm_add_ps(a, b); }
static float first4(__m128 v) { return _mm_cvtss_f32(v); }
#ifdef __AVX512F__
static __m512 fma16(__m512 a, __m512 b, __m512 c) { return _mm512_fmadd_ps(a, b, c); }
static __m512 add16(__m512 a, __m512 b) { return _mm512_add_ps(a, b); }
static float first16(__m512 v) { return _mm512_cvtss_f32(v); }
#endif

int main() {
  const double xmm = perSecond<__m128, fma4, add4>(_mm_set1_ps(0.1f), _mm_set1_ps(0.9999f), _mm_set1_ps(1e-4f), first4);
#ifdef __AVX512F__
  const double zmm = perSecond<__m512, fma16, add16>(_mm512_set1_ps(0.1f), _mm512_set1_ps(0.9999f), _mm512_set1_ps(1e-4f), first16);
  std::printf("{\"xmm\":%.4g,\"zmm\":%.4g}\n", xmm, zmm);
#else
  std::printf("{\"xmm\":%.4g}\n", xmm);
#endif
  return 0;
}
