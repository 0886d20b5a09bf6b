-- report_html.lua: the review report document (docs/report-schema.md,
-- "pathway-review/1") as one self-contained HTML5 file: inline style only,
-- no script, no external resource, figures embedded as inline SVG. A pure
-- function of the document (no files, no clock, no randomness).
-- Structure (stable, for tests and for styling):
--   header#report-header > h1, table.pathway, p.prespecified.(yes|no|unlocked),
--     p#summary.summary.(passed|failed)
--   section#criteria > table.criteria > tr#criteria-row-N (a to #criterion-N)
--   section#criterion-N.criterion.verdict-V > h3 > span.verdict.V; p.reason,
--     p.description, p.requires, pre.traceback, div.evidence > ul.items > li.item.KIND,
--     div.item.frame > table.frame (p.more), div.item.result > pre.summary,
--     figure.figure > svg + figcaption
--   section#coverage > table.coverage > tr#element-ID.element(.core)(.not-addressed)
--   section#provenance > table.provenance, table.inputs
-- Exports: render(doc) -> string
local type, ipairs, tostring, error = type, ipairs, tostring, error
local concat = table.concat
local format, gsub, sub, lower, find = string.format, string.gsub, string.sub, string.lower, string.find
local tables = require "pathway.tables"
_ENV = nil

local LABEL = { met = "met", not_met = "not met", insufficient = "insufficient", error = "error" }
local VERDICT_CLASS = { met = "met", not_met = "not_met", insufficient = "insufficient", error = "error" }
local PATHWAY_FIELDS = { "therapy", "modality", "disease", "gene", "platform", "sponsor", "description" }
local PRESPEC_CLASS = { yes = "yes", no = "no", unlocked = "unlocked" }

-- Screen and print. Badges carry their word as well as their colour; the
-- print rules keep a figure or a frame on one page and print the colours.
local STYLE = [[
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45;color:#1f2328;
max-width:62rem;margin:0 auto;padding:1.5rem;background:#fff}
h1{font-size:1.7rem;margin:.2rem 0 .8rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
h3{margin:1.6rem 0 .5rem}
table{border-collapse:collapse;margin:.6rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .55rem;
text-align:left;vertical-align:top}th{background:#f6f8fa}td.num{text-align:right}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
.verdict,.status{display:inline-block;padding:.05rem .5rem;border-radius:.8rem;font-size:.85em;font-weight:600;
color:#fff;background:#57606a}
.verdict.met,.status.met{background:#1a7f37}.verdict.not_met,.status.not_met{background:#cf222e}
.verdict.insufficient,.status.insufficient{background:#bf8700;color:#1f2328}
.verdict.error,.status.error{background:#82071e}
.status.not-used{background:#eaeef2;color:#57606a}
tr.not-addressed td{background:#fff1e5}.status.not-addressed{background:#bc4c00}
.prespecified{font-weight:600;padding:.5rem .8rem;border-left:.3rem solid #57606a;background:#f6f8fa}
.prespecified.yes{border-color:#1a7f37}.prespecified.no{border-color:#cf222e;background:#ffebe9}
.prespecified.unlocked{border-color:#bf8700;background:#fff8c5}
.summary{font-size:1.1rem;font-weight:600}
.criterion{border-top:1px solid #d0d7de}
.label{font-weight:600}.na{color:#8c959f;font-style:italic}.more{color:#57606a;font-style:italic}
figure.figure{margin:1rem 0;break-inside:avoid;page-break-inside:avoid}
figure.figure svg{max-width:100%;height:auto;display:block}
figcaption{color:#57606a;font-size:.9em;margin-top:.3rem}
@media print{body{max-width:none;padding:0;font-size:10.5pt}a{color:inherit;text-decoration:none}
figure.figure,table.frame,pre,.criterion h3{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
]]

local get, list = tables.field, tables.list

local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

local function esc(s) return (gsub(tostring(s), "[&<>\"']", ESC)) end

-- A class or id token from free text: letters, digits, '-' and '_' only.
local function token(s) return (gsub(tostring(s), "[^%w_-]", "-")) end

-- An SVG from plot.lua is embedded as is; anything else is shown as text,
-- so a string that merely claims to be a figure cannot inject markup.
-- Evidence comes from scripts, which are code from other people (DESIGN.md
-- §7): an SVG is embedded as markup only when it holds nothing that can run
-- or fetch (lang/plot.lua's charts never do); anything else shows as text.
local UNSAFE_SVG = { "<script", "<foreignobject", "<iframe", "<style", "<image", "<use", "<a",
                     "href", "javascript:", "<!", "<?", "url(" }

local function safe_svg(svg)
  if type(svg) ~= "string" or sub(svg, 1, 4) ~= "<svg" then return false end
  local low = lower(svg)
  for _, bad in ipairs(UNSAFE_SVG) do
    if find(low, bad, 1, true) then return false end
  end
  return not find(low, "[%s/\"']on%a+%s*=")
end

local function svg_or_text(svg)
  if safe_svg(svg) then return svg end
  return '<pre class="svg-text">' .. esc(svg) .. "</pre>"
end

local function figure(out, svg, caption)
  out[#out + 1] = '<figure class="figure">'
  out[#out + 1] = svg_or_text(svg)
  out[#out + 1] = "<figcaption>" .. esc(caption) .. "</figcaption>"
  out[#out + 1] = "</figure>"
end

---------------------------------------------------------------- evidence

local function frame_html(out, item)
  local cols = list(get(item, "columns"))
  out[#out + 1] = '<table class="frame">'
  local head = {}
  for i, c in ipairs(cols) do
    head[i] = format('<th>%s<br><span class="type">%s</span></th>', esc(get(c, "name") or ""),
                     esc(get(c, "type") or "?"))
  end
  out[#out + 1] = "<thead><tr>" .. concat(head) .. "</tr></thead>"
  out[#out + 1] = "<tbody>"
  local rows = list(get(item, "rows"))
  for _, row in ipairs(rows) do
    local cells = {}
    for i = 1, #cols do
      local v = get(row, i)
      if v == nil then cells[i] = '<td class="na">NA</td>'
      elseif type(v) == "number" then cells[i] = '<td class="num">' .. esc(v) .. "</td>"
      else cells[i] = "<td>" .. esc(v) .. "</td>" end
    end
    out[#out + 1] = "<tr>" .. concat(cells) .. "</tr>"
  end
  out[#out + 1] = "</tbody></table>"
  local nrow = get(item, "nrow")
  if get(item, "truncated") and type(nrow) == "number" then
    out[#out + 1] = format('<p class="more">… %d more rows</p>', nrow - #rows)
  end
end

local function item_line(item)
  local label, text = get(item, "label"), get(item, "text") or ""
  if label then return format('<span class="label">%s:</span> %s', esc(label), esc(text)) end
  return esc(text)
end

local render_items

-- One item: simple kinds as a list item, block kinds (frame, result,
-- figure) as a div holding their table, summary or SVG; a table's items nest.
local function item_html(out, item)
  local kind = get(item, "kind") or "other"
  local cls = "item " .. token(kind)
  if kind == "frame" then
    out[#out + 1] = format('<li class="%s"><p>%s</p>', cls, item_line(item))
    frame_html(out, item)
  elseif kind == "result" then
    out[#out + 1] = format('<li class="%s"><p>%s</p>', cls, item_line(item))
    local summary = get(item, "summary")
    if summary then out[#out + 1] = '<pre class="summary">' .. esc(summary) .. "</pre>" end
    local svg = get(item, "figure")
    if svg then
      figure(out, svg, get(item, "label") or get(item, "method") or get(item, "class") or "figure")
    end
  elseif kind == "figure" then
    out[#out + 1] = format('<li class="%s">', cls)
    figure(out, get(item, "svg"), get(item, "label") or "figure")
  else
    out[#out + 1] = format('<li class="%s">%s', cls, item_line(item))
    if kind == "table" then render_items(out, list(get(item, "items"))) end
  end
  out[#out + 1] = "</li>"
end

function render_items(out, items)
  if #items == 0 then return end
  out[#out + 1] = '<ul class="items">'
  for _, item in ipairs(items) do item_html(out, item) end
  out[#out + 1] = "</ul>"
end

---------------------------------------------------------------- sections

local function verdict_badge(v)
  return format('<span class="verdict %s">%s</span>', VERDICT_CLASS[v] or "unknown", esc(LABEL[v] or v or "?"))
end

local function header_html(out, doc)
  out[#out + 1] = '<header id="report-header">'
  out[#out + 1] = "<h1>" .. esc(get(doc, "title") or "(no pathway declared)") .. "</h1>"
  local p, rows = get(doc, "pathway"), {}
  for _, k in ipairs(PATHWAY_FIELDS) do
    local v = get(p, k)
    if v then rows[#rows + 1] = format("<tr><th>%s</th><td>%s</td></tr>", k, esc(v)) end
  end
  if #rows > 0 then out[#out + 1] = '<table class="pathway">' .. concat(rows) .. "</table>" end
  local pre = get(doc, "prespecified")
  local status = get(pre, "status")
  out[#out + 1] = format('<p class="prespecified %s" id="prespecified">%s</p>', PRESPEC_CLASS[status] or "unknown",
                         esc(get(pre, "line") or "pre-specified: unknown"))
  local changes = {}
  for _, k in ipairs({ "added", "removed", "changed" }) do
    local names = list(get(pre, k))
    if #names > 0 then
      local shown = {}
      for i, n in ipairs(names) do shown[i] = esc(n) end
      changes[#changes + 1] = format('<li class="%s">criteria %s since the lock: %s</li>', k, k,
                                     concat(shown, ", "))
    end
  end
  if #changes > 0 then out[#out + 1] = '<ul class="lock-changes">' .. concat(changes) .. "</ul>" end
  local passed = get(doc, "passed") == true
  out[#out + 1] = format('<p class="summary %s" id="summary">%s — %s</p>', passed and "passed" or "failed",
                         esc(get(get(doc, "summary"), "line") or ""), passed and "passed" or "not passed")
  out[#out + 1] = "</header>"
end

local function criteria_table(out, criteria)
  out[#out + 1] = '<section id="criteria"><h2>Criteria</h2>'
  out[#out + 1] = '<table class="criteria"><thead><tr><th>#</th><th>criterion</th><th>element</th>'
                  .. "<th>verdict</th></tr></thead><tbody>"
  for i, c in ipairs(criteria) do
    local n = get(c, "index") or i
    out[#out + 1] = format('<tr id="criteria-row-%d"><td class="num">%d</td><td><a href="#criterion-%d">%s</a></td>'
                           .. "<td><code>%s</code></td><td>%s</td></tr>", n, n, n, esc(get(c, "name") or ""),
                           esc(get(c, "element") or ""), verdict_badge(get(c, "verdict")))
  end
  out[#out + 1] = "</tbody></table></section>"
end

local function criterion_html(out, c, i)
  local n, v = get(c, "index") or i, get(c, "verdict")
  out[#out + 1] = format('<section class="criterion verdict-%s" id="criterion-%d">', VERDICT_CLASS[v] or "unknown", n)
  out[#out + 1] = format("<h3>%d. %s %s</h3>", n, esc(get(c, "name") or ""), verdict_badge(v))
  out[#out + 1] = format('<p class="element">element: <code>%s</code></p>', esc(get(c, "element") or ""))
  local reason = get(c, "reason")
  if reason then out[#out + 1] = '<p class="reason"><span class="label">reason:</span> ' .. esc(reason) .. "</p>" end
  local desc = get(c, "description")
  if desc then out[#out + 1] = '<p class="description">' .. esc(desc) .. "</p>" end
  local req = list(get(c, "requires"))
  if #req > 0 then
    local shown = {}
    for k, r in ipairs(req) do shown[k] = esc(r) end
    out[#out + 1] = '<p class="requires"><span class="label">requires:</span> ' .. concat(shown, ", ") .. "</p>"
  end
  local tb = get(c, "traceback")
  if tb then out[#out + 1] = '<pre class="traceback">' .. esc(tb) .. "</pre>" end
  local items = list(get(c, "evidence"))
  if #items > 0 then
    out[#out + 1] = '<div class="evidence"><h4>Evidence</h4>'
    render_items(out, items)
    out[#out + 1] = "</div>"
  end
  out[#out + 1] = "</section>"
end

local function coverage_html(out, coverage)
  out[#out + 1] = '<section id="coverage"><h2>Elements</h2>'
  out[#out + 1] = '<table class="coverage"><thead><tr><th>element</th><th>criteria</th><th>status</th></tr>'
                  .. "</thead><tbody>"
  for _, e in ipairs(coverage) do
    local id, status = get(e, "element") or "", get(e, "status") or ""
    local names = {}
    for k, name in ipairs(list(get(e, "criteria"))) do names[k] = esc(name) end
    local cls = "element" .. (get(e, "core") and " core" or "") .. (status == "not addressed" and " not-addressed" or "")
    out[#out + 1] = format('<tr class="%s" id="element-%s"><td><code>%s</code>%s</td><td>%s</td>'
                           .. '<td><span class="status %s">%s</span></td></tr>', cls, token(id), esc(id),
                           get(e, "core") and " (core)" or "", #names > 0 and concat(names, "<br>") or "—",
                           token(status), esc(LABEL[status] or status))
  end
  out[#out + 1] = "</tbody></table></section>"
end

local function provenance_html(out, p)
  out[#out + 1] = '<section id="provenance"><h2>Provenance</h2><table class="provenance"><tbody>'
  local script = get(p, "script")
  local function add(k, v, as_code)
    if v == nil then return end
    local shown = as_code and "<code>" .. esc(v) .. "</code>" or esc(v)
    out[#out + 1] = format("<tr><th>%s</th><td>%s</td></tr>", k, shown)
  end
  add("pathway version", get(p, "pathway_version"))
  add("Lua version", get(p, "lua_version"))
  add("script", get(script, "path"), true)
  add("script sha256", get(script, "sha256"), true)
  add("seed", get(p, "seed"))
  add("time", get(p, "time"))
  add("command", get(p, "command"), true)
  out[#out + 1] = "</tbody></table>"
  local inputs = list(get(p, "inputs"))
  if #inputs > 0 then
    out[#out + 1] = '<table class="inputs"><thead><tr><th>input</th><th>sha256</th><th>rows</th><th>columns</th>'
                    .. "</tr></thead><tbody>"
    for _, f in ipairs(inputs) do
      out[#out + 1] = format('<tr><td><code>%s</code></td><td><code>%s</code></td><td class="num">%s</td>'
                             .. '<td class="num">%s</td></tr>', esc(get(f, "path") or ""), esc(get(f, "sha256") or ""),
                             esc(get(f, "rows") or ""), esc(get(f, "columns") or ""))
    end
    out[#out + 1] = "</tbody></table>"
  end
  out[#out + 1] = "</section>"
end

-- render(doc) -> the HTML text of a report document.
local function render(doc)
  if type(doc) ~= "table" then error("report_html.render: expected a report document (table)", 2) end
  local out = { "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                "<title>" .. esc(get(doc, "title") or "(no pathway declared)") .. " — pathway review</title>",
                "<style>", STYLE .. "</style>", "</head>", "<body>" }
  header_html(out, doc)
  out[#out + 1] = "<main>"
  local criteria = list(get(doc, "criteria"))
  criteria_table(out, criteria)
  for i, c in ipairs(criteria) do criterion_html(out, c, i) end
  coverage_html(out, list(get(doc, "coverage")))
  provenance_html(out, get(doc, "provenance"))
  out[#out + 1] = "</main>"
  out[#out + 1] = "</body>"
  out[#out + 1] = "</html>"
  return concat(out, "\n") .. "\n"
end

return { render = render }
