# tests.R: R's values for stats.*_test, p_adjust and the conjugate posteriors
# (tests/lang/stats_test_test.lua compares every field to 1e-8 relative).
# Regenerate from the repository root (R is not needed on CI; commit the CSV):
#   Rscript tests/reference/tests.R
# Writes tests/reference/tests.csv: case,field,value with numbers as
# sprintf("%.17g"), NA as NA, and R's error text in field "error".
rows <- list()
emit <- function(case, field, value) {
  v <- if (is.character(value)) value else if (is.na(value)) "NA" else sprintf("%.17g", value)
  rows[[length(rows) + 1L]] <<- data.frame(case = case, field = field, value = v)
}
put <- function(case, h) {
  if (!is.null(h$statistic)) emit(case, "statistic", unname(h$statistic))
  if (!is.null(h$parameter)) emit(case, "parameter", unname(h$parameter))
  emit(case, "p_value", h$p.value)
  if (!is.null(h$conf.int)) {
    emit(case, "conf_lo", h$conf.int[1]); emit(case, "conf_hi", h$conf.int[2])
    emit(case, "conf_level", attr(h$conf.int, "conf.level"))
  }
  if (!is.null(h$estimate)) for (i in seq_along(h$estimate))
    emit(case, paste0("estimate", i), unname(h$estimate[i]))
  emit(case, "null_value", unname(h$null.value))
  if (!is.null(h$stderr)) emit(case, "stderr", h$stderr)
  emit(case, "method", h$method)
}
run <- function(case, expr) {
  h <- withCallingHandlers(tryCatch(expr, error = function(e) e),
                           warning = function(w) invokeRestart("muffleWarning"))
  if (inherits(h, "error")) emit(case, "error", conditionMessage(h)) else put(case, h)
}
alts <- c("two.sided", "less", "greater")

# binom.test: counts, x = 0, x = n, c(successes, failures)
for (a in alts) run(paste0("binom_7_20_", a), binom.test(7, 20, 0.3, alternative = a))
run("binom_0_10", binom.test(0, 10))
run("binom_10_10", binom.test(10, 10))
run("binom_3_15_p01_c90", binom.test(3, 15, 0.1, conf.level = 0.9))
run("binom_mendel", binom.test(682, 925, 0.75))
run("binom_pair", binom.test(c(7, 13), p = 0.4))
run("binom_err_x", binom.test(-1, 10))
run("binom_err_n", binom.test(11, 10))
run("binom_err_p", binom.test(3, 10, 1.5))

# poisson.test: one sample (Garwood) and two (rate ratio)
for (a in alts) run(paste0("poisson_10_2_3_", a), poisson.test(10, 2, 3, alternative = a))
run("poisson_0", poisson.test(0, 1.5))
run("poisson_137", poisson.test(137, 24.19893))
for (a in alts) run(paste0("poisson2_", a), poisson.test(c(11, 23), c(800, 3011), alternative = a))
run("poisson2_r2", poisson.test(c(11, 23), c(800, 3011), r = 2, conf.level = 0.9))
run("poisson_err_x", poisson.test(1.5, 1))
run("poisson_err_T", poisson.test(3, -1))

# fisher.test on 2 x 2 tables (matrix(c(a, c, b, d), 2) is {{a, b}, {c, d}})
tab <- function(a, b, c, d) matrix(c(a, c, b, d), 2)
for (a in alts) run(paste0("fisher_tea_", a), fisher.test(tab(3, 1, 1, 3), alternative = a))
run("fisher_10_2_3_15", fisher.test(tab(10, 2, 3, 15)))
run("fisher_zero", fisher.test(tab(0, 5, 5, 0)))
run("fisher_1_9_11_3_c90", fisher.test(tab(1, 9, 11, 3), conf.level = 0.9))
run("fisher_or2", fisher.test(tab(12, 5, 7, 9), or = 2))
run("fisher_big", fisher.test(tab(120, 85, 70, 140)))
run("fisher_err_neg", fisher.test(tab(1, -1, 2, 3)))

# t.test on datasets::sleep
x <- sleep$extra[sleep$group == 1]; y <- sleep$extra[sleep$group == 2]
for (a in alts) run(paste0("t_welch_", a), t.test(x, y, alternative = a))
run("t_pooled", t.test(x, y, var.equal = TRUE))
run("t_paired", t.test(x, y, paired = TRUE))
run("t_one_mu", t.test(x, mu = 0.5, conf.level = 0.9))
run("t_err_one", t.test(1))
run("t_err_const", t.test(c(2, 2, 2)))

# wilcox.test: sleep (ties and zeros: normal approximation), R's exact examples
for (a in alts) run(paste0("w_sleep_paired_", a), wilcox.test(x, y, paired = TRUE, alternative = a))
run("w_sleep_two", wilcox.test(x, y))
run("w_sleep_two_ci", wilcox.test(x, y, conf.int = TRUE))
run("w_sleep_paired_ci", wilcox.test(x, y, paired = TRUE, conf.int = TRUE))
run("w_sleep_nocorrect", wilcox.test(x, y, correct = FALSE))
dx <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
dy <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
for (a in alts) run(paste0("w_depr_", a), wilcox.test(dx, dy, paired = TRUE, alternative = a, conf.int = TRUE))
run("w_depr_approx", wilcox.test(dx, dy, paired = TRUE, exact = FALSE, conf.int = TRUE))
ax <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46)
ay <- c(1.15, 0.88, 0.90, 0.74, 1.21)
for (a in alts) run(paste0("w_two_exact_", a), wilcox.test(ax, ay, alternative = a, conf.int = TRUE))
run("w_two_approx", wilcox.test(ax, ay, exact = FALSE, conf.int = TRUE))
run("w_one_mu", wilcox.test(ax, mu = 1, conf.int = TRUE, conf.level = 0.9))
lx <- (1:60 * 1.37) %% 7.3
run("w_large_one", wilcox.test(lx, mu = 3, conf.int = TRUE))
run("w_large_two", wilcox.test(lx[1:55], lx[56:60] + 0.011 * (1:5), conf.int = TRUE))
run("w_err_empty", wilcox.test(numeric(0)))

# p.adjust, every method, with an NA (not counted in n)
p <- c(0.01, 0.02, 0.03, 0.04, 0.05, NA, 0.2, 0.001, 0.5, 0.03)
for (m in c("holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none")) {
  q <- p.adjust(p, m)
  for (i in seq_along(q)) emit(paste0("padj_", m), paste0("p", i), q[i])
}
q <- p.adjust(c(0.04, 0.03), "hommel")
for (i in 1:2) emit("padj_hommel2", paste0("p", i), q[i])

# conjugate posteriors: Beta(1 + 7, 1 + 13) and Gamma(0.5 + 3, rate 1 + 12.5)
emit("beta_post", "lo", qbeta(0.025, 8, 14)); emit("beta_post", "hi", qbeta(0.975, 8, 14))
emit("beta_post", "lo90", qbeta(0.05, 8, 14)); emit("beta_post", "hi90", qbeta(0.95, 8, 14))
emit("beta_post", "gt", pbeta(0.3, 8, 14, lower.tail = FALSE))
emit("gamma_post", "lo", qgamma(0.025, 3.5, rate = 13.5))
emit("gamma_post", "hi", qgamma(0.975, 3.5, rate = 13.5))
emit("gamma_post", "gt", pgamma(0.2, 3.5, rate = 13.5, lower.tail = FALSE))

out <- do.call(rbind, rows)
con <- file("tests/reference/tests.csv", "w")
writeLines(paste0("# ", R.version.string, "; written by tests/reference/tests.R"), con)
write.csv(out, con, row.names = FALSE)
close(con)
