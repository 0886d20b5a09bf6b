-- luals.lua: checks the lua-language-server definitions (editor/luals/library).
-- Usage: lua5.4 tests/editor/luals.lua ROOT [LIBDIR]
--   (a) every definition file compiles and starts with ---@meta, and the
--       addon's config.json names the addon and Lua 5.4;
--   (b) every reference entry that names a Lua value is annotated, with one
--       ---@param per declared parameter and one ---@return per declared
--       return, only LuaLS's documented ---@ tags are used, and every type
--       the reference names is a LuaLS built-in or declared in the library;
--   (c) every global the examples read (luac5.4 -l: GETTABUP on _ENV) is
--       declared in the library, is a Lua standard global, or is set by a
--       script of the same example.
-- Last line: "N passed, N failed". Independent of gen.lua: it reads only
-- the generated files, as lua-language-server would, and the list of Lua's
-- standard globals (editor/luals/standard.lua) that both take as given.

local root = assert(arg[1], "usage: luals.lua ROOT [LIBDIR]")
local libdir = arg[2] or (root .. "/editor/luals/library")
local LUAC = os.getenv("LUAC") or "luac5.4"

local passed, failed = 0, 0
local function check(ok, what)
  if ok then passed = passed + 1
  else failed = failed + 1; print("FAIL " .. what) end
  return ok
end

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
local function lines_of(cmd)
  local p = assert(io.popen(cmd))
  local out = {}
  for l in p:lines() do out[#out + 1] = l end
  p:close()
  return out
end

-- The annotations LuaLS documents (luals.github.io/wiki/annotations).
local TAGS = {}
for t in ([[alias as async cast class deprecated diagnostic enum field generic
  meta module nodiscard operator overload package param private protected
  return see source type vararg version]]):gmatch("%S+") do TAGS[t] = true end

-- Types LuaLS knows without a declaration.
local BUILTIN = {}
for t in ([[nil any boolean string number integer function table thread
  userdata lightuserdata unknown self fun true false]]):gmatch("%S+") do
  BUILTIN[t] = true
end

-- Lua 5.4's standard globals (what LuaLS declares for runtime "Lua 5.4").
local STANDARD = dofile(root .. "/editor/luals/standard.lua")

---------------------------------------------------------------- (a) files
local files = lines_of("ls " .. shell_quote(libdir) .. "/*.lua 2>/dev/null")
check(#files > 0, "no definition files in " .. libdir)

-- What the library declares, read back from its text.
local functions = {}   -- "stats.t_test" / "pathway.frame:filter" -> {params, returns}
local classes = {}     -- declared ---@class / ---@alias name -> its file
local tables = {}      -- global table paths: "stats", "report"
local values = {}      -- "json.null" with a ---@type
local globals = {}     -- top-level global names

for _, path in ipairs(files) do
  local fh = assert(io.open(path))
  local text = fh:read("a")
  fh:close()
  local rel = path:sub(#libdir + 2)
  check(text:sub(1, 9) == "---@meta\n", rel .. ": does not start with ---@meta")
  local chunk, err = loadfile(path)
  check(chunk ~= nil, rel .. ": does not compile: " .. tostring(err))

  local locals = {}    -- local carrying a class's methods -> class name
  local block = {}     -- the doc block above the current statement
  local n = 0
  for line in (text .. "\n"):gmatch("(.-)\n") do
    n = n + 1
    local tag = line:match("^%-%-%-%s*@([%w_]+)")
    if tag then
      check(TAGS[tag], ("%s:%d: ---@%s is not a LuaLS annotation"):format(rel, n, tag))
      local cls = line:match("^%-%-%-@class%s+([^%s:]+)") or line:match("^%-%-%-@alias%s+(%S+)")
      if cls then classes[cls] = classes[cls] or rel end
    end
    if line:match("^%-%-%-") then
      block[#block + 1] = line
    elseif line:match("^%-%-") or line == "" then
      if line == "" then block = {} end
    else
      local params, returns, cls, ty = {}, 0, nil, nil
      for _, b in ipairs(block) do
        local p = b:match("^%-%-%-@param%s+(%S+)")
        if p then params[(p:gsub("%?$", ""))] = true end
        if b:match("^%-%-%-@return%s") then returns = returns + 1 end
        cls = b:match("^%-%-%-@class%s+([^%s:]+)") or cls
        ty = ty or b:match("^%-%-%-@type%s")
      end
      local fname = line:match("^function%s+([%w_.:]+)%s*%(")
      local lname = line:match("^local%s+([%w_]+)%s*=%s*{}")
      local gname = line:match("^([%w_.]+)%s*=")
      if fname then
        local l, m = fname:match("^([%w_]+):([%w_]+)$")
        if l then
          fname = (locals[l] or ("?" .. l)) .. ":" .. m
        else
          globals[fname:match("^[%w_]+")] = true
        end
        functions[fname] = { params = params, returns = returns }
      elseif lname and cls then
        locals[lname] = cls
      elseif gname and cls then
        tables[gname] = true
        globals[gname:match("^[%w_]+")] = true
      elseif gname and ty then
        values[gname] = true
        globals[gname:match("^[%w_]+")] = true
      elseif gname then
        globals[gname:match("^[%w_]+")] = true
      end
      block = {}
    end
  end
end

-- The addon's config.json (read by LuaLS's addon manager): no JSON parser
-- in plain Lua, so the fields it must have, by pattern.
do
  local fh = io.open(libdir .. "/../config.json")
  local json = fh and fh:read("a") or ""
  if fh then fh:close() end
  check(json:match('"name"%s*:%s*"pathway"'), "config.json: no \"name\": \"pathway\"")
  check(json:match('"words"%s*:%s*%['), "config.json: no \"words\" to detect review scripts")
  check(json:match('"Lua%.runtime%.version"%s*:%s*"Lua 5%.4"'), "config.json: no Lua.runtime.version Lua 5.4")
end

---------------------------------------------------------------- (b) entries
local entries = dofile(root .. "/docs/gen/reference.lua")(root)
local class_of = {}
for _, e in ipairs(entries) do
  if e.kind == "class" then class_of[e.name] = e.class or ("pathway." .. e.name) end
end

local function param_name(p) return p.name or p[1] end
local function param_type(p) return p.type or p[2] or "any" end
local function return_type(r) return r.type or r[1] or "any" end

-- Each type word in t is a LuaLS built-in or declared in the library.
local function check_type(t, where)
  local stripped = t:gsub("'[^']*'", ""):gsub('"[^"]*"', ""):gsub("[%w_]+%??%s*:", "")
  for word in stripped:gmatch("[%a_][%w_.]*") do
    check(BUILTIN[word] or classes[word],
      ("%s: type '%s' is neither a LuaLS built-in nor declared in the library"):format(where, word))
    -- types.lua holds gen.lua's stubs for names no class entry declares
    check(classes[word] ~= "types.lua",
      ("%s: type '%s' is declared by no class entry of the reference"):format(where, word))
  end
end

local function check_signature(e, key)
  local f = functions[key]
  if not check(f, e.name .. ": no annotated function in the library") then return end
  local want, after_vararg = {}, false
  for _, p in ipairs(e.params or {}) do
    local n = param_name(p):gsub("%?$", "")
    want[n] = true
    -- Lua has no parameter after `...`: gen.lua folds such ones into it
    check(f.params[n] or after_vararg, e.name .. ": no ---@param " .. n)
    after_vararg = after_vararg or n == "..."
    check_type(param_type(p), e.name .. " param " .. n)
  end
  for n in pairs(f.params) do
    check(want[n] or (n == "..." and not e.params), e.name .. ": ---@param " .. n .. " is not in the reference")
  end
  local nret = #(e.returns or {})
  check(f.returns == nret, ("%s: %d ---@return for %d declared returns"):format(e.name, f.returns, nret))
  for _, r in ipairs(e.returns or {}) do check_type(return_type(r), e.name .. " return") end
end

-- Entries of Lua's standard globals (string, print, ...) are left to
-- LuaLS's own definitions of Lua 5.4, as gen.lua says.
local annotated, standard = 0, 0
for _, e in ipairs(entries) do
  local k = e.kind
  if STANDARD[e.name:match("^[%w_]*")] then
    standard = standard + 1
  elseif k == "function" then
    check_signature(e, e.name); annotated = annotated + 1
  elseif k == "method" then
    local short, m = e.name:match("^([%w_]+):([%w_]+)$")
    if check(short, e.name .. ": a method is named Class:method") then
      check_signature(e, (class_of[short] or ("pathway." .. short)) .. ":" .. m)
    end
    annotated = annotated + 1
  elseif k == "class" then
    check(classes[class_of[e.name]], e.name .. ": no ---@class " .. class_of[e.name])
    annotated = annotated + 1
  elseif k == "module" then
    check(tables[e.name], e.name .. ": no module table with a ---@class")
    annotated = annotated + 1
  elseif k == "value" then
    check(values[e.name], e.name .. ": no value with a ---@type")
    annotated = annotated + 1
  end
end
check(annotated > 0, "the reference has no function, method, class, module or value entry")
print(("%d entries checked; %d of Lua's standard globals left to LuaLS's own definitions"):format(annotated, standard))

---------------------------------------------------------------- (c) examples
-- Globals each example script reads and sets, with the line of each read.
local scripts = lines_of("find " .. shell_quote(root .. "/examples") .. " -name '*.lua' | sort")
check(#scripts > 0, "no example scripts under examples/")
local set_in_dir, reads = {}, {}
for _, path in ipairs(scripts) do
  local dir = path:match("^(.*)/")
  set_in_dir[dir] = set_in_dir[dir] or {}
  -- -l -l also lists each function's upvalues; the instruction's comment
  -- names the upvalue, so "_ENV" picks global accesses in every function.
  local listing = lines_of(LUAC .. " -p -l -l " .. shell_quote(path) .. " 2>&1")
  check(#listing > 0 and not listing[1]:match("^luac"), path .. ": luac5.4 -l failed: " .. (listing[1] or ""))
  for _, l in ipairs(listing) do
    local line, op, name = l:match("^%s*%d+%s+%[(%d+)%]%s+([GS]ETTABUP)%s.-;%s*_ENV%s+\"([^\"]*)\"")
    if op == "SETTABUP" then
      set_in_dir[dir][name] = true
    elseif op == "GETTABUP" then
      reads[#reads + 1] = { path = path, dir = dir, line = tonumber(line), name = name }
    end
  end
end
local seen = {}
for _, r in ipairs(reads) do
  local key = r.path .. "\0" .. r.name
  if not seen[key] then
    seen[key] = true
    local rel = r.path:sub(#root + 2)
    check(globals[r.name] or STANDARD[r.name] or set_in_dir[r.dir][r.name],
      ("%s:%d: global '%s' is not declared in editor/luals/library"):format(rel, r.line, r.name))
  end
end

print(("%d passed, %d failed"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
