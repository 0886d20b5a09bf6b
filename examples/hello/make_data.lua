-- make_data.lua: generate visits.csv, the hello example's synthetic data.
-- Illustrative only: no real patient is described. Deterministic:
--   pathway --seed 2025 examples/hello/make_data.lua > examples/hello/visits.csv
local arms = { "treated", "natural_history" }
print("patient_id,arm,visit_day,ammonia_umol_l,protein_g_kg")
for p = 1, 12 do
  local arm = arms[(p - 1) % 2 + 1]
  local id = ("P%02d"):format(p)
  local base = 90 + math.random(0, 60)
  for visit = 0, 4 do
    local day = visit * 30
    -- treated patients' ammonia falls and protein tolerance rises with time
    local ammonia = arm == "treated" and base * (1 - 0.12 * visit) or base + math.random(-10, 15)
    local protein = arm == "treated" and 1.0 + 0.15 * visit or 1.0 + math.random(-5, 5) / 100
    print(("%s,%s,%d,%.0f,%.2f"):format(id, arm, day, ammonia, protein))
  end
end
