-- reference_variants.lua: reference entries of hgvs, editing and variant groups.
-- Exports: an array of entries (the schema: docs/reference/index.md).
local U = require "pathway.reference_util"
local p, r, fn, method, class, module = U.p, U.r, U.fn, U.method, U.class, U.module
local GROUPS = "pathway.groupset"

return {
  module("hgvs", { signature = "hgvs.parse(s [, {lenient = true}]) -> variant | nil, msg",
    summary = "HGVS variant descriptions: parse, annotate against a coding sequence, base-editing chemistry",
    body = "docs/hgvs.md has the grammar, the consequence rules and the conformance results.",
    example = "print(hgvs.parse('c.1003C>T'))  --> c.1003C>T" }),
  fn("hgvs.parse", { signature = "hgvs.parse(s [, {lenient = true}]) -> variant | nil, msg",
    summary = "parse an HGVS variant description (c. g. m. n. o. r. p., alleles)",
    body = [[
Returns a table {kind = "variant", raw, hgvs (the normal form), reference,
coordinate, type, start, stop, is_range, ref, alt, ref_length, alt_length,
length_change, predicted, consequence, term, repeat_count, ...}, or for
c.[a];[b] {kind = "genotype", phase, nalleles, alleles = {...}}; tostring
gives the normal form. Invalid text returns nil and "hgvs: 'TEXT' at N:
what was expected", with a hint for common author mistakes (C1003T, Q335X,
a missing c., whitespace); {lenient = true} accepts those and says in
`correction` what it changed. A non-string raises. docs/hgvs.md has the
grammar, the consequence rules and the conformance results.]],
    params = { p("s", "string", "the description"), p("opts?", "{lenient: boolean}", "correct common author mistakes") },
    returns = { r("pathway.hgvs.variant|nil", "the parsed variant (or genotype)"), r("string?", "why it is invalid") },
    example = "print(hgvs.parse('NM_001875.5:c.1003C>T').consequence)  --> coding" }),
  fn("hgvs.annotate", { signature = "hgvs.annotate(v, {cds = \"ATG...\"}) -> variant | nil, msg",
    summary = "translate a coding substitution against the coding sequence",
    body = [[
v is a string or a parsed variant; cds starts at c.1 (the A of ATG). Returns
the variant with consequence from the codon (missense, nonsense, synonymous,
start_loss, stop_loss) and protein ("p.(Gln335Ter)"), codon, ref_codon,
alt_codon, ref_aa, alt_aa. A reference base that disagrees with the sequence,
or a change other than a coding substitution, returns nil and the reason.
docs/base-editing.md has the rules.]],
    params = { p("v", "string|pathway.hgvs.variant", "the variant"), p("opts", "{cds: string}", "the coding sequence from c.1") },
    returns = { r("pathway.hgvs.variant|nil", "the annotated variant"), r("string?", "why it cannot be annotated") },
    example = "print(hgvs.annotate('c.4C>T', {cds = 'ATGCAGTGGTAA'}).protein)  --> p.(Gln2Ter)" }),
  fn("hgvs.editing", { signature = "hgvs.editing(v) -> {snv, transition, transversion, abe_correctable, cbe_correctable} | nil, msg",
    summary = "which base editor could revert a single-base change",
    body = [[
An adenine base editor (A.T to G.C) reverts pathogenic G>A and C>T; a
cytosine base editor (C.G to T.A) reverts A>G and T>C. Chemistry only: it
does not say a guide exists (editing.sites does). Invalid text returns nil,
msg. docs/base-editing.md.]],
    params = { p("v", "string|pathway.hgvs.variant", "the variant") },
    returns = { r("{snv: boolean, transition: boolean, transversion: boolean, abe_correctable: boolean, cbe_correctable: boolean}|nil", "the chemistry"),
                r("string?", "why the text is invalid") },
    example = "print(hgvs.editing('c.1003C>T').abe_correctable)  --> true" }),
  class("variant", { class = "pathway.hgvs.variant", signature = "hgvs.parse(s) -> variant",
    summary = "a parsed HGVS variant (or genotype): fields, tostring the normal form",
    body = [[
Fields: kind ("variant" or "genotype"), raw, hgvs (the normal form),
reference, coordinate, type, start, stop, is_range, ref, alt, ref_length,
alt_length, length_change, predicted, consequence, term, repeat_count,
correction (lenient parses); with hgvs.annotate also protein, codon,
ref_codon, alt_codon, ref_aa, alt_aa. A genotype has phase, nalleles and
alleles. No methods. docs/hgvs.md.]],
    example = "local v = hgvs.parse('c.217del'); print(v.type, v.length_change)" }),

  module("editing", { signature = "editing.sites(seq, pos [, opts]) -> sites",
    summary = "base-editing guides: protospacers that put a base in the editing window",
    body = "docs/base-editing.md.",
    example = "print(#editing.sites(('T'):rep(20) .. 'CCCCACCCCCCCCCCCCCCCAGG', 25))  --> 1" }),
  fn("editing.sites", { signature = "editing.sites(seq, pos [, {pam =, window =, protospacer =, editor =}]) -> sites",
    summary = "protospacers on both strands that put a base inside the editing window",
    body = [[
Defaults: pam "NGG" (IUPAC codes allowed), window {4, 8} (protospacer
indexes from the PAM-distal end), protospacer 20, editor "abe" ("cbe").
Each site: strand, start, pam_start, target_index, protospacer, pam,
target_base, editable, bystanders, bystander_index. Bad arguments raise.]],
    params = { p("seq", "string", "the DNA sequence"), p("pos", "integer", "the 1-based position of the target base"),
               p("opts?", "{pam: string, window: integer[], protospacer: integer, editor: string}", "PAM, window, length, \"abe\" or \"cbe\"") },
    returns = { r("table[]", "the sites") },
    example = "print(editing.sites(('T'):rep(20) .. 'CCCCACCCCCCCCCCCCCCCAGG', 25)[1].strand)" }),

  module("variants", { signature = "variants.group { rule \"name\" {...}, ... } -> groups",
    summary = "group variants by declared rules over their HGVS attributes",
    body = "docs/variants.md.",
    example = "print(variants.group{ rule 'ABE' {where = 'abe_correctable'} }:classify('c.1003C>T'))  --> ABE" }),
  fn("variants.group", { signature = "variants.group { rule \"name\" {where = ..., pattern = ...}, ... [, cds =, exons =, lenient =, multiple =] } -> groups",
    summary = "variant-grouping rules: groups:apply, apply_genotypes, summary, explain, classify",
    body = [[
Rules are tried in declared order; first match wins (multiple = true keeps
all). where is an expression over the variant attributes (consequence,
type, abe_correctable, exon, ...) or a Lua function; pattern is a PCRE2
pattern on the text as written. Unparseable variants go to "invalid" with
their error, unmatched ones to "unassigned". Options: cds, exons, lenient,
multiple. docs/variants.md.]],
    params = { p("spec", "table", "the rules (rule \"name\" {...}) in order, and the options cds, exons, lenient, multiple") },
    returns = { r("pathway.groupset", "the group set") },
    example = "print(variants.group{ rule 'ABE' {where = 'abe_correctable'} }:classify('c.1003C>T'))  --> ABE" }),
  fn("variants.rule", { signature = "variants.rule \"name\" {where =, pattern =, description =} -> rule",
    summary = "one rule of a group set (also the global rule)",
    body = [[
where is an expression string over the variant attributes (docs/variants.md)
or a Lua function of the variant table returning true or false; pattern a
PCRE2 pattern matched against the text as written; description free text
for reports. At least one of where and pattern. The names "invalid" and
"unassigned" are reserved.]],
    params = { p("name", "string", "the group's name") },
    returns = { r("fun(spec: {where: string|fun(v: table): boolean, pattern: string, description: string}): pathway.rule", "takes the rule's table") },
    example = "print(variants.rule 'splice' {where = \"consequence == 'splice_site'\"})" }),
  fn("rule", { signature = "rule \"name\" {where =, pattern =, description =} -> rule",
    summary = "a variant-grouping rule, for variants.group (the same as variants.rule)",
    body = "pathway help variants.rule.",
    params = { p("name", "string", "the group's name") },
    returns = { r("fun(spec: table): pathway.rule", "takes the rule's table") },
    example = "print(rule 'frameshift' {where = \"consequence == 'frameshift'\"})" }),
  fn("variants.describe", { signature = "variants.describe(values [, {cds =, exons =, lenient =}]) -> frame",
    summary = "the attribute frame a rule's where sees, for an array of variant strings",
    params = { p("values", "string[]", "the variant strings"),
               p("opts?", "{cds: string, exons: pathway.frame|string, lenient: boolean}", "as variants.group") },
    returns = { r("pathway.frame", "one row per value: variant, valid, error, hgvs, type, consequence, ...") },
    example = "print(variants.describe({'c.1003C>T', 'bad'}):select('variant', 'valid', 'type'))" }),
  class("variant_rule", { class = "pathway.rule", signature = "rule \"name\" {...} -> rule",
    summary = "a declared rule: name, where, pattern, description (no methods)",
    example = "print(rule 'x' {pattern = '^c\\\\.'}.name)  --> x" }),
  class("groups", { class = GROUPS, signature = "variants.group {...} -> groups",
    summary = "a variant group set: apply, apply_genotypes, classify, summary, plot, explain",
    body = [[
Rules are tried in declared order; first match wins (multiple = true keeps
all). Unparseable variants go to "invalid", unmatched ones to
"unassigned". tostring lists the rules.]],
    example = "print(variants.group{ rule 'ABE' {where = 'abe_correctable'} })" }),
  method("groups:apply", { signature = "groups:apply(frame, column [, {into = \"group\"}]) -> frame",
    summary = "the frame with columns group and group_error added",
    body = [[
group_error is the parse error of invalid rows, else NA. With multiple =
true a row matching k rules appears k times. into names the group column
when group is taken. The cost on a large file is the load's: distinct
values are classified once, then joined back.]],
    params = { p("frame", "pathway.frame", "the data"), p("column", "string", "the variant column"),
               p("opts?", "{into: string}", "the group column's name") },
    returns = { r("pathway.frame", "the frame with the groups") },
    example = "print(variants.group{ rule 'ABE' {where = 'abe_correctable'} }:apply(f, 'variant'):count('group'))" }),
  method("groups:apply_genotypes", { signature = "groups:apply_genotypes(patients, {\"allele1\", \"allele2\"} | \"genotype\" [, {genotype = \"both\"|\"either\"|fn, into = \"group\"}]) -> frame",
    summary = "assign each patient row by its two alleles or its HGVS genotype",
    body = [[
An allele is in a group when every change on it is. Policy "both" (the
default): every allele in the group; "either": at least one; or a function
of the alleles ({{variant =, groups = {...}}, ...}) returning a group name,
an array of names, or nil. An unparseable allele makes the patient invalid.]],
    params = { p("patients", "pathway.frame", "one row per patient"),
               p("cols", "string|string[]", "two allele columns or one genotype column"),
               p("opts?", "{genotype: string|fun(alleles: table): string|string[]|nil, into: string}", "policy and column name") },
    returns = { r("pathway.frame", "the patients with group and group_error") },
    example = "print(variants.group{ rule 'ABE' {where = 'abe_correctable'} }:apply_genotypes(frame.new{a1 = {'c.1003C>T'}, a2 = {'c.5G>A'}}, {'a1', 'a2'}))" }),
  method("groups:classify", { signature = "groups:classify(s) -> group, err",
    summary = "the group of one variant string (with multiple, the array of groups) and its parse error",
    params = { p("s", "string", "the variant as written") },
    returns = { r("string|string[]", "the group (or groups)"), r("string?", "the parse error of an invalid variant") },
    example = "print(variants.group{ rule 'ABE' {where = 'abe_correctable'} }:classify('c.999X'))" }),
  method("groups:classify_values", { signature = "groups:classify_values(values, n) -> {{groups =, error =, variant =}, ...}",
    summary = "classify n distinct strings at once (what apply and the embedding API use)",
    params = { p("values", "string[]", "the strings"), p("n", "integer", "how many") },
    returns = { r("{groups: string[], error: string?, variant: table?}[]", "per string: its groups, parse error and parsed variant") },
    example = "print(variants.group{ rule 'ABE' {where = 'abe_correctable'} }:classify_values({'c.1003C>T'}, 1)[1].groups[1])  --> ABE" }),
  method("groups:summary", { signature = "groups:summary(assigned [, {group =, variant =, patient =}]) -> frame",
    summary = "one row per rule, then unassigned and invalid: variants, patients, rows",
    params = { p("assigned", "pathway.frame", "a frame from apply or apply_genotypes"),
               p("opts?", "{group: string, variant: string, patient: string}", "column names") },
    returns = { r("pathway.frame", "the counts per group") },
    example = "local g = variants.group{ rule 'ABE' {where = 'abe_correctable'} }; print(g:summary(g:apply(f, 'variant')))" }),
  method("groups:plot", { signature = "groups:plot(assigned [, {group = \"group\", patient =}]) -> string",
    summary = "an SVG bar chart of groups:summary (variants, or patients when patient is named)",
    params = { p("assigned", "pathway.frame", "a frame from apply"), p("opts?", "{group: string, patient: string}", "column names") },
    returns = { r("string", "the SVG") },
    example = "local g = variants.group{ rule 'ABE' {where = 'abe_correctable'} }; print(#g:plot(g:apply(f, 'variant')) > 0)" }),
  method("groups:explain", { signature = "groups:explain(s) -> explanation",
    summary = "why a variant lands in its group: every rule, matched or not, with the values it saw",
    params = { p("s", "string", "the variant as written") },
    returns = { r("pathway.explanation", "the explanation") },
    example = "print(variants.group{ rule 'ABE' {where = 'abe_correctable'} }:explain('c.1003C>T'))" }),
  class("explanation", { class = "pathway.explanation", signature = "groups:explain(s) -> explanation",
    summary = "fields variant, groups, error, rules = {{name, matched, why}, ...}; tostring lists the rules",
    example = "print(variants.group{ rule 'ABE' {where = 'abe_correctable'} }:explain('c.1003C>T').rules[1].matched)  --> true" }),
}
