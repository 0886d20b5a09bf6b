-- nh_test.lua: natural-history comparisons on synthetic cohorts with a known
-- effect (nh.events, nh.survival, nh.adequacy,
-- nh.trajectory, nh.before_after, nh.match). Run from the repository root.

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

-- A standard normal draw (Box-Muller), from the seeded generator.
local function normal()
  return math.sqrt(-2 * math.log(1 - math.random())) * math.cos(2 * math.pi * math.random())
end

-- n patients seen every half year for `years` years: a score starting near
-- 100 that falls by `slope` a year (patients' slopes vary with sd 1.5,
-- visits with sd 2).
local function progressive(n, slope, years, prefix, t0)
  local id, t, v = {}, {}, {}
  for p = 1, n do
    local a, b = 100 + 5 * normal(), slope + 1.5 * normal()
    for k = 0, years * 2 do
      local x = (t0 or 0) + k / 2
      id[#id + 1], t[#t + 1], v[#v + 1] = prefix .. p, x, a - b * x + 2 * normal()
    end
  end
  return frame.new({ patient_id = id, years = t, score = v })
end

test "trajectory: treated decline at half the controls' slope" (function()
  math.randomseed(7)
  local c = progressive(40, 10, 4, "C")
  local tr = progressive(10, 5, 4, "T")
  local r = nh.trajectory { treated = tr, control = c, id = "patient_id", time = "years", value = "score" }
  -- true difference of mean slopes: -5 - (-10) = 5
  expect(math.abs(r.estimate - 5) < 1.5):is_true()
  expect(r.conf_int[1] < 5 and 5 < r.conf_int[2]):is_true()
  expect(r.p_value < 1e-4):is_true()
  local same = stats.t_test { x = r.slopes.treated.slope, y = r.slopes.control.slope }
  near(r.conf_int[1], same.conf_int[1], 1e-12)
  near(r.p_value, same.p_value, 1e-12)
  expect(r.n):equals({ treated = 10, control = 40 })
  -- 5 bins of 0.8 years over 0..4; bin 1 holds the visits at 0 and 0.5
  expect(#r.bins):equals(5)
  expect(r.bins[1].n):equals(80)
  local first = {}
  for row in c:filter(function(x) return x.years < 0.8 end):rows() do first[#first + 1] = row.score end
  local col = frame.new({ v = first }):col("v")
  near(r.bins[1].mean, col:mean(), 1e-12)
  near(r.bins[1].q10, col:quantile(0.1), 1e-12)
  near(r.bins[1].q90, col:quantile(0.9), 1e-12)
  -- late treated visits lie above the untreated band's centre
  local zs = {}
  for _, v in ipairs(r.visits) do
    if v.time >= 3 then zs[#zs + 1] = v.z end
    if v.time == 0 then expect(math.abs(v.z) < 3.5):is_true() end
  end
  local mz = 0
  for _, z in ipairs(zs) do mz = mz + z end
  expect(mz / #zs > 0.5):is_true()
  -- a z-score is (value - bin mean) / bin sd
  local v1 = r.visits[#r.visits]
  near(v1.z, (v1.value - r.bins[v1.bin].mean) / r.bins[v1.bin].sd, 1e-12)
  expect(r.warnings):equals({})
  expect(r:summary()):contains("time bin")
  local svg = r:plot()
  expect(svg):matches("^<svg")
  expect(svg):contains('fill-opacity="0.18"')   -- the band
end)

test "trajectory: visits outside the controls' range, thin bins, single visits" (function()
  math.randomseed(8)
  local c = progressive(6, 10, 2, "C")
  local late = progressive(2, 5, 3, "T")   -- visits to 3 years; controls end at 2
  local ids, ts, vs = late:col("patient_id"):to_table(), late:col("years"):to_table(),
                      late:col("score"):to_table()
  ids.n, ts.n, vs.n = nil, nil, nil
  ids[#ids + 1], ts[#ts + 1], vs[#vs + 1] = "S", 1.0, 90.0
  local tr = frame.new({ patient_id = ids, years = ts, score = vs })   -- and S, seen once
  local r = nh.trajectory { treated = tr, control = c, id = "patient_id", time = "years", value = "score",
                            bin_width = 0.5 }
  expect(#r.bins):equals(4)
  expect(r.warnings[1]):equals("only 6 control patients with a slope (fewer than 10)")
  expect(r.warnings[2]):equals("4 treated visits fall outside the controls' time range (0 to 2): no z-score")
  expect(r.warnings[3]):equals("1 treated and 0 control patients with fewer than 2 visits at different times "
                               .. "were left out of the slopes")
  expect(r.n):equals({ treated = 2, control = 6 })
  for _, v in ipairs(r.visits) do
    if v.time > 2 then expect(v.z):is_nil() else expect(type(v.z)):equals("number") end
  end
  -- two controls only: every bin is too thin
  local two = c:filter(function(x) return x.patient_id == "C1" or x.patient_id == "C2" end)
  local r2 = nh.trajectory { treated = tr, control = two, id = "patient_id", time = "years", value = "score" }
  expect(r2.warnings[3]):matches("^%d+ treated visits fall in a time bin with fewer than 3 control patients")
end)

-- Visits every half year over 3 years; the score falls 2 a year untreated.
-- Treated patients (start at 1 or 1.5 years) rise 1 a year after start.
local function before_after_cohort(n, prefix, treated)
  local id, t, v, s = {}, {}, {}, {}
  for p = 1, n do
    local a, start = 50 + 3 * normal(), (p % 2 == 0) and 1.5 or 1.0
    for k = 0, 6 do
      local x = k / 2
      local y = a - 2 * x
      if treated and x > start then y = a - 2 * start + 1 * (x - start) end
      id[#id + 1], t[#t + 1], v[#v + 1], s[#s + 1] = prefix .. p, x, y + 0.3 * normal(), start
    end
  end
  local cols = { patient_id = id, years = t, level = v }
  if treated then cols.start_year = s end
  return frame.new(cols)
end

test "before_after: a known improvement of 3 over a year" (function()
  math.randomseed(9)
  local c = before_after_cohort(30, "C", false)
  local tr = before_after_cohort(8, "T", true)
  local r = nh.before_after { treated = tr, control = c, id = "patient_id", time = "years", value = "level",
                              start = "start_year", window = 1 }
  -- treated: +1 over the year after start; controls: -2 over a year
  expect(math.abs(r.change.treated - 1) < 0.5):is_true()
  expect(math.abs(r.change.control + 2) < 0.5):is_true()
  expect(r.conf_int[1] < 3 and 3 < r.conf_int[2]):is_true()
  expect(r.p_value < 1e-6):is_true()
  expect(r.interval):equals(1.0)
  expect(r.baseline_time):equals(1.25)          -- median of 1.0 and 1.5
  for _, p in ipairs(r.patients.treated) do
    expect(p.t0):equals(p.start)
    expect(p.t1):equals(p.start + 1)
  end
  for _, p in ipairs(r.patients.control) do
    expect(p.t0):equals(1.0)                    -- nearest 1.25, ties to the earlier
    expect(p.t1):equals(2.0)
  end
  expect(r.wilcox.p_value < 1e-4):is_true()
  expect(r.n):equals({ treated = 8, control = 30 })
  expect(r.warnings):equals({})
  expect(r:plot()):matches("^<svg")
  -- one treated patient: far above the control changes
  local one = tr:filter(function(x) return x.patient_id == "T1" end)
  local s = nh.before_after { treated = one, control = c, id = "patient_id", time = "years", value = "level",
                              start = 1.0 }
  expect(s.single.percentile):equals(100)
  expect(s.single.z > 3):is_true()
  expect(s.conf_int):is_nil()
  expect(s.p_value):equals(s.wilcox.p_value)
  expect(s:summary()):contains("one treated patient: change z-score")
end)

-- Treated 3 is older and heavier than every control; its nearest female
-- control is far beyond the caliper.
local mt = frame.new({ sex = { "F", "M", "F" }, age = { 10, 20, 60 }, weight = { 30, 60, 90 } },
                     { order = { "sex", "age", "weight" } })
local mc = frame.new({ sex = { "M", "F", "F", "M", "M", "F", "M", "F" },
                       age = { 10, 11, 30, 21, 40, 12, 35, 38 },
                       weight = { 30, 31, 50, 59, 80, 35, 70, 75 } },
                     { order = { "sex", "age", "weight" } })

local function sd_of(a)
  local m = 0
  for _, v in ipairs(a) do m = m + v end
  m = m / #a
  local s = 0
  for _, v in ipairs(a) do s = s + (v - m) ^ 2 end
  return math.sqrt(s / (#a - 1))
end

test "match: exact on sex, nearest on age and weight, caliper" (function()
  local r = nh.match { treated = mt, control = mc, exact = { "sex" }, nearest = { "age", "weight" },
                       caliper = 0.5 }
  local m = r.matched
  expect(m:names()):equals({ "sex", "age", "weight", "matched_to", "distance" })
  expect(m:col("matched_to"):to_table()):equals({ 1, 2, n = 2 })
  expect(m:col("age"):to_table()):equals({ 11, 21, n = 2 })   -- controls 2 and 4, not the male twin of 1
  local sa = sd_of({ 10, 20, 60, 10, 11, 30, 21, 40, 12, 35, 38 })
  local sw = sd_of({ 30, 60, 90, 30, 31, 50, 59, 80, 35, 70, 75 })
  near(m:col("distance")[1], math.sqrt((1 / sa) ^ 2 + (1 / sw) ^ 2), 1e-12)
  near(m:col("distance")[2], math.sqrt((1 / sa) ^ 2 + (1 / sw) ^ 2), 1e-12)
  expect(r.n):equals({ treated = 3, control = 8, matched_treated = 2, matched_control = 2 })
  expect(r.warnings):equals({
    "a treated patient outside the controls' covariate range: row 3, age = 60 (controls 10 to 40)",
    "a treated patient outside the controls' covariate range: row 3, weight = 90 (controls 30 to 80)",
    "1 of 3 treated rows have no matching control within the caliper",
  })
  -- balance: SMD with sqrt((var_t + var_c) / 2) from before matching
  local age = r.balance[1]
  expect(age.name):equals("age")
  local denom = math.sqrt((sd_of({ 10, 20, 60 }) ^ 2 + sd_of({ 10, 11, 30, 21, 40, 12, 35, 38 }) ^ 2) / 2)
  near(age.smd_before, (30 - 197 / 8) / denom, 1e-12)
  near(age.smd_after, (15 - 16) / denom, 1e-12)
  for _, b in ipairs(r.balance) do
    if b.smd_before ~= 0 then expect(math.abs(b.smd_after) < math.abs(b.smd_before)):is_true() end
  end
  expect(r.balance[3].name):equals("sex=F")
  near(r.estimate, math.abs(age.smd_after), 1e-12)   -- weight is exactly balanced after
  expect(r.estimate_column):equals("age")
  expect(r:summary()):contains("SMD after")
  expect(r:plot()):matches("^<svg")
end)

test "match: k = 2 greedy in treated row order, without replacement" (function()
  local r = nh.match { treated = mt, control = mc, exact = "sex", nearest = { "age", "weight" }, k = 2 }
  expect(r.matched:col("matched_to"):to_table()):equals({ 1, 1, 2, 2, 3, 3, n = 6 })
  expect(r.matched:col("age"):to_table()):equals({ 11, 12, 21, 35, 38, 30, n = 6 })
  -- only exact matching: every control of the same sex, by row order
  local e = nh.match { treated = mt, control = mc, exact = { "sex" } }
  expect(e.matched:col("age"):to_table()):equals({ 11, 10, 30, n = 3 })
  expect(e.matched:col("distance"):to_table()):equals({ 0.0, 0.0, 0.0, n = 3 })
  expect(e.estimate):is_nil()
end)

test "trajectory, before_after, match: misuse" (function()
  local c = progressive(3, 10, 1, "C")
  expect(error_of(nh.trajectory, { treated = c, control = c, id = "patient_id", time = "years",
                                   value = "scores" }))
    :contains("nh.trajectory: the treated frame has no column 'scores' (value)")
  expect(error_of(nh.trajectory, { treated = c, control = c, id = "patient_id", time = "years",
                                   value = "score", bins = 4, bin_width = 1 }))
    :contains("nh.trajectory: give bins or bin_width, not both")
  expect(error_of(nh.trajectory, { treated = c, control = c, id = "patient_id", time = "patient_id",
                                   value = "score" }))
    :contains("nh.trajectory: column 'patient_id' (time) of the treated frame is str, not a number")
  expect(error_of(nh.trajectory, { treated = c, control = "c", id = "patient_id", time = "years",
                                   value = "score" }))
    :contains("nh.trajectory: control must be a frame")
  expect(error_of(nh.before_after, { treated = c, control = c, id = "patient_id", time = "years",
                                     value = "score", start = true }))
    :contains("nh.before_after: start must be a column of the treated frame or a number")
  expect(error_of(nh.before_after, { treated = c, control = c, id = "patient_id", time = "years",
                                     value = "score", start = "begin" }))
    :contains("nh.before_after: the treated frame has no column 'begin' (start)")
  expect(error_of(nh.before_after, { treated = c, control = c, id = "patient_id", time = "years",
                                     value = "score", start = 0, windw = 1 }))
    :contains("nh.before_after: unknown field 'windw'")
  expect(error_of(nh.match, { treated = mt, control = mc, nearest = { "sex" } }))
    :contains("nh.match: column 'sex' (nearest) of the treated frame is str, not a number")
  expect(error_of(nh.match, { treated = mt, control = mc, nearest = { "height" } }))
    :contains("nh.match: the treated frame has no column 'height' (nearest)")
  expect(error_of(nh.match, { treated = mt, control = mc, nearest = { "age" }, k = 0 }))
    :contains("nh.match: k must be a positive integer")
  expect(error_of(nh.match, { treated = mt, control = mc, nearest = { "age" }, caliper = -1 }))
    :contains("nh.match: caliper must be a positive number (sd units)")
  expect(error_of(nh.match, { treated = mt, control = mc }))
    :contains("nh.match: give exact or nearest columns (or both)")
end)

test "survival: crossing hazards draw the non-proportional hazards warning" (function()
  -- treated die early or not at all; controls die steadily: the curves cross
  local tt, te, ct, ce = {}, {}, {}, {}
  for i = 1, 80 do
    tt[i], te[i] = i <= 40 and i or 700 + i, i <= 40 and 1 or 0
    ct[i], ce[i] = 8 * i, 1
  end
  local r = nh.survival { treated = frame.new({ days = tt, event = te }),
                          control = frame.new({ days = ct, event = ce }), time = "days", event = "event" }
  expect(r.zph.global.p_value < 0.05):is_true()
  local found = false
  for _, w in ipairs(r.warnings) do found = found or w:find("non%-proportional hazards") ~= nil end
  expect(found):is_true()
end)

test "survival: a treated arm with no events has no hazard ratio, and says why" (function()
  -- one censored treated patient (a KJ-like case) against controls who die
  local ct, ce = {}, {}
  for i = 1, 30 do ct[i], ce[i] = 20 * i, i % 3 == 0 and 0 or 1 end
  local r = nh.survival { treated = frame.new({ days = { 700 }, event = { 0 } }),
                          control = frame.new({ days = ct, event = ce }), time = "days", event = "event" }
  expect(r.estimate):is_nil()
  expect(r.conf_int):is_nil()
  expect(r.cox):is_nil()
  expect(r.warnings[1]):equals("no Cox hazard ratio: an arm has no events, so the hazard ratio has no "
                               .. "finite estimate (read the log-rank p-value and the RMST difference)")
  expect(r.p_value < 1):is_true()
  expect(r.rmst.difference > 0):is_true()
end)
