# surv.R: reference values of stats.km, stats.logrank and stats.cox from R's
# survival package, written to tests/reference/surv_ref.csv (one value per
# row: case, key, i, value as sprintf("%.17g"), "NA" for NA).
# Regenerate (from the repository root; needs R and the survival package):
#   Rscript tests/reference/surv_data.R && Rscript tests/reference/surv.R
suppressPackageStartupMessages(library(survival))
rd <- function(name) read.csv(file.path("tests/data/r", paste0(name, ".csv")))
lung <- rd("lung"); aml <- rd("aml"); ovarian <- rd("ovarian"); veteran <- rd("veteran")
ties <- rd("surv_ties"); cens <- rd("surv_censored"); one <- rd("surv_one")
zero <- rd("surv_zero_group"); nas <- rd("surv_na")

rows <- list()
put <- function(case, key, v) {
  if (is.character(v)) s <- v
  else s <- ifelse(is.nan(v), "NaN", ifelse(is.na(v), "NA", sprintf("%.17g", as.numeric(v))))
  rows[[length(rows) + 1]] <<- data.frame(case = case, key = key, i = seq_along(s), value = s)
}
put("meta", "R", R.version.string)
put("meta", "survival", as.character(packageVersion("survival")))
guard <- function(case, expr) tryCatch(expr, error = function(e) put(case, "error", conditionMessage(e)))

strata_of <- function(fit) if (is.null(fit$strata)) c(all = length(fit$time)) else fit$strata

km <- function(case, formula, data, ...) guard(case, {
  fit <- survfit(formula, data = data, ...)
  st <- strata_of(fit)
  who <- rep(names(st), st)
  tab <- summary(fit, rmean = "none")$table
  if (is.null(dim(tab))) tab <- matrix(tab, nrow = 1, dimnames = list("all", names(tab)))
  put(case, "strata", names(st))
  put(case, "n_dropped", length(fit$na.action))
  for (k in seq_along(st)) {
    s <- names(st)[k]; w <- who == s
    put(case, paste0(s, "/time"), fit$time[w])
    put(case, paste0(s, "/n_risk"), fit$n.risk[w])
    put(case, paste0(s, "/n_event"), fit$n.event[w])
    put(case, paste0(s, "/n_censor"), fit$n.censor[w])
    put(case, paste0(s, "/surv"), fit$surv[w])
    put(case, paste0(s, "/std_err"), fit$surv[w] * fit$std.err[w])
    put(case, paste0(s, "/lower"), fit$lower[w])
    put(case, paste0(s, "/upper"), fit$upper[w])
    put(case, paste0(s, "/n"), tab[k, "records"])
    put(case, paste0(s, "/events"), tab[k, "events"])
    put(case, paste0(s, "/median"), tab[k, "median"])
    put(case, paste0(s, "/median_lower"), tab[k, grep("LCL", colnames(tab))])
    put(case, paste0(s, "/median_upper"), tab[k, grep("UCL", colnames(tab))])
  }
  for (t in c(0, 5, 11, 100.5, 500, 1022, 2000)) for (ext in c(FALSE, TRUE)) {
    sm <- tryCatch(summary(fit, times = t, extend = ext), error = function(e) NULL)
    for (s in names(st)) {
      key <- sprintf("at/%s/%s/%s", format(t), if (ext) "extend" else "no", s)
      if (is.null(sm)) { put(case, key, "absent"); next }
      w <- if (is.null(sm$strata)) rep(TRUE, length(sm$time)) else as.character(sm$strata) == s
      if (!any(w)) { put(case, key, "absent"); next }
      put(case, paste0(key, "/surv"), sm$surv[w]); put(case, paste0(key, "/std_err"), sm$std.err[w])
      put(case, paste0(key, "/lower"), sm$lower[w]); put(case, paste0(key, "/upper"), sm$upper[w])
      put(case, paste0(key, "/n_risk"), sm$n.risk[w]); put(case, paste0(key, "/n_event"), sm$n.event[w])
    }
  }
  for (tau in c(100, 365, 1000)) {
    m <- survival:::survmean(fit, rmean = tau)$matrix
    if (is.null(dim(m))) m <- matrix(m, nrow = 1, dimnames = list("all", names(m)))
    for (k in seq_along(st)) {
      put(case, sprintf("rmst/%s/%s/rmean", format(tau), names(st)[k]), m[k, "rmean"])
      put(case, sprintf("rmst/%s/%s/se", format(tau), names(st)[k]), m[k, "se(rmean)"])
    }
  }
  put(case, "print", capture.output(print(fit)))
})

for (ct in c("log", "log-log", "plain")) km(paste0("km lung sex ", ct), Surv(time, status) ~ sex, lung, conf.type = ct)
km("km aml x", Surv(time, status) ~ x, aml)
km("km aml x 0.9", Surv(time, status) ~ x, aml, conf.int = 0.9)
km("km ovarian 1", Surv(futime, fustat) ~ 1, ovarian)
km("km ovarian 1 log-log", Surv(futime, fustat) ~ 1, ovarian, conf.type = "log-log")
km("km ties grp", Surv(time, status) ~ grp, ties)
km("km ties grp site", Surv(time, status) ~ grp + site, ties)
km("km ties flag", Surv(time, status) ~ flag, ties)
km("km censored grp", Surv(time, status) ~ grp, cens)
km("km one 1", Surv(time, status) ~ 1, one)
km("km zero grp", Surv(time, status) ~ grp, zero)
km("km zero grp log-log", Surv(time, status) ~ grp, zero, conf.type = "log-log")
km("km na grp", Surv(time, status) ~ grp, nas)

lr <- function(case, formula, data) guard(case, {
  fit <- survdiff(formula, data = data)
  obs <- if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs
  ex <- if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp
  put(case, "groups", names(fit$n)); put(case, "n", as.vector(fit$n))
  put(case, "observed", obs); put(case, "expected", ex)
  put(case, "var", as.vector(fit$var)); put(case, "chisq", fit$chisq)
  put(case, "df", length(fit$n) - 1); put(case, "p_value", fit$pvalue)
  put(case, "n_dropped", length(fit$na.action))
})
lr("logrank lung sex", Surv(time, status) ~ sex, lung)
lr("logrank lung sex strata inst", Surv(time, status) ~ sex + strata(inst), lung)
lr("logrank veteran celltype", Surv(time, status) ~ celltype, veteran)
lr("logrank aml x", Surv(time, status) ~ x, aml)
lr("logrank ties grp", Surv(time, status) ~ grp, ties)
lr("logrank ties grp strata site", Surv(time, status) ~ grp + strata(site), ties)
lr("logrank censored grp", Surv(time, status) ~ grp, cens)
lr("logrank zero grp", Surv(time, status) ~ grp, zero)
lr("logrank one grp", Surv(time, status) ~ grp, one)
lr("logrank na grp", Surv(time, status) ~ grp, nas)

cx <- function(case, formula, data, ties = "efron") guard(case, {
  fit <- withCallingHandlers(coxph(formula, data = data, ties = ties),
                             warning = function(w) { put(case, "warning", conditionMessage(w)); invokeRestart("muffleWarning") })
  s <- summary(fit)
  put(case, "terms", names(coef(fit)))
  put(case, "coef", coef(fit)); put(case, "std_err", sqrt(diag(fit$var)))
  put(case, "statistic", s$coefficients[, "z"]); put(case, "p_value", s$coefficients[, "Pr(>|z|)"])
  put(case, "hr_lower", s$conf.int[, "lower .95"]); put(case, "hr_upper", s$conf.int[, "upper .95"])
  put(case, "loglik", fit$loglik)
  put(case, "lr_test", s$logtest)  # summary() rounds the Wald statistic; the fit has it whole
  put(case, "wald_test", c(fit$wald.test, s$waldtest[2:3])); put(case, "score_test", s$sctest)
  put(case, "concordance", fit$concordance[c("concordance", "std")])
  put(case, "n", fit$n); put(case, "events", fit$nevent); put(case, "iterations", fit$iter)
  put(case, "n_dropped", length(fit$na.action))
  put(case, "var", as.vector(fit$var))
})
for (tt in c("efron", "breslow")) {
  cx(paste("cox lung sex age", tt), Surv(time, status) ~ sex + age, lung, tt)
  cx(paste("cox ties x flag grp", tt), Surv(time, status) ~ x + flag + grp, ties, tt)
}
cx("cox lung sex age ph.ecog", Surv(time, status) ~ sex + age + ph.ecog, lung)
cx("cox lung age strata sex", Surv(time, status) ~ age + strata(sex), lung)
cx("cox ovarian age resid.ds", Surv(futime, fustat) ~ age + resid.ds, ovarian)
cx("cox veteran trt celltype karno", Surv(time, status) ~ trt + celltype + karno, veteran)
cx("cox aml x", Surv(time, status) ~ x, aml)
cx("cox ties x strata site", Surv(time, status) ~ x + strata(site), ties)
cx("cox censored x", Surv(time, status) ~ x, cens)
cx("cox zero x", Surv(time, status) ~ x, zero)
cx("cox zero grp", Surv(time, status) ~ grp, zero)
cx("cox one x", Surv(time, status) ~ x, one)
cx("cox na x grp", Surv(time, status) ~ x + grp, nas)

out <- do.call(rbind, rows)
write.csv(out, "tests/reference/surv_ref.csv", row.names = FALSE)
