-- reference_re.lua: reference entries of re, regular expressions over PCRE2.
-- Exports: an array of entries (the schema: docs/reference/index.md).
local U = require "pathway.reference_util"
local p, r, fn, method, class, module = U.p, U.r, U.fn, U.method, U.class, U.module
local REGEX = "pathway.regex"
local PATTERN = "string|" .. REGEX

return {
  module("re", { signature = "re.match(s, pattern [, init]) / re.gsub(s, pattern, repl [, n]) / re.compile(pattern [, flags])",
    summary = "regular expressions with PCRE2 semantics: match, find, gmatch, gsub, split, compile",
    body = [[
Patterns are PCRE2 (Perl-compatible) in UTF-8 mode with Unicode classes;
offsets and positions are bytes, as in Lua's string library. A pattern is
a string (compiled once and cached) or a regex from re.compile. Captures
that take no part in a match are false. A bad pattern raises
"re.f: bad pattern at offset N: why"; no match returns fail (nil).
docs/re.md has the semantics and the differences from Lua patterns.]],
    example = "print(re.gsub('2024-05-01', [[(\\d+)-(\\d+)-(\\d+)]], '$3.$2.$1'))  --> 01.05.2024" }),
  fn("re.match", { signature = "re.match(s, pattern [, init]) -> captures... | nil",
    summary = "the captures of the first match (or the whole match when there are none)",
    body = [[
init is a byte position (negative counts from the end, as in
string.find); ^ still anchors at the start of s (\G anchors at init). A
capture that takes no part is false.]],
    params = { p("s", "string", "the subject"), p("pattern", PATTERN, "the pattern or a compiled regex"),
               p("init?", "integer", "where to start (default 1)") },
    returns = { r("string|false|nil", "the first capture, or the match; nil when nothing matches"),
                r("string|false ...", "the other captures") },
    example = "print(re.match('NM_000277.3:c.1222C>T', [[c\\.(\\d+)]]))  --> 1222" }),
  fn("re.find", { signature = "re.find(s, pattern [, init]) -> start, stop, captures... | nil",
    summary = "where the first match is: 1-based start and inclusive end, then the captures",
    body = "Like string.find: an empty match at position i gives i, i - 1.",
    params = { p("s", "string", "the subject"), p("pattern", PATTERN, "the pattern or a compiled regex"),
               p("init?", "integer", "where to start (default 1)") },
    returns = { r("integer|nil", "the first byte of the match; nil when nothing matches"),
                r("integer?", "the last byte of the match"), r("string|false ...", "the captures, if any") },
    example = "print(re.find('c.1003C>T', '[ACGT]>[ACGT]'))  --> 7" }),
  fn("re.gmatch", { signature = "re.gmatch(s, pattern) -> iterator",
    summary = "an iterator over the matches: each step returns the captures or the whole match",
    body = [[
Empty matches follow Lua 5.4's rule: a match may not be empty where the
previous one ended, so "\w*" on "abc" yields "abc" once and "" yields an
empty string before each character and at the end.]],
    params = { p("s", "string", "the subject"), p("pattern", PATTERN, "the pattern or a compiled regex") },
    returns = { r("fun(): string|false ...", "the iterator") },
    example = "for gene, n in re.gmatch('CPS1:2 OTC:1', [[(\\w+):(\\d)]]) do print(gene, n) end" }),
  fn("re.gsub", { signature = "re.gsub(s, pattern, repl [, n]) -> string, count",
    summary = "replace the matches: repl is a $-template, a table or a function",
    body = [[
A string repl is a template: $0 to $9 and ${N} are groups, ${name} a named
group, $$ a dollar sign; every other character stands for itself (%, \ too).
A group that takes no part is empty; a bad reference raises "re.gsub: bad
replacement at offset K: why" before any matching. A table is indexed by
the first capture (or the whole match), a function called with the
captures (or the whole match); false or nil keeps the match, as in
string.gsub. n limits the replacements. Empty matches follow re.gmatch.]],
    params = { p("s", "string", "the subject"), p("pattern", PATTERN, "the pattern or a compiled regex"),
               p("repl", "string|table|function", "the template, table or function"),
               p("n?", "integer", "at most this many replacements") },
    returns = { r("string", "the result"), r("integer", "how many matches were replaced") },
    example = "print(re.gsub('p.Gln335Ter', [[p\\.(\\w{3})(\\d+)Ter]], '$1$2*'))  --> Gln335*" }),
  fn("re.split", { signature = "re.split(s, pattern [, n]) -> pieces",
    summary = "the pieces of s between the matches of the separator pattern",
    body = [[
Leading, trailing and adjacent separators give empty pieces; an empty
match splits between characters but never at either end (so "" splits
into characters). Captures in the separator are not returned. n (at least
1) is the most pieces returned: the last holds the rest of s.]],
    params = { p("s", "string", "the subject"), p("pattern", PATTERN, "the separator"),
               p("n?", "integer", "at most this many pieces") },
    returns = { r("string[]", "the pieces, at least one") },
    example = "print(#re.split('CPS1; OTC ;ASL', [[\\s*;\\s*]]))  --> 3" }),
  fn("re.compile", { signature = "re.compile(pattern [, flags]) -> regex",
    summary = "compile a pattern once, with flags i, m, s, x; a bad pattern raises",
    body = [[
Flags: "i" caseless (Unicode case folding), "m" multiline (^ and $ at
line breaks), "s" dotall (. matches a newline), "x" extended (whitespace
and # comments ignored). An unknown flag is a bad argument; a bad pattern
raises "re.compile: bad pattern at offset N: why" with PCRE2's message.
The regex is JIT-compiled when PCRE2 has a JIT for the machine.]],
    params = { p("pattern", "string", "the pattern"), p("flags?", "string", "any of i, m, s, x") },
    returns = { r(REGEX, "the compiled regex") },
    example = "print(re.compile('cps1', 'i'):match('gene CPS1'))  --> CPS1" }),

  class("regex", { class = REGEX, signature = "re.compile(pattern [, flags]) -> regex",
    summary = "a compiled regular expression: the re functions as methods, and :exec",
    body = [[
tostring gives regex(/pattern/flags). A to-be-closed value: once closed
(or collected) its compiled code is freed and using it raises.]],
    example = "print(re.compile([[\\d+]], 'x'))  --> regex(/\\d+/x)" }),
  method("regex:match", { signature = "rx:match(s [, init]) -> captures... | nil",
    summary = "re.match with this regex",
    params = { p("s", "string", "the subject"), p("init?", "integer", "where to start (default 1)") },
    returns = { r("string|false|nil", "the first capture, or the match; nil when nothing matches"),
                r("string|false ...", "the other captures") },
    example = "print(re.compile([[(\\d+)]]):match('c.1003C>T'))  --> 1003" }),
  method("regex:find", { signature = "rx:find(s [, init]) -> start, stop, captures... | nil",
    summary = "re.find with this regex",
    params = { p("s", "string", "the subject"), p("init?", "integer", "where to start (default 1)") },
    returns = { r("integer|nil", "the first byte of the match"), r("integer?", "the last byte of the match"),
                r("string|false ...", "the captures, if any") },
    example = "print(re.compile('>'):find('c.1003C>T'))  --> 8" }),
  method("regex:gmatch", { signature = "rx:gmatch(s) -> iterator",
    summary = "re.gmatch with this regex",
    params = { p("s", "string", "the subject") },
    returns = { r("fun(): string|false ...", "the iterator") },
    example = "for n in re.compile([[\\d+]]):gmatch('1, 22, 333') do print(n) end" }),
  method("regex:gsub", { signature = "rx:gsub(s, repl [, n]) -> string, count",
    summary = "re.gsub with this regex",
    params = { p("s", "string", "the subject"), p("repl", "string|table|function", "the template, table or function"),
               p("n?", "integer", "at most this many replacements") },
    returns = { r("string", "the result"), r("integer", "how many matches were replaced") },
    example = "print(re.compile('t', 'i'):gsub('TaT', 'u'))  --> uau" }),
  method("regex:split", { signature = "rx:split(s [, n]) -> pieces",
    summary = "re.split with this regex",
    params = { p("s", "string", "the subject"), p("n?", "integer", "at most this many pieces") },
    returns = { r("string[]", "the pieces") },
    example = "print(re.compile(','):split('a,b,c')[3])  --> c" }),
  method("regex:exec", { signature = "rx:exec(s [, init]) -> {start, stop, match, [i], name...} | nil",
    summary = "the first match as a table: span, match, positional and named groups",
    body = [[
start and stop are as re.find returns them, match is the whole match,
[1]..[n] the groups and each named group also under its name (false when
it takes no part).]],
    params = { p("s", "string", "the subject"), p("init?", "integer", "where to start (default 1)") },
    returns = { r("table|nil", "the match; nil when nothing matches") },
    example = "print(re.compile([[(?<pos>\\d+)(?<ref>[ACGT])>]]):exec('c.1003C>T').pos)  --> 1003" }),
}
