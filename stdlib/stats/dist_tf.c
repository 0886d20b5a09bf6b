/* dist_tf.c: Student's t and Fisher's F (d/p/q), both through the
** incomplete beta (Abramowitz & Stegun 26.7.1, 26.6.2); t for large df by
** Hill's (1970) normal expansion. docs/methods.md (Distributions). */
#include "stats/dist.h"
#include "stats/dist_internal.h"

/* ------------------------------------------------------------------- t */

double stats_dt(double x, double df, int give_log) {
  if (isnan(x) || isnan(df))
    return x + df;
  if (df <= 0)
    return NAN;
  if (!isfinite(x))
    return dist_zero(give_log);
  if (!isfinite(df))
    return stats_dnorm(x, 0, 1, give_log);
  double t2 = x * x, l1;
  if (isfinite(t2) && t2 / df < 1e300)
    l1 = log1p(t2 / df);
  else
    l1 = 2 * log(fabs(x)) - log(df);
  double lv =
      dist_lgamma_ratio(df / 2, 0.5) - 0.5 * (log(df) + log(PW_PI)) - (df + 1) / 2 * l1;
  return dist_dexp(lv, give_log);
}

/* Where stats_pt uses Hill's expansion: df > HILL_DF and t^2 < HILL_T2 df.
** There it agrees with mpmath to 3.4e-13 relative (p and log p); the
** incomplete beta's continued fraction, used before, lost up to 6.7e-10 there
** (p scale, df = 1e9, t = 31.6). */
#define HILL_DF 1e5
#define HILL_T2 1e-2

/* log P(T > |t|) = log(1/2) + log I_x(df/2, 1/2), x = df/(df + t^2). */
static double t_log_tail(double t, double df) {
  double a = df / 2, t2 = t * t;
  if (!isfinite(t2) || df / t2 < 1e-300) { /* x underflows: I_x ~ x^a/(a B) */
    double lx = log(df) - 2 * log(fabs(t));
    return -PW_LN2 + a * lx - stats_lbeta(a, 0.5) - log(a);
  }
  if (df > HILL_DF && t2 < HILL_T2 * df) {
    /* Hill's (1970, CACM Algorithm 395) normalizing expansion: T's tail is
    ** N(0,1)'s at z = w (1 + (y + 3)/b - (0.4 y^3 + 3.3 y^2 + 24 y + 85.5)/b^2),
    ** y = w^2 = (df - 1/2) log1p(t^2/df), b = 48 (df - 1/2)^2 (Hill's
    ** small-df damping of the b^2 term is left out: it is ~1e-5 relative
    ** here). The next term, O(w y^5/b^3), moves log P by O(log1p(t^2/df)^6/48^3). */
    double am = df - 0.5, b = 48 * am * am, y = am * log1p(t2 / df);
    double c = (y + 3 - (((0.4 * y + 3.3) * y + 24) * y + 85.5) / b) / b;
    return stats_pnorm(-sqrt(y) * (1 + c), 0, 1, 1, 1);
  }
  double x = df / (df + t2), y = t2 / (df + t2);
  return -PW_LN2 + dist_pbeta_raw(x, y, a, 0.5, 1, 1);
}

double stats_pt(double q, double df, int lower_tail, int log_p) {
  if (isnan(q) || isnan(df))
    return q + df;
  if (df <= 0)
    return NAN;
  if (!isfinite(q))
    return q < 0 ? dist_t0(lower_tail, log_p) : dist_t1(lower_tail, log_p);
  if (!isfinite(df))
    return stats_pnorm(q, 0, 1, lower_tail, log_p);
  return dist_tail(t_log_tail(q, df), q <= 0, lower_tail, log_p);
}

static double qt_cdf(double x, const double *par, int lower, int log_p) {
  return stats_pt(x, par[0], lower, log_p);
}

static double qt_lpdf(double x, const double *par) {
  return stats_dt(x, par[0], 1);
}

double stats_qt(double p, double df, int lower_tail, int log_p) {
  if (isnan(p) || isnan(df))
    return p + df;
  double lt;
  int is_lower;
  if (!dist_target(p, lower_tail, log_p, &lt, &is_lower))
    return NAN;
  if (lt == -INFINITY) /* R: the support's ends come before the df check */
    return is_lower ? -INFINITY : INFINITY;
  if (df <= 0)
    return NAN;
  if (df > 1e20)
    return stats_qnorm(p, 0, 1, lower_tail, log_p);
  if (lt >= -PW_LN2)
    return 0;
  /* start: Cornish-Fisher from the normal, or the power tail for small df */
  double z = stats_qnorm(lt, 0, 1, 0, 1), t0 = z + (z * z * z + z) / (4 * df);
  if (df < 3) {
    double a = df / 2;
    t0 = exp((-PW_LN2 + a * log(df) - stats_lbeta(a, 0.5) - log(a) - lt) / df);
  }
  double par[1] = {df};
  double t = dist_qsolve(qt_cdf, qt_lpdf, par, lt, 0, t0, INFINITY);
  return is_lower ? -t : t;
}

/* ------------------------------------------------------------------- F */

double stats_df(double x, double df1, double df2, int give_log) {
  if (isnan(x) || isnan(df1) || isnan(df2))
    return x + df1 + df2;
  if (df1 <= 0 || df2 <= 0)
    return NAN;
  if (x < 0)
    return dist_zero(give_log);
  if (x == 0)
    return df1 > 2 ? dist_zero(give_log) : (df1 == 2 ? dist_one(give_log) : INFINITY);
  if (!isfinite(df1) && !isfinite(df2))
    return x == 1 ? INFINITY : dist_zero(give_log);
  if (!isfinite(df2))
    return stats_dgamma(x, df1 / 2, 2 / df1, give_log);
  if (df1 > 1e14) { /* R's limit: 1/X ~ gamma(df2/2, 2/df2) */
    double d = stats_dgamma(1 / x, df2 / 2, 2 / df2, give_log);
    return give_log ? d - 2 * log(x) : d / (x * x);
  }
  if (!isfinite(x)) /* R: NaN when df1 < 2 (its formula meets Inf * 0) */
    return df1 < 2 ? NAN : dist_zero(give_log);
  double m2 = df1 / 2, n2 = df2 / 2;
  if (fmin(m2, n2) <= 2) { /* directly: no large terms cancel */
    double r = df1 * x / df2, l1 = isfinite(r) ? log1p(r) : log(df1 / df2) + log(x);
    double lv =
        m2 * log(df1 / df2) + (m2 - 1) * log(x) - (m2 + n2) * l1 - stats_lbeta(m2, n2);
    return dist_dexp(lv, give_log);
  }
  /* f(x) = u^(m/2) v^(n/2) / (B(m/2, n/2) x), u = m x/(n + m x), v = 1 - u */
  double r = (df2 / df1) / x, u = 1 / (1 + r), v = r / (1 + r);
  double lv = dist_lbeta_kernel(u, v, m2, n2) - log(x);
  return dist_dexp(lv, give_log);
}

double stats_pf(double q, double df1, double df2, int lower_tail, int log_p) {
  if (isnan(q) || isnan(df1) || isnan(df2))
    return q + df1 + df2;
  if (df1 <= 0 || df2 <= 0)
    return NAN;
  if (q <= 0)
    return dist_t0(lower_tail, log_p);
  if (q == INFINITY)
    return dist_t1(lower_tail, log_p);
  if (df2 == INFINITY) {
    if (df1 == INFINITY) {
      if (q == 1)
        return log_p ? -PW_LN2 : 0.5;
      return q < 1 ? dist_t0(lower_tail, log_p) : dist_t1(lower_tail, log_p);
    }
    return stats_pchisq(q * df1, df1, lower_tail, log_p);
  }
  if (df1 == INFINITY)
    return stats_pchisq(df2 / q, df2, !lower_tail, log_p);
  double r = (df2 / df1) / q; /* x = df1 q / (df2 + df1 q) = 1/(1 + r) */
  return dist_pbeta_raw(1 / (1 + r), r / (1 + r), df1 / 2, df2 / 2, lower_tail, log_p);
}

static double qf_cdf(double x, const double *par, int lower, int log_p) {
  return stats_pf(x, par[0], par[1], lower, log_p);
}

static double qf_lpdf(double x, const double *par) {
  return stats_df(x, par[0], par[1], 1);
}

double stats_qf(double p, double df1, double df2, int lower_tail, int log_p) {
  if (isnan(p) || isnan(df1) || isnan(df2))
    return p + df1 + df2;
  double lt;
  int is_lower;
  if (!dist_target(p, lower_tail, log_p, &lt, &is_lower) || df1 <= 0 || df2 <= 0)
    return NAN;
  if (lt == -INFINITY)
    return is_lower ? 0 : INFINITY;
  /* R's large-df limits, kept so results agree with R */
  if (df1 <= df2 && df2 > 4e5) {
    if (!isfinite(df1))
      return 1;
    return stats_qchisq(p, df1, lower_tail, log_p) / df1;
  }
  if (df1 > 4e5)
    return df2 / stats_qchisq(p, df2, !lower_tail, log_p);
  double par[2] = {df1, df2};
  return dist_qsolve(qf_cdf, qf_lpdf, par, lt, is_lower, 1, INFINITY);
}
