-- reference_coverage.lua: every public name scripts can use has a reference
-- entry, every entry names something that exists, and every entry follows
-- the schema (docs/reference/index.md). Run by the system's lua5.4, never by
-- the binary under test: usage lua5.4 reference_coverage.lua PATHWAY ROOT.
-- The public names come from the binary (pathway -e with the chunks below);
-- the entries from lang/reference*.lua through docs/gen/reference.lua.
-- Last line: "N passed, N failed" (one check per public name and per entry).

local binary, root = assert(arg[1], "usage: reference_coverage.lua PATHWAY ROOT"), assert(arg[2], "ROOT?")

-- Deliberate omissions, each with its reason. A prefix ends with "." .
local SKIP = {
  ["coroutine."] = "standard Lua library: the coroutine entry points to the Lua 5.4 manual",
  ["string."] = "standard Lua library: the string entry points to the Lua 5.4 manual",
  ["table."] = "standard Lua library: the table entry points to the Lua 5.4 manual",
  ["math."] = "standard Lua library: the math entry points to the Lua 5.4 manual",
  ["utf8."] = "standard Lua library: the utf8 entry points to the Lua 5.4 manual",
  ["os."] = "curated standard library: the os entry lists what is kept; the Lua manual documents each",
  ["io."] = "curated standard library: the io entry lists what is kept; the Lua manual documents each",
  ["debug."] = "only debug.traceback is kept; the debug entry says so",
  ["package."] = "package.loaded and package.path; the package entry says so",
  ["pathway.json.array"] = "marker metatable of json.array (no methods); documented by json.array",
  ["pathway.json.object"] = "marker metatable of json.object (no methods); documented by json.object",
}
local function skipped(name)
  if SKIP[name] then return SKIP[name] end
  local prefix = name:match("^([%w_]+%.)")
  return prefix and SKIP[prefix]
end

-- Metatables whose __name is not the LuaLS class of their reference entry
-- (none now: every class is pathway.*).
local CLASS_ALIAS = {}

-- The globals of the sandbox, the members of the global tables, and the
-- expression language's functions. package.loaded holds the curated
-- library (engine.c merges it in), so its keys that read back from _ENV as
-- the same value are exactly the globals.
local NAMES_CHUNK = [[
local out = {}
for k, v in pairs(package.loaded) do
  if type(k) == "string" and not k:find(".", 1, true) then
    local ok, g = pcall(function() return _ENV[k] end)
    if ok and rawequal(g, v) then
      out[#out + 1] = "global " .. k
      if type(v) == "table" and k ~= "_G" then
        for m in pairs(v) do
          if type(m) == "string" then out[#out + 1] = "member " .. k .. "." .. m end
        end
      end
    end
  end
end
for _, fn in ipairs(expr.functions()) do out[#out + 1] = fn.kind .. " " .. fn.kind .. "." .. fn.name end
table.sort(out)
print(table.concat(out, "\n"))
]]

-- The classes: one value of each, its metatable's __name and the functions
-- of its __index table (or of the table a C __index closes over: --unsafe
-- for debug.getupvalue). A metatable without __name gets the label given.
local CLASSES_CHUNK = [[
local f = frame.new({ time = {5, 8, 12, 3, 9, 15, 7, 11}, event = {1, 0, 1, 1, 0, 1, 1, 0},
  arm = {"a", "a", "a", "a", "b", "b", "b", "b"}, x = {1.5, 2.5, 2, 4, 3.5, 6, 5, 7.5},
  y = {1, 0, 1, 0, 1, 1, 0, 1} })
local groups = variants.group{ rule "x" { pattern = "." } }
local values = {
  f, f:group_by("arm"), f:col("x"), expr.compile("x + 1", f),
  stats.binom_test{x = 3, n = 10}, stats.beta_binomial{successes = 3, n = 4, prior = {1, 1}},
  stats.lm(f, "x ~ time"), stats.glm(f, "y ~ x", {family = "binomial"}),
  stats.km(f, "Surv(time, event) ~ arm"), stats.cox(f, "Surv(time, event) ~ x"),
  stats.logrank(f, "Surv(time, event) ~ arm"),
  hgvs.parse("c.1003C>T"), met(), review.run(), groups, groups:explain("c.1A>G"), rule "y" { pattern = "." },
  platform.consecutive{ patients = f, success = "y == 1", order = "time" },
  rwe.maxsprt{ observed = {0, 1}, expected = {0.5, 0.5}, length = 10 },
  json.array{}, json.object{}, { "pathway.expectation", expect(1) }, re.compile("x"),
}
local out, seen = {}, {}
for _, v in ipairs(values) do
  local label
  if type(v) == "table" and type(v[1]) == "string" and getmetatable(v) == nil then label, v = v[1], v[2] end
  local mt = getmetatable(v)
  local name = type(mt) == "table" and rawget(mt, "__name") or label
  if name and not seen[name] then
    seen[name] = true
    out[#out + 1] = "class " .. name
    local index = rawget(mt, "__index")
    if type(index) == "function" then
      local _, up = debug.getupvalue(index, 1)
      index = up
    end
    if type(index) == "table" then
      for m, fn in pairs(index) do
        if type(m) == "string" and type(fn) == "function" and not m:find("^__") then
          out[#out + 1] = "method " .. name .. ":" .. m
        end
      end
    end
  end
end
table.sort(out)
print(table.concat(out, "\n"))
]]

local function sh_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function run(flags, chunk)
  local cmd = sh_quote(binary) .. " " .. flags .. " -e " .. sh_quote(chunk) .. " 2>&1"
  local p = assert(io.popen(cmd, "r"))
  local text = p:read("a")
  local ok, _, code = p:close()
  if not ok then
    io.write("FAIL introspection: pathway exited ", tostring(code), ":\n", text, "\n0 passed, 1 failed\n")
    os.exit(1)
  end
  local rows = {}
  for kind, name in text:gmatch("(%S+) (%S+)\n") do rows[#rows + 1] = { kind = kind, name = name } end
  return rows
end

local passed, failed = 0, 0
local function check(ok, what)
  if ok then passed = passed + 1 else failed = failed + 1; io.write("FAIL ", what, "\n") end
end

local entries = dofile(root .. "/docs/gen/reference.lua")(root)
local names = run("", NAMES_CHUNK)
local classes = run("--unsafe", CLASSES_CHUNK)

-------------------------------------------------------------- the schema

local KINDS = { topic = true, module = true, ["function"] = true, method = true, class = true,
                value = true, expression = true, aggregate = true, ["dot-command"] = true }
local NO_EXAMPLE = { topic = true, class = true, module = true }
local by_name, by_class, short_of = {}, {}, {}

local function is_line(s) return type(s) == "string" and s ~= "" and not s:find("\n") end

local function check_pairs(e, field, list, named)
  if list == nil then return true end
  if type(list) ~= "table" then return false, field .. " is not an array" end
  for i, x in ipairs(list) do
    if type(x) ~= "table" then return false, ("%s[%d] is not a table"):format(field, i) end
    local n, t, d = x.name or x[1], x.type or (named and x[2] or x[1]), x.description or (named and x[3] or x[2])
    if named and not is_line(n) then return false, ("%s[%d] has no name"):format(field, i) end
    if not is_line(t) then return false, ("%s[%d] has no type"):format(field, i) end
    if not is_line(d) then return false, ("%s[%d] has no description"):format(field, i) end
  end
  return true
end

for i, e in ipairs(entries) do
  local label = ("entry %d (%s)"):format(i, tostring(e.name))
  local problems = {}
  local function need(ok, msg) if not ok then problems[#problems + 1] = msg end end
  need(is_line(e.name), "name is missing")
  need(not by_name[e.name], "name is not unique")
  need(KINDS[e.kind], "kind '" .. tostring(e.kind) .. "' is not one of the schema's")
  need(is_line(e.signature), "signature is missing or not one line")
  need(is_line(e.summary), "summary is missing or not one line")
  need(e.body == nil or type(e.body) == "string", "body is not a string")
  need(NO_EXAMPLE[e.kind] or (type(e.example) == "string" and e.example ~= ""), "example is missing")
  if e.kind == "function" or e.kind == "method" then
    need(type(e.params) == "table", "a " .. e.kind .. " without params")
    local ok, msg = check_pairs(e, "params", e.params, true); need(ok, msg)
    ok, msg = check_pairs(e, "returns", e.returns, false); need(ok, msg)
  end
  if e.kind == "class" then need(is_line(e.class), "class entry without class") end
  if e.kind == "method" then need(type(e.name) == "string" and e.name:find("^[%w_]+:[%w_]+$"), "method name is not Class:method") end
  if e.kind == "expression" or e.kind == "aggregate" then
    need(type(e.name) == "string" and e.name:sub(1, #e.kind + 1) == e.kind .. ".", "name must start with " .. tostring(e.kind) .. ".")
  end
  if e.kind == "dot-command" then need(type(e.name) == "string" and e.name:sub(1, 1) == ".", "dot-command name must start with .") end
  check(#problems == 0, label .. ": " .. table.concat(problems, "; "))
  if type(e.name) == "string" then by_name[e.name] = e end
  if e.kind == "class" and type(e.class) == "string" then by_class[e.class] = e; short_of[e.name] = e.class end
end

-- Every pathway.* type a param or return names is the class of a class entry.
for _, e in ipairs(entries) do
  for _, field in ipairs({ "params", "returns" }) do
    for _, x in ipairs(type(e[field]) == "table" and e[field] or {}) do
      local t = type(x) == "table" and (x.type or (field == "params" and x[2] or x[1]))
      for class in tostring(t):gmatch("pathway%.[%w_.]*[%w_]") do
        check(by_class[class] ~= nil, ("%s: %s names type %s, which no class entry declares"):format(e.name, field, class))
      end
    end
  end
end

-------------------------------------------------------------- names -> entries

local exists = {}
for _, row in ipairs(names) do
  exists[row.name] = true
  if not skipped(row.name) then
    local e = by_name[row.name]
    check(e ~= nil, ("%s %s has no reference entry"):format(row.kind, row.name))
  end
end
for _, row in ipairs(classes) do
  local class = row.kind == "class" and (CLASS_ALIAS[row.name] or row.name)
  if row.kind == "class" then
    exists["class " .. class] = true
    if not skipped(row.name) then check(by_class[class] ~= nil, ("class %s has no class entry"):format(class)) end
  else
    local mt, m = row.name:match("^(.-):(.+)$")
    local c = by_class[CLASS_ALIAS[mt] or mt]
    local name = c and c.name .. ":" .. m or row.name
    exists[name] = true
    check(c ~= nil and by_name[name] ~= nil, ("method %s has no reference entry (%s)"):format(row.name, name))
  end
end

-------------------------------------------------------------- entries -> names

for _, e in ipairs(entries) do
  local k = e.kind
  if k == "class" then
    check(exists["class " .. tostring(e.class)], ("class entry %s: no value has class %s"):format(e.name, tostring(e.class)))
  elseif k == "method" then
    local short = e.name:match("^([%w_]+):")
    check(short_of[short] ~= nil and exists[e.name], ("method entry %s names no method of a class"):format(e.name))
  elseif k ~= "topic" and k ~= "dot-command" then
    check(exists[e.name], ("%s entry %s names nothing that exists"):format(k, e.name))
  end
end

io.write(("%d passed, %d failed\n"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
