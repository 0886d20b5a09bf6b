-- variants.lua: variant-grouping rules (docs/variants.md). A group set is a
-- list of rules; each distinct variant string is parsed once and described
-- by one row of an attribute frame, which `where` expressions filter in C.
-- Exports: group(spec) -> group set, rule(name) -> function(spec) -> rule,
--          describe(values [, opts]) -> attribute frame
local require, error, type, pairs, ipairs, tostring, setmetatable, getmetatable, pcall =
      require, error, type, pairs, ipairs, tostring, setmetatable, getmetatable, pcall
local concat, sort = table.concat, table.sort
local format, gsub, gmatch, sub = string.format, string.gsub, string.gmatch, string.sub
local hgvs = require "hgvs"
local frame = require "frame"
local csv = require "csv"
local expr = require "expr"
_ENV = nil

local INVALID, UNASSIGNED = "invalid", "unassigned"

---------------------------------------------------------------- attributes

-- The columns of the attribute frame, in order, with their types. `where`
-- expressions see exactly these names (docs/variants.md lists them).
local ATTRS = {
  { "vid", "int" }, { "variant", "str" }, { "valid", "bool" }, { "error", "str" },
  { "hgvs", "str" }, { "kind", "str" }, { "reference", "str" }, { "coordinate", "str" },
  { "type", "str" }, { "consequence", "str" }, { "region", "str" },
  { "start", "int" }, { "start_offset", "int" }, { "stop", "int" }, { "stop_offset", "int" },
  { "ref", "str" }, { "alt", "str" }, { "length_change", "int" }, { "predicted", "bool" },
  { "protein", "str" }, { "transition", "bool" }, { "transversion", "bool" },
  { "abe_correctable", "bool" }, { "cbe_correctable", "bool" },
  { "exon", "int" }, { "intron", "int" },
}
local ATTR_TYPES, ATTR_ORDER, IS_ATTR = {}, {}, {}
for i, a in ipairs(ATTRS) do
  ATTR_TYPES[a[1]], ATTR_ORDER[i], IS_ATTR[a[1]] = a[2], a[1], true
end

-- The exon (or intron) of a c. position from a table of exon bounds
-- {{exon, start, stop}, ...} in c. numbering: an intronic position belongs
-- to the intron after the exon its anchor ends (offset > 0) or before the
-- exon its anchor starts (offset < 0).
local function locate(exons, p)
  if not exons or not p or p.unknown or p.region == "utr3" then return nil, nil end
  for _, e in ipairs(exons) do
    if p.offset == 0 and p.pos >= e[2] and p.pos <= e[3] then return e[1], nil end
    if p.offset > 0 and p.pos == e[3] then return nil, e[1] end
    if p.offset < 0 and p.pos == e[2] then return nil, e[1] - 1 end
  end
  return nil, nil
end

-- A coding substitution annotated against the coding sequence: its
-- consequence and protein change, or nil and the mismatch message.
local function annotate(v, cds)
  if not cds or v.coordinate ~= "c" or v.type ~= "substitution" or v.is_range
     or v.start.offset ~= 0 or v.start.region ~= "cds" then
    return v
  end
  return hgvs.annotate(v, { cds = cds })
end

-- Attribute values of one parsed single variant into row i of cols.
local function fill(cols, i, v, exons)
  local s, e = v.start, v.stop
  cols.hgvs[i], cols.kind[i], cols.reference[i] = v.hgvs, v.kind, v.reference
  cols.coordinate[i] = v.coordinate
  if v.kind ~= "variant" then return end
  cols.type[i], cols.consequence[i] = v.type, v.consequence
  if s and not s.unknown then
    cols.region[i], cols.start[i], cols.start_offset[i] = s.region, s.pos, s.offset
  end
  if e and not e.unknown then cols.stop[i], cols.stop_offset[i] = e.pos, e.offset end
  cols.ref[i], cols.alt[i], cols.length_change[i] = v.ref, v.alt, v.length_change
  cols.predicted[i], cols.protein[i] = v.predicted, v.protein
  local ed = hgvs.editing(v)
  cols.transition[i], cols.transversion[i] = ed.transition, ed.transversion
  cols.abe_correctable[i], cols.cbe_correctable[i] = ed.abe_correctable, ed.cbe_correctable
  if v.coordinate == "c" then cols.exon[i], cols.intron[i] = locate(exons, s) end
end

-- The attribute frame of an array of distinct strings (nil entries and
-- repeats are the caller's business) and the parsed variants by row.
local function describe_values(values, n, opts)
  local cols = {}
  for _, name in ipairs(ATTR_ORDER) do cols[name] = { n = n } end
  local parsed = {}
  for i = 1, n do
    local s = values[i]
    local v, err = hgvs.parse(s, { lenient = opts.lenient })
    if v and v.kind == "variant" then v, err = annotate(v, opts.cds) end
    cols.vid[i], cols.variant[i], cols.valid[i], cols.error[i] = i, s, v ~= nil, err
    if v then
      parsed[i] = v
      fill(cols, i, v, opts.exons)
    end
  end
  return frame.new(cols, { types = ATTR_TYPES, order = ATTR_ORDER }), parsed
end

---------------------------------------------------------------- rules

local Rule = {}
Rule.__index = Rule
Rule.__name = "pathway.rule"
function Rule:__tostring() return format("rule %q", self.name) end

-- The expression `variant ~ 'pattern'`, quoted the way the expression
-- lexer reads it back (lex.c): ' becomes \', and a backslash is doubled
-- only where the lexer would take it as an escape (before ' " \ or at the
-- end); any other backslash stays as it is, so PCRE's \d keeps its meaning.
local function match_expr(pattern)
  local out = {}
  for i = 1, #pattern do
    local c = sub(pattern, i, i)
    if c == "'" then
      out[i] = "\\'"
    elseif c == "\\" then
      local nx = sub(pattern, i + 1, i + 1)
      out[i] = (nx == "'" or nx == '"' or nx == "\\" or nx == "") and "\\\\" or "\\"
    else
      out[i] = c
    end
  end
  return "variant ~ '" .. concat(out) .. "'"
end

local RULE_KEYS = { where = true, pattern = true, description = true }

-- rule "name" { where = "expr" | function(v), pattern = "pcre", description = "..." }
local function rule(name)
  if type(name) ~= "string" or name == "" then
    error("rule: the name must be a non-empty string", 2)
  end
  if name == INVALID or name == UNASSIGNED then
    error(format("rule %q: '%s' is reserved for variants no rule can take", name, name), 2)
  end
  return function(spec)
    if type(spec) ~= "table" then error(format("rule %q: expected a table { where = ... }", name), 2) end
    for k in pairs(spec) do
      if not RULE_KEYS[k] then error(format("rule %q: unknown field '%s' (where, pattern, description)", name, tostring(k)), 2) end
    end
    local w, p = spec.where, spec.pattern
    if w == nil and p == nil then error(format("rule %q: give where or pattern", name), 2) end
    if w ~= nil and type(w) ~= "string" and type(w) ~= "function" then
      error(format("rule %q: where must be an expression string or a function", name), 2)
    end
    if p ~= nil and type(p) ~= "string" then error(format("rule %q: pattern must be a string", name), 2) end
    return setmetatable({ name = name, where = w, pattern = p, description = spec.description }, Rule)
  end
end

-- Compile a rule's strings against the attribute schema, so a typo fails
-- when the group set is declared, naming the rule.
local function check_rule(r, schema)
  local function try(s, what)
    local ok, compiled = pcall(expr.compile, s, schema)
    if not ok then error(format("rule %q: %s: %s", r.name, what, tostring(compiled)), 4) end
    local t = compiled:type()
    if t ~= "bool" then error(format("rule %q: %s must be a bool expression, not %s", r.name, what, t), 4) end
  end
  if type(r.where) == "string" then try(r.where, "where") end
  if r.pattern then r.match = match_expr(r.pattern); try(r.match, "pattern") end
end

---------------------------------------------------------------- classification

local GroupSet = {}
GroupSet.__index = GroupSet
GroupSet.__name = "pathway.groupset"

-- The variant table a function rule sees: the parse plus the attributes.
local function variant_view(attrs_row, parsed)
  local v = {}
  for k, x in pairs(parsed) do v[k] = x end
  for _, name in ipairs(ATTR_ORDER) do
    if v[name] == nil and name ~= "vid" then v[name] = attrs_row[name] end
  end
  return v
end

-- For each rule, the set of attribute rows (vid) it matches.
local function run_rules(self, attrs, parsed)
  local hits, rows = {}, nil
  for k, r in ipairs(self.rules) do
    local set = {}
    local sub = attrs:filter("valid")
    if r.match then sub = sub:filter(r.match) end
    if type(r.where) == "string" then sub = sub:filter(r.where) end
    if type(r.where) == "function" then
      rows = rows or {}
      for row in sub:rows() do
        local v = rows[row.vid] or variant_view(row, parsed[row.vid])
        rows[row.vid] = v
        local ok, res = pcall(r.where, v)
        if not ok then error(format("rule %q: %s", r.name, tostring(res)), 0) end
        if res then set[row.vid] = true end
      end
    else
      local ids = sub:col("vid")
      for i = 1, #ids do set[ids[i]] = true end
    end
    hits[k] = set
  end
  return hits
end

-- Groups of attribute row i: names in declared order (all, or the first).
local function groups_of(self, hits, i, valid)
  if not valid then return { INVALID } end
  local out = {}
  for k, r in ipairs(self.rules) do
    if hits[k][i] then
      out[#out + 1] = r.name
      if not self.multiple then break end
    end
  end
  if #out == 0 then out[1] = UNASSIGNED end
  return out
end

-- Classify distinct strings: for each, its groups and its parse error.
-- Returns an array of {groups = {...}, error = msg|nil, variant = parsed|nil}.
function GroupSet:classify_values(values, n)
  local attrs, parsed = describe_values(values, n, self)
  local hits = run_rules(self, attrs, parsed)
  local valid, errs = attrs:col("valid"), attrs:col("error")
  local out = {}
  for i = 1, n do
    out[i] = { groups = groups_of(self, hits, i, valid[i]), error = errs[i], variant = parsed[i] }
  end
  return out
end

-- The group (or groups, with multiple = true) of one variant string, and
-- its parse error when it is invalid.
function GroupSet:classify(s)
  if type(s) ~= "string" then error("classify: expected a variant string", 2) end
  local c = self:classify_values({ s }, 1)[1]
  if self.multiple then return c.groups, c.error end
  return c.groups[1], c.error
end

---------------------------------------------------------------- apply

local function check_frame(f, fname)
  if type(f) ~= "userdata" or not pcall(f.names, f) then
    error(format("%s: expected a frame as argument #1", fname), 3)
  end
  local has = {}
  for _, name in ipairs(f:names()) do has[name] = true end
  return has
end

local function output_names(has, opts, fname)
  local into = opts.into or "group"
  local err = into .. "_error"
  for _, name in ipairs({ into, err }) do
    if has[name] then
      error(format("%s: the frame already has a column '%s' (choose another with {into = ...})", fname, name), 3)
    end
  end
  return into, err
end

-- groups:apply(frame, column [, {into = "group"}]) -> the frame with columns
-- `group` and `group_error`; with multiple = true one row per match.
function GroupSet:apply(f, col, opts)
  opts = opts or {}
  local has = check_frame(f, "apply")
  if type(col) ~= "string" or not has[col] then
    error(format("apply: '%s' is not a column of the frame", tostring(col)), 2)
  end
  local into, errname = output_names(has, opts, "apply")
  local values = f:distinct(col):col(col):to_table()
  local strs, n = {}, 0
  for i = 1, values.n do
    if values[i] ~= nil then n = n + 1; strs[n] = values[i] end
  end
  local classes = self:classify_values(strs, n)
  self.last_column = col
  if not self.multiple then   -- one pass over the column's codes (C)
    local gmap, emap = {}, {}
    for i = 1, n do gmap[strs[i]], emap[strs[i]] = classes[i].groups[1], classes[i].error end
    local c = f:col(col)
    return f:mutate({ [into] = c:map(gmap, INVALID), [errname] = c:map(emap, "missing variant") })
  end
  local key, grp, why, m = {}, {}, {}, 0
  for i = 1, n do
    for _, g in ipairs(classes[i].groups) do
      m = m + 1
      key[m], grp[m], why[m] = strs[i], g, classes[i].error
    end
  end
  why.n = m
  local map = frame.new({ [col] = key, [into] = grp, [errname] = why },
                        { types = { [col] = "str", [into] = "str", [errname] = "str" },
                          order = { col, into, errname } })
  local out = f:join(map, { on = col, how = "left" })
  local q = function(name) return "`" .. gsub(name, "`", "``") .. "`" end
  return out:mutate({
    [into] = format("coalesce(%s, '%s')", q(into), INVALID),
    [errname] = format("if_else(is_na(%s), 'missing variant', %s)", q(col), q(errname)),
  })
end

---------------------------------------------------------------- genotypes

-- The alleles of one genotype cell or of one row's allele cells: an array
-- of alleles, each {changes = {normal-form strings}, text = as written}.
-- Returns nil, error for an unparseable cell.
local function alleles_of_cell(s, lenient)
  if s == nil then return nil, "missing genotype" end
  local v, err = hgvs.parse(s, { lenient = lenient })
  if not v then return nil, err end
  if v.kind ~= "genotype" then return { { changes = { v.hgvs }, members = { v } } } end
  local by = {}
  for _, m in ipairs(v.alleles) do
    local a = by[m.allele] or { changes = {}, members = {} }
    by[m.allele] = a
    a.changes[#a.changes + 1] = m.hgvs
    a.members[#a.members + 1] = m
  end
  local out = {}
  for k = 1, v.nalleles do out[k] = by[k] or { changes = {}, members = {} } end
  return out
end

-- The groups an allele belongs to: those holding every change on it. An
-- allele written [=] or [?] carries no pathogenic change: no group.
local function allele_groups(self, a, class_of)
  local count, order = {}, {}
  local changes = 0
  for i, s in ipairs(a.changes) do
    local m = a.members[i]
    if m.type ~= "identity" and m.type ~= "unknown" then
      changes = changes + 1
      for _, g in ipairs(class_of[s].groups) do
        if g ~= UNASSIGNED then
          if not count[g] then order[#order + 1] = g end
          count[g] = (count[g] or 0) + 1
        end
      end
    end
  end
  local set = {}
  for _, g in ipairs(order) do
    if changes > 0 and count[g] == changes then set[g] = true end
  end
  return set
end

-- Groups of a patient from its alleles' group sets, by policy.
local function patient_groups(self, sets, alleles, policy)
  local out = {}
  if type(policy) == "function" then
    local view = {}
    for k, a in ipairs(alleles) do
      local gs = {}
      for _, r in ipairs(self.rules) do if sets[k][r.name] then gs[#gs + 1] = r.name end end
      view[k] = { variant = concat(a.changes, ";"), groups = gs }
    end
    local res = policy(view)
    if type(res) == "string" then return { res } end
    if type(res) == "table" then return res end
    return {}
  end
  for _, r in ipairs(self.rules) do
    local n = 0
    for k = 1, #alleles do if sets[k][r.name] then n = n + 1 end end
    if (policy == "both" and n == #alleles and n > 0) or (policy == "either" and n > 0) then
      out[#out + 1] = r.name
      if not self.multiple then break end
    end
  end
  return out
end

local POLICIES = { both = true, either = true }

-- Parse each row's alleles; returns per row {alleles} or {error}.
local function read_genotypes(f, cols, lenient)
  local rows = {}
  if type(cols) == "string" then
    local c = f:col(cols)
    for i = 1, f:nrow() do
      local a, err = alleles_of_cell(c[i], lenient)
      rows[i] = a and { alleles = a } or { error = cols .. ": " .. err }
    end
    return rows
  end
  local columns = {}
  for k, name in ipairs(cols) do columns[k] = f:col(name) end
  for i = 1, f:nrow() do
    local alleles, err = {}, nil
    for k, c in ipairs(columns) do
      local a, e = alleles_of_cell(c[i], lenient)
      if not a then err = err or (cols[k] .. ": " .. e) else
        for _, x in ipairs(a) do alleles[#alleles + 1] = x end
      end
    end
    rows[i] = err and { error = err } or { alleles = alleles }
  end
  return rows
end

-- groups:apply_genotypes(patients, {"allele1", "allele2"} | "genotype"
--   [, {genotype = "both" | "either" | function(alleles), into = "group"}])
function GroupSet:apply_genotypes(f, cols, opts)
  opts = opts or {}
  local has = check_frame(f, "apply_genotypes")
  local list = type(cols) == "string" and { cols } or cols
  if type(list) ~= "table" or #list == 0 then
    error("apply_genotypes: expected a genotype column or an array of allele columns", 2)
  end
  for _, name in ipairs(list) do
    if not has[name] then error(format("apply_genotypes: '%s' is not a column of the frame", tostring(name)), 2) end
  end
  local policy = opts.genotype or "both"
  if type(policy) ~= "function" and not POLICIES[policy] then
    error(format("apply_genotypes: genotype policy must be 'both', 'either' or a function, not %s", tostring(policy)), 2)
  end
  local into, errname = output_names(has, opts, "apply_genotypes")
  local rows = read_genotypes(f, cols, self.lenient)
  local distinct, seen = {}, {}
  for _, r in ipairs(rows) do
    for _, a in ipairs(r.alleles or {}) do
      for _, s in ipairs(a.changes) do
        if not seen[s] then seen[s] = true; distinct[#distinct + 1] = s end
      end
    end
  end
  local class_of = {}
  for i, c in ipairs(self:classify_values(distinct, #distinct)) do class_of[distinct[i]] = c end
  local idx, grp, why, m = {}, {}, {}, 0
  for i, r in ipairs(rows) do
    local gs, err = { INVALID }, r.error
    if r.alleles then
      local sets = {}
      for k, a in ipairs(r.alleles) do sets[k] = allele_groups(self, a, class_of) end
      gs = patient_groups(self, sets, r.alleles, policy)
      if #gs == 0 then gs = { UNASSIGNED } end
    end
    for _, g in ipairs(gs) do
      m = m + 1
      idx[m], grp[m], why[m] = i, g, err
    end
  end
  local ROW = ".row"
  local n = f:nrow()
  local ids = { n = n }
  for i = 1, n do ids[i] = i end
  why.n = m
  local map = frame.new({ [ROW] = idx, [into] = grp, [errname] = why },
                        { types = { [ROW] = "int", [into] = "str", [errname] = "str" },
                          order = { ROW, into, errname } })
  local out = f:mutate({ [ROW] = ids }):join(map, { on = ROW, how = "left" })
  local keep = {}
  for _, name in ipairs(out:names()) do if name ~= ROW then keep[#keep + 1] = name end end
  return out:select(keep)
end

---------------------------------------------------------------- summary, explain

local function first_present(has, names)
  for _, n in ipairs(names) do if has[n] then return n end end
end

-- groups:summary(assigned [, {group =, variant =, patient =}]) -> frame:
-- per group in declared order (then unassigned, invalid): variants,
-- patients (when a patient column is known), rows.
function GroupSet:summary(f, opts)
  opts = opts or {}
  local has = check_frame(f, "summary")
  local gcol = opts.group or "group"
  local vcol = opts.variant or self.last_column or first_present(has, { "variant" })
  local pcol = opts.patient or first_present(has, { "patient_id", "patient", "subject_id" })
  if not has[gcol] then error(format("summary: no column '%s' (apply the groups first)", gcol), 2) end
  local q = function(name) return "`" .. gsub(name, "`", "``") .. "`" end
  local spec = { rows = "count()" }
  if vcol and has[vcol] then spec.variants = "n_distinct(" .. q(vcol) .. ")" end
  if pcol and has[pcol] then spec.patients = "n_distinct(" .. q(pcol) .. ")" end
  local s = f:summarise(spec, { by = gcol })
  local by = {}
  for row in s:rows() do by[row[gcol]] = row end
  local names = {}
  for _, r in ipairs(self.rules) do names[#names + 1] = r.name end
  names[#names + 1] = UNASSIGNED
  names[#names + 1] = INVALID
  local cols = { group = {}, variants = {}, patients = {}, rows = {} }
  local order = { "group" }
  for _, k in ipairs({ "variants", "patients", "rows" }) do
    if spec[k] then order[#order + 1] = k else cols[k] = nil end
  end
  for i, g in ipairs(names) do
    local row = by[g] or {}
    cols.group[i] = g
    for k, c in pairs(cols) do if k ~= "group" then c[i] = row[k] or 0 end end
  end
  return frame.new(cols, { order = order })
end

-- groups:plot(assigned [, {group = "group", patient = nil}]) -> SVG string:
-- one horizontal bar per row of :summary (same groups, same order), the
-- number of distinct variants, or of patients when `patient` names the
-- patient column.
function GroupSet:plot(f, opts)
  opts = opts or {}
  local s = self:summary(f, { group = opts.group, patient = opts.patient })
  local key = opts.patient and "patients" or "variants"
  local has = {}
  for _, n in ipairs(s:names()) do has[n] = true end
  if not has[key] then
    error(format("plot: no %s column to count (name it with {%s = ...})", key,
                 key == "patients" and "patient" or "variant"), 2)
  end
  local labels, values = {}, {}
  for row in s:rows() do labels[#labels + 1], values[#values + 1] = row.group, row[key] end
  return require("pathway.plot").bars { title = "Variant groups", xlab = key, labels = labels, values = values }
end

local Explanation = {}
Explanation.__index = Explanation
Explanation.__name = "pathway.explanation"

function Explanation:__tostring()
  local lines = { format("%s -> %s", self.variant, concat(self.groups, ", ")) }
  if self.error then lines[#lines + 1] = "  " .. self.error end
  for _, r in ipairs(self.rules) do
    lines[#lines + 1] = format("  %s %s: %s", r.matched and "[x]" or "[ ]", r.name, r.why)
  end
  return concat(lines, "\n")
end

-- The attribute columns an expression mentions, with their values.
local function values_used(s, row)
  local seen, parts = {}, {}
  for word in gmatch(s, "[%a_][%w_]*") do
    if IS_ATTR[word] and not seen[word] then
      seen[word] = true
      local v = row[word]
      parts[#parts + 1] = format("%s = %s", word, v == nil and "NA" or type(v) == "string" and format("'%s'", v) or tostring(v))
    end
  end
  return #parts > 0 and " (" .. concat(parts, ", ") .. ")" or ""
end

-- groups:explain("c.1003C>T") -> an explanation: every rule, matched or
-- not, and why; tostring gives the readable form.
function GroupSet:explain(s)
  if type(s) ~= "string" then error("explain: expected a variant string", 2) end
  local attrs, parsed = describe_values({ s }, 1, self)
  local hits = run_rules(self, attrs, parsed)
  local row = {}
  for r in attrs:rows() do row = r end
  local e = { variant = s, error = row.error, rules = {}, groups = groups_of(self, hits, 1, row.valid) }
  for k, r in ipairs(self.rules) do
    local why
    if not row.valid then
      why = "not tried: the variant is invalid"
    else
      local parts = {}
      if r.pattern then parts[#parts + 1] = format("pattern %s", r.pattern) end
      if type(r.where) == "string" then parts[#parts + 1] = "where " .. r.where .. values_used(r.where, row) end
      if type(r.where) == "function" then parts[#parts + 1] = "where <function>" end
      why = concat(parts, " and ") .. (hits[k][1] and " -> true" or " -> false")
    end
    e.rules[k] = { name = r.name, matched = hits[k][1] == true, why = why }
  end
  return setmetatable(e, Explanation)
end

function GroupSet:__tostring()
  local names = {}
  for _, r in ipairs(self.rules) do names[#names + 1] = format("%q", r.name) end
  return format("variant groups (%d rules%s): %s", #self.rules,
                self.multiple and ", multiple" or "", concat(names, ", "))
end

---------------------------------------------------------------- declaration

-- Exon bounds from a frame (or a CSV file) with columns exon, start, stop
-- (c. numbering).
local function read_exons(f)
  if type(f) == "string" then f = csv.read(f) end
  local ok = type(f) == "userdata" and pcall(f.names, f)
  if not ok then error("variants.group: exons must be a frame or a CSV path with columns exon, start, stop", 3) end
  local has = {}
  for _, n in ipairs(f:names()) do has[n] = true end
  for _, n in ipairs({ "exon", "start", "stop" }) do
    if not has[n] then error(format("variants.group: exons needs a column '%s'", n), 3) end
  end
  local out = {}
  for row in f:rows() do
    if row.exon == nil or row.start == nil or row.stop == nil then
      error("variants.group: exons has a row with a missing exon, start or stop", 3)
    end
    out[#out + 1] = { row.exon, row.start, row.stop }
  end
  sort(out, function(a, b) return a[2] < b[2] end)
  return out
end

local GROUP_KEYS = { exons = true, multiple = true, lenient = true, cds = true }

-- variants.group { rule "a" {...}, rule "b" {...}, cds = "ATG...", exons = frame,
--                  multiple = bool, lenient = bool }
local function group(spec)
  if type(spec) ~= "table" then error("variants.group: expected a table of rules", 2) end
  local self = setmetatable({ rules = {}, multiple = spec.multiple == true, lenient = spec.lenient == true }, GroupSet)
  for k in pairs(spec) do
    if type(k) ~= "number" and not GROUP_KEYS[k] then
      error(format("variants.group: unknown option '%s' (cds, exons, lenient, multiple)", tostring(k)), 2)
    end
  end
  if spec.cds ~= nil and type(spec.cds) ~= "string" then
    error("variants.group: cds must be the coding sequence as a string (c.1 first)", 2)
  end
  self.cds = spec.cds
  if spec.exons ~= nil then self.exons = read_exons(spec.exons) end
  local empty = {}
  for _, name in ipairs(ATTR_ORDER) do empty[name] = { n = 0 } end
  local schema = frame.new(empty, { types = ATTR_TYPES, order = ATTR_ORDER })
  local names = {}
  for i = 1, #spec do
    local r = spec[i]
    if getmetatable(r) ~= Rule then
      error(format("variants.group: entry %d is not a rule (write rule \"name\" { ... })", i), 2)
    end
    if names[r.name] then error(format("variants.group: two rules are named %q", r.name), 2) end
    names[r.name] = true
    check_rule(r, schema)
    self.rules[i] = r
  end
  if #self.rules == 0 then error("variants.group: no rules", 2) end
  return self
end

-- variants.describe(values [, {lenient =, exons =, cds =}]): the attribute frame of
-- an array of strings (what `where` expressions see), one row per entry.
local function describe(values, opts)
  if type(values) ~= "table" then error("variants.describe: expected an array of strings", 2) end
  opts = opts or {}
  local o = { lenient = opts.lenient == true, exons = opts.exons and read_exons(opts.exons),
              cds = opts.cds }
  return (describe_values(values, values.n or #values, o))
end

return { group = group, rule = rule, describe = describe }
