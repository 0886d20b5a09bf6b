-- cycle.lua: requirements that form a cycle make the review fail to run.
criterion "a" { element = "molecular_cause", requires = "b", check = function() return met() end }
criterion "b" { element = "molecular_cause", requires = "a", check = function() return met() end }
