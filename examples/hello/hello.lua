-- hello.lua: load a small CSV of visits and print a summary per arm.
-- Illustrative: the data are synthetic (see make_data.lua).
-- Usage: pathway examples/hello/hello.lua examples/hello/visits.csv
local path = arg[1] or "examples/hello/visits.csv"

-- A plain reader for this simple file (no quoted fields); the csv module
-- of pathway's stdlib replaces it.
local rows, header = {}, nil
for line in io.lines(path) do
  local fields = {}
  for field in line:gmatch("[^,]+") do fields[#fields + 1] = field end
  if not header then
    header = fields
  else
    local row = {}
    for i, name in ipairs(header) do row[name] = tonumber(fields[i]) or fields[i] end
    rows[#rows + 1] = row
  end
end

local arms, order = {}, {}
for _, r in ipairs(rows) do
  local a = arms[r.arm]
  if not a then
    a = { patients = {}, npatients = 0, first = 0, last = 0, nfirst = 0, nlast = 0 }
    arms[r.arm] = a
    order[#order + 1] = r.arm
  end
  if not a.patients[r.patient_id] then
    a.patients[r.patient_id] = true
    a.npatients = a.npatients + 1
  end
  if r.visit_day == 0 then a.first, a.nfirst = a.first + r.ammonia_umol_l, a.nfirst + 1 end
  if r.visit_day == 120 then a.last, a.nlast = a.last + r.ammonia_umol_l, a.nlast + 1 end
end

print(("%s: %d visits, %d columns (illustrative, synthetic data)"):format(path, #rows, #header))
print(("%-16s %8s %16s %16s"):format("arm", "patients", "ammonia day 0", "ammonia day 120"))
for _, name in ipairs(order) do
  local a = arms[name]
  print(("%-16s %8d %16.1f %16.1f"):format(name, a.npatients, a.first / a.nfirst, a.last / a.nlast))
end
