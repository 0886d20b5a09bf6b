# model.R: reference values of lm and glm for tests/lang/stats_model_test.lua,
# written to tests/reference/model.csv as (model, quantity, term, value) with
# every value printed by sprintf("%.17g"); NA where R gives NA (aliased terms).
# Run tests/reference/model_data.R first. Regenerate, from the repository root:
#   Rscript tests/reference/model_data.R && Rscript tests/reference/model.R
# Factor levels sort by bytes in pathway, so R sorts them in the C locale.
invisible(Sys.setlocale("LC_COLLATE", "C"))
rd <- function(name) read.csv(file.path("tests/data/r", name), stringsAsFactors = FALSE)
tg <- rd("toothgrowth.csv"); mt <- rd("mtcars.csv"); wb <- rd("warpbreaks.csv")
inf <- rd("infert.csv"); aq <- rd("airquality.csv"); cr <- rd("crises.csv")

rows <- list()
put <- function(model, quantity, term, value) {
  v <- if (is.na(value)) "NA" else sprintf("%.17g", value)
  rows[[length(rows) + 1]] <<- data.frame(model = model, quantity = quantity,
                                          term = term, value = v)
}
# Per coefficient: estimate, std error, statistic, p-value and the interval
# (lm: confint(), t; glm: confint.default(), Wald z). Aliased terms are NA.
coefs <- function(name, fit, ci) {
  cf <- coef(fit)
  tab <- coef(summary(fit))
  for (term in names(cf)) {
    has <- term %in% rownames(tab)
    put(name, "coef", term, cf[[term]])
    put(name, "std_err", term, if (has) tab[term, 2] else NA)
    put(name, "statistic", term, if (has) tab[term, 3] else NA)
    put(name, "p_value", term, if (has) tab[term, 4] else NA)
    put(name, "conf_lo", term, ci[term, 1])
    put(name, "conf_hi", term, ci[term, 2])
  }
  n <- nobs(fit)
  put(name, "n", "", n)
  put(name, "fitted_1", "", fitted(fit)[[1]])
  put(name, "fitted_n", "", fitted(fit)[[length(fitted(fit))]])
  put(name, "residual_1", "", residuals(fit)[[1]])
  put(name, "residual_n", "", residuals(fit)[[length(residuals(fit))]])
  put(name, "loglik", "", as.numeric(logLik(fit)))
  put(name, "aic", "", AIC(fit))
  put(name, "bic", "", BIC(fit))
}
lm_ref <- function(name, fit) {
  coefs(name, fit, confint(fit))
  s <- summary(fit)
  put(name, "r_squared", "", s$r.squared)
  put(name, "adj_r_squared", "", s$adj.r.squared)
  put(name, "sigma", "", s$sigma)
  put(name, "df_residual", "", fit$df.residual)
  put(name, "rank", "", fit$rank)
  if (!is.null(s$fstatistic)) {
    f <- s$fstatistic
    put(name, "fstatistic", "", f[["value"]])
    put(name, "numdf", "", f[["numdf"]])
    put(name, "dendf", "", f[["dendf"]])
    put(name, "f_p_value", "", pf(f[["value"]], f[["numdf"]], f[["dendf"]], lower.tail = FALSE))
  }
}
glm_ref <- function(name, fit) {
  coefs(name, fit, confint.default(fit))
  s <- summary(fit)
  put(name, "deviance", "", fit$deviance)
  put(name, "null_deviance", "", fit$null.deviance)
  put(name, "df_residual", "", fit$df.residual)
  put(name, "df_null", "", fit$df.null)
  put(name, "iterations", "", fit$iter)
  put(name, "dispersion", "", s$dispersion)
  put(name, "rank", "", fit$rank)
}

lm_ref("tg_add", lm(len ~ dose + supp, tg))
lm_ref("tg_int", lm(len ~ dose * supp, tg))
lm_ref("tg_fint", lm(len ~ dose_f * supp, tg))
lm_ref("tg_expr", lm(len ~ log(dose) + I(dose^2) + supp, tg))
lm_ref("tg_noint", lm(len ~ 0 + supp + dose, tg))
lm_ref("mt_weighted", lm(mpg ~ wt + hp, mt, weights = carb))
lm_ref("mt_aliased", lm(mpg ~ wt + wt_lb + hp, mt))
lm_ref("mt_factor", lm(mpg ~ factor(cyl) + wt, mt))
lm_ref("aq_na", lm(Ozone ~ Solar.R + Wind + Temp, aq))
glm_ref("mt_binomial", glm(am ~ wt + hp, binomial, mt))
glm_ref("infert_binomial", glm(case ~ spontaneous + induced + education, binomial, inf))
glm_ref("crises_poisson", glm(crises ~ treated + age + offset(log(years)), poisson, cr))
glm_ref("wb_poisson", glm(breaks ~ wool * tension, poisson, wb))
glm_ref("tg_gaussian", glm(len ~ dose + supp, gaussian, tg))

ref <- do.call(rbind, rows)
ref <- rbind(data.frame(model = "R", quantity = "version", term = "",
                        value = R.version.string), ref)
write.csv(ref, "tests/reference/model.csv", row.names = FALSE, quote = TRUE)
