-- report_lock.lua: pre-specification. `pathway lock FILE.lua` records the
-- script's SHA-256 and a fingerprint of every criterion in FILE.lock;
-- `pathway review` compares the script with its lock and says whether the
-- review is the one planned before the data were seen (docs/review.md).
-- Exports: lock_path(script), fingerprints(criteria), lock(spec) -> text,
--          check(spec) -> the report's `prespecified` table
local type, ipairs, tostring, pcall, error, math_type =
      type, ipairs, tostring, pcall, error, math.type
local open = io.open
local getinfo, getupvalue = debug.getinfo, debug.getupvalue
local concat = table.concat
local format = string.format
local json = require "json"
local hash = require "pathway.hash"
_ENV = nil

local SCHEMA = "pathway-lock/1"

-- FILE.lua -> FILE.lock (any other name gets ".lock" appended).
local function lock_path(script)
  local base = script:match("^(.*)%.lua$")
  return (base or script) .. ".lock"
end

-- The lines of every source file a check comes from, read once.
local function source_lines(cache, source)
  local path = source:match("^@(.*)$")
  if not path then return nil end
  if cache[path] == nil then
    local lines, f = {}, open(path, "rb")
    if f then
      for line in f:lines() do lines[#lines + 1] = line end
      f:close()
    end
    cache[path] = lines
  end
  return cache[path]
end

-- What a check is: its source text and the scalar values it closes over
-- (pre-specified thresholds are usually upvalues: `local MIN_EDIT = 0.3`).
local function check_text(cache, fn)
  local info = getinfo(fn, "S")
  local parts = {}
  local lines = info and source_lines(cache, info.source)
  if lines and info.linedefined > 0 then
    for i = info.linedefined, info.lastlinedefined do parts[#parts + 1] = lines[i] or "" end
  end
  local i = 1
  while true do
    local name, v = getupvalue(fn, i)
    if name == nil then break end
    local t = type(v)
    if t == "number" then
      parts[#parts + 1] = format("%s=%s", name, math_type(v) == "integer" and tostring(v) or format("%.17g", v))
    elseif t == "string" or t == "boolean" then
      parts[#parts + 1] = format("%s=%s", name, tostring(v))
    end
    i = i + 1
  end
  return concat(parts, "\n")
end

-- One fingerprint per criterion: SHA-256 of its element, requirements,
-- description and check.
local function fingerprints(criteria)
  local cache, out = {}, {}
  for i, c in ipairs(criteria) do
    local text = concat({ c.element, concat(c.requires, "\31"), c.description or "", check_text(cache, c.check) },
                        "\30")
    out[i] = { name = c.name, element = c.element, requires = c.requires, sha256 = hash.sha256(text) }
  end
  return out
end

local function script_sha(path)
  local sha, err = hash.sha256_file(path)
  if not sha then error(err, 0) end
  return sha
end

-- The lock file's text: {schema, script {path, sha256}, pathway_version,
-- locked_at, criteria [{name, element, requires, sha256}]}.
local function lock(spec)
  local crit = fingerprints(spec.criteria)
  for _, c in ipairs(crit) do c.requires = json.array(c.requires) end
  return json.encode({ schema = SCHEMA, script = { path = spec.script, sha256 = script_sha(spec.script) },
                       pathway_version = spec.version, locked_at = spec.time,
                       criteria = json.array(crit) }, { indent = true }) .. "\n", #crit
end

local function read_lock(path)
  local f = open(path, "rb")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  local ok, doc = pcall(json.decode, text)
  if not ok or type(doc) ~= "table" or doc.schema ~= SCHEMA or type(doc.criteria) ~= "table"
     or type(doc.script) ~= "table" or type(doc.script.sha256) ~= "string" then
    error(format("%s: not a pathway lock file (expected \"schema\": \"%s\"; run pathway lock again)", path, SCHEMA), 0)
  end
  return doc
end

-- Compare the declared criteria with the lock: which were added, removed
-- or changed (in declaration order, removed ones in the lock's order).
local function diff(locked, now)
  local before, after = {}, {}
  for _, c in ipairs(locked) do before[c.name] = c.sha256 end
  for _, c in ipairs(now) do after[c.name] = c.sha256 end
  local added, removed, changed = {}, {}, {}
  for _, c in ipairs(now) do
    if before[c.name] == nil then added[#added + 1] = c.name
    elseif before[c.name] ~= c.sha256 then changed[#changed + 1] = c.name end
  end
  for _, c in ipairs(locked) do
    if after[c.name] == nil then removed[#removed + 1] = c.name end
  end
  return added, removed, changed
end

local function listing(added, removed, changed)
  local parts = {}
  if #changed > 0 then parts[#parts + 1] = "changed: " .. concat(changed, "; ") end
  if #added > 0 then parts[#parts + 1] = "added: " .. concat(added, "; ") end
  if #removed > 0 then parts[#parts + 1] = "removed: " .. concat(removed, "; ") end
  if #parts == 0 then return " (no criterion changed)" end
  return " (" .. concat(parts, "; ") .. ")"
end

-- The `prespecified` table of the report for spec = {script, criteria}.
local function check(spec)
  local path = lock_path(spec.script)
  local locked = read_lock(path)
  if not locked then
    return { status = "unlocked", lock = nil, added = {}, removed = {}, changed = {},
             line = format("pre-specified: no lock file (run: pathway lock %s)", spec.script) }
  end
  local at = type(locked.locked_at) == "string" and locked.locked_at or nil
  local now = fingerprints(spec.criteria)
  local added, removed, changed = diff(locked.criteria, now)
  if locked.script.sha256 == script_sha(spec.script) then
    return { status = "yes", lock = path, locked_at = at, added = {}, removed = {}, changed = {},
             line = format("pre-specified: yes (locked %s)", at or "at an unknown time") }
  end
  return { status = "no", lock = path, locked_at = at, added = added, removed = removed, changed = changed,
           line = "pre-specified: NO \u{2014} script changed after lock" .. listing(added, removed, changed) }
end

return { lock_path = lock_path, fingerprints = fingerprints, lock = lock, check = check }
