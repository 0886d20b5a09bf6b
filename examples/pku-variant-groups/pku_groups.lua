-- pku_groups.lua: group a PAH variant list by shared mechanism, then the
-- patients of a cohort by their two alleles. Illustrative only: the data
-- is synthetic (make_data.lua); see README.md.
--   pathway examples/pku-variant-groups/pku_groups.lua
local dir = (arg[0]:match("^(.*)/[^/]*$") or ".") .. "/"

local function slurp(path)
  local f = assert(io.open(path, "r"))
  local s = f:read("l")
  f:close()
  return s
end

local groups = variants.group {
  rule "ABE-correctable nonsense" { where = "consequence == 'nonsense' and abe_correctable" },
  rule "ABE-correctable missense" { where = "consequence == 'missense' and abe_correctable" },
  rule "CBE-correctable missense" { where = "consequence == 'missense' and cbe_correctable" },
  rule "canonical splice"         { pattern = [[^c\.\d+[+-][12][ACGT]>[ACGT]$]] },
  rule "exon 7 missense"          { where = function(v) return v.exon == 7 and v.consequence == "missense" end },
  rule "frameshift"               { where = "consequence == 'frameshift'" },
  cds = slurp(dir .. "pah_cds.txt"),            -- synthetic; c.1 is the A of ATG
  exons = csv.read(dir .. "pah_exons.csv"),
}

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
