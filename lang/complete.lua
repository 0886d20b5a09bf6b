-- complete.lua: the REPL's tab completion (pw_complete); reads values, runs no user code.
-- Exports: complete(line, cursor, base, columns) -> start, candidates
local type, next, ipairs, pcall, require = type, next, ipairs, pcall, require
local rawget, find, match, sub = rawget, string.find, string.match, string.sub
local getmetatable, getregistry = debug.getmetatable, debug.getregistry
local core = require "pathway.core"
_ENV = nil

-- Why this file never calls anything a user wrote: values are read with
-- rawget, next (not pairs, which would call __pairs) and debug.getmetatable
-- (which ignores __metatable) only, so no __index, __pairs or other
-- metamethod runs; the one call on a value, `columns`, is the engine's C
-- function that reads a frame's names from its C struct.

local KEYWORDS = {
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function",
  "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
  "true", "until", "while",
}
local IS_KEYWORD = {}
for _, k in ipairs(KEYWORDS) do IS_KEYWORD[k] = true end

-- Words of the expression language that cannot name a column unquoted.
local EXPR_RESERVED = {
  ["and"] = true, ["or"] = true, ["not"] = true, ["in"] = true,
  na = true, ["true"] = true, ["false"] = true,
}

-- Frame methods whose strings are expressions (columns may need backquotes);
-- in the others a string is one column name.
local EXPR_METHODS = { filter = true, mutate = true, summarise = true }

-- What a frame method returns, for chains such as trial:filter(...):mutate("
-- (the columns are taken from the frame at the root of the chain).
local FRAME_RESULT = {
  filter = "frame", mutate = "frame", select = "frame", rename = "frame",
  sort = "frame", head = "frame", tail = "frame", distinct = "frame",
  count = "frame", join = "frame", summarise = "frame", ungroup = "frame",
  group_by = "grouped",
}

-- The result set: a set of candidate strings, turned into an array at the
-- end (C sorts it by bytes, so the order does not depend on the locale).
local function starts(s, prefix) return sub(s, 1, #prefix) == prefix end

local function is_identifier(s)
  return match(s, "^[%a_][%w_]*$") ~= nil and not IS_KEYWORD[s]
end

local function array_of(set)
  local out = {}
  for k in next, set do out[#out + 1] = k end
  return out
end

---------------------------------------------------------------- the lexer

-- Split `text` (the line up to the cursor) into tokens {k = kind, v = text,
-- s = first byte, e = last byte}, kinds name keyword number string op.
-- Brackets are matched: toks[i].m is the index of the partner. Returns the
-- tokens, the array of indices of brackets still open at the end, and the
-- state at the end: "code", "comment", "long" (inside [[...]]) or
-- "string" with the position of its opening quote.
local function lex_quoted(text, i)
  local q, j = sub(text, i, i), i + 1
  while true do
    local d = sub(text, j, j)
    if d == "" then return nil end
    if d == "\\" then j = j + 2
    elseif d == q or d == "\n" then return j
    else j = j + 1 end
  end
end

local function lex_long(text, i, open_len)
  local eq = match(text, "^%[(=*)%[", i)
  local close = find(text, "]" .. eq .. "]", i + open_len, true)
  if not close then return nil end
  return close + #eq + 1
end

local function lex_token(text, i)
  local s, e = find(text, "^[%a_][%w_]*", i)
  if s then
    local v = sub(text, s, e)
    return IS_KEYWORD[v] and "keyword" or "name", e
  end
  s, e = find(text, "^%.?%d[%w_%.]*", i)
  if s then
    while match(text, "^[eEpP][+-]", e) do   -- 1e+5: the sign belongs to it
      local _, e2 = find(text, "^[%w_%.]*", e + 2)
      e = e2
    end
    return "number", e
  end
  s, e = find(text, "^%.%.%.?", i)
  if not s then s, e = find(text, "^::", i) end
  if not s then s, e = find(text, "^[=~<>/]=", i) end
  if not s then s, e = find(text, "^//", i) end
  if not s then e = i end
  return "op", e
end

local OPENS = { ["("] = ")", ["{"] = "}", ["["] = "]" }

local function bracket(toks, stack, t)
  local v = t.v
  if OPENS[v] then
    stack[#stack + 1] = #toks
  elseif v == ")" or v == "}" or v == "]" then
    local o = stack[#stack]
    if o and OPENS[toks[o].v] == v then
      toks[o].m, t.m = #toks, o
      stack[#stack] = nil
    end
  end
end

local function lex(text)
  local toks, stack, i, n = {}, {}, 1, #text
  while i <= n do
    local c = sub(text, i, i)
    if find(c, "^%s") then
      i = i + 1
    elseif sub(text, i, i + 1) == "--" then
      local e
      if match(text, "^%[=*%[", i + 2) then e = lex_long(text, i + 2, 2)
      else e = find(text, "\n", i, true) end
      if not e then return toks, stack, "comment" end
      i = e + 1
    elseif match(text, "^%[=*%[", i) then
      local e = lex_long(text, i, 2)
      if not e then return toks, stack, "long" end
      toks[#toks + 1] = { k = "string", v = sub(text, i, e), s = i, e = e }
      i = e + 1
    elseif c == '"' or c == "'" then
      local e = lex_quoted(text, i)
      if not e then return toks, stack, "string", i end
      toks[#toks + 1] = { k = "string", v = sub(text, i, e), s = i, e = e }
      i = e + 1
    else
      local k, e = lex_token(text, i)
      local t = { k = k, v = sub(text, i, e), s = i, e = e }
      toks[#toks + 1] = t
      if k == "op" then bracket(toks, stack, t) end
      i = e + 1
    end
  end
  return toks, stack, "code"
end

---------------------------------------------------------------- values

-- The world completion reads: the user's globals and the curated base.
local function world(base)
  local env = core.user_env()
  return { env = env, base = type(base) == "table" and base or env }
end

local function global(w, name)
  local v = rawget(w.env, name)
  if v == nil then v = rawget(w.base, name) end
  return v
end

local function field(v, name)
  if type(v) ~= "table" then return nil end
  return rawget(v, name)
end

-- The methods table of frames or grouped frames, from the registry.
local function frame_methods(kind)
  local mt = getregistry()[kind == "grouped" and "pathway.grouped" or "pathway.frame"]
  return type(mt) == "table" and rawget(mt, "__index") or nil
end

-- A resolved receiver: { value = v } for an ordinary value, or
-- { frame = f, kind = "frame" | "grouped" } for a frame or what a chain of
-- frame methods returns (its columns are f's).
local function frame_kind(w, v)
  if type(v) ~= "userdata" then return nil end
  local ok, names, kind = pcall(w.columns, v)
  if ok and names then return kind end
  return nil
end

local function as_resolved(w, v)
  local kind = frame_kind(w, v)
  if kind then return { frame = v, kind = kind } end
  return { value = v }
end

-- The index of the first token of the suffixed expression (a.b:c(...)[k]
-- "s" {...}) that ends at toks[j], or nil.
local function expr_start(toks, j)
  while j >= 1 do
    local t, p = toks[j], toks[j - 1]
    if t.k == "name" then
      if not (p and p.k == "op" and (p.v == "." or p.v == ":")) then return j end
      j = j - 2
    elseif t.k == "op" and (t.v == ")" or t.v == "}" or t.v == "]") and t.m then
      local o, q = t.m, toks[t.m - 1]
      local callee = q and (q.k == "name" or q.k == "string"
        or (q.k == "op" and (q.v == ")" or q.v == "]")))
      if not callee then return o end   -- (expr) or {constructor}
      j = o - 1
    elseif t.k == "string" then
      local q = toks[j - 1]
      if not (q and (q.k == "name" or (q.k == "op" and (q.v == ")" or q.v == "]")))) then
        return j
      end
      j = j - 1
    else
      return nil
    end
  end
  return nil
end

-- The index after the arguments of a call that start at toks[i], or nil.
local function skip_args(toks, i, j)
  local t = toks[i]
  if not t or i > j then return nil end
  if t.k == "string" then return i + 1 end
  if t.k == "op" and (t.v == "(" or t.v == "{") and t.m and t.m <= j then return t.m + 1 end
  return nil
end

-- The unquoted text of a short string token, escapes left as written.
local function string_text(t)
  if match(t.v, "^['\"]") then return sub(t.v, 2, -2) end
  return match(t.v, "^%[=*%[\n?(.-)%]=*%]$")
end

-- Resolve toks[s .. j] without calling anything: names and fields by
-- rawget, `:method(...)` only on frames (FRAME_RESULT). Returns a resolved
-- receiver (see as_resolved) or nil.
local function resolve(w, toks, s, j)
  local t = toks[s]
  if not t or t.k ~= "name" then return nil end
  local r, i = as_resolved(w, global(w, t.v)), s + 1
  while i <= j do
    local op, nxt = toks[i], toks[i + 1]
    if op.k ~= "op" then return nil end
    if op.v == "." and nxt and nxt.k == "name" and not r.frame then
      r, i = as_resolved(w, field(r.value, nxt.v)), i + 2
    elseif op.v == "[" and nxt and nxt.k == "string" and op.m == i + 2 and not r.frame then
      r, i = as_resolved(w, field(r.value, string_text(nxt))), i + 3
    elseif op.v == ":" and nxt and nxt.k == "name" and r.frame then
      local kind = FRAME_RESULT[nxt.v]
      i = skip_args(toks, i + 2, j)
      if not kind or not i then return nil end
      r = { frame = r.frame, kind = kind }
    else
      return nil
    end
  end
  return r
end

---------------------------------------------------------------- candidates

-- Add to `set` the keys of t that start with prefix and pass keep(k, v).
local function add_keys(set, t, prefix, keep)
  if type(t) ~= "table" then return end
  for k, v in next, t do
    if type(k) == "string" and starts(k, prefix) and keep(k, v) then set[k] = true end
  end
end

local function any_identifier(k) return is_identifier(k) end
local function method_name(k) return is_identifier(k) and not starts(k, "__") end
local function function_field(k, v) return method_name(k) and type(v) == "function" end

-- Globals, curated globals and keywords starting with prefix.
local function complete_globals(w, prefix)
  local set = {}
  add_keys(set, w.env, prefix, any_identifier)
  add_keys(set, w.base, prefix, any_identifier)
  for _, k in ipairs(KEYWORDS) do
    if starts(k, prefix) then set[k] = true end
  end
  return set
end

-- Methods of a resolved receiver: a table's function fields and the keys
-- of its metatable's __index table; for other values (frames, strings) the
-- keys of their metatable's __index table.
local function complete_methods(r, prefix)
  local set = {}
  if r.frame then
    add_keys(set, frame_methods(r.kind), prefix, method_name)
    return set
  end
  local v = r.value
  if type(v) == "table" then add_keys(set, v, prefix, function_field) end
  local mt = getmetatable(v)
  if type(mt) == "table" then add_keys(set, rawget(mt, "__index"), prefix, method_name) end
  return set
end

-- The columns of a resolved frame, or an empty array.
local function columns(w, r)
  if not r or not r.frame then return {} end
  local ok, names = pcall(w.columns, r.frame)
  return ok and names or {}
end

---------------------------------------------------------------- paths

-- Directory entries completing `prefix` (relative to the current directory;
-- "~/" is not expanded: the shell's convenience, not the engine's). Hidden
-- entries only when the typed name starts with '.'. Directories end in '/';
-- files are kept when keep(name) says so (nil: all).
local function complete_path(prefix, keep)
  local set = {}
  local dir, stem = match(prefix, "^(.*/)([^/]*)$")
  if not dir then dir, stem = "", prefix end
  local names = core.listdir(dir == "" and "." or dir)
  if not names then return set end
  for _, name in ipairs(names) do
    if starts(name, stem) and (starts(stem, ".") or not starts(name, ".")) then
      local full = dir .. name
      if core.isdir(full) then set[full .. "/"] = true
      elseif not keep or keep(name) then set[full] = true end
    end
  end
  return set
end

local function lua_file(name) return match(name, "%.lua$") ~= nil end
local function data_file(name)
  return match(name, "%.[cC][sS][vV]$") or match(name, "%.[tT][sS][vV]$")
    or match(name, "%.[tT][xX][tT]$")
end

---------------------------------------------------------------- strings

-- The word being typed inside an expression string (the text from `from`
-- to the end of `text`): after an unclosed backquote, the backquoted name;
-- inside an expression's own 'string', nothing; else identifier characters.
-- Returns the start position and the set of candidates.
local function complete_expression(text, from, names)
  local quote, tick, escaped = nil, nil, false
  for i = from, #text do
    local c = sub(text, i, i)
    if escaped then escaped = false
    elseif c == "\\" then escaped = true
    elseif c == "`" and not quote then tick = not tick and i or nil
    elseif (c == "'" or c == '"') and not tick then
      if quote == c then quote = nil elseif not quote then quote = c end
    end
  end
  local set = {}
  if quote then return #text + 1, set end
  if tick then
    local typed = sub(text, tick + 1)
    for _, name in ipairs(names) do
      if starts(name, typed) then set["`" .. name .. "`"] = true end
    end
    return tick, set
  end
  local word = match(sub(text, from), "[%w_]*$")
  for _, name in ipairs(names) do
    if starts(name, word) then
      local plain = match(name, "^[%a_][%w_]*$") and not EXPR_RESERVED[name]
      set[plain and name or "`" .. name .. "`"] = true
    end
  end
  return #text + 1 - #word, set
end

-- The index of the last token of the callee whose argument list the string
-- at the end is part of (directly, or as a value in table constructors),
-- or nil.
local function string_callee(toks, stack)
  local last = toks[#toks]
  if last and (last.k == "name" or (last.k == "op" and (last.v == ")" or last.v == "]"))) then
    return #toks   -- f "s: a call with a string argument
  end
  for k = #stack, 1, -1 do
    local o = stack[k]
    local p = toks[o - 1]
    local call = p and (p.k == "name" or p.k == "string"
      or (p.k == "op" and (p.v == ")" or p.v == "]")))
    if call and toks[o].v ~= "[" then return o - 1 end
    if toks[o].v ~= "{" then return nil end   -- (expr) or [index]
  end
  return nil
end

-- Completion inside the string that opens at `q`.
local function complete_string(w, text, toks, stack, q)
  local c = string_callee(toks, stack)
  local callee, sep = toks[c or 0], toks[(c or 0) - 1]
  if not callee or callee.k ~= "name" or not sep or sep.k ~= "op" then return nil end
  local s = expr_start(toks, c - 2)
  if not s then return nil end
  local typed = sub(text, q + 1)
  if sep.v == "." and s == c - 2 and toks[s].v == "csv"
     and (callee.v == "read" or callee.v == "write") then
    return q + 1, complete_path(typed)
  end
  if sep.v ~= ":" then return nil end
  local r = resolve(w, toks, s, c - 2)
  if not r or not r.frame then return nil end
  local names = columns(w, r)
  if EXPR_METHODS[callee.v] then return complete_expression(text, q + 1, names) end
  local set = {}
  for _, name in ipairs(names) do
    if starts(name, typed) then set[name] = true end
  end
  return q + 1, set
end

---------------------------------------------------------------- dot-commands

local function reference()
  local ok, ref = pcall(require, "pathway.reference")
  return ok and type(ref) == "table" and ref or {}
end

-- Globals (user and curated) whose value is a frame, starting with prefix.
local function frame_globals(w, prefix)
  local set = {}
  for _, t in ipairs({ w.env, w.base }) do
    for k, v in next, t do
      if type(k) == "string" and starts(k, prefix) and frame_kind(w, v) == "frame" then
        set[k] = true
      end
    end
  end
  return set
end

-- Completion of a line that starts with a dot-command, or nil when it does not.
local function complete_command(w, text)
  local lead, cmd = match(text, "^(%s*)(%.%a*)$")
  if cmd then
    local set = {}
    for _, entry in ipairs(reference()) do
      local name = type(entry) == "table" and entry.name
      if type(name) == "string" and starts(name, ".") and starts(name, cmd) then
        set[name] = true
      end
    end
    return #lead + 1, set
  end
  cmd = match(text, "^%s*(%.%a+)%s")
  if not cmd then return nil end
  -- Only the first argument completes (.load FILE.csv [AS name]).
  local word = match(text, "^%s*%.%a+%s+(%S*)$")
  if not word then return #text + 1, {} end
  local at = #text + 1 - #word
  if cmd == ".load" then return at, complete_path(word, data_file) end
  if cmd == ".run" then return at, complete_path(word, lua_file) end
  if cmd == ".schema" then return at, frame_globals(w, word) end
  if cmd == ".help" then
    local set = {}
    for _, entry in ipairs(reference()) do
      local name = type(entry) == "table" and entry.name
      if type(name) == "string" and starts(name, word) then set[name] = true end
    end
    return at, set
  end
  return at, {}
end

---------------------------------------------------------------- entry point

-- Completion in code: a global, a.b.c's members or a:b's methods.
local function complete_code(w, text, toks)
  local n, last = #toks, toks[#toks]
  local word, at = "", #text + 1
  if last and last.e == #text then
    if last.k ~= "name" and last.k ~= "keyword" and last.k ~= "op" then return nil end
    if last.k ~= "op" then word, at, n = last.v, last.s, n - 1 end
  end
  local sep = toks[n]
  if word == "" and sep and sep.k ~= "keyword"
     and (sep.k ~= "op" or sep.v == ")" or sep.v == "]" or sep.v == "}") then
    return nil   -- right after a value no name can start
  end
  if sep and sep.k == "op" and (sep.v == "." or sep.v == ":") then
    local s = expr_start(toks, n - 1)
    local r = s and resolve(w, toks, s, n - 1)
    if not r then return nil end
    if sep.v == ":" then return at, complete_methods(r, word) end
    if r.frame then return nil end
    local set = {}
    add_keys(set, r.value, word, any_identifier)
    return at, set
  end
  return at, complete_globals(w, word)
end

-- complete(line, cursor, base, columns): `cursor` is a byte offset (0-based)
-- into line, `base` the curated globals behind the user environment, and
-- `columns(v)` the engine's reader of a frame's column names (names, kind
-- or nil). Returns the 0-based start of the word and its candidates
-- (unique, unsorted: the caller sorts).
local function complete(line, cursor, base, column_reader)
  local w = world(base)
  w.columns = column_reader
  local text = sub(line, 1, cursor)
  local at, set = complete_command(w, text)
  if not at then
    local toks, stack, state, q = lex(text)
    if state == "string" then at, set = complete_string(w, text, toks, stack, q)
    elseif state == "code" then at, set = complete_code(w, text, toks) end
  end
  if not at then return cursor, {} end
  return at - 1, array_of(set)
end

return { complete = complete }
