/* model_stats.c: what R's summary.lm, summary.glm, confint, logLik, AIC and
** BIC report for a fit (model_summarise in model.h). */
#include <math.h>

#include "stats/dist.h"
#include "stats/model_int.h"

/* Standard errors, statistics, p-values and intervals; t with df when
** df > 0, else z. */
static void coef_table(const model_fit *fit, double scale, double df, double level,
                       model_coef *c) {
  double a = (1 - level) / 2;
  double qlo = df > 0 ? stats_qt(a, df, 1, 0) : stats_qnorm(a, 0, 1, 1, 0);
  double qhi = df > 0 ? stats_qt(1 - a, df, 1, 0) : stats_qnorm(1 - a, 0, 1, 1, 0);
  for (size_t j = 0; j < fit->p; j++) {
    double est = fit->coef[j];
    c[j].estimate = est;
    if (isnan(est)) {
      c[j].std_err = c[j].statistic = c[j].p_value = c[j].lo = c[j].hi = NAN;
      continue;
    }
    double se = sqrt(fit->cov[j * fit->p + j] * scale);
    double st = est / se;
    c[j].std_err = se;
    c[j].statistic = st;
    c[j].p_value = df > 0 ? 2 * stats_pt(-fabs(st), df, 1, 0)
                          : 2 * stats_pnorm(-fabs(st), 0, 1, 1, 0);
    c[j].lo = est + se * qlo;
    c[j].hi = est + se * qhi;
  }
}

static void na_summary(model_summary *s) {
  s->df_residual = s->df_null = s->sigma = s->r_squared = s->adj_r_squared = NAN;
  s->fstatistic = s->numdf = s->dendf = s->f_p_value = s->dispersion = NAN;
  s->loglik = s->aic = s->bic = s->df_loglik = NAN;
}

/* summary.lm and logLik.lm (zero weights left out, as R does). */
static void lm_summary(const model_frame *mf, const model_fit *fit, double level,
                       model_coef *c, model_summary *s) {
  double rdf = (double)fit->n_ok - (double)fit->rank;
  double resvar = fit->rss / rdf;
  double dfint = mf->intercept ? 1 : 0;
  s->df_residual = rdf;
  s->sigma = sqrt(resvar);
  coef_table(fit, resvar, rdf, level, c);
  double sw = 0, swf = 0, mss = 0, slogw = 0;
  for (size_t i = 0; i < fit->n; i++) {
    double w = mf->weights ? mf->weights[i] : 1;
    double f = fit->fitted[i] - (mf->offset ? mf->offset[i] : 0);
    sw += w;
    swf += w * f;
    if (w > 0)
      slogw += log(w);
  }
  for (size_t i = 0; i < fit->n; i++) {
    double w = mf->weights ? mf->weights[i] : 1;
    double f = fit->fitted[i] - (mf->offset ? mf->offset[i] : 0);
    double d = mf->intercept ? f - swf / sw : f;
    mss += w * d * d;
  }
  s->r_squared = mss / (mss + fit->rss);
  s->adj_r_squared = 1 - (1 - s->r_squared) * (((double)fit->n_ok - dfint) / rdf);
  if ((double)fit->rank != dfint) {
    s->numdf = (double)fit->rank - dfint;
    s->dendf = rdf;
    s->fstatistic = (mss / s->numdf) / resvar;
    s->f_p_value = stats_pf(s->fstatistic, s->numdf, s->dendf, 0, 0);
  }
  double N = (double)fit->n_ok;
  s->loglik = 0.5 * (slogw - N * (log(2 * M_PI) + 1 - log(N) + log(fit->rss)));
  s->df_loglik = (double)fit->rank + 1;
}

/* summary.glm (dispersion 1, or the Pearson estimate for gaussian) and
** logLik.glm; intervals are confint.default's (Wald, normal quantiles). */
static void glm_summary(const model_frame *mf, const model_fit *fit, double level,
                        model_coef *c, model_summary *s) {
  double rdf = (double)fit->n_ok - (double)fit->rank;
  s->df_residual = rdf;
  s->df_null = (double)fit->n_ok - (mf->intercept ? 1 : 0);
  int est = fit->family == MODEL_GAUSSIAN;
  if (est) {
    double pearson = 0;
    for (size_t i = 0; i < fit->n; i++) {
      double r = mf->y[i] - fit->fitted[i];   /* identity link: working = response */
      if (fit->wwork[i] > 0)
        pearson += fit->wwork[i] * r * r;
    }
    s->dispersion = rdf > 0 ? pearson / rdf : NAN;
  } else {
    s->dispersion = 1;
  }
  coef_table(fit, s->dispersion, est ? rdf : 0, level, c);
  if (est) {   /* the interval is Wald's all the same: confint.default */
    double a = (1 - level) / 2;
    for (size_t j = 0; j < fit->p; j++) {
      c[j].lo = c[j].estimate + c[j].std_err * stats_qnorm(a, 0, 1, 1, 0);
      c[j].hi = c[j].estimate + c[j].std_err * stats_qnorm(1 - a, 0, 1, 1, 0);
    }
  }
  s->df_loglik = (double)fit->rank + (est ? 1 : 0);
  s->aic = fit->aic_family + 2 * (double)fit->rank;
  s->loglik = s->df_loglik - s->aic / 2;
}

void model_summarise(const model_frame *mf, const model_fit *fit, double level,
                     model_coef *coefs, model_summary *s) {
  na_summary(s);
  if (fit->glm)
    glm_summary(mf, fit, level, coefs, s);
  else
    lm_summary(mf, fit, level, coefs, s);
  s->aic = -2 * s->loglik + 2 * s->df_loglik;
  s->bic = -2 * s->loglik + log((double)fit->n_ok) * s->df_loglik;
}
