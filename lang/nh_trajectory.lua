-- nh_trajectory.lua: progressive disease against natural history: the
-- untreated reference band, z-scores and slopes (nh.trajectory), and
-- within-patient change after treatment (nh.before_after).
-- Exports: trajectory, before_after
local error, type, pairs, ipairs, tostring, pcall = error, type, pairs, ipairs, tostring, pcall
local sort = table.sort
local format = string.format
local huge, sqrt, abs, min, max = math.huge, math.sqrt, math.abs, math.min, math.max
local floor, ceil, math_type = math.floor, math.ceil, math.type
local stats = require "stats"
local frame = require "frame"
local util = require "pathway.nh_util"
_ENV = nil

local fmt, result, q, total, mean_of, var_of =
      util.fmt, util.result, util.q, util.total, util.mean_of, util.var_of
local need_frame, need_column, need_numeric, check_keys =
      util.need_frame, util.need_column, util.need_numeric, util.check_keys

local function visits_of(f, id, time, value)
  local I, T, V = f:col(id):to_table(), f:col(time):to_table(), f:col(value):to_table()
  local order, by, dropped = {}, {}, 0
  for i = 1, I.n do
    local k, t, v = I[i], T[i], V[i]
    if k == nil or t == nil or v == nil or t ~= t or v ~= v then
      dropped = dropped + 1
    else
      local p = by[k]
      if not p then
        p = { id = k, rows = {} }
        by[k], order[#order + 1] = p, p
      end
      p.rows[#p.rows + 1] = { t = t, v = v, row = i }
    end
  end
  for _, p in ipairs(order) do
    sort(p.rows, function(a, b) if a.t ~= b.t then return a.t < b.t end return a.row < b.row end)
    p.time, p.value = {}, {}
    for j, r in ipairs(p.rows) do p.time[j], p.value[j] = r.t, r.v end
  end
  return order, dropped
end

-- Least-squares slope of value on time; nil when the times do not vary.
local function ls_slope(ts, vs)
  local n = #ts
  if n < 2 then return nil end
  local mt, mv = 0, 0
  for i = 1, n do mt, mv = mt + ts[i], mv + vs[i] end
  mt, mv = mt / n, mv / n
  local sxy, sxx = 0, 0
  for i = 1, n do
    sxy = sxy + (ts[i] - mt) * (vs[i] - mv)
    sxx = sxx + (ts[i] - mt) ^ 2
  end
  if sxx == 0 then return nil end
  return sxy / sxx
end

local function describe(vals)
  local c = frame.new({ v = vals }, { types = { v = "num" } }):col("v")
  local qs = #vals > 0 and c:quantile { 0.1, 0.5, 0.9 } or {}
  return { n = #vals, mean = c:mean(), sd = c:sd(), q10 = qs[1], q50 = qs[2], q90 = qs[3] }
end

-- One value among the controls': its z-score and mid-rank percentile.
local function standing(x, ref)
  local m, v = mean_of(ref), var_of(ref)
  local below, ties = 0, 0
  for _, r in ipairs(ref) do
    if r < x then below = below + 1 elseif r == x then ties = ties + 1 end
  end
  return { value = x, z = (v and v > 0) and (x - m) / sqrt(v) or nil,
           percentile = 100 * (below + ties / 2) / #ref }
end

-- The Welch comparison of two arrays as estimate, interval, p (or the
-- reason there is none).
local function welch(x, y, level)
  if #x < 2 or #y < 2 then return nil, "fewer than 2 patients in an arm" end
  local ok, t = pcall(stats.t_test, { x = x, y = y, conf_level = level })
  if not ok then return nil, tostring(t) end
  return t
end

local function jitter(ys, x0)
  local xs = {}
  for i = 1, #ys do xs[i] = x0 + (i % 7 - 3) * 0.04 end
  return xs
end

local MIN_PATIENTS = 10   -- fewer control patients than this draws a warning
local MIN_BIN = 3         -- fewer control patients in a time bin: no z-score

---------------------------------------------------------------- trajectory

local TRAJ_KEYS = { treated = true, control = true, id = true, time = true, value = true, bins = true,
                    bin_width = true, conf_level = true }

local function visit_columns(spec, fname)
  local L = 4   -- errors name the user's call, two frames up from the checks
  local t, c = need_frame(spec, "treated", fname, L), need_frame(spec, "control", fname, L)
  for _, which in ipairs({ { t, "treated" }, { c, "control" } }) do
    for _, key in ipairs({ "id", "time", "value" }) do
      need_column(which[1], spec[key], key, which[2], fname, L)
    end
    need_numeric(which[1], spec.time, "time", which[2], fname, L)
    need_numeric(which[1], spec.value, "value", which[2], fname, L)
  end
  return t, c
end

-- Per-patient slopes; patients with fewer than 2 visits (or one time) are counted.
local function slopes_of(pts)
  local ids, sl, left = {}, {}, 0
  for _, p in ipairs(pts) do
    local b = ls_slope(p.time, p.value)
    if b then ids[#ids + 1], sl[#sl + 1] = p.id, b else left = left + 1 end
  end
  return { id = ids, slope = sl, left_out = left }
end

-- Checks bins and bin_width. Called from trajectory itself: errors point at
-- trajectory's caller.
local function check_bins(spec)
  if spec.bins ~= nil and spec.bin_width ~= nil then
    error("nh.trajectory: give bins or bin_width, not both", 3)
  end
  if spec.bins ~= nil and (math_type(spec.bins) ~= "integer" or spec.bins < 1) then
    error("nh.trajectory: bins must be a positive integer", 3)
  end
  if spec.bin_width ~= nil and (type(spec.bin_width) ~= "number" or not (spec.bin_width > 0)) then
    error("nh.trajectory: bin_width must be a positive number", 3)
  end
end

-- The control time range and its bins, [lo, hi) each, the last closed: a
-- table of tmin, tmax, the bin count nb and width w. Called from trajectory.
local function time_bins(spec, pc)
  local tmin, tmax = huge, -huge
  for _, p in ipairs(pc) do tmin, tmax = min(tmin, p.time[1]), max(tmax, p.time[#p.time]) end
  if tmax <= tmin then error("nh.trajectory: the control visits span no time", 3) end
  local nb, w
  if spec.bin_width then
    w = spec.bin_width
    nb = max(1, ceil((tmax - tmin) / w))
  else
    nb = spec.bins or 5
    w = (tmax - tmin) / nb
  end
  return { tmin = tmin, tmax = tmax, nb = nb, w = w }
end

-- The bin of time x, or nil outside the control time range.
local function bin_of(band, x)
  if x < band.tmin or x > band.tmax then return nil end
  return min(band.nb, floor((x - band.tmin) / band.w) + 1)
end

-- The natural-history band: per bin, the control values described (n, mean,
-- sd, quantiles) with the bin's lo, hi, mid and number of patients.
local function band_bins(band, pc)
  local vals, pats = {}, {}
  for b = 1, band.nb do vals[b], pats[b] = {}, {} end
  for _, p in ipairs(pc) do
    for j = 1, #p.time do
      local b = bin_of(band, p.time[j])
      local v = vals[b]
      v[#v + 1] = p.value[j]
      pats[b][p.id] = true
    end
  end
  local bins = {}
  for b = 1, band.nb do
    local d = describe(vals[b])
    local np = 0
    for _ in pairs(pats[b]) do np = np + 1 end
    d.lo, d.hi, d.patients = band.tmin + (b - 1) * band.w, min(band.tmax, band.tmin + b * band.w), np
    d.mid = (d.lo + d.hi) / 2
    bins[b] = d
  end
  return bins
end

-- Each treated visit with its bin and z-score against the bin; the numbers
-- of visits outside the control time range and in too thin bins.
local function visit_zscores(band, bins, pt)
  local visits, outside, thin = {}, 0, 0
  for _, p in ipairs(pt) do
    for j = 1, #p.time do
      local x, y = p.time[j], p.value[j]
      local b = bin_of(band, x)
      local z
      if not b then
        outside = outside + 1
      elseif bins[b].patients < MIN_BIN or not bins[b].sd or bins[b].sd == 0 then
        thin = thin + 1
      else
        z = (y - bins[b].mean) / bins[b].sd
      end
      visits[#visits + 1] = { id = p.id, time = x, value = y, bin = b, z = z }
    end
  end
  return visits, outside, thin
end

-- The per-patient slopes of each arm and their Welch comparison (test, or
-- nil and why). Called from trajectory: errors point at its caller.
local function compare_slopes(pt, pc, level)
  local st, sc = slopes_of(pt), slopes_of(pc)
  if #sc.slope == 0 then error("nh.trajectory: no control patient has 2 visits at different times", 3) end
  if #st.slope == 0 then error("nh.trajectory: no treated patient has 2 visits at different times", 3) end
  local test, why = welch(st.slope, sc.slope, level)
  return st, sc, test, why
end

-- Warnings: few controls, visits without a z-score, patients and rows left
-- out, no t test.
local function trajectory_warnings(wn, s)
  local st, sc = s.st, s.sc
  if #sc.slope < MIN_PATIENTS then
    wn[#wn + 1] = format("only %d control patients with a slope (fewer than %d)", #sc.slope, MIN_PATIENTS)
  end
  if s.outside > 0 then
    wn[#wn + 1] = format("%d treated visits fall outside the controls' time range (%s to %s): no z-score",
                         s.outside, fmt(s.band.tmin), fmt(s.band.tmax))
  end
  if s.thin > 0 then
    wn[#wn + 1] = format("%d treated visits fall in a time bin with fewer than %d control patients "
                         .. "(or no spread): no z-score", s.thin, MIN_BIN)
  end
  if st.left_out + sc.left_out > 0 then
    wn[#wn + 1] = format("%d treated and %d control patients with fewer than 2 visits at different times "
                         .. "were left out of the slopes", st.left_out, sc.left_out)
  end
  if s.dt + s.dc > 0 then
    wn[#wn + 1] = format("%d treated and %d control rows without id, time or value were left out", s.dt, s.dc)
  end
  if not s.test and #st.slope > 1 then wn[#wn + 1] = "no t test: " .. s.why end
end

-- The summary lines: the band per time bin, the mean slopes and, for one
-- treated patient, its standing among the controls.
local function trajectory_lines(spec, bins, s, single)
  local lines = { format("%-16s %6s %8s %8s %8s %8s %8s %8s", "time bin", "n", "patients", "mean", "sd",
                         "q10", "median", "q90") }
  for _, b in ipairs(bins) do
    lines[#lines + 1] = format("%-16s %6d %8d %8s %8s %8s %8s %8s",
                               fmt(b.lo) .. " to " .. fmt(b.hi), b.n, b.patients, fmt(b.mean),
                               fmt(b.sd), fmt(b.q10), fmt(b.q50), fmt(b.q90))
  end
  lines[#lines + 1] = format("mean slope per unit of %s: treated %s (%d patients), control %s (%d)",
                             spec.time, fmt(s.mt), #s.st.slope, fmt(s.mc), #s.sc.slope)
  if single then
    lines[#lines + 1] = format("one treated patient: slope z-score %s, percentile %s among controls",
                               fmt(single.z), fmt(single.percentile))
  end
  return lines
end

-- The chart: the controls' 10-90% band and median per bin, and the treated visits.
local function trajectory_chart(spec, bins, visits)
  local bx, blo, bhi, bmed = {}, {}, {}, {}
  for _, b in ipairs(bins) do
    if b.n > 0 then
      bx[#bx + 1], blo[#blo + 1], bhi[#bhi + 1], bmed[#bmed + 1] = b.mid, b.q10, b.q90, b.q50
    end
  end
  local vx, vy = {}, {}
  for i, v in ipairs(visits) do vx[i], vy[i] = v.time, v.value end
  return { title = "Treated visits against the natural-history band", xlab = spec.time, ylab = spec.value,
           series = { { kind = "band", x = bx, y = blo, y2 = bhi, label = "controls 10-90%" },
                      { kind = "line", x = bx, y = bmed, label = "controls median", color = "#1b6ca8" },
                      { kind = "points", x = vx, y = vy, label = "treated", color = "#d1495b" } } }
end

-- nh.trajectory{treated =, control =, id =, time =, value = [, bins = | bin_width =]}
local function trajectory(spec)
  if type(spec) ~= "table" then error("nh.trajectory: expected a table of fields", 2) end
  check_keys(spec, TRAJ_KEYS, "trajectory")
  local t, c = visit_columns(spec, "trajectory")
  check_bins(spec)
  local level = spec.conf_level or 0.95
  local pt, dt = visits_of(t, spec.id, spec.time, spec.value)
  local pc, dc = visits_of(c, spec.id, spec.time, spec.value)
  if #pc == 0 then error("nh.trajectory: no control visit has a time and a value", 2) end
  if #pt == 0 then error("nh.trajectory: no treated visit has a time and a value", 2) end
  local band = time_bins(spec, pc)
  local bins = band_bins(band, pc)
  local visits, outside, thin = visit_zscores(band, bins, pt)
  local st, sc, test, why = compare_slopes(pt, pc, level)
  local mt, mc = mean_of(st.slope), mean_of(sc.slope)
  local res = result {
    method = "Trajectory against the natural history (z-scores by time bin; per-patient least-squares "
             .. "slopes, Welch t test)",
    estimate = mt - mc, conf_int = test and { test.conf_int[1], test.conf_int[2] } or nil,
    p_value = test and test.p_value or nil, conf_level = level,
    slope = { treated = mt, control = mc }, slopes = { treated = st, control = sc },
    bins = bins, visits = visits, test = test,
    n = { treated = #st.slope, control = #sc.slope },
  }
  if #st.slope == 1 then res.single = standing(st.slope[1], sc.slope) end
  local s = { st = st, sc = sc, mt = mt, mc = mc, band = band, outside = outside, thin = thin,
              dt = dt, dc = dc, test = test, why = why }
  trajectory_warnings(res.warnings, s)
  res.table = trajectory_lines(spec, bins, s, res.single)
  res.chart = trajectory_chart(spec, bins, visits)
  return res
end

---------------------------------------------------------------- before_after

local BA_KEYS = { treated = true, control = true, id = true, time = true, value = true, start = true,
                  window = true, conf_level = true }

-- The index of the visit at `times` nearest to `target` among first..#times
-- (ties: the earlier).
local function nearest_visit(times, target, first)
  local best, bd = nil, huge
  for j = first, #times do
    local d = abs(times[j] - target)
    if d < bd then best, bd = j, d end
  end
  return best
end

local function median_of(a)
  local s = {}
  for i, v in ipairs(a) do s[i] = v end
  sort(s)
  local n = #s
  if n == 0 then return nil end
  return n % 2 == 1 and s[(n + 1) // 2] or (s[n // 2] + s[n // 2 + 1]) / 2
end

-- Each treated patient's start, its last visit at or before start and the
-- visit after (nearest start + window, else the last), as a change record;
-- the numbers of patients without a before or an after visit. Called from
-- before_after: errors point at its caller.
local function treated_changes(spec, t, pt)
  local start = spec.start
  local S = type(start) == "string" and t:col(start):to_table() or nil
  local treated, no_before, no_after = {}, 0, 0
  for _, p in ipairs(pt) do
    local s = start
    if S then
      s = nil
      for _, r in ipairs(p.rows) do
        local v = S[r.row]
        if v ~= nil then
          if s ~= nil and v ~= s then
            error(format("nh.before_after: start differs within treated patient '%s'", tostring(p.id)), 3)
          end
          s = v
        end
      end
    end
    local jb
    for j = 1, #p.time do if s ~= nil and p.time[j] <= s then jb = j end end
    local ja
    if jb and jb < #p.time then
      ja = spec.window and nearest_visit(p.time, s + spec.window, jb + 1) or #p.time
    end
    if s == nil or not jb then
      no_before = no_before + 1
    elseif not ja then
      no_after = no_after + 1
    else
      treated[#treated + 1] = { id = p.id, start = s, t0 = p.time[jb], t1 = p.time[ja], before = p.value[jb],
                                after = p.value[ja], change = p.value[ja] - p.value[jb],
                                interval = p.time[ja] - p.time[jb] }
    end
  end
  if #treated == 0 then
    error("nh.before_after: no treated patient has a visit at or before start and one after", 3)
  end
  return treated, no_before, no_after
end

-- The control change records: from the visit nearest the treated patients'
-- median baseline time, over the treated patients' median interval; the
-- controls with a single visit and those whose interval is off by more than
-- a quarter are counted. Called from before_after: errors point at its caller.
local function control_changes(pc, treated)
  local t0s, lens = {}, {}
  for i, r in ipairs(treated) do t0s[i], lens[i] = r.t0, r.interval end
  local base_t, len = median_of(t0s), median_of(lens)
  local control, no_later, off = {}, 0, 0
  for _, p in ipairs(pc) do
    local jb = nearest_visit(p.time, base_t, 1)
    local ja = jb < #p.time and nearest_visit(p.time, p.time[jb] + len, jb + 1) or nil
    if not ja then
      no_later = no_later + 1
    else
      local r = { id = p.id, t0 = p.time[jb], t1 = p.time[ja], before = p.value[jb], after = p.value[ja],
                  change = p.value[ja] - p.value[jb], interval = p.time[ja] - p.time[jb] }
      if abs(r.interval - len) > len / 4 then off = off + 1 end
      control[#control + 1] = r
    end
  end
  if #control == 0 then error("nh.before_after: no control patient has two visits", 3) end
  return control, no_later, off, base_t, len
end

-- The changes of each arm, their Welch t test and the pcall'd Wilcoxon rank
-- sum test (ok flag, result or error).
local function compare_changes(treated, control, level)
  local xt, xc = {}, {}
  for i, r in ipairs(treated) do xt[i] = r.change end
  for i, r in ipairs(control) do xc[i] = r.change end
  local test = welch(xt, xc, level)
  local okw, wt = pcall(stats.wilcox_test, { x = xt, y = xc })
  return xt, xc, test, okw, wt
end

-- Warnings: few controls, patients and rows left out, control intervals off
-- the treated median, and the tests that could not be run or warned.
local function before_after_warnings(wn, s)
  if #s.control < MIN_PATIENTS then
    wn[#wn + 1] = format("only %d control patients with a change (fewer than %d)", #s.control, MIN_PATIENTS)
  end
  if s.no_before + s.no_after > 0 then
    wn[#wn + 1] = format("%d treated patients without a visit at or before start and %d without one after "
                         .. "were left out", s.no_before, s.no_after)
  end
  if s.no_later > 0 then
    wn[#wn + 1] = format("%d control patients with a single visit were left out", s.no_later)
  end
  if s.off > 0 then
    wn[#wn + 1] = format("%d control changes span an interval more than a quarter away from the treated "
                         .. "median interval (%s)", s.off, fmt(s.len))
  end
  if s.dt + s.dc > 0 then
    wn[#wn + 1] = format("%d treated and %d control rows without id, time or value were left out", s.dt, s.dc)
  end
  if #s.treated > 1 and not s.test then wn[#wn + 1] = "no t test: the changes are essentially constant" end
  if s.okw and s.wt.warning then wn[#wn + 1] = "Wilcoxon: " .. s.wt.warning end
  if not s.okw then wn[#wn + 1] = "no Wilcoxon test: " .. tostring(s.wt) end
end

-- The summary lines: mean before, after and change per arm, the control
-- window, the Wilcoxon test and, for one treated patient, its standing.
local function before_after_lines(spec, s, single)
  local lines = {
    format("%-10s %8s %12s %12s %12s", "arm", "patients", "mean before", "mean after", "mean change"),
  }
  for _, arm in ipairs({ { "treated", s.treated }, { "control", s.control } }) do
    local b, a = {}, {}
    for i, r in ipairs(arm[2]) do b[i], a[i] = r.before, r.after end
    lines[#lines + 1] = format("%-10s %8d %12s %12s %12s", arm[1], #arm[2], fmt(mean_of(b)),
                               fmt(mean_of(a)), fmt(mean_of(arm[1] == "treated" and s.xt or s.xc)))
  end
  lines[#lines + 1] = format("controls from the visit nearest %s = %s over %s", spec.time, fmt(s.base_t),
                             fmt(s.len))
  if s.okw then
    lines[#lines + 1] = format("Wilcoxon rank sum W = %s, p = %s", fmt(s.wt.statistic), fmt(s.wt.p_value))
  end
  if single then
    lines[#lines + 1] = format("one treated patient: change z-score %s, percentile %s among controls",
                               fmt(single.z), fmt(single.percentile))
  end
  return lines
end

-- The chart: the changes of each arm as jittered points.
local function change_chart(spec, xt, xc)
  return { title = "Change from before to after", xlab = "1 = treated, 2 = natural history",
           ylab = "change in " .. spec.value, xlim = { 0.5, 2.5 },
           series = { { kind = "points", x = jitter(xt, 1), y = xt, label = "treated" },
                      { kind = "points", x = jitter(xc, 2), y = xc, label = "natural history" } } }
end

-- nh.before_after{treated =, control =, id =, time =, value =, start = [, window =]}
-- The start checks stay here: util's need_* raise at level 3, which must be
-- before_after's caller.
local function before_after(spec)
  if type(spec) ~= "table" then error("nh.before_after: expected a table of fields", 2) end
  check_keys(spec, BA_KEYS, "before_after")
  local t, c = visit_columns(spec, "before_after")
  local start = spec.start
  if type(start) == "string" then
    need_column(t, start, "start", "treated", "before_after")
    need_numeric(t, start, "start", "treated", "before_after")
  elseif type(start) ~= "number" then
    error("nh.before_after: start must be a column of the treated frame or a number", 2)
  end
  if spec.window ~= nil and (type(spec.window) ~= "number" or not (spec.window > 0)) then
    error("nh.before_after: window must be a positive number", 2)
  end
  local level = spec.conf_level or 0.95
  local pt, dt = visits_of(t, spec.id, spec.time, spec.value)
  local pc, dc = visits_of(c, spec.id, spec.time, spec.value)
  local treated, no_before, no_after = treated_changes(spec, t, pt)
  local control, no_later, off, base_t, len = control_changes(pc, treated)
  local xt, xc, test, okw, wt = compare_changes(treated, control, level)
  local mt, mc = mean_of(xt), mean_of(xc)
  local res = result {
    method = "Change from before to after treatment against the natural history's change over the same "
             .. "interval (Welch t test, Wilcoxon rank sum)",
    estimate = mt - mc, conf_int = test and { test.conf_int[1], test.conf_int[2] } or nil,
    p_value = test and test.p_value or (okw and wt.p_value or nil), conf_level = level,
    change = { treated = mt, control = mc }, patients = { treated = treated, control = control },
    baseline_time = base_t, interval = len, test = test, wilcox = okw and wt or nil,
    n = { treated = #treated, control = #control },
  }
  if #treated == 1 then
    res.single = standing(xt[1], xc)
    res.method = res.method .. "; one treated patient: the Wilcoxon p-value"
  end
  local s = { treated = treated, control = control, no_before = no_before, no_after = no_after,
              no_later = no_later, off = off, base_t = base_t, len = len, dt = dt, dc = dc, xt = xt, xc = xc,
              test = test, okw = okw, wt = wt }
  before_after_warnings(res.warnings, s)
  res.table = before_after_lines(spec, s, res.single)
  res.chart = change_chart(spec, xt, xc)
  return res
end


return { trajectory = trajectory, before_after = before_after }
