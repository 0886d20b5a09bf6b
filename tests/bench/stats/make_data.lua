-- make_data.lua: the synthetic data of the statistics benchmark (issue 5).
-- Deterministic: pathway --seed 5 make_data.lua KIND N > FILE.csv
--   surv N   time, dead, group (A/B/C), age          (km + logrank)
--   cox N    time, dead, age, sex, score              (cox, 3 covariates)
--   pois N   crises, treated, age, years              (glm poisson + offset)
--   perm N   arm (x/y), value                         (permutation test, N per arm)
local kind, n = arg[1], math.tointeger(tonumber(arg[2] or ""))
if not n then error("usage: make_data.lua surv|cox|pois|perm N", 0) end

local function expo(rate) return -math.log(1 - math.random()) / rate end
local function normal()
  return math.sqrt(-2 * math.log(1 - math.random())) * math.cos(2 * math.pi * math.random())
end
local function poisson(mu)   -- Knuth for small mu, normal approximation above 30
  if mu > 30 then return math.max(0, math.floor(mu + math.sqrt(mu) * normal() + 0.5)) end
  local L, k, p = math.exp(-mu), 0, 1
  repeat k = k + 1; p = p * math.random() until p <= L
  return k - 1
end

local out, m = {}, 0
local function emit(s)
  m = m + 1; out[m] = s
  if m == 10000 then io.write(table.concat(out, "\n"), "\n"); out, m = {}, 0 end
end

if kind == "surv" then
  emit("time,dead,group,age")
  local groups = { "A", "B", "C" }
  for _ = 1, n do
    local g = math.random(3)
    local t, c = expo(0.01 * (1 + 0.3 * (g - 1))), expo(0.008)
    emit(("%.3f,%d,%s,%d"):format(math.min(t, c), t <= c and 1 or 0, groups[g], math.random(20, 80)))
  end
elseif kind == "cox" then
  emit("time,dead,age,sex,score")
  for _ = 1, n do
    local age, sex, score = math.random(20, 80), math.random(0, 1), normal()
    local t = expo(0.01 * math.exp(0.02 * (age - 50) + 0.4 * sex + 0.3 * score))
    local c = expo(0.008)
    emit(("%.4f,%d,%d,%d,%.6f"):format(math.min(t, c), t <= c and 1 or 0, age, sex, score))
  end
elseif kind == "pois" then
  emit("crises,treated,age,years")
  for _ = 1, n do
    local treated, age, years = math.random(0, 1), math.random(1, 40), 0.25 + 4 * math.random()
    local mu = years * math.exp(1.2 - 0.7 * treated - 0.01 * age)
    emit(("%d,%d,%d,%.4f"):format(poisson(mu), treated, age, years))
  end
elseif kind == "perm" then
  emit("arm,value")
  for _ = 1, n do emit(("x,%.6f"):format(10 + normal())) end
  for _ = 1, n do emit(("y,%.6f"):format(10.05 + normal())) end
else
  error("unknown kind " .. tostring(kind), 0)
end
if m > 0 then io.write(table.concat(out, "\n", 1, m), "\n") end
