-- re_test.lua: behaviour tests of the re module (docs/re.md): every
-- function and method, flags, replacements, split and gmatch edge cases,
-- error messages, the pattern cache.

local function pack(...) return { n = select("#", ...), ... } end

test "re is a global and a module" (function()
  expect(type(re)):equals("table")
  expect(require("re") == re):is_true()
  for _, name in ipairs({ "compile", "find", "gmatch", "gsub", "match", "split" }) do
    expect(type(re[name])):equals("function")
  end
end)

---------------------------------------------------------------- match

test "match returns the captures, or the whole match without any" (function()
  expect(pack(re.match("hello world", "(\\w+) (\\w+)"))):equals({ n = 2, "hello", "world" })
  expect(pack(re.match("hello world", "o w"))):equals({ n = 1, "o w" })
  expect(re.match("hello", "x")):is_nil()
  expect(pack(re.match("hello", "x")).n):equals(1)
end)

test "match: a group that takes no part is false" (function()
  expect(pack(re.match("b", "(a)|(b)"))):equals({ n = 2, false, "b" })
  expect(pack(re.match("x", "(y)?x"))):equals({ n = 1, false })
end)

test "match: init counts bytes like string.find's" (function()
  expect(re.match("abcabc", "a.", 2)):equals("ab")
  expect(re.match("abcabc", "a(.)", 4)):equals("b")
  expect(re.match("abcabc", "c", -1)):equals("c")
  expect(re.match("abcabc", "a", -2)):is_nil()
  expect(re.match("abc", "a", -10)):equals("a")
  expect(re.match("abc", "a", 0)):equals("a")
  expect(re.match("abc", "$", 4)):equals("")
  expect(re.match("abc", "", 5)):is_nil()
end)

test "match: ^ anchors at the subject's start, not at init" (function()
  expect(re.match("abc", "^b", 2)):is_nil()
  expect(re.match("abc", "\\Gb", 2)):equals("b")
end)

---------------------------------------------------------------- find

test "find returns 1-based inclusive start and end, then the captures" (function()
  expect(pack(re.find("hello world", "o w"))):equals({ n = 2, 5, 7 })
  expect(pack(re.find("hello world", "(o) (w)"))):equals({ n = 4, 5, 7, "o", "w" })
  expect(pack(re.find("abc", ""))):equals({ n = 2, 1, 0 })
  expect(pack(re.find("abc", "$"))):equals({ n = 2, 4, 3 })
  expect(re.find("abc", "d")):is_nil()
  expect(pack(re.find("abcabc", "b", 3))):equals({ n = 2, 5, 5 })
end)

test "find agrees with string.find on plain text" (function()
  for _, case in ipairs({ { "banana", "an" }, { "banana", "na", 4 }, { "x", "x" }, { "", "" } }) do
    expect(pack(re.find(case[1], case[2], case[3]))):equals(pack(string.find(case[1], case[2], case[3])))
  end
end)

---------------------------------------------------------------- gmatch

test "gmatch iterates the matches (captures or the whole match)" (function()
  local words = {}
  for w in re.gmatch("one two  three", "\\w+") do words[#words + 1] = w end
  expect(words):equals({ "one", "two", "three" })
  local pairs_ = {}
  for k, v in re.gmatch("a=1, b=2", "(\\w+)=(\\w+)") do pairs_[#pairs_ + 1] = k .. ":" .. v end
  expect(pairs_):equals({ "a:1", "b:2" })
end)

test "gmatch: empty matches advance, never twice at one place" (function()
  local function all(s, p)
    local out = {}
    for m in re.gmatch(s, p) do out[#out + 1] = m end
    return out
  end
  expect(all("abc", "")):equals({ "", "", "", "" })
  expect(all("abc", "\\w*")):equals({ "abc" })
  expect(all("a,b", ",*")):equals({ "", ",", "" })
  expect(all("", "x*")):equals({ "" })
  expect(all("h\u{E9}!", "")):equals({ "", "", "", "" })   -- by characters, not bytes
  -- the same as Lua 5.4's string.gmatch on patterns both can write
  for _, case in ipairs({ { "abc", "%w*", "\\w*" }, { "a,b", ",*", ",*" }, { "abc", "", "" } }) do
    local lua = {}
    for m in case[1]:gmatch(case[2]) do lua[#lua + 1] = m end
    expect(all(case[1], case[3])):equals(lua)
  end
end)

test "gmatch: an exhausted iterator stays exhausted" (function()
  local it = re.gmatch("ab", "\\w")
  expect(it()):equals("a")
  expect(it()):equals("b")
  expect(select("#", it())):equals(0)
  expect(select("#", it())):equals(0)
end)

---------------------------------------------------------------- gsub

test "gsub with a template: $0..$9, ${N}, ${name}, $$" (function()
  expect(pack(re.gsub("hello world", "(\\w+)", "<$1>"))):equals({ n = 2, "<hello> <world>", 2 })
  expect(re.gsub("2024-05-01", "(\\d+)-(\\d+)-(\\d+)", "$3/$2/$1")):equals("01/05/2024")
  expect(re.gsub("abc", "b", "[$0]")):equals("a[b]c")
  expect(re.gsub("abc", "(b)", "${1}1")):equals("ab1c")
  expect(re.gsub("2024-05", "(?<y>\\d+)-(?<m>\\d+)", "${m}.${y}")):equals("05.2024")
  expect(re.gsub("cost 5", "(\\d)", "$$$1")):equals("cost $5")
  expect(re.gsub("ab", "(x)?b", "[$1]")):equals("a[]")   -- an unset group is empty
  expect(re.gsub("a.b", "\\.", "%1")):equals("a%1b")     -- % is plain text
  expect(re.gsub("a1", "\\d", 7)):equals("a7")           -- a number is a template
end)

test "gsub with a table: keyed by the first capture or the whole match" (function()
  expect(pack(re.gsub("hello world", "o", { o = "0" }))):equals({ n = 2, "hell0 w0rld", 2 })
  expect(re.gsub("$name is $age", "\\$(\\w+)", { name = "KJ", age = 1 })):equals("KJ is 1")
  expect(re.gsub("a b", "\\w", { a = false })):equals("a b")   -- false keeps the match
end)

test "gsub with a function: called with the captures" (function()
  expect(pack(re.gsub("hello world", "\\w+", string.upper))):equals({ n = 2, "HELLO WORLD", 2 })
  expect(re.gsub("a=1, b=2", "(\\w+)=(\\w+)", function(k, v) return v .. "=" .. k end)):equals("1=a, 2=b")
  expect(re.gsub("abc", "b", function() return nil end)):equals("abc")
  expect(re.gsub("b", "(a)?b", function(a) return tostring(a) end)):equals("false")
end)

test "gsub: n limits the replacements" (function()
  expect(pack(re.gsub("aaa", "a", "b", 2))):equals({ n = 2, "bba", 2 })
  expect(pack(re.gsub("aaa", "a", "b", 0))):equals({ n = 2, "aaa", 0 })
  expect(pack(re.gsub("aaa", "a", "b", -1))):equals({ n = 2, "aaa", 0 })
end)

test "gsub: empty matches follow gmatch's rule, as Lua 5.4's string.gsub" (function()
  expect(pack(re.gsub("abc", "\\w*", "-"))):equals({ n = 2, "-", 1 })
  expect(pack(re.gsub("abc", "", "-"))):equals({ n = 2, "-a-b-c-", 4 })
  expect(pack(re.gsub("", "x*", "-"))):equals({ n = 2, "-", 1 })
  expect(re.gsub("abc", "", "-")):equals(("abc"):gsub("", "-"))
  expect(re.gsub("hello world", "o*", "."))
    :equals((("hello world"):gsub("o*", ".")))
end)

test "gsub: a function may use re itself, even evicting the pattern from the cache" (function()
  local out = re.gsub("a b c", "\\w", function(c)
    for i = 1, 300 do re.match(c, "x" .. i .. "|" .. c) end
    return re.match(c, "\\w"):upper()
  end)
  expect(out):equals("A B C")
end)

test "gsub: bad replacements raise before any matching" (function()
  expect(function() re.gsub("abc", "b", "$x") end)
    :raises("re.gsub: bad replacement at offset 0: '$' must be followed by a digit, '{' or '$'")
  expect(function() re.gsub("abc", "b", "x$") end)
    :raises("re.gsub: bad replacement at offset 1: '$' at the end (write $$ for a dollar sign)")
  expect(function() re.gsub("abc", "(b)", "$2") end)
    :raises("re.gsub: bad replacement at offset 0: no group 2 (the pattern has 1)")
  expect(function() re.gsub("abc", "b", "${nope}") end)
    :raises("re.gsub: bad replacement at offset 0: no group named 'nope'")
  expect(function() re.gsub("abc", "b", "${1") end)
    :raises("re.gsub: bad replacement at offset 0: '${' without '}'")
  expect(function() re.gsub("xyz", "b", "$x") end):raises("bad replacement")   -- even with no match
  expect(function() re.gsub("abc", "b", function() return {} end) end)
    :raises("re.gsub: invalid replacement value (a table)")
  expect(function() re.gsub("abc", "b", true) end)
    :raises("bad argument #3 to 'gsub' (string/function/table expected, got boolean)")
end)

---------------------------------------------------------------- split

test "split: pieces between the matches" (function()
  expect(re.split("a, b,c", ",\\s*")):equals({ "a", "b", "c" })
  expect(re.split("abc", ",")):equals({ "abc" })
  expect(re.split("", ",")):equals({ "" })
end)

test "split: leading, trailing and adjacent separators give empty pieces" (function()
  expect(re.split(",a,,b,", ",")):equals({ "", "a", "", "b", "" })
  expect(re.split(",", ",")):equals({ "", "" })
end)

test "split: empty matches split between characters, not at the ends" (function()
  expect(re.split("abc", "")):equals({ "a", "b", "c" })
  expect(re.split("a,b", ",*")):equals({ "a", "b" })
  expect(re.split("h\u{E9}!", "")):equals({ "h", "\u{E9}", "!" })
  expect(re.split("a1b", "\\d*")):equals({ "a", "b" })
end)

test "split: n is the most pieces; the last holds the rest" (function()
  expect(re.split("a1b2c3", "\\d", 2)):equals({ "a", "b2c3" })
  expect(re.split("a1b2c3", "\\d", 1)):equals({ "a1b2c3" })
  expect(re.split("a1b2c3", "\\d", 10)):equals({ "a", "b", "c", "" })
  expect(function() re.split("a", ",", 0) end)
    :raises("bad argument #3 to 'split' (at least 1 piece expected)")
end)

---------------------------------------------------------------- compile

test "compile: a regex with the functions as methods" (function()
  local rx = re.compile("(\\d+)")
  expect(rx:match("ab12cd34")):equals("12")
  expect(rx:match("ab12cd34", 5)):equals("34")
  expect(pack(rx:find("ab12"))):equals({ n = 3, 3, 4, "12" })
  local all = {}
  for d in rx:gmatch("1 22 333") do all[#all + 1] = d end
  expect(all):equals({ "1", "22", "333" })
  expect(pack(rx:gsub("a1b2", "<$1>"))):equals({ n = 2, "a<1>b<2>", 2 })
  expect(rx:gsub("a1b2", "#", 1)):equals("a#b2")
  expect(re.compile(",\\s*"):split("a, b,c")):equals({ "a", "b", "c" })
  expect(re.compile("\\d"):split("a1b2", 2)):equals({ "a", "b2" })
end)

test "compile: the functions accept a regex in place of a pattern" (function()
  local rx = re.compile("b+", "i")
  expect(re.match("aBBc", rx)):equals("BB")
  expect(pack(re.find("aBBc", rx))):equals({ n = 2, 2, 3 })
  expect(re.gsub("aBc", rx, "-")):equals("a-c")
  expect(re.split("aBc", rx)):equals({ "a", "c" })
  local n = 0
  for _ in re.gmatch("b B", rx) do n = n + 1 end
  expect(n):equals(2)
end)

test "compile: flags i, m, s, x" (function()
  expect(re.match("ABC", re.compile("b", "i"))):equals("B")
  expect(re.match("\u{C9}T\u{C9}", re.compile("\u{E9}t\u{E9}", "i"))):equals("\u{C9}T\u{C9}")
  expect(re.match("a\nb", "^b")):is_nil()
  expect(re.match("a\nb", re.compile("^b$", "m"))):equals("b")
  expect(re.match("a\nb", "a.b")):is_nil()
  expect(re.match("a\nb", re.compile("a.b", "s"))):equals("a\nb")
  expect(re.match("ab", re.compile(" a  b  # comment", "x"))):equals("ab")
  expect(re.match("a\nB", re.compile("^ b $", "imx"))):equals("B")
  expect(tostring(re.compile("a", "xsmi"))):equals("regex(/a/imsx)")
end)

test "compile: regex has its metatable's name and tostring" (function()
  local rx = re.compile("(a|b)+", "i")
  expect(tostring(rx)):equals("regex(/(a|b)+/i)")
  expect(tostring(re.compile("x"))):equals("regex(/x/)")
  expect(getmetatable(rx).__name):equals("pathway.regex")
  expect(tostring(re.compile("a\0b"))):equals("regex(/a\0b/)")
end)

test "exec: start, stop, the match, positional and named groups" (function()
  local rx = re.compile("(?<y>\\d{4})-(?<m>\\d\\d)(-(\\d\\d))?")
  local t = rx:exec("on 2024-05 and")
  expect(t):equals({ start = 4, stop = 10, match = "2024-05", "2024", "05", false, false,
                     y = "2024", m = "05" })
  expect(rx:exec("no date")):is_nil()
  expect(rx:exec("2024-05 2025-06", 2).y):equals("2025")
end)

test "close: a closed regex raises when used" (function()
  local rx = re.compile("a")
  do
    local closing <close> = rx
  end
  expect(tostring(rx)):equals("regex(closed)")
  expect(function() rx:match("a") end):raises("calling 'match' on bad self (regex is closed)")
  expect(function() re.match("a", rx) end):raises("bad argument #2 to 'match' (regex is closed)")
  local it = re.gmatch("aa", re.compile("a"))
  expect(it()):equals("a")
end)

---------------------------------------------------------------- text

test "UTF-8: classes and properties are Unicode's, offsets are bytes" (function()
  expect(re.match("caf\u{E9} au lait", "\\w+")):equals("caf\u{E9}")
  expect(pack(re.find("caf\u{E9}!", "!"))):equals({ n = 2, 6, 6 })
  expect(re.match("\u{3B1}\u{3B2}", "^.$")):is_nil()
  expect(re.match("\u{3B1}\u{3B2}", "^..$")):equals("\u{3B1}\u{3B2}")
  expect(re.match("Gen\u{E8}ve", "\\p{L}+$")):equals("Gen\u{E8}ve")
end)

test "subjects may hold NUL bytes and bytes that are not UTF-8" (function()
  expect(re.match("a\0b", "a\\0b")):equals("a\0b")
  expect(re.match("a\0b", "a.b")):equals("a\0b")
  expect(re.match("a\0b", "a\0b")):equals("a\0b")             -- a NUL in the pattern itself
  expect(re.split("x\0y\0z", "\\x00")):equals({ "x", "y", "z" })
  expect(re.match("\xff\xfeabc", "\\w+")):equals("abc")        -- invalid bytes match nothing
  expect(re.match("\xff", ".")):is_nil()
  expect(re.gsub("a\xffb", "\\w", "-")):equals("-\xff-")
end)

---------------------------------------------------------------- errors

test "a bad pattern raises with PCRE2's message and the offset" (function()
  expect(function() re.compile("(ab") end)
    :raises("re.compile: bad pattern at offset 3: missing closing parenthesis")
  expect(function() re.match("x", "a[b") end)
    :raises("re.match: bad pattern at offset 3: missing terminating ] for character class")
  expect(function() re.find("x", "*") end)
    :raises("re.find: bad pattern at offset 0: quantifier does not follow a repeatable item")
  expect(function() re.gsub("x", "(?<n>a)(?<n>b)", "") end)
    :raises("re.gsub: bad pattern at offset 12: two named subpatterns have the same name (PCRE2_DUPNAMES not set)")
  expect(function() re.split("x", "\xff") end):raises("re.split: bad pattern at offset 0: UTF-8 error")
  expect(function() re.gmatch("x", "(") end):raises("re.gmatch: bad pattern at offset 1")
end)

test "misuse raises bad argument" (function()
  expect(function() re.compile("a", "q") end)
    :raises("bad argument #2 to 'compile' (unknown flag 'q': flags are i, m, s and x)")
  expect(function() re.compile() end):raises("bad argument #1 to 'compile' (string expected, got no value)")
  expect(function() re.match("x", {}) end):raises("bad argument #2 to 'match' (string expected, got table)")
  expect(function() re.match(nil, "x") end):raises("bad argument #1 to 'match' (string expected, got nil)")
  expect(function() re.find("x", "x", "y") end):raises("bad argument #3 to 'find' (number expected, got string)")
  expect(function() re.compile("x"):match({}) end):raises("bad argument #1 to 'match' (string expected, got table)")
  expect(function() re.match("x", frame.new{ a = { 1 } }) end)
    :raises("bad argument #2 to 'match' (pathway.regex expected, got pathway.frame)")
end)

test "catastrophic backtracking stops at PCRE2's match limit" (function()
  expect(function() re.match(("a"):rep(40) .. "b", "^(a|a?)+$") end):raises("re.match: match limit exceeded")
end)

---------------------------------------------------------------- the cache

test "the cache: a pattern string repeated in a loop gives the same results" (function()
  local n = 0
  for i = 1, 2000 do
    if re.match("id-" .. i, "^id-(\\d+)$") == tostring(i) then n = n + 1 end
  end
  expect(n):equals(2000)
end)

test "the cache is bounded: many distinct patterns do not pile up" (function()
  local function churn(from)
    for i = from, from + 999 do re.match("x", "x" .. i) end
    collectgarbage(); collectgarbage()
    return collectgarbage("count")
  end
  churn(1)
  local before = churn(1001)
  local after = churn(2001)
  expect(after - before < 64):is_true()   -- KB: at most 128 regexes stay cached
end)

test "the cache keeps nothing for a bad pattern" (function()
  for _ = 1, 2 do
    expect(function() re.match("x", "(") end):raises("re.match: bad pattern at offset 1: missing closing parenthesis")
  end
end)
