# dist.R: writes tests/reference/dist.csv, R's values of the d/p/q functions
# that stdlib/stats/dist*.c implements, for tests/unit/test_stats_dist.c.
# Regenerate (R 4.2.x) from the repository root:
#   Rscript tests/reference/dist.R
# Columns: fn, x, a, b, c (the parameters in R's order; unused ones are 0),
# lower_tail, log_p (give_log for d*), value. Numbers are printed with
# sprintf("%.17g") so every double round-trips. The first line is a comment
# with R.version.string.
out <- "tests/reference/dist.csv"
rows <- list()
add <- function(fn, x, a = 0, b = 0, c = 0, lower = TRUE, lg = FALSE, value) {
  rows[[length(rows) + 1L]] <<- data.frame(fn = fn, x = x, a = a, b = b, c = c,
    lower_tail = as.integer(lower), log_p = as.integer(lg), value = value)
}
# every tail and scale of a p-function f(x, params..., lower.tail, log.p)
pgrid <- function(fn, f, xs, a = 0, b = 0, c = 0, np = 2) {
  for (lower in c(TRUE, FALSE)) for (lg in c(FALSE, TRUE)) {
    v <- switch(np + 1, NA,
      sapply(xs, function(x) f(x, a, lower.tail = lower, log.p = lg)),
      sapply(xs, function(x) f(x, a, b, lower.tail = lower, log.p = lg)),
      sapply(xs, function(x) f(x, a, b, c, lower.tail = lower, log.p = lg)))
    add(fn, xs, a, b, c, lower, lg, v)
  }
}
dgrid <- function(fn, f, xs, a = 0, b = 0, c = 0, np = 2) {
  for (lg in c(FALSE, TRUE)) {
    v <- switch(np + 1, NA,
      sapply(xs, function(x) f(x, a, log = lg)),
      sapply(xs, function(x) f(x, a, b, log = lg)),
      sapply(xs, function(x) f(x, a, b, c, log = lg)))
    add(fn, xs, a, b, c, TRUE, lg, v)
  }
}
ps <- c(0, 1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7,
        0.9, 0.975, 0.999, 1 - 1e-10, 1, NaN)
lps <- c(-1e5, -1000, -700, -100, -10, -1, -0.5, -0.1, -1e-5, -1e-20, 0, -Inf)
qgrid <- function(fn, f, a = 0, b = 0, c = 0, np = 2) {
  for (lower in c(TRUE, FALSE)) for (lg in c(FALSE, TRUE)) {
    pp <- if (lg) lps else ps
    v <- switch(np + 1, NA,
      sapply(pp, function(p) f(p, a, lower.tail = lower, log.p = lg)),
      sapply(pp, function(p) f(p, a, b, lower.tail = lower, log.p = lg)),
      sapply(pp, function(p) f(p, a, b, c, lower.tail = lower, log.p = lg)))
    add(fn, pp, a, b, c, lower, lg, v)
  }
}
suppressWarnings({

# ---- normal(mean, sd)
xs <- c(-1e5, -40, -38, -37.5, -37, -20, -10, -8.5, -5, -3, -1.96, -1, -0.5, -1e-8, 0,
        1e-8, 0.3, 1, 1.96, 3, 5, 8.5, 10, 20, 37, 40, 1e5, Inf, -Inf, NaN)
for (pr in list(c(0, 1), c(-2, 0.5), c(1e3, 1e-3), c(0, Inf), c(1, 0), c(0, -1))) {
  dgrid("dnorm", dnorm, xs, pr[1], pr[2])
  pgrid("pnorm", pnorm, xs, pr[1], pr[2])
  qgrid("qnorm", qnorm, pr[1], pr[2])
}

# ---- t(df)
xs <- c(-1e200, -1e10, -1e5, -100, -30, -10, -5, -2.5, -1, -0.1, 0, 1e-5, 0.5, 1, 2, 3,
        5, 10, 50, 100, 1e5, 1e10, 1e20, Inf, -Inf, NaN)
for (nu in c(0.1, 0.5, 1, 2, 2.5, 3, 5, 10, 30, 100, 1e3, 1e5, 5e5, 1e10, Inf, 0, -1)) {
  dgrid("dt", dt, xs, nu, np = 1)
  pgrid("pt", pt, xs, nu, np = 1)
  qgrid("qt", qt, nu, np = 1)
}

# t for large df and far tails (Hill's expansion in stats_pt, and qt inverting it)
xs <- c(-37, -30, -20, -10, -5, -1, 1, 5, 10, 20, 30, 37)
for (nu in c(1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e12)) {
  pgrid("pt", pt, xs, nu, np = 1)
  for (lower in c(TRUE, FALSE)) for (lg in c(FALSE, TRUE)) {
    pp <- pt(xs, nu, lower.tail = lower, log.p = lg)
    add("qt", pp, nu, 0, 0, lower, lg, qt(pp, nu, lower.tail = lower, log.p = lg))
  }
}

# ---- chi-squared(df)
for (nu in c(0.01, 0.1, 0.5, 1, 2, 3, 10, 50, 100, 1000, 1e4, 1e5, 1e6, 0, -1, Inf)) {
  xs <- c(0, 1e-300, 1e-20, 1e-5, 1e-3, 0.01, 0.1, 0.5, 1, 2, 5, 10, 20, 50, 100, 200,
          500, 1e3, 1e4, 1e5, 1e7, Inf, -1, NaN)
  if (is.finite(nu) && nu > 0) xs <- c(xs, nu * c(0.5, 0.9, 0.99, 1, 1.01, 1.1, 2))
  dgrid("dchisq", dchisq, xs, nu, np = 1)
  pgrid("pchisq", pchisq, xs, nu, np = 1)
  qgrid("qchisq", qchisq, nu, np = 1)
}

# ---- F(df1, df2)
xs <- c(0, 1e-10, 1e-4, 0.01, 0.1, 0.5, 0.9, 1, 1.1, 2, 5, 10, 100, 1e4, 1e8, 1e200, Inf,
        -1, NaN)
for (pr in list(c(1, 1), c(2, 2), c(1, 10), c(5, 3), c(10, 20), c(0.5, 0.7), c(100, 100),
                c(3, 1e4), c(1e4, 3), c(1e3, 1e3), c(50, 1e6), c(1e6, 50), c(5, Inf),
                c(Inf, 5), c(Inf, Inf), c(0, 3))) {
  dgrid("df", df, xs, pr[1], pr[2])
  pgrid("pf", pf, xs, pr[1], pr[2])
  qgrid("qf", qf, pr[1], pr[2])
}

# ---- beta(a, b)
xs0 <- c(0, 1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 1e-3, 0.01, 0.05, 0.1, 0.2, 0.3, 0.333,
         0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 1 - 1e-5, 1 - 1e-10, 1, -0.5,
         1.5, NaN)
for (pr in list(c(0.5, 0.5), c(1, 1), c(2, 3), c(0.1, 10), c(10, 0.1), c(1e-3, 1),
                c(1, 1e-3), c(1e-5, 2), c(50, 50), c(0.5, 200), c(200, 0.5),
                c(1000, 2000), c(1e4, 1e4), c(1e5, 1e6), c(0, 2), c(2, 0), c(0, 0),
                c(Inf, 2), c(Inf, Inf), c(-1, 2))) {
  m <- if (all(is.finite(pr)) && all(pr > 0)) pr[1] / sum(pr) else 0.5
  xs <- c(xs0, m * c(0.9, 0.99, 0.999, 1, 1.001, 1.01))
  dgrid("dbeta", dbeta, xs, pr[1], pr[2])
  pgrid("pbeta", pbeta, xs, pr[1], pr[2])
  qgrid("qbeta", qbeta, pr[1], pr[2])
}

# ---- gamma(shape, scale)
for (sh in c(1e-5, 1e-3, 0.1, 0.5, 1, 2.5, 10, 100, 1e4, 1e6, 0, -1)) {
  for (sc in c(1, 0.5, 3)) {
    xs <- c(0, 1e-300, 1e-50, 1e-10, 1e-3, 0.1, 0.5, 1, 1.5, 2, 5, 10, 30, 100, 1e3, 1e5,
            1e7, Inf, -1, NaN)
    if (sh > 0) xs <- c(xs, sh * sc * c(0.5, 0.9, 0.99, 1, 1.01, 1.1, 2))
    dgrid("dgamma", function(x, a, b, ...) dgamma(x, shape = a, scale = b, ...), xs, sh, sc)
    pgrid("pgamma", function(x, a, b, ...) pgamma(x, shape = a, scale = b, ...), xs, sh, sc)
    qgrid("qgamma", function(p, a, b, ...) qgamma(p, shape = a, scale = b, ...), sh, sc)
  }
}

# ---- exponential(rate)
xs <- c(0, 1e-300, 1e-10, 0.1, 1, 10, 100, 800, 1e5, Inf, -1, NaN)
for (rate in c(1e-3, 1, 5, 0, -1)) {
  dgrid("dexp", dexp, xs, rate, np = 1)
  pgrid("pexp", pexp, xs, rate, np = 1)
  qgrid("qexp", qexp, rate, np = 1)
}

# ---- binomial(size, prob)
for (pr in list(c(1, 0.5), c(10, 0.3), c(20, 0.5), c(100, 0.01), c(100, 0.99),
                c(1000, 0.5), c(1e4, 1e-4), c(1e6, 0.3), c(50, 0), c(50, 1), c(0, 0.5),
                c(10.5, 0.5), c(10, 1.5))) {
  n <- pr[1]; p <- pr[2]; s <- sqrt(max(n * p * (1 - p), 1))
  xs <- unique(round(c(0, 1, 2, n * p + s * c(-8, -4, -2, -1, 0, 1, 2, 4, 8), n - 1, n)))
  xs <- c(xs[xs >= 0], -1, n + 1, 2.5, 1 + 1e-9, Inf, NaN)
  dgrid("dbinom", dbinom, xs, n, p)
  pgrid("pbinom", pbinom, xs, n, p)
  qgrid("qbinom", qbinom, n, p)
}

# ---- Poisson(lambda)
for (lam in c(0, 1e-10, 0.1, 1, 3.5, 10, 100, 1e4, 1e6, -1)) {
  s <- sqrt(max(lam, 1))
  xs <- unique(round(c(0, 1, 2, 5, lam + s * c(-8, -4, -2, -1, 0, 1, 2, 4, 8, 20))))
  xs <- c(xs[xs >= 0], -1, 2.5, Inf, NaN)
  dgrid("dpois", dpois, xs, lam, np = 1)
  pgrid("ppois", ppois, xs, lam, np = 1)
  qgrid("qpois", qpois, lam, np = 1)
}

# ---- negative binomial(size, prob) and (size, mu)
for (pr in list(c(1, 0.5), c(3, 0.2), c(0.5, 0.9), c(10, 0.01), c(100, 0.99),
                c(1e4, 0.5), c(0.01, 0.3), c(0, 0.5), c(2, 1), c(2, 0))) {
  n <- pr[1]; p <- pr[2]; mu <- if (p > 0) n * (1 - p) / p else 1; s <- sqrt(max(mu / max(p, 1e-9), 1))
  xs <- unique(round(c(0, 1, 2, 5, mu + s * c(-4, -2, -1, 0, 1, 2, 4, 8, 20))))
  xs <- c(xs[xs >= 0], -1, 2.5, Inf, NaN)
  dgrid("dnbinom", dnbinom, xs, n, p)
  pgrid("pnbinom", pnbinom, xs, n, p)
  qgrid("qnbinom", qnbinom, n, p)
}
for (pr in list(c(2, 3), c(1e-3, 10), c(1e6, 5), c(10, 1e-4), c(1, 1e5), c(Inf, 4))) {
  n <- pr[1]; mu <- pr[2]; s <- sqrt(mu + mu^2 / n)
  xs <- unique(round(c(0, 1, 2, 5, mu + s * c(-4, -2, -1, 0, 1, 2, 4, 8, 20))))
  xs <- c(xs[xs >= 0], -1, 2.5, NaN)
  dgrid("dnbinom_mu", function(x, a, b, ...) dnbinom(x, size = a, mu = b, ...), xs, n, mu)
  pgrid("pnbinom_mu", function(x, a, b, ...) pnbinom(x, size = a, mu = b, ...), xs, n, mu)
  qgrid("qnbinom_mu", function(p, a, b, ...) qnbinom(p, size = a, mu = b, ...), n, mu)
}

# ---- hypergeometric(m, n, k)
for (pr in list(c(5, 5, 3), c(10, 7, 8), c(100, 200, 50), c(1000, 1000, 500),
                c(1e4, 1e5, 1e3), c(3, 0, 2), c(50, 50, 0), c(20, 30, 50), c(5, 5, 11))) {
  m <- pr[1]; n <- pr[2]; k <- pr[3]
  mu <- k * m / (m + n); s <- sqrt(max(mu, 1))
  xs <- unique(round(c(0, 1, 2, mu + s * c(-8, -4, -2, -1, 0, 1, 2, 4, 8), k - 1, k)))
  xs <- c(xs[xs >= 0], -1, k + 1, 2.5, NaN)
  dgrid("dhyper", dhyper, xs, m, n, k, np = 3)
  pgrid("phyper", phyper, xs, m, n, k, np = 3)
  qgrid("qhyper", qhyper, m, n, k, np = 3)
}

# ---- special functions
xs <- c(1e-300, 1e-20, 1e-8, 0.1, 0.5, 1 - 1e-8, 1, 1 + 1e-8, 1.5, 2 - 1e-8, 2, 2 + 1e-8,
        2.5, 3, 4.7, 9.99, 10, 10.5, 15, 100, 1e5, 1e10, 1e100, 1e300, -0.5, -1.5, -2.7,
        -100.3, 0, -1, Inf, NaN)
add("lgamma", xs, value = lgamma(xs))
ab <- expand.grid(a = c(1e-8, 0.1, 0.5, 1, 2.5, 9, 10, 11, 100, 1e5, 1e10),
                  b = c(1e-8, 0.1, 0.5, 1, 2.5, 9, 10, 11, 100, 1e5, 1e10))
add("lbeta", ab$a, ab$b, value = lbeta(ab$a, ab$b))
nk <- expand.grid(n = c(0, 1, 2, 5, 10, 10.5, 50, 100, 1e6, -3, -2.5, 1e10),
                  k = c(0, 1, 2, 3, 5, 10, 50, -1))
add("lchoose", nk$n, nk$k, value = lchoose(nk$n, nk$k))
})

d <- do.call(rbind, rows)
f17 <- function(v) sprintf("%.17g", v)
lines <- paste(d$fn, f17(d$x), f17(d$a), f17(d$b), f17(d$c), d$lower_tail, d$log_p,
               f17(d$value), sep = ",")
writeLines(c(paste0("# ", R.version.string),
             "fn,x,a,b,c,lower_tail,log_p,value", lines), out)
cat(length(lines), "rows written to", out, "\n")
