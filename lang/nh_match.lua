-- nh_match.lua: matched natural-history controls and their balance table
-- (nh.match).
-- Exports: match
local error, type, ipairs, tostring = error, type, ipairs, tostring
local concat, sort = table.concat, table.sort
local format = string.format
local huge, sqrt, abs, min, max = math.huge, math.sqrt, math.abs, math.min, math.max
local math_type = math.type
local frame = require "frame"
local util = require "pathway.nh_util"
_ENV = nil

local fmt, result, q, total, mean_of, var_of =
      util.fmt, util.result, util.q, util.total, util.mean_of, util.var_of
local need_frame, need_column, need_numeric, check_keys =
      util.need_frame, util.need_column, util.need_numeric, util.check_keys

---------------------------------------------------------------- match

local MATCH_KEYS = { treated = true, control = true, exact = true, nearest = true, k = true, caliper = true }
local SMD_FLAG = 0.1   -- |SMD| above this after matching draws a warning

local function names_list(spec, key, t, c)
  local v = spec[key]
  if v == nil then return {} end
  if type(v) == "string" then v = { v } end
  if type(v) ~= "table" then error(format("nh.match: %s must be a list of column names", key), 3) end
  for _, name in ipairs(v) do
    if type(name) ~= "string" then error(format("nh.match: %s must be a list of column names", key), 3) end
    for _, which in ipairs({ { t, "treated" }, { c, "control" } }) do
      for _, n in ipairs(which[1]:names()) do if n == name then goto found end end
      error(format("nh.match: the %s frame has no column '%s' (%s)", which[2], name, key), 3)
      ::found::
    end
  end
  return v
end

-- Standardized mean difference with a fixed denominator.
local function smd(a, b, denom)
  local ma, mb = mean_of(a), mean_of(b)
  if not ma or not mb or not denom or denom == 0 then return nil end
  return (ma - mb) / denom
end

-- The checked k and caliper; the control frame must not have the result's
-- columns. Called from match itself: errors point at match's caller.
local function match_options(spec, c)
  local k = spec.k or 1
  if math_type(k) ~= "integer" or k < 1 then error("nh.match: k must be a positive integer", 3) end
  local caliper = spec.caliper
  if caliper ~= nil and (type(caliper) ~= "number" or not (caliper > 0)) then
    error("nh.match: caliper must be a positive number (sd units)", 3)
  end
  for _, name in ipairs(c:names()) do
    if name == "matched_to" or name == "distance" then
      error(format("nh.match: the control frame already has a column '%s'", name), 3)
    end
  end
  return k, caliper
end

-- Whether row i of cols has every exact and nearest column (no NaN in nearest).
local function complete(m, cols, i)
  for _, name in ipairs(m.exact) do if cols[name][i] == nil then return false end end
  for _, name in ipairs(m.nearest) do local v = cols[name][i] if v == nil or v ~= v then return false end end
  return true
end

-- Per nearest column: the sd of treated and control values together (1 when
-- constant) as m.scale, and the non-missing values of each arm as m.values.
local function nearest_scales(m)
  local scale, values = {}, {}
  for _, name in ipairs(m.nearest) do
    local all, tv, cv = {}, {}, {}
    for i = 1, m.nt do local v = m.T[name][i] if v ~= nil then all[#all + 1], tv[#tv + 1] = v, v end end
    for i = 1, m.nc do local v = m.C[name][i] if v ~= nil then all[#all + 1], cv[#cv + 1] = v, v end end
    local v = var_of(all)
    scale[name] = (v and v > 0) and sqrt(v) or 1
    values[name] = { treated = tv, control = cv }
  end
  m.scale, m.values = scale, values
end

-- The unused complete controls exactly like treated row i and within the
-- caliper, with their standardized Euclidean distances, nearest first.
local function candidates(m, i, used)
  local T, C, cand = m.T, m.C, {}
  for j = 1, m.nc do
    if not used[j] and complete(m, C, j) then
      local same = true
      for _, name in ipairs(m.exact) do if T[name][i] ~= C[name][j] then same = false break end end
      if same then
        local d2 = 0
        for _, name in ipairs(m.nearest) do d2 = d2 + ((T[name][i] - C[name][j]) / m.scale[name]) ^ 2 end
        local d = sqrt(d2)
        if not m.caliper or d <= m.caliper then cand[#cand + 1] = { j = j, d = d } end
      end
    end
  end
  sort(cand, function(a, b) if a.d ~= b.d then return a.d < b.d end return a.j < b.j end)
  return cand
end

-- Greedy assignment: treated rows in order, each takes its k nearest unused
-- controls. Sets m.matched_to, m.dist, m.got and the counts of rows left out.
local function assign(m)
  local used, matched_to, dist = {}, { n = m.nc }, { n = m.nc }
  local incomplete_t, incomplete_c, unmatched, short, got = 0, 0, 0, 0, {}
  for j = 1, m.nc do if not complete(m, m.C, j) then incomplete_c = incomplete_c + 1 end end
  for i = 1, m.nt do
    if not complete(m, m.T, i) then
      incomplete_t = incomplete_t + 1
    else
      local cand = candidates(m, i, used)
      local n = min(m.k, #cand)
      for r = 1, n do
        local j = cand[r].j
        used[j], matched_to[j], dist[j] = true, i, cand[r].d
      end
      got[i] = n
      if n == 0 then unmatched = unmatched + 1 elseif n < m.k then short = short + 1 end
    end
  end
  m.matched_to, m.dist, m.got = matched_to, dist, got
  m.incomplete_t, m.incomplete_c, m.unmatched, m.short = incomplete_t, incomplete_c, unmatched, short
end

-- The matched controls with matched_to and distance, by treated row then distance.
local function matched_frame(c, m)
  local matched = c:mutate({ matched_to = m.matched_to, distance = m.dist },
                           { types = { matched_to = "int", distance = "num" } })
    :filter(function(row) return row.matched_to ~= nil end)
    :sort("matched_to", "distance")
  local order = c:names()
  order[#order + 1], order[#order + 2] = "matched_to", "distance"
  return matched:select(order)
end

-- The values get_t / get_c give for the matched treated and control rows.
local function after_sets(m, get_t, get_c)
  local a, b = {}, {}
  for i = 1, m.nt do if (m.got[i] or 0) > 0 then local v = get_t(i) if v ~= nil then a[#a + 1] = v end end end
  for j = 1, m.nc do if m.matched_to[j] then local v = get_c(j) if v ~= nil then b[#b + 1] = v end end end
  return a, b
end

-- The balance row of a nearest column: means and SMD before and after.
local function nearest_balance(m, name)
  local tv, cv = m.values[name].treated, m.values[name].control
  local denom = sqrt(((var_of(tv) or 0) + (var_of(cv) or 0)) / 2)
  local ta, ca = after_sets(m, function(i) return m.T[name][i] end, function(j) return m.C[name][j] end)
  return { name = name, treated_mean = mean_of(tv), control_mean = mean_of(cv),
           smd_before = smd(tv, cv, denom), treated_mean_after = mean_of(ta),
           control_mean_after = mean_of(ca), smd_after = smd(ta, ca, denom) }
end

-- The balance rows of an exact column, one per level (in order of first
-- appearance), appended to balance.
local function exact_balance(m, name, balance)
  local T, C, nt, nc = m.T, m.C, m.nt, m.nc
  local levels, seen = {}, {}
  for _, src in ipairs({ T[name], C[name] }) do
    for i = 1, src.n do
      local v = src[i]
      if v ~= nil and not seen[v] then seen[v] = true levels[#levels + 1] = v end
    end
  end
  for _, lv in ipairs(levels) do
    local function ind(src, n, keep)
      local out = {}
      for i = 1, n do if src[i] ~= nil and (not keep or keep(i)) then out[#out + 1] = src[i] == lv and 1 or 0 end end
      return out
    end
    local tv, cv = ind(T[name], nt), ind(C[name], nc)
    local pt_, pc_ = mean_of(tv) or 0, mean_of(cv) or 0
    local denom = sqrt((pt_ * (1 - pt_) + pc_ * (1 - pc_)) / 2)
    local ta = ind(T[name], nt, function(i) return (m.got[i] or 0) > 0 end)
    local ca = ind(C[name], nc, function(j) return m.matched_to[j] ~= nil end)
    balance[#balance + 1] = { name = name .. "=" .. tostring(lv), level = lv, treated_mean = mean_of(tv),
                              control_mean = mean_of(cv), smd_before = smd(tv, cv, denom),
                              treated_mean_after = mean_of(ta), control_mean_after = mean_of(ca),
                              smd_after = smd(ta, ca, denom) }
  end
end

-- The balance table (fixed denominators from before matching), the largest
-- |SMD| after matching among the nearest columns and that column's name.
local function balance_of(m)
  local balance, worst, worst_name = {}, 0, nil
  for _, name in ipairs(m.nearest) do
    local row = nearest_balance(m, name)
    balance[#balance + 1] = row
    if row.smd_after and abs(row.smd_after) >= worst then worst, worst_name = abs(row.smd_after), name end
  end
  for _, name in ipairs(m.exact) do exact_balance(m, name, balance) end
  return balance, worst, worst_name
end

-- Warnings: treated rows outside the controls' range on a nearest column,
-- rows left unmatched or short, and covariates unbalanced after matching.
local function match_warnings(wn, m, balance)
  for _, name in ipairs(m.nearest) do
    local cv = m.values[name].control
    if #cv > 0 then
      local lo, hi = huge, -huge
      for _, v in ipairs(cv) do lo, hi = min(lo, v), max(hi, v) end
      for i = 1, m.nt do
        local v = m.T[name][i]
        if v ~= nil and (v < lo or v > hi) then
          wn[#wn + 1] = format("a treated patient outside the controls' covariate range: row %d, %s = %s "
                               .. "(controls %s to %s)", i, name, fmt(v), fmt(lo), fmt(hi))
        end
      end
    end
  end
  if m.unmatched > 0 then
    wn[#wn + 1] = format("%d of %d treated rows have no matching control%s", m.unmatched, m.nt,
                         m.caliper and " within the caliper" or "")
  end
  if m.short > 0 then
    wn[#wn + 1] = format("%d treated rows have fewer than %d matched controls", m.short, m.k)
  end
  if m.incomplete_t > 0 then
    wn[#wn + 1] = format("%d treated rows with a missing matching column were not matched", m.incomplete_t)
  end
  if m.incomplete_c > 0 then
    wn[#wn + 1] = format("%d control rows with a missing matching column could not be matched",
                         m.incomplete_c)
  end
  for _, b in ipairs(balance) do
    if b.smd_after and abs(b.smd_after) > SMD_FLAG then
      wn[#wn + 1] = format("%s is not balanced after matching: |SMD| %s (above %s)", b.name, fmt(abs(b.smd_after)),
                           fmt(SMD_FLAG))
    end
  end
end

-- The summary lines: the balance table and the count of matched rows.
local function balance_lines(balance, n_matched_t, nt, n_matched_c)
  local lines = { format("%-20s %10s %10s %10s %10s %10s %10s", "covariate", "treated", "control", "SMD",
                         "treated m.", "control m.", "SMD after"), "(m.: the matched rows)" }
  for _, b in ipairs(balance) do
    lines[#lines + 1] = format("%-20s %10s %10s %10s %10s %10s %10s", b.name, fmt(b.treated_mean),
                               fmt(b.control_mean), fmt(b.smd_before), fmt(b.treated_mean_after),
                               fmt(b.control_mean_after), fmt(b.smd_after))
  end
  lines[#lines + 1] = format("%d of %d treated rows matched to %d controls", n_matched_t, nt, n_matched_c)
  return lines
end

-- The chart: |SMD| before and after per covariate, with the 0.1 flag line.
local function balance_chart(balance)
  local xb, yb, xa, ya, labels = {}, {}, {}, {}, {}
  for i, b in ipairs(balance) do
    if b.smd_before then xb[#xb + 1], yb[#yb + 1] = abs(b.smd_before), i end
    if b.smd_after then xa[#xa + 1], ya[#ya + 1] = abs(b.smd_after), i end
    labels[#labels + 1] = i .. " = " .. b.name
  end
  return { title = "Balance before and after matching", xlab = "|standardized mean difference|",
           ylab = concat(labels, ", "), ylim = { 0.5, #balance + 0.5 },
           series = { { kind = "points", x = xb, y = yb, label = "before" },
                      { kind = "points", x = xa, y = ya, label = "after" },
                      { kind = "line", x = { SMD_FLAG, SMD_FLAG }, y = { 0.5, #balance + 0.5 },
                        dashed = true, label = "0.1", color = "#888888" } } }
end

-- nh.match{treated =, control =, exact = {cols}, nearest = {cols}, k = 1, caliper =}
-- The argument checks stay here: util's need_* and names_list raise at
-- level 3, which must be match's caller.
local function match(spec)
  if type(spec) ~= "table" then error("nh.match: expected a table of fields", 2) end
  check_keys(spec, MATCH_KEYS, "match")
  local t, c = need_frame(spec, "treated", "match"), need_frame(spec, "control", "match")
  local exact, nearest = names_list(spec, "exact", t, c), names_list(spec, "nearest", t, c)
  if #exact + #nearest == 0 then error("nh.match: give exact or nearest columns (or both)", 2) end
  for _, name in ipairs(nearest) do
    need_numeric(t, name, "nearest", "treated", "match")
    need_numeric(c, name, "nearest", "control", "match")
  end
  local k, caliper = match_options(spec, c)
  local nt, nc = t:nrow(), c:nrow()
  local m = { exact = exact, nearest = nearest, k = k, caliper = caliper, nt = nt, nc = nc, T = {}, C = {} }
  for _, name in ipairs(exact) do m.T[name], m.C[name] = t:col(name):to_table(), c:col(name):to_table() end
  for _, name in ipairs(nearest) do m.T[name], m.C[name] = t:col(name):to_table(), c:col(name):to_table() end
  nearest_scales(m)
  assign(m)
  local matched = matched_frame(c, m)
  local balance, worst, worst_name = balance_of(m)
  local n_matched_t = 0
  for i = 1, nt do if (m.got[i] or 0) > 0 then n_matched_t = n_matched_t + 1 end end
  local res = result {
    method = format("Matched natural-history controls (exact on %s; %d nearest by standardized Euclidean "
                    .. "distance on %s%s; greedy, without replacement)",
                    #exact > 0 and concat(exact, ", ") or "nothing", k,
                    #nearest > 0 and concat(nearest, ", ") or "nothing",
                    caliper and format(", caliper %s sd", fmt(caliper)) or ""),
    estimate = #nearest > 0 and n_matched_t > 0 and worst or nil, estimate_column = worst_name,
    matched = matched, balance = balance, scale = m.scale, k = k, caliper = caliper,
    n = { treated = nt, control = nc, matched_treated = n_matched_t, matched_control = matched:nrow() },
  }
  match_warnings(res.warnings, m, balance)
  res.table = balance_lines(balance, n_matched_t, nt, matched:nrow())
  res.chart = balance_chart(balance)
  return res
end

return { match = match }
