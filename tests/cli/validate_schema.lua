-- validate_schema.lua: check a JSON document against a JSON Schema (the
-- draft 2020-12 keywords docs/report-schema.json uses: type, const, enum,
-- properties, required, additionalProperties, items, minItems, maxItems,
-- minimum, maximum, pattern, $ref to #/$defs, allOf, if/then).
-- Usage: pathway validate_schema.lua SCHEMA.json DOC.json
-- Prints "valid", or each violation with its JSON pointer and then raises
-- (exit status 2).

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return json.decode(s)
end

local root = read(arg[1])
local doc = read(arg[2])
local problems = {}

local function json_type(v)
  if v == json.null then return "null" end
  local t = type(v)
  if t == "number" then return math.type(v) == "integer" and "integer" or "number" end
  if t == "table" then
    local mt = getmetatable(v)
    return (mt and mt.__jsontype == "array" or (next(v) ~= nil and #v > 0)) and "array" or "object"
  end
  return t
end

local function type_ok(v, want)
  local got = json_type(v)
  if type(want) == "table" then
    for _, w in ipairs(want) do if type_ok(v, w) then return true end end
    return false
  end
  return got == want or (want == "number" and got == "integer")
    or (want == "integer" and got == "number" and v == math.floor(v))
end

-- ECMA-262 patterns of the schema, as Lua patterns: classes, {n}, \. and
-- literal characters (a '-' outside a class is escaped: in Lua it is a
-- quantifier).
local function lua_pattern(p)
  p = p:gsub("(%b[]){(%d+)}", function(class, n) return class:rep(tonumber(n)) end)
  local out, in_class, i = {}, false, 1
  while i <= #p do
    local c = p:sub(i, i)
    if c == "\\" then out[#out + 1] = "%" .. p:sub(i + 1, i + 1); i = i + 1
    elseif c == "[" then in_class = true; out[#out + 1] = c
    elseif c == "]" then in_class = false; out[#out + 1] = c
    elseif c == "-" and not in_class then out[#out + 1] = "%-"
    else out[#out + 1] = c end
    i = i + 1
  end
  return table.concat(out)
end

local validate

local function resolve(ref)
  local name = ref:match("^#/%$defs/(.+)$")
  return assert(root["$defs"][name], "unknown $ref " .. ref)
end

local function check_object(v, s, at, fail)
  for _, k in ipairs(s.required or {}) do
    if v[k] == nil then fail(at, "missing required '" .. k .. "'") end
  end
  for k, sub in pairs(s.properties or {}) do
    if v[k] ~= nil then validate(v[k], sub, at .. "/" .. k, fail) end
  end
  if s.additionalProperties == false then
    for k in pairs(v) do
      if not (s.properties or {})[k] then fail(at, "unexpected property '" .. tostring(k) .. "'") end
    end
  end
end

local function check_array(v, s, at, fail)
  if s.minItems and #v < s.minItems then fail(at, "fewer than " .. s.minItems .. " items") end
  if s.maxItems and #v > s.maxItems then fail(at, "more than " .. s.maxItems .. " items") end
  if s.items then
    for i, x in ipairs(v) do validate(x, s.items, at .. "/" .. (i - 1), fail) end
  end
end

function validate(v, s, at, fail)
  if s["$ref"] then return validate(v, resolve(s["$ref"]), at, fail) end
  if s.type and not type_ok(v, s.type) then
    return fail(at, "is " .. json_type(v) .. ", not " .. (type(s.type) == "table" and table.concat(s.type, "|") or s.type))
  end
  if s.const ~= nil and v ~= s.const then fail(at, "is not " .. tostring(s.const)) end
  if s.enum then
    local found = false
    for _, e in ipairs(s.enum) do found = found or e == v end
    if not found then fail(at, "'" .. tostring(v) .. "' is not one of the enum") end
  end
  local t = json_type(v)
  if t == "object" then check_object(v, s, at, fail) end
  if t == "array" then check_array(v, s, at, fail) end
  if (t == "number" or t == "integer") then
    if s.minimum and v < s.minimum then fail(at, "below " .. s.minimum) end
    if s.maximum and v > s.maximum then fail(at, "above " .. s.maximum) end
  end
  if t == "string" and s.pattern and not v:find(lua_pattern(s.pattern)) then
    fail(at, "does not match " .. s.pattern)
  end
  for _, sub in ipairs(s.allOf or {}) do
    if sub["if"] then
      local ok = true
      validate(v, sub["if"], at, function() ok = false end)
      if ok and sub["then"] then validate(v, sub["then"], at, fail) end
    else
      validate(v, sub, at, fail)
    end
  end
end

validate(doc, root, "", function(at, msg) problems[#problems + 1] = (at == "" and "/" or at) .. ": " .. msg end)
if #problems == 0 then print("valid") return end
for _, p in ipairs(problems) do print(p) end
error(#problems .. " violation(s) of " .. arg[1], 0)
