-- reference_examples.lua: the examples of the reference entries compile,
-- and those that are self-contained run. Run by the system's lua5.4:
-- usage lua5.4 reference_examples.lua PATHWAY ROOT.
--
-- Every Lua example (all kinds but topic and dot-command, whose examples
-- are command lines) must compile (load, text mode). Then one sandboxed
-- `pathway -e` session runs the `examples` topic's chunk (it builds the
-- frame `f` the examples use) and every Lua example not in NOT_RUN, each
-- after review.reset(), each in protected mode. An example of the form
-- `print(EXPR)  --> TEXT` must also print TEXT: tostring of EXPR's first
-- value; any other `print(EXPR)` example must not print nil first (a
-- misspelt field prints nil). Last line: "N passed, N failed".

local binary, root = assert(arg[1], "usage: reference_examples.lua PATHWAY ROOT"), assert(arg[2], "ROOT?")

-- Examples that compile but are not run, each with its reason.
local NOT_RUN = {
  ["csv.write"] = "writes a file, which the sandbox allows only for a declared output",
  ["frame:write_csv"] = "writes a file, which the sandbox allows only for a declared output",
  ["skip"] = "ends the running test; outside `pathway test` it raises by design",
}

local entries = dofile(root .. "/docs/gen/reference.lua")(root)
local passed, failed = 0, 0
local function check(ok, what)
  if ok then passed = passed + 1 else failed = failed + 1; io.write("FAIL ", what, "\n") end
end

local fixture
local runnable = {}
for _, e in ipairs(entries) do
  if e.name == "examples" then fixture = e.example end
  if type(e.example) == "string" and e.kind ~= "topic" and e.kind ~= "dot-command" then
    local chunk, err = load(e.example, "=" .. e.name, "t")
    check(chunk ~= nil, ("example of %s does not compile: %s"):format(e.name, tostring(err)))
    if chunk and not NOT_RUN[e.name] then runnable[#runnable + 1] = e end
  end
end
check(fixture ~= nil, "no `examples` topic with the fixture chunk")

-- The driver: runs the fixture, then each example; reports on lines that
-- start with "@@" (the examples' own output is in between).
local parts = { "local examples = {" }
for _, e in ipairs(runnable) do
  local expr, want = e.example:match("^print%((.*)%)%s*%-%->%s*([^\n]-)%s*$")
  if not expr then expr = e.example:match("^print%(([^\n]*)%)%s*$") end
  parts[#parts + 1] = ("{ name = %q, code = %q, expr = %s, want = %s },"):format(
    e.name, e.example, expr and ("%q"):format(expr) or "nil", want and ("%q"):format(want) or "nil")
end
parts[#parts + 1] = "}"
parts[#parts + 1] = ("local fixture = %q"):format(fixture or "")
parts[#parts + 1] = [[
local function say(s) io.write("\n@@", s:gsub("\n", " "), "\n") end
local ok, err = pcall(load(fixture, "=examples", "t"))
if not ok then say("fail examples: " .. tostring(err)) end
for _, ex in ipairs(examples) do
  review.reset()
  local chunk, cerr = load(ex.code, "=" .. ex.name, "t")
  local run_ok, rerr = false, cerr
  if chunk then run_ok, rerr = pcall(chunk) end
  if not run_ok then
    say("fail " .. ex.name .. ": " .. tostring(rerr))
  elseif ex.expr then
    local got = tostring((load("return " .. ex.expr, "=" .. ex.name, "t")()))
    if ex.want and got ~= ex.want then
      say("fail " .. ex.name .. ": printed " .. got .. ", the entry says " .. ex.want)
    elseif got == "nil" then
      say("fail " .. ex.name .. ": printed nil (a field that does not exist?)")
    else
      say("ok " .. ex.name)
    end
  else
    say("ok " .. ex.name)
  end
end
review.reset()
]]
local driver = table.concat(parts, "\n")
local path = os.tmpname()
local fh = assert(io.open(path, "w"))
fh:write(driver)
fh:close()
local p = assert(io.popen("'" .. binary:gsub("'", "'\\''") .. "' " .. path .. " 2>&1", "r"))
local out = p:read("a")
p:close()
os.remove(path)
local seen = 0
for line in out:gmatch("@@([^\n]*)") do
  seen = seen + 1
  check(line:sub(1, 3) == "ok ", "example of " .. line:gsub("^fail ", ""))
end
check(seen >= #runnable, ("the session stopped after %d of %d examples:\n%s"):format(seen, #runnable, out:sub(-2000)))
io.write(("%d passed, %d failed\n"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
