-- test.lua: the test DSL (test, expect, near, skip) and `pathway test`'s runner.
-- Exports: test, expect, near, skip, run(paths) -> passed, failed, skipped
local require, error, type, pairs, ipairs, tostring, setmetatable, getmetatable,
      xpcall, pcall, select, loadfile, next =
      require, error, type, pairs, ipairs, tostring, setmetatable, getmetatable,
      xpcall, pcall, select, loadfile, next
local abs, huge, math_type = math.abs, math.huge, math.type
local concat = table.concat
local find, format = string.find, string.format
local tonumber = tonumber
local getinfo, rawmetatable = debug.getinfo, debug.getmetatable
local open, collectgarbage = io.open, collectgarbage
local core = require "pathway.core"
local sorted_keys = require("pathway.tables").sorted_keys
_ENV = nil

local function out(s) core.write("stdout", s) end

---------------------------------------------------------------- rendering

-- A short, stable rendering of a value for failure messages.
local function show(v, depth)
  depth = depth or 0
  local t = type(v)
  if t == "string" then return format("%q", v) end
  if t == "number" then
    if math_type(v) == "integer" or v ~= v or v == huge or v == -huge then
      return tostring(v)
    end
    for digits = 15, 17 do   -- the shortest text that reads back equal
      local s = format("%." .. digits .. "g", v)
      if tonumber(s) == v then
        return find(s, "[%.eEn]") and s or s .. ".0"
      end
    end
  end
  if t ~= "table" then return tostring(v) end
  local mt = rawmetatable(v)
  if mt and mt.__tostring then return tostring(v) end
  if depth >= 3 then return "{...}" end
  local keys = sorted_keys(v)
  local parts, n = {}, #v
  for i, k in ipairs(keys) do
    if i > 10 then parts[#parts + 1] = "..."; break end
    if math_type(k) == "integer" and k >= 1 and k <= n then
      parts[#parts + 1] = show(v[k], depth + 1)
    elseif type(k) == "string" and find(k, "^[%a_][%w_]*$") then
      parts[#parts + 1] = k .. " = " .. show(v[k], depth + 1)
    else
      parts[#parts + 1] = "[" .. show(k, depth + 1) .. "] = " .. show(v[k], depth + 1)
    end
  end
  return "{" .. concat(parts, ", ") .. "}"
end

---------------------------------------------------------------- failures

-- A failed expectation is raised as this object, so the runner can tell it
-- from an error in the code under test (which gets a traceback).
local Failure = {}
Failure.__index = Failure
Failure.__tostring = function(f) return f.message end

-- Raise a failure located at the user's line: the first frame outside this
-- file (levels cannot be counted: matchers return through tail calls).
local function fail(msg)
  local here = getinfo(1, "S").source
  local level, info = 2, nil
  repeat
    info = getinfo(level, "Sl")
    level = level + 1
  until not info or (info.source ~= here and info.what ~= "C")
  local where = info and info.currentline > 0
                and (info.short_src .. ":" .. info.currentline .. ": ") or ""
  error(setmetatable({ message = where .. msg }, Failure), 0)
end

local Skip = {}   -- metatable of skip(reason)'s error object
Skip.__tostring = function(s) return "skipped: " .. s.reason end

local function skip(reason)
  if type(reason) ~= "string" then
    error("bad argument #1 to 'skip' (string expected, got " .. type(reason) .. ")", 2)
  end
  error(setmetatable({ reason = reason }, Skip), 0)
end

---------------------------------------------------------------- comparisons

local function equal(a, b, seen)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then
    return a ~= a and b ~= b   -- NaN equals NaN here
  end
  -- a metatable with __tostring makes a distinct kind of value (json.null
  -- is not an empty table); other metatables (markers) are not compared
  local ma, mb = rawmetatable(a), rawmetatable(b)
  if ma ~= mb and ((ma and ma.__tostring) or (mb and mb.__tostring)) then
    return false
  end
  seen = seen or {}
  if seen[a] == b then return true end
  seen[a] = b
  for k, v in pairs(a) do
    if not equal(v, b[k], seen) then return false end
  end
  for k in pairs(b) do
    if a[k] == nil then return false end
  end
  return true
end

-- |a - b| <= tol (absolute), or <= rel * |b| with tol = {rel = r}.
local function close(a, b, tol)
  if type(a) == "table" and type(b) == "table" then
    if #a ~= #b then return false end
    for i = 1, #b do
      if not close(a[i], b[i], tol) then return false end
    end
    return next(a) ~= nil or next(b) == nil
  end
  if type(a) ~= "number" or type(b) ~= "number" then return false end
  if a == b then return true end
  if type(tol) == "table" then return abs(a - b) <= tol.rel * abs(b) end
  return abs(a - b) <= tol
end

local function check_tol(tol, fname)
  if tol == nil then return 1e-9 end
  if type(tol) == "number" and tol >= 0 then return tol end
  if type(tol) == "table" and type(tol.rel) == "number" and tol.rel >= 0 then
    return tol
  end
  error("bad argument #3 to '" .. fname .. "' (tolerance expected: a number >= 0 or {rel = r})", 3)
end

local function tol_text(tol)
  if type(tol) == "table" then return "relative " .. show(tol.rel) end
  return show(tol)
end

-- near(a, b [, tol]): a and b (numbers or arrays of numbers) are within tol.
local function near(a, b, tol)
  tol = check_tol(tol, "near")
  if not close(a, b, tol) then
    fail(format("expected %s within %s of %s", show(a), tol_text(tol), show(b)))
  end
  return true
end

---------------------------------------------------------------- expect

local running    -- the test being run: { pending = {expectations} }, or nil

local Expectation = {}
Expectation.__index = Expectation

-- expect(v) -> an expectation. Call a matcher on it; one left without a
-- matcher asserts that v is truthy when its test ends.
local function expect(...)
  if select("#", ...) == 0 then
    error("bad argument #1 to 'expect' (value expected)", 2)
  end
  local info = getinfo(2, "Sl")
  local e = setmetatable({ value = (...), used = false,
    where = info.short_src .. ":" .. info.currentline }, Expectation)
  if running then running.pending[#running.pending + 1] = e end
  return e
end

local function check(self, ok, msg)
  self.used = true
  if not ok then fail(msg) end
  return self
end

function Expectation:equals(b)
  return check(self, equal(self.value, b),
               format("expected %s, got %s", show(b), show(self.value)))
end

function Expectation:is_nil()
  return check(self, self.value == nil, "expected nil, got " .. show(self.value))
end

function Expectation:is_true()
  return check(self, self.value == true, "expected true, got " .. show(self.value))
end

function Expectation:is_false()
  return check(self, self.value == false, "expected false, got " .. show(self.value))
end

function Expectation:has_type(t)
  return check(self, type(self.value) == t,
               format("expected a %s, got %s", t, show(self.value)))
end

function Expectation:matches(pattern)
  local v = self.value
  return check(self, type(v) == "string" and find(v, pattern) ~= nil,
               format("expected a string matching %s, got %s", show(pattern), show(v)))
end

function Expectation:contains(x)
  local v, ok = self.value, false
  if type(v) == "string" and type(x) == "string" then
    ok = find(v, x, 1, true) ~= nil
  elseif type(v) == "table" then
    for _, item in pairs(v) do
      if equal(item, x) then ok = true; break end
    end
  end
  return check(self, ok, format("expected %s to contain %s", show(v), show(x)))
end

function Expectation:near(b, tol)
  tol = check_tol(tol, "near")
  return check(self, close(self.value, b, tol),
               format("expected %s within %s of %s", show(self.value), tol_text(tol), show(b)))
end

-- expect(f):raises(text): calling f raises an error whose message contains
-- text (plain, not a pattern).
function Expectation:raises(text)
  local f = self.value
  if type(f) ~= "function" then
    return check(self, false, "expected a function, got " .. show(f))
  end
  local ok, err = pcall(f)
  if ok then
    return check(self, false, format("expected an error containing %s, got none", show(text)))
  end
  local msg = tostring(err)
  return check(self, text == nil or find(msg, text, 1, true) ~= nil,
               format("expected an error containing %s, got %s", show(text), show(msg)))
end

---------------------------------------------------------------- running

-- The message handler of a test: failures and skips pass through, other
-- errors get the user-frame traceback.
local function handler(err)
  local mt = getmetatable(err)
  if mt == Failure or mt == Skip then return err end
  return core.msghandler(err)
end

-- Run one test function. Returns "ok" | "FAIL", message | "skip", reason.
local function run_one(fn)
  running = { pending = {} }
  local ok, err = xpcall(fn, handler)
  local state = running
  running = nil
  if not ok then
    if getmetatable(err) == Skip then return "skip", err.reason end
    return "FAIL", tostring(err)
  end
  for _, e in ipairs(state.pending) do
    if not e.used and not e.value then
      return "FAIL", e.where .. ": expected a true value, got " .. show(e.value)
    end
  end
  return "ok"
end

local collecting  -- tests declared by the file being loaded, or nil

-- test "name" (function() ... end): under `pathway test` the test is
-- collected and run after its file loads; in any other script it runs at once.
local function test(name)
  if type(name) ~= "string" then
    error("bad argument #1 to 'test' (string expected, got " .. type(name) .. ")", 2)
  end
  return function(fn)
    if type(fn) ~= "function" then
      error("test '" .. name .. "' needs a function: test \"name\" (function() ... end)", 2)
    end
    if collecting then
      collecting[#collecting + 1] = { name = name, fn = fn }
      return
    end
    local status, msg = run_one(fn)
    out(format("%-4s  %s\n", status, name))
    if msg then out("      " .. msg:gsub("\n", "\n      ") .. "\n") end
  end
end

-- The *_test.lua files below `dir`, recursively, in byte order; hidden
-- entries (".git") are passed over.
local function walk(dir, files)
  local names, err = core.listdir(dir)
  if not names then error("pathway test: " .. err, 0) end
  for _, name in ipairs(names) do
    if name:sub(1, 1) ~= "." then
      local path = dir == "." and name or (dir:gsub("/$", "") .. "/" .. name)
      if core.isdir(path) then
        walk(path, files)
      elseif name:find("_test%.lua$") then
        files[#files + 1] = path
      end
    end
  end
end

local function find_files(paths)
  local files = {}
  for _, path in ipairs(paths) do
    if core.isdir(path) then
      walk(path, files)
    else
      local f, err = open(path, "r")
      if not f then error(err, 0) end
      f:close()
      files[#files + 1] = path
    end
  end
  return files
end

-- Load one file in its own global table (reads fall through to the
-- scripts' globals) and collect its tests.
local function load_tests(path)
  local env = setmetatable({}, { __index = core.user_env() })
  env._G = env
  local chunk, err = loadfile(path, core.unsafe() and "bt" or "t", env)
  if not chunk then return nil, err end
  collecting = {}
  local ok, msg = xpcall(chunk, handler)
  local tests = collecting
  collecting = nil
  if not ok then return nil, tostring(msg) end
  return tests
end

local function report(status, name, msg)
  out(format("  %-4s  %s\n", status, name))
  if msg then out("        " .. msg:gsub("\n", "\n        ") .. "\n") end
end

-- run(paths) -> passed, failed, skipped; prints per-test lines and the total.
local function run(paths)
  local passed, failed, skipped = 0, 0, 0
  local files = find_files(paths)
  for _, path in ipairs(files) do
    out(path .. "\n")
    local tests, err = load_tests(path)
    if not tests then
      report("FAIL", "(loading the file)", err)
      failed = failed + 1
    else
      for _, t in ipairs(tests) do
        local status, msg = run_one(t.fn)
        report(status, t.name, status == "skip" and ("skipped: " .. msg) or msg)
        if status == "ok" then passed = passed + 1
        elseif status == "skip" then skipped = skipped + 1
        else failed = failed + 1 end
        collectgarbage()
      end
    end
  end
  if #files == 0 then
    out("no *_test.lua files found in " .. concat(paths, ", ") .. "\n")
  end
  local summary = format("%d passed, %d failed", passed, failed)
  if skipped > 0 then summary = summary .. format(", %d skipped", skipped) end
  out(summary .. "\n")
  return passed, failed, skipped
end

return {
  test = test,
  expect = expect,
  near = near,
  skip = skip,
  run = run,
  show = show,
}
