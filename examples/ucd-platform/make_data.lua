-- make_data.lua: generate the ucd-platform example's synthetic data.
-- Illustrative only: no real patient is described. The variants are written
-- like real urea-cycle-disorder variants (positions inside each gene's coding
-- sequence, protein changes that fit the codon), but the patients, outcomes,
-- editing figures and safety counts are invented. Deterministic (math.random
-- only, seeded on the command line); run in this folder:
--   pathway --seed 2026 make_data.lua patients        > patients.csv
--   pathway --seed 2026 make_data.lua editing         > editing.csv
--   pathway --seed 2026 make_data.lua natural_history > natural_history.csv
--   pathway --seed 2026 make_data.lua postmarket      > postmarket.csv
local what = arg[1]

-- Eight consecutive patients of one platform (one LNP, one ABE and one CBE
-- backbone, a new guide per patient), in the order they were dosed. The
-- editor follows the chemistry: ABE reverts G>A and C>T, CBE A>G and T>C.
local PATIENTS = {
  { "CPS1", "c.1003C>T", "p.(Gln335Ter)", "ABE", "2024-09-16" },
  { "OTC",  "c.422G>A",  "p.(Arg141Gln)", "ABE", "2024-11-04" },
  { "ASS1", "c.1168G>A", "p.(Gly390Arg)", "ABE", "2025-01-13" },
  { "ASL",  "c.857A>G",  "p.(Gln286Arg)", "CBE", "2025-02-24" },
  { "ARG1", "c.365G>A",  "p.(Trp122Ter)", "ABE", "2025-04-07" },
  { "OTC",  "c.829C>T",  "p.(Arg277Trp)", "ABE", "2025-05-26" },
  { "NAGS", "c.1289T>C", "p.(Leu430Pro)", "CBE", "2025-07-14" },
  { "ASS1", "c.1087C>T", "p.(Arg363Trp)", "ABE", "2025-08-25" },
}
local CUTOFF = "2026-09-30"   -- data cut-off: every patient has at least a year

-- The second patient responds only partly (a crisis after dosing): a
-- platform's record is rarely spotless, and consecutive_success must say so.
local PARTIAL = 2

-- Days since 1970-01-01 of a YYYY-MM-DD date (H. Hinnant's days_from_civil).
local function days(s)
  local y, m, d = s:match("^(%d+)-(%d+)-(%d+)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m <= 2 then y = y - 1 end
  local era = y // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

-- A Poisson draw by inversion (small means only).
local function poisson(mu)
  local u, k, p = math.random(), 0, math.exp(-mu)
  local cum = p
  while u > cum do
    k = k + 1
    p = p * mu / k
    cum = cum + p
  end
  return k
end

if what == "patients" then
  print("patient_id,gene,variant,protein,editor,guide,treated_on,followup_days,crises_year_before," ..
        "crises_after,peak_ammonia_before,peak_ammonia_after,protein_before_g_kg,protein_after_g_kg")
  for i, p in ipairs(PATIENTS) do
    local before = math.random(2, 5)
    local after = i == PARTIAL and 1 or 0
    local nh3_before = math.random(180, 450)
    local nh3_after = i == PARTIAL and math.random(110, 140) or math.random(45, 85)
    local prot_before = math.random(60, 90) / 100
    local gain = i == PARTIAL and math.random(5, 15) / 100 or math.random(35, 80) / 100
    print(("UCD%02d,%s,%s,%s,%s,g%02d,%s,%d,%d,%d,%d,%d,%.2f,%.2f"):format(i, p[1], p[2], p[3], p[4], i,
      p[5], days(CUTOFF) - days(p[5]), before, after, nh3_before, nh3_after, prot_before, prot_before + gain))
  end
elseif what == "editing" then
  -- Each patient's guide, tested before dosing in two nonclinical models:
  -- mice carrying the humanized target site (liver, 3 animals) and the
  -- patient's own iPSC-derived hepatocytes (3 wells).
  print("guide,patient_id,model,replicate,editing_pct,bystander_pct")
  for i in ipairs(PATIENTS) do
    for _, m in ipairs({ { "humanized mouse liver", 30, 55 }, { "patient iPSC hepatocytes", 45, 75 } }) do
      for r = 1, 3 do
        print(("g%02d,UCD%02d,%s,%d,%.1f,%.1f"):format(i, i, m[1], r, math.random(m[2] * 10, m[3] * 10) / 10,
          math.random(0, 30) / 10))
      end
    end
  end
elseif what == "natural_history" then
  -- An untreated registry cohort of the same genes: years observed and
  -- hyperammonemic crises needing hospital care. Between-patient rates vary
  -- (severe neonatal-onset patients more than late-onset ones).
  local genes = { "CPS1", "OTC", "OTC", "OTC", "ASS1", "ASS1", "ASL", "ARG1", "NAGS" }
  print("patient_id,gene,onset,years_observed,crises")
  for i = 1, 36 do
    local neonatal = math.random() < 0.5
    local rate = (neonatal and 2.2 or 1.0) * (0.5 + math.random())
    local years = math.random(10, 60) / 10
    print(("NH%02d,%s,%s,%.1f,%d"):format(i, genes[math.random(#genes)], neonatal and "neonatal" or "late",
      years, poisson(rate * years)))
  end
elseif what == "postmarket" then
  -- Monthly looks after approval: patients on the platform, serious adverse
  -- events observed (hyperammonemic crises needing dialysis, ALT above 5x
  -- the upper limit), and the count expected from background rates in
  -- treated UCD patients (0.03 per patient-month). The platform does no
  -- harm here: events arrive at 80% of the background rate.
  print("month,patients_exposed,observed_sae,expected_sae")
  local exposed = 8
  for month = 1, 18 do
    exposed = exposed + math.random(1, 3)
    local expected = 0.03 * exposed
    print(("%d,%d,%d,%.2f"):format(month, exposed, poisson(0.8 * expected), expected))
  end
else
  error("usage: pathway --seed 2026 make_data.lua patients|editing|natural_history|postmarket", 0)
end
