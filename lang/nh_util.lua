-- nh_util.lua: what the natural-history comparisons share: the result
-- object (:summary, :plot, tostring), argument checks and small numerics.
-- Exports: Result, fmt, result, need_frame, need_column, check_keys, q, total, need_numeric, mean_of, var_of
local error, type, pairs, ipairs, tostring, setmetatable, pcall =
      error, type, pairs, ipairs, tostring, setmetatable, pcall
local concat = table.concat
local format, gsub = string.format, string.gsub
local abs = math.abs
local frame = require "frame"
local plot = require "pathway.plot"
_ENV = nil

---------------------------------------------------------------- results

local Result = {}
Result.__index = Result
Result.__name = "pathway.nh"

local function fmt(x)
  if x == nil then return "NA" end
  if type(x) ~= "number" then return tostring(x) end
  if x ~= x then return "NaN" end
  if abs(x) >= 1e4 or (x ~= 0 and abs(x) < 1e-3) then return format("%.3g", x) end
  return format("%.4g", x)
end

function Result:__tostring()
  local s = format("%s: estimate %s", self.method, fmt(self.estimate))
  if self.conf_int then
    s = s .. format(" (%s%% CI %s to %s)", fmt(100 * self.conf_level), fmt(self.conf_int[1]),
                    fmt(self.conf_int[2]))
  end
  if self.p_value then s = s .. ", p = " .. fmt(self.p_value) end
  return s
end

function Result:summary()
  local lines = { self.method, "" }
  for _, row in ipairs(self.table or {}) do lines[#lines + 1] = row end
  lines[#lines + 1] = ""
  lines[#lines + 1] = tostring(self)
  if #self.warnings > 0 then
    lines[#lines + 1] = ""
    lines[#lines + 1] = "Warnings:"
    for _, w in ipairs(self.warnings) do lines[#lines + 1] = "  - " .. w end
  end
  return concat(lines, "\n")
end

function Result:plot() return plot.svg(self.chart) end

local function result(fields)
  fields.warnings = fields.warnings or {}
  fields.conf_level = fields.conf_level or 0.95
  return setmetatable(fields, Result)
end

---------------------------------------------------------------- arguments

local function need_frame(spec, key, fname, level)
  local f = spec[key]
  if type(f) ~= "userdata" or not pcall(f.names, f) then
    error(format("nh.%s: %s must be a frame", fname, key), level or 3)
  end
  return f
end

local function need_column(f, name, key, which, fname, level)
  if type(name) ~= "string" then error(format("nh.%s: %s must be a column name", fname, key), level or 3) end
  for _, n in ipairs(f:names()) do if n == name then return name end end
  error(format("nh.%s: the %s frame has no column '%s' (%s)", fname, which, name, key), level or 3)
end

local function check_keys(spec, allowed, fname)
  for k in pairs(spec) do
    if not allowed[k] then error(format("nh.%s: unknown field '%s'", fname, tostring(k)), 3) end
  end
end

local function q(name) return "`" .. gsub(name, "`", "``") .. "`" end


---------------------------------------------------------------- numbers

local function total(a) local s = 0 for _, v in ipairs(a) do s = s + v end return s end
---------------------------------------------------------------- visits

local NUMERIC = { int = true, num = true }

-- The column must hold numbers (int or num) in frame `f`.
local function need_numeric(f, name, key, which, fname, level)
  local names, types = f:names(), f:types()
  for i, n in ipairs(names) do
    if n == name and not NUMERIC[types[i]] then
      error(format("nh.%s: column '%s' (%s) of the %s frame is %s, not a number", fname, name, key, which,
                   types[i]), level or 3)
    end
  end
end

-- Visits per patient from (id, time, value): patients in order of first
-- appearance, each patient's visits sorted by time (then row). Rows with
-- NA id, time or value are left out and counted.

local function mean_of(a) return #a > 0 and total(a) / #a or nil end

local function var_of(a)
  local n = #a
  if n < 2 then return nil end
  local m, s = mean_of(a), 0
  for i = 1, n do s = s + (a[i] - m) ^ 2 end
  return s / (n - 1)
end

-- Mean, sd and the 10/50/90% quantiles (R's type 7) of an array.

return { Result = Result, fmt = fmt, result = result, need_frame = need_frame, need_column = need_column, check_keys = check_keys, q = q, total = total, need_numeric = need_numeric, mean_of = mean_of, var_of = var_of }
