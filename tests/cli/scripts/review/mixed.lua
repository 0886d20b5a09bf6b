-- mixed.lua: every verdict, a requires chain, and a missing element.
pathway "A mixed review" { disease = "a disease" }
criterion "cause" {
  element = "molecular_cause",
  check = function() return met({ p = 0.25, ok = true, genes = { "CPS1", "OTC" } }) end,
}
criterion "target" {
  element = "targets_root_cause",
  check = function() return not_met("the editor does not reach the variant", { distance = 12 }) end,
}
criterion "depends on target" {
  element = "clinical_improvement", requires = { "target" },
  check = function() return met() end,
}
criterion "raises" {
  element = "natural_history",
  check = function() local t = nil; return t.field end,
}
criterion "thin" {
  element = "natural_history",
  check = function() return insufficient("two patients only") end,
}
