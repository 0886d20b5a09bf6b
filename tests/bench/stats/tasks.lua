-- tasks.lua: the statistics benchmark tasks of issue 5 in pathway; each
-- prints its results and the fit's CPU seconds (the load is timed apart).
-- Usage: pathway tasks.lua km|cox|glm|perm FILE.csv
local task, path = arg[1], arg[2]
local data = csv.read(path)
local t0 = os.clock()
if task == "km" then
  local fit = stats.km(data, "Surv(time, dead) ~ group")
  local lr = stats.logrank(data, "Surv(time, dead) ~ group")
  for _, s in ipairs(fit.strata) do print(("median %s %.6f"):format(s, fit[s].median)) end
  print(("logrank_chisq %.6f"):format(lr.chisq))
elseif task == "cox" then
  local fit = stats.cox(data, "Surv(time, dead) ~ age + sex + score")
  for _, term in ipairs(fit.terms) do print(("coef %s %.8f"):format(term, fit[term].coef)) end
elseif task == "glm" then
  local fit = stats.glm(data, "crises ~ treated + age + offset(log(years))", { family = "poisson" })
  for _, term in ipairs(fit.terms) do print(("coef %s %.8f"):format(term, fit.coefficients[term].coef)) end
elseif task == "perm" then
  local x = data:filter("arm == 'x'"):col("value")
  local y = data:filter("arm == 'y'"):col("value")
  local r = stats.permutation_test { x = x, y = y, n = 100000 }
  print(("p_value %.3f"):format(r.p_value))
else
  error("unknown task " .. tostring(task), 0)
end
io.stderr:write(("fit_seconds %.3f\n"):format(os.clock() - t0))
