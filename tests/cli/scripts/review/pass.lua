-- pass.lua: a review that passes: the five elements, each met.
local here = arg[0]:match("^(.*)/") or "."
trial = csv.read(here .. "/../../data/tiny.csv")
pathway "A passing review" { therapy = "an editor", disease = "a disease" }
for _, element in ipairs(review.elements) do
  if element == "robust_to_chance" then break end
  criterion("checks " .. element) {
    element = element,
    check = function() return met({ rows = trial:nrow(), note = "fine" }) end,
  }
end
