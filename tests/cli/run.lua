-- run.lua: the golden CLI test runner, run by the system's lua5.4 (never by
-- the binary under test). Usage: lua5.4 run.lua PATHWAY FILE.test...
--
-- A .test file is a list of cases:
--   === name of the case
--   pathway -e 'print(1 + 1)'          (a shell command; the word `pathway`
--                                       at its start or after | & ; is the
--                                       binary under test)
--   --- stdin                          (optional) fed to the command
--   --- stdout                         expected exactly (absent: empty)
--   --- stderr                         expected exactly (absent: empty)
--   --- stderr-match                   instead: each line a Lua pattern that
--                                      must match the same stderr line
--   --- exit 2                         expected exit status (absent: 0)
-- Lines before the first "===" and lines starting with "#" right after a
-- "===" line are comments. Commands run in the repository root.

local binary = assert(arg[1], "usage: run.lua PATHWAY FILE.test...")
-- absolute, so that a case may cd elsewhere and still run the binary
if binary:sub(1, 1) ~= "/" then binary = assert(os.getenv("PWD"), "PWD is not set") .. "/" .. binary end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function parse(text, file)
  local cases, case, section = {}, nil, nil
  local n = 0
  for line in (text .. (text:sub(-1) == "\n" and "" or "\n")):gmatch("(.-)\n") do
    n = n + 1
    local name = line:match("^=== (.+)$")
    if name then
      case = { name = name, line = n, sections = {}, exit = 0 }
      cases[#cases + 1] = case
      section = "command"
      case.sections.command = {}
    elseif case then
      local head, rest = line:match("^%-%-%- (%S+)%s*(.-)$")
      if head == "exit" then
        case.exit = assert(tonumber(rest), file .. ":" .. n .. ": bad exit status")
        section = nil
      elseif head then
        section = head
        case.sections[section] = {}
      elseif section == "command" and line:match("^#") then
        -- a comment
      elseif section then
        local lines = case.sections[section]
        lines[#lines + 1] = line
      elseif line ~= "" then
        error(file .. ":" .. n .. ": text after '--- exit'")
      end
    end
  end
  return cases
end

local function block(lines)
  if not lines then return "" end
  while #lines > 0 and lines[#lines] == "" do lines[#lines] = nil end
  if #lines == 0 then return "" end
  return table.concat(lines, "\n") .. "\n"
end

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function run_case(case)
  local command = block(case.sections.command):gsub("\n$", "")
  -- `pathway` as a command word: at the start or after | & ;
  local bin = shell_quote(binary):gsub("%%", "%%%%")
  command = (" " .. command .. " "):gsub("([%s|&;])pathway%f[%s]", "%1" .. bin):sub(2, -2)
  local out, err, input = os.tmpname(), os.tmpname(), os.tmpname()
  local f = assert(io.open(input, "wb"))
  f:write(block(case.sections.stdin))
  f:close()
  local ok, how, code = os.execute("(" .. command .. ") <" .. input .. " >" .. out .. " 2>" .. err)
  local got = { stdout = read(out), stderr = read(err) }
  os.remove(out); os.remove(err); os.remove(input)
  if how == "signal" then return ("killed by signal %d"):format(code) end
  local problems = {}
  if code ~= case.exit then
    problems[#problems + 1] = ("exit status %d, expected %d"):format(code, case.exit)
  end
  local want = block(case.sections.stdout)
  if got.stdout ~= want then
    problems[#problems + 1] = "stdout:\n" .. got.stdout .. "expected stdout:\n" .. want
  end
  if case.sections["stderr-match"] then
    local patterns = case.sections["stderr-match"]
    block(patterns)
    local lines = {}
    for l in got.stderr:gmatch("(.-)\n") do lines[#lines + 1] = l end
    local bad = #lines ~= #patterns
    for i = 1, #patterns do
      if not bad and not lines[i]:match(patterns[i]) then bad = true end
    end
    if bad then
      problems[#problems + 1] = "stderr:\n" .. got.stderr .. "expected stderr to match:\n" .. block(patterns)
    end
  else
    want = block(case.sections.stderr)
    if got.stderr ~= want then
      problems[#problems + 1] = "stderr:\n" .. got.stderr .. "expected stderr:\n" .. want
    end
  end
  if #problems > 0 then return table.concat(problems, "\n") end
  return nil
end

local passed, failed = 0, 0
for i = 2, #arg do
  local file = arg[i]
  print(file)
  for _, case in ipairs(parse(read(file), file)) do
    local problem = run_case(case)
    if problem then
      failed = failed + 1
      print(("  FAIL  %s (%s:%d)"):format(case.name, file, case.line))
      print("        " .. problem:gsub("\n", "\n        "))
    else
      passed = passed + 1
      print("  ok    " .. case.name)
    end
  end
end
print(("%d passed, %d failed"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
