-- luals_generated.lua: the committed LuaLS definitions are what the build
-- generates from the reference (a stale copy would mislead every editor).
-- Usage: lua5.4 tests/editor/luals_generated.lua COMMITTED_DIR BUILT_DIR
-- Last line: "N passed, N failed".

local committed, built = assert(arg[1]), assert(arg[2])
local passed, failed = 0, 0
local function check(ok, what)
  if ok then passed = passed + 1
  else failed = failed + 1; print("FAIL " .. what .. ": run make docs and commit editor/luals/library") end
end

local function listing(dir)
  local p = assert(io.popen("ls '" .. dir:gsub("'", "'\\''") .. "' 2>/dev/null"))
  local names = {}
  for name in p:lines() do if name:match("%.lua$") then names[name] = true end end
  p:close()
  return names
end

local function read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local have, want = listing(committed), listing(built)
check(next(want) ~= nil, "the build generated nothing in " .. built)
for name in pairs(want) do
  check(have[name], "editor/luals/library/" .. name .. " is missing")
  if have[name] then
    check(read(committed .. "/" .. name) == read(built .. "/" .. name),
      "editor/luals/library/" .. name .. " is stale")
  end
end
for name in pairs(have) do
  check(want[name], "editor/luals/library/" .. name .. " is no longer generated")
end

print(("%d passed, %d failed"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
