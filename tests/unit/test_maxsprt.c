/* test_maxsprt.c: Criterion tests of the Poisson MaxSPRT core
** (stdlib/stats/maxsprt.c, docs/rwe.md) without Lua: published critical
** values, monotonicity, the round trip alpha(cv(alpha)) = alpha, bad
** arguments, hand-computed type I errors and LLRs, and a seeded Monte
** Carlo check of the type I error.
**
** Sources of the reference numbers (read, never run here; R's Sequential
** is not installed):
**  [K2011] Kulldorff, Davis, Kolczak, Lewis, Lieu & Platt (2011), Sequential
**          Analysis 30:58-78, Table 1 (M = 1; alpha 0.05, 0.01, 0.001; six
**          decimals), as transcribed in github.com/santiolsze/mem-sequential-
**          maxSPRT, experimentacion/scripts/replicate_paper_tables_1_3.R
**          (paper_table_1). Its alpha = 0.05 column is identical to the M = 1
**          column of [SEQ-M].
**  [SEQ-M] R package Sequential (Silva & Kulldorff), R/CV.Poisson.R, the
**          table TableCV.PoissonM (alpha 0.05, D = 0, 15 digits; rows T,
**          columns M = 1 2 3 4 6 8 10; 0 where no critical value exists),
**          github.com/cran/Sequential (the 2019 version "with the two-tail
**          testing"); man/TableCV.PoissonM.Rd describes it.
**  [SEQ-EX] github.com/cran/Sequential man/Performance.Poisson.Rd example:
**          CV.Poisson(SampleSize=10, alpha=0.05) prints 3.467952. */
#include <math.h>
#include <stdint.h>

#include <criterion/criterion.h>

#include "stats/htest.h"
#include "stats/maxsprt.h"

/* ------------------------------------------------- published tables */

/* [K2011] Table 1: T, then the critical values for alpha 0.05, 0.01, 0.001. */
static const double k2011[33][4] = {
  {0.1, 2.044069, 4.119293, 6.579669},   {0.2, 2.266893, 4.179630, 6.754862},
  {0.5, 2.637928, 4.483740, 7.034472},   {1, 2.853937, 4.670428, 7.172614},
  {1.5, 2.964971, 4.778944, 7.278202},   {2, 3.046977, 4.862223, 7.341453},
  {2.5, 3.110419, 4.924475, 7.397851},   {3, 3.162106, 4.971792, 7.445736},
  {4, 3.245004, 5.040311, 7.518319},     {5, 3.297183, 5.091907, 7.569312},
  {6, 3.342729, 5.136461, 7.608607},     {8, 3.413782, 5.206326, 7.673013},
  {10, 3.467952, 5.260513, 7.724863},    {12, 3.511749, 5.302914, 7.767520},
  {15, 3.562591, 5.351279, 7.814719},    {20, 3.628123, 5.414770, 7.877573},
  {25, 3.676320, 5.463382, 7.924478},    {30, 3.715764, 5.502563, 7.962688},
  {40, 3.774663, 5.561620, 8.022182},    {50, 3.819903, 5.605972, 8.067072},
  {60, 3.855755, 5.642209, 8.102340},    {80, 3.910853, 5.697631, 8.157530},
  {100, 3.952321, 5.738974, 8.199403},   {120, 3.985577, 5.772435, 8.232827},
  {150, 4.025338, 5.812121, 8.272692},   {200, 4.074828, 5.862113, 8.322983},
  {250, 4.112234, 5.899824, 8.360938},   {300, 4.142134, 5.929897, 8.391288},
  {400, 4.188031, 5.976241, 8.438008},   {500, 4.222632, 6.011088, 8.473183},
  {600, 4.250310, 6.039013, 8.501314},   {800, 4.292829, 6.081871, 8.544590},
  {1000, 4.324917, 6.114225, 8.577253},
};

/* Six printed decimals: the published value is the true one rounded, so
** ours must be within one unit of the last digit (two cells, T = 80 and
** 800 at alpha 0.001, differ by 6e-7: 8.1575294 and 8.5445906 here). */
Test(maxsprt_cv, kulldorff_2011_table_1) {
  const double alpha[3] = {0.05, 0.01, 0.001};
  for (int i = 0; i < 33; i++)
    for (int a = 0; a < 3; a++) {
      double cv = -1;
      cr_assert_eq(maxsprt_cv(k2011[i][0], 1, alpha[a], &cv), MAXSPRT_OK);
      cr_assert(fabs(cv - k2011[i][a + 1]) <= 1e-6, "T = %g, alpha = %g: %.9f, published %.6f",
                k2011[i][0], alpha[a], cv, k2011[i][a + 1]);
    }
}

/* [SEQ-M], rows T = 1, 1.5, 2, 10, 50, 1000; 0 = no critical value. */
static const int seq_m[7] = {1, 2, 3, 4, 6, 8, 10};
static const double seq_table[6][8] = {
  {1, 2.85393700326128, 2.36663822744395, 1.7742178463146, 0, 0, 0, 0},
  {1.5, 2.96497144429574, 2.57638960908667, 2.15070686609869, 1.68320857573985, 0, 0, 0},
  {2, 3.0469774628286, 2.68935364101625, 2.34967932492501, 2.00015758807598, 0, 0, 0},
  {10, 3.46795158033368, 3.23800870652229, 3.06424796686384, 2.92156132978567,
   2.69058633468102, 2.4848340056375, 2.2814406139523},
  {50, 3.81990269391777, 3.65714243579444, 3.54482617261637, 3.4555214311217,
   3.31795545593698, 3.21042821525469, 3.11755331874543},
  {1000, 4.32491732176988, 4.22641197548099, 4.16002223662034, 4.10966536848407,
   4.03421016321423, 3.97745325368572, 3.93152895644531},
};

/* Sequential solves to alpha +- 1e-8, so agreement to 1e-7 in cv is what
** its digits can promise (we agree to about 1e-13). */
Test(maxsprt_cv, sequential_min_events_table) {
  for (int i = 0; i < 6; i++)
    for (int m = 0; m < 7; m++) {
      double cv = -1, want = seq_table[i][m + 1];
      int st = maxsprt_cv(seq_table[i][0], seq_m[m], 0.05, &cv);
      if (want == 0) {
        cr_assert_eq(st, MAXSPRT_UNREACHABLE, "T = %g, M = %d", seq_table[i][0], seq_m[m]);
        cr_assert_eq(cv, -1);
      } else {
        cr_assert_eq(st, MAXSPRT_OK, "T = %g, M = %d", seq_table[i][0], seq_m[m]);
        cr_assert(fabs(cv - want) <= 1e-7, "T = %g, M = %d: %.15f, Sequential %.15f",
                  seq_table[i][0], seq_m[m], cv, want);
      }
    }
}

Test(maxsprt_cv, sequential_example) {
  double cv;
  cr_assert_eq(maxsprt_cv(10, 1, 0.05, &cv), MAXSPRT_OK);
  cr_assert(fabs(cv - 3.467952) <= 5e-7, "%.9f", cv); /* [SEQ-EX] */
}

/* -------------------------------------------------- properties */

Test(maxsprt_cv, monotone_in_length_and_alpha) {
  const double T[] = {0.5, 2, 10, 40, 200};
  const double alpha[] = {0.2, 0.1, 0.05, 0.01};
  double prev_t = 0;
  for (int i = 0; i < 5; i++) {
    double prev_a = 0, cv = 0;
    for (int a = 0; a < 4; a++) {
      cr_assert_eq(maxsprt_cv(T[i], 1, alpha[a], &cv), MAXSPRT_OK);
      cr_assert_gt(cv, prev_a, "cv must rise as alpha falls (T = %g)", T[i]);
      prev_a = cv;
    }
    cr_assert_eq(maxsprt_cv(T[i], 2, 0.05, &cv), MAXSPRT_OK);
    cr_assert_gt(cv, prev_t, "cv must rise with T");
    prev_t = cv;
  }
}

Test(maxsprt_cv, round_trip) {
  const double T[] = {0.3, 3, 25, 300, 1000};
  const int M[] = {1, 2, 4, 20};
  const double alpha[] = {0.1, 0.05, 0.001, 1e-6};
  for (int i = 0; i < 5; i++)
    for (int m = 0; m < 4; m++)
      for (int a = 0; a < 4; a++) {
        double cv;
        int st = maxsprt_cv(T[i], M[m], alpha[a], &cv);
        if (st == MAXSPRT_UNREACHABLE)
          continue; /* M = 4, 20 with small T */
        cr_assert_eq(st, MAXSPRT_OK);
        double back = maxsprt_alpha(T[i], M[m], cv);
        cr_assert(fabs(back - alpha[a]) <= 1e-9 * alpha[a], "T %g M %d alpha %g: %.17g", T[i],
                  M[m], alpha[a], back);
      }
}

/* A single step: with tau_M >= T only the M-th event can signal, iff it
** comes by T, so alpha = P(N(T) >= M). T = 0.2, M = 3, cv = 3: tau_3 =
** 3u with u - log u = 2, u = 0.1586, tau_3 = 0.476 > 0.2. */
Test(maxsprt_alpha, by_hand_single_step) {
  /* 1 - e^-0.2 (1 + 0.2 + 0.02), by mpmath at 30 digits (in doubles the
  ** subtraction from 1 would cost four digits) */
  double want = 0.00114848124486213242267867948467;
  cr_assert(fabs(maxsprt_alpha(0.2, 3, 3.0) - want) <= 1e-13 * want);
}

/* Two steps: T = 0.1, cv = 2.044069; tau_1 = 0.0500876 < T < tau_2, so
** alpha = (1 - e^-tau_1) + e^-tau_1 P(Poisson(T - tau_1) >= 2), which
** mpmath at 30 digits (tau by its Lambert W) gives as below. */
Test(maxsprt_alpha, by_hand_two_steps) {
  double want = 0.0499999942152817142728138747722;
  cr_assert(fabs(maxsprt_alpha(0.1, 1, 2.044069) - want) <= 1e-12 * want);
}

Test(maxsprt_alpha, bad_arguments_give_nan) {
  cr_assert(isnan(maxsprt_alpha(0, 1, 3)));
  cr_assert(isnan(maxsprt_alpha(NAN, 1, 3)));
  cr_assert(isnan(maxsprt_alpha(10, 0, 3)));
  cr_assert(isnan(maxsprt_alpha(10, 1, 0)));
  cr_assert(isnan(maxsprt_alpha(10, 1, -1)));
  cr_assert(isnan(maxsprt_alpha(10, 1, INFINITY)));
}

Test(maxsprt_cv, bad_arguments) {
  double cv = -1;
  cr_assert_eq(maxsprt_cv(0, 1, 0.05, &cv), MAXSPRT_BAD_LENGTH);
  cr_assert_eq(maxsprt_cv(-3, 1, 0.05, &cv), MAXSPRT_BAD_LENGTH);
  cr_assert_eq(maxsprt_cv(NAN, 1, 0.05, &cv), MAXSPRT_BAD_LENGTH);
  cr_assert_eq(maxsprt_cv(INFINITY, 1, 0.05, &cv), MAXSPRT_BAD_LENGTH);
  cr_assert_eq(maxsprt_cv(PW_MAX_MAXSPRT_LENGTH * 2, 1, 0.05, &cv), MAXSPRT_BAD_LENGTH);
  cr_assert_eq(maxsprt_cv(10, 1, 0, &cv), MAXSPRT_BAD_ALPHA);
  cr_assert_eq(maxsprt_cv(10, 1, 1, &cv), MAXSPRT_BAD_ALPHA);
  cr_assert_eq(maxsprt_cv(10, 1, -0.5, &cv), MAXSPRT_BAD_ALPHA);
  cr_assert_eq(maxsprt_cv(10, 1, NAN, &cv), MAXSPRT_BAD_ALPHA);
  cr_assert_eq(maxsprt_cv(10, 0, 0.05, &cv), MAXSPRT_BAD_MIN);
  cr_assert_eq(maxsprt_cv(10, -2, 0.05, &cv), MAXSPRT_BAD_MIN);
  cr_assert_eq(maxsprt_cv(10, PW_MAX_MAXSPRT_MIN_EVENTS + 1, 0.05, &cv), MAXSPRT_BAD_MIN);
  /* P(N(1) >= 4) = 0.019 < 0.05: no critical value reaches alpha */
  cr_assert_eq(maxsprt_cv(1, 4, 0.05, &cv), MAXSPRT_UNREACHABLE);
  cr_assert_eq(maxsprt_cv(0.5, 1, 0.9, &cv), MAXSPRT_UNREACHABLE);
  cr_assert_eq(cv, -1, "cv is left alone on failure");
  cr_assert_str_eq(maxsprt_strerror(MAXSPRT_OK), "ok");
  cr_assert_str_neq(maxsprt_strerror(MAXSPRT_UNREACHABLE), "unknown status");
}

/* ------------------------------------------------------------- LLR */

Test(maxsprt_llr, hand_values) {
  /* (2 - 5) + 5 log(5 / 2) = -3 + 5 * 0.916290731874155 */
  cr_assert(fabs(maxsprt_llr(5, 2) - 1.581453659370775) <= 1e-14);
  /* (1 - 4) + 4 log 4 */
  cr_assert(fabs(maxsprt_llr(4, 1) - (-3 + 4 * 1.3862943611198906)) <= 1e-14);
  /* 10 events on 9.999 expected: (9.999 - 10) + 10 log(10 / 9.999), by
  ** mpmath at 40 digits (the two terms cancel to 5e-8) */
  double small = 5.000333358335333500014e-8;
  cr_assert(fabs(maxsprt_llr(10, 9.999) - small) <= 1e-9 * small);
  cr_assert_eq(maxsprt_llr(2, 2), 0.0);   /* c = mu */
  cr_assert_eq(maxsprt_llr(1, 3), 0.0);   /* c < mu: RR = 1 maximizes */
  cr_assert_eq(maxsprt_llr(0, 0.5), 0.0); /* no events */
  cr_assert(isnan(maxsprt_llr(-1, 1)));
  cr_assert(isnan(maxsprt_llr(1, 0)));
  cr_assert(isnan(maxsprt_llr(NAN, 1)));
}

/* ----------------------------------------------------- Monte Carlo */

/* The type I error by simulation: H0 event times are unit-rate arrivals in
** expected-count time; between events the LLR falls, so looking at every
** event time is continuous monitoring exactly. */
static double simulate(double T, int M, double cv, long n, uint64_t seed) {
  pw_rng g;
  rng_seed(&g, seed, 0);
  long signals = 0;
  for (long i = 0; i < n; i++) {
    double t = 0;
    for (int k = 1;; k++) {
      double u = (double)(rng_next(&g) >> 11) * 0x1p-53;
      t += -log1p(-u);
      if (t > T)
        break;
      if (k >= M && maxsprt_llr(k, t) >= cv) {
        signals++;
        break;
      }
    }
  }
  return (double)signals / (double)n;
}

Test(maxsprt_alpha, monte_carlo_agrees) {
  const long n = 400000;
  const struct { double T; int M; double alpha; } cases[] = {{10, 1, 0.05}, {4, 1, 0.01}, {20, 3, 0.05}};
  for (int c = 0; c < 3; c++) {
    double cv;
    cr_assert_eq(maxsprt_cv(cases[c].T, cases[c].M, cases[c].alpha, &cv), MAXSPRT_OK);
    double a = cases[c].alpha, se = sqrt(a * (1 - a) / (double)n);
    double mc = simulate(cases[c].T, cases[c].M, cv, n, 20260 + (uint64_t)c);
    cr_assert(fabs(mc - a) <= 4.5 * se, "T %g M %d: simulated %.5f, exact %.5f (se %.5f)",
              cases[c].T, cases[c].M, mc, a, se);
  }
}
