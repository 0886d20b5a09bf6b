-- tasks.lua: the benchmark tasks T1-T3 of ../shared/bench/README.md in
-- pathway, printing exactly what the peers print, and T4 (issue 4): group
-- the variant column with five rules.
-- Usage: pathway tests/bench/tasks.lua T1|T2|T3|T4 FILE.csv
local task, path = arg[1], arg[2]
local function f6(x) return ("%.6f"):format(x) end

local visits = csv.read(path)

if task == "T1" then
  print("rows " .. visits:nrow())
  print("ammonia_sum " .. f6(visits:col("ammonia_umol_l"):sum()))
elseif task == "T2" then
  local hits = visits:filter("gene == 'CPS1' and variant ~ '^c\\.[0-9]+C>T$'")
  print("count " .. hits:nrow())
  print("patients " .. hits:distinct("patient_id"):nrow())
  local by = hits:group_by("treated"):summarise { m = "mean(ammonia_umol_l)" }
  local mean = {}
  for row in by:rows() do mean[row.treated] = row.m end
  print("mean_ammonia_t0 " .. f6(mean[0]))
  print("mean_ammonia_t1 " .. f6(mean[1]))
elseif task == "T3" then
  local per = visits:group_by("patient_id", "treated"):summarise {
    crises = "sum(crisis)",
    years = "(max(visit_day) - min(visit_day)) / 365.25",
  }
  local arms = per:group_by("treated"):summarise { c = "sum(crises)", py = "sum(years)" }
  local c, py = {}, {}
  for row in arms:rows() do c[row.treated], py[row.treated] = row.c, row.py end
  print(("crises_t0 %d"):format(c[0])); print("person_years_t0 " .. f6(py[0]))
  print(("crises_t1 %d"):format(c[1])); print("person_years_t1 " .. f6(py[1]))
  print("rate_ratio " .. f6((c[1] / py[1]) / (c[0] / py[0])))
elseif task == "T4" then
  local groups = variants.group {
    rule "ABE-correctable" { where = "abe_correctable" },
    rule "CBE-correctable" { where = "cbe_correctable" },
    rule "canonical splice" { pattern = [[^c\.\d+[+-][12][ACGT]>[ACGT]$]] },
    rule "frameshift" { where = "consequence == 'frameshift'" },
    rule "in-frame" { where = "consequence in ('inframe_deletion', 'inframe_insertion', 'inframe_delins')" },
  }
  local assigned = groups:apply(visits, "variant")
  local s = groups:summary(assigned, { patient = "patient_id" })
  for row in s:rows() do
    print(("%s %d %d %d"):format((row.group:gsub(" ", "_")), row.variants, row.patients, row.rows))
  end
else
  error("unknown task " .. tostring(task) .. " (expected T1, T2, T3 or T4)")
end
