/* km.c: Kaplan–Meier curves with Greenwood's variance, confidence limits,
** the median and its interval, the restricted mean and the curve at any
** time, each as R's survival 3.5 (survfitKM, survfit_confint, survmean,
** summary.survfit) computes it. */
#include <math.h>

#include "stats/surv.h"

void surv_km(size_t k, const uint32_t *idx, const double *time, const uint8_t *dead,
             surv_curve *c) {
  size_t m = 0, i = 0;
  double s = 1, v = 0;
  while (i < k) {
    double t = time[idx[i]], d = 0, cens = 0;
    double at_risk = (double)(k - i);
    for (; i < k && time[idx[i]] == t; i++) {
      if (dead[idx[i]])
        d++;
      else
        cens++;
    }
    if (d > 0) {
      s *= (at_risk - d) / at_risk;
      v += d / (at_risk * (at_risk - d));   /* Inf when all at risk die, as R */
    }
    c->time[m] = t;
    c->n_risk[m] = at_risk;
    c->n_event[m] = d;
    c->n_censor[m] = cens;
    c->surv[m] = s;
    c->varh[m] = v;
    m++;
  }
  c->m = m;
}

static double clip_low(double x) {   /* pmax(x, 0), keeping NaN as R does */
  return x < 0 ? 0 : x;
}
static double clip_high(double x) {  /* pmin(x, 1), keeping NaN */
  return x > 1 ? 1 : x;
}

void surv_confint(const surv_curve *c, surv_ci type, double z, double *lower, double *upper) {
  for (size_t i = 0; i < c->m; i++) {
    double p = c->surv[i], se = sqrt(c->varh[i]);
    /* R scales the lower limit's se by selow / se, which is 1 except that
       it is NaN where se is Inf or 0 / 0 (R uses 1 at se == 0) */
    double scale = se == 0 ? 1 : se / se;
    if (type == SURV_CI_PLAIN) {
      double se2 = se * p * z;
      lower[i] = clip_low(p - se2 * scale);
      upper[i] = clip_high(p + se2);
    } else if (type == SURV_CI_LOG) {
      if (p == 0) {
        lower[i] = upper[i] = NAN;
        continue;
      }
      double se2 = z * se;
      lower[i] = exp(log(p) - se2 * scale);
      upper[i] = clip_high(exp(log(p) + se2));
    } else {
      if (p == 0 || p == 1) {
        lower[i] = upper[i] = NAN;
        continue;
      }
      double se2 = z * se / log(p);
      lower[i] = exp(-exp(log(-log(p)) - se2 * scale));
      upper[i] = exp(-exp(log(-log(p)) + se2));
    }
  }
}

double surv_median(size_t m, const double *time, const double *y) {
  const double tol = 1.4901161193847656e-08;   /* .Machine$double.eps^0.5 */
  size_t first = m;
  for (size_t i = 0; i < m; i++) {
    if (!isnan(y[i]) && y[i] < 0.5 + tol) {
      first = i;
      break;
    }
  }
  if (first == m)
    return NAN;
  if (fabs(y[first] - 0.5) < tol) {
    /* at 0.5 exactly: halfway to the next kept time with a lower value */
    for (size_t i = first + 1; i < m; i++) {
      if (!isnan(y[i]) && y[i] < 0.5 + tol && y[i] < y[first])
        return (time[first] + time[i]) / 2;
    }
  }
  return time[first];
}

void surv_rmst(const surv_curve *c, double start, double tau, double *mean, double *se) {
  /* kept: times <= tau, then tau itself with the last kept value; the
     rectangles are (t_j - t_{j-1}) * S(t_{j-1}) with S = 1 before the first */
  size_t keep = 0;
  while (keep < c->m && c->time[keep] <= tau)
    keep++;
  double area = 0, prev_t = start, prev_s = 1;
  for (size_t j = 0; j <= keep; j++) {
    double t = j < keep ? c->time[j] : tau;
    area += (t - prev_t) * prev_s;
    prev_t = t;
    if (j < keep)
      prev_s = c->surv[j];
  }
  /* variance: sum over kept times j of h_j * (area after t_j)^2, with
     h_j = d / (n (n - d)), 0 where n == d */
  double var = 0, after = 0;
  for (size_t j = keep; j-- > 0;) {
    double t_next = j + 1 < keep ? c->time[j + 1] : tau;
    after += (t_next - c->time[j]) * c->surv[j];
    double n = c->n_risk[j], d = c->n_event[j];
    double h = n - d == 0 ? 0 : d / (n * (n - d));
    var += after * after * h;
  }
  *mean = area + start;
  *se = sqrt(var);
}

surv_point surv_at(const surv_curve *c, double t, int extend) {
  surv_point p = {0, NAN, NAN, SIZE_MAX, 0, 0};
  if (!isfinite(t) || c->m == 0 || (!extend && t > c->time[c->m - 1]))
    return p;
  p.present = 1;
  size_t le = 0, lt = 0;   /* times <= t, times < t (binary searches) */
  size_t lo = 0, hi = c->m;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->time[mid] <= t)
      lo = mid + 1;
    else
      hi = mid;
  }
  le = lo;
  lo = 0;
  hi = le;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->time[mid] < t)
      lo = mid + 1;
    else
      hi = mid;
  }
  lt = lo;
  p.n_risk = lt < c->m ? c->n_risk[lt] : 0;
  if (le == 0) {
    p.surv = 1;
    p.std_err = 0;
    return p;
  }
  p.row = le - 1;
  p.surv = c->surv[p.row];
  p.std_err = p.surv * sqrt(c->varh[p.row]);
  for (size_t i = 0; i < le; i++)
    p.n_event += c->n_event[i];
  return p;
}
