-- frame_test.lua: behaviour tests of frames and columns through the Lua binding.

-- A small visit table: NA in several columns, a tie in age, a date column.
local function visits()
  return frame.new({
    patient = {"P1", "P2", "P3", "P4", "P5", "P6"},
    gene    = {"CPS1", "OTC", "CPS1", nil, "OTC", "CPS1"},
    age     = {3, 12, nil, 3, 40, 7},
    ammonia = {180.5, 95, 210, 60.25, nil, 150},
    treated = {true, false, true, false, true, nil, n = 6},
    visit   = {"2024-01-05", "2024-02-10", nil, "2023-12-31", "2024-03-01", "2024-01-20"},
  }, {types = {visit = "date"},
      order = {"patient", "gene", "age", "ammonia", "treated", "visit"}})
end

-- The values of column `name` of f as an array (NA as nil, length in n).
local function values(f, name) return f:col(name):to_table() end

---------------------------------------------------------------- frame.new

test "frame.new infers a type per column and orders columns by name" (function()
  local f = frame.new{b = {1, 2}, a = {1.5, 2}, d = {true, false}, c = {"x", "y"}}
  expect(f:names()):equals({"a", "b", "c", "d"})
  expect(f:types()):equals({"num", "int", "str", "bool"})
  expect(f:nrow()):equals(2)
  expect(f:ncol()):equals(4)
end)

test "frame.new takes types, order, n for trailing NA, and columns" (function()
  local f = visits()
  expect(f:names()):equals({"patient", "gene", "age", "ammonia", "treated", "visit"})
  expect(f:types()):equals({"str", "str", "int", "num", "bool", "date"})
  local g = frame.new{x = {1, nil, n = 3}, y = f:head(3):col("age")}
  expect(g:nrow()):equals(3)
  expect(values(g, "x")):equals({1, n = 3})
  expect(values(g, "y")):equals({3, 12, n = 3})
  local e = frame.new{}
  expect(e:nrow()):equals(0)
  expect(e:ncol()):equals(0)
  local z = frame.new({x = {}}, {types = {x = "int"}})
  expect(z:types()):equals({"int"})
end)

test "frame.new refuses what it cannot read faithfully" (function()
  expect(function() frame.new{a = {1, 2}, b = {1}} end)
    :raises("column 'b' has 1 values but column 'a' has 2")
  expect(function() frame.new{a = {1, "x"}} end)
    :raises("frame.new: column 'a', row 2: got string 'x' in an int column")
  expect(function() frame.new{a = {true, 1}} end)
    :raises("row 2: got number 1 in a bool column")
  expect(function() frame.new{a = {nil, nil, n = 2}} end)
    :raises("column 'a' has no non-NA value to infer a type from")
  expect(function() frame.new({a = {1}}, {types = {a = "float"}}) end)
    :raises("unknown type 'float'")
  expect(function() frame.new({d = {"2024-13-01"}}, {types = {d = "date"}}) end)
    :raises("row 1: '2024-13-01' is not a date (YYYY-MM-DD)")
  expect(function() frame.new({a = {1}}, {order = {"a", "b"}}) end)
    :raises("order must name every column once")
  expect(function() frame.new{a = {x = 1}} end):raises("must be an array of values")
  expect(function() frame.new({a = {1}}, {sort = true}) end):raises("unknown option 'sort'")
  expect(function() frame.new{a = {{}}} end):raises("a table is not a cell value")
end)

test "ints promote to num, NaN is NA, integral floats stay floats" (function()
  local f = frame.new{a = {1, 2.5}, b = {0/0, 1.0}}
  expect(f:types()):equals({"num", "num"})
  expect(math.type(f:col("a")[1])):equals("float")
  expect(f:col("b"):n_na()):equals(1)
end)

---------------------------------------------------------------- columns

test "columns index from 1, NA is nil, dates are ISO strings" (function()
  local c = visits():col("age")
  expect(#c):equals(6)
  expect(c[1]):equals(3)
  expect(math.type(c[1])):equals("integer")
  expect(c[3]):is_nil()
  expect(c[7]):is_nil()
  expect(c[0]):is_nil()
  expect(c.name):equals("age")
  expect(c:type()):equals("int")
  expect(visits():col("visit")[1]):equals("2024-01-05")
  expect(visits():col("treated")[2]):equals(false)
  expect(tostring(c)):equals("column age <int> [6]: 3, 12, NA, 3, 40, 7")
  expect(tostring(visits():col("gene")))
    :equals('column gene <str> [6]: "CPS1", "OTC", "CPS1", NA, "OTC", "CPS1"')
end)

test "column statistics skip NA as R's na.rm = TRUE does" (function()
  local f = frame.new{x = {1, 2, 3, 4, 10, nil, n = 6}, i = {1, 5, 3, 3, nil, nil, n = 6}}
  local x, i = f:col("x"), f:col("i")
  expect(x:sum()):equals(20)
  expect(math.type(x:sum())):equals("integer")
  expect(x:mean()):equals(4.0)
  expect(x:median()):equals(3.0)
  near(x:var(), 12.5, 1e-12)                 -- R: var(c(1,2,3,4,10)) = 12.5
  near(x:sd(), 3.5355339059327378, 1e-12)
  near(x:quantile(0.3), 2.2, 1e-12)          -- R: quantile(c(1,2,3,4,10), 0.3) = 2.2
  near(x:quantile{0.25, 0.9}, {2, 7.6}, 1e-12)
  expect(x:min()):equals(1)
  expect(x:max()):equals(10)
  expect(x:n_na()):equals(1)
  expect(i:unique()):equals({1, 5, 3})
  expect(i:n_distinct()):equals(3)
  expect(i:median()):equals(3.0)             -- R: median(c(1L, 5L, 3L, 3L)) = 3
end)

test "column statistics of nothing are nil, and misuse raises" (function()
  local f = frame.new({x = {nil, n = 1}, s = {"a"}, big = {math.maxinteger}},
                      {types = {x = "num"}})
  expect(f:col("x"):mean()):is_nil()
  expect(f:col("x"):sum()):is_nil()
  expect(f:col("x"):sd()):is_nil()
  expect(f:col("s"):min()):equals("a")
  expect(function() f:col("s"):mean() end):raises("mean: not defined for a str column")
  expect(function() frame.new{a = {math.maxinteger, 1}}:col("a"):sum() end)
    :raises("integer overflow")
  expect(function() f:col("big"):quantile(2) end):raises("p must be between 0 and 1")
end)

---------------------------------------------------------------- rows

test "rows gives a fresh table per row with NA keys absent" (function()
  local seen = {}
  for row, i in visits():rows() do seen[i] = row end
  expect(#seen):equals(6)
  expect(seen[3]):equals({patient = "P3", gene = "CPS1", ammonia = 210.0, treated = true})
  expect(seen[1] ~= seen[2]):is_true()
  local all = visits():to_rows()
  expect(#all):equals(6)
  expect(all[4].gene):is_nil()
  expect(all[4].visit):equals("2023-12-31")
end)

---------------------------------------------------------------- filter, mutate

test "filter keeps rows whose predicate is truthy; nil drops" (function()
  local f = visits():filter(function(r) return r.ammonia and r.ammonia > 100 end)
  expect(values(f, "patient")):equals({"P1", "P3", "P6", n = 3})
  local none = visits():filter(function() return nil end)
  expect(none:nrow()):equals(0)
  expect(none:ncol()):equals(6)
end)

test "mutate adds and replaces columns from functions, arrays and columns" (function()
  local f = visits():mutate{
    double = function(r) return r.age and r.age * 2 end,
    flag = {1, 2, 3, 4, 5, 6},
    age = function(r) return r.age and r.age + 0.5 end,
    copy = visits():col("gene"),
  }
  expect(f:names()):equals({"patient", "gene", "age", "ammonia", "treated", "visit",
                            "copy", "double", "flag"})
  expect(f:types()):equals({"str", "str", "num", "num", "bool", "date", "str", "int", "int"})
  expect(values(f, "double")):equals({6, 24, nil, 6, 80, 14, n = 6})
  expect(f:col("age")[1]):equals(3.5)
end)

test "mutate keeps a replaced column's type when every value is NA" (function()
  local f = visits():mutate{age = function() return nil end,
                            visit = function(r) return r.visit end}
  expect(f:types()):equals({"str", "str", "int", "num", "bool", "date"})
  expect(f:col("age"):n_na()):equals(6)
  expect(f:col("visit")[1]):equals("2024-01-05")
  local g = visits():mutate({d = function() return "2024-02-29" end}, {types = {d = "date"}})
  expect(g:col("d"):type()):equals("date")
end)

test "mutate errors name the column and the row" (function()
  expect(function() visits():mutate{x = function() return nil end} end)
    :raises("mutate: column 'x' has no non-NA value to infer a type from")
  expect(function()
    visits():mutate{x = function(r) return r.age or "none" end}
  end):raises("mutate: column 'x', row 3: got string 'none' in an int column")
  expect(function() visits():mutate{x = {1, 2}} end)
    :raises("mutate: column 'x' has 2 values for 6 rows")
  expect(function() visits():mutate{x = 5} end)
    :raises("table of name = function, array or column expected")
  expect(function() visits():mutate({x = {1, 2, 3, 4, 5, 6}}, {types = {y = "int"}}) end)
    :raises("types names 'y', which is not in the spec")
end)

---------------------------------------------------------------- select, rename

test "select and rename share columns and check names" (function()
  local f = visits()
  expect(f:select("age", "gene"):names()):equals({"age", "gene"})
  expect(f:select{"visit"}:names()):equals({"visit"})
  expect(f:rename{gene = "symbol", age = "years"}:names())
    :equals({"patient", "symbol", "years", "ammonia", "treated", "visit"})
  expect(function() f:select("gnee") end):raises("no column 'gnee' (did you mean 'gene'?)")
  expect(function() f:select("age", "age") end):raises("column 'age' given twice")
  expect(function() f:rename{gene = "age"} end):raises("column name 'age' would appear twice")
  expect(function() f:col("nothing_like_it") end):raises("no column 'nothing_like_it'")
end)

---------------------------------------------------------------- sort, head, tail

test "sort is stable, puts NA last, and takes a direction per column" (function()
  local f = visits()
  expect(values(f:sort("age"), "patient")):equals({"P1", "P4", "P6", "P2", "P5", "P3", n = 6})
  expect(values(f:sort("age", {desc = true}), "patient"))
    :equals({"P5", "P2", "P6", "P1", "P4", "P3", n = 6})
  expect(values(f:sort("gene", "ammonia", {desc = {ammonia = true}}), "patient"))
    :equals({"P3", "P1", "P6", "P2", "P5", "P4", n = 6})
  expect(values(f:sort("visit"), "patient"))
    :equals({"P4", "P1", "P6", "P2", "P5", "P3", n = 6})
  expect(function() f:sort("age", {descending = true}) end):raises("unknown option 'descending'")
  expect(function() f:sort("age", {desc = {gene = true}}) end)
    :raises("desc names 'gene', which is not a sort key")
  expect(function() f:sort() end):raises("column name expected")
end)

test "head and tail take n rows, or all but -n" (function()
  local f = visits()
  expect(f:head():nrow()):equals(6)
  expect(values(f:head(2), "patient")):equals({"P1", "P2", n = 2})
  expect(values(f:tail(2), "patient")):equals({"P5", "P6", n = 2})
  expect(values(f:head(-4), "patient")):equals({"P1", "P2", n = 2})
  expect(values(f:tail(-4), "patient")):equals({"P5", "P6", n = 2})
  expect(f:head(100):nrow()):equals(6)
  expect(f:tail(0):nrow()):equals(0)
end)

---------------------------------------------------------------- groups

test "group_by and summarise: groups in key order, NA last" (function()
  local s = visits():group_by("gene"):summarise{
    n = function(g) return g:nrow() end,
    top = function(g) return g:col("ammonia"):max() end,
  }
  expect(s:names()):equals({"gene", "n", "top"})
  expect(values(s, "gene")):equals({"CPS1", "OTC", nil, n = 3})
  expect(values(s, "n")):equals({3, 2, 1, n = 3})
  expect(values(s, "top")):equals({210, 95, 60.25, n = 3})
end)

test "summarise of a whole frame is one row; by groups a plain frame" (function()
  local s = visits():summarise{mean_age = function(g) return g:col("age"):mean() end}
  expect(s:nrow()):equals(1)
  near(s:col("mean_age")[1], 13, 1e-12)
  local b = visits():summarise({n = function(g) return g:nrow() end}, {by = "treated"})
  expect(values(b, "treated")):equals({false, true, nil, n = 3})
  expect(values(b, "n")):equals({2, 3, 1, n = 3})
end)

test "grouped frames count, list keys and ungroup" (function()
  local f = visits()
  local g = f:group_by("treated", "gene")
  expect(g:ngroups()):equals(5)
  expect(g:keys()):equals({"treated", "gene"})
  expect(g:ungroup() == f):is_true()
  local c = g:count()
  expect(values(c, "n")):equals({1, 1, 2, 1, 1, n = 5})
  expect(tostring(f:head(1):group_by("gene")):sub(1, 24)):equals("grouped by gene: 1 group")
  expect(function() g:summarise{gene = function() return 1 end} end)
    :raises("'gene' is a group key")
  expect(function() g:summarise{n = function(x) return x end} end)
    :raises("summarise: column 'n', group 1: a userdata is not a cell value")
end)

test "count and distinct" (function()
  local f = visits()
  local c = f:count("gene")
  expect(c:names()):equals({"gene", "n"})
  expect(values(c, "n")):equals({3, 2, 1, n = 3})
  expect(values(f:count(), "n")):equals({6, n = 1})
  local d = f:distinct("gene")
  expect(values(d, "gene")):equals({"CPS1", "OTC", nil, n = 3})
  expect(f:distinct():nrow()):equals(6)
  expect(frame.new{n = {1, 1}}:count("n"):names()):equals({"n", "nn"})
end)

---------------------------------------------------------------- join

-- x: id 1 2 2 NA 3; y: id 2 4 2 NA 1 (the example of docs/frames.md)
local function sides()
  local x = frame.new({id = {1, 2, 2, nil, 3}, v = {"a", "b", "c", "d", "e"}},
                      {order = {"id", "v"}})
  local y = frame.new({id = {2, 4, 2, nil, 1}, w = {20, 40, 21, 99, 10},
                       v = {"p", "q", "r", "s", "t"}}, {order = {"id", "w", "v"}})
  return x, y
end

test "join: inner, left, right and full, NA keys never matching" (function()
  local x, y = sides()
  local inner = x:join(y, {on = "id"})
  expect(inner:names()):equals({"id", "v_x", "w", "v_y"})
  expect(values(inner, "v_x")):equals({"a", "b", "b", "c", "c", n = 5})
  expect(values(inner, "v_y")):equals({"t", "p", "r", "p", "r", n = 5})
  local left = x:join(y, {on = "id", how = "left"})
  expect(values(left, "w")):equals({10, 20, 21, 20, 21, nil, nil, n = 7})
  local right = x:join(y, {on = "id", how = "right"})
  expect(values(right, "id")):equals({1, 2, 2, 2, 2, 4, nil, n = 7})
  local full = x:join(y, {on = "id", how = "full"})
  expect(values(full, "id")):equals({1, 2, 2, 2, 2, nil, 3, 4, nil, n = 9})
  expect(values(full, "v_x")):equals({"a", "b", "b", "c", "c", "d", "e", nil, nil, n = 9})
end)

test "join on differently named keys, int against num, own suffixes" (function()
  local x = frame.new{k = {1, 2, 3}, a = {"x", "y", "z"}}
  local y = frame.new{key = {2.0, 3.5}, a = {"Y", "Q"}}
  local j = x:join(y, {on = {k = "key"}, how = "full", suffix = {".l", ".r"}})
  expect(j:names()):equals({"a.l", "k", "a.r"})
  expect(j:types()):equals({"str", "num", "str"})
  expect(values(j, "k")):equals({1.0, 2.0, 3.0, 3.5, n = 4})
  expect(values(j, "a.r")):equals({nil, "Y", nil, "Q", n = 4})
end)

test "join checks its options" (function()
  local x, y = sides()
  expect(function() x:join(y, {how = "inner"}) end):raises("on: the key column(s) expected")
  expect(function() x:join(y, {on = "id", how = "outer"}) end)
    :raises('how must be "inner", "left", "right" or "full"')
  expect(function() x:join(y, {on = {id = "v"}}) end)
    :raises("key 'id' is int in x but 'v' is str in y")
  expect(function() x:join(y, {on = "id", by = "id"}) end):raises("unknown option 'by'")
  expect(function() x:join(y, {on = "idd"}) end):raises("no column 'idd' (did you mean 'id'?)")
end)

---------------------------------------------------------------- printing

test "tostring is a box table with a type row and NA" (function()
  local f = frame.new({id = {1, 22, nil, n = 3}, score = {0.5, 1234567.891, nil, n = 3},
                       gene = {"CPS1", nil, "OTC", n = 3}}, {order = {"id", "score", "gene"}})
  expect(tostring(f)):equals(table.concat({
    "┌─────┬─────────────┬──────┐",
    "│ id  │    score    │ gene │",
    "│ int │     num     │ str  │",
    "├─────┼─────────────┼──────┤",
    "│   1 │         0.5 │ CPS1 │",
    "│  22 │ 1.23457e+06 │ <NA> │",
    "│  NA │          NA │ OTC  │",
    "└─────┴─────────────┴──────┘",
    "3 rows × 3 columns"}, "\n"))
end)

test "tostring shows the first and last five of long frames" (function()
  local n = {}
  for i = 1, 12 do n[i] = i * 10 end
  local text = tostring(frame.new{n = n})
  expect(text):equals(table.concat({
    "┌─────┐",
    "│  n  │",
    "│ int │",
    "├─────┤",
    "│  10 │", "│  20 │", "│  30 │", "│  40 │", "│  50 │",
    "│   … │",
    "│  80 │", "│  90 │", "│ 100 │", "│ 110 │", "│ 120 │",
    "└─────┘",
    "… 2 more rows",
    "12 rows × 1 column"}, "\n"))
end)

test "load_info is empty for frames that were not loaded" (function()
  expect(visits():load_info()):equals({})
end)

test "a closed frame raises when used" (function()
  local f = visits()
  do
    local g <close> = f
  end
  expect(function() f:nrow() end):raises("frame is closed")
  expect(tostring(f)):equals("frame (closed)")
end)

test "column map: recode a str column through a table, NA by choice" (function()
  local f = frame.new({ v = { "a", "b", nil, "a", "c", n = 5 } })
  local c = f:col("v"):map({ a = "x", b = "y" })
  expect(c:type()):equals("str")
  expect(c:to_table()):equals({ "x", "y", nil, "x", nil, n = 5 })
  expect(f:col("v"):map({ a = "x", b = "x" }, "missing"):to_table())
    :equals({ "x", "x", "missing", "x", nil, n = 5 })
  expect(f:col("v"):map({ a = "missing" }, "missing"):to_table())
    :equals({ "missing", nil, "missing", "missing", nil, n = 5 })
  expect(f:mutate({ w = c }):col("w")[2]):equals("y")
  local plain = {}   -- over 16384 distinct values the reader stores text plainly
  for i = 1, 20000 do plain[i] = "k" .. i end
  local g = csv.parse("k\n" .. table.concat(plain, "\n") .. "\n")
  expect(g:col("k"):map({ k7 = "seven" })[7]):equals("seven")
  expect(g:col("k"):map({ k7 = "seven" })[8]):is_nil()
  expect(function() frame.new({ n = { 1 } }):col("n"):map({}) end)
    :raises("map: not defined for a int column")
  expect(function() f:col("v"):map("x") end):raises("bad argument #1 to 'map' (table expected")
end)
