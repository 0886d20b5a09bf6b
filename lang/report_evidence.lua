-- report_evidence.lua: a verdict's evidence, whatever Lua value it is, as
-- the list of evidence items of the report document (docs/report-schema.md:
-- number, string, boolean, list, table, frame, result, figure, other).
-- Every item carries `text`, the one line the text report prints.
-- Exports: items(evidence) -> list, item(label, value) -> item
local type, pairs, ipairs, tostring, getmetatable, pcall, math_type =
      type, pairs, ipairs, tostring, getmetatable, pcall, math.type
local concat = table.concat
local format, sub = string.format, string.sub
local huge, abs = math.huge, math.abs
local sorted_keys = require("pathway.tables").sorted_keys
_ENV = nil

local MAX_DEPTH = 3        -- nested tables deeper than this become `other`
local FRAME_ROWS = 10      -- rows of a frame the report carries
local TEXT_LIST = 8        -- list elements shown in a one-line text

local item

-- A number as the reports print it: integers exactly, floats to 4
-- significant digits (6 when small or large), never "-0".
local function number_text(x)
  if x ~= x then return "NaN" end
  if x == huge then return "Inf" end
  if x == -huge then return "-Inf" end
  if math_type(x) == "integer" then return tostring(x) end
  if x == 0 then return "0" end
  local a = abs(x)
  local s = (a >= 1e5 or a < 1e-3) and format("%.3e", x) or format("%.4g", x)
  return s
end

local function scalar_text(v)
  if type(v) == "number" then return number_text(v) end
  return tostring(v)
end

local function is_frame(v)
  local mt = getmetatable(v)
  return type(v) == "userdata" and type(mt) == "table" and mt.__name == "pathway.frame"
end

local function is_svg(v) return type(v) == "string" and sub(v, 1, 4) == "<svg" end

-- A sequence of scalars (numbers, strings, booleans), possibly empty? No:
-- an empty table is a `table` with no items.
local function is_scalar_list(t)
  local n = #t
  if n == 0 then return false end
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  if count ~= n then return false end
  for i = 1, n do
    local k = type(t[i])
    if k ~= "number" and k ~= "string" and k ~= "boolean" then return false end
  end
  return true
end

local function finite(x) return x == x and x ~= huge and x ~= -huge end

local function frame_item(label, f)
  local names, types = f:names(), f:types()
  local columns = {}
  for j, name in ipairs(names) do columns[j] = { name = name, type = types[j] } end
  local nrow = f:nrow()
  local rows = {}
  for i, r in ipairs(f:head(FRAME_ROWS):to_rows()) do
    local cells = {}
    for j, name in ipairs(names) do
      local v = r[name]
      if type(v) == "number" and not finite(v) then v = nil end
      if v ~= nil and type(v) ~= "number" and type(v) ~= "boolean" then v = tostring(v) end
      cells[j] = v
    end
    rows[i] = cells
  end
  return { label = label, kind = "frame", nrow = nrow, ncol = #names, columns = columns, rows = rows,
           truncated = nrow > FRAME_ROWS,
           text = format("frame %d row%s x %d column%s (%s)", nrow, nrow == 1 and "" or "s", #names,
                         #names == 1 and "" or "s", concat(names, ", ")) }
end

-- A result object's scalar fields and short numeric lists (estimate,
-- p_value, conf_int, ...): what a reader checks in R.
local function result_values(r)
  local values = {}
  for k, v in pairs(r) do
    if type(k) == "string" and k ~= "chart" then
      local t = type(v)
      if t == "number" and finite(v) or t == "string" and not is_svg(v) or t == "boolean" then
        values[k] = v
      elseif t == "table" and getmetatable(v) == nil and #v >= 1 and #v <= 4 and is_scalar_list(v) then
        local ok = true
        for i = 1, #v do ok = ok and type(v[i]) == "number" and finite(v[i]) end
        if ok then values[k] = v end
      end
    end
  end
  return values
end

local function result_item(label, r, name)
  local summary
  if type(r.summary) == "function" then
    local ok, s = pcall(r.summary, r)
    if ok and type(s) == "string" then summary = s end
  end
  local method = type(r.method) == "string" and r.method or nil
  local line   -- tostring only through __tostring: "table: 0x..." would differ per run
  if type(getmetatable(r).__tostring) == "function" then
    local ok, s = pcall(tostring, r)
    if ok then line = s end
  end
  line = line or (summary and summary:match("^[^\n]*")) or method or name
  summary = summary or line
  local figure
  if type(r.plot) == "function" then
    local fine, svg = pcall(r.plot, r)
    if fine and is_svg(svg) then figure = svg end
  end
  return { label = label, kind = "result", class = name, method = method, summary = summary,
           values = result_values(r), figure = figure, text = line }
end

local function table_item(label, t, depth)
  local mt = getmetatable(t)
  if type(mt) == "table" and type(mt.__name) == "string" then return result_item(label, t, mt.__name) end
  if is_scalar_list(t) then
    local parts = {}
    for i = 1, #t do
      if i > TEXT_LIST then parts[#parts + 1] = format("... (%d in all)", #t) break end
      parts[#parts + 1] = scalar_text(t[i])
    end
    local value = {}
    for i = 1, #t do value[i] = (type(t[i]) == "number" and not finite(t[i])) and number_text(t[i]) or t[i] end
    return { label = label, kind = "list", value = value, text = concat(parts, ", ") }
  end
  if depth >= MAX_DEPTH then return { label = label, kind = "other", text = "{...}" } end
  local items = {}
  local keys = sorted_keys(t)
  local parts = {}
  for _, k in ipairs(keys) do
    local sub_item = item(type(k) == "string" and k or "[" .. tostring(k) .. "]", t[k], depth + 1)
    items[#items + 1] = sub_item
    parts[#parts + 1] = sub_item.label .. " = " .. sub_item.text
  end
  return { label = label, kind = "table", items = items, text = "{" .. concat(parts, ", ") .. "}" }
end

-- One evidence item from a value; `depth` counts enclosing tables.
function item(label, v, depth)
  local t = type(v)
  if t == "number" then
    return { label = label, kind = "number", value = finite(v) and v or nil, text = number_text(v) }
  elseif t == "boolean" then
    return { label = label, kind = "boolean", value = v, text = tostring(v) }
  elseif t == "string" then
    if is_svg(v) then
      local title = v:match("<title>([^<]*)</title>") or v:match('<text[^>]*font%-weight="bold">([^<]+)</text>')
      return { label = label, kind = "figure", svg = v, text = "figure" .. (title and ": " .. title or "") }
    end
    local first = v:match("^[^\n]*")
    return { label = label, kind = "string", value = v, text = first ~= v and first .. " ..." or v }
  elseif is_frame(v) then
    return frame_item(label, v)
  elseif t == "table" then
    return table_item(label, v, depth or 0)
  end
  return { label = label, kind = "other", text = t == "nil" and "nil" or "<" .. t .. ">" }
end

-- The items of a verdict's evidence (see the header).
local function items(evidence)
  if evidence == nil then return {} end
  if type(evidence) ~= "table" or getmetatable(evidence) ~= nil then return { item(nil, evidence, 0) } end
  local n, count = #evidence, 0
  for _ in pairs(evidence) do count = count + 1 end
  if n > 0 and n == count and not is_scalar_list(evidence) then
    local out = {}
    for i = 1, n do out[i] = item(nil, evidence[i], 1) end
    return out
  end
  if n > 0 and n == count then return { item(nil, evidence, 0) } end
  return table_item(nil, evidence, 0).items or {}
end

return { items = items, item = item, number_text = number_text }
