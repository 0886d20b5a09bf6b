# surv_data.R: export survival's data sets and the synthetic edge cases that
# tests/lang/stats_surv_test.lua reads, to tests/data/r/*.csv.
# Regenerate (from the repository root; needs R and the survival package):
#   Rscript tests/reference/surv_data.R && Rscript tests/reference/surv.R
suppressPackageStartupMessages(library(survival))

out <- function(d, name) {
  write.csv(d, file.path("tests/data/r", paste0(name, ".csv")), row.names = FALSE,
            na = "NA")
}

out(survival::lung, "lung")
out(survival::aml, "aml")
out(survival::ovarian, "ovarian")
vet <- survival::veteran
vet$celltype <- as.character(vet$celltype)   # levels sort as R's factor() of text does
out(vet, "veteran")

# Tied times: several deaths and censorings at one time, within and across
# groups; a text group, a numeric and a logical covariate. Seeded.
set.seed(20240611)
n <- 60
ties <- data.frame(
  time = sample(1:12, n, replace = TRUE),
  status = rbinom(n, 1, 0.7),
  grp = sample(c("b", "a", "c"), n, replace = TRUE),
  x = round(rnorm(n), 2),
  flag = rbinom(n, 1, 0.5) == 1,
  site = sample(c("s1", "s2"), n, replace = TRUE)
)
out(ties, "surv_ties")

# Edge cases, one file each.
out(data.frame(time = c(3, 5, 5, 8, 10), status = 0L, grp = c("a", "b", "a", "b", "a"),
               x = c(1, 2, 3, 4, 5)), "surv_censored")
out(data.frame(time = 7, status = 1L, grp = "a", x = 1), "surv_one")
out(data.frame(time = c(2, 4, 4, 6, 9, 3, 5, 7, 8, 12),
               status = c(1L, 1L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L),
               grp = rep(c("a", "b"), each = 5),
               x = c(0.5, 1.5, -1, 2, 0, 1, -0.5, 0.25, 3, -2)), "surv_zero_group")
out(data.frame(time = c(5, NA, 8, 3, 11, 6, 2, 9, 4, 7),
               status = c(1L, 1L, NA, 1L, 0L, 1L, 1L, 0L, 1L, 1L),
               grp = c("a", "b", "a", NA, "b", "a", "b", "a", "b", "b"),
               x = c(1.2, 0.3, 2.2, 1.1, NA, 0.4, 2.5, 1.7, 0.9, 1.4)), "surv_na")
