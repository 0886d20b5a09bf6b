-- reference_repl.lua: reference entries of the REPL's dot-commands (lang/repl_commands.lua).
-- Exports: an array of entries (the schema: docs/reference/index.md).
return {
  { kind = "dot-command", name = ".help", signature = ".help [NAME]",
    summary = "list the dot-commands, or show the reference entry NAME",
    body = [[
NAME is anything `pathway help` knows: a dot-command (.load or load), a
global (csv.read, stats.km) or a topic (expressions, repl).]],
    example = ".help stats.km" },
  { kind = "dot-command", name = ".load", signature = ".load FILE.csv [AS name]",
    summary = "read a CSV file into the global `name` (default: the file's name)",
    body = [[
The same as `name = csv.read("FILE.csv")`, which is what .save writes. The
default name is the file's base name without its extension, with anything
but letters, digits and _ made _ (visits-2024.csv -> visits_2024). Quote a
path with spaces: .load "my visits.csv" AS v.]],
    example = ".load ../shared/bench/visits_1m.csv AS visits" },
  { kind = "dot-command", name = ".schema", signature = ".schema NAME",
    summary = "the columns of a frame: type, NA count, distinct values, examples",
    body = [[
One row per column: its type (int num bool date str), how many values are
NA, how many distinct non-NA values it holds, and up to three distinct
example values from its first rows.]],
    example = ".schema visits" },
  { kind = "dot-command", name = ".timer", signature = ".timer on|off",
    summary = "show the wall time and rows read per second after each input",
    body = [[
After each input: its wall time and, when frame operations ran, the rows
they read (a filter of a 1M-row frame reads 1M rows) and the rate.
.timer alone says whether it is on.]],
    example = ".timer on" },
  { kind = "dot-command", name = ".run", signature = ".run FILE.lua",
    summary = "run a script in this session; its globals stay",
    body = [[
The same as dofile("FILE.lua"), which is what .save writes; criteria it
declares join the session's.]],
    example = ".run examples/cps1-base-editing/review.lua" },
  { kind = "dot-command", name = ".review", signature = ".review",
    summary = "evaluate the criteria declared so far; show the verdict table",
    body = [[
Runs every declared criterion as `pathway review` does and shows one line
per criterion (name, element, verdict, reason) and the summary line. In a
session a criterion may be declared again; the new one replaces the old.]],
    example = ".review" },
  { kind = "dot-command", name = ".save", signature = ".save FILE.lua",
    summary = "write this session's successful inputs as a script",
    body = [[
Inputs that ran without error, in order: statements as typed, expressions
whose values were shown as print(...), .load and .run as the Lua they
stand for. A criterion declared again keeps only its last declaration.
The file is written atomically (a temporary file, then renamed).]],
    example = ".save explore.lua" },
  { kind = "dot-command", name = ".quit", signature = ".quit",
    summary = "leave the session (as Ctrl-D does)",
    example = ".quit" },
}
