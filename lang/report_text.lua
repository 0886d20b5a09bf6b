-- report_text.lua: the review report for the terminal. Plain text, one
-- criterion per block with its evidence one item per line, the elements,
-- the provenance, and the summary line last (so `tail -1` is the verdict).
-- Colour (ANSI) only when asked, which the CLI does on a TTY.
-- Exports: render(doc [, {color = bool}]) -> string,
--          label(verdict) -> word, painter(color) -> paint(key, s): the one
--          wording and colouring of verdicts (the REPL uses them too)
local ipairs, format, rep = ipairs, string.format, string.rep
local concat = table.concat
_ENV = nil

local LABEL = { met = "met", not_met = "not met", insufficient = "insufficient", error = "error",
                ["not addressed"] = "not addressed", ["not used"] = "not used" }
local COLOR = { met = "32", not_met = "31", insufficient = "33", error = "1;31", ["not addressed"] = "1;31",
                yes = "32", no = "1;31", unlocked = "33" }
local PATHWAY_FIELDS = { "therapy", "modality", "disease", "gene", "platform", "sponsor", "description" }
local INDENT = rep(" ", 15)

local function painter(color)
  if not color then return function(_, s) return s end end
  return function(key, s)
    local c = COLOR[key]
    return c and format("\27[%sm%s\27[0m", c, s) or s
  end
end

-- Evidence items, nested tables indented under their label.
local function evidence_lines(lines, items, indent)
  for _, it in ipairs(items) do
    local head = it.label and (it.label .. ": ") or ""
    if it.kind == "table" and #it.items > 0 then
      lines[#lines + 1] = indent .. (it.label or "-") .. ":"
      evidence_lines(lines, it.items, indent .. "  ")
    else
      lines[#lines + 1] = indent .. head .. it.text
      if it.kind == "result" and it.figure then lines[#lines + 1] = indent .. "  (figure in the HTML report)" end
    end
  end
end

local function header(lines, doc, paint)
  lines[#lines + 1] = doc.title
  for _, k in ipairs(PATHWAY_FIELDS) do
    local v = doc.pathway and doc.pathway[k]
    if v then lines[#lines + 1] = format("  %s: %s", k, v) end
  end
  lines[#lines + 1] = paint(doc.prespecified.status, doc.prespecified.line)
  lines[#lines + 1] = ""
end

local function criteria(lines, doc, paint)
  for _, c in ipairs(doc.criteria) do
    local label = "[" .. LABEL[c.verdict] .. "]"
    lines[#lines + 1] = paint(c.verdict, label) .. rep(" ", 15 - #label) .. format("%s  (%s)", c.name, c.element)
    if c.reason then lines[#lines + 1] = INDENT .. c.reason end
    if #c.evidence > 0 then evidence_lines(lines, c.evidence, INDENT) end
    if c.traceback and c.traceback ~= c.reason then
      for l in (c.traceback .. "\n"):gmatch("([^\n]*)\n") do
        if l ~= c.reason then lines[#lines + 1] = INDENT .. "| " .. l end
      end
    end
  end
  lines[#lines + 1] = ""
end

local function coverage(lines, doc, paint)
  lines[#lines + 1] = "Elements:"
  for _, e in ipairs(doc.coverage) do
    local n = #e.criteria
    if e.core or n > 0 then
      local status = paint(e.status, LABEL[e.status] or e.status)
      lines[#lines + 1] = format("  %-22s %s", e.element, n == 0 and status
                                 or format("%d criteri%s, %s", n, n == 1 and "on" or "a", status))
    end
  end
  lines[#lines + 1] = ""
end

local function provenance(lines, doc)
  local p = doc.provenance
  lines[#lines + 1] = "Provenance:"
  lines[#lines + 1] = format("  pathway %s (%s), seed %d, %s", p.pathway_version, p.lua_version, p.seed, p.time)
  if p.script then lines[#lines + 1] = format("  script  %s  sha256:%s", p.script.path, p.script.sha256) end
  for _, f in ipairs(p.inputs) do
    local shape = f.rows and format("  %d x %d", f.rows, f.columns) or ""
    lines[#lines + 1] = format("  input   %s%s  sha256:%s", f.path, shape, f.sha256)
  end
  lines[#lines + 1] = "  command " .. p.command
  lines[#lines + 1] = ""
end

local function render(doc, opts)
  local paint = painter(opts and opts.color)
  local lines = {}
  header(lines, doc, paint)
  criteria(lines, doc, paint)
  coverage(lines, doc, paint)
  provenance(lines, doc)
  lines[#lines + 1] = doc.summary.line
  return concat(lines, "\n") .. "\n"
end

local function label(verdict) return LABEL[verdict] or verdict end

return { render = render, label = label, painter = painter }
