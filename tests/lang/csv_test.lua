-- csv_test.lua: behaviour tests of the csv module's script API (csv.read, csv.parse,
-- csv.write, frame:write_csv). Run from the repository root.

local DATA = "tests/data/csv/"

-- The message of the error f raises.
local function error_of(f, ...)
  local ok, err = pcall(f, ...)
  expect(ok):is_false()
  return tostring(err)
end

-- f(...) with the engine's warnings off: loads that rename or pad warn on
-- stderr, which is right for scripts and noise in a test run.
local function quietly(f, ...)
  warn("@off")
  local ok, a = pcall(f, ...)
  warn("@on")
  if not ok then error(a, 0) end
  return a
end

test "read infers types and keeps text that would not print back" (function()
  local f = csv.parse("id,dose,ok,visit,name\n08123,1.50,true,2024-02-29,x\n7,2,FALSE,2024-03-01,y\n")
  expect(f:names()):equals({ "id", "dose", "ok", "visit", "name" })
  expect(f:types()):equals({ "str", "num", "bool", "date", "str" })
  expect(f:col("id")[1]):equals("08123")
  expect(f:col("dose")[1]):equals(1.5)
  expect(f:col("ok")[2]):equals(false)
  expect(f:nrow()):equals(2)
end)

test "NA: empty and NA by default, quoted empty is a string" (function()
  local f = csv.parse('a,b\n1,NA\n,""\n')
  expect(f:col("a")[2]):is_nil()
  expect(f:col("b")[1]):is_nil()
  expect(f:col("b")[2]):equals("")
  expect(f:load_info().na):equals({ a = 1, b = 1 })
  local g = csv.parse("a\n-\n3\n", { na = { "-" } })
  expect(g:types()):equals({ "int" })
  expect(csv.parse("a\nNA\n", { na = {} }):col("a")[1]):equals("NA")
  expect(csv.parse("a\nx\n", { na = "x" }):col("a")[1]):is_nil()
end)

test "options: sep, header, skip, comment, columns, types, ragged, encoding" (function()
  local f = csv.read(DATA .. "comments.csv", { skip = 1, comment = "#", columns = { "site", "id" } })
  expect(f:names()):equals({ "site", "id" })
  expect(f:col("id")[2]):equals(2)
  local g = csv.read(DATA .. "bom_crlf.csv", { sep = "auto" })
  expect(g:names()):equals({ "id", "name" })
  expect(g:col("name")[2]):equals("x\r\ny")
  expect(csv.parse("1|2\n", { sep = "|", header = false }):names()):equals({ "V1", "V2" })
  expect(csv.parse("a,b\n1,2\n", { types = { a = "num", b = "str" } }):types()):equals({ "num", "str" })
  expect(csv.parse("a,b\n1,2\n", { types = "str" }):types()):equals({ "str", "str" })
  local p = quietly(csv.parse, "a,b,c\n1\n", { ragged = "pad" })
  expect(p:col("c")[1]):is_nil()
  expect(p:load_info().padded_rows):equals(1)
  expect(csv.read(DATA .. "latin1.csv", { encoding = "latin1" }):col("name")[1]):equals("Jos\u{E9}")
end)

test "load_info summarises the load" (function()
  local f = quietly(csv.read, DATA .. "dup_header.csv")
  local info = f:load_info()
  expect(info.file):equals(DATA .. "dup_header.csv")
  expect(info.rows):equals(1)
  expect(info.columns):equals(4)
  expect(info.sep):equals(",")
  expect(info.encoding):equals("utf8")
  expect(info.renamed[1]):equals({ column = 2, from = "id", to = "id_2" })
  expect(info.renamed[2]):equals({ column = 3, from = "", to = "V3" })
  expect(info.warnings[1]):equals(DATA .. "dup_header.csv:1: duplicate column name 'id' renamed 'id_2'")
  expect(math.type(info.bytes)):equals("integer")
  expect(info.seconds >= 0):is_true()
end)

test "bad data raises file:line:col without the script's position" (function()
  expect(error_of(csv.read, DATA .. "unterminated.csv"))
    :equals(DATA .. "unterminated.csv:3:14: unterminated quoted field starting here")
  expect(error_of(csv.read, DATA .. "ragged.csv"))
    :equals(DATA .. 'ragged.csv:3: expected 5 fields, found 4 (ragged = "pad" fills short rows with NA)')
  expect(error_of(csv.read, DATA .. "invalid_utf8.csv"))
    :equals(DATA .. "invalid_utf8.csv:3:4: invalid UTF-8 (byte offset 19)")
  expect(error_of(csv.read, DATA .. "bad_date.csv", { types = { visit = "date" } }))
    :equals(DATA .. "bad_date.csv:3:3: column 'visit' (date): '2024-13-01' is not a date (YYYY-MM-DD)")
  expect(error_of(csv.parse, 'a\n"x'))
    :equals("(string):2:1: unterminated quoted field starting here")
end)

test "a missing file is the script's error, with its position" (function()
  expect(error_of(function() return csv.read("no/such/trial.csv") end))
    :matches("^.-csv_test%.lua:%d+: cannot open no/such/trial%.csv: No such file or directory$")
end)

test "empty file, header only" (function()
  local e = csv.read(DATA .. "empty.csv")
  expect(e:ncol()):equals(0)
  expect(e:nrow()):equals(0)
  local h = csv.read(DATA .. "header_only.csv")
  expect(h:names()):equals({ "gene", "variant", "ammonia" })
  expect(h:nrow()):equals(0)
end)

test "option misuse is a bad argument" (function()
  expect(function() csv.read(DATA .. "empty.csv", { sepp = ";" }) end)
    :raises("bad argument #2 to 'read' (unknown option 'sepp')")
  expect(function() csv.parse("a", { sep = ":" }) end):raises("bad value ':' for option 'sep'")
  expect(function() csv.parse("a", { types = { a = "float" } }) end)
    :raises("option 'types' maps column names to")
  expect(function() csv.parse("a", { skip = -1 }) end)
    :raises("option 'skip' must be an integer from 0 to")
  expect(function() csv.parse("a", { comment = "//" }) end)
    :raises("option 'comment' must be one character")
  expect(function() csv.parse("a", { encoding = "utf16" }) end)
    :raises("bad value 'utf16' for option 'encoding'")
  expect(function() csv.parse("a", { header = "yes" }) end)
    :raises("option 'header' must be a boolean, got string")
  expect(function() csv.parse("a,b\n1,2\n", { columns = { "c" } }) end)
    :raises("csv.parse: (string): no column 'c' (columns: a, b)")
  expect(function() csv.read() end):raises("bad argument #1 to 'read'")
end)

test "csv.write checks the sandbox's declared outputs" (function()
  local f = csv.parse("a\n1\n")
  local ok, err = pcall(csv.write, f, "undeclared_output.csv")
  if ok then skip("running with --unsafe: no sandbox to check") end
  expect(tostring(err)):contains("csv.write: writing 'undeclared_output.csv' is not allowed in the "
    .. "sandbox (only declared outputs may be written; run with --unsafe to allow it)")
  expect(function() f:write_csv("undeclared_output.csv") end)
    :raises("write_csv: writing 'undeclared_output.csv' is not allowed in the sandbox")
  expect(function() csv.write(f) end):raises("bad argument #2 to 'write'")
  expect(function() csv.write({}, "x.csv") end):raises("bad argument #1 to 'write'")
end)

test "read -> write -> read gives the same frame (needs --unsafe)" (function()
  local ok, path = pcall(function() return os.tmpname() end)
  if not ok then skip("writing files needs --unsafe (os.tmpname is sandboxed)") end
  local text = 'id,dose,ok,visit,note\n08123,1.50,TRUE,2024-02-29," a, ""b"" "\n'
    .. '7,NA,false,,""\n8,2e3,true,2024-03-01,"l1\nl2"\n'
  local a = csv.parse(text)
  csv.write(a, path)
  local b = csv.read(path)
  a:write_csv(path, { na = "NA", sep = ";" })
  local c = csv.read(path, { sep = ";" })
  os.remove(path)
  for _, g in ipairs({ b, c }) do
    expect(g:names()):equals(a:names())
    expect(g:types()):equals(a:types())
    for _, name in ipairs(a:names()) do
      for i = 1, a:nrow() do expect(g:col(name)[i]):equals(a:col(name)[i]) end
    end
  end
end)
