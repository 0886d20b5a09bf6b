-- review.lua: a plausible-mechanism review of one base-editing platform across
-- urea-cycle disorders. Illustrative only: the data are synthetic
-- (make_data.lua); see README.md.
--   pathway review examples/ucd-platform/review.lua
local here = arg[0]:match("^(.*)/") or "."

---------------------------------------------------------------- pre-specified

-- The genes of the urea cycle (and its activator NAGS) the platform treats.
local UCD_GENES = "('CPS1', 'OTC', 'ASS1', 'ASL', 'ARG1', 'NAGS')"
-- An external control needs enough patients and events ...
local MIN_NH_PATIENTS = 20
local MIN_NH_EVENTS = 10
-- ... and must be able to distinguish, over the treated patients' actual
-- follow-up, the effect the platform is designed for: crises cut by two
-- thirds (smallest distinguishable rate ratio, alpha 0.05, power 0.8).
local MAX_DETECTABLE_RR = 1 / 3
-- Target engagement: mean editing of the target base per guide and model.
-- KJ's editor corrected ~42% of liver cells in mice; urea-cycle flux is
-- restored well below full correction, so 20% is the bar, in both models.
local MIN_EDITING_PCT = 20
-- Bystander edits in the window: at most 5% in any replicate.
local MAX_BYSTANDER_PCT = 5
-- Clinical outcomes count only after a full year of follow-up.
local MIN_FOLLOWUP_DAYS = 365
-- Rate ratio of crises, treated / natural history: the upper 95% bound must
-- lie below 1 (fewer crises than untreated patients, not by chance).
local MAX_RR_UPPER = 1
-- Dietary protein tolerance: median gain in g/kg/day.
local MIN_PROTEIN_GAIN = 0.3
-- One patient's success: no crisis after dosing, peak ammonia under
-- 100 umol/L, and at least 0.3 g/kg/day more protein tolerated.
local SUCCESS = "crises_after == 0 and peak_ammonia_after < 100 and " ..
                "protein_after_g_kg - protein_before_g_kg >= 0.3"
local CONSECUTIVE_NEEDED = 3
-- Post-market: Poisson maxSPRT, alpha 0.05, over surveillance that ends when
-- 24 events are expected from background rates (about two years of use).
local SURVEILLANCE_LENGTH = 24

---------------------------------------------------------------- data

patients = csv.read(here .. "/patients.csv")
editing = csv.read(here .. "/editing.csv")
history = csv.read(here .. "/natural_history.csv")
postmarket = csv.read(here .. "/postmarket.csv")

-- Platform groups: the editor chemistry that reverts the change. One guide
-- per patient, everything else (LNP, editor backbone) shared in a group.
groups = variants.group {
  rule "ABE: coding G>A or C>T" {
    where = "type == 'substitution' and start_offset == 0 and abe_correctable",
    description = "G>A or C>T in a coding exon: the ABE backbone reverts it",
  },
  rule "CBE: coding A>G or T>C" {
    where = "type == 'substitution' and start_offset == 0 and cbe_correctable",
    description = "A>G or T>C in a coding exon: the CBE backbone reverts it",
  },
}
assigned = groups:apply(patients, "variant")

pathway "Urea-cycle disorders — personalized base-editing platform" {
  therapy = "LNP-delivered adenine or cytosine base editor, one guide per patient",
  modality = "base editing",
  disease = "urea-cycle disorders (CPS1, OTC, ASS1, ASL, ARG1, NAGS deficiency)",
  platform = "one LNP, one ABE and one CBE backbone; a new guide RNA per patient",
  description = "Illustrative; synthetic data from make_data.lua",
}

---------------------------------------------------------------- criteria

criterion "Each patient carries a valid variant of a urea-cycle gene in a platform group" {
  element = "molecular_cause",
  check = function()
    local bad = patients:filter("not hgvs_valid(variant) or gene not in " .. UCD_GENES)
    if bad:nrow() > 0 then return not_met("variants outside the urea-cycle genes or unparseable", bad) end
    local out = assigned:filter "group in ('invalid', 'unassigned')"
    if out:nrow() > 0 then
      return not_met(("%d patients' variants fall in no platform group"):format(out:nrow()),
                     { outside = out:select("patient_id", "gene", "variant", "group") })
    end
    return met({ patients = patients:nrow(), genes = patients:distinct("gene"):nrow(),
                 groups = groups:summary(assigned),
                 group_bars = groups:plot(assigned, { patient = "patient_id" }) })
  end,
}

criterion "Each patient's editor reverts their change" {
  element = "targets_root_cause",
  requires = { "Each patient carries a valid variant of a urea-cycle gene in a platform group" },
  check = function()
    local wrong = assigned:filter("(group == 'ABE: coding G>A or C>T' and editor != 'ABE') or " ..
                                  "(group == 'CBE: coding A>G or T>C' and editor != 'CBE')")
    local table = assigned:count("group", "editor")
    if wrong:nrow() > 0 then
      return not_met(("%d patients got an editor that cannot revert their change"):format(wrong:nrow()),
                     { mismatched = wrong:select("patient_id", "variant", "group", "editor") })
    end
    return met({ by_group_and_editor = table })
  end,
}

criterion "The natural history can show crises cut by two thirds" {
  element = "natural_history",
  check = function()
    local a = nh.adequacy { control = history, id = "patient_id", events = "crises",
                            exposure = "years_observed", treated_n = patients:nrow(),
                            treated_years = patients:col("followup_days"):sum() / 365.25 }
    local ev = { adequacy = a }
    if a.patients < MIN_NH_PATIENTS or a.events < MIN_NH_EVENTS then
      return insufficient(("%d untreated patients with %d crises (need %d and %d)"):format(
        a.patients, a.events, MIN_NH_PATIENTS, MIN_NH_EVENTS), ev)
    end
    if a.estimate == nil or a.estimate > MAX_DETECTABLE_RR then
      return insufficient(("smallest distinguishable rate ratio %s (need <= %.2f)"):format(
        a.estimate and ("%.2f"):format(a.estimate) or "none", MAX_DETECTABLE_RR), ev)
    end
    return met(ev)
  end,
}

criterion "Every guide edits its target in both nonclinical models" {
  element = "target_engagement",
  check = function()
    local per = editing:summarise({ replicates = "count()", mean_editing_pct = "mean(editing_pct)",
                                    max_bystander_pct = "max(bystander_pct)" }, { by = { "guide", "model" } })
    local models = per:count("guide"):filter "n < 2"
    local untested = patients:filter(function(p)
      return editing:filter(function(e) return e.guide == p.guide end):nrow() == 0
    end)
    if untested:nrow() > 0 or models:nrow() > 0 then
      return insufficient("a patient's guide was not tested in both models",
                          { untested = untested:select("patient_id", "guide"), one_model = models })
    end
    local low = per:filter(("mean_editing_pct < %g or max_bystander_pct > %g"):format(MIN_EDITING_PCT,
                                                                                       MAX_BYSTANDER_PCT))
    if low:nrow() > 0 then
      return not_met(("%d guide-model pairs below %g%% editing or above %g%% bystander editing"):format(
        low:nrow(), MIN_EDITING_PCT, MAX_BYSTANDER_PCT), { failing = low, all = per })
    end
    local m = per:col("mean_editing_pct")
    return met({ guides = per:distinct("guide"):nrow(), lowest_mean_editing_pct = m:min(),
                 per_guide_and_model = per })
  end,
}

criterion "Fewer hyperammonemic crises than the natural history" {
  element = "clinical_improvement",
  requires = { "The natural history can show crises cut by two thirds" },
  check = function()
    local short = patients:filter(("followup_days < %d"):format(MIN_FOLLOWUP_DAYS))
    if short:nrow() > 0 then
      return insufficient(("%d patients followed for less than %d days"):format(short:nrow(), MIN_FOLLOWUP_DAYS),
                          { short = short:select("patient_id", "treated_on", "followup_days") })
    end
    -- nh.events reads the same column names in both frames: the crises and
    -- years after dosing under the natural history's names.
    local treated = patients:mutate { crises = "crises_after", years_observed = "followup_days / 365.25" }
    local r = nh.events { treated = treated, control = history, id = "patient_id", events = "crises",
                          exposure = "years_observed" }
    if r.conf_int[2] >= MAX_RR_UPPER then
      return not_met(("rate ratio %.2f, upper 95%% bound %.2f (need < %g)"):format(
        r.estimate, r.conf_int[2], MAX_RR_UPPER), { events = r })
    end
    return met({ events = r })
  end,
}

criterion "Ammonia control and protein tolerance improve in every patient" {
  element = "clinical_improvement",
  check = function()
    local worse = patients:filter "peak_ammonia_after >= peak_ammonia_before or protein_after_g_kg < protein_before_g_kg"
    local change = patients:mutate { protein_gain_g_kg = "protein_after_g_kg - protein_before_g_kg",
                                     ammonia_fall_pct = "100 * (1 - peak_ammonia_after / peak_ammonia_before)" }
    local ev = { per_patient = change:select("patient_id", "gene", "peak_ammonia_before", "peak_ammonia_after",
                                            "protein_gain_g_kg", "ammonia_fall_pct") }
    if worse:nrow() > 0 then
      return not_met(("%d patients without improvement"):format(worse:nrow()), ev)
    end
    local gain = change:col("protein_gain_g_kg"):median()
    ev.median_protein_gain_g_kg = gain
    if gain < MIN_PROTEIN_GAIN then
      return not_met(("median protein tolerance gain %.2f g/kg/day (need %g)"):format(gain, MIN_PROTEIN_GAIN), ev)
    end
    return met(ev)
  end,
}

criterion "Three consecutive patients succeed on the platform" {
  element = "consecutive_success",
  check = function()
    local run = platform.consecutive { patients = patients, order = "treated_on", success = SUCCESS,
                                       id = "patient_id", needed = CONSECUTIVE_NEEDED }
    if not run.achieved then
      return insufficient(("longest run of successes %d (need %d)"):format(run.longest_run, CONSECUTIVE_NEEDED),
                          { platform = run })
    end
    return met({ platform = run })
  end,
}

criterion "No safety signal in post-market surveillance" {
  element = "post_market",
  check = function()
    local s = rwe.maxsprt { data = postmarket, observed = "observed_sae", expected = "expected_sae",
                            alpha = 0.05, min_events = 1, length = SURVEILLANCE_LENGTH,
                            looks = "month" }
    if s.signal then
      return not_met(("signal at look %s: more serious adverse events than background"):format(
        tostring(s.signal_label or s.signal_look)), { maxsprt = s })
    end
    return met({ maxsprt = s })
  end,
}
