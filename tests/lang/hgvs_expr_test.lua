-- hgvs_expr_test.lua: the variant functions of the expression language
-- (hgvs_valid, hgvs_type, hgvs_consequence, abe_correctable) on dictionary
-- and plain text columns. Run from the repository root.

local rows = {
  { "c.1003C>T", "true", "substitution", "coding", "true" },
  { "c.1066-2A>G", "true", "substitution", "splice_site", "false" },
  { "c.500del", "true", "deletion", "frameshift", "false" },
  { "c.-15C>T", "true", "substitution", "utr5", "true" },
  { "c.[1222C>T];[842C>T]", "true", "genotype", nil, nil },
  { "c.1003 C>T", "false", nil, nil, nil },
  { "p.Gln335Ter", "true", "substitution", "nonsense", "false" },
}

-- A frame of the cases above, plus `pad` filler rows of distinct variants
-- (enough of them and the csv reader stores the column as plain text).
local function cases(pad)
  local lines = { "variant" }
  for _, r in ipairs(rows) do lines[#lines + 1] = '"' .. r[1] .. '"' end
  lines[#lines + 1] = ""   -- an NA
  for i = 1, pad do lines[#lines + 1] = ("c.%dA>G"):format(i + 100000) end
  return csv.parse(table.concat(lines, "\n") .. "\n")
end

local function check(f)
  local m = f:mutate({
    ok = "hgvs_valid(variant)", t = "hgvs_type(variant)",
    c = "hgvs_consequence(variant)", abe = "abe_correctable(variant)",
  }):head(#rows + 1)
  for i, r in ipairs(rows) do
    expect(m:col("ok")[i]):equals(r[2] == "true")
    expect(m:col("t")[i]):equals(r[3])
    expect(m:col("c")[i]):equals(r[4])
    if r[5] == nil then expect(m:col("abe")[i]):is_nil() else expect(m:col("abe")[i]):equals(r[5] == "true") end
  end
  local na = #rows + 1   -- NA in, NA out
  expect(m:col("ok")[na]):is_nil()
  expect(m:col("t")[na]):is_nil()
  expect(m:col("abe")[na]):is_nil()
end

test "variant functions on a dictionary-encoded column" (function()
  local f = cases(0)
  check(f)
  expect(f:filter("hgvs_consequence(variant) == 'frameshift'"):nrow()):equals(1)
  expect(f:filter("not hgvs_valid(variant)"):nrow()):equals(1)
  expect(f:filter("abe_correctable(variant)"):nrow()):equals(2)
end)

test "variant functions on a plain text column" (function()
  local f = cases(20000)
  expect(f:col("variant")[20000]):equals("c.119992A>G")
  check(f)
  expect(f:filter("hgvs_type(variant) == 'substitution' and abe_correctable(variant)"):nrow()):equals(2)
end)

test "variant functions: type errors name the argument" (function()
  local f = frame.new({ n = { 1, 2 } })
  expect(function() f:filter("hgvs_valid(n)") end)
    :raises("expression:1:12: hgvs_valid needs a str variant, got int")
  expect(function() f:filter("hgvs_type(n, n) == 'x'") end):raises("hgvs_type")
end)

test "variant functions explain as per-entry tables on codes" (function()
  local e = expr.compile("hgvs_consequence(variant) == 'nonsense'", cases(0))
  expect(e:explain()):contains("code_name")
end)
