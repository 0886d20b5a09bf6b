-- rwe.lua: real-world evidence that keeps confirming safety after approval
-- (DESIGN.md §1, `post_market`): the Poisson maximized sequential
-- probability ratio test of Kulldorff et al. (2011), docs/rwe.md.
-- Exports: maxsprt
local error, type, pairs, ipairs, tostring, pcall = error, type, pairs, ipairs, tostring, pcall
local math_type, floor = math.type, math.floor
local format = string.format
local stats = require "stats"
local util = require "pathway.nh_util"
_ENV = nil

local METHOD = "Poisson MaxSPRT (Kulldorff et al. 2011), continuous monitoring"
local KEYS = { observed = true, expected = true, data = true, alpha = true, min_events = true,
               length = true, cumulative = true, looks = true }
local fmt = util.fmt

-- Raise at the caller of maxsprt (fail -> helper -> maxsprt -> user).
local function fail(msg, ...) error("rwe.maxsprt: " .. format(msg, ...), 4) end

-- The values of `key`: an array, or a column of spec.data named by a string.
local function values_of(spec, key)
  local v = spec[key]
  if type(v) == "table" then return v, #v end
  if type(v) ~= "string" then
    fail("%s must be an array%s", key, key == "looks" and " of labels or a column name" or " of numbers or a column name")
  end
  local f = spec.data
  if type(f) ~= "userdata" or not pcall(f.names, f) then
    fail("%s is a column name ('%s'), so data must be a frame", key, v)
  end
  for _, n in ipairs(f:names()) do
    if n == v then return f:col(v):to_table(), f:nrow() end
  end
  fail("the data frame has no column '%s' (%s)", v, key)
end

-- Check the n numbers of `key` and return them cumulated.
local function cumulate(spec, key, a, n, cumulative)
  local out, total = {}, 0
  for i = 1, n do
    local x = a[i]
    if x == nil then fail("%s[%d] is missing", key, i) end
    if type(x) ~= "number" or x ~= x then fail("%s[%d] must be a number, not %s", key, i, x ~= x and "NaN" or type(x)) end
    if key == "observed" then
      if x < 0 then fail("observed[%d] is negative (%s)", i, fmt(x)) end
      if math_type(x) ~= "integer" and x ~= floor(x) then fail("observed[%d] is not a whole number (%s)", i, fmt(x)) end
    elseif not cumulative and x <= 0 then
      fail("expected[%d] must be positive (%s)", i, fmt(x))
    end
    if cumulative then
      if key == "expected" and x <= total then
        fail(i == 1 and "expected[1] must be positive (%s)" or "cumulative expected must increase, but expected[%d] = %s after %s",
             i == 1 and fmt(x) or i, fmt(x), fmt(total))
      end
      if key == "observed" and x < total then
        fail("cumulative observed must not decrease, but observed[%d] = %s after %s", i, fmt(x), fmt(total))
      end
      total = x
    else
      total = total + x
    end
    out[i] = total
  end
  return out
end

-- The options, checked, with their defaults.
local function options(spec, expected_cum)
  local alpha = spec.alpha == nil and 0.05 or spec.alpha
  if type(alpha) ~= "number" or not (alpha > 0 and alpha < 1) then fail("alpha must be a number in (0, 1)") end
  local m = spec.min_events == nil and 1 or spec.min_events
  if type(m) ~= "number" or m ~= floor(m) or m < 1 or m > 1000 then
    fail("min_events must be a whole number from 1 to 1000")
  end
  local len = spec.length == nil and expected_cum[#expected_cum] or spec.length
  if type(len) ~= "number" or not (len > 0 and len <= 5000) then
    fail("length must be a positive number of expected events, at most 5000")
  end
  if spec.cumulative ~= nil and type(spec.cumulative) ~= "boolean" then fail("cumulative must be true or false") end
  return alpha, floor(m), len
end

local function chart(expected_cum, llr, cv, len)
  local last = expected_cum[#expected_cum]
  local xmax = len > last and len or last
  return {
    title = "Poisson MaxSPRT", xlab = "cumulative expected events under H0", ylab = "log-likelihood ratio",
    series = {
      { kind = "line", x = expected_cum, y = llr, label = "LLR at each look" },
      { kind = "points", x = expected_cum, y = llr },
      { kind = "line", x = { 0, xmax }, y = { cv, cv }, label = "critical value", dashed = true },
    },
  }
end

-- One line per look for :summary().
local function look_rows(r, labels)
  local rows = { format("%-12s %10s %10s %10s", "look", "observed", "expected", "LLR") }
  for i = 1, r.looks do
    local mark = (i == r.signal_look) and "  <- signal" or ""
    rows[#rows + 1] = format("%-12s %10s %10s %10s%s", labels and tostring(labels[i]) or tostring(i),
                             fmt(r.observed_cum[i]), fmt(r.expected_cum[i]), fmt(r.llr[i]), mark)
  end
  rows[#rows + 1] = ""
  rows[#rows + 1] = format("critical value %s (alpha %s, length %s expected events, min_events %d): %s",
                           fmt(r.critical_value), fmt(r.alpha), fmt(r.length), r.min_events,
                           r.signal and format("signal at look %s", labels and tostring(labels[r.signal_look])
                                               or tostring(r.signal_look)) or "no signal")
  return rows
end

-- rwe.maxsprt{observed =, expected =, data =, alpha = 0.05, min_events = 1,
--             length =, cumulative = false, looks =}
local function maxsprt(spec)
  if type(spec) ~= "table" then error("rwe.maxsprt: expected a table of fields", 2) end
  for k in pairs(spec) do
    if not KEYS[k] then error(format("rwe.maxsprt: unknown field '%s'", tostring(k)), 2) end
  end
  if spec.observed == nil then error("rwe.maxsprt: observed is required", 2) end
  if spec.expected == nil then error("rwe.maxsprt: expected is required", 2) end
  local obs, n = values_of(spec, "observed")
  local exp, ne = values_of(spec, "expected")
  if n ~= ne then error(format("rwe.maxsprt: observed and expected differ in length (%d and %d)", n, ne), 2) end
  if n == 0 then error("rwe.maxsprt: observed and expected are empty", 2) end
  local labels, nl
  if spec.looks ~= nil then
    labels, nl = values_of(spec, "looks")
    if nl ~= n then error(format("rwe.maxsprt: looks and observed differ in length (%d and %d)", nl, n), 2) end
  end
  local cumulative = spec.cumulative == true
  local c = cumulate(spec, "observed", obs, n, cumulative)
  local mu = cumulate(spec, "expected", exp, n, cumulative)
  local alpha, m, len = options(spec, mu)
  local ok, cv = pcall(stats.maxsprt_cv, len, m, alpha)
  if not ok then
    error(format("rwe.maxsprt: alpha %s cannot be reached with length %s and min_events %d "
                 .. "(a signal is too unlikely even with a critical value near 0)", fmt(alpha), fmt(len), m), 2)
  end
  local llr, warnings, signal_look = {}, {}, nil
  for i = 1, n do
    llr[i] = stats.maxsprt_llr(c[i], mu[i])
    if not signal_look and mu[i] <= len * (1 + 1e-12) and c[i] >= m and llr[i] >= cv then signal_look = i end
  end
  if spec.length == nil then
    warnings[#warnings + 1] = format("length not given: taken as the last cumulative expected count (%s); "
                                     .. "a real monitor must pre-specify it", fmt(len))
  end
  if mu[n] > len * (1 + 1e-12) then
    warnings[#warnings + 1] = format("surveillance went past its length (%s > %s expected events): "
                                     .. "later looks are shown but not tested", fmt(mu[n]), fmt(len))
  end
  if c[n] == 0 then warnings[#warnings + 1] = "no events observed yet" end
  local at = signal_look or n
  local r = util.result {
    method = METHOD, alpha = alpha, min_events = m, length = len, critical_value = cv,
    signal = signal_look ~= nil, signal_look = signal_look,
    signal_label = signal_look and labels and labels[signal_look] or nil,
    llr = llr, observed_cum = c, expected_cum = mu, relative_risk = c[at] / mu[at],
    estimate = c[at] / mu[at], looks = n, warnings = warnings, chart = chart(mu, llr, cv, len),
  }
  r.table = look_rows(r, labels)
  return r
end

return { maxsprt = maxsprt }
