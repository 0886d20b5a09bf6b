-- review_test.lua: the review DSL: declaring, verdicts, requirements,
-- errors kept per criterion, coverage of the five elements, the text.
-- Each test starts from an empty review (review.reset()).

local function error_of(f, ...)
  local ok, err = pcall(f, ...)
  expect(ok):is_false()
  return tostring(err)
end

local trial = frame.new({ patient = { "P1", "P2" }, gene = { "CPS1", "CPS1" },
                          variant = { "c.1003C>T", "c.1003C>T" } })

local function all_five(extra)
  pathway "CPS1 deficiency — personalized ABE platform" {
    therapy = "LNP-delivered adenine base editor", modality = "base editing", disease = "CPS1 deficiency",
  }
  criterion "Pathogenic variant identified in CPS1" {
    element = "molecular_cause",
    check = function()
      local bad = trial:filter "not hgvs_valid(variant) or gene != 'CPS1'"
      if bad:nrow() > 0 then return not_met("variants outside CPS1 or unparseable", bad) end
      return met({ variants = trial:distinct("variant"):nrow() })
    end,
  }
  criterion "Editor corrects the variant" {
    element = "targets_root_cause",
    requires = { "Pathogenic variant identified in CPS1" },
    check = function() return met(hgvs.editing("c.1003C>T").abe_correctable) end,
  }
  criterion "Natural history characterized" { element = "natural_history", check = function() return met(12) end }
  criterion "Editing confirmed" { element = "target_engagement", check = function() return met("42% in mice") end }
  if extra ~= false then
    criterion "Fewer crises" { element = "clinical_improvement", check = function() return met() end }
  end
end

test "a complete review passes and counts its verdicts" (function()
  review.reset()
  all_five()
  local r = review.run()
  expect(r.passed):is_true()
  expect(r.counts):equals({ met = 5, not_met = 0, insufficient = 0, error = 0 })
  expect(r:summary_line()):equals("5 met, 0 not met, 0 insufficient, 0 error; 0 elements not addressed")
  expect(r.criteria[1].evidence):equals({ variants = 1 })
  expect(r.criteria[2].evidence):is_true()
  local text = r:text()
  expect(text):contains("CPS1 deficiency — personalized ABE platform")
  expect(text):contains("[met]          Pathogenic variant identified in CPS1  (molecular_cause)")
  expect(text):contains("evidence: {variants = 1}")
end)

test "an element with no criterion is not addressed, and the review cannot pass" (function()
  review.reset()
  all_five(false)
  local r = review.run()
  expect(r.passed):is_false()
  expect(r.not_addressed):equals(1)
  expect(r:summary_line()):equals("4 met, 0 not met, 0 insufficient, 0 error; 1 element not addressed")
  expect(r:text()):contains("clinical_improvement   not addressed")
end)

test "requirements run first and make dependants insufficient" (function()
  review.reset()
  local order = {}
  criterion "B" { element = "targets_root_cause", requires = { "A" },
                  check = function() order[#order + 1] = "B"; return met() end }
  criterion "A" { element = "molecular_cause",
                  check = function() order[#order + 1] = "A"; return not_met("no variant") end }
  criterion "C" { element = "natural_history", requires = "B",
                  check = function() order[#order + 1] = "C"; return met() end }
  local r = review.run()
  expect(order):equals({ "A" })
  expect(r.criteria[1].verdict):equals("insufficient")
  expect(r.criteria[1].reason):equals('requires "A", which is not_met')
  expect(r.criteria[3].reason):equals('requires "B", which is insufficient')
  expect(r.counts):equals({ met = 0, not_met = 1, insufficient = 2, error = 0 })
end)

test "a check that raises is an error verdict; the others still run" (function()
  review.reset()
  criterion "boom" { element = "molecular_cause", check = function() error("no such file") end }
  criterion "fine" { element = "natural_history", check = function() return met() end }
  criterion "wrong return" { element = "target_engagement", check = function() return true end }
  local r = review.run()
  expect(r.criteria[1].verdict):equals("error")
  expect(r.criteria[1].reason):matches("review_test%.lua:%d+: no such file$")
  expect(r.criteria[1].traceback):contains("stack traceback")
  expect(r.criteria[2].verdict):equals("met")
  expect(r.criteria[3].reason):equals("check returned boolean, not met(...), not_met(...) or insufficient(...)")
end)

test "declaration errors name the criterion and list the elements" (function()
  review.reset()
  expect(error_of(function() criterion "x" { element = "molecular", check = print } end))
    :contains("criterion \"x\": unknown element 'molecular' (one of molecular_cause, targets_root_cause, "
              .. "natural_history, target_engagement, clinical_improvement, robust_to_chance, "
              .. "consecutive_success, post_market)")
  expect(error_of(function() criterion "x" { element = "post_market" } end))
    :contains("criterion \"x\": check must be a function(ctx)")
  expect(error_of(function() criterion "x" { element = "post_market", check = print, when = 1 } end))
    :contains("unknown field 'when'")
  criterion "x" { element = "post_market", check = print }
  expect(error_of(function() criterion "x" { element = "post_market", check = print } end))
    :contains("criterion \"x\": declared twice")
  criterion "y" { element = "post_market", requires = { "nowhere" }, check = print }
  expect(error_of(review.run)):contains("review_test.lua:106: criterion \"y\" requires \"nowhere\", which is not declared")
  review.reset()
  criterion "p" { element = "post_market", requires = "q", check = print }
  criterion "q" { element = "post_market", requires = "p", check = print }
  expect(error_of(review.run)):contains("review_test.lua:109: criterion \"p\": requirements form a cycle (p -> q -> p)")
  expect(error_of(function() pathway "t" { therapy = 1 } end)):contains("pathway \"t\": therapy must be a string")
  review.reset()
end)
