# tasks.R: the statistics benchmark tasks of issue 5 in R (survival), the
# same files and printed values as tasks.lua; the fit's elapsed seconds go
# to stderr. Usage: Rscript tasks.R km|cox|glm|perm FILE.csv
suppressMessages({ library(survival); library(data.table) })
a <- commandArgs(TRUE); task <- a[1]
d <- as.data.frame(fread(a[2]))
t0 <- proc.time()[["elapsed"]]
if (task == "km") {
  fit <- survfit(Surv(time, dead) ~ group, data = d)
  lr <- survdiff(Surv(time, dead) ~ group, data = d)
  med <- summary(fit)$table[, "median"]
  for (i in seq_along(med)) cat(sprintf("median %s %.6f\n", names(med)[i], med[i]))
  cat(sprintf("logrank_chisq %.6f\n", lr$chisq))
} else if (task == "cox") {
  fit <- coxph(Surv(time, dead) ~ age + sex + score, data = d)
  for (n in names(coef(fit))) cat(sprintf("coef %s %.8f\n", n, coef(fit)[[n]]))
} else if (task == "glm") {
  fit <- glm(crises ~ treated + age + offset(log(years)), family = poisson, data = d)
  for (n in names(coef(fit))) cat(sprintf("coef %s %.8f\n", n, coef(fit)[[n]]))
} else if (task == "perm") {
  set.seed(5)
  x <- d$value[d$arm == "x"]; y <- d$value[d$arm == "y"]
  obs <- mean(x) - mean(y); all <- c(x, y); nx <- length(x)
  perm <- replicate(100000, { s <- sample.int(length(all), nx); mean(all[s]) - mean(all[-s]) })
  cat(sprintf("p_value %.3f\n", (sum(abs(perm) >= abs(obs)) + 1) / (100000 + 1)))
}
cat(sprintf("fit_seconds %.3f\n", proc.time()[["elapsed"]] - t0), file = stderr())
