-- variants_test.lua: variant-grouping rules (variants.group, rule, apply,
-- apply_genotypes, summary, explain). Run from the repository root.

local function error_of(f, ...)
  local ok, err = pcall(f, ...)
  expect(ok):is_false()
  return tostring(err)
end

-- Column values of a frame as a plain array (NA as nil, n set).
local function values(f, name) return f:col(name):to_table() end

local trial = frame.new({
  patient_id = { "P1", "P1", "P2", "P3", "P4", "P5", "P6", "P7", n = 8 },
  variant = { "c.1003C>T", "c.1003C>T", "c.1066-2A>G", "c.1222C>T", "c.1003 C>T",
              "c.500del", "c.-15C>T", nil, n = 8 },
})

local set = variants.group {
  rule "splice" { where = "consequence == 'splice_site'" },
  rule "ABE substitutions" { where = "type == 'substitution' and abe_correctable" },
  rule "coding substitutions" { where = "type == 'substitution' and region == 'cds'" },
}

test "apply: first matching rule in declared order, invalid and unassigned kept" (function()
  local out = set:apply(trial, "variant")
  expect(out:nrow()):equals(8)
  expect(values(out, "group")):equals({ "ABE substitutions", "ABE substitutions", "splice",
    "ABE substitutions", "invalid", "unassigned", "ABE substitutions", "invalid", n = 8 })
  local err = values(out, "group_error")
  expect(err[1]):is_nil()
  expect(err[5]):matches("^hgvs: 'c.1003 C>T' at 6: ")
  expect(err[8]):equals("missing variant")
  expect(out:names()):equals({ "patient_id", "variant", "group", "group_error" })
end)

test "apply: multiple = true gives one row per matching rule" (function()
  local all = variants.group {
    rule "ABE substitutions" { where = "type == 'substitution' and abe_correctable" },
    rule "coding substitutions" { where = "type == 'substitution' and consequence == 'coding'" },
    multiple = true,
  }
  local out = all:apply(frame.new({ variant = { "c.1003C>T", "c.1066-2A>G" } }), "variant")
  expect(values(out, "variant")):equals({ "c.1003C>T", "c.1003C>T", "c.1066-2A>G", n = 3 })
  expect(values(out, "group")):equals({ "ABE substitutions", "coding substitutions", "unassigned", n = 3 })
end)

test "each distinct variant is described once, however many rows carry it" (function()
  local calls = 0
  local counting = variants.group {
    rule "any" { where = function(v) calls = calls + 1; return v.valid end },
  }
  local many = {}
  for i = 1, 1000 do many[i] = i % 2 == 0 and "c.1003C>T" or "c.842C>T" end
  local out = counting:apply(frame.new({ variant = many }), "variant")
  expect(calls):equals(2)
  expect(out:filter("group == 'any'"):nrow()):equals(1000)
end)

test "pattern: PCRE2 on the variant as written, backslashes and quotes kept" (function()
  local p = variants.group {
    rule "canonical splice" { pattern = [[^c\.\d+[+-][12][ACGT]>[ACGT]$]] },
    rule "quoted" { pattern = [[^c\.1'$|\\]] },
  }
  expect(p:classify("c.1066-2A>G")):equals("canonical splice")
  expect(p:classify("c.1066-3A>G")):equals("unassigned")
  expect(p:classify("c.1066+1G>A")):equals("canonical splice")
end)

test "classify: one string; invalid gives its parse error" (function()
  local g, err = set:classify("c.1003C>")
  expect(g):equals("invalid")
  expect(err):equals("hgvs: 'c.1003C>' at 8: expected a nucleotide")
end)

test "explain: every rule, matched or not, and why" (function()
  local e = set:explain("c.1003C>T")
  expect(e.groups):equals({ "ABE substitutions" })
  expect(#e.rules):equals(3)
  expect(e.rules[1].matched):is_false()
  expect(e.rules[1].why):contains("consequence = 'coding'")
  expect(e.rules[2].matched):is_true()
  expect(e.rules[3].matched):is_true()   -- matches too; first match wins
  local text = tostring(e)
  expect(text):contains("c.1003C>T -> ABE substitutions")
  expect(text):contains("[x] ABE substitutions")
  expect(text):contains("[ ] splice")
  local bad = set:explain("C1003T")
  expect(bad.groups):equals({ "invalid" })
  expect(tostring(bad)):contains("did you mean 'c.1003C>T'?")
  expect(bad.rules[1].why):equals("not tried: the variant is invalid")
end)

test "lenient: author mistakes are corrected before the rules run" (function()
  local lax = variants.group {
    rule "ABE" { where = "abe_correctable" }, lenient = true,
  }
  expect(lax:classify("c.1003 C>T")):equals("ABE")
  expect(lax:classify("C1003T")):equals("ABE")
end)

test "summary: per group in declared order, then unassigned and invalid" (function()
  local out = set:apply(trial, "variant")
  local s = set:summary(out)
  expect(s:names()):equals({ "group", "variants", "patients", "rows" })
  expect(values(s, "group")):equals({ "splice", "ABE substitutions", "coding substitutions",
    "unassigned", "invalid", n = 5 })
  expect(values(s, "rows")):equals({ 1, 4, 0, 1, 2, n = 5 })
  expect(values(s, "patients")):equals({ 1, 3, 0, 1, 2, n = 5 })
  expect(values(s, "variants")):equals({ 1, 3, 0, 1, 1, n = 5 })
end)

test "exons fill exon and intron" (function()
  local exons = frame.new({ exon = { 1, 2, 3 }, start = { 1, 101, 201 }, stop = { 100, 200, 300 } })
  local d = variants.describe({ "c.150C>T", "c.200+5G>A", "c.201-2A>G", "c.-5C>T" }, { exons = exons })
  expect(values(d, "exon")):equals({ 2, nil, nil, nil, n = 4 })
  expect(values(d, "intron")):equals({ nil, 2, 2, nil, n = 4 })
  local by_exon = variants.group {
    rule "exon 2" { where = function(v) return v.exon == 2 end }, exons = exons,
  }
  expect(by_exon:classify("c.150C>T")):equals("exon 2")
  expect(by_exon:classify("c.250C>T")):equals("unassigned")
  local from_file = variants.group {
    rule "exon 7" { where = "exon == 7" }, exons = "examples/pku-variant-groups/pah_exons.csv",
  }
  expect(from_file:classify("c.842C>T")):equals("exon 7")
  expect(function() variants.group { rule "x" { where = "valid" }, exons = 3 } end)
    :raises("exons must be a frame or a CSV path with columns exon, start, stop")
end)

test "cds: coding substitutions are translated; a wrong reference base is invalid" (function()
  -- codon 2 CAG (Gln): c.4C>T makes TAG, a stop
  local cds = "ATGCAGTGGTAA"
  local g = variants.group {
    rule "nonsense" { where = "consequence == 'nonsense'" },
    rule "missense" { where = "consequence == 'missense'" },
    cds = cds,
  }
  expect(g:classify("c.4C>T")):equals("nonsense")
  expect(g:classify("c.5A>T")):equals("missense")   -- CAG -> CTG, Gln -> Leu
  local grp, err = g:classify("c.4G>T")
  expect(grp):equals("invalid")
  expect(err):equals("hgvs: reference base mismatch at c.4: the description says G, the sequence has C")
  local d = variants.describe({ "c.4C>T" }, { cds = cds })
  expect(values(d, "protein")):equals({ "p.(Gln2Ter)", n = 1 })
end)

local patients = frame.new({
  id = { "A", "B", "C", "D" },
  allele1 = { "c.1003C>T", "c.1003C>T", "c.500del", "c.1003C" },
  allele2 = { "c.1222C>T", "c.500del", "c.501del", "c.1222C>T" },
}, { order = { "id", "allele1", "allele2" } })

local abe = variants.group {
  rule "ABE" { where = "abe_correctable" },
  rule "frameshift" { where = "consequence == 'frameshift'" },
}

test "apply_genotypes: both alleles in the group, or either" (function()
  local both = abe:apply_genotypes(patients, { "allele1", "allele2" })
  expect(values(both, "group")):equals({ "ABE", "unassigned", "frameshift", "invalid", n = 4 })
  expect(values(both, "group_error")[4]):matches("^allele1: hgvs: 'c.1003C' at 7: ")
  local either = abe:apply_genotypes(patients, { "allele1", "allele2" }, { genotype = "either" })
  expect(values(either, "group")):equals({ "ABE", "ABE", "frameshift", "invalid", n = 4 })
  expect(either:names()):equals({ "id", "allele1", "allele2", "group", "group_error" })
end)

test "apply_genotypes: a genotype column, and a policy function" (function()
  local g = frame.new({ genotype = { "c.[1003C>T];[1222C>T]", "c.[1003C>T];[=]", "c.[500del;1003C>T];[1222C>T]" } })
  expect(values(abe:apply_genotypes(g, "genotype"), "group"))
    :equals({ "ABE", "unassigned", "unassigned", n = 3 })
  local seen
  local custom = abe:apply_genotypes(g, "genotype", { genotype = function(alleles)
    seen = seen or alleles
    return #alleles[1].groups > 0 and "first allele fixable" or nil
  end })
  expect(values(custom, "group")):equals({ "first allele fixable", "first allele fixable", "unassigned", n = 3 })
  expect(seen[1]):equals({ variant = "c.1003C>T", groups = { "ABE" } })
end)

test "declaration errors name the rule" (function()
  expect(error_of(variants.group, { rule "x" { where = "consequnce == 'nonsense'" } }))
    :contains("rule \"x\": where: expression:1:1: unknown column 'consequnce' (did you mean 'consequence'?)")
  expect(error_of(variants.group, { rule "x" { where = "start + 1" } }))
    :contains("rule \"x\": where must be a bool expression, not int")
  expect(error_of(function() return rule "x" { wher = "valid" } end))
    :contains("rule \"x\": unknown field 'wher' (where, pattern, description)")
  expect(error_of(function() return rule "x" {} end)):contains("rule \"x\": give where or pattern")
  expect(error_of(function() return rule "invalid" end))
    :contains("rule \"invalid\": 'invalid' is reserved")
  expect(error_of(variants.group, { rule "x" { where = "valid" }, rule "x" { where = "valid" } }))
    :contains("two rules are named \"x\"")
  expect(error_of(variants.group, { { where = "valid" } }))
    :contains("entry 1 is not a rule")
  expect(error_of(variants.group, { rule "x" { where = "valid" }, multipel = true }))
    :contains("unknown option 'multipel'")
  expect(error_of(variants.group, { rule "x" { pattern = "(" } })):contains("rule \"x\": pattern: ")
  expect(error_of(variants.group, {})):contains("variants.group: no rules")
end)

test "apply errors: not a frame, no such column, output column taken" (function()
  expect(error_of(set.apply, set, {}, "variant")):contains("apply: expected a frame")
  expect(error_of(set.apply, set, trial, "variants")):contains("'variants' is not a column")
  local taken = trial:mutate({ group = function() return "x" end })
  expect(error_of(set.apply, set, taken, "variant"))
    :contains("the frame already has a column 'group' (choose another with {into = ...})")
  expect(values(set:apply(taken, "variant", { into = "g" }), "g")[3]):equals("splice")
end)

test "a function rule that raises stops with the rule's name" (function()
  local boom = variants.group { rule "boom" { where = function() error("oops", 0) end } }
  expect(error_of(boom.classify, boom, "c.1A>G")):contains("rule \"boom\": oops")
end)
