/* dist.h: probability distributions without Lua, with R's names, argument
** order and conventions (docs/methods.md § Distributions): d* densities
** (give_log), p* distribution functions (lower_tail, log_p), q* quantiles
** (lower_tail, log_p). Invalid parameters give NaN, as R does (R also
** warns; the bindings say why). Accurate to 1e-10 relative against R 4.2
** across the range, tails included (docs/methods.md (Distributions): the measured
** errors, the rows where R itself is off, and the known gaps). Implemented from published algorithms
** (cited in docs/methods.md); no GPL code. Thread-safe: no mutable state. */
#ifndef PW_STDLIB_STATS_DIST_H
#define PW_STDLIB_STATS_DIST_H

/* normal(mean, sd) */
double stats_dnorm(double x, double mean, double sd, int give_log);
double stats_pnorm(double q, double mean, double sd, int lower_tail, int log_p);
double stats_qnorm(double p, double mean, double sd, int lower_tail, int log_p);

/* Student t(df), central; df may be non-integer, Inf gives the normal */
double stats_dt(double x, double df, int give_log);
double stats_pt(double q, double df, int lower_tail, int log_p);
double stats_qt(double p, double df, int lower_tail, int log_p);

/* chi-squared(df), central */
double stats_dchisq(double x, double df, int give_log);
double stats_pchisq(double q, double df, int lower_tail, int log_p);
double stats_qchisq(double p, double df, int lower_tail, int log_p);

/* F(df1, df2), central */
double stats_df(double x, double df1, double df2, int give_log);
double stats_pf(double q, double df1, double df2, int lower_tail, int log_p);
double stats_qf(double p, double df1, double df2, int lower_tail, int log_p);

/* beta(shape1, shape2) */
double stats_dbeta(double x, double a, double b, int give_log);
double stats_pbeta(double q, double a, double b, int lower_tail, int log_p);
double stats_qbeta(double p, double a, double b, int lower_tail, int log_p);

/* gamma(shape, scale): R's pgamma(q, shape, rate = 1, scale = 1/rate);
** callers holding a rate pass 1/rate */
double stats_dgamma(double x, double shape, double scale, int give_log);
double stats_pgamma(double q, double shape, double scale, int lower_tail, int log_p);
double stats_qgamma(double p, double shape, double scale, int lower_tail, int log_p);

/* exponential(rate) */
double stats_dexp(double x, double rate, int give_log);
double stats_pexp(double q, double rate, int lower_tail, int log_p);
double stats_qexp(double p, double rate, int lower_tail, int log_p);

/* binomial(size, prob) */
double stats_dbinom(double x, double size, double prob, int give_log);
double stats_pbinom(double q, double size, double prob, int lower_tail, int log_p);
double stats_qbinom(double p, double size, double prob, int lower_tail, int log_p);

/* Poisson(lambda) */
double stats_dpois(double x, double lambda, int give_log);
double stats_ppois(double q, double lambda, int lower_tail, int log_p);
double stats_qpois(double p, double lambda, int lower_tail, int log_p);

/* negative binomial(size, prob): failures before the size-th success;
** R's mu parametrization is prob = size / (size + mu) */
double stats_dnbinom(double x, double size, double prob, int give_log);
double stats_pnbinom(double q, double size, double prob, int lower_tail, int log_p);
double stats_qnbinom(double p, double size, double prob, int lower_tail, int log_p);
/* the same with R's mu (mean) instead of prob, computed without forming
** prob = size/(size + mu), as R's dnbinom(x, size, mu = ) does */
double stats_dnbinom_mu(double x, double size, double mu, int give_log);
double stats_pnbinom_mu(double q, double size, double mu, int lower_tail, int log_p);
double stats_qnbinom_mu(double p, double size, double mu, int lower_tail, int log_p);

/* hypergeometric(m white, n black, k drawn): x white drawn */
double stats_dhyper(double x, double m, double n, double k, int give_log);
double stats_phyper(double q, double m, double n, double k, int lower_tail, int log_p);
double stats_qhyper(double p, double m, double n, double k, int lower_tail, int log_p);

/* Special functions the distributions rest on, for the other cores. */
double stats_lgamma(double x);            /* log |Gamma(x)| */
double stats_lbeta(double a, double b);   /* log Beta(a, b) */
double stats_lchoose(double n, double k); /* log choose(n, k) */

#endif
