-- repl_commands.lua: the REPL's dot-commands (.help .load .schema .timer
-- .run .review .save .quit). Their documentation is their entries in
-- lang/reference.lua, which `.help` and `pathway help` both render.
-- Exports: run(session, line) -> quit, timer_line(seconds, rows), names
local require, type, pcall, error, ipairs, pairs, tostring, next_key =
      require, type, pcall, error, ipairs, pairs, tostring, next
local format, concat, sort, floor = string.format, table.concat, table.sort, math.floor
local open, rename, remove, loadfile = io.open, os.rename, os.remove, loadfile
local core = require "pathway.core"
local reference = require "pathway.reference"
local help = require "pathway.help"
local review = require "pathway.review"
local report_text = require "pathway.report_text"
local csv = require "csv"
local frame = require "frame"
local getmetatable = debug.getmetatable
local utf8 = utf8
_ENV = nil

-- Length and prefix in code points (reasons may hold any UTF-8).
local function utf8_len(s) return utf8.len(s) or #s end
local function utf8_sub(s, n)
  local cut = utf8.offset(s, n + 1)
  return cut and s:sub(1, cut - 1) or s
end

-- 1234567 -> "1,234,567"
local function commas(n)
  local sign, digits = format("%d", n):match("^(-?)(%d+)$")
  return sign .. digits:reverse():gsub("%d%d%d", "%0,"):reverse():gsub("^,", "")
end

local function out(s) core.write("stdout", s) end

local function is_frame(v)
  local mt = getmetatable(v)
  return type(v) == "userdata" and mt ~= nil and mt.__name == "pathway.frame"
end

local KEYWORDS = {}
for w in ("and break do else elseif end false for function goto if in local nil not or repeat "
          .. "return then true until while"):gmatch("%a+") do KEYWORDS[w] = true end

local function is_name(s) return s:match("^[%a_][%w_]*$") ~= nil and not KEYWORDS[s] end

-- A global's value, or an error in the environment's own words ("undefined
-- global 'trail' (did you mean 'trial'?)") without a position.
local function global(name)
  local ok, v = pcall(function() return core.user_env()[name] end)
  if not ok then error((tostring(v):gsub("^[^:]*:%d+: ", "")), 0) end
  return v
end

---------------------------------------------------------------- commands

local C = {}

function C.help(session, arg)
  if arg ~= "" then
    local ok, msg = help.show(arg)
    if not ok and arg:sub(1, 1) ~= "." then ok, msg = help.show("." .. arg) end
    if not ok then error(msg, 0) end
    return
  end
  local lines = { "Dot-commands (.help NAME for one; pathway help lists the whole reference):", "" }
  for _, entry in ipairs(reference) do
    if entry.name:sub(1, 1) == "." then
      lines[#lines + 1] = "  " .. entry.signature
      lines[#lines + 1] = "      " .. entry.summary
    end
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "Anything else is Lua: an expression shows its value. Tab completes;"
  lines[#lines + 1] = "Ctrl-C cancels a line or stops a computation; Ctrl-D leaves."
  out(concat(lines, "\n") .. "\n")
end

-- "examples/visits 2024.csv" -> "visits_2024"
local function name_of_file(path)
  local base = path:match("([^/]+)$"):gsub("%.[%w]+$", ""):gsub("[^%w_]", "_")
  if base:match("^%d") or base == "" or KEYWORDS[base] then base = "_" .. base end
  return base
end

-- .load FILE [AS name]; FILE may be quoted when it has spaces.
function C.load(session, arg)
  local path, rest = arg:match('^"([^"]*)"%s*(.*)$')
  if not path then path, rest = arg:match("^(%S+)%s*(.*)$") end
  if not path then error(".load: which file? (.load FILE.csv [AS name])", 0) end
  local name = rest:match("^[Aa][Ss]%s+(%S+)%s*$")
  if rest ~= "" and not name then error(format(".load: expected AS name after the file, got '%s'", rest), 0) end
  name = name or name_of_file(path)
  if not is_name(name) then error(format(".load: '%s' is not a Lua name (letters, digits, _)", name), 0) end
  local f = csv.read(path)
  core.user_env()[name] = f
  out(format("%s: %s rows \xc3\x97 %s columns\n", name, commas(f:nrow()), commas(f:ncol())))
  session.log[#session.log + 1] = { text = format("%s = csv.read(%q)", name, path) }
end

-- Up to three distinct example values of column `name`, from its first rows.
local function examples(f, name)
  local col, seen, list = f:col(name), {}, {}
  for i = 1, f:nrow() < 2000 and f:nrow() or 2000 do
    local v = col[i]
    if v ~= nil and not seen[v] then
      seen[v] = true
      list[#list + 1] = type(v) == "string" and format("%q", v) or tostring(v)
      if #list == 3 then break end
    end
  end
  return concat(list, ", ")
end

function C.schema(session, arg)
  if not is_name(arg) then error(".schema: which frame? (.schema NAME)", 0) end
  local f = global(arg)
  if not is_frame(f) then error(format(".schema: %s is a %s, not a frame", arg, type(f)), 0) end
  local names, types = f:names(), f:types()
  local cols = { column = {}, type = {}, na = {}, distinct = {}, examples = {} }
  for i, name in ipairs(names) do
    local c = f:col(name)
    cols.column[i], cols.type[i], cols.na[i] = name, types[i], c:n_na()
    cols.distinct[i], cols.examples[i] = c:n_distinct(), examples(f, name)
  end
  local t = frame.new(cols, { order = { "column", "type", "na", "distinct", "examples" },
                              types = { column = "str", type = "str", na = "int", distinct = "int", examples = "str" } })
  out(format("%s: %s rows \xc3\x97 %s columns\n", arg, commas(f:nrow()), commas(f:ncol())))
  local d = session.display
  out(frame.format(t, { width = d.width, rows = #names, color = d.color }) .. "\n")
end

function C.timer(session, arg)
  if arg == "on" then session.timer = true
  elseif arg == "off" then session.timer = false
  elseif arg == "" then out(format("timer is %s\n", session.timer and "on" or "off"))
  else error(format(".timer: expected on or off, got '%s'", arg), 0) end
end

function C.run(session, arg)
  local path = arg:match('^"(.*)"$') or arg
  if path == "" then error(".run: which script? (.run FILE.lua)", 0) end
  local env = core.user_env()
  local fn, msg = loadfile(path, "t", env)
  if not fn then error(msg, 0) end
  core.script_dir(path)   -- as `pathway FILE.lua` runs it: arg[0] and require beside it
  env.arg = { [0] = path }
  fn()
  session.log[#session.log + 1] = { text = format("arg = { [0] = %q }\ndofile(%q)", path, path) }
end


-- The verdict table of the criteria declared so far: one line each,
-- name, element, verdict (coloured on a colour terminal) and reason cut
-- to the display's width.
function C.review(session, arg)
  if arg ~= "" then error(".review takes no argument", 0) end
  local r = review.run()
  if #r.criteria == 0 then
    out("no criteria declared yet (criterion \"name\" { element = ..., check = ... })\n")
    return
  end
  local wn, we = #"criterion", #"element"
  for _, c in ipairs(r.criteria) do
    wn, we = #c.name > wn and #c.name or wn, #c.element > we and #c.element or we
  end
  local d = session.display
  local paint = report_text.painter(d.color)
  local room = d.width - wn - we - 12 - 6
  local lines = { format("%-" .. wn .. "s  %-" .. we .. "s  %-12s  %s", "criterion", "element", "verdict", "reason") }
  for _, c in ipairs(r.criteria) do
    local word = paint(c.verdict, format("%-12s", report_text.label(c.verdict)))
    local reason = (c.reason or ""):gsub("%s+", " ")
    if room > 1 and utf8_len(reason) > room then reason = utf8_sub(reason, room - 1) .. "\xe2\x80\xa6" end
    lines[#lines + 1] = format("%-" .. wn .. "s  %-" .. we .. "s  %s  %s", c.name, c.element, word, reason)
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = r:summary_line()
  out(concat(lines, "\n"):gsub(" +\n", "\n") .. "\n")
end

-- Write the session's successful inputs as a script, atomically.
function C.save(session, arg)
  local path = arg:match('^"(.*)"$') or arg
  if path == "" then error(".save: where? (.save FILE.lua)", 0) end
  local lines = { "-- saved from a pathway session (.save)" }
  local n = 0
  for _, entry in ipairs(session.log) do
    if not (entry.superseded and next_key(entry.declares) == nil) then
      lines[#lines + 1] = entry.text
      n = n + 1
    end
  end
  local tmp = path .. ".tmp"
  local f, msg = open(tmp, "w")
  if not f then error(".save: " .. msg, 0) end
  local ok, werr = f:write(concat(lines, "\n"), "\n")
  local closed, cerr = f:close()
  if not (ok and closed) then remove(tmp); error(".save: " .. tostring(werr or cerr), 0) end
  local moved, rerr = rename(tmp, path)
  if not moved then remove(tmp); error(".save: " .. rerr, 0) end
  out(format("saved %d input%s to %s\n", n, n == 1 and "" or "s", path))
end

function C.quit(session, arg) return true end

---------------------------------------------------------------- dispatch

local names = {}
for name in pairs(C) do names[#names + 1] = "." .. name end
sort(names)

-- Every command has its reference entry and every ".x" entry a command:
-- the reference is the one source of .help and pathway help.
do
  local documented = {}
  for _, entry in ipairs(reference) do
    local word = entry.name:match("^%.(.+)$")
    if word then
      if not C[word] then error(format("reference entry %s names no dot-command", entry.name)) end
      documented[word] = true
    end
  end
  for _, name in ipairs(names) do
    if not documented[name:sub(2)] then error(format("dot-command %s has no reference entry", name)) end
  end
end

-- The nearest command to a misspelt one, by shared prefix.
local function nearest(word)
  for _, n in ipairs(names) do if n:sub(1, 3) == word:sub(1, 3) then return n end end
end

local function run(session, line)
  local word, arg = line:match("^%s*%.([%a_]+)%s*(.-)%s*$")
  local fn = word and C[word]
  if not fn then
    local near = nearest("." .. (word or ""))
    error(format("unknown command '.%s'%s; .help lists them", word or line,
                 near and format(" (did you mean '%s'?)", near) or ""), 0)
  end
  local ok, quit = pcall(fn, session, arg)
  if not ok then   -- a message from inside pathway's own modules: no position
    error(format(".%s: %s", word, (tostring(quit):gsub("^%[pathway%][^:]*:%d+: ", ""):gsub("^%." .. word .. ": ", ""))), 0)
  end
  return quit == true
end

-- "time 0.532 s, 1,000,000 rows read (1.9M rows/s)"
local function timer_line(seconds, rows)
  local took = seconds >= 1 and format("%.2f s", seconds) or format("%.1f ms", seconds * 1e3)
  if rows == 0 then return format("time %s\n", took) end
  local rate = rows / (seconds > 0 and seconds or 1e-9)
  local r = rate >= 1e9 and format("%.1fG", rate / 1e9) or rate >= 1e6 and format("%.1fM", rate / 1e6)
            or rate >= 1e3 and format("%.1fk", rate / 1e3) or format("%d", floor(rate))
  return format("time %s, %s rows read (%s rows/s)\n", took, commas(rows), r)
end

return { run = run, timer_line = timer_line, names = names }
