-- reference_data.lua: reference entries of csv, json and expr.
-- Exports: an array of entries (the schema: docs/reference/index.md).
local U = require "pathway.reference_util"
local p, r, fn, method, class, module, value = U.p, U.r, U.fn, U.method, U.class, U.module, U.value
local READ_OPTS = "{sep: string, header: boolean, na: string|string[], types: string|table<string, string>, skip: integer, comment: string, columns: string[], ragged: string, encoding: string, threads: integer}"

return {
  module("csv", { signature = "csv.read(path [, opts]) -> frame",
    summary = "read CSV files into frames and write frames back",
    body = [[
RFC 4180 through libcsv in strict mode, with type inference (int num bool
date str), NA strings, BOM and encodings. None of the functions returns
nil, msg: a script cannot go on without its data. docs/csv.md.]],
    example = "print(csv.parse('a,b\\n1,x\\n'):types()[1])  --> int" }),
  fn("csv.read", { signature = "csv.read(path [, {sep =, header =, na =, types =, skip =, comment =, columns =, ragged =, encoding =, threads =}]) -> frame",
    summary = "read a CSV file into a frame, inferring column types",
    body = [[
Options: sep ("," ";" "\t" "|" or "auto"), header (true), na ({"", "NA"}),
types ("infer", "str" or {col = type}), skip (lines), comment (a
character), columns (names to keep, in order), ragged ("error" or "pad"),
encoding ("utf8" or "latin1"), threads (1 or 2). An unknown option or
column is an error that lists the columns. Files over 8 MiB are parsed by
two threads; a progress bar shows on a terminal.]],
    params = { p("path", "string", "the file"), p("opts?", READ_OPTS, "read options") },
    returns = { r("pathway.frame", "the data, with load_info() attached") },
    example = "print(pcall(csv.read, 'no-such-file.csv'))" }),
  fn("csv.parse", { signature = "csv.parse(text [, opts]) -> frame",
    summary = "read CSV held in a string (messages call it (string))",
    params = { p("text", "string", "the CSV text"), p("opts?", READ_OPTS, "read options (csv.read)") },
    returns = { r("pathway.frame", "the data") },
    example = "print(csv.parse('id;dose\\n1;0.5\\n', {sep = ';'}))" }),
  fn("csv.write", { signature = "csv.write(frame, path [, {sep =, na = \"\", header = true, eol = \"\\n\"}])",
    summary = "write a frame as CSV (a declared output in the sandbox)",
    body = [[
Quotes only where needed; NA as na (default empty); numbers in the
shortest text that reads back the same; the file is written atomically.]],
    params = { p("frame", "pathway.frame", "the frame"), p("path", "string", "the file"),
               p("opts?", "{sep: string, na: string, header: boolean, eol: string}", "write options") },
    example = "csv.write(f, 'visits.csv', {sep = ';'})" }),

  module("json", { signature = "json.encode(value) / json.decode(text)",
    summary = "read and write JSON (RFC 8259), deterministically",
    body = "Errors raise (never nil, msg). docs/json.md.",
    example = "print(json.encode(json.decode('{\"b\": [1, 2], \"a\": null}')))" }),
  fn("json.encode", { signature = "json.encode(value [, {indent = true}]) -> string",
    summary = "encode a Lua value as JSON, deterministically",
    body = [[
Object keys are sorted. A table with keys 1..n is an array, one with string
keys an object; json.array{} and json.object{} mark empty or ambiguous ones.
NaN, infinities, functions, cycles and mixed keys raise an error naming the
path of the bad value. indent = true gives two spaces per level.]],
    params = { p("value", "any", "the value"), p("opts?", "{indent: boolean}", "pretty-print") },
    returns = { r("string", "the JSON text") },
    example = "print(json.encode({b = 1, a = {1, 2}}))  --> {\"a\":[1,2],\"b\":1}" }),
  fn("json.decode", { signature = "json.decode(text) -> value",
    summary = "decode JSON text; bad JSON raises with line and column",
    body = [[
Arrays come back marked as arrays (so they encode as arrays again), null as
json.null, integral numbers within 2^53 as integers.]],
    params = { p("text", "string", "the JSON text") }, returns = { r("any", "the value") },
    example = "print(json.decode('[1, 2.5, null]')[3] == json.null)  --> true" }),
  value("json.null", { signature = "json.null",
    summary = "the value that stands for JSON null",
    body = [[
An empty table with a metatable; tostring(json.null) is "json.null" and
type(json.null) is "table". json.array(json.null) is refused.]],
    example = "print(json.encode({json.null}))  --> [null]" }),
  fn("json.array", { signature = "json.array([t]) -> t",
    summary = "mark a table to be encoded as a JSON array",
    params = { p("t?", "table", "the table (a new one when absent)") }, returns = { r("table", "t, marked") },
    example = "print(json.encode(json.array{}))  --> []" }),
  fn("json.object", { signature = "json.object([t]) -> t",
    summary = "mark a table to be encoded as a JSON object",
    params = { p("t?", "table", "the table (a new one when absent)") }, returns = { r("table", "t, marked") },
    example = "print(json.encode(json.object{}))  --> {}" }),

  module("expr", { signature = "expr.compile(text, frame) -> compiled",
    summary = "the expression language from Lua: compile, inspect, list its functions",
    body = "Expression strings passed to filter, mutate and summarise are compiled the same way. docs/expressions.md.",
    example = "print(#expr.functions() > 0)  --> true" }),
  fn("expr.compile", { signature = "expr.compile(text, frame) -> compiled",
    summary = "compile an expression against a frame's columns; :type(), :explain()",
    body = [[
Per-row, or per-group when it uses aggregates. A mistake raises
"expression:L:C: what" with a suggestion for a misspelt column or
function. tostring gives "expression (bool): gene == 'CPS1'".]],
    params = { p("text", "string", "the expression"), p("frame", "pathway.frame", "the frame whose columns it names") },
    returns = { r("pathway.expr", "the compiled expression") },
    example = "print(expr.compile('x + 1', f):explain())" }),
  fn("expr.functions", { signature = "expr.functions() -> {{name =, kind = \"expression\"|\"aggregate\"}, ...}",
    summary = "the functions of the expression language and its aggregates",
    body = [[
In the order of the language's function table (lang/expr/names.c): the
scalar functions (kind "expression") then the aggregates of summarise
(kind "aggregate"). Each is documented as expression.NAME or
aggregate.NAME.]],
    returns = { r("{name: string, kind: string}[]", "the functions") },
    example = "for _, fn in ipairs(expr.functions()) do io.write(fn.name, ' ') end print()" }),
  class("compiled", { class = "pathway.expr", signature = "expr.compile(text, frame) -> compiled",
    summary = "a compiled expression: :type(), :explain(), tostring",
    body = "A to-be-closed value; its plan is freed when it is closed or collected.",
    example = "print(expr.compile('mean(x)', f))" }),
  method("compiled:type", { signature = "e:type() -> string", summary = "the result type: int num bool date str",
    returns = { r("string", "the type") }, example = "print(expr.compile('x > 2', f):type())  --> bool" }),
  method("compiled:explain", { signature = "e:explain() -> string", summary = "the plan as a readable listing of instructions",
    returns = { r("string", "the listing") }, example = "print(expr.compile(\"gene == 'CPS1'\", f):explain())" }),
}
