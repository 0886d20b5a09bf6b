-- reference_lua.lua: reference entries of the standard Lua globals of the sandbox.
-- Exports: an array of entries (the schema: docs/reference/index.md). The
-- members of the standard libraries (string.format, ...) have no entries of
-- their own: the Lua 5.4 manual documents them (pathway help stdlib).
local U = require "pathway.reference_util"
local p, r, fn, module, value = U.p, U.r, U.fn, U.module, U.value
local MANUAL = "As in Lua 5.4 (https://www.lua.org/manual/5.4/manual.html#6.1)."

-- A base function kept as Lua defines it.
local function base(name, signature, summary, params, returns, example)
  return fn(name, { signature = signature, summary = summary, body = MANUAL,
                    params = params, returns = returns, example = example })
end

-- A standard library table.
local function lib(name, summary, body, example)
  return module(name, { signature = name .. ".*", summary = summary, body = body, example = example })
end

return {
  base("assert", "assert(v [, message]) -> v, ...", "raise message unless v is true",
       { p("v", "any", "the value checked"), p("message?", "any", "the error value") },
       { r("any", "v and the other arguments") }, "assert(1 + 1 == 2, 'arithmetic')"),
  base("collectgarbage", "collectgarbage([opt [, ...]]) -> any", "control the garbage collector",
       { p("opt?", "string", "\"collect\" (default), \"count\", \"step\", ...") },
       { r("any", "depends on opt") }, "print(collectgarbage('count') > 0)"),
  base("error", "error(message [, level])", "raise an error",
       { p("message", "any", "the error value"), p("level?", "integer", "where to report it (1: the caller)") },
       nil, "print(pcall(error, 'boom', 0))"),
  base("getmetatable", "getmetatable(v) -> table|nil", "the metatable of a value (its __metatable field if set)",
       { p("v", "any", "any value") }, { r("table|nil", "the metatable") }, "print(getmetatable(f).__name)"),
  base("ipairs", "ipairs(t) -> iterator", "iterate t[1], t[2], ... up to the first nil",
       { p("t", "table", "an array") }, { r("fun(): integer, any", "the iterator") },
       "for i, v in ipairs({'a', 'b'}) do print(i, v) end"),
  base("next", "next(t [, k]) -> k, v", "the next key of a table",
       { p("t", "table", "the table"), p("k?", "any", "the previous key") }, { r("any", "the next key and its value") },
       "print(next({}) == nil)"),
  base("pairs", "pairs(t) -> iterator", "iterate every key of a table (or its __pairs)",
       { p("t", "table", "the table") }, { r("fun(): any, any", "the iterator") },
       "for k, v in pairs({a = 1}) do print(k, v) end"),
  base("pcall", "pcall(f, ...) -> ok, ...", "call f in protected mode",
       { p("f", "function", "the function"), p("...", "any", "its arguments") },
       { r("boolean", "whether it succeeded"), r("any", "its results or the error") },
       "print(pcall(function() error('x', 0) end))"),
  base("rawequal", "rawequal(a, b) -> boolean", "equality without __eq",
       { p("a", "any", "a value"), p("b", "any", "a value") }, { r("boolean", "a == b, raw") }, "print(rawequal(f, f))"),
  base("rawget", "rawget(t, k) -> any", "t[k] without __index",
       { p("t", "table", "the table"), p("k", "any", "the key") }, { r("any", "the value") }, "print(rawget({a = 1}, 'a'))"),
  base("rawlen", "rawlen(v) -> integer", "the length without __len",
       { p("v", "table|string", "the value") }, { r("integer", "its length") }, "print(rawlen({1, 2}))"),
  base("rawset", "rawset(t, k, v) -> t", "t[k] = v without __newindex",
       { p("t", "table", "the table"), p("k", "any", "the key"), p("v", "any", "the value") },
       { r("table", "t") }, "print(rawset({}, 'a', 1).a)"),
  base("select", "select(n, ...) -> ...", "the arguments after the n-th, or their number with '#'",
       { p("n", "integer|string", "an index, or \"#\""), p("...", "any", "the arguments") },
       { r("any", "the selected arguments") }, "print(select('#', 1, 2, 3))"),
  base("setmetatable", "setmetatable(t, mt) -> t", "set the metatable of a table",
       { p("t", "table", "the table"), p("mt", "table|nil", "the metatable") }, { r("table", "t") },
       "print(setmetatable({}, {__index = {a = 1}}).a)"),
  base("tonumber", "tonumber(v [, base]) -> number|nil", "convert to a number",
       { p("v", "any", "a number or a string"), p("base?", "integer", "a base 2..36 for strings") },
       { r("number|nil", "the number, or nil") }, "print(tonumber('0x10'), tonumber('z', 36))"),
  base("tostring", "tostring(v) -> string", "a value as text (__tostring; frames as box tables)",
       { p("v", "any", "any value") }, { r("string", "its text") }, "print(tostring(f:col('x')))"),
  base("type", "type(v) -> string", "the basic type of a value (frames are \"userdata\")",
       { p("v", "any", "any value") }, { r("string", "nil number string boolean table function thread userdata") },
       "print(type(f), type(json.null))"),
  base("warn", "warn(msg, ...)", "emit a warning (\"@on\"/\"@off\" control them)",
       { p("msg", "string", "the text, concatenated with the rest"), p("...", "string", "more text") }, nil,
       "warn('@off')"),
  base("xpcall", "xpcall(f, handler, ...) -> ok, ...", "pcall with a message handler",
       { p("f", "function", "the function"), p("handler", "fun(err: any): any", "called with the error"),
         p("...", "any", "arguments of f") },
       { r("boolean", "whether it succeeded"), r("any", "its results or the handler's") },
       "print(xpcall(error, debug.traceback, 'boom'))"),
  value("_VERSION", { signature = "_VERSION", summary = "the Lua version: \"Lua 5.4\"", example = "print(_VERSION)" }),
  value("_G", { signature = "_G", summary = "the script's global table",
    body = [[
The globals of the running script. Reading an undefined global is an error
that names it (pathway help sandbox); the curated library is behind it, so
pairs(_G) lists only what the script defined.]],
    example = "_G.answer = 42; print(answer)" }),
  fn("print", { signature = "print(...)", summary = "write values to stdout, tab-separated, with a newline",
    body = "As in Lua, through the engine's output (an embedding host may capture it); tostring is applied to each value.",
    params = { p("...", "any", "the values") }, example = "print('rows', f:nrow())" }),
  fn("load", { signature = "load(chunk [, chunkname [, mode [, env]]]) -> function|nil, err",
    summary = "compile a chunk of text; binary chunks are refused in the sandbox",
    body = "As in Lua 5.4, except that mode may only be \"t\" in the sandbox (no binary chunks).",
    params = { p("chunk", "string|fun(): string", "the source"), p("chunkname?", "string", "its name in messages"),
               p("mode?", "string", "\"t\""), p("env?", "table", "its _ENV") },
    returns = { r("function|nil", "the compiled chunk"), r("string?", "the error") },
    example = "print(load('return 1 + 1')())" }),
  fn("loadfile", { signature = "loadfile([filename [, mode [, env]]]) -> function|nil, err",
    summary = "compile a Lua file (text only in the sandbox)",
    params = { p("filename?", "string", "the file"), p("mode?", "string", "\"t\""), p("env?", "table", "its _ENV") },
    returns = { r("function|nil", "the compiled chunk"), r("string?", "the error") },
    example = "print(select(2, loadfile('no-such-file.lua')))" }),
  fn("dofile", { signature = "dofile([filename]) -> ...", summary = "run a Lua file in the script's globals",
    body = "As in Lua 5.4, text chunks only; the REPL's .run is dofile.",
    params = { p("filename?", "string", "the file") }, returns = { r("any", "what the chunk returns") },
    example = "print(pcall(dofile, 'no-such-file.lua'))" }),
  fn("require", { signature = "require(name) -> module", summary = "load a module: pathway's own, or NAME.lua next to the script",
    body = [[
package.path is ./?.lua;./?/init.lua plus the script's directory; C modules
are refused in the sandbox. require "os" and the other library names give
the curated tables.]],
    params = { p("name", "string", "the module name") }, returns = { r("any", "the module") },
    example = "print(require('json') == json)" }),
  lib("string", "Lua's string library, whole", MANUAL .. " Strings also have these as methods: ('x'):rep(3).",
      "print(('ab'):rep(2), string.format('%5.1f', 2.25))"),
  lib("table", "Lua's table library, whole", MANUAL, "local t = {3, 1, 2}; table.sort(t); print(table.concat(t, ','))"),
  lib("math", "Lua's math library, whole (math.random is seeded from --seed)",
      MANUAL .. " math.randomseed is called with the engine's seed (--seed), so math.random repeats.",
      "print(math.floor(2.7), math.huge > 0)"),
  lib("utf8", "Lua's utf8 library, whole", MANUAL, "print(utf8.len('Gln→Ter'))"),
  lib("coroutine", "Lua's coroutine library, whole", MANUAL,
      "print(coroutine.wrap(function() coroutine.yield(1) end)())"),
  lib("os", "os cut down to clock, date, difftime and time",
      "The others (execute, exit, getenv, remove, rename, setlocale, tmpname) raise \"os.X is not available in the sandbox (run with --unsafe to allow it)\". " .. MANUAL,
      "print(os.date('!%Y', 0))"),
  lib("io", "io cut down to open (reading, or writing a declared output), lines, read, write, type, stdout, stderr",
      [[
io.open may read any file and write only a declared output (pathway help
sandbox); io.write, io.stdout and io.stderr go through the engine's
output. close, input, output, popen and tmpfile raise in the sandbox.
]] .. MANUAL,
      "io.write('no newline', '\\n')"),
  lib("debug", "debug cut down to traceback", "Only debug.traceback is kept; the rest raises in the sandbox. " .. MANUAL,
      "print(type(debug.traceback()))"),
  lib("package", "package cut down to loaded and path", [[
package.loaded holds the loaded modules and the curated library;
package.path is where require looks (./?.lua;./?/init.lua and the script's
directory). cpath, loadlib, searchers, searchpath and preload raise.]],
      "print(package.path ~= nil)"),
}
