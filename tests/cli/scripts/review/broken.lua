-- broken.lua: an error in the script itself, before any criterion runs.
pathway "Broken" {}
criterion "x" { element = "no_such_element", check = function() return met() end }
