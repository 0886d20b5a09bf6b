-- review.lua: the PKU variant groups as a plausible-mechanism review. It
-- shows a review that does NOT pass: the data show the molecular cause and
-- which patients a platform editor could reach, and nothing else yet.
-- Illustrative only: the data are synthetic (make_data.lua); see README.md.
--   pathway review examples/pku-variant-groups/review.lua
local here = arg[0]:match("^(.*)/") or "."

---------------------------------------------------------------- pre-specified

-- Phenylketonuria is recessive and a heterozygous carrier is healthy, so
-- correcting one allele should suffice: a patient is reachable when at
-- least one allele is in an ABE-correctable group (genotype policy "either").
local POLICY = "either"
local ABE_GROUPS = "('ABE-correctable nonsense', 'ABE-correctable missense')"
-- The ABE groups must hold enough patients for a platform to matter.
local MIN_ABE_PATIENTS = 10

---------------------------------------------------------------- data

groups = require("pku_rules").groups(here .. "/")
pah_variants = csv.read(here .. "/pah_variants.csv")
patients = csv.read(here .. "/patients.csv")
by_patient = groups:apply_genotypes(patients, { "allele1", "allele2" }, { genotype = POLICY })

pathway "PKU — ABE-correctable PAH variant groups" {
  therapy = "LNP-delivered adenine base editor, one guide per variant group",
  modality = "base editing",
  disease = "phenylketonuria (PAH deficiency)",
  gene = "PAH",
  description = "Illustrative; synthetic data from make_data.lua. No treated patient yet.",
}

---------------------------------------------------------------- criteria

criterion "Recurrent PAH variants parse and are grouped by mechanism" {
  element = "molecular_cause",
  check = function()
    local recurrent = groups:apply(pah_variants:filter "source == 'recurrent'", "variant")
    local bad = recurrent:filter "group == 'invalid'"
    if bad:nrow() > 0 then
      return not_met(("%d recurrent variants do not parse"):format(bad:nrow()),
                     bad:select("variant", "group_error"))
    end
    return met({ recurrent = recurrent:nrow(),
                 grouped = recurrent:filter("group != 'unassigned'"):nrow(),
                 groups = groups:summary(recurrent),
                 group_bars = groups:plot(recurrent) })
  end,
}

criterion "Every patient's two alleles are valid HGVS" {
  element = "molecular_cause",
  check = function()
    local bad = by_patient:filter "group == 'invalid'"
    if bad:nrow() > 0 then
      -- the spreadsheet's spellings (c.1222 C>T, R408W, ...): the genotype
      -- cannot be confirmed until the site re-reports them
      return not_met(("%d of %d patients have an allele written as no HGVS parser reads it"):format(
        bad:nrow(), by_patient:nrow()), { unparseable = bad:select("patient_id", "allele1", "allele2", "group_error") })
    end
    return met({ patients = by_patient:nrow() })
  end,
}

criterion "The ABE-correctable groups hold patients" {
  element = "targets_root_cause",
  requires = { "Recurrent PAH variants parse and are grouped by mechanism" },
  check = function()
    local reachable = by_patient:filter("group in " .. ABE_GROUPS)
    local ev = { policy = POLICY, patients = reachable:nrow(), of = by_patient:nrow(),
                 by_group = groups:summary(by_patient, { variant = "allele1" }):select("group", "patients") }
    if reachable:nrow() < MIN_ABE_PATIENTS then
      return not_met(("%d patients in the ABE-correctable groups (need %d)"):format(reachable:nrow(),
                                                                                  MIN_ABE_PATIENTS), ev)
    end
    return met(ev)
  end,
}

criterion "The untreated course is characterized" {
  element = "natural_history",
  check = function()
    return insufficient("no natural-history cohort in this example: patients.csv holds one baseline "
                        .. "phenylalanine per patient, not an untreated course over time",
                        { patients = patients:nrow(), columns = table.concat(patients:names(), ", ") })
  end,
}

criterion "The editor reaches its target base" {
  element = "target_engagement",
  check = function()
    local abe = by_patient:filter("group in " .. ABE_GROUPS)
    return insufficient("no editing data: abe_correctable is chemistry only (docs/base-editing.md); "
                        .. "it does not show that a guide places the base in the window or that it is edited",
                        { abe_correctable_patients = abe:nrow() })
  end,
}

-- clinical_improvement has no criterion: no patient has been treated, so
-- the report shows it as "not addressed".
