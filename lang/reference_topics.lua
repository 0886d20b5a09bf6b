-- reference_topics.lua: reference entries of topics (no value behind them).
-- Exports: an array of entries (the schema: docs/reference/index.md).
return {
  { kind = "topic", name = "cli", signature = "pathway [options] [FILE.lua [ARGS...]]",
    summary = "the command line: scripts, -e, -i, test, help, exit statuses",
    body = [[
pathway FILE.lua ARGS runs a script; ARGS are in the global `arg` (arg[0] is
the script) and in `...`. -e CODE runs a chunk (repeatable); with -e there
is no script: the words after the options are arg[1..], as with perl -e and
python -c. -i enters the
REPL after running. With no FILE, pathway starts the REPL on a terminal and
runs stdin as a script otherwise. Exit status: 0 success, 1 a criterion not
met or a test failed, 2 usage, script or input error, 70 internal error.]],
    example = "pathway -e 'print(json.encode({1, 2}))'" },
  { kind = "topic", name = "sandbox", signature = "pathway --unsafe ...",
    summary = "what a script may do without --unsafe",
    body = [[
Scripts run sandboxed: no os.execute, io.popen, os.exit, os.getenv,
os.remove, os.rename, package.loadlib, C modules or binary chunks, and of
debug only traceback. Files may be read; a file may be written only when it
is a declared output. Reading an undefined global is an error that names
it. --unsafe restores the full Lua standard library.]],
    example = "pathway -e 'os.execute(\"true\")'   -- fails, naming --unsafe" },
  { kind = "topic", name = "limits", signature = "pathway --max-memory SIZE --timeout SECONDS",
    summary = "memory and time limits of a run",
    body = [[
--max-memory caps the Lua heap (default 4G; units K, M, G, T); --timeout caps
the wall time of each run. Either ends the script with
"pathway: memory limit of N MiB exceeded" or
"pathway: time limit of N s exceeded" and exit status 2. pcall cannot
catch the time limit: it is raised again at once.]],
    example = "pathway --timeout 1 -e 'while true do end'" },
  { kind = "topic", name = "expressions", signature = "frame:filter \"gene == 'CPS1' and ammonia > 100\"",
    summary = "the column-expression language of filter, mutate and summarise",
    body = [[
Columns by name or `backquoted`, numbers, 'strings', true false na;
or and not, == != < <= > >=, in (...), ~ 'pcre', + - * / % ^; SQL NA
logic. Functions: abs log exp sqrt round floor ceil is_na coalesce if_else
lower upper len substr year month days_between. In summarise: count() sum
mean median sd var min max n_distinct first last quantile(x, p). Compiled
once, run column-at-a-time in C. docs/expressions.md has the grammar.]],
    example = "visits:group_by('patient_id'):summarise{ crises = 'sum(crisis)' }" },
  { kind = "topic", name = "repl", signature = "pathway   (or pathway -i FILE.lua)",
    summary = "the interactive session: expressions show their values; dot-commands",
    body = [[
On a terminal, pathway with no script starts a session: Emacs keys,
history in $XDG_STATE_HOME/pathway/history (else ~/.pathway_history),
Ctrl-R searches it, Tab completes globals, members, methods, column names
inside a frame's expression strings and file paths. An expression shows
its value (frames as box tables fitted to the terminal); an unfinished
chunk continues after "..". Ctrl-C cancels the line or stops a running
computation, Ctrl-D leaves. Lines that start with "." are dot-commands:
.help lists them. docs/repl.md has the details.]],
    example = "> .load visits.csv AS v\n> v:filter('gene == \"CPS1\"'):nrow()" },
  { kind = "topic", name = "lock", signature = "pathway lock FILE.lua; pathway review FILE.lua [--format text|md|json|html] [-o OUT] [--require-lock]",
    summary = "pre-specify a review, then run it and write its report",
    body = [[
pathway lock writes FILE.lock: the script's SHA-256 and a fingerprint of
each criterion (its element, requirements, description, check source and
the constants it closes over). pathway review reports "pre-specified: yes"
when the script matches, or "NO - script changed after lock" naming the
criteria added, removed or changed; --require-lock makes that exit 2.
Exit 0 when every criterion is met and every element addressed, 1
otherwise. docs/review.md, docs/report-schema.md.]],
    example = "pathway review examples/cps1-base-editing/review.lua --format html -o report.html" },
  { kind = "topic", name = "examples", signature = "f = frame.new{...}   -- the frame the examples use",
    summary = "the small frame `f` that the examples of this reference use",
    body = [[
Examples in the reference are one-liners over `f`, a frame of eight visits
of four patients, built by this entry's example (a test runs it, then every
other example, in one sandboxed session). Paste it into the REPL first to
try them.]],
    example = [[
f = frame.new({
  {"patient_id", "int", {1, 1, 2, 2, 3, 3, 4, 4}},
  {"arm", "str", {"control", "control", "treated", "treated", "control", "control", "treated", "treated"}},
  {"day", "int", {10, 30, 20, 45, 15, 60, 25, 90}},
  {"dead", "int", {0, 1, 0, 0, 0, 1, 0, 1}},
  {"x", "num", {1.5, 2, 3.5, 4, 5.5, 7, 8, 9.5}},
  {"y", "num", {2.9, 4.1, 7.2, 8.1, 11.3, 13.8, 16.5, 19.2}},
  {"gene", "str", {"CPS1", "CPS1", "OTC", "CPS1", "OTC", "CPS1", "CPS1", "OTC"}},
  {"variant", "str", {"c.1003C>T", "c.1A>G", "c.217del", "c.1003C>T", "c.5G>A", "c.5G>A", "c.1003C>T", "C1003T"}},
  {"visit", "date", {"2024-01-05", "2024-02-01", "2024-01-10", "2024-03-01", "2024-01-20", "2024-04-02", "2024-02-05", "2024-05-06"}},
})]] },
  { kind = "topic", name = "distributions", signature = "stats.pnorm(q [, mean, sd, lower_tail, log_p]) -- and d/p/q of t chisq f beta gamma exp binom pois nbinom hyper",
    summary = "probability distributions with R's names, argument order and defaults",
    body = [[
d (density, log), p (distribution, lower_tail, log_p) and q
(quantile) for norm, t, chisq, f, beta, gamma (rate or scale), exp, binom,
pois, nbinom (prob or mu) and hyper, positional in R's order; a last table
argument may name options ({lower_tail = false}). The first argument may be
an array. Invalid parameters give NaN as in R. Agreement with R and the
algorithms: docs/methods.md. Each function has its own entry (stats.pnorm).]],
    example = "stats.qnorm(0.975)  --> 1.959963984540054" },
  { kind = "topic", name = "stdlib", signature = "string table math utf8 coroutine os io print ...",
    summary = "the standard Lua 5.4 library in the sandbox",
    body = [[
Scripts see Lua 5.4's base functions and the string, table, math, utf8
and coroutine libraries whole; os and io cut down to what touches no
program and writes no undeclared file (pathway help sandbox). Each global
has an entry here that says what is kept; the functions themselves are
documented in the Lua 5.4 reference manual (https://www.lua.org/manual/5.4/).]],
    example = "print(string.format('%.2f', math.pi))" },
}
