-- report_md.lua: the review report document (docs/report-schema.md,
-- "pathway-review/1") as GitHub-flavoured Markdown. A pure function of the
-- document: no files, no clock, no randomness, so equal documents give equal
-- bytes. Figures are only noted (Markdown viewers do not show inline SVG
-- reliably); the HTML rendering embeds them.
-- Exports: render(doc) -> string
local type, ipairs, tostring, error = type, ipairs, tostring, error
local concat = table.concat
local format, gsub, rep, find = string.format, string.gsub, string.rep, string.find
local max = math.max
local tables = require "pathway.tables"
_ENV = nil

local LABEL = { met = "met", not_met = "not met", insufficient = "insufficient", error = "error" }
local PATHWAY_FIELDS = { "therapy", "modality", "disease", "gene", "platform", "sponsor", "description" }

local get, list = tables.field, tables.list

---------------------------------------------------------------- escaping

-- Inline text: every character Markdown could read as syntax is escaped with
-- a backslash (GFM allows it before any ASCII punctuation), so a name such as
-- `<b>*x*</b>` shows as written and never as HTML or emphasis.
local function inline(s)
  s = gsub(tostring(s), "[\\`*_%[%]<>|~&]", "\\%0")
  s = gsub(s, "\r\n?", "\n")
  return s
end

-- A table cell: inline text on one line (a newline becomes <br>).
local function cell(s)
  return (gsub(inline(s), "\n", "<br>"))
end

-- A paragraph: inline text whose lines cannot start a list, heading, quote
-- or rule; lines keep their breaks.
local function para(s)
  local lines = {}
  for line in (inline(s) .. "\n"):gmatch("([^\n]*)\n") do
    line = gsub(line, "^(%s*)([-=+#])", "%1\\%2")
    line = gsub(line, "^(%s*%d+)([.)])", "%1\\%2")
    lines[#lines + 1] = line
  end
  return concat(lines, "  \n")
end

-- A code span that survives any backticks in the text.
local function code(s)
  s = gsub(gsub(tostring(s), "[\r\n]+", " "), "|", "\\|")
  local longest = 0
  for run in s:gmatch("`+") do longest = max(longest, #run) end
  local fence = rep("`", longest + 1)
  local pad = (find(s, "^`") or find(s, "`$")) and " " or ""
  return fence .. pad .. s .. pad .. fence
end

-- A fenced code block whose fence is longer than any backtick run inside.
local function block(s, info)
  s = gsub(tostring(s), "\r\n?", "\n")
  local longest = 2
  for run in s:gmatch("`+") do longest = max(longest, #run) end
  local fence = rep("`", longest + 1)
  if not find(s, "\n$") then s = s .. "\n" end
  return fence .. (info or "") .. "\n" .. s .. fence
end

local function table_md(out, header, align, rows)
  local cells = {}
  for i, h in ipairs(header) do cells[i] = cell(h) end
  out[#out + 1] = "| " .. concat(cells, " | ") .. " |"
  out[#out + 1] = "| " .. concat(align, " | ") .. " |"
  for _, r in ipairs(rows) do out[#out + 1] = "| " .. concat(r, " | ") .. " |" end
  out[#out + 1] = ""
end

---------------------------------------------------------------- evidence

local render_items

local function frame_md(out, item)
  local cols, header, align = list(get(item, "columns")), {}, {}
  for i, c in ipairs(cols) do
    header[i] = format("%s (%s)", tostring(get(c, "name") or ""), tostring(get(c, "type") or "?"))
    align[i] = "---"
  end
  if #cols == 0 then return end
  local rows = {}
  for r, row in ipairs(list(get(item, "rows"))) do
    local cells = {}
    for i = 1, #cols do
      local v = get(row, i)
      cells[i] = v == nil and "*NA*" or cell(v)
    end
    rows[r] = cells
  end
  table_md(out, header, align, rows)
  local nrow = get(item, "nrow")
  if get(item, "truncated") and type(nrow) == "number" then
    out[#out + 1] = format("… %d more rows", nrow - #rows)
    out[#out + 1] = ""
  end
end

-- The heading line of an item: its label (if any) and its one-line text.
local function item_line(item)
  local label, text = get(item, "label"), get(item, "text") or ""
  if label then return format("**%s:** %s", inline(label), inline(text)) end
  return inline(text)
end

-- A block item (frame, result, figure): its line as a paragraph, then the
-- block (nested in a table item, only its line is shown).
local function block_item(out, item, kind)
  out[#out + 1] = item_line(item)
  out[#out + 1] = ""
  if kind == "frame" then
    frame_md(out, item)
  elseif kind == "result" then
    local method = get(item, "method")
    if method then out[#out + 1] = "method: " .. inline(method); out[#out + 1] = "" end
    local summary = get(item, "summary")
    if summary then out[#out + 1] = block(summary, "text"); out[#out + 1] = "" end
    if get(item, "figure") then out[#out + 1] = "*figure: see the HTML report*"; out[#out + 1] = "" end
  else
    out[#out + 1] = "*figure: see the HTML report*"
    out[#out + 1] = ""
  end
end

local BLOCK = { frame = true, result = true, figure = true }

-- Items in order: simple ones as list items (a table's items nested below
-- it), block ones as paragraphs with their block.
function render_items(out, items, depth)
  local pad = rep("  ", depth)
  local open = false
  for _, item in ipairs(items) do
    local kind = get(item, "kind")
    if BLOCK[kind] and depth == 0 then
      if open then out[#out + 1] = ""; open = false end
      block_item(out, item, kind)
    else
      local line = item_line(item)
      if BLOCK[kind] then line = line .. " *(" .. kind .. ": see the HTML report)*" end
      out[#out + 1] = pad .. "- " .. line
      open = true
      if kind == "table" then render_items(out, list(get(item, "items")), depth + 1) end
    end
  end
  if open and depth == 0 then out[#out + 1] = "" end
end

---------------------------------------------------------------- sections

local function header_md(out, doc)
  out[#out + 1] = "# " .. inline(get(doc, "title") or "(no pathway declared)")
  out[#out + 1] = ""
  local p, rows = get(doc, "pathway"), {}
  for _, k in ipairs(PATHWAY_FIELDS) do
    local v = get(p, k)
    if v then rows[#rows + 1] = { k, cell(v) } end
  end
  if #rows > 0 then table_md(out, { "field", "value" }, { "---", "---" }, rows) end
  local pre = get(doc, "prespecified")
  out[#out + 1] = "> **" .. inline(get(pre, "line") or "pre-specified: unknown") .. "**"
  for _, k in ipairs({ "added", "removed", "changed" }) do
    local names = list(get(pre, k))
    if #names > 0 then
      local shown = {}
      for i, n in ipairs(names) do shown[i] = inline(n) end
      out[#out + 1] = ">"
      out[#out + 1] = format("> criteria %s since the lock: %s", k, concat(shown, ", "))
    end
  end
  out[#out + 1] = ""
  local passed = get(doc, "passed")
  out[#out + 1] = format("**Summary:** %s — %s", inline(get(get(doc, "summary"), "line") or ""),
                         passed and "**passed**" or "**not passed**")
  out[#out + 1] = ""
end

local function criteria_table(out, criteria)
  out[#out + 1] = "## Criteria"
  out[#out + 1] = ""
  local rows = {}
  for i, c in ipairs(criteria) do
    local v = get(c, "verdict")
    rows[i] = { tostring(get(c, "index") or i), cell(get(c, "name") or ""), code(get(c, "element") or ""),
                "**" .. cell(LABEL[v] or v or "?") .. "**" }
  end
  table_md(out, { "#", "criterion", "element", "verdict" }, { "---:", "---", "---", "---" }, rows)
end

local function criterion_md(out, c, i)
  local v = get(c, "verdict")
  out[#out + 1] = format("### %d. %s", get(c, "index") or i, inline(get(c, "name") or ""))
  out[#out + 1] = ""
  out[#out + 1] = format("**Verdict:** %s · **Element:** %s", inline(LABEL[v] or v or "?"),
                         code(get(c, "element") or ""))
  out[#out + 1] = ""
  local reason = get(c, "reason")
  if reason then out[#out + 1] = "**Reason:** " .. para(reason); out[#out + 1] = "" end
  local desc = get(c, "description")
  if desc then out[#out + 1] = para(desc); out[#out + 1] = "" end
  local req = list(get(c, "requires"))
  if #req > 0 then
    local shown = {}
    for k, r in ipairs(req) do shown[k] = inline(r) end
    out[#out + 1] = "**Requires:** " .. concat(shown, ", ")
    out[#out + 1] = ""
  end
  local tb = get(c, "traceback")
  if tb then out[#out + 1] = block(tb, "text"); out[#out + 1] = "" end
  local items = list(get(c, "evidence"))
  if #items > 0 then
    out[#out + 1] = "**Evidence**"
    out[#out + 1] = ""
    render_items(out, items, 0)
  end
end

local function coverage_md(out, coverage)
  out[#out + 1] = "## Elements"
  out[#out + 1] = ""
  local rows = {}
  for i, e in ipairs(coverage) do
    local names = {}
    for k, n in ipairs(list(get(e, "criteria"))) do names[k] = cell(n) end
    local status = get(e, "status") or ""
    local shown = cell(LABEL[status] or status)
    if status == "not addressed" then shown = "**⚠ " .. shown .. "**" end
    rows[i] = { code(get(e, "element") or "") .. (get(e, "core") and " (core)" or ""),
                #names > 0 and concat(names, "; ") or "—", shown }
  end
  table_md(out, { "element", "criteria", "status" }, { "---", "---", "---" }, rows)
end

local function provenance_md(out, p)
  out[#out + 1] = "## Provenance"
  out[#out + 1] = ""
  local script = get(p, "script")
  local rows = {}
  local function add(k, v, as_code)
    if v ~= nil then rows[#rows + 1] = { k, as_code and code(v) or cell(v) } end
  end
  add("pathway version", get(p, "pathway_version"))
  add("Lua version", get(p, "lua_version"))
  add("script", get(script, "path"), true)
  add("script sha256", get(script, "sha256"), true)
  add("seed", get(p, "seed"))
  add("time", get(p, "time"))
  add("command", get(p, "command"), true)
  table_md(out, { "field", "value" }, { "---", "---" }, rows)
  local inputs = list(get(p, "inputs"))
  if #inputs > 0 then
    rows = {}
    for i, f in ipairs(inputs) do
      rows[i] = { code(get(f, "path") or ""), code(get(f, "sha256") or ""), cell(get(f, "rows") or ""),
                  cell(get(f, "columns") or "") }
    end
    out[#out + 1] = "Inputs:"
    out[#out + 1] = ""
    table_md(out, { "path", "sha256", "rows", "columns" }, { "---", "---", "---:", "---:" }, rows)
  end
end

-- render(doc) -> the Markdown text of a report document.
local function render(doc)
  if type(doc) ~= "table" then error("report_md.render: expected a report document (table)", 2) end
  local out = {}
  header_md(out, doc)
  local criteria = list(get(doc, "criteria"))
  criteria_table(out, criteria)
  for i, c in ipairs(criteria) do criterion_md(out, c, i) end
  coverage_md(out, list(get(doc, "coverage")))
  provenance_md(out, get(doc, "provenance"))
  while out[#out] == "" do out[#out] = nil end
  return concat(out, "\n") .. "\n"
end

return { render = render }
