-- platform_test.lua: platform.consecutive, consecutive successes across
-- personalized versions of one platform.

local function error_of(f, ...)
  local ok, err = pcall(f, ...)
  expect(ok):is_false()
  return tostring(err)
end

-- Treated out of order on purpose: `order` sorts them by day.
local cohort = frame.new({
  patient = { "P3", "P1", "P2", "P4", "P5", "P6" },
  day = { 30, 10, 20, 40, 50, 60 },
  gene = { "OTC", "CPS1", "ASS1", "CPS1", "OTC", "ASL" },
  crises_after = { 0, 0, 3, 0, 0, 0 },
}, { order = { "patient", "day", "gene", "crises_after" } })

test "runs, failures and the posterior of the success rate" (function()
  local r = platform.consecutive { patients = cohort, order = "day", id = "patient",
                                   success = "crises_after == 0", needed = 3 }
  expect(r.n):equals(6)
  expect(r.successes):equals(5)
  expect(r.current_run):equals(4)    -- P3 P4 P5 P6 after P2's failure
  expect(r.longest_run):equals(4)
  expect(r.achieved):is_true()
  expect(r.failures):equals({ { position = 2, patient = "P2" } })
  -- Beta(1 + 5, 1 + 1). R 4.2.2: print(qbeta(c(0.025, 0.975), 6, 2), digits = 17)
  -- gives 0.42127680295680481 0.96330743382391448
  expect({ r.posterior.a, r.posterior.b }):equals({ 6, 2 })
  near(r.interval, { 0.42127680295680481, 0.96330743382391448 }, { rel = 1e-12 })
  expect(tostring(r)):equals("5 of 6 patients succeeded; current run 4, longest run 4 (needed 3): achieved")
  expect(r:summary()):contains("failure at position 2: patient P2")
end)

test "a bool column, no order, a run not yet long enough" (function()
  local f = frame.new({ ok = { true, false, true, true } })
  local r = platform.consecutive { patients = f, success = "ok", needed = 3, prior = { 0.5, 0.5 } }
  expect(r.current_run):equals(2)
  expect(r.longest_run):equals(2)
  expect(r.achieved):is_false()
  expect(r.failures):equals({ { position = 2, patient = 2 } })
  expect({ r.posterior.a, r.posterior.b }):equals({ 3.5, 1.5 })
end)

test "misuse names the field" (function()
  expect(error_of(platform.consecutive, { patients = cohort, success = "crises_after" }))
    :contains("platform.consecutive: success must be bool, not int")
  expect(error_of(platform.consecutive, { patients = cohort, success = "crises_after == 0", order = "date" }))
    :contains("the patients frame has no column 'date' (order)")
  expect(error_of(platform.consecutive, { patients = {}, success = "x" })):contains("patients must be a frame")
  expect(error_of(platform.consecutive, { patients = cohort, success = "crises_after == 0", need = 3 }))
    :contains("unknown field 'need'")
  local gap = frame.new({ ok = { true, nil, true, n = 3 } })
  expect(error_of(platform.consecutive, { patients = gap, success = "ok" }))
    :contains("the success of patient 2 (in order) is missing")
end)
