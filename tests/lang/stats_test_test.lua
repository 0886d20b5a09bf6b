-- stats_test_test.lua: stats tests, p_adjust, resampling and posteriors
-- against R 4.2.2 (tests/reference/tests.csv, written by tests.R).

-- ref[case][field] = number or string, from the committed CSV.
local ref = {}
for line in io.lines("tests/reference/tests.csv") do
  local case, field, value = line:match('^"([^"]*)","([^"]*)","?(.-)"?$')
  if case and case ~= "case" then
    ref[case] = ref[case] or {}
    local v = value == "NA" and (0 / 0) or tonumber(value)
    if value == "Inf" then v = math.huge elseif value == "-Inf" then v = -math.huge end
    ref[case][field] = v or value
  end
end

local REL = { rel = 1e-8 }

-- The value of field f of result r (fields named as in tests.R).
local function field(r, f)
  if f == "conf_lo" then return r.conf_int[1] end
  if f == "conf_hi" then return r.conf_int[2] end
  if f == "conf_level" then return r.conf_int.level end
  if f == "estimate1" then return type(r.estimate) == "table" and r.estimate[1] or r.estimate end
  if f == "estimate2" then return r.estimate[2] end
  return r[f]
end

-- Every field R gave for `case` matches r: numbers to 1e-8 relative
-- (exactly when infinite or zero), strings exactly. A mismatch names the
-- case and the field.
local function check(case, r)
  local want = ref[case]
  expect(want):has_type("table")
  for f, v in pairs(want) do
    local got, ok = field(r, f), nil
    if type(v) == "string" or v == 0 or v == math.huge or v == -math.huge then
      ok = got == v
    elseif v ~= v then
      ok = got ~= got
    else
      ok = type(got) == "number" and math.abs(got - v) <= REL.rel * math.abs(v)
    end
    if not ok then
      expect(("%s.%s = %s"):format(case, f, tostring(got)))
        :equals(("%s.%s = %s"):format(case, f, tostring(v)))
    end
  end
end

-- The call for an error case raises "stats.<fn>: <R's message>".
local function check_error(case, fn, args)
  expect(function() stats[fn](args) end):raises("stats." .. fn .. ": " .. ref[case].error)
end

local alts = { "two.sided", "less", "greater" }

test "binom_test matches R's binom.test" (function()
  for _, a in ipairs(alts) do
    check("binom_7_20_" .. a, stats.binom_test { x = 7, n = 20, p = 0.3, alternative = a })
  end
  check("binom_0_10", stats.binom_test { x = 0, n = 10 })
  check("binom_10_10", stats.binom_test { x = 10, n = 10 })
  check("binom_3_15_p01_c90", stats.binom_test { x = 3, n = 15, p = 0.1, conf_level = 0.9 })
  check("binom_mendel", stats.binom_test { x = 682, n = 925, p = 0.75 })
  check("binom_pair", stats.binom_test { x = { 7, 13 }, p = 0.4 })
  check_error("binom_err_x", "binom_test", { x = -1, n = 10 })
  check_error("binom_err_n", "binom_test", { x = 11, n = 10 })
  check_error("binom_err_p", "binom_test", { x = 3, n = 10, p = 1.5 })
end)

test "poisson_test matches R's poisson.test, one and two samples" (function()
  for _, a in ipairs(alts) do
    check("poisson_10_2_3_" .. a, stats.poisson_test { x = 10, T = 2, r = 3, alternative = a })
    check("poisson2_" .. a, stats.poisson_test { x = { 11, 23 }, T = { 800, 3011 }, alternative = a })
  end
  check("poisson_0", stats.poisson_test { x = 0, T = 1.5 })
  check("poisson_137", stats.poisson_test { x = 137, T = 24.19893 })
  check("poisson2_r2", stats.poisson_test { x = { 11, 23 }, T = { 800, 3011 }, r = 2, conf_level = 0.9 })
  check_error("poisson_err_x", "poisson_test", { x = 1.5 })
  check_error("poisson_err_T", "poisson_test", { x = 3, T = -1 })
end)

test "fisher_test matches R: p-value, conditional MLE and exact interval" (function()
  for _, a in ipairs(alts) do
    check("fisher_tea_" .. a, stats.fisher_test { table = { { 3, 1 }, { 1, 3 } }, alternative = a })
  end
  check("fisher_10_2_3_15", stats.fisher_test { table = { { 10, 2 }, { 3, 15 } } })
  check("fisher_zero", stats.fisher_test { table = { { 0, 5 }, { 5, 0 } } })
  check("fisher_1_9_11_3_c90", stats.fisher_test { table = { { 1, 9 }, { 11, 3 } }, conf_level = 0.9 })
  check("fisher_or2", stats.fisher_test { table = { { 12, 5 }, { 7, 9 } }, ["or"] = 2 })
  check("fisher_big", stats.fisher_test { table = { { 120, 85 }, { 70, 140 } } })
  check_error("fisher_err_neg", "fisher_test", { table = { { 1, -1 }, { 2, 3 } } })
end)

-- datasets::sleep, extra by group
local sx = { 0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0 }
local sy = { 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4 }

test "t_test matches R's t.test on sleep: Welch, pooled, paired, one sample" (function()
  for _, a in ipairs(alts) do
    check("t_welch_" .. a, stats.t_test { x = sx, y = sy, alternative = a })
  end
  check("t_pooled", stats.t_test { x = sx, y = sy, var_equal = true })
  check("t_paired", stats.t_test { x = sx, y = sy, paired = true })
  check("t_one_mu", stats.t_test { x = sx, mu = 0.5, conf_level = 0.9 })
  check_error("t_err_one", "t_test", { x = { 1 } })
  check_error("t_err_const", "t_test", { x = { 2, 2, 2 } })
end)

test "wilcox_test matches R: exact, approximate with ties and zeros, intervals" (function()
  for _, a in ipairs(alts) do
    check("w_sleep_paired_" .. a, stats.wilcox_test { x = sx, y = sy, paired = true, alternative = a })
  end
  check("w_sleep_two", stats.wilcox_test { x = sx, y = sy })
  check("w_sleep_two_ci", stats.wilcox_test { x = sx, y = sy, conf_int = true })
  check("w_sleep_paired_ci", stats.wilcox_test { x = sx, y = sy, paired = true, conf_int = true })
  check("w_sleep_nocorrect", stats.wilcox_test { x = sx, y = sy, correct = false })
  local dx = { 1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30 }
  local dy = { 0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29 }
  for _, a in ipairs(alts) do
    check("w_depr_" .. a, stats.wilcox_test { x = dx, y = dy, paired = true, alternative = a, conf_int = true })
  end
  check("w_depr_approx", stats.wilcox_test { x = dx, y = dy, paired = true, exact = false, conf_int = true })
  local ax = { 0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46 }
  local ay = { 1.15, 0.88, 0.90, 0.74, 1.21 }
  for _, a in ipairs(alts) do
    check("w_two_exact_" .. a, stats.wilcox_test { x = ax, y = ay, alternative = a, conf_int = true })
  end
  check("w_two_approx", stats.wilcox_test { x = ax, y = ay, exact = false, conf_int = true })
  check("w_one_mu", stats.wilcox_test { x = ax, mu = 1, conf_int = true, conf_level = 0.9 })
  local lx, head, tail = {}, {}, {}
  for i = 1, 60 do lx[i] = (i * 1.37) % 7.3 end
  for i = 1, 55 do head[i] = lx[i] end
  for i = 1, 5 do tail[i] = lx[55 + i] + 0.011 * i end
  check("w_large_one", stats.wilcox_test { x = lx, mu = 3, conf_int = true })
  check("w_large_two", stats.wilcox_test { x = head, y = tail, conf_int = true })
  check_error("w_err_empty", "wilcox_test", { x = {} })
end)

test "p_adjust matches R's p.adjust for every method, NA kept" (function()
  local nan = 0 / 0
  local p = { 0.01, 0.02, 0.03, 0.04, 0.05, nan, 0.2, 0.001, 0.5, 0.03 }
  for _, m in ipairs { "holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none" } do
    local q, want = stats.p_adjust(p, m), ref["padj_" .. m]
    for i = 1, #p do
      local w = want["p" .. i]
      if w ~= w then expect(q[i] ~= q[i]):is_true() else near(q[i], w, REL) end
    end
  end
  local q = stats.p_adjust({ 0.04, 0.03 }, "hommel")
  near(q, { ref.padj_hommel2.p1, ref.padj_hommel2.p2 }, REL)
  near(stats.p_adjust({ 0.01, 0.04 }, "fdr"), stats.p_adjust({ 0.01, 0.04 }, "BH"), 0)
  near(stats.p_adjust({ 0.01, 0.04 }), { 0.02, 0.04 }, 1e-15)   -- holm by default
  expect(function() stats.p_adjust({ 0.1 }, "sidak") end):raises("invalid option 'sidak'")
end)

test "conjugate posteriors agree with R's qbeta, pbeta, qgamma, pgamma" (function()
  local b = stats.beta_binomial { successes = 7, n = 20, prior = { 1, 1 } }
  expect(b.a):equals(8)
  expect(b.b):equals(14)
  near(b.mean, 8 / 22, 1e-15)
  local i95, i90 = b:interval(), b:interval(0.9)
  near({ i95[1], i95[2] }, { ref.beta_post.lo, ref.beta_post.hi }, REL)
  near({ i90[1], i90[2] }, { ref.beta_post.lo90, ref.beta_post.hi90 }, REL)
  expect(i90.level):equals(0.9)
  near(b:prob_greater(0.3), ref.beta_post.gt, REL)
  local g = stats.gamma_poisson { events = 3, exposure = 12.5, prior = { 0.5, 1 } }
  expect(g.shape):equals(3.5)
  expect(g.rate):equals(13.5)
  near(g.mean, 3.5 / 13.5, 1e-15)
  local gi = g:interval()
  near({ gi[1], gi[2] }, { ref.gamma_post.lo, ref.gamma_post.hi }, REL)
  near(g:prob_greater(0.2), ref.gamma_post.gt, REL)
  expect(tostring(b)):matches("^Beta%(8%.?0*, 14%.?0*%) posterior")
  expect(function() stats.beta_binomial { successes = 7, n = 5, prior = { 1, 1 } } end)
    :raises("stats.beta_binomial: successes must be an integer between 0 and n")
  expect(function() stats.gamma_poisson { events = 1, exposure = 2, prior = { 0, 1 } } end)
    :raises("stats.gamma_poisson: prior = {shape, rate} must be positive numbers")
end)

test "results print like R's htest" (function()
  local r = stats.t_test { x = sx, y = sy }
  expect(tostring(r)):equals("Welch Two Sample t-test: t = -1.8608, df = 17.776, p-value = 0.07939")
  local s = r:summary()
  expect(s):contains("alternative hypothesis: true difference in means is not equal to 0")
  expect(s):contains("95 percent confidence interval:\n -3.365483 0.2054832")
  expect(s):contains("mean of x mean of y")
  expect(r.names.statistic):equals("t")
  expect(r.alternative):equals("two.sided")
end)

test "bad arguments are errors that name them" (function()
  expect(function() stats.t_test { x = sx, conf_levle = 0.9 } end):raises("unknown argument 'conf_levle'")
  expect(function() stats.t_test { x = sx, alternative = "both" } end)
    :raises('alternative: "two.sided", "less" or "greater" expected')
  expect(function() stats.t_test { x = { 1, "a" } } end):raises("x[2]: number expected, got string")
  expect(function() stats.fisher_test { table = { { 1, 2, 3 }, { 4, 5, 6 } } } end)
    :raises("stats.fisher_test: table must be {{a, b}, {c, d}} (2 x 2 counts)")
  expect(function() stats.t_test { x = sx, y = { 1, 2 }, paired = true } end)
    :raises("stats.t_test: 'x' and 'y' must have the same length")
end)

-- Two groups whose exact permutation p-value is known: C(7, 3) = 35
-- relabellings, of which two ({1,2,3} and {5,6,7}... by |mean difference|)
-- are at least as extreme as the observed one.
local px, py = { 1, 2, 3 }, { 4, 5, 6, 7 }

test "permutation_test: same seed, same answer; another seed, another" (function()
  local a = stats.permutation_test { x = sx, y = sy, n = 2000, seed = 7 }
  local b = stats.permutation_test { x = sx, y = sy, n = 2000, seed = 7 }
  local c = stats.permutation_test { x = sx, y = sy, n = 2000, seed = 8 }
  expect(a.p_value):equals(b.p_value)
  expect(a.exceed):equals(b.exceed)
  expect(a.exceed ~= c.exceed):is_true()
  expect(a.p_value):equals((a.exceed + 1) / 2001)
  near(a.statistic, -1.58, 1e-12)
end)

test "permutation_test p-value is close to the exact one" (function()
  local r = stats.permutation_test { x = px, y = py, n = 20000, seed = 1 }
  -- exact: |mean diff| >= 3.5 for {1,2,3} vs rest and {5,6,7} vs rest: 2/35
  local exact, se = 2 / 35, math.sqrt(2 / 35 * 33 / 35 / 20000)
  expect(math.abs(r.p_value - exact) < 4 * se):is_true()
  local f = stats.permutation_test { x = px, y = py, n = 2000, seed = 1,
    statistic = function(x, y)
      local s, t = 0, 0
      for _, v in ipairs(x) do s = s + v end
      for _, v in ipairs(y) do t = t + v end
      return s / #x - t / #y
    end }
  local c = stats.permutation_test { x = px, y = py, n = 2000, seed = 1 }
  expect(f.exceed):equals(c.exceed)   -- a Lua statistic sees the same relabellings
end)

test "bootstrap: seeded, and its intervals bracket the estimate" (function()
  local a = stats.bootstrap { x = sx, n = 500, seed = 3 }
  local b = stats.bootstrap { x = sx, n = 500, seed = 3 }
  local c = stats.bootstrap { x = sx, n = 500, seed = 4 }
  expect(a.conf_int[1]):equals(b.conf_int[1])
  expect(a.conf_int[1] ~= c.conf_int[1]):is_true()
  near(a.estimate, 0.75, 1e-12)
  for _, t in ipairs { "percentile", "basic", "bca" } do
    local r = stats.bootstrap { x = sx, statistic = "median", n = 1000, seed = 3, type = t }
    expect(r.conf_int[1] <= r.estimate and r.estimate <= r.conf_int[2]):is_true()
  end
  local m = stats.bootstrap { x = sx, n = 300, seed = 3,
    statistic = function(v) local s = 0 for _, x in ipairs(v) do s = s + x end return s / #v end }
  near(m.conf_int, stats.bootstrap { x = sx, n = 300, seed = 3 }.conf_int, 1e-12)
end)
