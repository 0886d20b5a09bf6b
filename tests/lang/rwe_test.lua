-- rwe_test.lua: rwe.maxsprt, the Poisson MaxSPRT for post-market safety
-- surveillance (docs/rwe.md). Expected LLRs are computed here by hand from
-- the formula (mu - c) + c log(c / mu), independently of the C core.

-- rwe becomes a prelude global; until then load the embedded module.

local function llr(c, mu) return c > mu and (mu - c) + c * math.log(c / mu) or 0 end

-- The message of rwe.maxsprt(spec)'s error, raised at this file's line.
local function error_of(spec)
  local ok, err = pcall(function() local r = rwe.maxsprt(spec) return r end)  -- no tail call
  expect(ok):is_false()
  err = tostring(err)
  expect(err):contains("rwe_test.lua:")   -- level 2: the caller's line
  return (err:gsub("^.-rwe_test%.lua:%d+: ", ""))
end

test "a signal: the first look whose LLR reaches the critical value" (function()
  local r = rwe.maxsprt { observed = { 0, 1, 0, 2, 3, 4 }, expected = { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 },
                          length = 10, looks = { "W1", "W2", "W3", "W4", "W5", "W6" } }
  -- cumulative: c = 0 1 1 3 6 10, mu = 0.5 1 1.5 2 2.5 3
  expect(r.observed_cum):equals({ 0, 1, 1, 3, 6, 10 })
  near(r.expected_cum, { 0.5, 1, 1.5, 2, 2.5, 3 }, 1e-15)
  local want = { 0, 0, 0, llr(3, 2), llr(6, 2.5), llr(10, 3) }
  near(r.llr, want, 1e-12)
  near(r.llr[6], -7 + 10 * math.log(10 / 3), 1e-12)   -- 5.0397, over the CV
  expect(r.llr[5] < r.critical_value):is_true()       -- 1.7528, under it
  -- Sequential's CV.Poisson(SampleSize = 10, alpha = 0.05) = 3.467952
  near(r.critical_value, 3.467952, 5e-7)
  expect(r.signal):is_true()
  expect(r.signal_look):equals(6)
  expect(r.signal_label):equals("W6")
  near(r.relative_risk, 10 / 3, 1e-14)
  expect(r.looks):equals(6)
  expect(r.alpha):equals(0.05)
  expect(r.min_events):equals(1)
  expect(r.length):equals(10)
  expect(r.method):equals("Poisson MaxSPRT (Kulldorff et al. 2011), continuous monitoring")
  expect(#r.warnings):equals(0)
  expect(r:summary()):contains("signal at look W6")
  expect(tostring(r)):contains("Poisson MaxSPRT")
  local svg = r:plot()
  expect(svg):contains("<svg")
  expect(svg):contains("critical value")
end)

test "no signal, cumulative input, min_events holds a signal back" (function()
  local r = rwe.maxsprt { observed = { 1, 2, 3 }, expected = { 1.5, 2.5, 3.2 }, cumulative = true, length = 20 }
  expect(r.signal):is_false()
  expect(r.signal_look):is_nil()
  expect(r.signal_label):is_nil()
  near(r.llr, { 0, 0, 0 }, 0)
  near(r.relative_risk, 3 / 3.2, 1e-14)
  -- 3 events by 0.1 expected: LLR = llr(3, 0.1) = 7.30 > CV, but min_events = 4
  local held = rwe.maxsprt { observed = { 3 }, expected = { 0.1 }, length = 20, min_events = 4 }
  near(held.llr[1], llr(3, 0.1), 1e-12)
  expect(held.llr[1] > held.critical_value):is_true()
  expect(held.signal):is_false()
  near(held.critical_value, stats.maxsprt_cv(20, 4), 0)
end)

test "data frame columns and warnings" (function()
  local f = frame.new({ week = { "2026-01", "2026-02", "2026-03" }, cases = { 0, 0, 0 }, bg = { 1, 1, 1 } })
  local r = rwe.maxsprt { data = f, observed = "cases", expected = "bg", looks = "week" }
  expect(r.length):equals(3)
  expect(r.signal):is_false()
  expect(r.warnings[1]):contains("length not given")
  expect(r.warnings[2]):equals("no events observed yet")
  local past = rwe.maxsprt { observed = { 1, 1 }, expected = { 2, 2 }, length = 3 }
  expect(past.warnings[1]):contains("surveillance went past its length (4 > 3 expected events)")
end)

test "type I error of the critical value by Monte Carlo (M = 1, T = 10)" (function()
  local T, n = 10, 20000
  local cv = stats.maxsprt_cv(T)
  math.randomseed(7)
  local signals = 0
  for _ = 1, n do
    local t, k = 0, 0
    while true do          -- H0 events at unit rate in expected-count time
      t = t - math.log(1 - math.random())
      if t > T then break end
      k = k + 1
      if llr(k, t) >= cv then signals = signals + 1 break end
    end
  end
  local se = math.sqrt(0.05 * 0.95 / n)
  expect(math.abs(signals / n - 0.05) <= 4.5 * se):is_true()
  near(stats.maxsprt_alpha(T, 1, cv), 0.05, 1e-9)
end)

test "every bad input names its field" (function()
  local ok = { observed = { 1 }, expected = { 1 } }
  local function with(k, v) local s = { observed = ok.observed, expected = ok.expected } s[k] = v return s end
  local cases = {
    { 5, "rwe.maxsprt: expected a table of fields" },
    { with("obs", 1), "rwe.maxsprt: unknown field 'obs'" },
    { { expected = { 1 } }, "rwe.maxsprt: observed is required" },
    { { observed = { 1 } }, "rwe.maxsprt: expected is required" },
    { with("observed", 3), "rwe.maxsprt: observed must be an array of numbers or a column name" },
    { with("observed", "cases"), "rwe.maxsprt: observed is a column name ('cases'), so data must be a frame" },
    { with("looks", 7), "rwe.maxsprt: looks must be an array of labels or a column name" },
    { { observed = { 1, 2 }, expected = { 1 } }, "rwe.maxsprt: observed and expected differ in length (2 and 1)" },
    { { observed = {}, expected = {} }, "rwe.maxsprt: observed and expected are empty" },
    { with("looks", { "a", "b" }), "rwe.maxsprt: looks and observed differ in length (2 and 1)" },
    { with("observed", { "1" }), "rwe.maxsprt: observed[1] must be a number, not string" },
    { with("observed", { 0 / 0 }), "rwe.maxsprt: observed[1] must be a number, not NaN" },
    { with("observed", { -1 }), "rwe.maxsprt: observed[1] is negative (-1)" },
    { with("observed", { 1.5 }), "rwe.maxsprt: observed[1] is not a whole number (1.5)" },
    { with("expected", { 0 }), "rwe.maxsprt: expected[1] must be positive (0)" },
    { { observed = { 2, 1 }, expected = { 1, 2 }, cumulative = true },
      "rwe.maxsprt: cumulative observed must not decrease, but observed[2] = 1 after 2" },
    { { observed = { 1, 1 }, expected = { 2, 2 }, cumulative = true },
      "rwe.maxsprt: cumulative expected must increase, but expected[2] = 2 after 2" },
    { with("alpha", 1), "rwe.maxsprt: alpha must be a number in (0, 1)" },
    { with("min_events", 1.5), "rwe.maxsprt: min_events must be a whole number from 1 to 1000" },
    { with("length", -1), "rwe.maxsprt: length must be a positive number of expected events, at most 5000" },
    { with("cumulative", "yes"), "rwe.maxsprt: cumulative must be true or false" },
    { { observed = { 1 }, expected = { 1 }, length = 1, min_events = 4 },
      "rwe.maxsprt: alpha 0.05 cannot be reached with length 1 and min_events 4 "
      .. "(a signal is too unlikely even with a critical value near 0)" },
  }
  local f = frame.new({ cases = { 1 } })
  cases[#cases + 1] = { { data = f, observed = "count", expected = { 1 } },
                        "rwe.maxsprt: the data frame has no column 'count' (observed)" }
  for _, c in ipairs(cases) do expect(error_of(c[1])):equals(c[2]) end
end)

test "the stats bindings check their arguments" (function()
  local function msg(f, ...) local ok, e = pcall(f, ...) expect(ok):is_false() return tostring(e) end
  expect(msg(stats.maxsprt_cv, 0)):contains("bad argument #1 to 'stats.maxsprt_cv' (length must be positive and at most 5000)")
  expect(msg(stats.maxsprt_cv, 10, 0)):contains("bad argument #2 to 'stats.maxsprt_cv' (minimum events must be in [1, 1000])")
  expect(msg(stats.maxsprt_cv, 10, 1, 1.5)):contains("bad argument #3 to 'stats.maxsprt_cv' (alpha must be in (0, 1))")
  expect(msg(stats.maxsprt_cv, 1, 4)):contains("bad argument #3 to 'stats.maxsprt_cv' (alpha 0.05 cannot be reached with length 1 and 4 minimum events)")
  expect(msg(stats.maxsprt_cv, "x")):contains("bad argument #1 to 'stats.maxsprt_cv' (number expected, got string)")
  expect(msg(stats.maxsprt_alpha, 10, 1, 0)):contains("bad argument #3 to 'stats.maxsprt_alpha' (critical value must be positive")
  expect(msg(stats.maxsprt_llr, -1, 1)):contains("bad argument #1 to 'stats.maxsprt_llr' (observed must be non-negative)")
  expect(msg(stats.maxsprt_llr, 1, 0)):contains("bad argument #2 to 'stats.maxsprt_llr' (expected must be positive)")
  near(stats.maxsprt_llr(5, 2), -3 + 5 * math.log(2.5), 1e-14)
  expect(stats.maxsprt_llr(1, 3)):equals(0)
end)
