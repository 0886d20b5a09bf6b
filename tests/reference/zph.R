# zph.R: reference values of fit:zph() (cox.zph(fit)$table, survival's
# defaults terms = TRUE, singledf = FALSE) from R's survival package, written
# to tests/reference/zph_ref.csv (one value per row: case, key, i, value as
# sprintf("%.17g")). Key "terms": the table's rows; key <term> (and "global"):
# chisq, df, p.
# Regenerate (from the repository root; needs R and the survival package):
#   Rscript tests/reference/surv_data.R && Rscript tests/reference/zph.R
suppressPackageStartupMessages(library(survival))
rd <- function(name) read.csv(file.path("tests/data/r", paste0(name, ".csv")))
lung <- rd("lung"); ovarian <- rd("ovarian"); veteran <- rd("veteran"); surv_ties <- rd("surv_ties")

rows <- list()
put <- function(case, key, v) {
  s <- if (is.character(v)) v else sprintf("%.17g", as.numeric(v))
  rows[[length(rows) + 1]] <<- data.frame(case = case, key = key, i = seq_along(s), value = s)
}
put("meta", "R", R.version.string)
put("meta", "survival", as.character(packageVersion("survival")))

# The fit is built in the global environment: cox.zph re-evaluates its call.
zph <- function(case, formula, data, ties = "efron") {
  fit <- eval(bquote(coxph(.(formula), data = .(substitute(data)), ties = .(ties))), globalenv())
  for (tr in c("km", "rank", "identity", "log")) {
    tab <- cox.zph(fit, transform = tr)$table
    k <- paste0(case, " ", tr)
    put(k, "terms", head(rownames(tab), -1))
    for (r in rownames(tab))
      put(k, if (r == "GLOBAL") "global" else r, tab[r, c("chisq", "df", "p")])
  }
}
zph("lung sex age efron", Surv(time, status) ~ sex + age, lung)
zph("lung sex age breslow", Surv(time, status) ~ sex + age, lung, "breslow")
zph("lung sex age ph.ecog", Surv(time, status) ~ sex + age + ph.ecog, lung)
zph("lung factor ph.ecog age", Surv(time, status) ~ factor(ph.ecog) + age, lung)
zph("lung age strata sex", Surv(time, status) ~ age + strata(sex), lung)
zph("lung age strata sex breslow", Surv(time, status) ~ age + strata(sex), lung, "breslow")
zph("ovarian age resid.ds efron", Surv(futime, fustat) ~ age + resid.ds, ovarian)
zph("ovarian age resid.ds breslow", Surv(futime, fustat) ~ age + resid.ds, ovarian, "breslow")
zph("veteran trt celltype karno efron", Surv(time, status) ~ trt + celltype + karno, veteran)
zph("veteran trt celltype karno breslow", Surv(time, status) ~ trt + celltype + karno, veteran,
    "breslow")
zph("ties x flag grp efron", Surv(time, status) ~ x + flag + grp, surv_ties)
zph("ties x flag grp breslow", Surv(time, status) ~ x + flag + grp, surv_ties, "breslow")
zph("ties x strata site", Surv(time, status) ~ x + strata(site), surv_ties)

write.csv(do.call(rbind, rows), "tests/reference/zph_ref.csv", row.names = FALSE)
