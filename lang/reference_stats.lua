-- reference_stats.lua: reference entries of stats and its result classes.
-- Exports: an array of entries (the schema: docs/reference/index.md).
local U = require "pathway.reference_util"
local p, r, fn, method, class, module = U.p, U.r, U.fn, U.method, U.class, U.module
local HTEST = "pathway.htest"
local ALT = "\"two.sided\"|\"less\"|\"greater\""

local entries = {
  module("stats", { signature = "stats.t_test{...} / stats.lm(frame, formula) / stats.pnorm(q) ...",
    summary = "statistics with R's names, argument order and results",
    body = [[
Distributions (pathway help distributions), hypothesis tests (htest
results), models (lm, glm), survival (km, logrank, cox), multiplicity,
resampling with a documented seeded generator, conjugate posteriors and
MaxSPRT critical values. Result tables use R's field names with _ for .
(std_err, n_risk, conf_int, p_value). Formulas, references, the R call each
matches and the validation against R: docs/methods.md.]],
    example = "print(('%.16g'):format(stats.qnorm(0.975)))  --> 1.959963984540054" }),
  fn("stats.lm", { signature = "stats.lm(frame, \"y ~ x + group\" [, {weights = \"col\", level = 0.95}]) -> lm",
    summary = "linear regression with R's formulas, contrasts and term names",
    body = [[
Treatment contrasts with the first sorted level as reference (suppVC),
interactions a:b and a*b, I(), log(), offset(); NA rows dropped and counted
(n_dropped). fit.coefficients[term] = {coef, std_err, statistic, p_value,
conf_int}; r_squared, adj_r_squared, sigma, fstatistic, loglik, aic, bic;
:summary(), :fitted(), :residuals(), :predict(frame). The option is level (conf_level is an error).]],
    params = { p("frame", "pathway.frame", "the data"), p("formula", "string", "R's formula language"),
               p("opts?", "{weights: string, level: number}", "a weights column, the interval level") },
    returns = { r("pathway.stats.lm", "the fit") },
    example = "print(stats.lm(frame.new{x = {1, 2, 3}, y = {2, 4, 7}}, 'y ~ x').coefficients.x.coef)  --> 2.5" }),
  fn("stats.glm", { signature = "stats.glm(frame, \"y ~ x + offset(log(t))\" [, {family = \"gaussian\"|\"binomial\"|\"poisson\", weights =, level =}]) -> glm",
    summary = "generalized linear models by IRLS as R's glm.fit",
    body = [[
Logit (binomial), log (poisson) and identity (gaussian) links; Wald z
tests and intervals (confint.default); deviance, null_deviance, aic,
loglik, dispersion, iterations, converged. docs/methods.md. family defaults to "gaussian", as in R.]],
    params = { p("frame", "pathway.frame", "the data"), p("formula", "string", "R's formula language"),
               p("opts?", "{family: string, weights: string, level: number}", "family, weights column, interval level") },
    returns = { r("pathway.stats.glm", "the fit") },
    example = "print(stats.glm(f, 'dead ~ x', {family = 'binomial'}).coefficients.x.p_value)" }),
  fn("stats.km", { signature = "stats.km(frame, \"Surv(time, event) ~ group\" [, {conf_type =, conf_level =}]) -> km",
    summary = "Kaplan-Meier curves as survfit, with :at(t), :rmst(tau), :summary()",
    body = [[
Per stratum (fit.strata; fit[label]): time, n_risk, n_event, n_censor,
surv, std_err (of the survival, Greenwood), lower, upper (conf_type log,
log-log or plain), median with median_lower/median_upper, n, events.
:at(t) is the step function at any time; :rmst(tau) the restricted mean
and its standard error. Events 0/1, bool, or 1/2 as R's Surv.]],
    params = { p("frame", "pathway.frame", "the data"), p("formula", "string", "Surv(time, event) ~ strata (or ~ 1)"),
               p("opts?", "{conf_type: string, conf_level: number}", "\"log\" (default), \"log-log\" or \"plain\"; level") },
    returns = { r("pathway.km", "the curves") },
    example = "print(stats.km(f, 'Surv(day, dead) ~ 1')['all'].median)" }),
  fn("stats.logrank", { signature = "stats.logrank(frame, \"Surv(time, event) ~ group [+ strata(s)]\") -> logrank",
    summary = "the log-rank test as survdiff",
    body = [[
chisq, df, p_value, n, n_dropped, and per group (groups, observed,
expected, var); :summary() is survdiff's printed table.]],
    params = { p("frame", "pathway.frame", "the data"), p("formula", "string", "Surv(time, event) ~ group") },
    returns = { r("pathway.logrank", "the test") },
    example = "print(stats.logrank(f, 'Surv(day, dead) ~ arm').p_value)" }),
  fn("stats.cox", { signature = "stats.cox(frame, \"Surv(time, event) ~ x + group\" [, {ties = \"efron\"|\"breslow\", conf_level =}]) -> cox",
    summary = "Cox proportional hazards as coxph",
    body = [[
fit[term] = {coef, hr, std_err, statistic, p_value, hr_lower, hr_upper,
conf_int}; loglik = {null, fit}; lr_test, wald_test, score_test =
{statistic, df, p_value}; concordance; strata(x) terms. fit:zph() is the
proportional-hazards test of cox.zph (per term and global).]],
    params = { p("frame", "pathway.frame", "the data"), p("formula", "string", "Surv(time, event) ~ terms"),
               p("opts?", "{ties: string, conf_level: number}", "tie handling (efron), interval level") },
    returns = { r("pathway.cox", "the fit") },
    example = "print(stats.cox(f, 'Surv(day, dead) ~ x').x.hr)" }),
  fn("stats.binom_test", { signature = "stats.binom_test{x =, n =, p = 0.5, alternative =, conf_level = 0.95} -> htest",
    summary = "the exact binomial test as binom.test, with the Clopper-Pearson interval",
    body = "x = {s, f} is binom.test(c(s, f)). Estimate x/n.",
    params = { p("spec", "{x: integer|integer[], n: integer, p: number, alternative: string, conf_level: number}", "successes, trials, null probability") },
    returns = { r(HTEST, "the test") },
    example = "print(stats.binom_test{x = 3, n = 10}.p_value)  --> 0.34375" }),
  fn("stats.poisson_test", { signature = "stats.poisson_test{x =, T = 1, r = 1, alternative =, conf_level = 0.95} -> htest",
    summary = "the exact Poisson test as poisson.test: one rate, or the ratio of two",
    body = [[
One sample: the exact Poisson p-value, Garwood's interval. Two samples
(x = {x1, x2}, T = {T1, T2}): the conditional binomial test; estimate the
rate ratio (x1/T1)/(x2/T2).]],
    params = { p("spec", "{x: integer|integer[], T: number|number[], r: number, alternative: string, conf_level: number}", "counts, exposures, null ratio") },
    returns = { r(HTEST, "the test") },
    example = "print(stats.poisson_test{x = {2, 10}, T = {5, 5}}.estimate)" }),
  fn("stats.fisher_test", { signature = "stats.fisher_test{table = {{a, b}, {c, d}}, alternative =, conf_level =, or = 1} -> htest",
    summary = "Fisher's exact test of a 2x2 table, conditional MLE odds ratio and exact interval",
    params = { p("spec", "{table: integer[][], alternative: string, conf_level: number, or: number}", "the 2x2 table by rows") },
    returns = { r(HTEST, "the test") },
    example = "print(stats.fisher_test{table = {{3, 1}, {1, 3}}}.p_value)" }),
  fn("stats.t_test", { signature = "stats.t_test{x =, y =, paired = false, var_equal = false, mu = 0, alternative =, conf_level =} -> htest",
    summary = "one-sample, paired, pooled or Welch t test as t.test",
    params = { p("spec", "{x: number[], y: number[], paired: boolean, var_equal: boolean, mu: number, alternative: string, conf_level: number}", "the samples and options") },
    returns = { r(HTEST, "the test") },
    example = "print(stats.t_test{x = {5.1, 4.9, 5.6, 5.8}, mu = 5}.p_value)" }),
  fn("stats.wilcox_test", { signature = "stats.wilcox_test{x =, y =, paired =, exact =, correct = true, mu = 0, conf_int = false, alternative =, conf_level =} -> htest",
    summary = "Wilcoxon signed-rank and rank-sum tests as wilcox.test (exact where R is exact)",
    params = { p("spec", "{x: number[], y: number[], paired: boolean, exact: boolean, correct: boolean, mu: number, conf_int: boolean, alternative: string, conf_level: number}", "the samples and options") },
    returns = { r(HTEST, "the test") },
    example = "print(stats.wilcox_test{x = {1.1, 2.2, 3.3}, y = {4.4, 5.5, 6.6}}.p_value)  --> 0.1" }),
  fn("stats.p_adjust", { signature = "stats.p_adjust(p [, method = \"holm\"]) -> number[]",
    summary = "p-value adjustment as p.adjust",
    body = "Methods holm, hochberg, hommel, BH (fdr), BY, bonferroni, none; NA entries come back as NaN and are not counted.",
    params = { p("p", "number[]", "the p-values"), p("method?", "string", "the method (holm)") },
    returns = { r("number[]", "the adjusted p-values") },
    example = "print(stats.p_adjust({0.01, 0.04}, 'bonferroni')[2])  --> 0.08" }),
  fn("stats.permutation_test", { signature = "stats.permutation_test{x =, y =, statistic = \"mean_difference\"|fn, n = 10000, alternative =, seed =} -> htest",
    summary = "a two-sample permutation test with the seeded xoshiro256** generator",
    body = [[
xoshiro256** seeded from the engine's --seed and seed =: the same call
gives the same answer on every machine. p = (b + 1)/(n + 1). Fields
statistic, parameter (n), p_value, exceed (b), seed. docs/methods.md.]],
    params = { p("spec", "{x: number[], y: number[], statistic: string|fun(x: number[], y: number[]): number, n: integer, alternative: string, seed: integer}", "samples and options") },
    returns = { r(HTEST, "the test") },
    example = "print(stats.permutation_test{x = {1, 2, 3}, y = {4, 5, 6}, n = 999}.p_value)" }),
  fn("stats.bootstrap", { signature = "stats.bootstrap{x =, statistic = \"mean\"|\"median\"|fn, n = 2000, conf_level =, type = \"percentile\"|\"basic\"|\"bca\", seed =} -> htest",
    summary = "a bootstrap interval with the seeded generator",
    body = "Fields statistic = estimate, conf_int, bias, std_error, parameter (n), seed. docs/methods.md.",
    params = { p("spec", "{x: number[], statistic: string|fun(x: number[]): number, n: integer, conf_level: number, type: string, seed: integer}", "sample and options") },
    returns = { r(HTEST, "the interval") },
    example = "print(table.concat(stats.bootstrap{x = {3, 1, 4, 1, 5, 9, 2, 6}, n = 999}.conf_int, ' '))" }),
  fn("stats.beta_binomial", { signature = "stats.beta_binomial{successes =, n =, prior = {a, b}} -> posterior",
    summary = "the Beta posterior of a success rate",
    body = "Beta(a + s, b + n - s); fields a, b, mean.",
    params = { p("spec", "{successes: integer, n: integer, prior: number[]}", "data and the Beta prior") },
    returns = { r("pathway.posterior", "the posterior") },
    example = "print(stats.beta_binomial{successes = 4, n = 4, prior = {1, 1}}:prob_greater(0.5))  --> 0.96875" }),
  fn("stats.gamma_poisson", { signature = "stats.gamma_poisson{events =, exposure =, prior = {shape, rate}} -> posterior",
    summary = "the Gamma posterior of an event rate",
    body = "Gamma(shape + events, rate + exposure); fields shape, rate, mean.",
    params = { p("spec", "{events: integer, exposure: number, prior: number[]}", "data and the Gamma prior") },
    returns = { r("pathway.posterior", "the posterior") },
    example = "print(stats.gamma_poisson{events = 3, exposure = 10, prior = {1, 1}}.mean)" }),
  fn("stats.maxsprt_cv", { signature = "stats.maxsprt_cv(T [, M = 1 [, alpha = 0.05]]) -> number",
    summary = "exact critical value of the continuous Poisson MaxSPRT",
    body = "As R's Sequential::CV.Poisson(SampleSize = T, D = 0, M, alpha). docs/rwe.md.",
    params = { p("T", "number", "the upper limit on expected events"), p("M?", "integer", "minimum events before a signal"),
               p("alpha?", "number", "the type I error") },
    returns = { r("number", "the critical value of the log-likelihood ratio") },
    example = "print(stats.maxsprt_cv(10))  --> 3.4679515803337" }),
  fn("stats.maxsprt_alpha", { signature = "stats.maxsprt_alpha(T, M, cv) -> number",
    summary = "the exact type I error of a MaxSPRT critical value",
    params = { p("T", "number", "the upper limit on expected events"), p("M", "integer", "minimum events"),
               p("cv", "number", "the critical value") },
    returns = { r("number", "alpha") },
    example = "print(stats.maxsprt_alpha(10, 1, stats.maxsprt_cv(10)))" }),
  fn("stats.maxsprt_llr", { signature = "stats.maxsprt_llr(observed, expected) -> number",
    summary = "the Poisson log-likelihood ratio maximized over RR >= 1",
    params = { p("observed", "number", "cumulative observed events"), p("expected", "number", "cumulative expected events") },
    returns = { r("number", "the LLR (0 when observed <= expected)") },
    example = "print(stats.maxsprt_llr(6, 2))" }),

  class("htest", { class = HTEST, signature = "stats.t_test{...} -> htest",
    summary = "a hypothesis test result with R's htest fields; :summary()",
    body = [[
statistic, parameter, p_value, conf_int, estimate, null_value,
alternative, method, with R's meaning (fields R leaves out are absent);
tostring and :summary() print it as R prints an htest.]],
    example = "print(stats.binom_test{x = 3, n = 10})" }),
  method("htest:summary", { signature = "t:summary() -> string", summary = "the test as R prints it",
    returns = { r("string", "the text") }, example = "print(stats.t_test{x = {1, 2, 3, 4}}:summary())" }),
  class("posterior", { class = "pathway.posterior", signature = "stats.beta_binomial{...} -> posterior",
    summary = "a conjugate posterior: :prob_greater(x), :interval(level)",
    body = "Beta (a, b, mean) or Gamma (shape, rate, mean). Its metatable's __name is \"posterior\".",
    example = "print(stats.beta_binomial{successes = 3, n = 4, prior = {1, 1}})" }),
  method("posterior:prob_greater", { signature = "post:prob_greater(x) -> number",
    summary = "the posterior probability that the rate exceeds x",
    params = { p("x", "number", "the threshold") }, returns = { r("number", "P(rate > x)") },
    example = "print(stats.gamma_poisson{events = 3, exposure = 10, prior = {1, 1}}:prob_greater(0.5))" }),
  method("posterior:interval", { signature = "post:interval([level = 0.95]) -> {lo, hi, level =}",
    summary = "the equal-tailed credible interval",
    params = { p("level?", "number", "the level (0.95)") }, returns = { r("{[1]: number, [2]: number, level: number}", "the interval") },
    example = "print(table.concat(stats.beta_binomial{successes = 3, n = 4, prior = {1, 1}}:interval(), ' '))" }),
  class("km", { class = "pathway.km", signature = "stats.km(frame, formula) -> km",
    summary = "Kaplan-Meier curves: fit.strata, fit[label], :at, :rmst, :summary",
    body = [[
fit.strata is the array of labels ("all" for ~ 1); fit[label] holds the
arrays time n_risk n_event n_censor surv std_err lower upper and n events
median median_lower median_upper. Also n, events, n_dropped, conf_type,
conf_level.]],
    example = "print(stats.km(f, 'Surv(day, dead) ~ arm'))" }),
  method("km:at", { signature = "fit:at(t [, {extend = false}]) -> table",
    summary = "the curves at time t, as summary(fit, times = t)",
    params = { p("t", "number", "the time"), p("opts?", "{extend: boolean}", "keep curves that end before t") },
    returns = { r("table", "per stratum label: time, surv, std_err, lower, upper, n_risk, n_event") },
    example = "print(stats.km(f, 'Surv(day, dead) ~ 1'):at(40)['all'].surv)" }),
  method("km:rmst", { signature = "fit:rmst(tau) -> table",
    summary = "the restricted mean survival time up to tau and its standard error",
    params = { p("tau", "number", "the horizon") }, returns = { r("table", "tau, and per stratum label {rmean, std_err}") },
    example = "print(stats.km(f, 'Surv(day, dead) ~ 1'):rmst(60)['all'].rmean)" }),
  method("km:summary", { signature = "fit:summary() -> string", summary = "R's print(fit) table",
    returns = { r("string", "the text") }, example = "print(stats.km(f, 'Surv(day, dead) ~ arm'):summary())" }),
  class("logrank", { class = "pathway.logrank", signature = "stats.logrank(frame, formula) -> logrank",
    summary = "a log-rank test: chisq, df, p_value, groups, observed, expected, var; :summary",
    body = "The fields of survdiff with R's names (obs is observed, exp expected); tostring gives :summary().",
    example = "print(stats.logrank(f, 'Surv(day, dead) ~ arm').chisq)" }),
  method("logrank:summary", { signature = "test:summary() -> string", summary = "R's print(survdiff(...)) table and chi-square line",
    returns = { r("string", "the text") }, example = "print(stats.logrank(f, 'Surv(day, dead) ~ arm'):summary())" }),
  class("cox", { class = "pathway.cox", signature = "stats.cox(frame, formula) -> cox",
    summary = "a Cox fit: fit[term], loglik, tests, concordance; :zph()",
    body = "fit[term] = {coef, hr, std_err, statistic, p_value, hr_lower, hr_upper, conf_int}; loglik = {null, fit}; lr_test, wald_test, score_test = {statistic, df, p_value}; concordance.",
    example = "print(stats.cox(f, 'Surv(day, dead) ~ x').lr_test.p_value)" }),
  method("cox:zph", { signature = "fit:zph([{transform = \"km\"|\"rank\"|\"identity\"|\"log\"}]) -> table",
    summary = "the proportional-hazards test of cox.zph, per term and global",
    params = { p("opts?", "{transform: string}", "the time transform (km)") },
    returns = { r("table", "terms, global = {chisq, df, p_value}, transform") },
    example = "print(stats.cox(f, 'Surv(day, dead) ~ x'):zph().global.p_value)" }),
}

-- The lm and glm classes share their methods.
for _, m in ipairs({ "lm", "glm" }) do
  entries[#entries + 1] = class(m, { class = "pathway.stats." .. m, signature = "stats." .. m .. "(frame, formula) -> " .. m,
    summary = "a fitted " .. (m == "lm" and "linear" or "generalized linear") .. " model: coefficients, fit statistics, methods",
    body = [[
terms; coefficients[i] and coefficients[name] = {term, coef, std_err,
statistic, p_value, conf_int = {lo, hi}} (or {term, aliased = true}); test
("t" or "z"); n, n_dropped, rank, conf_level, warnings, loglik, aic, bic;
lm: sigma, df_residual, r_squared, adj_r_squared, fstatistic, f_p_value;
glm: family, link, deviance, null_deviance, df_null, dispersion,
iterations, converged, boundary. docs/methods.md.]],
    example = "print(stats." .. m .. "(f, 'y ~ x'))" })
  entries[#entries + 1] = method(m .. ":summary", { signature = "fit:summary() -> string",
    summary = "the fit as R's print(summary(fit))", returns = { r("string", "the text") },
    example = "print(stats." .. m .. "(f, 'y ~ x'):summary())" })
  entries[#entries + 1] = method(m .. ":fitted", { signature = "fit:fitted() -> number[]",
    summary = "the fitted values over the rows used", returns = { r("number[]", "fitted values") },
    example = "print(stats." .. m .. "(f, 'y ~ x'):fitted()[1])" })
  entries[#entries + 1] = method(m .. ":residuals", { signature = "fit:residuals([type]) -> number[]",
    summary = "residuals: \"response\" (lm default), \"deviance\" (glm default), \"pearson\", \"working\"",
    params = { p("type?", "string", "the kind of residual") }, returns = { r("number[]", "residuals") },
    example = "print(stats." .. m .. "(f, 'y ~ x'):residuals()[1])" })
  entries[#entries + 1] = method(m .. ":predict", { signature = "fit:predict(frame [, {type = \"link\"|\"response\"}]) -> number[]",
    summary = "predictions for the rows of a frame (nil where a variable is NA; field n)",
    params = { p("frame", "pathway.frame", "new data"), p("opts?", "{type: string}", "scale of the prediction") },
    returns = { r("number[]", "one value per row") },
    example = "print(stats." .. m .. "(f, 'y ~ x'):predict(frame.new{x = {10}})[1])" })
end

-- The distributions: d, p and q of each family, positional in R's order.
local FAMILIES = {
  { "norm", "the normal distribution", { { "mean?", "number", "mean (0)" }, { "sd?", "number", "standard deviation (1)" } }, "0, 1" },
  { "t", "Student's t distribution", { { "df", "number", "degrees of freedom" } }, "5" },
  { "chisq", "the chi-squared distribution", { { "df", "number", "degrees of freedom" } }, "3" },
  { "f", "the F distribution", { { "df1", "number", "numerator df" }, { "df2", "number", "denominator df" } }, "3, 10" },
  { "beta", "the beta distribution", { { "shape1", "number", "a" }, { "shape2", "number", "b" } }, "2, 3" },
  { "gamma", "the gamma distribution (rate, or scale = as an option)", { { "shape", "number", "shape" }, { "rate?", "number", "rate (1); {scale = s} instead" } }, "2, 1" },
  { "exp", "the exponential distribution", { { "rate?", "number", "rate (1)" } }, "2" },
  { "binom", "the binomial distribution", { { "size", "integer", "trials" }, { "prob", "number", "success probability" } }, "10, 0.3" },
  { "pois", "the Poisson distribution", { { "lambda", "number", "mean" } }, "2" },
  { "nbinom", "the negative binomial distribution (prob, or mu = as an option)", { { "size", "number", "target successes" }, { "prob", "number", "success probability; {mu = m} instead" } }, "3, 0.5" },
  { "hyper", "the hypergeometric distribution", { { "m", "integer", "white balls" }, { "n", "integer", "black balls" }, { "k", "integer", "balls drawn" } }, "5, 5, 4" },
}
local KINDS = {
  { "d", "x", "the density (or probability mass)", "log", "density" },
  { "p", "q", "the distribution function", "lower_tail, log_p", "probability" },
  { "q", "p", "the quantile function", "lower_tail, log_p", "quantile" },
}
local ARG = { d = "1", p = "1", q = "0.5" }
for _, fam in ipairs(FAMILIES) do
  for _, k in ipairs(KINDS) do
    local name = k[1] .. fam[1]
    local params = { p(k[2], "number|number[]", k[2] == "p" and "probabilities" or "values") }
    local names, optional = { k[2] }, {}
    for _, a in ipairs(fam[3]) do
      params[#params + 1] = p(a[1], a[2], a[3])
      local bare, n = a[1]:gsub("%?$", "")
      if n > 0 then optional[#optional + 1] = bare else names[#names + 1] = bare end
    end
    optional[#optional + 1] = k[4]
    for flag in k[4]:gmatch("[%a_]+") do
      params[#params + 1] = p(flag .. "?", "boolean", flag == "lower_tail" and "P[X <= x] (true) or P[X > x]"
                              or flag == "log_p" and "probabilities as logs" or "the log of the density")
    end
    params[#params + 1] = p("opts?", "table", "the same parameters and flags by name, as a last argument")
    local arg = (fam[1] == "binom" or fam[1] == "pois" or fam[1] == "nbinom" or fam[1] == "hyper") and k[1] ~= "q" and "2" or ARG[k[1]]
    entries[#entries + 1] = fn("stats." .. name, {
      signature = ("stats.%s(%s [, %s]) -> number|number[]"):format(name, table.concat(names, ", "), table.concat(optional, ", ")),
      summary = k[3] .. " of " .. fam[2] .. ", as R's " .. name,
      body = "Positional in R's order, R's defaults; the first argument may be an array (the result is then an array). Invalid parameters give NaN as in R. pathway help distributions.",
      params = params, returns = { r("number|number[]", "the " .. k[5] .. "(s)") },
      example = ("print(stats.%s(%s, %s))"):format(name, arg, fam[4]) })
  end
end

return entries
