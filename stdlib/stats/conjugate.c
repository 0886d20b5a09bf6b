/* conjugate.c: Beta-binomial and Gamma-Poisson conjugate posteriors. */
#include <math.h>

#include "stats/dist.h"
#include "stats/htest.h"

const char *posterior_beta_binomial(double s, double n, double a, double b,
                                    posterior *out) {
  if (!(a > 0 && b > 0 && isfinite(a) && isfinite(b)))
    return "prior = {a, b} must be positive numbers";
  if (!(n >= 0 && isfinite(n) && n == floor(n)))
    return "n must be a nonnegative integer";
  if (!(s >= 0 && s <= n && s == floor(s)))
    return "successes must be an integer between 0 and n";
  *out = (posterior){0, a + s, b + n - s};
  return NULL;
}

const char *posterior_gamma_poisson(double events, double exposure, double shape,
                                    double rate, posterior *out) {
  if (!(shape > 0 && rate > 0 && isfinite(shape) && isfinite(rate)))
    return "prior = {shape, rate} must be positive numbers";
  if (!(events >= 0 && isfinite(events) && events == floor(events)))
    return "events must be a nonnegative integer";
  if (!(exposure >= 0 && isfinite(exposure)))
    return "exposure must be a nonnegative number";
  *out = (posterior){1, shape + events, rate + exposure};
  return NULL;
}

double posterior_mean(const posterior *p) {
  return p->gamma ? p->a / p->b : p->a / (p->a + p->b);
}

double posterior_prob_greater(const posterior *p, double x) {
  return p->gamma ? stats_pgamma(x, p->a, 1 / p->b, 0, 0)
                  : stats_pbeta(x, p->a, p->b, 0, 0);
}

void posterior_interval(const posterior *p, double level, double lohi[2]) {
  double tail = (1 - level) / 2;
  for (int i = 0; i < 2; i++) {
    double q = i == 0 ? tail : 1 - tail;
    lohi[i] = p->gamma ? stats_qgamma(q, p->a, 1 / p->b, 1, 0)
                       : stats_qbeta(q, p->a, p->b, 1, 0);
  }
}
