-- platform.lua: success in consecutive patients treated with personalized
-- versions of one platform (DESIGN.md §1, `consecutive_success`).
-- Exports: consecutive
local error, type, pairs, ipairs, tostring, setmetatable, pcall =
      error, type, pairs, ipairs, tostring, setmetatable, pcall
local concat = table.concat
local format = string.format
local stats = require "stats"
_ENV = nil

local Result = {}
Result.__index = Result
Result.__name = "pathway.platform"

function Result:__tostring()
  return format("%d of %d patients succeeded; current run %d, longest run %d (needed %d): %s",
                self.successes, self.n, self.current_run, self.longest_run, self.needed,
                self.achieved and "achieved" or "not yet")
end

function Result:summary()
  local lines = { "Consecutive successes across personalized versions of one platform", "" }
  for _, f in ipairs(self.failures) do
    lines[#lines + 1] = format("  failure at position %d: patient %s", f.position, tostring(f.patient))
  end
  if #self.failures == 0 then lines[#lines + 1] = "  no failures" end
  local lo, hi = self.interval[1], self.interval[2]
  lines[#lines + 1] = ""
  lines[#lines + 1] = format("success rate: posterior Beta(%g, %g), mean %.3f, 95%% interval %.3f to %.3f",
                             self.posterior.a, self.posterior.b, self.posterior.mean, lo, hi)
  lines[#lines + 1] = tostring(self)
  return concat(lines, "\n")
end

local KEYS = { patients = true, order = true, success = true, needed = true, id = true, prior = true }

local function has_column(f, name)
  for _, n in ipairs(f:names()) do if n == name then return true end end
  return false
end

-- The success flag of each row: a bool column, or an expression string.
local function success_flags(f, success)
  if type(success) ~= "string" then error("platform.consecutive: success must be a column name or an expression", 3) end
  local col = success
  if not has_column(f, success) then
    col = ".success"
    f = f:mutate({ [col] = success })
  end
  local c = f:col(col)
  if c:type() ~= "bool" then
    error(format("platform.consecutive: success must be bool, not %s", c:type()), 3)
  end
  return c:to_table()
end

-- platform.consecutive{patients =, order =, success =, needed = 3, id =, prior = {1, 1}}
local function consecutive(spec)
  if type(spec) ~= "table" then error("platform.consecutive: expected a table of fields", 2) end
  for k in pairs(spec) do
    if not KEYS[k] then error(format("platform.consecutive: unknown field '%s'", tostring(k)), 2) end
  end
  local f = spec.patients
  if type(f) ~= "userdata" or not pcall(f.names, f) then error("platform.consecutive: patients must be a frame", 2) end
  for _, key in ipairs({ "order", "id" }) do
    if spec[key] ~= nil and not has_column(f, spec[key]) then
      error(format("platform.consecutive: the patients frame has no column '%s' (%s)", tostring(spec[key]), key), 2)
    end
  end
  local needed = spec.needed or 3
  if type(needed) ~= "number" or needed < 1 then error("platform.consecutive: needed must be a positive number", 2) end
  local prior = spec.prior or { 1, 1 }
  if spec.order then f = f:sort(spec.order) end   -- stable: ties keep their order
  local ok = success_flags(f, spec.success)
  local ids = spec.id and f:col(spec.id):to_table() or nil
  local run, longest, successes, failures = 0, 0, 0, {}
  for i = 1, f:nrow() do
    if ok[i] == nil then
      error(format("platform.consecutive: the success of patient %d (in order) is missing", i), 2)
    end
    if ok[i] then
      run, successes = run + 1, successes + 1
      if run > longest then longest = run end
    else
      run = 0
      failures[#failures + 1] = { position = i, patient = ids and ids[i] or i }
    end
  end
  local post = stats.beta_binomial { successes = successes, n = f:nrow(), prior = prior }
  local iv = post:interval(0.95)
  return setmetatable({
    n = f:nrow(), successes = successes, current_run = run, longest_run = longest, needed = needed,
    achieved = longest >= needed, failures = failures, posterior = post, interval = { iv[1], iv[2] },
  }, Result)
end

return { consecutive = consecutive }
