-- stats_model_test.lua: stats.lm and stats.glm against R 4.2.2. The reference
-- values are tests/reference/model.csv, written by tests/reference/model.R
-- from the data sets tests/reference/model_data.R exports to tests/data/r.

local REL = {rel = 1e-8}

-- ref[model] = {terms = {...}, q = {quantity = {term = value}}}; NA is "NA".
local ref = (function()
  local t = csv.read("tests/reference/model.csv", {types = "str", na = {}})
  local out = {}
  for row in t:rows() do
    local m = out[row.model] or {terms = {}, q = {}}
    out[row.model] = m
    local term = row.term or ""
    if row.quantity == "coef" then m.terms[#m.terms + 1] = term end
    m.q[row.quantity] = m.q[row.quantity] or {}
    m.q[row.quantity][term] = row.value == "NA" and "NA" or tonumber(row.value)
  end
  return out
end)()

local function data(name) return csv.read("tests/data/r/" .. name .. ".csv") end
local tg, mt = data("toothgrowth"), data("mtcars")

-- Every coefficient of fit against ref[name]: estimate, std error,
-- statistic, p-value, interval; aliased terms (NA in R) have only `aliased`.
local function check_coefs(name, fit)
  local r = ref[name]
  expect(fit.terms):equals(r.terms)
  for i, term in ipairs(r.terms) do
    local c = fit.coefficients[term]
    expect(fit.coefficients[i] == c):is_true()
    if r.q.coef[term] == "NA" then
      expect(c.aliased):is_true()
      expect(c.coef):is_nil()
    else
      near(c.coef, r.q.coef[term], REL)
      near(c.std_err, r.q.std_err[term], REL)
      near(c.statistic, r.q.statistic[term], REL)
      near(c.p_value, r.q.p_value[term], REL)
      near(c.conf_int[1], r.q.conf_lo[term], REL)
      near(c.conf_int[2], r.q.conf_hi[term], REL)
    end
  end
end

-- The model-level values both kinds share, and the first and last fitted
-- values and residuals (R's default residual type).
local function check_common(name, fit)
  local q = ref[name].q
  check_coefs(name, fit)
  expect(fit.n):equals(q.n[""])
  expect(fit.rank):equals(q.rank[""])
  expect(fit.df_residual):equals(q.df_residual[""])
  local fitted, res = fit:fitted(), fit:residuals()
  near(fitted[1], q.fitted_1[""], REL)
  near(fitted[#fitted], q.fitted_n[""], REL)
  near(res[1], q.residual_1[""], REL)
  near(res[#res], q.residual_n[""], REL)
  near(fit.loglik, q.loglik[""], REL)
  near(fit.aic, q.aic[""], REL)
  near(fit.bic, q.bic[""], REL)
end

local function check_lm(name, fit)
  local q = ref[name].q
  check_common(name, fit)
  near(fit.r_squared, q.r_squared[""], REL)
  near(fit.adj_r_squared, q.adj_r_squared[""], REL)
  near(fit.sigma, q.sigma[""], REL)
  if q.fstatistic then
    near(fit.fstatistic.value, q.fstatistic[""], REL)
    expect(fit.fstatistic.numdf):equals(q.numdf[""])
    expect(fit.fstatistic.dendf):equals(q.dendf[""])
    near(fit.f_p_value, q.f_p_value[""], REL)
  end
end

local function check_glm(name, fit)
  local q = ref[name].q
  check_common(name, fit)
  near(fit.deviance, q.deviance[""], REL)
  near(fit.null_deviance, q.null_deviance[""], REL)
  expect(fit.df_null):equals(q.df_null[""])
  expect(fit.iterations):equals(q.iterations[""])
  near(fit.dispersion, q.dispersion[""], REL)
  expect(fit.converged):is_true()
end

test "the reference was written by R 4.2" (function()
  expect(ref.R.q.version[""]):is_nil()   -- not a number
  expect(#ref.tg_add.terms):equals(3)
end)

test "lm len ~ dose + supp (ToothGrowth)" (function()
  local fit = stats.lm(tg, "len ~ dose + supp")
  check_lm("tg_add", fit)
  expect(fit.terms):equals({"(Intercept)", "dose", "suppVC"})
  expect(fit.df):equals({3, 57, 3})
  expect(fit.test):equals("t")
  expect(fit.n_dropped):equals(0)
end)

test "lm with a numeric by factor interaction" (function()
  local fit = stats.lm(tg, "len ~ dose * supp")
  check_lm("tg_int", fit)
  expect(fit.terms[4]):equals("dose:suppVC")
end)

test "lm with an interaction of two string factors" (function()
  check_lm("tg_fint", stats.lm(tg, "len ~ dose_f * supp"))
end)

test "lm with log() and I() terms" (function()
  local fit = stats.lm(tg, "len ~ log(dose) + I(dose^2) + supp")
  check_lm("tg_expr", fit)
  expect(fit.terms):equals({"(Intercept)", "log(dose)", "I(dose^2)", "suppVC"})
end)

test "lm without an intercept codes the first factor fully" (function()
  local fit = stats.lm(tg, "len ~ 0 + supp + dose")
  check_lm("tg_noint", fit)
  expect(fit.terms):equals({"suppOJ", "suppVC", "dose"})
end)

test "weighted lm" (function()
  check_lm("mt_weighted", stats.lm(mt, "mpg ~ wt + hp", {weights = "carb"}))
end)

test "rank-deficient lm: the aliased term is NA as in R" (function()
  local fit = stats.lm(mt, "mpg ~ wt + wt_lb + hp")
  check_lm("mt_aliased", fit)
  expect(fit.coefficients.wt_lb.aliased):is_true()
  expect(fit.warnings[1]):contains("singularities")
  expect(fit:summary()):contains("(1 not defined because of singularities)")
end)

test "lm with factor() of a number" (function()
  local fit = stats.lm(mt, "mpg ~ factor(cyl) + wt")
  check_lm("mt_factor", fit)
  expect(fit.terms[2]):equals("factor(cyl)6")
end)

test "lm drops and counts rows with NA (airquality)" (function()
  local fit = stats.lm(data("airquality"), "Ozone ~ Solar.R + Wind + Temp")
  check_lm("aq_na", fit)
  expect(fit.n_dropped):equals(42)
  expect(fit:summary()):contains("(42 observations deleted due to missingness)")
end)

test "glm binomial am ~ wt + hp (mtcars)" (function()
  local fit = stats.glm(mt, "am ~ wt + hp", {family = "binomial"})
  check_glm("mt_binomial", fit)
  expect(fit.family):equals("binomial")
  expect(fit.link):equals("logit")
  expect(fit.test):equals("z")
end)

test "glm binomial with a string factor (infert)" (function()
  check_glm("infert_binomial",
    stats.glm(data("infert"), "case ~ spontaneous + induced + education", {family = "binomial"}))
end)

test "glm poisson with offset(log(years)) and a bool factor" (function()
  local fit = stats.glm(data("crises"), "crises ~ treated + age + offset(log(years))",
                        {family = "poisson"})
  check_glm("crises_poisson", fit)
  expect(fit.terms):equals({"(Intercept)", "treatedTRUE", "age"})
  expect(fit.n_dropped):equals(2)
end)

test "glm poisson with an interaction of factors (warpbreaks)" (function()
  check_glm("wb_poisson", stats.glm(data("warpbreaks"), "breaks ~ wool * tension",
                                    {family = "poisson"}))
end)

test "gaussian glm" (function()
  local fit = stats.glm(tg, "len ~ dose + supp", {family = "gaussian"})
  check_glm("tg_gaussian", fit)
  expect(fit.test):equals("t")
end)

test "perfect separation warns as R does" (function()
  local fit = stats.glm(data("separated"), "y ~ x", {family = "binomial"})
  local all = table.concat(fit.warnings, "\n")
  expect(all):contains("fitted probabilities numerically 0 or 1 occurred")
end)

test "predict gives the fitted values on the data and NA for NA rows" (function()
  local aq = data("airquality")
  local fit = stats.lm(aq, "Ozone ~ Solar.R + Wind + Temp")
  local p = fit:predict(aq)
  expect(p.n):equals(153)
  expect(p[5]):is_nil()   -- Ozone is no predictor: row 5 lacks Solar.R
  near(p[1], fit:fitted()[1], 1e-12)
  local g = stats.glm(mt, "am ~ wt + hp", {family = "binomial"})
  near(g:predict(mt, {type = "response"})[32], g:fitted()[32], 1e-12)
  local lf = stats.lm(tg, "len ~ dose + supp")
  local new = frame.new({dose = {1, 2}, supp = {"VC", "XX"}})
  expect(function() lf:predict(new) end)
    :raises("predict: factor supp has new level 'XX' (not in the fitted model)")
  expect(function() lf:predict(frame.new({dose = {1}, supp = {2}})) end)
    :raises("predict: formula:1:14: 'supp' is numeric here but was a factor in the fit")
  near(lf:predict(frame.new({dose = {1}, supp = {"VC"}}))[1], 9.2725 + 9.763571428571435 - 3.7, 1e-12)
end)

test "summary and tostring read like R's" (function()
  local fit = stats.lm(tg, "len ~ dose + supp")
  local s = fit:summary()
  expect(s):contains("lm(formula = len ~ dose + supp)")
  expect(s):contains("Residual standard error: 4.236 on 57 degrees of freedom")
  expect(tostring(fit)):matches("^lm %(60 rows, 3 coefficients%)")
  local g = stats.glm(mt, "am ~ wt + hp", {family = "binomial"})
  expect(g:summary()):contains("Number of Fisher Scoring iterations: 8")
end)

test "formula errors point at the place" (function()
  expect(function() stats.lm(tg, "len ~ dos + supp") end)
    :raises("stats.lm: formula:1:7: unknown column 'dos' (did you mean 'dose'?)\n    len ~ dos + supp\n          ^")
  expect(function() stats.lm(tg, "len ~ dose +") end)
    :raises("formula:1:13: unexpected end of formula; expected a term (a column, a call, 0 or 1)")
  expect(function() stats.lm(tg, "len dose") end)
    :raises("formula:1:5: unexpected 'dose'; expected '~' after the response")
  expect(function() stats.lm(tg, "len ~ foo(dose)") end)
    :raises("formula:1:7: unknown function 'foo'")
  expect(function() stats.lm(tg, "supp ~ dose") end)
    :raises("formula:1:1: the response 'supp' is a str column; a model needs numbers (bool counts as 0/1)")
  expect(function() stats.lm(tg, "len ~ I(supp * 2)") end)
    :raises("formula:1:9: 'supp' is a str column; arithmetic needs numbers")
  expect(function() stats.lm(tg, "len ~ dose + .") end)
    :raises("formula:1:14: '.' (every other column) is not supported; name the columns")
end)

test "argument and data errors" (function()
  expect(function() stats.glm(tg, "len ~ dose", {family = "binomal"}) end)
    :raises("bad argument #3 to 'glm' (unknown family 'binomal' (known: gaussian, binomial, poisson))")
  expect(function() stats.glm(tg, "len ~ dose", {family = "binomial"}) end)
    :raises("stats.glm: binomial: y values must be 0 <= y <= 1 (row 1 of the rows used has 4.2)")
  expect(function() stats.lm(tg, "len ~ dose", {weights = "wieght"}) end)
    :raises("stats.lm: weights: unknown column 'wieght'")
  expect(function() stats.lm(tg, "len ~ dose", {wieghts = "dose"}) end)
    :raises("bad argument #3 to 'lm' (unknown option 'wieghts')")
  expect(function() stats.lm(tg:filter(function(r) return false end), "len ~ dose") end)
    :raises("stats.lm: no rows to fit (0 rows without NA)")
end)
