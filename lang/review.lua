-- review.lua: the review DSL (DESIGN.md §1, §4.2): `pathway "name" {...}`,
-- `criterion "name" {element =, check =, requires =}`, the verdicts, and the
-- evaluation: criteria in declaration order (requirements first), each
-- check protected, and the coverage of the framework's five elements.
-- Exports: pathway, criterion, met, not_met, insufficient, run, reset,
--          elements (the ids, in order), declared (the criteria declared)
local error, type, pairs, ipairs, tostring, setmetatable, getmetatable, xpcall, pcall =
      error, type, pairs, ipairs, tostring, setmetatable, getmetatable, xpcall, pcall
local concat, sort = table.concat, table.sort
local getinfo = debug.getinfo
local format, rep = string.format, string.rep
local core = require "pathway.core"
_ENV = nil

-- The five elements a sponsor must show, then the cross-cutting ones.
local CORE = { "molecular_cause", "targets_root_cause", "natural_history", "target_engagement",
               "clinical_improvement" }
local CROSS = { "robust_to_chance", "consecutive_success", "post_market" }
local KNOWN = {}
for _, id in ipairs(CORE) do KNOWN[id] = true end
for _, id in ipairs(CROSS) do KNOWN[id] = true end
local ALL = concat(CORE, ", ") .. ", " .. concat(CROSS, ", ")

-- What has been declared in this engine (one review per engine).
local declared = { meta = nil, criteria = {}, by_name = {} }

---------------------------------------------------------------- verdicts

local Verdict = {}
Verdict.__index = Verdict
Verdict.__name = "pathway.verdict"
function Verdict:__tostring()
  return self.reason and format("%s: %s", self.verdict, self.reason) or self.verdict
end

local function verdict(kind, reason, evidence, fname)
  if reason ~= nil and type(reason) ~= "string" then
    error(format("%s: the reason must be a string", fname), 3)
  end
  return setmetatable({ verdict = kind, reason = reason, evidence = evidence }, Verdict)
end

local function met(evidence) return verdict("met", nil, evidence, "met") end
local function not_met(reason, evidence) return verdict("not_met", reason, evidence, "not_met") end
local function insufficient(reason, evidence) return verdict("insufficient", reason, evidence, "insufficient") end

---------------------------------------------------------------- declaring

local PATHWAY_KEYS = { therapy = true, modality = true, disease = true, gene = true, platform = true,
                       sponsor = true, description = true }

-- pathway "title" { therapy =, modality =, disease =, ... }
local function pathway(title)
  if type(title) ~= "string" or title == "" then error("pathway: the title must be a non-empty string", 2) end
  return function(spec)
    if type(spec) ~= "table" then error(format("pathway %q: expected a table { therapy = ... }", title), 2) end
    for k, v in pairs(spec) do
      if not PATHWAY_KEYS[k] then
        error(format("pathway %q: unknown field '%s' (therapy, modality, disease, gene, platform, sponsor, description)",
                     title, tostring(k)), 2)
      end
      if type(v) ~= "string" then error(format("pathway %q: %s must be a string", title, k), 2) end
    end
    if declared.meta then error(format("pathway %q: a review has one pathway (already %q)", title, declared.meta.title), 2) end
    local meta = { title = title }
    for k, v in pairs(spec) do meta[k] = v end
    declared.meta = meta
  end
end

local CRITERION_KEYS = { element = true, check = true, requires = true, description = true }

-- criterion "name" { element = "<id>", check = function(ctx) ... end, requires = {...} }
local function criterion(name)
  if type(name) ~= "string" or name == "" then error("criterion: the name must be a non-empty string", 2) end
  return function(spec)
    local where = format("criterion %q", name)
    if type(spec) ~= "table" then error(where .. ": expected a table { element = ..., check = ... }", 2) end
    for k in pairs(spec) do
      if not CRITERION_KEYS[k] then
        error(format("%s: unknown field '%s' (element, check, requires, description)", where, tostring(k)), 2)
      end
    end
    if not KNOWN[spec.element] then
      error(format("%s: unknown element %s (one of %s)", where,
                   spec.element == nil and "(none given)" or format("'%s'", tostring(spec.element)), ALL), 2)
    end
    if type(spec.check) ~= "function" then error(where .. ": check must be a function(ctx)", 2) end
    local req = spec.requires or {}
    if type(req) == "string" then req = { req } end
    if type(req) ~= "table" then error(where .. ": requires must be a list of criterion names", 2) end
    for _, r in ipairs(req) do
      if type(r) ~= "string" then error(where .. ": requires must be a list of criterion names", 2) end
    end
    local at = getinfo(2, "Sl")   -- the script line declaring it, for errors found later
    local old = declared.by_name[name]
    -- In a session (chunk "stdin") a criterion may be declared again while
    -- it is being worked on: the new one takes the old one's place.
    if old and not (at and at.short_src == "stdin" and old.source == "stdin") then
      error(where .. ": declared twice", 2)
    end
    local c = { name = name, element = spec.element, check = spec.check, requires = req,
                description = spec.description, index = old and old.index or #declared.criteria + 1,
                source = at and at.short_src,
                where = at and at.currentline > 0 and format("%s:%d: ", at.short_src, at.currentline) or "" }
    declared.criteria[c.index] = c
    declared.by_name[name] = c
  end
end

---------------------------------------------------------------- running

-- The order of evaluation: declaration order, each criterion after its
-- requirements (a stable depth-first topological order). Unknown names and
-- cycles are errors of the script.
local function order_of(criteria, by_name)
  local out, state = {}, {}
  local function visit(c, path)
    if state[c] == "done" then return end
    if state[c] == "active" then
      error(format("%scriterion %q: requirements form a cycle (%s)", c.where, c.name, concat(path, " -> ")), 0)
    end
    state[c] = "active"
    for _, r in ipairs(c.requires) do
      local dep = by_name[r]
      if not dep then error(format("%scriterion %q requires %q, which is not declared", c.where, c.name, r), 0) end
      path[#path + 1] = r
      visit(dep, path)
      path[#path] = nil
    end
    state[c] = "done"
    out[#out + 1] = c
  end
  for _, c in ipairs(criteria) do visit(c, { c.name }) end
  return out
end

-- One criterion's outcome: its verdict, or `insufficient` when a
-- requirement is not met, or `error` with the message and traceback.
local function evaluate(c, results, meta)
  for _, r in ipairs(c.requires) do
    local got = results[r]
    if got.verdict ~= "met" then
      return { verdict = "insufficient", reason = format("requires %q, which is %s", r, got.verdict) }
    end
  end
  local ctx = { criterion = c.name, element = c.element, pathway = meta, results = results }
  local ok, v = xpcall(c.check, core.msghandler, ctx)
  if not ok then
    local msg = tostring(v)
    local first = msg:match("^[^\n]*")
    return { verdict = "error", reason = first, traceback = msg }
  end
  if getmetatable(v) ~= Verdict then
    return { verdict = "error",
             reason = format("check returned %s, not met(...), not_met(...) or insufficient(...)", type(v)) }
  end
  return { verdict = v.verdict, reason = v.reason, evidence = v.evidence }
end

local function coverage(criteria, results)
  local out = {}
  for _, id in ipairs(CORE) do out[#out + 1] = { element = id, criteria = {}, core = true } end
  for _, id in ipairs(CROSS) do out[#out + 1] = { element = id, criteria = {}, core = false } end
  local at = {}
  for _, e in ipairs(out) do at[e.element] = e end
  for _, c in ipairs(criteria) do
    local e = at[c.element]
    e.criteria[#e.criteria + 1] = c.name
    local v = results[c.name].verdict
    e.status = (e.status == nil or e.status == "met") and v or e.status
  end
  for _, e in ipairs(out) do
    if #e.criteria == 0 then e.status = e.core and "not addressed" or "not used" end
  end
  return out
end

local Review = {}
Review.__index = Review
Review.__name = "pathway.review"

-- Run every declared criterion; the result (see docs/review.md).
local function run()
  local crit = declared.criteria
  local results = {}
  for _, c in ipairs(order_of(crit, declared.by_name)) do results[c.name] = evaluate(c, results, declared.meta) end
  local counts = { met = 0, not_met = 0, insufficient = 0, error = 0 }
  local list = {}
  for i, c in ipairs(crit) do
    local r = results[c.name]
    counts[r.verdict] = counts[r.verdict] + 1
    list[i] = { name = c.name, element = c.element, requires = c.requires, description = c.description,
                verdict = r.verdict, reason = r.reason, evidence = r.evidence, traceback = r.traceback }
  end
  local cov = coverage(crit, results)
  local gaps = 0
  for _, e in ipairs(cov) do if e.status == "not addressed" then gaps = gaps + 1 end end
  local passed = gaps == 0 and #crit > 0 and counts.met == #crit
  return setmetatable({ pathway = declared.meta, criteria = list, coverage = cov, counts = counts,
                        not_addressed = gaps, passed = passed }, Review)
end

-- The declared criteria, in order: {name, element, requires, description,
-- check} (for the pre-specification lock).
local function declared_criteria() return declared.criteria end

-- Forget what was declared (for tests and the REPL's .review).
local function reset() declared = { meta = nil, criteria = {}, by_name = {} } end

---------------------------------------------------------------- text

local LABEL = { met = "met", not_met = "not met", insufficient = "insufficient", error = "error" }

-- A short rendering of one piece of evidence.
local function show(v, depth)
  local t = type(v)
  if t == "string" then return v end
  if t == "number" or t == "boolean" or t == "nil" then return tostring(v) end
  if t == "userdata" then
    local ok, n = pcall(function() return v:nrow() end)
    if ok then return format("frame %d rows x %d columns", n, v:ncol()) end
  end
  local mt = getmetatable(v)
  if mt and mt.__tostring then return tostring(v) end
  if t ~= "table" or (depth or 0) >= 2 then return "{...}" end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = format("%s = %s", tostring(k), show(v[k], (depth or 0) + 1)) end
  return "{" .. concat(parts, ", ") .. "}"
end

function Review:summary_line()
  local c = self.counts
  return format("%d met, %d not met, %d insufficient, %d error; %d element%s not addressed", c.met,
                c.not_met, c.insufficient, c.error, self.not_addressed, self.not_addressed == 1 and "" or "s")
end

function Review:text()
  local lines = {}
  local m = self.pathway
  lines[#lines + 1] = m and m.title or "(no pathway declared)"
  for _, k in ipairs({ "therapy", "modality", "disease", "gene", "platform", "sponsor" }) do
    if m and m[k] then lines[#lines + 1] = format("  %s: %s", k, m[k]) end
  end
  lines[#lines + 1] = ""
  for _, c in ipairs(self.criteria) do
    local label = "[" .. LABEL[c.verdict] .. "]"
    lines[#lines + 1] = format("%-15s%s  (%s)", label, c.name, c.element)
    if c.reason then lines[#lines + 1] = rep(" ", 15) .. c.reason end
    if c.evidence ~= nil then lines[#lines + 1] = rep(" ", 15) .. "evidence: " .. show(c.evidence) end
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "Elements:"
  for _, e in ipairs(self.coverage) do
    if e.core or #e.criteria > 0 then
      local n = #e.criteria
      lines[#lines + 1] = format("  %-22s %s", e.element, n == 0 and e.status
                                 or format("%d criteri%s, %s", n, n == 1 and "on" or "a", LABEL[e.status] or e.status))
    end
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = self:summary_line()
  return concat(lines, "\n") .. "\n"
end

Review.__tostring = Review.text

local elements = {}
for i, id in ipairs(CORE) do elements[i] = id end
for _, id in ipairs(CROSS) do elements[#elements + 1] = id end

return { pathway = pathway, criterion = criterion, met = met, not_met = not_met,
         insufficient = insufficient, run = run, reset = reset, elements = elements,
         declared = declared_criteria }
