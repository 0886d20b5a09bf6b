-- hello.lua: load a small CSV of visits and print a summary per arm.
-- Illustrative: the data are synthetic (see make_data.lua).
-- Usage: pathway examples/hello/hello.lua examples/hello/visits.csv
local path = arg[1] or "examples/hello/visits.csv"
local visits = csv.read(path)
print(("%s: %d visits, %d columns (illustrative, synthetic data)")
      :format(path, visits:nrow(), visits:ncol()))

local first = visits:filter("visit_day == 0"):group_by("arm"):summarise {
  patients = "count()",
  ammonia_day_0 = "mean(ammonia_umol_l)",
}
local last = visits:filter("visit_day == 120"):group_by("arm"):summarise {
  ammonia_day_120 = "mean(ammonia_umol_l)",
}
print(first:join(last, { on = "arm" }))
