-- nh.lua: natural-history comparisons (docs/natural-history.md): a treated
-- cohort against an untreated external control, each result with its
-- estimate, interval, p-value, method, n's, warnings, :summary() and :plot().
-- This file holds the event-rate, survival and adequacy comparisons;
-- nh_trajectory.lua and nh_match.lua the others.
-- Exports: events, survival, adequacy, trajectory, before_after, match
local error, type, ipairs, tostring, pcall = error, type, ipairs, tostring, pcall
local sort = table.sort
local format = string.format
local huge, sqrt, log, exp, min, max = math.huge, math.sqrt, math.log, math.exp, math.min, math.max
local stats = require "stats"
local frame = require "frame"
local util = require "pathway.nh_util"
local more = require "pathway.nh_trajectory"
local matching = require "pathway.nh_match"
_ENV = nil

local fmt, result, q, total, mean_of, var_of =
      util.fmt, util.result, util.q, util.total, util.mean_of, util.var_of
local need_frame, need_column, need_numeric, check_keys =
      util.need_frame, util.need_column, util.need_numeric, util.check_keys


local DAYS_PER_YEAR = 365.25
local MIN_EVENTS = 10   -- fewer control events than this draws a warning
local PH_ALPHA = 0.05   -- a cox.zph p-value below this draws a warning

---------------------------------------------------------------- events

-- Per patient: events and follow-up in years, from rows of (id, events,
-- time in days) or (id, events, exposure in years).
local function per_patient(f, spec)
  local spec_s = { events = format("sum(%s)", q(spec.events)) }
  if spec.exposure then
    spec_s.years = format("sum(%s)", q(spec.exposure))
  else
    spec_s.years = format("(max(%s) - min(%s)) / %s", q(spec.time), q(spec.time),
                          spec.time_unit == "years" and "1.0" or tostring(DAYS_PER_YEAR))
  end
  local per = f:summarise(spec_s, { by = spec.id })
  local ids, ev, yr = {}, {}, {}
  local dropped = 0
  for row in per:rows() do
    if row.years and row.years > 0 and row.events then
      ids[#ids + 1], ev[#ev + 1], yr[#yr + 1] = row[spec.id], row.events, row.years
    else
      dropped = dropped + 1
    end
  end
  return { id = ids, events = ev, years = yr, dropped = dropped }
end


-- The controls' between-patient rate distribution as a gamma (method of
-- moments on the negative binomial with exposure): mean rate mu and shape
-- k; k = inf when the counts are not over-dispersed (Poisson).
local function gamma_fit(p)
  local mu = total(p.events) / total(p.years)
  local num, den = 0, 0
  for i = 1, #p.events do
    local m = mu * p.years[i]
    num = num + (mu * p.years[i]) ^ 2
    den = den + (p.events[i] - m) ^ 2 - m
  end
  return mu, den > 0 and num / den or huge
end

-- P(a count <= x over `years`) under the controls' rate distribution.
local function prob_as_low(x, years, mu, k)
  if k == huge then return stats.ppois(x, mu * years) end
  return stats.pnbinom(x, k, k / (k + mu * years))
end

local EVENT_KEYS = { treated = true, control = true, id = true, events = true, time = true,
                     exposure = true, time_unit = true, conf_level = true }

-- nh.events{treated =, control =, id =, events =, time = | exposure =}
local function events(spec)
  if type(spec) ~= "table" then error("nh.events: expected a table of fields", 2) end
  check_keys(spec, EVENT_KEYS, "events")
  local t, c = need_frame(spec, "treated", "events"), need_frame(spec, "control", "events")
  if (spec.time == nil) == (spec.exposure == nil) then
    error("nh.events: give time (a day column: follow-up is last minus first) or exposure (years per row)", 2)
  end
  for _, which in ipairs({ { t, "treated" }, { c, "control" } }) do
    for _, key in ipairs({ "id", "events", spec.time and "time" or "exposure" }) do
      need_column(which[1], spec[key], key, which[2], "events")
    end
  end
  local pt, pc = per_patient(t, spec), per_patient(c, spec)
  if #pc.events == 0 then error("nh.events: no control patient has follow-up", 2) end
  if #pt.events == 0 then error("nh.events: no treated patient has follow-up", 2) end
  local et, ec, yt, yc = total(pt.events), total(pc.events), total(pt.years), total(pc.years)
  local level = spec.conf_level or 0.95
  local test = stats.poisson_test { x = { et, ec }, T = { yt, yc }, conf_level = level }
  local mu, k = gamma_fit(pc)
  local res = result {
    method = "Annualized event rates, treated vs natural history (exact conditional rate ratio)",
    estimate = test.estimate, conf_int = test.conf_int, p_value = test.p_value, conf_level = level,
    rate = { treated = et / yt, control = ec / yc },
    events = { treated = et, control = ec }, person_years = { treated = yt, control = yc },
    n = { treated = #pt.events, control = #pc.events },
    control_shape = k, test = test, patients = { treated = pt, control = pc },
  }
  if #pt.events == 1 then
    res.single = {
      events = pt.events[1], years = pt.years[1],
      prob_as_low = prob_as_low(pt.events[1], pt.years[1], mu, k),
    }
  end
  local w = res.warnings
  if ec < MIN_EVENTS then w[#w + 1] = format("only %d events in the control cohort (fewer than %d)", ec, MIN_EVENTS) end
  if yc / #pc.events < yt / #pt.events then
    w[#w + 1] = format("control follow-up (%.2f years per patient) is shorter than treated (%.2f)",
                       yc / #pc.events, yt / #pt.events)
  end
  if pt.dropped + pc.dropped > 0 then
    w[#w + 1] = format("%d patients without follow-up time were left out", pt.dropped + pc.dropped)
  end
  res.table = {
    format("%-10s %8s %8s %10s %12s", "arm", "patients", "events", "years", "rate/year"),
    format("%-10s %8d %8d %10.2f %12.4g", "treated", #pt.events, et, yt, et / yt),
    format("%-10s %8d %8d %10.2f %12.4g", "control", #pc.events, ec, yc, ec / yc),
  }
  if res.single then
    res.table[#res.table + 1] = format("one treated patient: P(count <= %d in %.2f years | controls) = %s",
                                       res.single.events, res.single.years, fmt(res.single.prob_as_low))
  end
  local function points(p, x0)
    local xs, ys = {}, {}
    for i = 1, #p.events do xs[i], ys[i] = x0 + (i % 7 - 3) * 0.04, p.events[i] / p.years[i] end
    return xs, ys
  end
  local xt, yt2 = points(pt, 1)
  local xc, yc2 = points(pc, 2)
  res.chart = { title = "Annualized event rate per patient", xlab = "1 = treated, 2 = natural history",
                ylab = "events per year", xlim = { 0.5, 2.5 },
                series = { { kind = "points", x = xt, y = yt2, label = "treated" },
                           { kind = "points", x = xc, y = yc2, label = "natural history" } } }
  return res
end

---------------------------------------------------------------- survival

-- One frame of (time, event, arm) from both cohorts.
local function stacked(t, c, time, event)
  local tt, te = t:col(time):to_table(), t:col(event):to_table()
  local ct, ce = c:col(time):to_table(), c:col(event):to_table()
  local T, E, A = { n = tt.n + ct.n }, { n = tt.n + ct.n }, {}
  for i = 1, tt.n do T[i], E[i], A[i] = tt[i], te[i], "treated" end
  for i = 1, ct.n do T[tt.n + i], E[tt.n + i], A[tt.n + i] = ct[i], ce[i], "control" end
  return frame.new({ time = T, event = E, arm = A }, { order = { "time", "event", "arm" } })
end

local SURV_KEYS = { treated = true, control = true, time = true, event = true, tau = true,
                    conf_level = true }

-- nh.survival{treated =, control =, time =, event = [, tau =]}
local function survival(spec)
  if type(spec) ~= "table" then error("nh.survival: expected a table of fields", 2) end
  check_keys(spec, SURV_KEYS, "survival")
  local t, c = need_frame(spec, "treated", "survival"), need_frame(spec, "control", "survival")
  for _, which in ipairs({ { t, "treated" }, { c, "control" } }) do
    need_column(which[1], spec.time, "time", which[2], "survival")
    need_column(which[1], spec.event, "event", which[2], "survival")
  end
  local level = spec.conf_level or 0.95
  local data = stacked(t, c, spec.time, spec.event)
  local km = stats.km(data, "Surv(time, event) ~ arm", { conf_level = level })
  local lr = stats.logrank(data, "Surv(time, event) ~ arm")
  local st, sc = km["arm=treated"], km["arm=control"]
  -- With no event in one arm the Cox partial likelihood is monotone and the
  -- hazard ratio has no finite estimate (R's coxph: "coefficient may be
  -- infinite"); the log-rank test and the RMST still compare the arms.
  local ok, cox = false, "an arm has no events, so the hazard ratio has no finite estimate "
                         .. "(read the log-rank p-value and the RMST difference)"
  if st.events > 0 and sc.events > 0 then ok, cox = pcall(stats.cox, data, "Surv(time, event) ~ arm") end
  local tau = spec.tau or min(st.time[#st.time] or 0, sc.time[#sc.time] or 0)
  local r = km:rmst(tau)
  local rt, rc = r["arm=treated"], r["arm=control"]
  local diff = rt.rmean - rc.rmean
  local se = sqrt(rt.std_err ^ 2 + rc.std_err ^ 2)
  local z = stats.qnorm(1 - (1 - level) / 2)
  local res = result {
    method = "Time to event, treated vs natural history (Kaplan-Meier, log-rank, Cox, RMST difference)",
    estimate = ok and cox.armtreated.hr or nil,
    conf_int = ok and { cox.armtreated.hr_lower, cox.armtreated.hr_upper } or nil,
    p_value = lr.p_value, conf_level = level,
    km = km, logrank = lr, cox = ok and cox or nil,
    rmst = { tau = tau, treated = rt.rmean, control = rc.rmean, difference = diff,
             conf_int = { diff - z * se, diff + z * se }, std_err = se },
    n = { treated = t:nrow(), control = c:nrow() },
    events = { treated = st.events, control = sc.events },
  }
  local w = res.warnings
  if not ok then w[#w + 1] = "no Cox hazard ratio: " .. tostring(cox) end
  if ok then   -- the Grambsch-Therneau test of cox.zph (km transform)
    local zok, zph = pcall(cox.zph, cox)
    res.zph = zok and zph or nil
    if zok and zph.global.p_value < PH_ALPHA then
      w[#w + 1] = format("non-proportional hazards (cox.zph p = %s): the hazard ratio averages an effect that changes over time",
                         fmt(zph.global.p_value))
    end
  end
  if sc.events < MIN_EVENTS then w[#w + 1] = format("only %d events in the control cohort (fewer than %d)", sc.events, MIN_EVENTS) end
  if (sc.time[#sc.time] or 0) < (st.time[#st.time] or 0) then
    w[#w + 1] = "control follow-up ends before treated follow-up: the comparison beyond it rests on no controls"
  end
  if t:nrow() == 1 then
    local at = km:at(t:col(spec.time)[1])["arm=control"]   -- nil past the controls' last time
    res.single = { time = t:col(spec.time)[1], event = t:col(spec.event)[1], control_surv = at and at.surv }
  end
  res.table = {
    format("%-10s %8s %8s %10s", "arm", "n", "events", "median"),
    format("%-10s %8d %8d %10s", "treated", st.n, st.events, fmt(st.median)),
    format("%-10s %8d %8d %10s", "control", sc.n, sc.events, fmt(sc.median)),
    format("log-rank chisq %s on %d df, p = %s", fmt(lr.chisq), lr.df, fmt(lr.p_value)),
    format("RMST to %s: treated %s, control %s, difference %s (%s to %s)", fmt(tau), fmt(rt.rmean),
           fmt(rc.rmean), fmt(diff), fmt(diff - z * se), fmt(diff + z * se)),
  }
  local function curve(s, label)
    local x, y = { 0 }, { 1 }
    for i = 1, #s.time do x[#x + 1], y[#y + 1] = s.time[i], s.surv[i] end
    return { kind = "step", x = x, y = y, label = label }
  end
  res.chart = { title = "Event-free survival", xlab = spec.time, ylab = "event-free proportion",
                ylim = { 0, 1 }, series = { curve(st, "treated"), curve(sc, "natural history") } }
  return res
end

---------------------------------------------------------------- adequacy

local ADEQ_KEYS = { control = true, id = true, events = true, time = true, exposure = true,
                    time_unit = true, treated_n = true, treated_years = true, alpha = true, power = true }

-- The smallest reduction in event rate (rate ratio < 1) a treated cohort
-- of `py` person-years can show against `ec` control events at rate lam:
-- the largest RR < 1 with |log RR| >= (z_{1-alpha/2} + z_power) *
-- sqrt(1/E_t + 1/E_c), E_t = RR * lam * py. The criterion is not monotone
-- (fewer treated events at small RR widen the interval again), so scan down
-- from 1 on a log grid to the first RR that passes, then bisect the step.
local function detectable_ratio(lam, py, ec, alpha, power)
  local need = stats.qnorm(1 - alpha / 2) + stats.qnorm(power)
  local function gap(rr) return -log(rr) - need * sqrt(1 / (rr * lam * py) + 1 / ec) end
  local hi = 1 - 1e-12
  for k = 1, 600 do
    local lo = exp(-k * 0.025)   -- down to RR = 3e-7
    if gap(lo) >= 0 then
      for _ = 1, 100 do
        local mid = (lo + hi) / 2
        if gap(mid) >= 0 then lo = mid else hi = mid end
      end
      return lo
    end
    hi = lo
  end
  return nil
end

-- nh.adequacy{control =, id =, events =, time = | exposure =, treated_n =, treated_years =}
local function adequacy(spec)
  if type(spec) ~= "table" then error("nh.adequacy: expected a table of fields", 2) end
  check_keys(spec, ADEQ_KEYS, "adequacy")
  local c = need_frame(spec, "control", "adequacy")
  if (spec.time == nil) == (spec.exposure == nil) then
    error("nh.adequacy: give time (a day column) or exposure (years per row)", 2)
  end
  for _, key in ipairs({ "id", "events", spec.time and "time" or "exposure" }) do
    need_column(c, spec[key], key, "control", "adequacy")
  end
  local p = per_patient(c, spec)
  local ec, yc = total(p.events), total(p.years)
  local alpha, power = spec.alpha or 0.05, spec.power or 0.8
  local n_t = spec.treated_n or 1
  local py = spec.treated_years or n_t * (yc / #p.events)
  local lam = ec / yc
  local rr = ec > 0 and detectable_ratio(lam, py, ec, alpha, power) or nil
  local res = result {
    method = "Adequacy of the natural history as an external control for an event rate",
    estimate = rr, p_value = nil, patients = #p.events, events = ec, person_years = yc, rate = lam,
    treated_n = n_t, treated_years = py, alpha = alpha, power = power,
    n = { control = #p.events, treated = n_t },
  }
  local w = res.warnings
  if ec < MIN_EVENTS then w[#w + 1] = format("only %d events in the control cohort (fewer than %d)", ec, MIN_EVENTS) end
  if rr == nil then
    w[#w + 1] = "no reduction in rate is distinguishable with this treated exposure"
  end
  res.table = {
    format("control patients %d, person-years %.2f, events %d, rate %.4g per year", #p.events, yc, ec, lam),
    format("treated: %d patients, %.2f person-years expected", n_t, py),
    format("smallest detectable rate ratio at alpha %.3g, power %.2f: %s (a %s%% reduction)", alpha, power,
           fmt(rr), rr and fmt(100 * (1 - rr)) or "NA"),
  }
  res.chart = { title = "Control follow-up per patient", xlab = "patient (ordered)", ylab = "years",
                series = { { kind = "points", x = (function() local x = {} for i = 1, #p.years do x[i] = i end return x end)(),
                             y = (function() local y = {} for i, v in ipairs(p.years) do y[i] = v end sort(y) return y end)(),
                             label = "follow-up" } } }
  return res
end


return { events = events, survival = survival, adequacy = adequacy,
         trajectory = more.trajectory, before_after = more.before_after, match = matching.match }
