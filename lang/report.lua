-- report.lua: the review report (docs/report-schema.md). Runs the declared
-- criteria, assembles the one document every format renders (verdicts,
-- evidence, coverage, pre-specification, provenance), and renders it as
-- text, Markdown, JSON or HTML. Called by the engine for `pathway review`
-- and pw_review, and by `pathway lock`.
-- Exports: document(opts) -> doc, render(doc, format [, opts]) -> string,
--          json(doc) -> string, evidence_json(criterion) -> string,
--          lock(opts) -> text, n, lock_path(script)
local type, ipairs, pairs, error, require, format = type, ipairs, pairs, error, require, string.format
local date = os.date
local json = require "json"
local hash = require "pathway.hash"
local core = require "pathway.core"
local review = require "pathway.review"
local evidence = require "pathway.report_evidence"
local prespec = require "pathway.report_lock"
_ENV = nil

local SCHEMA = "pathway-review/1"

local function utc(time) return date("!%Y-%m-%dT%H:%M:%SZ", time) end

local function provenance(opts)
  local inputs = {}
  for i, f in ipairs(core.inputs()) do
    local sha, err = hash.sha256_file(f.path)
    if not sha then error(err, 0) end
    inputs[i] = { path = f.path, sha256 = sha, rows = f.rows, columns = f.columns }
  end
  local script = nil
  if opts.script then
    local sha, err = hash.sha256_file(opts.script)
    if not sha then error(err, 0) end
    script = { path = opts.script, sha256 = sha }
  end
  return { pathway_version = opts.version, lua_version = opts.lua_version, script = script,
           inputs = inputs, seed = opts.seed, time = utc(opts.time), command = opts.command }
end

local function criteria_of(result)
  local out = {}
  for i, c in ipairs(result.criteria) do
    out[i] = { index = i, name = c.name, element = c.element, description = c.description,
               requires = c.requires, verdict = c.verdict, reason = c.reason, traceback = c.traceback,
               evidence = evidence.items(c.evidence) }
  end
  return out
end

local function pathway_of(meta)
  if not meta then return nil end
  local out = {}
  for k, v in pairs(meta) do out[k] = v end
  return out
end

-- Run the declared criteria and assemble the document. opts: script (path
-- or nil), command, time (seconds since the epoch), seed, version,
-- lua_version.
local function document(opts)
  local result = review.run()
  local c = result.counts
  local pre
  if opts.script then
    pre = prespec.check({ script = opts.script, criteria = review.declared() })
  else
    pre = { status = "unlocked", added = {}, removed = {}, changed = {},
            line = "pre-specified: no lock file (the review has no script file)" }
  end
  return {
    schema = SCHEMA,
    title = result.pathway and result.pathway.title or "(no pathway declared)",
    pathway = pathway_of(result.pathway),
    passed = result.passed,
    summary = { met = c.met, not_met = c.not_met, insufficient = c.insufficient, error = c.error,
                not_addressed = result.not_addressed, line = result:summary_line() },
    criteria = criteria_of(result),
    coverage = result.coverage,
    prespecified = pre,
    provenance = provenance(opts),
  }
end

---------------------------------------------------------------- JSON

local null, array, object = json.null, json.array, json.object

local function or_null(v) if v == nil then return null end return v end

-- Copy an evidence item with JSON's nulls and array markers in place.
local function item_json(it)
  local out = {}
  for k, v in pairs(it) do out[k] = v end
  out.label = or_null(it.label)
  if it.kind == "number" then out.value = or_null(it.value) end
  if it.kind == "list" then out.value = array(it.value) end
  if it.kind == "table" then
    local items = {}
    for i, sub in ipairs(it.items) do items[i] = item_json(sub) end
    out.items = array(items)
  elseif it.kind == "frame" then
    out.columns = array(it.columns)
    local rows = {}
    for i, r in ipairs(it.rows) do
      local cells = {}
      for j = 1, it.ncol do cells[j] = or_null(r[j]) end
      rows[i] = array(cells)
    end
    out.rows = array(rows)
  elseif it.kind == "result" then
    out.method, out.figure, out.values = or_null(it.method), or_null(it.figure), object(it.values)
  end
  return out
end

local function criterion_json(c)
  local items = {}
  for i, it in ipairs(c.evidence) do items[i] = item_json(it) end
  return { index = c.index, name = c.name, element = c.element, description = or_null(c.description),
           requires = array(c.requires), verdict = c.verdict, reason = or_null(c.reason),
           traceback = or_null(c.traceback), evidence = array(items) }
end

-- One criterion's evidence items as a JSON array (pw_criterion).
local function evidence_json(c)
  local items = {}
  for i, it in ipairs(c.evidence) do items[i] = item_json(it) end
  return json.encode(array(items))
end

-- The document as JSON text (sorted keys, two-space indent, final newline).
local function to_json(doc)
  local crit, cov, inputs = {}, {}, {}
  for i, c in ipairs(doc.criteria) do crit[i] = criterion_json(c) end
  for i, e in ipairs(doc.coverage) do
    cov[i] = { element = e.element, core = e.core, criteria = array(e.criteria), status = e.status }
  end
  local p = doc.provenance
  for i, f in ipairs(p.inputs) do
    inputs[i] = { path = f.path, sha256 = f.sha256, rows = or_null(f.rows), columns = or_null(f.columns) }
  end
  local pre = doc.prespecified
  local out = {
    schema = doc.schema, title = doc.title, pathway = or_null(doc.pathway), passed = doc.passed,
    summary = doc.summary, criteria = array(crit), coverage = array(cov),
    prespecified = { status = pre.status, lock = or_null(pre.lock), locked_at = or_null(pre.locked_at),
                     added = array(pre.added), removed = array(pre.removed), changed = array(pre.changed),
                     line = pre.line },
    provenance = { pathway_version = p.pathway_version, lua_version = p.lua_version,
                   script = or_null(p.script), inputs = array(inputs), seed = p.seed, time = p.time,
                   command = p.command },
  }
  return json.encode(out, { indent = true }) .. "\n"
end

---------------------------------------------------------------- rendering

-- The renderers load when first used: a text report needs no HTML code.
local RENDER = {
  text = function(doc, opts) return require("pathway.report_text").render(doc, opts) end,
  md = function(doc) return require("pathway.report_md").render(doc) end,
  json = to_json,
  html = function(doc) return require("pathway.report_html").render(doc) end,
}

-- A document read back from JSON: its nulls (json.null) become nils, as in
-- the document report.document builds.
local function without_nulls(v)
  if v == null then return nil end
  if type(v) ~= "table" then return v end
  local out = {}
  for k, x in pairs(v) do out[k] = without_nulls(x) end
  return out
end

-- render(doc, "text"|"md"|"json"|"html" [, {color = bool}]) -> string
local function render(doc, fmt, opts)
  if type(doc) ~= "table" then error("report.render: the document must be a table", 2) end
  doc = without_nulls(doc)
  local f = RENDER[fmt]
  if not f then error(format("unknown report format '%s' (text, md, json, html)", type(fmt) == "string" and fmt or type(fmt)), 2) end
  return f(doc, opts or {})
end

-- The lock file for opts = {script, version, time}: its text and the
-- number of criteria.
local function lock(opts)
  return prespec.lock({ script = opts.script, criteria = review.declared(), version = opts.version,
                        time = utc(opts.time) })
end

return { document = document, render = render, json = to_json, evidence_json = evidence_json, lock = lock,
         lock_path = prespec.lock_path }
