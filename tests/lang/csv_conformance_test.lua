-- csv_conformance_test.lua: csv.read and csv.parse against ../shared/conformance/csv
-- (csv-spectrum in full; PapaParse's cases within RFC 4180 and csv's options).
-- Run from the repository root; without ../shared every case is skipped.

local ROOT = "../shared/conformance/csv/"

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local have_corpus = slurp(ROOT .. "README.md") ~= nil
local function need_corpus()
  if not have_corpus then skip("../shared not found: conformance corpus unavailable") end
end

-- csv.parse with the engine's warnings off (renamed headers and skipped
-- blank lines warn, which is noise in a test run).
local function parse_quietly(text, opts)
  warn("@off")
  local ok, f = pcall(csv.parse, text, opts)
  warn("@on")
  if not ok then error(f, 0) end
  return f
end

-- Every value of frame f as a string or nil (NA), row by row: {{...}, ...}.
local function cells(f)
  local rows, names = {}, f:names()
  for i = 1, f:nrow() do
    local row = {}
    for j = 1, #names do row[j] = f:col(names[j])[i] end
    rows[i] = row
  end
  return rows
end

---------------------------------------------------------------- csv-spectrum

-- Each CSV equals its JSON: an array of objects keyed by the header, all
-- values strings (types = "str"; na = {}: an empty field is "").
local spectrum = { "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json",
  "newlines", "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8" }

for _, name in ipairs(spectrum) do
  test("csv-spectrum " .. name) (function()
    need_corpus()
    local want = json.decode(slurp(ROOT .. "csv-spectrum/json/" .. name .. ".json"))
    local f = csv.read(ROOT .. "csv-spectrum/csvs/" .. name .. ".csv", { types = "str", na = {} })
    expect(f:nrow()):equals(#want)
    local names = f:names()
    for i, obj in ipairs(want) do
      local n = 0
      for key, value in pairs(obj) do
        n = n + 1
        expect(f:col(key)[i]):equals(value)
      end
      expect(#names):equals(n)
    end
  end)
end

---------------------------------------------------------------- PapaParse

-- Cases outside RFC 4180 or csv's options, by "<suite> <index>", with why.
local excluded = {
  ["CORE 47"] = "comments = 5 is not a comment character (PapaParse ignores it)",
  ["CORE 48"] = "multi-character comment prefix; csv's comment is one byte",
  ["CORE 50"] = "PapaParse returns an empty row for the line end after a comment",
  ["CORE 54"] = "PapaParse counts the final line break as an empty row; RFC 4180 does not",
  ["CORE 56"] = "multi-character comment prefix; comment is one byte",
  ["CORE 57"] = "preview (row limit) is not an option of csv.read",
  ["CORE 58"] = "PapaParse counts the final line break as an empty row",
  ["CORE 59"] = "PapaParse numbers duplicate names from _1; csv from _2 (x, x_2)",
  ["CORE 61"] = "PapaParse numbers duplicate names from _1; csv from _2 (x, x_2)",
  ["PARSE 9"] = "PapaParse keeps one line break per file and a bare CR as data; CR ends a record",
  ["PARSE 20"] = "sep is one of , ; tab | (here ASCII 30)",
  ["PARSE 21"] = "sep is one of , ; tab | (here ASCII 31)",
  ["PARSE 22"] = "a line break as separator is a bad argument, not a fallback to ','",
  ["PARSE 23"] = "multi-character separator; sep is one byte",
  ["PARSE 24"] = "multi-character separator; sep is one byte",
  ["PARSE 25"] = "dynamicTyping: PapaParse's conversions (1e3 -> 1000) are not csv's inference",
  ["PARSE 26"] = "dynamicTyping: PapaParse's conversions are not csv's inference",
  ["PARSE 27"] = "dynamicTyping: PapaParse's conversions are not csv's inference",
  ["PARSE 28"] = "dynamicTyping: PapaParse's conversions are not csv's inference",
  ["PARSE 29"] = "dynamicTyping: PapaParse's conversions are not csv's inference",
  ["PARSE 30"] = "dynamicTyping: PapaParse's conversions are not csv's inference",
  ["PARSE 31"] = "dynamicTyping: PapaParse's conversions are not csv's inference",
  ["PARSE 32"] = "PapaParse keeps a blank line as a row; csv skips it and counts it",
  ["PARSE 33"] = "PapaParse keeps a blank line as a row; csv skips it and counts it",
  ["PARSE 34"] = "PapaParse keeps a blank line as a row; csv skips it and counts it",
  ["PARSE 43"] = "preview (row limit) is not an option of csv.read",
  ["PARSE 44"] = "preview (row limit) is not an option of csv.read",
  ["PARSE 45"] = "preview (row limit) is not an option of csv.read",
  ["PARSE 46"] = "preview (row limit) is not an option of csv.read",
  ["PARSE 47"] = "preview (row limit) is not an option of csv.read",
  ["PARSE 48"] = "preview (row limit) is not an option of csv.read",
  ["PARSE 49"] = "PapaParse keeps a blank line as a row; csv skips it and counts it",
  ["PARSE 61"] = "quoteChar: RFC 4180 quotes with \"",
  ["PARSE 62"] = "escapeChar: backslash escapes are not RFC 4180",
  ["PARSE 63"] = "escapeChar: backslash escapes are not RFC 4180",
  ["PARSE 64"] = "escapeChar: backslash escapes are not RFC 4180",
  ["PARSE 74"] = "quoteChar: RFC 4180 quotes with \"",
  ["PARSE 75"] = "quoteChar: RFC 4180 quotes with \"",
  ["PARSE 78"] = "skipEmptyLines = 'greedy' drops rows of empty fields (silent loss)",
  ["PARSE 79"] = "skipEmptyLines = 'greedy' drops rows of empty fields (silent loss)",
  ["PARSE 85"] = "a negative skip is a bad argument",
}

-- Well-formed for PapaParse, refused by csv on purpose: csv.parse must raise.
local stricter = {
  ["CORE 12"] = "a quote inside an unquoted field",
  ["CORE 17"] = "blanks around a quoted field make it unquoted, with quotes inside",
  ["CORE 18"] = "a quote inside an unquoted field",
  ["CORE 37"] = "rows of 3 and 4 fields (ragged)",
  ["PARSE 5"] = "text after a closing quote",
  ["PARSE 6"] = "text after a closing quote",
  ["PARSE 7"] = "text after a closing quote",
  ["PARSE 8"] = "a quote inside an unquoted field",
  ["PARSE 35"] = "a line of one blank field among rows of three (ragged)",
  ["PARSE 53"] = "a line of one blank field among rows of three (ragged)",
  ["PARSE 80"] = "text after a closing quote",
  ["PARSE 81"] = "text after a closing quote",
}

local SUITES = { { key = "CORE_PARSER_TESTS", short = "CORE", count = 62 },
                 { key = "PARSE_TESTS", short = "PARSE", count = 87 } }

local papa   -- the decoded cases, loaded once
local function case(suite, i)
  need_corpus()
  papa = papa or json.decode(slurp(ROOT .. "papaparse/papaparse_cases.json"))
  return papa[suite.key].cases[i + 1]
end

-- csv options for a PapaParse config; CORE cases never guess the separator.
local function options(config, guess)
  config = config or {}
  local o = { types = "str", na = {}, header = config.header == true,
              sep = guess and "auto" or "," }
  if config.delimiter then o.sep = config.delimiter end
  if config.comments == true then o.comment = "#"
  elseif type(config.comments) == "string" then o.comment = config.comments end
  if config.skipFirstNLines then o.skip = config.skipFirstNLines end
  return o
end

local function expect_data(c, f, suite)
  local data, header = c.expected.data, (c.config or {}).header == true
  if header and suite.short == "CORE" then   -- the first row is the header
    expect(f:names()):equals(data[1])
    local rows = {}
    for i = 2, #data do rows[#rows + 1] = data[i] end
    data = rows
  end
  expect(f:nrow()):equals(#data)
  local got = cells(f)
  for i, row in ipairs(data) do
    if header and suite.short == "PARSE" then
      for key, value in pairs(row) do expect(f:col(key)[i]):equals(value) end
    else
      expect(got[i]):equals(row)
    end
  end
end

local function fails_for_papa(c)
  for _, e in ipairs(c.expected.errors) do
    if e.type ~= "Delimiter" then return true end   -- Delimiter: a guess, data still given
  end
  return false
end

for _, suite in ipairs(SUITES) do
  for i = 0, suite.count - 1 do
    local id = suite.short .. " " .. i
    if not excluded[id] then
      test("papaparse " .. id) (function()
        local c = case(suite, i)
        local opts = options(c.config, suite.short == "PARSE")
        if stricter[id] or fails_for_papa(c) then
          expect(function() parse_quietly(c.input, opts) end):raises("(string):")
        else
          expect_data(c, parse_quietly(c.input, opts), suite)
        end
      end)
    end
  end
end

test "papaparse exclusions name real cases and give a reason" (function()
  need_corpus()
  for _, suite in ipairs(SUITES) do
    local cases = json.decode(slurp(ROOT .. "papaparse/papaparse_cases.json"))[suite.key].cases
    expect(#cases):equals(suite.count)
  end
  for id, why in pairs(excluded) do
    local short, i = id:match("^(%u+) (%d+)$")
    expect(short == "CORE" or short == "PARSE"):is_true()
    expect(tonumber(i) < (short == "CORE" and 62 or 87)):is_true()
    expect(#why > 15):is_true()
    expect(stricter[id]):is_nil()
  end
end)
