-- expr_test.lua: expression strings in frame:filter/mutate/summarise and
-- the expr module, through the script API (docs/expressions.md).

-- Fixtures: columns as {name, type, values}, values an array with nil for
-- NA and its length in `n`; built with frame.new in the order given.
local function frame_of(columns)
  local cols, types, order = {}, {}, {}
  for i, c in ipairs(columns) do
    cols[c[1]], types[c[1]], order[i] = c[3], c[2], c[1]
  end
  return frame.new(cols, { types = types, order = order })
end

local function visits()
  return frame_of {
    {"patient_id", "str", {"P1", "P1", "P2", "P2", "P2", "P3", n = 6}},
    {"gene", "str", {"CPS1", "CPS1", "OTC", "CPS1", "CPS1", nil, n = 6}},
    {"variant", "str", {"c.1003C>T", "c.1003C>T", "c.5del", "c.12C>T", "c.12C>T", "c.1A>G", n = 6}},
    {"ammonia", "num", {120.5, nil, 80, 300, 45, 60, n = 6}},
    {"visit_day", "int", {0, 400, 0, 30, 760, 0, n = 6}},
    {"crisis", "int", {1, 0, 0, 1, 1, 0, n = 6}},
    {"treated", "bool", {true, true, false, false, false, nil, n = 6}},
  }
end

-- column values as a plain array (nil holes), compared with `want`
local function column(f, name)
  local c = f:col(name)
  local out = {}
  for i = 1, f:nrow() do out[i] = c[i] end
  return out
end

---------------------------------------------------------------- filter

test "filter keeps the rows where the predicate is true" (function()
  local f = visits()
  local g = f:filter "gene == 'CPS1' and variant ~ '^c\\.[0-9]+C>T$' and not is_na(ammonia)"
  expect(g:nrow()):equals(3)
  expect(column(g, "visit_day")):equals({0, 30, 760})
end)

test "filter drops rows where the predicate is NA" (function()
  local f = visits()
  expect(f:filter("ammonia > 100"):nrow()):equals(2)
  expect(f:filter("not (ammonia > 100)"):nrow()):equals(3)
  expect(f:filter("gene != 'OTC'"):nrow()):equals(4)
  expect(f:filter("treated or gene == 'OTC'"):nrow()):equals(3)
end)

test "filter still takes a Lua function of a row" (function()
  local f = visits()
  expect(f:filter(function(r) return r.visit_day > 100 end):nrow()):equals(2)
end)

test "filter needs a bool expression" (function()
  local f = visits()
  expect(function() f:filter "ammonia" end)
    :raises("expression:1:1: filter needs a bool (true/false) expression, got num")
end)

---------------------------------------------------------------- errors

test "compile errors name the position and the nearest column" (function()
  local f = visits()
  expect(function() f:filter "gnee == 'CPS1'" end)
    :raises("expression:1:1: unknown column 'gnee' (did you mean 'gene'?)")
  expect(function() f:filter "gene == 1" end)
    :raises("expression:1:6: cannot compare str with int")
  expect(function() f:filter "variant ~ '('" end)
    :raises("expression:1:11: invalid regular expression: missing closing parenthesis")
  expect(function() f:filter "gene ~= 'x'" end)
    :raises("write != for not equal")
end)

test "a compile error shows the line with a caret" (function()
  local f = visits()
  local ok, err = pcall(function() f:filter "ammonia > 1 and gnee == 'x'" end)
  expect(ok):is_false()
  expect(err):contains("\n    ammonia > 1 and gnee == 'x'\n                    ^")
  ok, err = pcall(function() f:mutate { y = "visit_day +* 2" } end)
  expect(err):contains("\n    y = visit_day +* 2\n                   ^")
end)

---------------------------------------------------------------- mutate

test "mutate adds columns in name order, computed from the input" (function()
  local f = visits()
  local g = f:mutate { years = "visit_day / 365.25", high = "ammonia > 100", gene = "lower(gene)" }
  local names = g:names()
  expect(names[#names - 1]):equals("high")
  expect(names[#names]):equals("years")
  expect(names[2]):equals("gene")            -- replaced in place
  expect(column(g, "gene")[1]):equals("cps1")
  expect(column(g, "high")):equals({true, nil, false, true, false, false})
  near(column(g, "years")[5], 760 / 365.25, 1e-12)
end)

test "mutate keeps int arithmetic int and makes / a num" (function()
  local g = visits():mutate { a = "visit_day + 1", b = "visit_day / 2", c = "visit_day % 7" }
  expect(math.type(column(g, "a")[2])):equals("integer")
  expect(column(g, "b")[2]):equals(200.0)
  expect(column(g, "c")[2]):equals(1)
end)

test "mutate may mix expression strings and functions" (function()
  local g = visits():mutate { twice = "visit_day * 2", plus = function(r) return r.visit_day + 1 end }
  expect(column(g, "twice")[2]):equals(800)
  expect(column(g, "plus")[2]):equals(401)
end)

test "mutate passes arrays and columns to the frame's own mutate" (function()
  local f = visits()
  local g = f:mutate { twice = "visit_day * 2", flag = {1, 2, 3, 4, 5, 6}, copy = f:col("crisis") }
  expect(column(g, "flag")[3]):equals(3)
  expect(column(g, "copy")):equals(column(f, "crisis"))
  expect(column(g, "twice")[3]):equals(0)
  expect(function() f:mutate { "visit_day" } end):raises("every key must be a column name")
end)

---------------------------------------------------------------- summarise

test "summarise by keys: one row per group, in order of appearance" (function()
  local s = visits():summarise({
    crises = "sum(crisis)",
    span = "max(visit_day) - min(visit_day)",
    n = "count()",
    mean_nh3 = "mean(ammonia)",
  }, { by = "patient_id" })
  expect(s:names()):equals({"patient_id", "crises", "mean_nh3", "n", "span"})
  expect(column(s, "patient_id")):equals({"P1", "P2", "P3"})
  expect(column(s, "crises")):equals({1, 2, 0})
  expect(column(s, "span")):equals({400, 760, 0})
  expect(column(s, "n")):equals({2, 3, 1})
  near(column(s, "mean_nh3"), {120.5, 425 / 3, 60}, 1e-12)
end)

test "group_by then summarise, the T3 way" (function()
  local s = visits():group_by("patient_id"):summarise {
    crises = "sum(crisis)",
    years = "(max(visit_day) - min(visit_day)) / 365.25",
  }
  expect(s:names()):equals({"patient_id", "crises", "years"})
  expect(column(s, "crises")):equals({1, 2, 0})
  near(column(s, "years"), {400 / 365.25, 760 / 365.25, 0}, 1e-12)
  expect(function() visits():group_by("patient_id"):summarise({ n = "count()" }, { by = "gene" }) end)
    :raises("the frame is grouped already")
end)

test "summarise may mix expression strings and functions of a group" (function()
  local s = visits():group_by("patient_id"):summarise {
    n = "count()",
    rows = function(g) return g:nrow() end,
  }
  expect(column(s, "n")):equals(column(s, "rows"))
  local t = visits():summarise({ n = "count()", rows = function(g) return g:nrow() end },
                               { by = "gene" })
  expect(column(t, "n")):equals({4, 1, 1})
  expect(column(t, "rows")):equals({4, 1, 1})
end)

test "summarise without keys gives one row" (function()
  local s = visits():summarise { n = "count()", patients = "n_distinct(patient_id)",
                                 median_day = "median(visit_day)", sd_nh3 = "sd(ammonia)" }
  expect(s:nrow()):equals(1)
  expect(column(s, "patients")):equals({3})
  expect(column(s, "median_day")):equals({15.0})
end)

test "summarise groups by several keys and skips NA in aggregates" (function()
  local s = visits():summarise({ first_gene = "first(gene)", nh3 = "max(ammonia)" },
                               { by = {"patient_id", "treated"} })
  expect(s:nrow()):equals(3)
  expect(column(s, "first_gene")):equals({"CPS1", "OTC", nil})
  expect(column(s, "nh3")):equals({120.5, 300.0, 60.0})
end)

test "summarise errors" (function()
  local f = visits()
  expect(function() f:summarise({ x = "visit_day" }) end)
    :raises("column 'visit_day' is outside an aggregate")
  expect(function() f:summarise({ x = "sum(max(crisis))" }) end)
    :raises("aggregates cannot be nested: 'max' inside 'sum'")
  expect(function() f:summarise({ x = "count()" }, { by = "patient" }) end)
    :raises("unknown column 'patient' in 'by'")
  expect(function() f:summarise({ x = "count()" }, { bye = "patient_id" }) end)
    :raises("unknown option 'bye'")
  expect(function() f:summarise({ patient_id = "count()" }, { by = "patient_id" }) end)
    :raises("'patient_id' is a grouping column")
  expect(function() f:filter "sum(crisis) > 1" end)
    :raises("aggregate function 'sum' is only allowed in summarise")
end)

---------------------------------------------------------------- expr module

test "expr.compile gives the type and the plan" (function()
  local e = expr.compile("gene == 'CPS1' and variant ~ 'C>T$'", visits())
  expect(e:type()):equals("bool")
  expect(tostring(e)):equals("expression (bool): gene == 'CPS1' and variant ~ 'C>T$'")
  local plan = e:explain()
  expect(plan):contains("code_eq   r0 == 'CPS1'")
  expect(plan):contains("one test per entry of variant's dictionary")
  expect(expr.compile("max(visit_day) - min(visit_day)", visits()):type()):equals("int")
  expect(expr.compile("visit_day / 365.25", visits()):type()):equals("num")
end)

test "expr.compile raises on a bad expression" (function()
  expect(function() expr.compile("nchar(gene)", visits()) end)
    :raises("unknown function 'nchar' (did you mean 'len'?)")
  expect(function() expr.compile("1", {}) end):raises("bad argument #2")
end)

test "summarise with by groups as group_by does: key order, NA last" (function()
  local f = frame.new({ k = { "b", "a", "b", nil, n = 4 }, v = { 1, 2, 3, 4 } },
                      { order = { "k", "v" }, types = { k = "str", v = "int" } })
  local by = f:summarise({ s = "sum(v)" }, { by = "k" })
  local grouped = f:group_by("k"):summarise({ s = "sum(v)" })
  expect(by:to_rows()):equals(grouped:to_rows())
  local keys = by:col("k"):to_table()
  expect(#by:col("k")):equals(3)
  expect({ keys[1], keys[2], keys[3] }):equals({ "a", "b" })
  expect(by:col("s"):to_table()):equals({ 2, 4, 4, n = 3 })
end)
