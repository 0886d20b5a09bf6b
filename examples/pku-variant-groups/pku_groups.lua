-- pku_groups.lua: group a PAH variant list by shared mechanism, then the
-- patients of a cohort by their two alleles. Illustrative only: the data
-- is synthetic (make_data.lua); see README.md.
--   pathway examples/pku-variant-groups/pku_groups.lua
local dir = (arg[0]:match("^(.*)/[^/]*$") or ".") .. "/"

-- The six rules (pku_rules.lua, shared with review.lua): ABE- and
-- CBE-correctable nonsense and missense, canonical splice sites, exon 7
-- missense, frameshifts; coding substitutions translated against pah_cds.txt.
local groups = require("pku_rules").groups(dir)

local list = csv.read(dir .. "pah_variants.csv")
local assigned = groups:apply(list, "variant")
print(("%d variants in %d rules"):format(list:nrow(), #groups.rules))
print(groups:summary(assigned))

print("\nWhy c.1222C>T (p.Arg408Trp) lands where it does:")
print(groups:explain("c.1222C>T"))

print("\nVariants no rule can take (as written in the list):")
for row in assigned:filter("group == 'invalid'"):rows() do
  print(("  %-14s %s"):format(("%q"):format(row.variant), row.group_error))
end

local patients = csv.read(dir .. "patients.csv")
for _, policy in ipairs({ "either", "both" }) do
  local by_patient = groups:apply_genotypes(patients, { "allele1", "allele2" }, { genotype = policy })
  print(("\nPatients by genotype, policy '%s' (%s allele in the group):"):format(
    policy, policy == "both" and "each" or "at least one"))
  print(groups:summary(by_patient, { variant = "allele1" }):select("group", "patients"))
end
