-- show.lua: how the REPL shows the values of an expression (docs/repl.md, "How values are shown").
-- Exports: render(display, n, ...) -> string
local type, select, tostring, getmetatable, next, rawget, pcall, ipairs =
      type, select, tostring, getmetatable, next, rawget, pcall, ipairs
local format, gsub, byte, find = string.format, string.gsub, string.byte, string.find
local concat = table.concat
local max = math.max
local utf8_len = utf8.len
local frame = require "frame"
local tables = require "pathway.tables"
local report_text = require "pathway.report_text"
_ENV = nil

local MAX_DEPTH = 4      -- tables nested deeper are shown as {…}
local MAX_ENTRIES = 50   -- entries shown per table, then "… N more"
local FRAME_CHROME = 12  -- screen lines a frame's prompt, header and footers take
local MIN_FRAME_ROWS = 6 -- data rows shown however small the terminal

-- The verdicts' words and colours are the text report's (report_text.lua).

local KEYWORDS = {}
for w in ("and break do else elseif end false for function goto if in local nil not or repeat return "
          .. "then true until while"):gmatch("%a+") do KEYWORDS[w] = true end

---------------------------------------------------------------- atoms

local function width_of(s) return utf8_len(s) or #s end

-- 1234567 -> "1,234,567"
local function group_digits(n)
  local s = format("%d", n)
  local k
  repeat s, k = gsub(s, "^(%d+)(%d%d%d)", "%1,%2") until k == 0
  return s
end

local ESCAPES = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }

-- A string as a readable Lua literal: "..." with \" \\ \n \r \t, other
-- control characters and bytes of invalid UTF-8 as \xHH.
local function quote(s)
  s = gsub(s, '[%c"\\]', function(c) return ESCAPES[c] or format("\\x%02X", byte(c)) end)
  if not utf8_len(s) then s = gsub(s, "[\128-\255]", function(c) return format("\\x%02X", byte(c)) end) end
  return '"' .. s .. '"'
end

local function metaname(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "__name") or nil
end

-- Whether v's methods (its metatable's __index table) include summary().
local function has_summary(v)
  local mt = getmetatable(v)
  local index = type(mt) == "table" and rawget(mt, "__index")
  return type(index) == "table" and type(rawget(index, "summary")) == "function"
end

local function has_tostring(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "__tostring") ~= nil
end

-- A value inside a table that is not itself shown as a table.
local function atom(v)
  local t = type(v)
  if t == "string" then return quote(v) end
  if t == "number" or t == "boolean" or t == "nil" then return tostring(v) end
  local name = metaname(v)
  if name == "pathway.frame" then
    local ok, nrow = pcall(v.nrow, v)
    if not ok then return "<frame (closed)>" end
    local ncol = v:ncol()
    return format("<frame %s row%s × %s column%s>", group_digits(nrow), nrow == 1 and "" or "s",
                  group_digits(ncol), ncol == 1 and "" or "s")
  end
  if name == "pathway.grouped" then
    local ok, n = pcall(v.ngroups, v)
    return ok and format("<grouped frame, %s group%s>", group_digits(n), n == 1 and "" or "s")
           or "<grouped frame (closed)>"
  end
  if has_tostring(v) then return tostring(v) end
  return "<" .. t .. ">"
end

---------------------------------------------------------------- tables

local function key_text(k)
  if type(k) == "string" and find(k, "^[%a_][%w_]*$") and not KEYWORDS[k] then return k end
  return "[" .. atom(k) .. "]"
end

local function is_array_key(k, n) return type(k) == "number" and k >= 1 and k <= n and k % 1 == 0 end

-- The tree of a value: text for what shows as one piece, else a table's
-- { items = {{key = text or nil, value = tree}}, more = N }: the array part
-- in order, then the other keys by type then value (tables.sorted_keys).
-- `path` holds the tables being shown around this one (a table inside
-- itself is a <cycle>; a table met twice elsewhere is shown twice).
local function tree(v, depth, path)
  if type(v) ~= "table" or has_tostring(v) then return atom(v) end
  if path[v] then return "<cycle>" end
  if next(v) == nil then return "{}" end
  if depth > MAX_DEPTH then return "{…}" end
  path[v] = true
  local node, count, n = { items = {}, more = 0 }, 0, 0
  local function add(key, value) -- key: its text, or nil in the array part
    count = count + 1
    if count > MAX_ENTRIES then node.more = node.more + 1; return end
    node.items[#node.items + 1] = { key = key, value = tree(value, depth + 1, path) }
  end
  while rawget(v, n + 1) ~= nil do n = n + 1; add(nil, rawget(v, n)) end
  local rest = {} -- the other keys, so that a long array is not sorted
  for k in next, v do
    if not is_array_key(k, n) then rest[k] = true end
  end
  for _, k in ipairs(tables.sorted_keys(rest)) do add(key_text(k), rawget(v, k)) end
  path[v] = nil
  return node
end

local function entry_prefix(item) return item.key and (item.key .. " = ") or "" end

-- A tree on one line.
local function flat(node)
  if type(node) == "string" then return node end
  if node.flat then return node.flat end
  local parts = {}
  for i, item in ipairs(node.items) do parts[i] = entry_prefix(item) .. flat(item.value) end
  if node.more > 0 then parts[#parts + 1] = format("… %s more", group_digits(node.more)) end
  node.flat = "{" .. concat(parts, ", ") .. "}"
  return node.flat
end

-- Lines of a tree after `prefix` at `indent`: on one line when it fits in
-- `width`, else one entry per line, two spaces deeper. `suffix` follows it.
local function layout(lines, node, indent, prefix, suffix, width)
  local one = flat(node)
  if type(node) == "string" or #indent + width_of(prefix) + width_of(one) + #suffix <= width then
    lines[#lines + 1] = indent .. prefix .. one .. suffix
    return
  end
  lines[#lines + 1] = indent .. prefix .. "{"
  local inner, last = indent .. "  ", #node.items
  for i, item in ipairs(node.items) do
    layout(lines, item.value, inner, entry_prefix(item), (i < last or node.more > 0) and "," or "", width)
  end
  if node.more > 0 then lines[#lines + 1] = inner .. format("… %s more", group_digits(node.more)) end
  lines[#lines + 1] = indent .. "}" .. suffix
end

-- A table (or any value) pretty-printed within `width`.
local function pretty(v, width)
  local lines = {}
  layout(lines, tree(v, 1, {}), "", "", "", width)
  return concat(lines, "\n")
end

---------------------------------------------------------------- values

local show_value

local function frame_options(display)
  return { width = display.width, rows = max(display.height - FRAME_CHROME, MIN_FRAME_ROWS),
           color = display.color and true or false }
end

-- [not met] reason, then the evidence two spaces in.
local function show_verdict(v, display)
  local kind = rawget(v, "verdict")
  local word = report_text.painter(display.color)(kind, "[" .. report_text.label(tostring(kind)) .. "]")
  local reason = rawget(v, "reason")
  local lines = { reason and (word .. " " .. reason) or word }
  local evidence = rawget(v, "evidence")
  if evidence ~= nil then
    local inner = { width = max(display.width - 2, 20), height = display.height, color = display.color }
    local text = show_value(evidence, inner)
    lines[#lines + 1] = "  " .. gsub(text, "\n", "\n  ")
  end
  return concat(lines, "\n")
end

-- One value as the REPL shows it (no final newline).
function show_value(v, display)
  local t = type(v)
  if t == "string" then return v end
  if t == "number" or t == "boolean" or t == "nil" then return tostring(v) end
  local name = metaname(v)
  if name == "pathway.frame" or name == "pathway.grouped" then
    local ok, text = pcall(frame.format, v, frame_options(display))
    return ok and text or tostring(v)
  end
  if name == "pathway.verdict" then return show_verdict(v, display) end
  if has_summary(v) then return (gsub(v:summary(), "\n+$", "")) end
  if has_tostring(v) then return tostring(v) end
  return pretty(v, display.width)
end

local function is_scalar(v)
  local t = type(v)
  return t == "nil" or t == "boolean" or t == "number" or t == "string"
end

-- The text of the n values of an expression: scalars on one line, tab-
-- separated; otherwise each value in turn, one after the other.
local function render(display, n, ...)
  if n == 0 then return "" end
  local d = { width = display.width or 80, height = display.height or 24, color = display.color }
  local parts, scalars = {}, true
  for i = 1, n do scalars = scalars and is_scalar((select(i, ...))) end
  for i = 1, n do
    local v = select(i, ...)
    parts[i] = scalars and tostring(v) or gsub(show_value(v, d), "\n+$", "")
  end
  return concat(parts, scalars and "\t" or "\n") .. "\n"
end

return { render = render }
