/* uniroot.c: Brent's zeroin, iterate for iterate as R's uniroot runs it. */
#include <float.h>
#include <math.h>

#include "stats/htest.h"

/* R's uniroot default maxiter; its loop runs maxiter + 1 times. */
#define UNIROOT_MAXITER 1000

/* One interpolation step of Brent (1973, ch. 4): the inverse quadratic or
** secant step from (a, fa), (b, fb), (c, fc), or the bisection `step` when
** the interpolant falls outside [b, c] or shrinks too slowly. */
static double brent_step(double a, double b, double c, double fa, double fb, double fc,
                         double prev_step, double tol_act, double step) {
  double p, q, cb = c - b;
  if (fabs(prev_step) < tol_act || fabs(fa) <= fabs(fb))
    return step;
  if (a == c) { /* two distinct points: secant */
    double t1 = fb / fa;
    p = cb * t1;
    q = 1.0 - t1;
  } else { /* inverse quadratic interpolation */
    double t1 = fb / fc, t2 = fb / fa;
    q = fa / fc;
    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
  }
  if (p > 0)
    q = -q;
  else
    p = -p;
  if (p < (0.75 * cb * q - fabs(tol_act * q) / 2) && p < fabs(prev_step * q / 2))
    return p / q;
  return step;
}

/* The algorithm is Brent's (the public-domain C of netlib's zeroin.c by
** Oleg Keselyov); R's uniroot calls the same algorithm, so the same
** arithmetic in the same order reproduces R's (tolerance-limited) root. */
double ht_uniroot(double (*f)(double, void *), void *ctx, double lo, double hi,
                  double flo, double fhi, double tol) {
  double a = lo, b = hi, c = a, fa = flo, fb = fhi, fc = fa;
  if (isnan(flo) || isnan(fhi) || (flo > 0 && fhi > 0) || (flo < 0 && fhi < 0))
    return NAN;
  if (fa == 0.0)
    return a;
  if (fb == 0.0)
    return b;
  for (int left = UNIROOT_MAXITER + 1; left > 0; left--) {
    double prev_step = b - a;
    if (fabs(fc) < fabs(fb)) { /* b is the best approximation */
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    double tol_act = 2 * DBL_EPSILON * fabs(b) + tol / 2;
    double step = (c - b) / 2;
    if (fabs(step) <= tol_act || fb == 0.0)
      return b;
    step = brent_step(a, b, c, fa, fb, fc, prev_step, tol_act, step);
    if (fabs(step) < tol_act)
      step = step > 0 ? tol_act : -tol_act;
    a = b;
    fa = fb;
    b += step;
    fb = f(b, ctx);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b; /* R warns "_NOT_ converged" and returns the last iterate */
}
