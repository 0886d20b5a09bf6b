-- nh_test.lua: natural-history comparisons on synthetic cohorts with a known
-- effect (nh.events, nh.survival, nh.adequacy). Run from the repository root.

local function error_of(f, ...)
  local ok, err = pcall(f, ...)
  expect(ok):is_false()
  return tostring(err)
end

-- A Poisson draw by inversion (the test's own, so the cohort is fixed).
local function poisson(mu)
  local k, p, u = 0, math.exp(-mu), math.random()
  local cum = p
  while u > cum do k = k + 1; p = p * mu / k; cum = cum + p end
  return k
end

-- n patients, quarterly visits over `years`, events at `rate` per year.
local function cohort(n, rate, years, prefix)
  local id, ev, day = {}, {}, {}
  for p = 1, n do
    for v = 0, years * 4 do
      id[#id + 1], day[#day + 1] = prefix .. p, v * 91
      ev[#ev + 1] = v == 0 and 0 or poisson(rate / 4)
    end
  end
  return frame.new({ patient_id = id, crisis = ev, visit_day = day })
end

math.randomseed(2026)
local control = cohort(40, 4, 3, "C")   -- 4 crises a year, untreated
local treated = cohort(6, 1, 2, "T")    -- a quarter of that after treatment

test "events: the rate ratio of a quarter is found, with R's exact interval" (function()
  local r = nh.events { treated = treated, control = control, id = "patient_id",
                        events = "crisis", time = "visit_day" }
  local et, ec = r.events.treated, r.events.control
  local yt, yc = r.person_years.treated, r.person_years.control
  near(yt, 6 * 2 * 4 * 91 / 365.25, 1e-9)   -- last minus first visit, in years
  near(r.estimate, (et / yt) / (ec / yc), 1e-12)
  local same = stats.poisson_test { x = { et, ec }, T = { yt, yc } }
  expect(r.conf_int):equals(same.conf_int)
  expect(r.p_value):equals(same.p_value)
  expect(r.conf_int[1] < 0.25 and 0.25 < r.conf_int[2]):is_true()
  expect(r.conf_int[2] < 1):is_true()
  expect(r.n):equals({ treated = 6, control = 40 })
  expect(r.warnings):equals({})
  expect(r:summary()):contains("treated           6")
  expect(tostring(r)):contains("estimate")
  expect(r:plot()):matches("^<svg")
end)

test "events: one treated patient against the controls' rate distribution" (function()
  local one = frame.new({ patient_id = { "S", "S", "S" }, crisis = { 0, 0, 1 }, visit_day = { 0, 365, 730 } })
  local r = nh.events { treated = one, control = control, id = "patient_id",
                        events = "crisis", time = "visit_day" }
  expect(r.single.events):equals(1)
  near(r.single.years, 730 / 365.25, 1e-12)
  -- 1 crisis in 2 years where controls average 4 a year: rare
  expect(r.single.prob_as_low < 0.01):is_true()
  expect(r.single.prob_as_low > 0):is_true()
end)

test "events: warnings for thin or short controls, errors for misuse" (function()
  local thin = cohort(3, 0.5, 1, "K")
  local r = nh.events { treated = treated, control = thin, id = "patient_id",
                        events = "crisis", time = "visit_day" }
  expect(r.warnings[1]):matches("^only %d+ events in the control cohort")
  expect(r.warnings[2]):matches("^control follow%-up")
  expect(error_of(nh.events, { treated = treated, control = control, id = "patient_id",
                               events = "crises", time = "visit_day" }))
    :contains("nh.events: the treated frame has no column 'crises' (events)")
  expect(error_of(nh.events, { treated = treated, control = control, id = "patient_id",
                               events = "crisis" }))
    :contains("give time")
  expect(error_of(nh.events, { treated = treated, control = control, id = "patient_id",
                               events = "crisis", time = "visit_day", when = 1 }))
    :contains("unknown field 'when'")
end)

-- Exponential times: controls' hazard 1/100 a day, treated 1/400; censored at 720.
local function times(n, hazard)
  local t, e = {}, {}
  for i = 1, n do
    local x = -math.log(1 - math.random()) / hazard
    t[i], e[i] = math.min(x, 720), x <= 720 and 1 or 0
  end
  return frame.new({ days = t, event = e })
end

test "survival: hazard ratio near a quarter, log-rank, RMST difference" (function()
  math.randomseed(11)
  local tr, ct = times(60, 1 / 400), times(120, 1 / 100)
  local r = nh.survival { treated = tr, control = ct, time = "days", event = "event" }
  expect(r.estimate > 0.15 and r.estimate < 0.45):is_true()
  expect(r.conf_int[1] < 0.25 and 0.25 < r.conf_int[2]):is_true()
  expect(r.p_value < 1e-6):is_true()
  expect(r.rmst.difference > 0):is_true()
  expect(r.rmst.conf_int[1] > 0):is_true()
  near(r.rmst.difference, r.rmst.treated - r.rmst.control, 1e-12)
  expect(r:plot()):matches("^<svg")
  expect(r:summary()):contains("log-rank chisq")
end)

test "adequacy: more control events distinguish smaller effects" (function()
  local small = nh.adequacy { control = cohort(8, 4, 2, "A"), id = "patient_id", events = "crisis",
                              time = "visit_day", treated_n = 3 }
  local large = nh.adequacy { control = control, id = "patient_id", events = "crisis",
                              time = "visit_day", treated_n = 3 }
  expect(large.estimate > small.estimate):is_true()   -- closer to 1: a smaller effect
  expect(large.estimate < 1):is_true()
  -- at the solution the Wald criterion holds with equality
  local z = stats.qnorm(0.975) + stats.qnorm(0.8)
  local rr, lam, py = large.estimate, large.rate, large.treated_years
  near(-math.log(rr), z * math.sqrt(1 / (rr * lam * py) + 1 / large.events), 1e-9)
end)

test "adequacy: too little treated exposure distinguishes nothing, and says so" (function()
  local r = nh.adequacy { control = cohort(5, 4, 1, "A"), id = "patient_id", events = "crisis",
                          time = "visit_day", treated_n = 1, treated_years = 0.25 }
  expect(r.estimate):is_nil()
  expect(r.warnings[#r.warnings]):equals("no reduction in rate is distinguishable with this treated exposure")
  expect(tostring(r)):equals("Adequacy of the natural history as an external control for an event rate: estimate NA")
end)
