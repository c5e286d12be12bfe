/*
 * Measured FMA peak of one core: 12 independent chains of vector FMAs (enough to keep two
 * FMA units busy through their latency), nothing else in the loop. Built and run by the
 * bench when a C compiler is present (src/peak.ts), with -mavx2 -mfma or -mavx512f.
 * Prints {"f32": GFLOP/s, "f64": GFLOP/s, "lanes32": n}, best of 5 runs of ~0.2 s each.
 */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

#ifdef __AVX512F__
typedef __m512 vf;
typedef __m512d vd;
#define LANES32 16
#define SET_F _mm512_set1_ps
#define SET_D _mm512_set1_pd
#define FMA_F _mm512_fmadd_ps
#define FMA_D _mm512_fmadd_pd
#define ADD_F _mm512_add_ps
#define ADD_D _mm512_add_pd
#define STORE_F _mm512_storeu_ps
#define STORE_D _mm512_storeu_pd
#else
typedef __m256 vf;
typedef __m256d vd;
#define LANES32 8
#define SET_F _mm256_set1_ps
#define SET_D _mm256_set1_pd
#define FMA_F _mm256_fmadd_ps
#define FMA_D _mm256_fmadd_pd
#define ADD_F _mm256_add_ps
#define ADD_D _mm256_add_pd
#define STORE_F _mm256_storeu_ps
#define STORE_D _mm256_storeu_pd
#endif

#define CHAINS 12

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The sink keeps the compiler from dropping the chains. */
static volatile double sink;

/* Twelve named accumulators (not an array), so they stay in registers at any -O level. */
#define KERNEL(NAME, V, SET, FMA, ADD, STORE, T, LANES)                              \
  static double NAME(long iters) {                                                  \
    V a = SET((T)1.0000001), b = SET((T)1e-7);                                      \
    V c0 = SET(0), c1 = SET(1), c2 = SET(2), c3 = SET(3), c4 = SET(4), c5 = SET(5); \
    V c6 = SET(6), c7 = SET(7), c8 = SET(8), c9 = SET(9), c10 = SET(10), c11 = SET(11); \
    double t0 = now();                                                              \
    for (long n = 0; n < iters; n++) {                                              \
      c0 = FMA(c0, a, b); c1 = FMA(c1, a, b); c2 = FMA(c2, a, b);                   \
      c3 = FMA(c3, a, b); c4 = FMA(c4, a, b); c5 = FMA(c5, a, b);                   \
      c6 = FMA(c6, a, b); c7 = FMA(c7, a, b); c8 = FMA(c8, a, b);                   \
      c9 = FMA(c9, a, b); c10 = FMA(c10, a, b); c11 = FMA(c11, a, b);               \
    }                                                                               \
    double dt = now() - t0;                                                         \
    V s = ADD(ADD(ADD(c0, c1), ADD(c2, c3)), ADD(ADD(c4, c5), ADD(c6, c7)));        \
    s = ADD(s, ADD(ADD(c8, c9), ADD(c10, c11)));                                    \
    T out[LANES];                                                                   \
    STORE(out, s);                                                                  \
    sink = (double)out[0];                                                          \
    return dt;                                                                      \
  }

KERNEL(run_f32, vf, SET_F, FMA_F, ADD_F, STORE_F, float, LANES32)
KERNEL(run_f64, vd, SET_D, FMA_D, ADD_D, STORE_D, double, LANES32 / 2)

static double best_gflops(double (*run)(long), int lanes) {
  long iters = 1000000;
  while (run(iters) < 0.05) iters *= 2;
  iters *= 4; /* ~0.2 s */
  double best = 0;
  for (int r = 0; r < 5; r++) {
    double g = 2.0 * lanes * CHAINS * (double)iters / run(iters) / 1e9;
    if (g > best) best = g;
  }
  return best;
}

int main(void) {
  double f32 = best_gflops(run_f32, LANES32);
  double f64 = best_gflops(run_f64, LANES32 / 2);
  printf("{\"f32\": %.2f, \"f64\": %.2f, \"lanes32\": %d}\n", f32, f64, LANES32);
  return 0;
}
