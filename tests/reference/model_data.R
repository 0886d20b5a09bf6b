# model_data.R: export the R data sets that tests/lang/stats_model_test.lua fits
# to tests/data/r/*.csv (the references are computed from these files, read
# back, so pathway and R see the same bytes).
# Regenerate (R >= 4.2, base and datasets only), from the repository root:
#   Rscript tests/reference/model_data.R && Rscript tests/reference/model.R
out <- "tests/data/r"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
w <- function(d, name) write.csv(d, file.path(out, name), row.names = FALSE, na = "")

tg <- ToothGrowth
tg$supp <- as.character(tg$supp)
tg$dose_f <- paste0("D", tg$dose)          # a string factor with three levels
w(tg, "toothgrowth.csv")

mt <- mtcars
mt$wt_lb <- mt$wt * 1000                   # exactly collinear with wt: aliased
mt$model <- rownames(mtcars)
w(mt, "mtcars.csv")

wb <- warpbreaks
wb$wool <- as.character(wb$wool)
wb$tension <- as.character(wb$tension)
w(wb, "warpbreaks.csv")

inf <- infert[, c("education", "age", "parity", "induced", "case", "spontaneous")]
inf$education <- as.character(inf$education)
w(inf, "infert.csv")

aq <- airquality                           # NA in Ozone and Solar.R
w(aq, "airquality.csv")

# A constructed count data set with exposure: crises over years of follow-up.
set.seed(20260214)
n <- 120
cr <- data.frame(
  patient = sprintf("P%03d", seq_len(n)),
  treated = rep(c(TRUE, FALSE), length.out = n),
  age = round(runif(n, 1, 18), 1),
  years = round(runif(n, 0.5, 6), 2)
)
cr$crises <- rpois(n, cr$years * exp(0.4 - 0.9 * cr$treated - 0.03 * cr$age))
cr$years[c(7, 31)] <- NA                   # two rows with unknown follow-up
w(cr, "crises.csv")

# Perfectly separated by x: the MLE is at infinity.
sep <- data.frame(x = c(1, 2, 3, 4, 5, 6, 7, 8), y = c(0, 0, 0, 0, 1, 1, 1, 1))
w(sep, "separated.csv")
