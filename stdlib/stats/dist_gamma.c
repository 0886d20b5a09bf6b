/* dist_gamma.c: the regularized incomplete gamma function and the laws
** built on it: gamma, chi-squared, exponential and Poisson (d/p/q).
** P(a, x) by its power series, Q(a, x) by Legendre's continued fraction
** (modified Lentz), and for a < 1, x <= 1.5 the Taylor form of DiDonato
** & Morris (1986) that keeps both tails; prefixes by Loader's saddle point.
** docs/methods.md (Distributions). */
#include "stats/dist.h"
#include "stats/dist_internal.h"

/* Iteration cap of the series and the fraction: enough for a up to 1e12
** (both need about 9 sqrt(a) terms near the mode). */
static long gamma_maxit(double a) {
  return 10000 + (long)(20 * sqrt(fmin(a, 1e12)));
}

/* log P(a, x) = log(x^a e^-x / Gamma(a + 1)) + log(1 + x/(a+1) + ...). */
static double lower_series(double x, double a) {
  double sum = 1, term = 1;
  long maxit = gamma_maxit(a);
  for (long n = 1; n < maxit; n++) {
    term *= x / (a + (double)n);
    sum += term;
    if (term < sum * 1e-17)
      break;
  }
  return dist_dpois_raw(a, x, 1) + log(sum);
}

/* log Q(a, x) = log(e^-x x^a / Gamma(a)) + log of the continued fraction
** 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))), for x >= a + 1. */
static double upper_fraction(double x, double a) {
  const double tiny = 1e-300;
  double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  long maxit = gamma_maxit(a);
  for (long i = 1; i < maxit; i++) {
    double an = -(double)i * ((double)i - a);
    b += 2;
    double del = dist_lentz_step(an, b, &c, &d);
    h *= del;
    if (fabs(del - 1) < 1e-16)
      break;
  }
  return log(a) + dist_dpois_raw(a, x, 1) + log(h);
}

/* a < 1, x <= 1.5: P = x^a/Gamma(a+1) (1 + a S), S = sum_{n>=1} (-x)^n/(n!(a+n)),
** and Q = -expm1(u) - e^u a S with u = a log x - log Gamma(1 + a): both
** tails without cancellation as a -> 0 (DiDonato & Morris 1986, sec. 2). */
static double small_shape(double x, double a, int lower, int log_p) {
  double s = 0, t = 1;
  for (int n = 1; n < 200; n++) {
    t *= -x / n;
    double term = t / (a + n);
    s += term;
    if (fabs(term) <= 1e-17 * fabs(s))
      break;
  }
  double u = a * log(x) - dist_lgamma1p(a), lp = u + log1p(a * s);
  if (lower || lp < -PW_LN2)
    return dist_tail(lp, 1, lower, log_p);
  double q = -expm1(u) - exp(u) * a * s;
  return log_p ? log(q) : q;
}

double dist_pgamma_raw(double x, double a, int lower, int log_p) {
  if (x <= 0)
    return dist_t0(lower, log_p);
  if (isinf(x))
    return dist_t1(lower, log_p);
  if (a < 1 && x <= 1.5)
    return small_shape(x, a, lower, log_p);
  if (x < a + 1)
    return dist_tail(lower_series(x, a), 1, lower, log_p);
  return dist_tail(upper_fraction(x, a), 0, lower, log_p);
}

/* ---------------------------------------------------------------- gamma */

double stats_dgamma(double x, double shape, double scale, int give_log) {
  if (isnan(x) || isnan(shape) || isnan(scale))
    return x + shape + scale;
  if (shape < 0 || scale <= 0)
    return NAN;
  if (x < 0)
    return dist_zero(give_log);
  if (shape == 0)
    return x == 0 ? INFINITY : dist_zero(give_log);
  if (x == 0) {
    if (shape < 1)
      return INFINITY;
    if (shape > 1)
      return dist_zero(give_log);
    return give_log ? -log(scale) : 1 / scale;
  }
  if (shape < 1) { /* x^(a-1) e^-x / Gamma(a) = dpois_raw(a, x) a / x */
    double pr = dist_dpois_raw(shape, x / scale, give_log);
    return give_log ? pr + (isfinite(shape / x) ? log(shape / x) : log(shape) - log(x))
                    : pr * shape / x;
  }
  double pr = dist_dpois_raw(shape - 1, x / scale, give_log);
  return give_log ? pr - log(scale) : pr / scale;
}

double stats_pgamma(double q, double shape, double scale, int lower_tail, int log_p) {
  if (isnan(q) || isnan(shape) || isnan(scale))
    return q + shape + scale;
  if (shape < 0 || scale <= 0)
    return NAN;
  double x = q / scale;
  if (isnan(x))
    return x;
  if (shape == 0) /* all mass at 0 */
    return x <= 0 ? dist_t0(lower_tail, log_p) : dist_t1(lower_tail, log_p);
  if (isinf(shape)) /* as R: NaN for 0 < x < 1, else all mass beyond x */
    return x <= 0  ? dist_t0(lower_tail, log_p)
           : x < 1 ? NAN
                   : (isinf(x) ? dist_t1(lower_tail, log_p) : dist_t0(lower_tail, log_p));
  return dist_pgamma_raw(x, shape, lower_tail, log_p);
}

static double qg_cdf(double x, const double *par, int lower, int log_p) {
  return dist_pgamma_raw(x, par[0], lower, log_p);
}

static double qg_lpdf(double x, const double *par) {
  return stats_dgamma(x, par[0], 1, 1);
}

/* qgamma for scale 1 with the target already checked: a Wilson-Hilferty
** start, or x^a / Gamma(a + 1) = p for small p. */
static double qgamma_std(double a, double lt, int is_lower) {
  double lower_lt = is_lower ? lt : dist_log1mexp(lt);
  double z = stats_qnorm(lt, 0, 1, is_lower, 1);
  double c = 1 - 1 / (9 * a) + z / (3 * sqrt(a)), x0 = a * c * c * c;
  double xs = exp((lower_lt + dist_lgamma1p(a)) / a);
  if (!(x0 > 0) || (xs < 0.5 * a && xs < x0))
    x0 = xs;
  double par[1] = {a};
  return dist_qsolve(qg_cdf, qg_lpdf, par, lt, is_lower, x0, INFINITY);
}

double stats_qgamma(double p, double shape, double scale, int lower_tail, int log_p) {
  if (isnan(p) || isnan(shape) || isnan(scale))
    return p + shape + scale;
  double lt;
  int is_lower;
  if (!dist_target(p, lower_tail, log_p, &lt, &is_lower))
    return NAN;
  if (lt == -INFINITY) /* R: the support's ends come before the parameter checks */
    return is_lower ? 0 : INFINITY;
  if (shape < 0 || scale <= 0)
    return NAN;
  if (shape == 0)
    return 0;
  if (isinf(shape))
    return INFINITY;
  return scale * qgamma_std(shape, lt, is_lower);
}

/* ---------------------------------------------------- chi-squared, exp */

double stats_dchisq(double x, double df, int give_log) {
  return stats_dgamma(x, df / 2, 2, give_log);
}
double stats_pchisq(double q, double df, int lower_tail, int log_p) {
  return stats_pgamma(q, df / 2, 2, lower_tail, log_p);
}
double stats_qchisq(double p, double df, int lower_tail, int log_p) {
  return stats_qgamma(p, df / 2, 2, lower_tail, log_p);
}

/* R's exponential functions take scale = 1/rate, as here. */
double stats_dexp(double x, double rate, int give_log) {
  double scale = 1 / rate;
  if (isnan(x) || isnan(scale))
    return x + scale;
  if (scale <= 0)
    return NAN;
  if (x < 0)
    return dist_zero(give_log);
  return give_log ? -x / scale - log(scale) : exp(-x / scale) / scale;
}

double stats_pexp(double q, double rate, int lower_tail, int log_p) {
  double scale = 1 / rate;
  if (isnan(q) || isnan(scale))
    return q + scale;
  if (scale < 0)
    return NAN;
  if (q <= 0)
    return dist_t0(lower_tail, log_p);
  double lu = -(q / scale); /* log of the upper tail */
  return dist_tail(lu, 0, lower_tail, log_p);
}

double stats_qexp(double p, double rate, int lower_tail, int log_p) {
  double scale = 1 / rate;
  if (isnan(p) || isnan(scale))
    return p + scale;
  if (scale < 0 || (log_p ? p > 0 : (p < 0 || p > 1)))
    return NAN;
  if (p == dist_t0(lower_tail, log_p))
    return 0;
  /* log of the upper tail from p, whichever tail p gives */
  double lu = lower_tail ? (log_p ? dist_log1mexp(p) : log1p(-p)) : (log_p ? p : log(p));
  return -scale * lu;
}

/* ------------------------------------------------------------- Poisson */

double stats_dpois(double x, double lambda, int give_log) {
  if (isnan(x) || isnan(lambda))
    return x + lambda;
  if (lambda < 0)
    return NAN;
  if (DIST_NONINT(x) || x < 0 || !isfinite(x))
    return dist_zero(give_log); /* R warns for a non-integer x */
  return dist_dpois_raw(nearbyint(x), lambda, give_log);
}

double stats_ppois(double q, double lambda, int lower_tail, int log_p) {
  if (isnan(q) || isnan(lambda))
    return q + lambda;
  if (lambda < 0)
    return NAN;
  if (q < 0)
    return dist_t0(lower_tail, log_p);
  if (lambda == 0 || !isfinite(q))
    return dist_t1(lower_tail, log_p);
  double x = floor(q + DIST_FLOOR_FUZZ);
  return dist_pgamma_raw(lambda, x + 1, !lower_tail, log_p);
}

static double qp_cdf(double x, const double *par, int lower, int log_p) {
  return stats_ppois(x, par[0], lower, log_p);
}

double stats_qpois(double p, double lambda, int lower_tail, int log_p) {
  if (isnan(p) || isnan(lambda))
    return p + lambda;
  double lt;
  int is_lower;
  if (!dist_target(p, lower_tail, log_p, &lt, &is_lower) || lambda < 0 ||
      !isfinite(lambda))
    return NAN;
  if (lambda == 0)
    return 0;
  if (lt == -INFINITY)
    return is_lower ? 0 : INFINITY;
  double mu = lambda, sigma = sqrt(lambda), gamma = 1 / sigma;
  double z = stats_qnorm(lt, 0, 1, is_lower, 1);
  double y = nearbyint(mu + sigma * (z + gamma * (z * z - 1) / 6));
  double par[1] = {lambda};
  dist_discrete_target(p, lower_tail, log_p, 0, &lt, &is_lower);
  return dist_qdiscrete(qp_cdf, par, lt, is_lower, y, 0, INFINITY);
}
