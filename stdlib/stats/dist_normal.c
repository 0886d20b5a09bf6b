/* dist_normal.c: the normal distribution, dnorm, pnorm (the C library's
** erfc plus Laplace's continued fraction for the far tail on the log
** scale) and qnorm (Wichura 1988, AS 241 PPND16). docs/methods.md (Distributions). */
#include "stats/dist.h"
#include "stats/dist_internal.h"

double stats_dnorm(double x, double mean, double sd, int give_log) {
  if (isnan(x) || isnan(mean) || isnan(sd))
    return x + mean + sd;
  if (sd < 0)
    return NAN;
  if (!isfinite(sd))
    return dist_zero(give_log);
  if (!isfinite(x) && mean == x)
    return NAN; /* Inf - Inf */
  if (sd == 0)
    return x == mean ? INFINITY : dist_zero(give_log);
  double z = fabs((x - mean) / sd);
  if (!isfinite(z) || z > 1e150) /* z^2 overflows; the density is 0 */
    return give_log ? -0.5 * z * z : 0;
  /* z^2 = hi + lo exactly (fma), so exp(-z^2/2) keeps full precision */
  double hi = z * z, lo = fma(z, z, -hi);
  if (!give_log && hi > 1600)
    return 0; /* underflows, and exp(-lo/2) might not */
  if (give_log)
    return -(PW_LN_SQRT_2PI + 0.5 * hi + 0.5 * lo + log(sd));
  return exp(-0.5 * hi) * exp(-0.5 * lo) / (sd * 2.506628274631000502415765284811);
}

/* log Q(x) = log P(Z > x) for x >= 8: -x^2/2 - log sqrt(2 pi) - log f, with
** f = x + 1/(x + 2/(x + 3/(x + ...))) (Laplace's continued fraction for
** Mills' ratio, evaluated from depth 120 backwards). */
static double log_upper_far(double x) {
  if (x > 1e150)
    return -0.5 * x * x; /* -Inf */
  double f = x;
  for (int k = 120; k >= 1; k--)
    f = x + k / f;
  double hi = x * x, lo = fma(x, x, -hi);
  return -0.5 * hi - 0.5 * lo - PW_LN_SQRT_2PI - log(f);
}

/* The standard normal's tail `lower` at z on scale log_p. */
static double pnorm_std(double z, int lower, int log_p) {
  if (!lower)
    z = -z; /* now the lower tail at z */
  if (log_p) {
    if (z < -8)
      return log_upper_far(-z);
    if (z > 8)
      return -exp(log_upper_far(z)); /* log(1 - q) = -q to within q^2 */
    if (z > 0)
      return log1p(-0.5 * erfc(z * M_SQRT1_2));
    return log(0.5 * erfc(-z * M_SQRT1_2));
  }
  return 0.5 * erfc(-z * M_SQRT1_2);
}

double stats_pnorm(double q, double mean, double sd, int lower_tail, int log_p) {
  if (isnan(q) || isnan(mean) || isnan(sd))
    return q + mean + sd;
  if (!isfinite(q) && mean == q)
    return NAN; /* Inf - Inf */
  if (sd < 0)
    return NAN;
  if (sd == 0 || !isfinite(sd)) {
    if (!isfinite(sd) && isfinite(q - mean))
      return dist_tail(log(0.5), 1, lower_tail, log_p); /* R: sd = Inf gives 1/2 */
    return q < mean ? dist_t0(lower_tail, log_p) : dist_t1(lower_tail, log_p);
  }
  double z = (q - mean) / sd;
  if (isnan(z))
    return NAN;
  if (isinf(z))
    return z < 0 ? dist_t0(lower_tail, log_p) : dist_t1(lower_tail, log_p);
  return pnorm_std(z, lower_tail, log_p);
}

/* Wichura's AS 241 (PPND16) coefficients, as published. */
static double ppnd_central(double q) {
  double r = 0.180625 - q * q;
  return q *
         (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r +
               67265.770927008700853) *
                  r +
              45921.953931549871457) *
                 r +
             13731.693765509461125) *
                r +
            1971.5909503065514427) *
               r +
           133.14166789178437745) *
              r +
          3.387132872796366608) /
         (((((((r * 5226.495278852545925 + 28729.085735721942674) * r +
               39307.89580009271061) *
                  r +
              21213.794301586595867) *
                 r +
             5394.1960214247511077) *
                r +
            687.1870074920579083) *
               r +
           42.313330701600911252) *
              r +
          1.0);
}

static double ppnd_tail(double r) { /* r = sqrt(-log(smaller tail)) */
  if (r <= 5) {
    r -= 1.6;
    return (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r +
                 0.24178072517745061177) *
                    r +
                1.27045825245236838258) *
                   r +
               3.64784832476320460504) *
                  r +
              5.7694972214606914055) *
                 r +
             4.6303378461565452959) *
                r +
            1.42343711074968357734) /
           (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r +
                 0.0151986665636164571966) *
                    r +
                0.14810397642748007459) *
                   r +
               0.68976733498510000455) *
                  r +
              1.6763848301838038494) *
                 r +
             2.05319162663775882187) *
                r +
            1.0);
  }
  r -= 5;
  return (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r +
               0.0012426609473880784386) *
                  r +
              0.026532189526576123093) *
                 r +
             0.29656057182850489123) *
                r +
            1.7848265399172913358) *
               r +
           5.4637849111641143699) *
              r +
          6.6579046435011037772) /
         (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r +
               1.8463183175100546818e-5) *
                  r +
              7.868691311456132591e-4) *
                 r +
             0.0148753612908506148525) *
                r +
            0.13692988092273580531) *
               r +
           0.59983220655588793769) *
              r +
          1.0);
}

double stats_qnorm(double p, double mean, double sd, int lower_tail, int log_p) {
  if (isnan(p) || isnan(mean) || isnan(sd))
    return p + mean + sd;
  if (log_p ? p > 0 : (p < 0 || p > 1))
    return NAN;
  double p0 = dist_zero(log_p), p1 = dist_one(log_p);
  if (p == p0)
    return lower_tail ? -INFINITY : INFINITY;
  if (p == p1)
    return lower_tail ? INFINITY : -INFINITY;
  if (sd < 0)
    return NAN;
  if (sd == 0)
    return mean;
  /* q = P(lower) - 1/2, the lower-tail probability's distance from 1/2 */
  double pl =
      log_p ? (lower_tail ? exp(p) : -expm1(p)) : (lower_tail ? p : 0.5 - p + 0.5);
  double q = log_p || lower_tail ? pl - 0.5 : 0.5 - p, val;
  if (fabs(q) <= 0.425) {
    val = ppnd_central(q);
  } else {
    /* log of the smaller tail, straight from p where it is given */
    int want_lower = q < 0; /* the lower tail is the smaller one */
    double lr;
    if (log_p)
      lr = want_lower == lower_tail ? p : dist_log1mexp(p);
    else
      lr = want_lower == lower_tail ? log(p) : log1p(-p);
    val = ppnd_tail(sqrt(-lr));
    if (want_lower)
      val = -val;
  }
  return mean + sd * val;
}
