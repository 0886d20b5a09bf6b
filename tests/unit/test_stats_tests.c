/* test_stats_tests.c: Criterion tests of the C cores of the stats tests
** (htest.h): the generator's golden outputs, the exact rank distributions,
** ranks, uniroot, p.adjust and the test kernels, without Lua. */
#include <math.h>
#include <stdint.h>

#include <criterion/criterion.h>

#include "stats/htest.h"

/* |a - b| <= rel |b| */
#define assert_rel(a, b, rel)                                                       \
  cr_assert(fabs((double)(a) - (double)(b)) <= (rel) * fabs((double)(b)), "%s = %.17g, expected %.17g", #a, \
            (double)(a), (double)(b))

/* ------------------------------------------------------------ generator */

/* Golden values: splitmix64 from 42 (engine seed 42, seed 0) gives the
** state, then xoshiro256** 1.0's first outputs; computed by this file's
** implementation and independently by a 15-line Python transcription of
** Blackman & Vigna's reference C (docs/methods.md (Tests)). */
Test(rng, golden_state_and_outputs) {
  pw_rng g;
  rng_seed(&g, 42, 0);
  cr_assert_eq(g.s[0], UINT64_C(0xbdd732262feb6e95));
  cr_assert_eq(g.s[1], UINT64_C(0x28efe333b266f103));
  cr_assert_eq(g.s[2], UINT64_C(0x47526757130f9f52));
  cr_assert_eq(g.s[3], UINT64_C(0x581ce1ff0e4ae394));
  const uint64_t want[4] = {UINT64_C(0x15780b2e0c2ec716), UINT64_C(0x6104d9866d113a7e),
                            UINT64_C(0xae17533239e499a1), UINT64_C(0xecb8ad4703b360a1)};
  for (int i = 0; i < 4; i++)
    cr_assert_eq(rng_next(&g), want[i], "output %d", i);
  rng_seed(&g, 42, 7);
  cr_assert_eq(rng_next(&g), UINT64_C(0x22459fd7633d5944));
}

Test(rng, below_is_golden_and_in_range) {
  pw_rng g;
  rng_seed(&g, 42, 0);
  const uint32_t want[8] = {0, 3, 6, 9, 9, 7, 7, 8};
  for (int i = 0; i < 8; i++)
    cr_assert_eq(rng_below(&g, 10), want[i], "draw %d", i);
  long counts[3] = {0};
  for (int i = 0; i < 300000; i++) {
    uint32_t v = rng_below(&g, 3);
    cr_assert_lt(v, 3);
    counts[v]++;
  }
  for (int i = 0; i < 3; i++) /* 100000 expected, sd 258 */
    cr_assert(labs(counts[i] - 100000) < 1500, "count[%d] = %ld", i, counts[i]);
  cr_assert_eq(rng_below(&g, 1), 0);
}

Test(rng, partial_shuffle_is_a_permutation) {
  pw_rng g;
  double z[10];
  rng_seed(&g, 1, 2);
  for (int i = 0; i < 10; i++)
    z[i] = i;
  rng_partial_shuffle(&g, z, 10, 4);
  double sum = 0;
  for (int i = 0; i < 10; i++)
    sum += z[i];
  cr_assert_eq(sum, 45);
}

/* ---------------------------------------------- exact rank distributions */

/* psignrank(q, n), qsignrank, pwilcox, qwilcox against R 4.2.2. */
Test(rank, signrank_and_wilcox_match_r) {
  assert_rel(ht_psignrank(5, 9, 1), 0.01953125, 1e-15);  /* psignrank(5, 9) */
  assert_rel(ht_psignrank(39, 9, 0), 0.01953125, 1e-15); /* lower.tail = FALSE */
  assert_rel(ht_psignrank(20, 10, 1), 0.24609375, 1e-15);
  cr_assert_eq(ht_qsignrank(0.025, 9), 6);
  cr_assert_eq(ht_qsignrank(0.975, 9), 39);
  assert_rel(ht_pwilcox(9, 10, 5, 1), 0.027639027639027636, 1e-14);
  assert_rel(ht_pwilcox(35, 10, 5, 0), 0.103230103230103232, 1e-14);
  assert_rel(ht_pwilcox(9, 5, 10, 1), 0.027639027639027636, 1e-14); /* symmetric */
  cr_assert_eq(ht_qwilcox(0.025, 10, 5), 9);
  cr_assert_eq(ht_qwilcox(0.975, 10, 5), 41);
  assert_rel(ht_pwilcox(600, 40, 35, 1), 0.146259071416236952, 1e-12);
  cr_assert_eq(ht_psignrank(-1, 5, 1), 0);
  cr_assert_eq(ht_psignrank(15, 5, 1), 1);
}

Test(rank, average_ranks_and_ties) {
  const double v[5] = {3, 1, 3, 2, 3};
  double r[5], ts;
  int ties;
  cr_assert_eq(ht_rank(v, 5, r, &ts, &ties), 0);
  const double want[5] = {4, 1, 4, 2, 4}; /* rank(c(3, 1, 3, 2, 3)) */
  for (int i = 0; i < 5; i++)
    cr_assert_eq(r[i], want[i]);
  cr_assert_eq(ts, 24); /* 3^3 - 3 */
  cr_assert(ties);
}

/* ---------------------------------------------------------------- uniroot */

static double cubic(double x, void *c) {
  (void)c;
  return x * x * x - 2;
}

Test(uniroot, finds_the_root_within_tol_and_rejects_no_sign_change) {
  double r = ht_uniroot(cubic, NULL, 0, 2, -2, 6, 1e-12);
  assert_rel(r, cbrt(2.0), 1e-11);
  cr_assert(isnan(ht_uniroot(cubic, NULL, 2, 3, 6, 25, 1e-12)));
  cr_assert_eq(ht_uniroot(cubic, NULL, 0, 2, 0, 6, 1e-12), 0);
}

/* --------------------------------------------------------------- p.adjust */

Test(padjust, hommel_and_na) {
  const double p[6] = {0.01, 0.02, NAN, 0.03, 0.04, 0.05};
  double out[6];
  cr_assert_eq(padjust(p, 6, PADJ_HOMMEL, out), 0);
  cr_assert(isnan(out[2]));
  assert_rel(out[0], 0.05, 1e-15); /* p.adjust(c(.01,.02,.03,.04,.05), "hommel") */
  assert_rel(out[5], 0.05, 1e-15);
  cr_assert_eq(padjust(p, 6, PADJ_BONFERRONI, out), 0);
  assert_rel(out[0], 0.05, 1e-15); /* n is 5: the NA is not counted */
  cr_assert_eq(out[5], 0.25);
  double one = 0.3;
  cr_assert_eq(padjust(&one, 1, PADJ_HOLM, &one), 0);
  cr_assert_eq(one, 0.3);
}

/* -------------------------------------------------------------- the tests */

Test(htest, errors_are_r_texts) {
  htest r;
  const double one = 1, flat[3] = {2, 2, 2};
  cr_assert_str_eq(ht_t(&one, 1, NULL, 0, 0, 0, 0, HT_TWO_SIDED, 0.95, &r),
                   "not enough 'x' observations");
  cr_assert_str_eq(ht_t(flat, 3, NULL, 0, 0, 0, 0, HT_TWO_SIDED, 0.95, &r),
                   "data are essentially constant");
  cr_assert_str_eq(ht_binom(-1, 10, 0.5, HT_TWO_SIDED, 0.95, &r),
                   "'x' must be nonnegative and integer");
  cr_assert_str_eq(ht_wilcox(NULL, 0, NULL, 0, 0, -1, 1, 0, 0, HT_TWO_SIDED, 0.95, &r),
                   "not enough (non-missing) 'x' observations");
}

Test(htest, fisher_tea_tasting_matches_r) {
  htest r;
  const double tab[4] = {3, 1, 1, 3};
  cr_assert_null(ht_fisher2x2(tab, 1, HT_TWO_SIDED, 0.95, &r));
  assert_rel(r.p_value, 0.48571428571428582, 1e-12);
  assert_rel(r.estimate[0], 6.4083088670057879, 1e-9); /* R's uniroot iterate */
  assert_rel(r.conf_int[0], 0.21173291530550292, 1e-9);
  assert_rel(r.conf_int[1], 621.93375054541729696, 1e-9);
}

Test(resample, permutation_kernel_counts_extremes) {
  const double x[3] = {1, 2, 3}, y[4] = {4, 5, 6, 7};
  pw_rng g;
  double t0;
  long count;
  rng_seed(&g, 0, 1);
  cr_assert_eq(resample_perm_mean(x, 3, y, 4, 35000, HT_TWO_SIDED, &g, &t0, &count), 0);
  cr_assert_eq(t0, -3.5);
  cr_assert(labs(count - 2000) < 250, "count = %ld, expected about 2000", count);
}

Test(resample, quantile7_is_r_type_7) {
  const double s[4] = {1, 2, 4, 8};
  cr_assert_eq(quantile7(s, 4, 0), 1);
  cr_assert_eq(quantile7(s, 4, 1), 8);
  assert_rel(quantile7(s, 4, 0.5), 3, 1e-15);
  assert_rel(quantile7(s, 4, 0.9), 6.8, 1e-15); /* quantile(c(1,2,4,8), 0.9) */
}
