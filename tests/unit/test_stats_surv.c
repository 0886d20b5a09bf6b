/* test_stats_surv.c: Criterion tests of the survival cores (surv_order.c,
** km.c, logrank.c, cox.c) on small data checked by hand. */
#include <math.h>
#include <stdint.h>

#include <criterion/criterion.h>

#include "stats/surv.h"

#define CLOSE(a, b) cr_assert(fabs((double)(a) - (double)(b)) <= 1e-12 * fmax(fabs((double)(b)), 1), \
                              "%.17g != %.17g", (double)(a), (double)(b))

Test(surv_order, by_stratum_then_time_stable) {
  const double t[] = {3, -0.0, 2, 0.0, 1, 2};
  const uint32_t s[] = {1, 0, 1, 0, 0, 1};
  uint32_t order[6], scratch[6];
  uint64_t keys[14];
  size_t start[3];
  surv_order(6, t, s, 2, order, start, scratch, keys);
  const uint32_t want[] = {1, 3, 4, 2, 5, 0};   /* -0 and 0 tie: kept in order */
  for (int i = 0; i < 6; i++)
    cr_assert_eq(order[i], want[i], "position %d", i);
  cr_assert_eq(start[0], 0);
  cr_assert_eq(start[1], 3);
  cr_assert_eq(start[2], 6);
}

/* Four deaths at 1, 2, 2, 3: S = 3/4, 1/4, 0. */
static double tm[] = {1, 2, 2, 3};
static uint8_t dd[] = {1, 1, 1, 1};
static uint32_t idx[] = {0, 1, 2, 3};

static surv_curve curve(double *buf) {
  surv_curve c = {0, buf, buf + 4, buf + 8, buf + 12, buf + 16, buf + 20};
  surv_km(4, idx, tm, dd, &c);
  return c;
}

Test(surv_km, product_limit_and_greenwood) {
  double buf[24];
  surv_curve c = curve(buf);
  cr_assert_eq(c.m, 3);
  CLOSE(c.surv[0], 0.75);
  CLOSE(c.surv[1], 0.25);
  CLOSE(c.surv[2], 0);
  CLOSE(c.n_risk[1], 3);
  CLOSE(c.n_event[1], 2);
  CLOSE(c.varh[0], 1.0 / 12);
  CLOSE(c.varh[1], 1.0 / 12 + 2.0 / 3);
  cr_assert(isinf(c.varh[2]), "all at risk die: Inf, as R");
}

Test(surv_km, confidence_limits) {
  double buf[24], lo[3], hi[3], z = 1.959963984540054;
  surv_curve c = curve(buf);
  surv_confint(&c, SURV_CI_LOG, z, lo, hi);
  CLOSE(lo[0], exp(log(0.75) - z * sqrt(1.0 / 12)));
  CLOSE(hi[0], 1);   /* clipped */
  cr_assert(isnan(lo[2]) && isnan(hi[2]), "log of 0 is NA");
  surv_confint(&c, SURV_CI_PLAIN, z, lo, hi);
  CLOSE(lo[1], fmax(0, 0.25 - z * 0.25 * sqrt(0.75)));
  surv_confint(&c, SURV_CI_LOGLOG, z, lo, hi);
  CLOSE(hi[0], exp(-exp(log(-log(0.75)) + z * sqrt(1.0 / 12) / log(0.75))));
}

Test(surv_km, median_rmst_and_at) {
  const double t[] = {1, 2, 3}, y[] = {0.75, 0.5, 0.25}, never[] = {0.9, NAN, 0.6};
  CLOSE(surv_median(3, t, y), 2.5);   /* at 0.5 exactly: halfway to the next drop */
  cr_assert(isnan(surv_median(3, t, never)));
  double buf[24], mean, se;
  surv_curve c = curve(buf);
  surv_rmst(&c, 0, 3, &mean, &se);
  CLOSE(mean, 1 + 0.75 + 0.25);
  /* h at time 1: 1 / (4 * 3); area after it 0.75 + 0.25; time 2: 2 / 3, 0.25 */
  CLOSE(se, sqrt(1.0 / 12 * 1 * 1 + 2.0 / 3 * 0.25 * 0.25));
  surv_point p = surv_at(&c, 0.5, 0);
  cr_assert(p.present && p.row == SIZE_MAX);
  CLOSE(p.surv, 1);
  CLOSE(p.n_risk, 4);
  p = surv_at(&c, 2, 0);
  CLOSE(p.surv, 0.25);
  CLOSE(p.n_event, 3);
  CLOSE(p.n_risk, 3);
  cr_assert(!surv_at(&c, 4, 0).present, "after the last time without extend");
  p = surv_at(&c, 4, 1);
  cr_assert(p.present);
  CLOSE(p.n_risk, 0);
  CLOSE(p.surv, 0);
}

Test(surv_logrank, two_groups_by_hand) {
  const double t[] = {1, 2, 3, 4};
  const uint8_t d[] = {1, 1, 1, 1};
  const uint32_t g[] = {0, 0, 1, 1}, order[] = {0, 1, 2, 3};
  const size_t start[] = {0, 4};
  double obs[2] = {0}, ex[2] = {0}, var[4] = {0}, work[16];
  surv_logrank(t, d, g, 2, order, start, 1, obs, ex, var, work);
  CLOSE(obs[0], 2);
  CLOSE(ex[0], 0.5 + 1.0 / 3);
  CLOSE(var[0], 0.25 + 2.0 / 9);
  CLOSE(var[1], -var[0]);
  int df;
  CLOSE(surv_logrank_chisq(2, obs, ex, var, &df, work), 49.0 / 17);
  cr_assert_eq(df, 1);
}

/* Fit one covariate; returns beta. */
static double fit1(const double *t, const uint8_t *d, double *x, size_t n, surv_ties ties,
                   double *ll0) {
  const size_t start[] = {0, n};
  double beta, var, u, work[16];
  surv_cox_in in = {n, 1, t, d, start, 1, x, ties, 20, 1e-9, 1.8189894035458617e-12};
  surv_cox_out out = {&beta, &var, &u, {0, 0}, 0, 0, 0, 0};
  cr_assert_eq(surv_cox(&in, &out, work), 0);
  cr_assert(out.converged);
  *ll0 = out.loglik[0];
  return beta;
}

Test(surv_cox, newton_raphson_by_hand) {
  /* log L = b - log(2 e^b + 1) - log(e^b + 1): maximum at e^b = 1 / sqrt 2 */
  const double t[] = {1, 2, 3};
  const uint8_t d[] = {1, 1, 1};
  double x[] = {1, 0, 1}, ll0;
  CLOSE(fit1(t, d, x, 3, SURV_BRESLOW, &ll0), -0.5 * log(2));
  CLOSE(ll0, -log(6));
}

Test(surv_cox, efron_and_breslow_ties) {
  /* two deaths tied at 1 among three at risk; at b = 0 Efron gives
     -log 3 - log 2, Breslow -2 log 3 */
  const double t[] = {1, 1, 2};
  const uint8_t d[] = {1, 1, 0};
  double x[] = {1, 0, 0.5}, ll0;
  fit1(t, d, x, 3, SURV_EFRON, &ll0);
  CLOSE(ll0, -log(3) - log(2));
  double x2[] = {1, 0, 0.5};
  fit1(t, d, x2, 3, SURV_BRESLOW, &ll0);
  CLOSE(ll0, -2 * log(3));
}

Test(surv_cox, constant_covariate_is_singular) {
  const double t[] = {1, 2, 3};
  const uint8_t d[] = {1, 0, 1};
  double x[] = {2, 2, 2}, beta, var, u, work[16];
  const size_t start[] = {0, 3};
  surv_cox_in in = {3, 1, t, d, start, 1, x, SURV_EFRON, 20, 1e-9, 1.8189894035458617e-12};
  surv_cox_out out = {&beta, &var, &u, {0, 0}, 0, 0, 0, 0};
  cr_assert_eq(surv_cox(&in, &out, work), -1);
  cr_assert_eq(out.singular, 1);
}

Test(surv_cox, concordance) {
  const double t[] = {1, 2, 3, 3};
  const uint8_t d[] = {1, 1, 1, 0};
  const double lp[] = {3, 2, 1, 1};   /* risk falls with time: concordant, one tie */
  const size_t start[] = {0, 4};
  double work[12];
  uint32_t iwork[12];
  /* pairs: (1,2) (1,3) (1,4) (2,3) (2,4) concordant; (3,4) tied in lp */
  CLOSE(surv_concordance(4, t, d, lp, start, 1, work, iwork), 5.5 / 6);
}

/* cox_zph.c. Times 1, 2, 2, 3 with deaths at 1, 2 (one of two) and 3: the
** pooled Kaplan–Meier just before each is 1, 3/4, 3/4, 1/2. */
Test(surv_zph, transforms_centered_over_deaths) {
  const double t[] = {1, 2, 2, 3};
  const uint8_t d[] = {1, 1, 0, 1};
  const uint32_t pooled[] = {0, 1, 2, 3};
  double g[4];
  surv_zph_g(4, t, d, pooled, SURV_ZPH_KM, g);
  const double km[] = {-0.25, 0, 0, 0.25};   /* 1 - S(t-) = 0, 1/4, 1/4, 1/2; mean 1/4 */
  for (int i = 0; i < 4; i++)
    CLOSE(g[i], km[i]);
  surv_zph_g(4, t, d, pooled, SURV_ZPH_RANK, g);
  const double rank[] = {-1.5, 0, 0, 1.5};   /* ranks 1, 2.5, 2.5, 4; mean 2.5 */
  for (int i = 0; i < 4; i++)
    CLOSE(g[i], rank[i]);
}

/* One binary covariate, beta 0, deaths at 1..4, g(t) = t - 2.5: by hand,
** U = -1/3, I = 13/18, I_g = -13/36, I_gg = 49/72, so
** chisq = U^2 / (I_gg - I_g^2 / I) = (1/9) / (1/2) = 2/9. */
Test(surv_zph, score_test_by_hand) {
  const double t[] = {1, 2, 3, 4}, x[] = {1, 0, 1, 0}, beta[] = {0};
  const double g[] = {-1.5, -0.5, 0.5, 1.5};
  const uint8_t d[] = {1, 1, 1, 1};
  const size_t start[] = {0, 4}, term[] = {0};
  surv_zph_in in = {4, 1, t, d, start, 1, x, beta, g, SURV_EFRON, 1, term};
  double chisq[2], work[16];
  size_t df[2];
  surv_zph(&in, chisq, df, work);
  CLOSE(chisq[0], 2.0 / 9);
  CLOSE(chisq[1], 2.0 / 9);
  cr_assert_eq(df[0], 1);
  cr_assert_eq(df[1], 1);
}
