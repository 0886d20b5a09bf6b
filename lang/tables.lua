-- tables.lua: small helpers on Lua tables that several DSL modules share.
-- Exports: sorted_keys(t), field(t, k), list(t)
local type, pairs, tostring, sort = type, pairs, tostring, table.sort
local json = require "json"
_ENV = nil

local NULL = json.null

-- The keys of t in a stable order: by type name, then numbers and strings
-- by value, anything else by its tostring.
local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  return keys
end

-- A field of a report document: nil both when absent and when JSON null.
local function field(t, k)
  if type(t) ~= "table" or t == NULL then return nil end
  local v = t[k]
  if v == NULL then return nil end
  return v
end

-- A list field of a report document: {} when absent or JSON null.
local function list(t)
  if type(t) ~= "table" or t == NULL then return {} end
  return t
end

return { sorted_keys = sorted_keys, field = field, list = list }
