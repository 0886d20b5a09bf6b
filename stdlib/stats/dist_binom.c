/* dist_binom.c: the binomial and negative binomial laws (d/p/q, and the
** negative binomial's mean parametrization). Densities by Loader (2000),
** distribution functions by the incomplete beta, quantiles by a
** Cornish-Fisher start and a search. docs/methods.md (Distributions). */
#include "stats/dist.h"
#include "stats/dist_internal.h"

/* A Cornish-Fisher start mu + sigma (z + gamma (z^2 - 1)/6) for the target. */
static double cornish_fisher(double mu, double sigma, double gamma, double lt,
                             int is_lower) {
  double z = stats_qnorm(lt, 0, 1, is_lower, 1);
  double y = floor(mu + sigma * (z + gamma * (z * z - 1) / 6) + 0.5);
  return isfinite(y) ? y : mu;
}

/* ------------------------------------------------------------ binomial */

double stats_dbinom(double x, double size, double prob, int give_log) {
  if (isnan(x) || isnan(size) || isnan(prob))
    return x + size + prob;
  if (prob < 0 || prob > 1 || size < 0 || DIST_NONINT(size))
    return NAN;
  if (DIST_NONINT(x) || x < 0 || !isfinite(x))
    return dist_zero(give_log); /* R warns for a non-integer x */
  return dist_dbinom_raw(nearbyint(x), nearbyint(size), prob, 0.5 - prob + 0.5, give_log);
}

double stats_pbinom(double q, double size, double prob, int lower_tail, int log_p) {
  if (isnan(q) || isnan(size) || isnan(prob))
    return q + size + prob;
  if (!isfinite(size) || !isfinite(prob) || DIST_NONINT(size))
    return NAN;
  double n = nearbyint(size);
  if (n < 0 || prob < 0 || prob > 1)
    return NAN;
  if (q < 0)
    return dist_t0(lower_tail, log_p);
  double x = floor(q + DIST_FLOOR_FUZZ);
  if (n <= x)
    return dist_t1(lower_tail, log_p);
  /* P(X <= x) = I_{1-p}(n - x, x + 1) */
  return dist_pbeta_raw(prob, 0.5 - prob + 0.5, x + 1, n - x, !lower_tail, log_p);
}

static double qb_cdf(double x, const double *par, int lower, int log_p) {
  return stats_pbinom(x, par[0], par[1], lower, log_p);
}

double stats_qbinom(double p, double size, double prob, int lower_tail, int log_p) {
  if (isnan(p) || isnan(size) || isnan(prob))
    return p + size + prob;
  double lt;
  int is_lower;
  if (!dist_target(p, lower_tail, log_p, &lt, &is_lower) || !isfinite(size) ||
      !isfinite(prob) || size < 0 || prob < 0 || prob > 1)
    return NAN;
  double n = nearbyint(size), q = 0.5 - prob + 0.5; /* R rounds a non-integer size */
  if (lt == -INFINITY)
    return is_lower ? 0 : n;
  if (prob == 0 || n == 0)
    return 0;
  if (q == 0)
    return n;
  double mu = n * prob, sigma = sqrt(n * prob * q);
  double y = cornish_fisher(mu, sigma, (q - prob) / sigma, lt, is_lower);
  double par[2] = {n, prob};
  dist_discrete_target(p, lower_tail, log_p, 0, &lt, &is_lower);
  return dist_qdiscrete(qb_cdf, par, lt, is_lower, y, 0, n);
}

/* --------------------------------------------------- negative binomial */

double stats_dnbinom(double x, double size, double prob, int give_log) {
  if (isnan(x) || isnan(size) || isnan(prob))
    return x + size + prob;
  if (prob <= 0 || prob > 1 || size < 0)
    return NAN;
  if (DIST_NONINT(x) || x < 0 || !isfinite(x))
    return dist_zero(give_log);
  if (x == 0 && size == 0)
    return dist_one(give_log);
  x = nearbyint(x);
  if (!isfinite(size))
    size = DBL_MAX;
  /* size/(size+x) * dbinom(size; x + size, prob) */
  double ans = dist_dbinom_raw(size, x + size, prob, 0.5 - prob + 0.5, give_log);
  double r = size / (size + x);
  return give_log ? log(r) + ans : r * ans;
}

double stats_dnbinom_mu(double x, double size, double mu, int give_log) {
  if (isnan(x) || isnan(size) || isnan(mu))
    return x + size + mu;
  if (mu < 0 || size < 0)
    return NAN;
  if (DIST_NONINT(x) || x < 0 || !isfinite(x))
    return dist_zero(give_log);
  if (x == 0 && size == 0)
    return dist_one(give_log);
  x = nearbyint(x);
  if (!isfinite(size)) /* the Poisson limit */
    return dist_dpois_raw(x, mu, give_log);
  if (x == 0) /* size log(size/(size + mu)) */
    return dist_dexp(size *
                         (size < mu ? log(size / (size + mu)) : log1p(-mu / (size + mu))),
                     give_log);
  double ans =
      dist_dbinom_raw(size, x + size, size / (size + mu), mu / (size + mu), give_log);
  double r = size / (size + x);
  return give_log ? log(r) + ans : r * ans;
}

/* P(X <= x) = I_prob(size, x + 1), prob and 1 - prob given separately. */
static double pnbinom_raw(double q, double size, double pr, double qr, int lower_tail,
                          int log_p) {
  if (q < 0)
    return dist_t0(lower_tail, log_p);
  if (size == 0 || !isfinite(q))
    return dist_t1(lower_tail, log_p);
  double x = floor(q + DIST_FLOOR_FUZZ);
  return dist_pbeta_raw(pr, qr, size, x + 1, lower_tail, log_p);
}

double stats_pnbinom(double q, double size, double prob, int lower_tail, int log_p) {
  if (isnan(q) || isnan(size) || isnan(prob))
    return q + size + prob;
  if (!isfinite(size) || !isfinite(prob) || size < 0 || prob <= 0 || prob > 1)
    return NAN;
  return pnbinom_raw(q, size, prob, 0.5 - prob + 0.5, lower_tail, log_p);
}

double stats_pnbinom_mu(double q, double size, double mu, int lower_tail, int log_p) {
  if (isnan(q) || isnan(size) || isnan(mu))
    return q + size + mu;
  if (!isfinite(mu) || size < 0 || mu < 0)
    return NAN;
  if (!isfinite(size)) /* the Poisson limit */
    return stats_ppois(q, mu, lower_tail, log_p);
  return pnbinom_raw(q, size, size / (size + mu), mu / (size + mu), lower_tail, log_p);
}

static double qnb_cdf(double x, const double *par, int lower, int log_p) {
  return pnbinom_raw(x, par[0], par[1], par[2], lower, log_p);
}

/* The search for both parametrizations: prob pr, 1 - prob qr. */
static double qnbinom_raw(double p, int lower_tail, int log_p, double lt, int is_lower,
                          double size, double pr, double qr) {
  double Q = 1 / pr, P = qr * Q; /* mean size P, variance size P Q */
  double mu = size * P, sigma = sqrt(size * P * Q);
  double y = cornish_fisher(mu, sigma, (Q + P) / sigma, lt, is_lower);
  double par[3] = {size, pr, qr};
  dist_discrete_target(p, lower_tail, log_p, 0, &lt, &is_lower);
  return dist_qdiscrete(qnb_cdf, par, lt, is_lower, y, 0, INFINITY);
}

double stats_qnbinom(double p, double size, double prob, int lower_tail, int log_p) {
  if (isnan(p) || isnan(size) || isnan(prob))
    return p + size + prob;
  if (prob == 0 && size == 0)
    return 0;
  double lt;
  int is_lower;
  if (!dist_target(p, lower_tail, log_p, &lt, &is_lower) || prob <= 0 || prob > 1 ||
      size < 0 || !isfinite(size))
    return NAN;
  if (prob == 1 || size == 0)
    return 0;
  if (lt == -INFINITY)
    return is_lower ? 0 : INFINITY;
  return qnbinom_raw(p, lower_tail, log_p, lt, is_lower, size, prob, 0.5 - prob + 0.5);
}

double stats_qnbinom_mu(double p, double size, double mu, int lower_tail, int log_p) {
  if (isnan(p) || isnan(size) || isnan(mu))
    return p + size + mu;
  if (!isfinite(size) && isfinite(mu) && mu >= 0)
    return stats_qpois(p, mu, lower_tail, log_p);
  double lt;
  int is_lower;
  if (!dist_target(p, lower_tail, log_p, &lt, &is_lower) || mu < 0 || size < 0 ||
      !isfinite(mu))
    return NAN;
  if (mu == 0 || size == 0)
    return 0;
  if (lt == -INFINITY)
    return is_lower ? 0 : INFINITY;
  return qnbinom_raw(p, lower_tail, log_p, lt, is_lower, size, size / (size + mu),
                     mu / (size + mu));
}
