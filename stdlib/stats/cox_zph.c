/* cox_zph.c: the test of proportional hazards of survival 3's cox.zph, a
** score test, at the fitted beta, of beta(t) = beta + theta g(t) per term
** (Grambsch & Therneau 1994; Therneau & Grambsch 2000, section 6.2).
** Written from the published method (docs/methods.md (Survival analysis)).
**
** With the Schoenfeld sums at each death, xbar(t) and V(t) of the risk set
** weighted by exp(x beta) (Efron's or Breslow's, as the fit), the score of
** theta is U = sum g(t) (x_death - xbar(t)); the information of (beta,
** theta) is [[sum V, sum g V], [sum g V, sum g^2 V]]. As beta is the
** maximum, the score of beta is 0 and the test of a set S of thetas is
** U_S' (I^-1)_SS U_S, from the information of beta and theta_S. */
#include <math.h>
#include <string.h>

#include "stats/surv.h"

void surv_zph_g(size_t n, const double *time, const uint8_t *dead, const uint32_t *pooled,
                surv_zph_transform kind, double *g) {
  double surv = 1;   /* the pooled Kaplan–Meier just before the current time */
  for (size_t j = 0; j < n;) {
    double t = time[pooled[j]];
    size_t k = j;
    double deaths = 0;
    for (; k < n && time[pooled[k]] == t; k++)
      deaths += dead[pooled[k]];
    for (size_t i = j; i < k; i++) {
      double *v = &g[pooled[i]];
      switch (kind) {
        case SURV_ZPH_KM: *v = 1 - surv; break;
        case SURV_ZPH_RANK: *v = ((double)j + 1 + (double)k) / 2; break;
        case SURV_ZPH_IDENTITY: *v = t; break;
        default: *v = log(t); break;
      }
    }
    surv *= 1 - deaths / (double)(n - j);
    j = k;
  }
  double sum = 0, deaths = 0;
  for (size_t i = 0; i < n; i++)
    if (dead[i]) {
      sum += g[i];
      deaths++;
    }
  double mean = deaths > 0 ? sum / deaths : 0;
  for (size_t i = 0; i < n; i++)
    g[i] -= mean;
}

/* Whether coefficient j is among those test t adds a theta to. */
static int in_test(const surv_zph_in *in, size_t t, size_t j) {
  return t == in->nterms || in->term[j] == t;
}

/* The c-th coefficient (from 0) test t adds a theta to. */
static size_t chosen(const surv_zph_in *in, size_t t, size_t c) {
  for (size_t j = 0; j < in->p; j++)
    if (in_test(in, t, j) && c-- == 0)
      return j;
  return 0;
}

/* Solve m y = b for the symmetric positive definite m (k * k, destroyed)
** by LDL'; 0 when not positive definite. */
static int spd_solve(double *m, size_t k, double *b) {
  double biggest = 0;
  for (size_t i = 0; i < k; i++)
    biggest = fmax(biggest, m[i * k + i]);
  for (size_t i = 0; i < k; i++) {
    double pivot = m[i * k + i];
    if (!(pivot > biggest * 1e-12))
      return 0;
    for (size_t j = i + 1; j < k; j++)   /* lower triangle only */
      for (size_t c = i + 1; c <= j; c++)
        m[j * k + c] -= m[j * k + i] * m[c * k + i] / pivot;
    for (size_t j = i + 1; j < k; j++)
      m[j * k + i] /= pivot;
  }
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < i; j++)
      b[i] -= m[i * k + j] * b[j];
  for (size_t i = k; i-- > 0;) {
    b[i] /= m[i * k + i];
    for (size_t j = i + 1; j < k; j++)
      b[i] -= m[j * k + i] * b[j];
  }
  return 1;
}

/* Sums over the deaths at one time: xbar, V and g at each of Efron's (or
** Breslow's single) steps into u, imat, igmat, iggmat (p * p each). */
static void add_deaths(size_t p, surv_ties ties, double ndead, double denom2, double gt,
                       double *denom, double *a, double *a2, double *cmat, double *cmat2,
                       double *u, double *imat, double *igmat, double *iggmat) {
  int steps = ties == SURV_EFRON ? (int)ndead : 1;
  double frac = ties == SURV_EFRON ? 1 / ndead : 1;
  double wt = ties == SURV_EFRON ? 1 : ndead;
  for (int k = 0; k < steps; k++) {
    *denom += denom2 * frac;
    for (size_t i = 0; i < p; i++)
      a[i] += a2[i] * frac;
    for (size_t i = 0; i < p * p; i++)
      cmat[i] += cmat2[i] * frac;
    for (size_t i = 0; i < p; i++) {
      double mi = a[i] / *denom;
      u[i] -= wt * gt * mi;
      for (size_t j = 0; j < p; j++) {
        double v = wt * (cmat[i * p + j] / *denom - mi * a[j] / *denom);
        imat[i * p + j] += v;
        igmat[i * p + j] += gt * v;
        iggmat[i * p + j] += gt * gt * v;
      }
    }
  }
  memset(a2, 0, p * sizeof *a2);
  memset(cmat2, 0, p * p * sizeof *cmat2);
}

void surv_zph(const surv_zph_in *in, double *chisq, size_t *df, double *work) {
  size_t p = in->p, n = in->n;
  double *mu = work, *a = mu + p, *a2 = a + p, *u = a2 + p, *xc = u + p;   /* p each */
  double *b = xc + p;                                                       /* 2 p */
  double *cmat = b + 2 * p, *cmat2 = cmat + p * p, *imat = cmat2 + p * p;
  double *igmat = imat + p * p, *iggmat = igmat + p * p, *m = iggmat + p * p;   /* 4 p p */
  for (size_t i = 0; i < p; i++) {   /* center x: xbar and V do not change */
    mu[i] = 0;
    for (size_t r = 0; r < n; r++)
      mu[i] += in->x[i * n + r];
    mu[i] /= (double)n;
  }
  memset(u, 0, p * sizeof *u);
  memset(imat, 0, 3 * p * p * sizeof *imat);
  memset(a2, 0, p * sizeof *a2);
  memset(cmat2, 0, p * p * sizeof *cmat2);
  for (size_t s = 0; s < in->nstrata; s++) {
    double denom = 0;
    memset(a, 0, p * sizeof *a);
    memset(cmat, 0, p * p * sizeof *cmat);
    size_t person = in->start[s + 1];
    while (person > in->start[s]) {
      double dtime = in->time[person - 1], ndead = 0, denom2 = 0, gt = 0;
      for (; person > in->start[s] && in->time[person - 1] == dtime; person--) {
        size_t r = person - 1;
        double zbeta = 0;
        for (size_t i = 0; i < p; i++) {
          xc[i] = in->x[i * n + r] - mu[i];
          zbeta += in->beta[i] * xc[i];
        }
        double risk = exp(zbeta);
        double *av = a, *cm = cmat;
        if (in->dead[r]) {
          ndead++;
          denom2 += risk;
          gt = in->g[r];
          for (size_t i = 0; i < p; i++)
            u[i] += gt * xc[i];
          av = a2;
          cm = cmat2;
        } else {
          denom += risk;
        }
        for (size_t i = 0; i < p; i++) {
          av[i] += risk * xc[i];
          for (size_t j = 0; j < p; j++)
            cm[i * p + j] += risk * xc[i] * xc[j];
        }
      }
      if (ndead > 0)
        add_deaths(p, in->ties, ndead, denom2, gt, &denom, a, a2, cmat, cmat2, u, imat, igmat,
                   iggmat);
    }
  }
  for (size_t t = 0; t <= in->nterms; t++) {   /* t == nterms: global */
    size_t q = 0;
    for (size_t j = 0; j < p; j++)
      q += in_test(in, t, j);
    size_t k = p + q;   /* m: beta, then the tested thetas in coefficient order */
    for (size_t i = 0; i < k; i++) {
      size_t ci = i < p ? i : chosen(in, t, i - p);
      for (size_t j = 0; j < k; j++) {
        size_t cj = j < p ? j : chosen(in, t, j - p);
        const double *src = i < p && j < p ? imat : i >= p && j >= p ? iggmat : igmat;
        m[i * k + j] = src[ci * p + cj];
      }
      b[i] = i < p ? 0 : u[ci];
    }
    df[t] = q;
    chisq[t] = NAN;
    if (!spd_solve(m, k, b))
      continue;
    chisq[t] = 0;
    for (size_t i = p; i < k; i++)
      chisq[t] += u[chosen(in, t, i - p)] * b[i];
  }
}
