/* cox.c: Cox proportional hazards by Newton–Raphson on the partial
** likelihood, with Efron's or Breslow's handling of tied deaths, following
** survival's coxfit6.c step for step (centering and scaling, the
** convergence rule, step halving) so the iterations are R's. */
#include <math.h>
#include <string.h>

#include "stats/surv.h"

/* Scratch of one fit, carved from the caller's work array. */
typedef struct cox_work {
  double *newbeta;  /* p: the point being evaluated */
  double *a;        /* p: weighted sums of x over the risk set */
  double *a2;       /* p: the same over the deaths at one time */
  double *scale;    /* p: the scaling of each covariate (1 when not scaled) */
  double *step;     /* p: Newton step */
  double *imat;     /* p * p: information, then its LDL' factor or inverse */
  double *cmat;     /* p * p: weighted sums of x x' over the risk set */
  double *cmat2;    /* p * p: the same over the deaths at one time */
} cox_work;

/* survival's coxsafe: keep exp() of the linear predictor finite. */
static double coxsafe(double x) {
  return x < -200 ? -200 : x > 22 ? 22 : x;
}

/* Add the deaths at one time to u, imat and the log likelihood. */
static double add_deaths(size_t p, surv_ties ties, double ndead, double denom2,
                         double *denom, double *u, const cox_work *w) {
  double ll = 0;
  int steps = ties == SURV_EFRON ? (int)ndead : 1;
  double frac = ties == SURV_EFRON ? 1 / ndead : 1;
  double wt = ties == SURV_EFRON ? 1 : ndead;   /* deaths per step */
  for (int k = 0; k < steps; k++) {
    *denom += denom2 * frac;
    ll -= wt * log(*denom);
    for (size_t i = 0; i < p; i++) {
      w->a[i] += w->a2[i] * frac;
      double mean = w->a[i] / *denom;
      u[i] -= wt * mean;
      for (size_t j = 0; j <= i; j++) {
        w->cmat[i * p + j] += w->cmat2[i * p + j] * frac;
        w->imat[j * p + i] += wt * (w->cmat[i * p + j] - mean * w->a[j]) / *denom;
      }
    }
  }
  memset(w->a2, 0, p * sizeof *w->a2);
  memset(w->cmat2, 0, p * p * sizeof *w->cmat2);
  return ll;
}

/* Log partial likelihood at beta; score into u and information into
** w->imat (upper triangle, as coxfit6). Walks each stratum from its last
** time back, so each risk set is a running sum. */
static double accumulate(const surv_cox_in *in, const double *beta, double *u,
                         const cox_work *w) {
  size_t p = in->p, n = in->n;
  const double *x = in->x;
  double ll = 0;
  memset(u, 0, p * sizeof *u);
  memset(w->imat, 0, p * p * sizeof *w->imat);
  memset(w->a2, 0, p * sizeof *w->a2);
  memset(w->cmat2, 0, p * p * sizeof *w->cmat2);
  for (size_t s = 0; s < in->nstrata; s++) {
    double denom = 0;
    memset(w->a, 0, p * sizeof *w->a);
    memset(w->cmat, 0, p * p * sizeof *w->cmat);
    size_t person = in->start[s + 1];
    while (person > in->start[s]) {
      double dtime = in->time[person - 1], ndead = 0, denom2 = 0;
      for (; person > in->start[s] && in->time[person - 1] == dtime; person--) {
        size_t r = person - 1;
        double zbeta = 0;
        for (size_t i = 0; i < p; i++)
          zbeta += beta[i] * x[i * n + r];
        zbeta = coxsafe(zbeta);
        double risk = exp(zbeta);
        int dead = in->dead[r];
        double *av = dead ? w->a2 : w->a, *cm = dead ? w->cmat2 : w->cmat;
        if (dead) {
          ndead++;
          denom2 += risk;
          ll += zbeta;
          for (size_t i = 0; i < p; i++)
            u[i] += x[i * n + r];
        } else {
          denom += risk;
        }
        for (size_t i = 0; i < p; i++) {
          av[i] += risk * x[i * n + r];
          for (size_t j = 0; j <= i; j++)
            cm[i * p + j] += risk * x[i * n + r] * x[j * n + r];
        }
      }
      if (ndead > 0)
        ll += add_deaths(p, in->ties, ndead, denom2, &denom, u, w);
    }
  }
  return ll;
}

/* survival's cholesky2: LDL' of the symmetric m (upper triangle read) in
** its lower triangle; pivots below toler * the largest diagonal are set to
** 0. Returns the rank (negative when not non-negative definite). */
static int cholesky2(double *m, size_t n, double toler) {
  double eps = 0;
  int rank = 0, nonneg = 1;
  for (size_t i = 0; i < n; i++) {
    if (m[i * n + i] > eps)
      eps = m[i * n + i];
    for (size_t j = i + 1; j < n; j++)
      m[j * n + i] = m[i * n + j];
  }
  eps = eps == 0 ? toler : eps * toler;
  for (size_t i = 0; i < n; i++) {
    double pivot = m[i * n + i];
    if (!isfinite(pivot) || pivot < eps) {
      m[i * n + i] = 0;
      if (pivot < -8 * eps)
        nonneg = -1;
      continue;
    }
    rank++;
    for (size_t j = i + 1; j < n; j++) {
      double t = m[j * n + i] / pivot;
      m[j * n + i] = t;
      m[j * n + j] -= t * t * pivot;
      for (size_t k = j + 1; k < n; k++)
        m[k * n + j] -= t * m[k * n + i];
    }
  }
  return rank * nonneg;
}

/* survival's chsolve2: y = m^-1 y from cholesky2's factor. */
static void chsolve2(const double *m, size_t n, double *y) {
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < i; j++)
      y[i] -= y[j] * m[i * n + j];
  for (size_t i = n; i-- > 0;) {
    if (m[i * n + i] == 0) {
      y[i] = 0;
      continue;
    }
    double t = y[i] / m[i * n + i];
    for (size_t j = i + 1; j < n; j++)
      t -= y[j] * m[j * n + i];
    y[i] = t;
  }
}

/* survival's chinv2: the inverse from cholesky2's factor, in the upper
** triangle (singular rows and columns 0). */
static void chinv2(double *m, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (m[i * n + i] > 0) {
      m[i * n + i] = 1 / m[i * n + i];
      for (size_t j = i + 1; j < n; j++) {
        m[j * n + i] = -m[j * n + i];
        for (size_t k = 0; k < i; k++)
          m[j * n + k] += m[j * n + i] * m[i * n + k];
      }
    }
  }
  for (size_t i = 0; i < n; i++) {
    if (m[i * n + i] == 0) {
      for (size_t j = 0; j < i; j++)
        m[j * n + i] = 0;
      for (size_t j = i; j < n; j++)
        m[i * n + j] = 0;
      continue;
    }
    for (size_t j = i + 1; j < n; j++) {
      double t = m[j * n + i] * m[j * n + j];
      m[i * n + j] = t;
      for (size_t k = i; k < j; k++)
        m[i * n + k] += t * m[j * n + k];
    }
  }
}

/* Center and scale the covariates not coded in {-1, 0, 1}, as coxph.fit
** with nocenter = c(-1, 0, 1). */
static void center_scale(const surv_cox_in *in, double *scale) {
  size_t n = in->n;
  for (size_t i = 0; i < in->p; i++) {
    double *col = in->x + i * n;
    scale[i] = 1;
    int zero_one = 1;
    for (size_t r = 0; r < n && zero_one; r++)
      zero_one = col[r] == 0 || col[r] == 1 || col[r] == -1;
    if (zero_one)
      continue;
    double mean = 0, mad = 0;
    for (size_t r = 0; r < n; r++)
      mean += col[r];
    mean /= (double)n;
    for (size_t r = 0; r < n; r++) {
      col[r] -= mean;
      mad += fabs(col[r]);
    }
    scale[i] = mad > 0 ? (double)n / mad : 1;
    for (size_t r = 0; r < n; r++)
      col[r] *= scale[i];
  }
}

/* The final beta, u and inverse information back on the original scale. */
static void finish(size_t p, const cox_work *w, surv_cox_out *out) {
  chinv2(w->imat, p);
  for (size_t i = 0; i < p; i++) {
    out->beta[i] = w->newbeta[i] * w->scale[i];
    out->u[i] /= w->scale[i];
    for (size_t j = 0; j <= i; j++) {
      double v = w->imat[j * p + i] * w->scale[i] * w->scale[j];
      out->var[j * p + i] = out->var[i * p + j] = v;
    }
  }
}

int surv_cox(const surv_cox_in *in, surv_cox_out *out, double *work) {
  size_t p = in->p;
  cox_work w = {work, work + p, work + 2 * p, work + 3 * p, work + 4 * p,
                work + 6 * p, work + 6 * p + p * p, work + 6 * p + 2 * p * p};
  double *beta = work + 5 * p;   /* the last accepted point */
  center_scale(in, w.scale);
  memset(beta, 0, p * sizeof *beta);
  out->singular = 0;
  out->converged = 1;
  out->iter = 0;
  out->loglik[0] = out->loglik[1] = accumulate(in, beta, out->u, &w);
  int rank = cholesky2(w.imat, p, in->toler_chol);
  memcpy(w.step, out->u, p * sizeof *w.step);
  chsolve2(w.imat, p, w.step);
  out->score = 0;
  for (size_t i = 0; i < p; i++) {
    out->score += out->u[i] * w.step[i];
    w.newbeta[i] = beta[i] + w.step[i];
  }
  int halving = 0;
  double newlk = out->loglik[1];
  for (out->iter = 1; out->iter <= in->max_iter; out->iter++) {
    newlk = accumulate(in, w.newbeta, out->u, &w);
    rank = cholesky2(w.imat, p, in->toler_chol);
    if (fabs(1 - out->loglik[1] / newlk) <= in->eps && !halving)
      break;
    if (out->iter == in->max_iter) {
      out->converged = 0;
      break;
    }
    if (newlk < out->loglik[1]) {   /* not converging: halve the step */
      halving = 1;
      for (size_t i = 0; i < p; i++)
        w.newbeta[i] = (w.newbeta[i] + beta[i]) / 2;
    } else {
      halving = 0;
      out->loglik[1] = newlk;
      memcpy(w.step, out->u, p * sizeof *w.step);
      chsolve2(w.imat, p, w.step);
      for (size_t i = 0; i < p; i++) {
        beta[i] = w.newbeta[i];
        w.newbeta[i] += w.step[i];
      }
    }
  }
  if (out->iter > in->max_iter)
    out->iter = in->max_iter;
  out->loglik[1] = newlk;
  finish(p, &w, out);
  if (rank < (int)p) {
    for (size_t i = 0; i < p; i++)
      if (out->var[i * p + i] == 0) {
        out->singular = (int)i + 1;
        return -1;
      }
    out->singular = 1;
    return -1;
  }
  return 0;
}

double surv_wald(size_t p, const double *beta, const double *var, double *work) {
  double *m = work, *y = work + p * p;
  memcpy(m, var, p * p * sizeof *m);
  memcpy(y, beta, p * sizeof *y);
  if (cholesky2(m, p, 1e-9) < (int)p)
    return NAN;
  chsolve2(m, p, y);
  double s = 0;
  for (size_t i = 0; i < p; i++)
    s += y[i] * beta[i];
  return s;
}

/* Fenwick tree over ranks 1..n: add v at rank r. */
static void tree_add(double *tree, size_t n, size_t r, double v) {
  for (; r <= n; r += r & (~r + 1))
    tree[r - 1] += v;
}

/* Sum of the tree over ranks 1..r. */
static double tree_sum(const double *tree, size_t r) {
  double s = 0;
  for (; r > 0; r -= r & (~r + 1))
    s += tree[r - 1];
  return s;
}

double surv_concordance(size_t n, const double *time, const uint8_t *dead, const double *lp,
                        const size_t *start, size_t nstrata, double *work, uint32_t *iwork) {
  double *tree = work;                              /* n */
  uint64_t *keys = (uint64_t *)(void *)(work + n);  /* 2 n */
  uint32_t *order = iwork, *scratch = iwork + n, *rank = iwork + 2 * n;
  size_t bounds[2];
  surv_order(n, lp, NULL, 1, order, bounds, scratch, keys);
  for (size_t i = 0, r = 0; i < n; i++) {   /* equal scores share a rank */
    if (i == 0 || lp[order[i]] != lp[order[i - 1]])
      r++;
    rank[order[i]] = (uint32_t)r;
  }
  memset(tree, 0, n * sizeof *tree);
  double conc = 0, disc = 0, tied = 0;
  for (size_t s = 0; s < nstrata; s++) {
    size_t i = start[s + 1];
    while (i > start[s]) {
      double t = time[i - 1];
      size_t j = i;
      while (j > start[s] && time[j - 1] == t)
        j--;
      for (size_t k = j; k < i; k++)   /* censored at t outlive deaths at t */
        if (!dead[k])
          tree_add(tree, n, rank[k], 1);
      for (size_t k = j; k < i; k++) {
        if (!dead[k])
          continue;
        double below = tree_sum(tree, rank[k] - 1), upto = tree_sum(tree, rank[k]);
        conc += below;
        tied += upto - below;
        disc += tree_sum(tree, n) - upto;
      }
      for (size_t k = j; k < i; k++)
        if (dead[k])
          tree_add(tree, n, rank[k], 1);
      i = j;
    }
    for (size_t k = start[s]; k < start[s + 1]; k++)   /* empty the tree */
      tree_add(tree, n, rank[k], -1);
  }
  double total = conc + disc + tied;
  return total > 0 ? (conc + tied / 2) / total : NAN;
}
