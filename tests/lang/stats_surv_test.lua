-- stats_surv_test.lua: stats.km, stats.logrank and stats.cox against R 4.2.2 with
-- survival 3.5.3: every number to 1e-8 relative. The reference values are
-- tests/reference/surv_ref.csv, written by tests/reference/surv.R from the data
-- tests/reference/surv_data.R exports to tests/data/r/ (regenerate with
-- `Rscript tests/reference/surv_data.R && Rscript tests/reference/surv.R`).

local REL = 1e-8

-- REF[case][key] = array of the values R wrote (strings).
local REF = {}
do
  local f = csv.read("tests/reference/surv_ref.csv",
                     { types = { case = "str", key = "str", i = "int", value = "str" }, na = {} })
  for row in f:rows() do
    local c = REF[row.case] or {}
    REF[row.case] = c
    local k = c[row.key] or {}
    c[row.key] = k
    k[row.i] = row.value or ""
  end
end

local DATA = {}
local function data(name)
  DATA[name] = DATA[name] or csv.read("tests/data/r/" .. name .. ".csv")
  return DATA[name]
end

-- R's text as a number; "NA" and "NaN" are `false` (missing).
local function num(s)
  if s == "NA" or s == "NaN" then return false end
  if s == "Inf" then return math.huge end
  if s == "-Inf" then return -math.huge end
  return assert(tonumber(s), s)
end

-- Compare ours with R's value; push a description of any difference onto bad.
-- R's NA or NaN must be nil or NaN here; 0 must be 0 within 1e-12.
local function same(bad, what, ours, ref)
  local want = num(ref)
  if want == false then
    if ours ~= nil and ours == ours then bad[#bad + 1] = what .. ": " .. tostring(ours) .. " for R's " .. ref end
    return
  end
  local ok = type(ours) == "number" and
    (ours == want or math.abs(ours - want) <= (want == 0 and 1e-12 or REL * math.abs(want)))
  if not ok then bad[#bad + 1] = string.format("%s: %s, R %s", what, tostring(ours), ref) end
end

-- Compare an array (or a scalar as an array of one) with R's values.
local function same_all(bad, what, ours, refs)
  if refs == nil then bad[#bad + 1] = what .. ": no reference"; return end
  if type(ours) ~= "table" then ours = { ours, n = 1 } end
  local n = ours.n or #ours
  if n ~= #refs then bad[#bad + 1] = string.format("%s: %d values, R %d", what, n, #refs) end
  for i = 1, #refs do same(bad, what .. "[" .. i .. "]", ours[i], refs[i]) end
end

-- R's format() of a time in the reference keys.
local function rtime(t)
  return t == math.floor(t) and string.format("%d", t) or string.format("%g", t)
end

---------------------------------------------------------------- km

local KM = {
  { "km lung sex log", "lung", "Surv(time, status) ~ sex", { conf_type = "log" } },
  { "km lung sex log-log", "lung", "Surv(time, status) ~ sex", { conf_type = "log-log" } },
  { "km lung sex plain", "lung", "Surv(time, status) ~ sex", { conf_type = "plain" } },
  { "km aml x", "aml", "Surv(time, status) ~ x" },
  { "km aml x 0.9", "aml", "Surv(time, status) ~ x", { conf_level = 0.9 } },
  { "km ovarian 1", "ovarian", "Surv(futime, fustat) ~ 1" },
  { "km ovarian 1 log-log", "ovarian", "Surv(futime, fustat) ~ 1", { conf_type = "log-log" } },
  { "km ties grp", "surv_ties", "Surv(time, status) ~ grp" },
  { "km ties grp site", "surv_ties", "Surv(time, status) ~ grp + site" },
  { "km ties flag", "surv_ties", "Surv(time, status) ~ flag" },
  { "km censored grp", "surv_censored", "Surv(time, status) ~ grp" },
  { "km one 1", "surv_one", "Surv(time, status) ~ 1" },
  { "km zero grp", "surv_zero_group", "Surv(time, status) ~ grp" },
  { "km zero grp log-log", "surv_zero_group", "Surv(time, status) ~ grp", { conf_type = "log-log" } },
  { "km na grp", "surv_na", "Surv(time, status) ~ grp" },
}

local CURVE = { "time", "n_risk", "n_event", "n_censor", "surv", "std_err", "lower", "upper",
                "n", "events", "median", "median_lower", "median_upper" }

for _, c in ipairs(KM) do
  local case, name, formula, opts = c[1], c[2], c[3], c[4]
  local ref = REF[case]

  test(case .. ": curves, medians and their intervals as survfit") (function()
    local fit = stats.km(data(name), formula, opts)
    expect(fit.strata):equals(ref.strata)
    local bad = {}
    same_all(bad, "n_dropped", fit.n_dropped, ref.n_dropped)
    for _, s in ipairs(ref.strata) do
      for _, field in ipairs(CURVE) do
        same_all(bad, s .. "/" .. field, fit[s][field], ref[s .. "/" .. field])
      end
    end
    expect(bad):equals({})
  end)

  test(case .. ": :at(t) as summary(fit, times = t, extend)") (function()
    local fit = stats.km(data(name), formula, opts)
    local bad = {}
    for _, t in ipairs({ 0, 5, 11, 100.5, 500, 1022, 2000 }) do
      for _, extend in ipairs({ false, true }) do
        local at = fit:at(t, { extend = extend })
        for _, s in ipairs(ref.strata) do
          local key = string.format("at/%s/%s/%s", rtime(t), extend and "extend" or "no", s)
          local times = fit[s].time
          local beyond = not extend and t > times[#times]
          if beyond then
            if at[s] ~= nil then bad[#bad + 1] = key .. ": present after the last time" end
          elseif ref[key] then   -- R stopped: another curve ends before t
            if ref[key][1] ~= "absent" then bad[#bad + 1] = key .. ": R has " .. ref[key][1] end
          else
            for _, field in ipairs({ "surv", "std_err", "lower", "upper", "n_risk", "n_event" }) do
              same_all(bad, key .. "/" .. field, at[s] and at[s][field], ref[key .. "/" .. field])
            end
          end
        end
      end
    end
    expect(bad):equals({})
  end)

  test(case .. ": :rmst(tau) as survmean") (function()
    local fit = stats.km(data(name), formula, opts)
    local bad = {}
    for _, tau in ipairs({ 100, 365, 1000 }) do
      local r = fit:rmst(tau)
      for _, s in ipairs(ref.strata) do
        local key = string.format("rmst/%d/%s/", tau, s)
        same_all(bad, key .. "rmean", r[s].rmean, ref[key .. "rmean"])
        same_all(bad, key .. "std_err", r[s].std_err, ref[key .. "se"])
      end
    end
    expect(bad):equals({})
  end)

  test(case .. ": :summary() is R's print table") (function()
    local fit = stats.km(data(name), formula, opts)
    local lines = {}
    for i = 3, #ref.print do lines[#lines + 1] = ref.print[i] end
    expect(fit:summary()):equals(table.concat(lines, "\n"))
    expect(tostring(fit)):equals(fit:summary())
  end)
end

test "km: options, formulas and data are checked" (function()
  local lung = data("lung")
  expect(function() stats.km(lung, "Surv(time, status) ~ sex", { conf_type = "logit" }) end)
    :raises("invalid option 'logit'")
  expect(function() stats.km(lung, "Surv(time, status) ~ sex", { conf_level = 1 }) end)
    :raises("conf_level must be a number between 0 and 1")
  expect(function() stats.km(lung, "Surv(time, status) ~ sxe") end)
    :raises("km: no column 'sxe' in the frame")
  expect(function() stats.km(lung, "time ~ sex") end)
    :raises("km: formula: it must start with Surv(")
  expect(function() stats.km(lung, "Surv(time, status) ~ log(age)") end)
    :raises("unsupported term 'log(...)'")
  local bad = frame.new { t = { 1, 2, 3 }, d = { 0, 1, 3 } }
  expect(function() stats.km(bad, "Surv(t, d) ~ 1") end)
    :raises("km: event column 'd' must be 0/1, true/false or 1/2 (1 = censored, 2 = dead); row 3 has 3")
  local mixed = frame.new { t = { 1, 2, 3 }, d = { 0, 1, 2 } }
  expect(function() stats.km(mixed, "Surv(t, d) ~ 1") end):raises("row 1 has 0")
  local allna = frame.new({ t = { 1, 2 }, d = { nil, nil, n = 2 } }, { types = { d = "int" } })
  expect(function() stats.km(allna, "Surv(t, d) ~ 1") end)
    :raises("km: no rows to use (2 of 2 have an NA in the formula's columns)")
  local text = frame.new { t = { "a", "b" }, d = { 1, 0 } }
  expect(function() stats.km(text, "Surv(t, d) ~ 1") end)
    :raises("km: time column 't' must be int or num, not str")
  expect(function() stats.km(lung, "Surv(time, status) ~ sex"):rmst(-1) end)
    :raises("tau must be at or after time 0")
end)

test "km: bool events and 1/2 events give the same curve as 0/1" (function()
  local a = stats.km(frame.new { t = { 3, 1, 2, 2 }, d = { 1, 0, 1, 1 } }, "Surv(t, d) ~ 1")
  local b = stats.km(frame.new { t = { 3, 1, 2, 2 }, d = { true, false, true, true } }, "Surv(t, d) ~ 1")
  local c = stats.km(frame.new { t = { 3, 1, 2, 2 }, d = { 2, 1, 2, 2 } }, "Surv(t, d) ~ 1")
  expect(b.all.surv):equals(a.all.surv)
  expect(c.all.surv):equals(a.all.surv)
  expect(a.all.surv):equals({ 1, 1 / 3, 0, n = 3 })
end)

---------------------------------------------------------------- logrank

local LOGRANK = {
  { "logrank lung sex", "lung", "Surv(time, status) ~ sex" },
  { "logrank lung sex strata inst", "lung", "Surv(time, status) ~ sex + strata(inst)" },
  { "logrank veteran celltype", "veteran", "Surv(time, status) ~ celltype" },
  { "logrank aml x", "aml", "Surv(time, status) ~ x" },
  { "logrank ties grp", "surv_ties", "Surv(time, status) ~ grp" },
  { "logrank ties grp strata site", "surv_ties", "Surv(time, status) ~ grp + strata(site)" },
  { "logrank zero grp", "surv_zero_group", "Surv(time, status) ~ grp" },
  { "logrank na grp", "surv_na", "Surv(time, status) ~ grp" },
}

for _, c in ipairs(LOGRANK) do
  local case, name, formula = c[1], c[2], c[3]
  test(case .. ": as survdiff") (function()
    local ref = REF[case]
    local r = stats.logrank(data(name), formula)
    expect(r.groups):equals(ref.groups)
    local bad = {}
    for _, field in ipairs({ "n", "observed", "expected", "chisq", "df", "p_value", "n_dropped" }) do
      same_all(bad, field, r[field], ref[field])
    end
    local var = {}
    for i = 1, #r.var do for j = 1, #r.var do var[#var + 1] = r.var[j][i] end end
    same_all(bad, "var", var, ref.var)
    expect(bad):equals({})
  end)
end

test "logrank: no deaths, one group and no group are errors" (function()
  expect(REF["logrank one grp"].error[1]):equals("There is only 1 group")
  expect(function() stats.logrank(data("surv_one"), "Surv(time, status) ~ grp") end)
    :raises("logrank: there is only 1 group")
  -- R returns chisq 0 on df -1 with a NaN p-value here
  expect(REF["logrank censored grp"].p_value[1]):equals("NaN")
  expect(function() stats.logrank(data("surv_censored"), "Surv(time, status) ~ grp") end)
    :raises("logrank: no deaths among the 5 subjects: the test is undefined")
  expect(function() stats.logrank(data("lung"), "Surv(time, status) ~ 1") end)
    :raises("logrank: the formula needs a group")
end)

---------------------------------------------------------------- cox

local COX = {
  { "cox lung sex age efron", "lung", "Surv(time, status) ~ sex + age", { ties = "efron" } },
  { "cox lung sex age breslow", "lung", "Surv(time, status) ~ sex + age", { ties = "breslow" } },
  { "cox ties x flag grp efron", "surv_ties", "Surv(time, status) ~ x + flag + grp" },
  { "cox ties x flag grp breslow", "surv_ties", "Surv(time, status) ~ x + flag + grp", { ties = "breslow" } },
  { "cox lung sex age ph.ecog", "lung", "Surv(time, status) ~ sex + age + ph.ecog" },
  { "cox lung age strata sex", "lung", "Surv(time, status) ~ age + strata(sex)" },
  { "cox ovarian age resid.ds", "ovarian", "Surv(futime, fustat) ~ age + resid.ds" },
  { "cox veteran trt celltype karno", "veteran", "Surv(time, status) ~ trt + celltype + karno" },
  { "cox aml x", "aml", "Surv(time, status) ~ x" },
  { "cox ties x strata site", "surv_ties", "Surv(time, status) ~ x + strata(site)" },
  { "cox zero x", "surv_zero_group", "Surv(time, status) ~ x" },
  { "cox zero grp", "surv_zero_group", "Surv(time, status) ~ grp" },
  { "cox na x grp", "surv_na", "Surv(time, status) ~ x + grp" },
}

local TERM = { "coef", "std_err", "statistic", "p_value", "hr_lower", "hr_upper" }

for _, c in ipairs(COX) do
  local case, name, formula, opts = c[1], c[2], c[3], c[4]
  test(case .. ": as coxph and summary(coxph)") (function()
    local ref = REF[case]
    local fit = stats.cox(data(name), formula, opts)
    expect(fit.terms):equals(ref.terms)
    local bad = {}
    for _, field in ipairs(TERM) do
      local ours = {}
      for i, t in ipairs(fit.terms) do ours[i] = fit[t][field] end
      same_all(bad, field, ours, ref[field])
    end
    for i, t in ipairs(fit.terms) do
      same(bad, t .. " hr", math.log(fit[t].hr), ref.coef[i])
      same(bad, t .. " conf_int", math.exp(fit[t].conf_int[1]), ref.hr_lower[i])
      same(bad, t .. " conf_int", math.exp(fit[t].conf_int[2]), ref.hr_upper[i])
    end
    same_all(bad, "loglik", fit.loglik, ref.loglik)
    for _, test_name in ipairs({ "lr_test", "wald_test", "score_test" }) do
      local t = fit[test_name]
      same_all(bad, test_name, { t.statistic, t.df, t.p_value }, ref[test_name])
    end
    same_all(bad, "concordance", fit.concordance, { ref.concordance[1] })
    for _, field in ipairs({ "n", "events", "iterations", "n_dropped" }) do
      same_all(bad, field, fit[field], ref[field])
    end
    local var = {}
    for i = 1, #fit.terms do for j = 1, #fit.terms do var[#var + 1] = fit.var[j][i] end end
    same_all(bad, "var", var, ref.var)
    expect(bad):equals({})
    if ref.warning then
      expect(fit.warnings):equals({ "Loglik converged before variable 1; coefficient may be infinite." })
    else
      expect(fit.warnings):is_nil()
    end
  end)
end

test "cox: no events, one subject and unusable designs are errors" (function()
  -- R returns NA coefficients for no events and stops for one subject
  expect(REF["cox censored x"].coef[1]):equals("NA")
  expect(function() stats.cox(data("surv_censored"), "Surv(time, status) ~ x") end)
    :raises("cox: no events (all 5 subjects censored): the model cannot be fit")
  expect(REF["cox one x"].error ~= nil):is_true()
  expect(function() stats.cox(data("surv_one"), "Surv(time, status) ~ x") end)
    :raises("cox: 'x' is a linear combination of the other covariates (or constant)")
  local lung = data("lung")
  expect(function() stats.cox(lung, "Surv(time, status) ~ 1") end)
    :raises("cox: the formula needs a covariate")
  expect(function() stats.cox(lung, "Surv(time, status) ~ sex", { ties = "exact" }) end)
    :raises("invalid option 'exact'")
  local f = frame.new { t = { 1, 2, 3, 4 }, d = { 1, 1, 0, 1 }, g = { "a", "a", "a", "a" } }
  expect(function() stats.cox(f, "Surv(t, d) ~ g") end)
    :raises("cox: 'g' has one value only; a factor needs two levels")
  local n = frame.new { t = { 1, 2, 3, 4 }, d = { 1, 1, 0, 1 }, n = { 1, 2, 2, 1 } }
  expect(function() stats.cox(n, "Surv(t, d) ~ n") end)
    :raises("cox: term 'n' would hide the result field of that name")
end)

test "cox: factor() of a number gives R's term names" (function()
  local fit = stats.cox(data("lung"), "Surv(time, status) ~ factor(ph.ecog)")
  expect(fit.terms):equals({ "factor(ph.ecog)1", "factor(ph.ecog)2", "factor(ph.ecog)3" })
  expect(fit.n_dropped):equals(1)
end)

---------------------------------------------------------------- cox: zph

-- fit:zph() against cox.zph(fit)$table: tests/reference/zph_ref.csv, written by
-- tests/reference/zph.R (`Rscript tests/reference/zph.R`).
local ZREF = {}
do
  local f = csv.read("tests/reference/zph_ref.csv",
                     { types = { case = "str", key = "str", i = "int", value = "str" }, na = {} })
  for row in f:rows() do
    local c = ZREF[row.case] or {}
    ZREF[row.case] = c
    local k = c[row.key] or {}
    c[row.key] = k
    k[row.i] = row.value or ""
  end
end

local ZPH = {
  { "lung sex age efron", "lung", "Surv(time, status) ~ sex + age" },
  { "lung sex age breslow", "lung", "Surv(time, status) ~ sex + age", { ties = "breslow" } },
  { "lung sex age ph.ecog", "lung", "Surv(time, status) ~ sex + age + ph.ecog" },
  { "lung factor ph.ecog age", "lung", "Surv(time, status) ~ factor(ph.ecog) + age" },
  { "lung age strata sex", "lung", "Surv(time, status) ~ age + strata(sex)" },
  { "lung age strata sex breslow", "lung", "Surv(time, status) ~ age + strata(sex)", { ties = "breslow" } },
  { "ovarian age resid.ds efron", "ovarian", "Surv(futime, fustat) ~ age + resid.ds" },
  { "ovarian age resid.ds breslow", "ovarian", "Surv(futime, fustat) ~ age + resid.ds", { ties = "breslow" } },
  { "veteran trt celltype karno efron", "veteran", "Surv(time, status) ~ trt + celltype + karno" },
  { "veteran trt celltype karno breslow", "veteran", "Surv(time, status) ~ trt + celltype + karno", { ties = "breslow" } },
  { "ties x flag grp efron", "surv_ties", "Surv(time, status) ~ x + flag + grp" },
  { "ties x flag grp breslow", "surv_ties", "Surv(time, status) ~ x + flag + grp", { ties = "breslow" } },
  { "ties x strata site", "surv_ties", "Surv(time, status) ~ x + strata(site)" },
}

test "zph: the reference was written by R 4.2.2 with survival 3.5.3" (function()
  expect(ZREF.meta.R[1]:match("^R version 4%.2%.2") ~= nil):is_true()
  expect(ZREF.meta.survival[1]):equals("3.5.3")
end)

for _, c in ipairs(ZPH) do
  local case, name, formula, opts = c[1], c[2], c[3], c[4]
  test("zph " .. case .. ": as cox.zph(fit)$table, every transform") (function()
    local fit = stats.cox(data(name), formula, opts)
    for _, tr in ipairs({ "km", "rank", "identity", "log" }) do
      local ref = ZREF[case .. " " .. tr]
      local z = tr == "km" and fit:zph() or fit:zph({ transform = tr })
      expect(z.transform):equals(tr)
      expect(z.terms):equals(ref.terms)
      local bad = {}
      for _, t in ipairs(z.terms) do
        same_all(bad, tr .. " " .. t, { z[t].chisq, z[t].df, z[t].p_value }, ref[t])
      end
      same_all(bad, tr .. " global", { z.global.chisq, z.global.df, z.global.p_value }, ref.global)
      expect(bad):equals({})
    end
  end)
end

test "zph: options are checked and the fit's fields are unchanged" (function()
  local fit = stats.cox(data("lung"), "Surv(time, status) ~ sex + age")
  expect(function() fit:zph({ transform = "logit" }) end):raises("invalid option 'logit'")
  expect(function() fit:zph(3) end):raises("table expected")
  expect(type(fit.zph)):equals("function")
  for k in pairs(fit) do expect(k ~= "zph"):is_true() end
  local g = frame.new { t = { 1, 2, 3, 4, 5 }, d = { 1, 1, 0, 1, 1 }, global = { 3, 1, 4, 1, 5 } }
  expect(function() stats.cox(g, "Surv(t, d) ~ global"):zph() end)
    :raises("zph: term 'global' would hide the result field of that name")
end)

-- :summary() is survdiff's print, minus its "Call:" lines. Reference text:
--   Rscript -e 'library(survival); d <- read.csv("tests/data/r/veteran.csv");
--               print(survdiff(Surv(time, status) ~ celltype, data = d))'
-- (R 4.2.2, survival 3.5.3); likewise aml.csv with ~ x.
test "logrank summary: survdiff's printed table" (function()
  local v = stats.logrank(data("veteran"), "Surv(time, status) ~ celltype")
  expect(v:summary()):equals(
    "                    N Observed Expected (O-E)^2/E (O-E)^2/V\n" ..
    "celltype=adeno     27       26     15.7      6.77      8.19\n" ..
    "celltype=large     27       26     34.5      2.12      3.02\n" ..
    "celltype=smallcell 48       45     30.1      7.37     10.20\n" ..
    "celltype=squamous  35       31     47.7      5.82     10.53\n" ..
    "\n Chisq= 25.4  on 3 degrees of freedom, p= 1e-05 ")
  local a = stats.logrank(data("aml"), "Surv(time, status) ~ x")
  expect(tostring(a)):equals(
    "                 N Observed Expected (O-E)^2/E (O-E)^2/V\n" ..
    "x=Maintained    11        7    10.69      1.27       3.4\n" ..
    "x=Nonmaintained 12       11     7.31      1.86       3.4\n" ..
    "\n Chisq= 3.4  on 1 degrees of freedom, p= 0.07 ")
end)
