-- lockme.lua: a review to lock; its threshold is a pre-specified constant.
local MIN_RATE = 0.5   -- pre-specified: the least response rate that counts
pathway "Locked review" {}
criterion "first" {
  element = "molecular_cause",
  check = function() return 0.6 >= MIN_RATE and met({ rate = 0.6 }) or not_met("below the threshold") end,
}
criterion "second" {
  element = "targets_root_cause",
  check = function() return met() end,
}
