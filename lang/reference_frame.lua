-- reference_frame.lua: reference entries of frames, grouped frames and columns.
-- Exports: an array of entries (the schema: docs/reference/index.md).
local U = require "pathway.reference_util"
local p, r, fn, method, class = U.p, U.r, U.fn, U.method, U.class
local FRAME, COLUMN, GROUPED = "pathway.frame", "pathway.column", "pathway.grouped"
local PRED = "string|fun(row: table): any"

return {
  class("frame", { class = FRAME, signature = "frame.new(columns [, {types = {...}, order = {...}}]) -> frame",
    summary = "columnar frames: build, filter, mutate, group, join, sort (also the global `frame`: frame.new, frame.format)",
    body = [[
A frame is a set of named, typed, immutable columns (int num bool date str)
with NA as missing values. Every method returns a new frame; the input is
never changed. filter, mutate and summarise take expression strings
(pathway help expressions) or Lua functions of a row. Frames are
to-be-closed values (local f <close> = ...); a closed frame raises "frame
is closed". tostring(f) is a box table (frame.format). The global `frame`
holds frame.new and frame.format. docs/frames.md has every method.]],
    example = "print(frame.new({x = {1, 2, 3}}):filter('x > 1'):nrow())  --> 2" }),
  fn("frame.new", { signature = "frame.new(columns [, {types = {...}, order = {...}}]) -> frame",
    summary = "a frame from Lua arrays (or columns)",
    body = [[
columns is {name = values, ...} or an array {{name, type, values}, ...}
(or {name, values}) that gives order and types inline. values is a Lua
array (nil for NA; its length is field n when set, else its largest
integer key) or a column (shared, not copied). Types are inferred: all
integers int, any float num, booleans bool, strings str; a given type
converts (date parses "YYYY-MM-DD"). A column of only NA needs a type.
Without order, columns are in byte order of their names.]],
    params = { p("columns", "table", "{name = values} or {{name, type, values}, ...}"),
               p("opts?", "{types: table<string, string>, order: string[]}", "types by name and column order (named form only)") },
    returns = { r("pathway.frame", "the new frame") },
    example = "print(frame.new({{'id', 'int', {1, 2}}, {'d', 'date', {'2024-01-01', nil, n = 2}}}))" }),
  fn("frame.format", { signature = "frame.format(f [, {width = 80, rows = 10, color = false}]) -> string",
    summary = "a frame (or grouped frame) as a box table of a given width and height",
    body = [[
What tostring(f) gives (width 100, 10 rows), at the width and number of
rows you ask for: names and types in the header, numbers right-aligned,
NA in a str column as <NA> so it cannot pass for the text "NA", the first
and last rows of a long frame, and footers "… N more rows" and
"… N more columns: a, b, …" that fit the width. color = true dims NA and
the type row with ANSI codes. The REPL shows frames this way, fitted to
the terminal.]],
    params = { p("f", "pathway.frame|pathway.grouped", "the frame"),
               p("opts?", "{width: integer, rows: integer, color: boolean}", "the box's width, rows shown, ANSI colour") },
    returns = { r("string", "the box table") },
    example = "print(frame.format(f, {width = 60, rows = 6}))" }),
  method("frame:nrow", { signature = "f:nrow() -> integer", summary = "the number of rows",
    returns = { r("integer", "rows") }, example = "print(f:nrow())  --> 8" }),
  method("frame:ncol", { signature = "f:ncol() -> integer", summary = "the number of columns",
    returns = { r("integer", "columns") }, example = "print(f:ncol())  --> 9" }),
  method("frame:names", { signature = "f:names() -> string[]", summary = "the column names, in order",
    returns = { r("string[]", "the names") }, example = "print(table.concat(f:names(), ' '))" }),
  method("frame:types", { signature = "f:types() -> string[]", summary = "the column types (int num bool date str), parallel to names()",
    returns = { r("string[]", "the types") }, example = "print(table.concat(f:types(), ' '))" }),
  method("frame:col", { signature = "f:col(name) -> column", summary = "one column, as a column userdata",
    body = "An unknown name raises, suggesting the nearest (did you mean 'gene'?).",
    params = { p("name", "string", "the column name") }, returns = { r("pathway.column", "the column") },
    example = "print(f:col('x'):mean())" }),
  method("frame:select", { signature = "f:select(name, ...) | f:select{name, ...} -> frame",
    summary = "those columns in that order; a name twice is an error",
    params = { p("...", "string|string[]", "column names") }, returns = { r("pathway.frame", "the selected columns") },
    example = "print(f:select('patient_id', 'x'))" }),
  method("frame:rename", { signature = "f:rename{old = new, ...} -> frame",
    summary = "the same columns renamed; a resulting duplicate is an error",
    params = { p("map", "table<string, string>", "old name -> new name") }, returns = { r("pathway.frame", "the renamed frame") },
    example = "print(f:rename{x = 'dose'}:names()[9])" }),
  method("frame:filter", { signature = "f:filter(predicate) -> frame",
    summary = "the rows where an expression (or a function of the row) is true",
    body = [[
An expression string is compiled once and run in C (pathway help
expressions); NA drops the row. A function gets a row table ({col = value},
NA absent) and keeps the row when it returns a true value.]],
    params = { p("predicate", PRED, "an expression or a function of the row") },
    returns = { r("pathway.frame", "the kept rows, in order") },
    example = "print(f:filter(\"gene == 'CPS1' and x > 2\"):nrow())" }),
  method("frame:mutate", { signature = "f:mutate{name = expr|fn|array|column, ...} [, {types = {...}}] -> frame",
    summary = "columns added or replaced: expressions, functions of the row, arrays or columns",
    body = [[
New columns are appended in byte order of their names; replaced ones keep
their place. Every function sees the input frame's row, never another new
column (chain two mutate calls for that). A computed column's type is
inferred as in frame.new; {types = {name = "date"}} fixes it.]],
    params = { p("spec", "table<string, string|fun(row: table): any|any[]|pathway.column>", "name -> value"),
               p("opts?", "{types: table<string, string>}", "types of computed columns") },
    returns = { r("pathway.frame", "the frame with the columns") },
    example = "print(f:mutate{z = 'x * 2', w = function(row) return row.gene:lower() end}:select('z', 'w'))" }),
  method("frame:sort", { signature = "f:sort(col, ... [, {desc = true | {col = true}}]) -> frame",
    summary = "rows reordered by columns, stable, NA last",
    body = [[
Stable; NA last whatever the direction (NaN just before NA); strings by
bytes; dates by day. desc = true reverses every key, {col = true} some.]],
    params = { p("...", "string", "the key columns"), p("opts?", "{desc: boolean|table<string, boolean>}", "descending keys") },
    returns = { r("pathway.frame", "the sorted frame") },
    example = "print(f:sort('x', {desc = true}):col('x')[1])  --> 9.5" }),
  method("frame:head", { signature = "f:head([n = 6]) -> frame", summary = "the first n rows (negative n: all but the last -n)",
    params = { p("n?", "integer", "rows (default 6)") }, returns = { r("pathway.frame", "the rows") },
    example = "print(f:head(2):nrow())  --> 2" }),
  method("frame:tail", { signature = "f:tail([n = 6]) -> frame", summary = "the last n rows (negative n: all but the first -n)",
    params = { p("n?", "integer", "rows (default 6)") }, returns = { r("pathway.frame", "the rows") },
    example = "print(f:tail(-6):nrow())  --> 2" }),
  method("frame:distinct", { signature = "f:distinct([col, ...]) -> frame",
    summary = "the first row of each distinct combination of the columns (all when none)",
    params = { p("...?", "string", "the columns") }, returns = { r("pathway.frame", "the distinct rows, in order of first occurrence") },
    example = "print(f:distinct('gene'):nrow())  --> 2" }),
  method("frame:count", { signature = "f:count([col, ...]) -> frame",
    summary = "the keys and n, one row per group in key order",
    body = "The count column is n (nn if a key is named n); with no keys one row with n = rows.",
    params = { p("...?", "string", "the key columns") }, returns = { r("pathway.frame", "keys and n") },
    example = "print(f:count('gene'))" }),
  method("frame:group_by", { signature = "f:group_by(col, ...) -> grouped",
    summary = "a grouped frame: groups in key order (ascending, NA last)",
    params = { p("...", "string", "the key columns") }, returns = { r("pathway.grouped", "the grouped frame") },
    example = "print(f:group_by('patient_id'):ngroups())  --> 4" }),
  method("frame:summarise", { signature = "f:summarise{name = expr|fn, ...} [, {by = col|{cols}, types = {...}}] -> frame",
    summary = "one row over all rows, or one per group of by",
    body = [[
Expression strings use the aggregates (pathway help aggregate.sum); a
function gets the group's rows as a frame and returns one value. by groups
a plain frame without a grouped frame.]],
    params = { p("spec", "table<string, string|fun(group: pathway.frame): any>", "name -> aggregate"),
               p("opts?", "{by: string|string[], types: table<string, string>}", "grouping and result types") },
    returns = { r("pathway.frame", "the summary") },
    example = "print(f:summarise({n = 'count()', mean_x = 'mean(x)'}, {by = 'arm'}))" }),
  method("frame:join", { signature = "x:join(y, {on = ..., how = \"inner\"|\"left\"|\"right\"|\"full\", suffix = {\"_x\", \"_y\"}}) -> frame",
    summary = "rows of two frames matched on key columns",
    body = [[
on is a name of both frames, an array of names and/or {x_name = "y_name"}
pairs; int and num keys compare by value; NA keys never match. Row order:
x's rows, each followed by its matches in y's order (then unmatched y rows
for right and full). A non-key name in both frames gets the suffixes.]],
    params = { p("y", "pathway.frame", "the other frame"),
               p("opts", "{on: string|table, how: string, suffix: string[]}", "keys, kind of join, suffixes") },
    returns = { r("pathway.frame", "the joined frame") },
    example = "print(f:join(frame.new{gene = {'CPS1', 'OTC'}, chr = {'2', 'X'}}, {on = 'gene'}):nrow())  --> 8" }),
  method("frame:rows", { signature = "for row, i in f:rows() do ... end",
    summary = "iterate the rows as new tables ({col = value}, NA absent)",
    returns = { r("fun(): table, integer", "the iterator") },
    example = "for row, i in f:head(2):rows() do print(i, row.gene) end" }),
  method("frame:to_rows", { signature = "f:to_rows() -> table[]", summary = "every row as a table, in an array",
    returns = { r("table[]", "the rows") }, example = "print(f:to_rows()[1].variant)" }),
  method("frame:load_info", { signature = "f:load_info() -> table",
    summary = "the load summary csv.read attached (rows, NA counts, ...), or an empty table",
    body = "docs/csv.md, \"The load summary\".",
    returns = { r("table", "the summary") }, example = "print(next(f:load_info()) == nil)  --> true" }),
  method("frame:write_csv", { signature = "f:write_csv(path [, opts])",
    summary = "write the frame as CSV (the same as csv.write(f, path, opts))",
    params = { p("path", "string", "the file (a declared output in the sandbox)"),
               p("opts?", "{sep: string, na: string, header: boolean, eol: string}", "write options (csv.write)") },
    example = "f:write_csv('visits.csv')" }),

  class("grouped", { class = GROUPED, signature = "f:group_by(col, ...) -> grouped",
    summary = "a grouped frame: summarise, count, ngroups, keys, ungroup",
    body = [[
A userdata of its own rather than a flagged frame: it has only the
methods that mean something for groups. Groups are in key order
(ascending, NA last); each group's rows keep their order. tostring(g) is
"grouped by gene: 3 groups" and the frame's table.]],
    example = "print(f:group_by('gene'))" }),
  method("grouped:summarise", { signature = "g:summarise{name = expr|fn, ...} [, {types = ...}] -> frame",
    summary = "the key columns then one column per spec entry, one row per group",
    params = { p("spec", "table<string, string|fun(group: pathway.frame): any>", "name -> aggregate"),
               p("opts?", "{types: table<string, string>}", "result types") },
    returns = { r("pathway.frame", "one row per group") },
    example = "print(f:group_by('patient_id'):summarise{visits = 'count()', last_day = 'max(day)'})" }),
  method("grouped:count", { signature = "g:count() -> frame", summary = "the keys and n, as f:count(keys...)",
    returns = { r("pathway.frame", "keys and n") }, example = "print(f:group_by('arm'):count())" }),
  method("grouped:ngroups", { signature = "g:ngroups() -> integer", summary = "the number of groups",
    returns = { r("integer", "groups") }, example = "print(f:group_by('arm'):ngroups())  --> 2" }),
  method("grouped:keys", { signature = "g:keys() -> string[]", summary = "the key column names",
    returns = { r("string[]", "the keys") }, example = "print(f:group_by('arm', 'gene'):keys()[2])  --> gene" }),
  method("grouped:ungroup", { signature = "g:ungroup() -> frame", summary = "the frame without its groups",
    returns = { r("pathway.frame", "the frame") }, example = "print(f:group_by('arm'):ungroup():nrow())  --> 8" }),

  class("column", { class = COLUMN, signature = "f:col(name) -> column",
    summary = "one column of a frame: #c, c[i], c.name, statistics",
    body = [[
#c is the number of rows, c[i] the i-th value (NA and out of range give
nil), c.name the name; tostring(c) is "column age <int> [6]: 3, 12, NA,
...". The statistics skip NA (and NaN) as R with na.rm = TRUE; a column
with no value gives nil, except the counts, which give 0. Sums in long
double, the mean corrected by a second pass, quantile type 7, as R.]],
    example = "local c = f:col('x'); print(#c, c[1], c.name)" }),
  method("column:sum", { signature = "c:sum() -> number|nil", summary = "the sum (int, bool: integer, overflow an error; num: float)",
    returns = { r("number|nil", "the sum") }, example = "print(f:col('dead'):sum())  --> 3" }),
  method("column:mean", { signature = "c:mean() -> number|nil", summary = "the mean (int, num, bool)",
    returns = { r("number|nil", "the mean") }, example = "print(f:col('x'):mean())" }),
  method("column:median", { signature = "c:median() -> number|nil", summary = "the median (int, num, bool)",
    returns = { r("number|nil", "the median") }, example = "print(f:col('x'):median())" }),
  method("column:var", { signature = "c:var() -> number|nil", summary = "the variance, denominator n - 1 (nil under 2 values)",
    returns = { r("number|nil", "the variance") }, example = "print(f:col('x'):var())" }),
  method("column:sd", { signature = "c:sd() -> number|nil", summary = "the standard deviation, denominator n - 1 (nil under 2 values)",
    returns = { r("number|nil", "the standard deviation") }, example = "print(f:col('x'):sd())" }),
  method("column:quantile", { signature = "c:quantile(p) | c:quantile{p, ...} -> number|number[]",
    summary = "quantiles, R's default type 7",
    params = { p("p", "number|number[]", "probabilities in [0, 1]") },
    returns = { r("number|number[]|nil", "the quantile, or an array of them") },
    example = "print(table.concat(f:col('x'):quantile{0.25, 0.75}, ' '))" }),
  method("column:min", { signature = "c:min() -> any", summary = "the smallest value (strings by bytes, dates by day)",
    returns = { r("any", "in the column's type") }, example = "print(f:col('day'):min())  --> 10" }),
  method("column:max", { signature = "c:max() -> any", summary = "the largest value (strings by bytes, dates by day)",
    returns = { r("any", "in the column's type") }, example = "print(f:col('gene'):max())  --> OTC" }),
  method("column:n_na", { signature = "c:n_na() -> integer", summary = "how many values are NA",
    returns = { r("integer", "the count") }, example = "print(f:col('x'):n_na())  --> 0" }),
  method("column:n_distinct", { signature = "c:n_distinct() -> integer", summary = "how many distinct non-NA values",
    returns = { r("integer", "the count") }, example = "print(f:col('variant'):n_distinct())  --> 5" }),
  method("column:unique", { signature = "c:unique() -> any[]", summary = "the distinct non-NA values, first seen first",
    returns = { r("any[]", "the values") }, example = "print(table.concat(f:col('gene'):unique(), ' '))" }),
  method("column:type", { signature = "c:type() -> string", summary = "the column's type: int num bool date str",
    returns = { r("string", "the type") }, example = "print(f:col('visit'):type())  --> date" }),
  method("column:to_table", { signature = "c:to_table() -> table", summary = "the values as a Lua array (NA as holes, n set)",
    body = "frame.new{x = c:to_table()} reads it back.",
    returns = { r("table", "the values, with field n") }, example = "print(f:col('day'):to_table().n)  --> 8" }),
  method("column:map", { signature = "c:map(t [, na]) -> column", summary = "recode a str column through a table",
    body = [[
A new str column holding t[v] for each value v (NA where t[v] is not a
string) and the string na where v is NA (default NA). A dictionary-encoded
column looks each distinct string up once. f:mutate{g = c:map(t)} adds it.]],
    params = { p("t", "table<string, string>", "value -> new value"), p("na?", "string", "the value for NA") },
    returns = { r("pathway.column", "the recoded column") },
    example = "print(f:col('gene'):map{CPS1 = 'urea cycle'})" }),
}
