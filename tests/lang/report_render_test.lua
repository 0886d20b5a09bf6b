-- report_render_test.lua: the Markdown and HTML renderings of the review
-- report document (docs/report-schema.md), plot.bars and groups:plot.
-- Documents are built by hand here, so these tests do not depend on how
-- lang/report.lua assembles them. Run from the repository root.

-- The renderers, through the `report` global: report.render(doc, "md"|"html").
local md = { render = function(doc) return report.render(doc, "md") end }
local html = { render = function(doc) return report.render(doc, "html") end }

local function count(s, text)
  local n, at = 0, 1
  while true do
    local i, j = s:find(text, at, true)
    if not i then return n end
    n, at = n + 1, j + 1
  end
end

---------------------------------------------------------------- fixtures

-- A tiny natural-history comparison, for a real `result` item and its SVG.
local function nh_result()
  local control = frame.new({ patient_id = { "C1", "C1", "C2", "C2", "C3", "C3" },
                              crisis = { 0, 4, 0, 3, 0, 5 }, visit_day = { 0, 365, 0, 365, 0, 365 } })
  local treated = frame.new({ patient_id = { "T1", "T1", "T2", "T2" }, crisis = { 0, 1, 0, 0 },
                              visit_day = { 0, 365, 0, 365 } })
  return nh.events { treated = treated, control = control, id = "patient_id", events = "crisis",
                     time = "visit_day" }
end

local function grouped()
  local g = variants.group { rule "ABE-correctable" { where = "abe_correctable" },
                             rule "other valid" { where = "valid" } }
  local f = frame.new({ patient_id = { "P1", "P2", "P3", "P3", "P4" },
                        variant = { "c.1003C>T", "c.1003C>T", "c.5del", "c.1003C>T", "not hgvs" } })
  return g, g:apply(f, "variant")
end

-- A frame item as report.lua describes a frame: columns, first 10 rows.
local function frame_item(label, f)
  local names, types, columns, rows = f:names(), f:types(), {}, {}
  for i, n in ipairs(names) do columns[i] = { name = n, type = types[i] } end
  for row in f:rows() do
    if #rows == 10 then break end
    local cells = {}
    for i, n in ipairs(names) do
      local v = row[n]
      if v == nil then v = json.null end
      cells[i] = v
    end
    rows[#rows + 1] = cells
  end
  return { label = label, kind = "frame", text = string.format("frame %d rows x %d columns", f:nrow(), f:ncol()),
           nrow = f:nrow(), ncol = f:ncol(), columns = columns, rows = rows, truncated = f:nrow() > 10 }
end

local EVIL = '<b>&"x"'
local EVIL_HTML = "&lt;b&gt;&amp;&quot;x&quot;"

local function full_doc(status)
  local r = nh_result()
  local g, assigned = grouped()
  local ids, crises = {}, { n = 12 }
  for i = 1, 12 do ids[i] = "C" .. i; if i % 3 ~= 0 then crises[i] = i end end
  local controls = frame.new({ patient = ids, crises = crises }, { types = { crises = "int" },
                                                                     order = { "patient", "crises" } })
  local pre = {
    yes = { status = "yes", lock = "review.lock", locked_at = "2026-11-24T09:30:00Z", added = {}, removed = {},
            changed = {}, line = "pre-specified: yes (locked 2026-11-24T09:30:00Z)" },
    no = { status = "no", lock = "review.lock", locked_at = "2026-11-24T09:30:00Z", added = { "Fewer crises" },
           removed = {}, changed = { EVIL }, line = "pre-specified: NO — script changed after lock" },
    unlocked = { status = "unlocked", lock = json.null, locked_at = json.null, added = {}, removed = {}, changed = {},
                 line = "pre-specified: no lock file" },
  }
  return {
    schema = "pathway-review/1", title = "CPS1 deficiency — personalized ABE platform",
    pathway = { title = "CPS1 deficiency — personalized ABE platform", therapy = "LNP | ABE",
                disease = "CPS1 deficiency", gene = "CPS1" },
    passed = false,
    summary = { met = 1, not_met = 1, insufficient = 1, error = 1, not_addressed = 1,
                line = "1 met, 1 not met, 1 insufficient, 1 error; 1 element not addressed" },
    criteria = {
      { index = 1, name = "Pathogenic | variant", element = "molecular_cause", description = "line one\nline two",
        requires = {}, verdict = "met", reason = json.null, traceback = json.null, evidence = {
          { label = "count", kind = "number", text = "3", value = 3 },
          { label = "gene", kind = "string", text = "CPS1 *not* emphasised", value = "CPS1 *not* emphasised" },
          { label = "ids", kind = "list", text = "{1, 2, 3}", value = { 1, 2, 3 } },
          { label = "nested", kind = "table", text = "{a = 1}",
            items = { { label = "a", kind = "number", text = "1", value = 1 } } },
          { label = "groups", kind = "figure", text = "figure", svg = g:plot(assigned) },
        } },
      { index = 2, name = EVIL, element = "natural_history", description = json.null, requires = {},
        verdict = "not_met", reason = "too few | controls", traceback = json.null,
        evidence = { frame_item("controls", controls) } },
      { index = 3, name = "Editing confirmed", element = "target_engagement", description = json.null,
        requires = {}, verdict = "error", reason = "review.lua:3: boom", evidence = {},
        traceback = "review.lua:3: boom\nstack traceback:\n\treview.lua:3: in function <review.lua:1>" },
      { index = 4, name = "Fewer crises", element = "clinical_improvement", description = json.null,
        requires = { "Editing confirmed" }, verdict = "insufficient",
        reason = 'requires "Editing confirmed", which is error', traceback = json.null, evidence = {
          { label = "rate", kind = "result", text = tostring(r), class = "pathway.nh", method = r.method,
            summary = r:summary(), values = { estimate = r.estimate }, figure = r:plot() },
          { label = "forged", kind = "figure", text = "figure", svg = "<script>alert(1)</script><svg>" },
        } },
    },
    coverage = {
      { element = "molecular_cause", core = true, criteria = { "Pathogenic | variant" }, status = "met" },
      { element = "targets_root_cause", core = true, criteria = {}, status = "not addressed" },
      { element = "natural_history", core = true, criteria = { EVIL }, status = "not_met" },
      { element = "target_engagement", core = true, criteria = { "Editing confirmed" }, status = "error" },
      { element = "clinical_improvement", core = true, criteria = { "Fewer crises" }, status = "insufficient" },
      { element = "robust_to_chance", core = false, criteria = {}, status = "not used" },
      { element = "consecutive_success", core = false, criteria = {}, status = "not used" },
      { element = "post_market", core = false, criteria = {}, status = "not used" },
    },
    prespecified = pre[status or "no"],
    provenance = { pathway_version = "0.1.0", lua_version = "Lua 5.4.4",
                   script = { path = "examples/cps1/review.lua", sha256 = string.rep("ab", 32) },
                   inputs = { { path = "data/visits.csv", sha256 = string.rep("cd", 32), rows = 120, columns = 4 } },
                   seed = 1, time = "2026-11-24T10:00:00Z",
                   command = "pathway review examples/cps1/review.lua --format html" },
  }
end

---------------------------------------------------------------- HTML structure

local VOID = { area = true, base = true, br = true, col = true, embed = true, hr = true, img = true,
               input = true, link = true, meta = true, source = true, track = true, wbr = true }

-- Every opened tag is closed, in order (void and self-closed tags aside).
-- Returns true, or false and what went wrong.
local function balanced(s)
  local stack = {}
  for close, name, rest in s:gmatch("<(/?)([%a][%w:-]*)([^>]*)>") do
    name = name:lower()
    if close == "/" then
      local top = stack[#stack]
      if top ~= name then return false, string.format("</%s> closes <%s>", name, tostring(top)) end
      stack[#stack] = nil
    elseif not VOID[name] and not rest:find("/$") then
      stack[#stack + 1] = name
    end
  end
  if #stack > 0 then return false, "unclosed <" .. stack[#stack] .. ">" end
  return true
end

test "the tag checker itself catches misnesting and unclosed tags" (function()
  expect(balanced('<p>a<br><svg><path d="M0,0"/></svg></p>')):is_true()
  expect(balanced("<p><b>a</p></b>")):is_false()
  expect(balanced("<div><p>a</p>")):is_false()
end)

---------------------------------------------------------------- Markdown

test "markdown: title, pre-specification, summary and the criteria table" (function()
  local text = md.render(full_doc())
  expect(text):matches("^# CPS1 deficiency — personalized ABE platform\n")
  expect(text):contains("| therapy | LNP \\| ABE |")
  expect(text):contains("> **pre-specified: NO — script changed after lock**")
  expect(text):contains("> criteria changed since the lock: \\<b\\>\\&\"x\"")
  expect(text):contains("1 met, 1 not met, 1 insufficient, 1 error; 1 element not addressed")
  expect(text):contains("| # | criterion | element | verdict |")
  expect(text):contains("| 1 | Pathogenic \\| variant | `molecular_cause` | **met** |")
  expect(text):contains("| 2 | \\<b\\>\\&\"x\" | `natural_history` | **not met** |")
  expect(text):contains("| 4 | Fewer crises | `clinical_improvement` | **insufficient** |")
  expect(text:find("<b>", 1, true)):is_nil()
end)

test "markdown: one section per criterion with its evidence" (function()
  local text = md.render(full_doc())
  expect(text):contains("### 1. Pathogenic \\| variant")
  expect(text):contains("line one  \nline two")
  expect(text):contains("- **count:** 3")
  expect(text):contains("- **gene:** CPS1 \\*not\\* emphasised")
  expect(text):contains("  - **a:** 1")
  expect(text):contains("*figure: see the HTML report*")
  expect(text):contains("| patient (str) | crises (int) |")
  expect(text):contains("| C3 | *NA* |")
  expect(text):contains("… 2 more rows")
  expect(text):contains("**Reason:** too few \\| controls")
  expect(text):contains("```text\nreview.lua:3: boom\nstack traceback:\n")
  expect(text):contains("**Requires:** Editing confirmed")
  expect(text):contains("```text\n" .. nh_result():summary())
  expect(text:find("<svg", 1, true)):is_nil()
end)

test "markdown: coverage and provenance, the same bytes every time" (function()
  local text = md.render(full_doc())
  expect(text):contains("| `molecular_cause` (core) | Pathogenic \\| variant | met |")
  expect(text):contains("| `targets_root_cause` (core) | — | **⚠ not addressed** |")
  expect(text):contains("| `post_market` | — | not used |")
  expect(text):contains("| script sha256 | `" .. string.rep("ab", 32) .. "` |")
  expect(text):contains("| `data/visits.csv` | `" .. string.rep("cd", 32) .. "` | 120 | 4 |")
  expect(text):contains("| command | `pathway review examples/cps1/review.lua --format html` |")
  expect(md.render(full_doc())):equals(text)
  expect(md.render(full_doc("yes"))):contains("> **pre-specified: yes (locked 2026-11-24T09:30:00Z)**")
  expect(md.render(full_doc("unlocked"))):contains("> **pre-specified: no lock file**")
end)

test "markdown: a newline in a table cell stays in its cell" (function()
  local doc = full_doc()
  doc.criteria[1].name = "two\nlines | here"
  expect(md.render(doc)):contains("| 1 | two<br>lines \\| here |")
end)

---------------------------------------------------------------- HTML

test "html: one self-contained, well-nested document" (function()
  local page = html.render(full_doc())
  expect(page):matches("^<!DOCTYPE html>\n")
  expect(page):contains('<meta charset="utf-8">')
  expect(page):contains("<style>")
  expect(page):contains("@media print")
  local ok, why = balanced(page)
  if not ok then error(why, 0) end
  for _, bad in ipairs({ "<script", "<link", "<img", "<iframe", "<object", "@import", "url(" }) do
    expect(page:lower():find(bad, 1, true)):is_nil()
  end
  local urls = 0
  for url in page:gmatch("https?://[^\"'%s<>]*") do
    expect(url):equals("http://www.w3.org/2000/svg")
    urls = urls + 1
  end
  expect(urls):equals(count(page, "<svg"))
  expect(html.render(full_doc())):equals(page)
end)

test "html: every figure is one inline SVG in a figure with its caption" (function()
  local page = html.render(full_doc())
  -- two real figures (the group bars, the nh result's plot); the forged one is text
  expect(count(page, "<svg")):equals(2)
  expect(count(page, '<figure class="figure">')):equals(3)
  expect(count(page, "</svg>")):equals(2)
  expect(page):contains("<figcaption>groups</figcaption>")
  expect(page):contains("<figcaption>rate</figcaption>")
  expect(page):contains('<pre class="svg-text">&lt;script&gt;alert(1)&lt;/script&gt;&lt;svg&gt;</pre>')
  for fig in page:gmatch('<figure class="figure">(.-)</figure>') do
    local svgs = count(fig, "<svg")
    expect(svgs == 1 or fig:find('class="svg-text"', 1, true) ~= nil):is_true()
  end
end)

test "html: every text is escaped" (function()
  local page = html.render(full_doc())
  expect(page:find(EVIL, 1, true)):is_nil()
  expect(page):contains("<h3>2. " .. EVIL_HTML .. ' <span class="verdict not_met">not met</span></h3>')
  expect(page):contains("criteria changed since the lock: " .. EVIL_HTML)
  expect(page):contains("requires &quot;Editing confirmed&quot;, which is error")
  expect(page):contains("in function &lt;review.lua:1&gt;")
  local doc = full_doc()
  doc.title = "it's <x>"
  expect(html.render(doc)):contains("<h1>it&#39;s &lt;x&gt;</h1>")
end)

test "html: ids and classes for criteria, verdicts, coverage and pre-specification" (function()
  local page = html.render(full_doc())
  for i, v in ipairs({ "met", "not_met", "error", "insufficient" }) do
    expect(page):contains(string.format('<section class="criterion verdict-%s" id="criterion-%d">', v, i))
    expect(page):contains('class="verdict ' .. v .. '"')
    expect(page):contains(string.format('<a href="#criterion-%d">', i))
  end
  expect(page):contains('<span class="verdict met">met</span>')
  expect(page):contains('<span class="verdict insufficient">insufficient</span>')
  expect(page):contains('<span class="verdict error">error</span>')
  expect(page):contains('<tr class="element core not-addressed" id="element-targets_root_cause">')
  expect(page):contains('<span class="status not-addressed">not addressed</span>')
  expect(page):contains('<tr class="element" id="element-post_market">')
  expect(page):contains('<p class="summary failed" id="summary">1 met, 1 not met, 1 insufficient, 1 error; '
                        .. "1 element not addressed — not passed</p>")
  expect(page):contains('<p class="prespecified no" id="prespecified">')
  expect(html.render(full_doc("yes"))):contains('<p class="prespecified yes" id="prespecified">pre-specified: yes')
  expect(html.render(full_doc("unlocked"))):contains('<p class="prespecified unlocked" id="prespecified">')
end)

test "html: frames as tables with a note when truncated, summaries in pre, provenance" (function()
  local page = html.render(full_doc())
  expect(page):contains('<li class="item frame"><p><span class="label">controls:</span> frame 12 rows x 2 columns</p>')
  expect(page):contains('<th>patient<br><span class="type">str</span></th>')
  expect(page):contains('<tr><td>C3</td><td class="na">NA</td></tr>')
  expect(count(page:match('<table class="frame">(.-)</table>'), "<tr>")):equals(11)   -- header + 10 rows
  expect(page):contains('<p class="more">… 2 more rows</p>')
  expect(page):contains('<pre class="summary">' .. nh_result():summary():gsub("&", "&amp;"):gsub("<", "&lt;")
                        :gsub(">", "&gt;"))
  expect(page):contains('<pre class="traceback">review.lua:3: boom')
  expect(page):contains("<tr><th>script sha256</th><td><code>" .. string.rep("ab", 32) .. "</code></td></tr>")
  expect(page):contains("<tr><td><code>data/visits.csv</code></td>")
  expect(page):contains("<tr><th>seed</th><td>1</td></tr>")
end)

test "both renderers accept a minimal document" (function()
  local doc = { schema = "pathway-review/1", title = "(no pathway declared)", pathway = json.null,
                passed = false, criteria = {}, coverage = {},
                summary = { line = "0 met, 0 not met, 0 insufficient, 0 error; 5 elements not addressed" },
                prespecified = { status = "unlocked", line = "pre-specified: no lock file" }, provenance = {} }
  expect(md.render(doc)):contains("5 elements not addressed")
  local page = html.render(doc)
  expect(balanced(page)):is_true()
  expect(function() html.render("x") end):raises("report.render: the document must be a table")
  expect(function() md.render(nil) end):raises("report.render: the document must be a table")
end)

---------------------------------------------------------------- bars

test "plot.bars: one rect per bar after the background, labels and values" (function()
  local svg = plot.bars { title = "Groups", xlab = "variants", labels = { "a <1>", "b", "c" }, values = { 3, 0, 1.5 } }
  expect(svg):matches("^<svg")
  expect(count(svg, "<rect")):equals(4)
  expect(svg):contains(">a &lt;1&gt;</text>")
  expect(svg):contains(">1.5</text>")
  expect(svg):contains('width="0" height="20"')   -- the empty bar is drawn, with no width
  expect(balanced(svg)):is_true()
  expect(plot.bars { labels = { "a" }, values = { 3 } }):equals(plot.bars { labels = { "a" }, values = { 3 } })
  expect(function() plot.bars { labels = { "a" }, values = {} } end):raises("same length")
  expect(function() plot.bars { labels = { "a" }, values = { -1 } } end):raises("finite number >= 0")
end)

test "groups:plot: one bar per summary row, in summary order" (function()
  local g, assigned = grouped()
  local svg = g:plot(assigned)
  local s = g:summary(assigned)
  expect(count(svg, "<rect")):equals(1 + s:nrow())
  local at = 0
  for row in s:rows() do
    local i = svg:find(">" .. row.group .. "</text>", 1, true)
    expect(i ~= nil and i > at):is_true()
    at = i
  end
  expect(svg):contains(">variants</text>")
  local by_patient = g:plot(assigned, { patient = "patient_id" })
  expect(by_patient):contains(">patients</text>")
  expect(by_patient ~= svg):is_true()
  expect(function() g:plot(assigned, { group = "nope" }) end):raises("no column 'nope'")
end)

test "html: an SVG from a script that could run or fetch is shown as text, never as markup" (function()
  local forged = {
    '<svg onload="alert(1)"></svg>', "<svg><script>alert(1)</script></svg>",
    '<svg><a href="https://example.org"><text>x</text></a></svg>', '<svg><image href="x.png"/></svg>',
    "<svg><foreignObject><iframe></iframe></foreignObject></svg>",
    '<svg><rect style="fill:url(https://example.org/x)"/></svg>', "<svg/ONCLICK=alert(1)>",
  }
  for _, svg in ipairs(forged) do
    local doc = { schema = "pathway-review/1", title = "t", passed = false, coverage = {},
                  summary = { line = "s" }, prespecified = { status = "unlocked", line = "p" }, provenance = {},
                  criteria = { { index = 1, name = "c", element = "molecular_cause", verdict = "met", requires = {},
                                 evidence = { { kind = "figure", text = "figure", svg = svg } } } } }
    local page = html.render(doc)
    expect(count(page, "<svg")):equals(0)
    expect(page):contains('<pre class="svg-text">&lt;svg')
  end
end)
