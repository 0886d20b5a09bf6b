-- make_data.lua: generate the cps1-base-editing example's synthetic data.
-- Illustrative only: no real patient is described. The treated neonate is
-- modelled on the public facts of the first personalized base-editing case
-- (CPS1 c.1003C>T, p.Gln335Ter, corrected by an LNP-delivered adenine base
-- editor; DESIGN.md §1), but every value, date and identifier here is
-- invented, the natural-history cohort is simulated, and the coding
-- sequence is random codons with a few codons fixed (see FIXED below).
-- Deterministic (math.random is seeded by --seed); run in this folder:
--   pathway --seed 2026 make_data.lua cds             > cps1_cds.txt
--   pathway --seed 2026 make_data.lua patients        > patients.csv
--   pathway --seed 2026 make_data.lua natural_history > natural_history.csv
--   pathway --seed 2026 make_data.lua visits          > visits.csv
--   pathway --seed 2026 make_data.lua nonclinical     > nonclinical.csv
-- Every call simulates everything in the same order and prints one part,
-- so the files agree with each other (visits add up to natural_history).
local what = arg[1]
local BASES = { "A", "C", "G", "T" }
local STOPS = { TAA = true, TAG = true, TGA = true }

---------------------------------------------------------------- coding sequence

-- 1,500 codons and a stop (CPS1's protein has 1,500 residues). Codons fixed
-- so that the variants below have the intended effect; around codon 335 a
-- designed stretch: codon 329 GCC puts an NGG PAM on the minus strand (CC
-- at c.986-987) so the minus-strand protospacer ending at c.1008 holds
-- c.1003 at index 6 of the 4-8 window; codon 334 GCT leaves one bystander
-- (c.1002T, whose edit to C is synonymous, GCT -> GCC, Ala).
local FIXED = {
  [1] = "ATG", [328] = "AAG", [329] = "GCC", [330] = "AGC", [331] = "GAA", [332] = "CGC",
  [333] = "AGC", [334] = "GCT", [335] = "CAG", [336] = "AGG", [337] = "AAC", [338] = "GGC",
  [339] = "CTG", [340] = "GAG", [341] = "CAA",
  [510] = "GAA",    -- c.1528G>T: p.Glu510Ter
  [544] = "ACG",    -- c.1631C>T: p.Thr544Met
  [780] = "CGC",    -- c.2339G>A: p.Arg780His
  [803] = "CGA",    -- c.2407C>T: p.Arg803Ter
  [1262] = "CGA",   -- c.3784C>T: p.Arg1262Ter
  [1322] = "TAT",   -- c.3965A>G: p.Tyr1322Cys
  [1501] = "TAA",
}

local function random_codon()
  while true do
    local c = BASES[math.random(4)] .. BASES[math.random(4)] .. BASES[math.random(4)]
    if not STOPS[c] then return c end
  end
end

local function make_cds()
  local codons = {}
  for i = 1, 1501 do codons[i] = FIXED[i] or random_codon() end
  return table.concat(codons)
end

local cds = make_cds()

---------------------------------------------------------------- random numbers

local function normal(mu, sd)
  local u1, u2 = math.random(), math.random()
  if u1 < 1e-12 then u1 = 1e-12 end
  return mu + sd * math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
end

local function exponential(rate)
  local u = math.random()
  if u < 1e-12 then u = 1e-12 end
  return -math.log(u) / rate
end

local function poisson(lambda)   -- Knuth; lambda is small here
  local L, k, p = math.exp(-lambda), 0, 1
  repeat k = k + 1; p = p * math.random() until p <= L
  return k - 1
end

local function gamma_int(shape)   -- Gamma(shape, 1) for an integer shape
  local s = 0
  for _ = 1, shape do s = s + exponential(1) end
  return s
end

local function clamp(x, lo, hi) return math.max(lo, math.min(hi, x)) end

local function pick(list)   -- list of {value, weight}
  local total = 0
  for _, e in ipairs(list) do total = total + e[2] end
  local u, acc = math.random() * total, 0
  for _, e in ipairs(list) do
    acc = acc + e[2]
    if u <= acc then return e[1] end
  end
  return list[#list][1]
end

---------------------------------------------------------------- the cohort

-- CPS1 variants of the synthetic registry (valid HGVS on the CPS1 coding
-- sequence above; not a claim about real alleles), with a classification.
local VARIANTS = {
  { { "c.1003C>T", "pathogenic" }, 3 },
  { { "c.2407C>T", "pathogenic" }, 5 },
  { { "c.3784C>T", "pathogenic" }, 4 },
  { { "c.1528G>T", "pathogenic" }, 3 },
  { { "c.1549del", "pathogenic" }, 4 },
  { { "c.2359_2360insA", "pathogenic" }, 3 },
  { { "c.3558dup", "pathogenic" }, 3 },
  { { "c.1982+1G>A", "pathogenic" }, 4 },
  { { "c.3657-2A>G", "pathogenic" }, 3 },
  { { "c.840+1G>T", "likely pathogenic" }, 2 },
  { { "c.1631C>T", "pathogenic" }, 5 },
  { { "c.2339G>A", "pathogenic" }, 4 },
  { { "c.3965A>G", "likely pathogenic" }, 3 },
}

local N_COHORT = 50
local DAY = 1 / 365.25

-- Hyperammonemic crises per year by age under standard care (ammonia
-- scavengers, protein restriction), before the patient's own frailty.
local function crisis_rate(age_days)
  if age_days < 183 then return 6 end
  if age_days < 730 then return 4 end
  return 2.5
end

-- Scheduled visit ages (days): close follow-up in infancy, then quarterly.
local SCHEDULE = { 14, 30, 60, 90, 120, 180, 240, 300, 365, 450, 540, 630, 730 }
local function schedule_after(last)
  local out = {}
  for _, a in ipairs(SCHEDULE) do out[#out + 1] = a end
  local a = 730
  while a < last do a = a + 91; out[#out + 1] = a end
  return out
end

local cohort, cohort_visits = {}, {}
for i = 1, N_COHORT do
  local id = ("NH%02d"):format(i)
  local v = pick(VARIANTS)
  local sex = math.random(2) == 1 and "F" or "M"
  local onset = math.random(1, 4)
  local frailty = gamma_int(5) / 5
  local censor = math.floor(365.25 * (1.0 + 4.5 * math.random()))   -- registry closes
  -- Death: a neonatal death in the first weeks, else a hazard that falls
  -- after infancy (sicker patients, higher hazard).
  local death
  if math.random() < 0.14 then
    death = math.random(onset + 2, 28)
  else
    local t1 = 29 + exponential(0.22 * frailty) * 365.25
    if t1 < 730 then death = math.floor(t1)
    else death = math.floor(730 + exponential(0.06 * frailty) * 365.25) end
  end
  local died = death <= censor
  local last = died and death or censor
  local protein0 = normal(1.25, 0.12)
  local scav0 = 50 * math.floor(normal(500, 40) / 50 + 0.5)
  local ages = { onset }
  for _, a in ipairs(schedule_after(last)) do
    local j = a + math.random(-5, 5)
    if j < last - 14 and j > ages[#ages] then ages[#ages + 1] = j end   -- no visit just before the end
  end
  if ages[#ages] < last then ages[#ages + 1] = last end
  local total, prev, scav = 0, 0, scav0
  for k, a in ipairs(ages) do
    local dt = a - prev
    local crises
    if k == 1 then crises = 1   -- the neonatal presentation
    else crises = poisson(crisis_rate((a + prev) / 2) * frailty * dt * DAY) end
    if died and k == #ages then crises = crises + 1 end   -- the fatal decompensation
    total = total + crises
    -- the scavenger dose goes up after some crises and is sometimes tapered
    if crises > 0 and math.random() < 0.5 then scav = math.min(600, scav + 50)
    elseif crises == 0 and k > 1 and math.random() < 0.15 then scav = math.max(350, scav - 50) end
    local protein = k == 1 and 0.5 or clamp(normal(protein0 - 0.08 * a * DAY, 0.08), 0.6, 2)
    local ammonia = crises > 0 and normal(230, 60) or normal(75, 18)
    cohort_visits[#cohort_visits + 1] = ("%s,natural_history,%d,%d,%d,%.2f,%d,%d"):format(
      id, a, dt, crises, protein, scav, math.floor(clamp(ammonia, 25, 900) + 0.5))
    prev = a
  end
  cohort[#cohort + 1] = ('%s,%s,CPS1,"%s",%s,%s,neonatal,%d,%.2f,%d,%d'):format(
    id, i <= 30 and "registry A" or "registry B", v[1], v[2], sex, onset, last * DAY, died and 1 or 0, total)
end

---------------------------------------------------------------- the treated patient

local BIRTH, DOSE_AGE, LAST_AGE = "2023-06-12", 200, 900
-- dose date 2023-12-29 (age 200 days), last visit 2025-11-28 (age 900 days)
local TREATED_AGES = { 2, 14, 30, 60, 90, 120, 150, 180, 200, 214, 230, 260, 290, 320, 380,
                       440, 500, 560, 620, 680, 740, 800, 860, 900 }
local PRE_CRISES = { [2] = 1, [120] = 1 }
-- Protein tolerance (g/kg/day) and scavenger dose (mg/kg/day) after dosing:
-- diet liberalized and scavenger tapered to half over about six months.
local POST_PROTEIN = { [214] = 1.05, [230] = 1.15, [260] = 1.25, [290] = 1.35, [320] = 1.4, [380] = 1.5 }
local POST_SCAV = { [214] = 500, [230] = 450, [260] = 400, [290] = 350, [320] = 300 }
local treated_visits = {}
do
  local prev = 0
  for _, a in ipairs(TREATED_AGES) do
    local crises = PRE_CRISES[a] or 0
    local protein, scav
    if a == 2 then protein, scav = 0.5, 550
    elseif a <= DOSE_AGE then protein, scav = clamp(normal(1.0, 0.04), 0.8, 1.2), a < 60 and 550 or 500
    else
      protein = POST_PROTEIN[a] and normal(POST_PROTEIN[a], 0.03) or normal(1.55, 0.05)
      scav = POST_SCAV[a] or 250
    end
    local ammonia = a == 2 and 1150 or crises > 0 and normal(210, 30)
                    or a <= DOSE_AGE and normal(80, 15) or normal(38, 8)
    treated_visits[#treated_visits + 1] = ("CPS1-T01,treated,%d,%d,%d,%.2f,%d,%d"):format(
      a, a - prev, crises, protein, scav, math.floor(ammonia + 0.5))
    prev = a
  end
end

---------------------------------------------------------------- nonclinical

-- Target engagement in a (synthetic) CPS1 c.1003C>T knock-in mouse, by LNP
-- dose, and in primary human hepatocytes carrying the variant: percent of
-- CPS1 alleles corrected in liver, the synonymous bystander c.1002T>C, and
-- candidate off-target sites checked by amplicon sequencing.
local DOSES = { { "vehicle", 0, 0, 6 }, { "low", 0.5, 17, 8 }, { "mid", 1.0, 31, 8 },
                { "clinical", 1.5, 42, 8 } }
local nonclinical = {}
do
  local k = 0
  for _, d in ipairs(DOSES) do
    for _ = 1, d[4] do
      k = k + 1
      local edit = d[3] == 0 and clamp(normal(0.15, 0.08), 0, 1) or clamp(normal(d[3], 5), 0, 100)
      local bystander = d[3] == 0 and 0 or clamp(normal(0.05 * edit, 0.4), 0, 100)
      nonclinical[#nonclinical + 1] = ("M%02d,mouse,CPS1 c.1003C>T knock-in,%s,%.1f,%s,%.1f,%.2f,%d,0"):format(
        k, d[1], d[2], d[1] == "clinical" and "true" or "false", edit, bystander, 56)
    end
  end
  for r = 1, 3 do
    local edit = normal(68, 4)
    nonclinical[#nonclinical + 1] = ("PHH%d,human,primary hepatocytes (c.1003C>T),in vitro,,false,%.1f,%.2f,%d,0"):format(
      r, edit, clamp(normal(0.05 * edit, 0.4), 0, 100), 56)
  end
end

---------------------------------------------------------------- output

if what == "cds" then
  print(cds)
elseif what == "patients" then
  print("patient_id,gene,transcript,variant,protein,sex,birth_date,dose_date,doses,last_visit_date,died,platform,editor,delivery")
  print(("CPS1-T01,CPS1,NM_001875.5,c.1003C>T,p.Gln335Ter,M,%s,2023-12-29,3,2025-11-28,0,"):format(BIRTH)
        .. "personalized ABE platform (illustrative),ABE-Q335X (synthetic),lipid nanoparticle")
  assert(DOSE_AGE == 200 and LAST_AGE == 900)
elseif what == "natural_history" then
  print("patient_id,source,gene,variant,classification,sex,onset,onset_day,followup_years,died,crises")
  for _, line in ipairs(cohort) do print(line) end
elseif what == "visits" then
  print("patient_id,arm,age_days,days_since_last,crises,protein_g_kg_day,scavenger_mg_kg_day,ammonia_umol_l")
  for _, line in ipairs(treated_visits) do print(line) end
  for _, line in ipairs(cohort_visits) do print(line) end
elseif what == "nonclinical" then
  print("sample_id,species,model,dose_group,dose_mg_kg,clinical_dose,editing_pct,bystander_pct,off_target_sites_checked,off_target_sites_edited")
  for _, line in ipairs(nonclinical) do print(line) end
else
  error("usage: pathway --seed 2026 make_data.lua cds|patients|natural_history|visits|nonclinical", 0)
end
