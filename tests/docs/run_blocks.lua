-- run_blocks.lua: execute the Lua code blocks of a Markdown file and compare
-- their output. Run by the system's lua5.4, never by the binary under test.
--
--   lua5.4 run_blocks.lua PATHWAY FILE.md [NAME]
--
-- NAME is how FILE.md is named in messages (default: FILE.md as given).
-- The blocks, in order, form one growing script (state carries over):
--
--   ```lua            run; its output is what it prints to stdout
--   ```text           (or ```output) right after a ```lua block, with only
--                     blank lines between: that block's expected output,
--                     compared exactly; without one, the block must print
--                     nothing
--   ```sh             a shell block: run on its own by sh, in the current
--                     directory, with the binary's directory first on PATH
--                     (so `pathway` is the binary under test); its output
--                     is stdout and stderr together, compared in the same way
--   ```lua-nocheck    illustrative: not run, counted as skipped
--   ```sh-nocheck     the same
--
-- How: one `pathway` process runs a script with as many lines as FILE.md,
-- in which each ```lua block's lines stay on their own line numbers, every
-- other line is blank, and each opening fence line becomes a statement that
-- writes a marker. So an error's `file:line` is the line in FILE.md (the
-- temporary file's name is replaced by NAME), and the output between two
-- markers is one block's. A block that raises fails with the error; the
-- blocks after it fail as not run.
--
-- The commands run in the current directory (ctest: the repository root).
-- Last line: "N passed, N failed[, N skipped]"; exit status 1 on a failure.

local binary, file, name = arg[1], arg[2], arg[3]
if not binary or not file then
  io.stderr:write("usage: run_blocks.lua PATHWAY FILE.md [NAME]\n")
  os.exit(2)
end
name = name or file
-- absolute, for symmetry with tests/cli/run.lua (a block never cds, but the
-- binary may be given relative to the build directory)
if binary:sub(1, 1) ~= "/" and binary:find("/", 1, true) then
  binary = assert(os.getenv("PWD"), "PWD is not set") .. "/" .. binary
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function write(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

---------------------------------------------------------------- the blocks

-- Each block: {lang, line (of the opening fence), first, last (content
-- lines), lines}; `expected` set on a lua block from the output block after it.
local function parse(text)
  local lines = {}
  for line in (text .. (text:sub(-1) == "\n" and "" or "\n")):gmatch("(.-)\r?\n") do
    lines[#lines + 1] = line
  end
  local blocks, open = {}, nil
  for n, line in ipairs(lines) do
    if open then
      if line:match("^%s*```%s*$") then
        open.last = n - 1
        open = nil
      else
        open.lines[#open.lines + 1] = line
      end
    else
      local lang = line:match("^%s*```%s*([%w%-_]*)%s*$")
      if lang then
        open = { lang = lang, line = n, first = n + 1, lines = {} }
        blocks[#blocks + 1] = open
      end
    end
  end
  if open then error(("%s:%d: unterminated code block"):format(name, open.line), 0) end
  -- attach each output block to the lua block just before it
  for i, b in ipairs(blocks) do
    local prev = blocks[i - 1]
    if (b.lang == "text" or b.lang == "output") and prev and (prev.lang == "lua" or prev.lang == "sh") then
      local between = true
      for n = prev.last + 2, b.line - 1 do
        if not lines[n]:match("^%s*$") then between = false end
      end
      if between then prev.expected = b end
    end
  end
  return lines, blocks
end

local ok_text, text = pcall(read, file)
if not ok_text then
  io.stderr:write(("run_blocks: cannot read %s\n"):format(file))
  print("0 passed, 1 failed")
  os.exit(1)
end
local ok_parse, lines, blocks = pcall(parse, text)
if not ok_parse then
  print("FAIL " .. lines)
  print("0 passed, 1 failed")
  os.exit(1)
end

local run, shell, skipped = {}, {}, 0
for _, b in ipairs(blocks) do
  if b.lang == "lua" then run[#run + 1] = b
  elseif b.lang == "sh" then shell[#shell + 1] = b
  elseif b.lang == "lua-nocheck" or b.lang == "sh-nocheck" then skipped = skipped + 1 end
end

---------------------------------------------------------------- the script

-- one line of Lua (%q would break the line at the "\n")
local function marker(key)
  return ('io.write("\\1pw-block %s\\1\\n")'):format(key)
end
local script = {}
for n = 1, #lines do script[n] = "" end
for k, b in ipairs(run) do
  script[b.line] = marker(k)
  for i, l in ipairs(b.lines) do script[b.first + i - 1] = l end
end
script[#script + 1] = marker("end")

local tmp = os.tmpname()
local src, out, err = tmp .. ".lua", tmp .. ".out", tmp .. ".err"
write(src, table.concat(script, "\n") .. "\n")
local cmd = ("%s %s >%s 2>%s"):format(shell_quote(binary), shell_quote(src), shell_quote(out), shell_quote(err))
local _, how, status = os.execute(cmd)
local stdout, stderr = read(out), read(err)
for _, p in ipairs { tmp, src, out, err } do os.remove(p) end
if how ~= "exit" then status = 128 + (status or 0) end

-- the temporary script's name, as pathway prints it, becomes NAME
local function rename(s)
  local i, j = 1, nil
  local parts = {}
  while true do
    local a, b = s:find(src, i, true)
    if not a then break end
    parts[#parts + 1] = s:sub(i, a - 1) .. name
    i = b + 1
    j = b
  end
  if not j then return s end
  parts[#parts + 1] = s:sub(i)
  return table.concat(parts)
end
stderr = rename(stderr)
stdout = rename(stdout)

-- split stdout at the markers: output[k] is block k's
local output, reached_end = {}, false
local prefix = stdout:match("^(.-)\1pw%-block ") or stdout
local pos = #prefix + 1
while true do
  local a, b, key = stdout:find("\1pw%-block (%w+)\1\n", pos)
  if not a then break end
  local c = stdout:find("\1pw%-block %w+\1\n", b + 1)
  local body = stdout:sub(b + 1, (c or #stdout + 1) - 1)
  if key == "end" then reached_end = true
  else output[tonumber(key)] = body end
  pos = b + 1
end

---------------------------------------------------------------- compare

local function expected_of(b)
  if not b.expected or #b.expected.lines == 0 then return "" end
  return table.concat(b.expected.lines, "\n") .. "\n"
end

local function split(s)
  local t = {}
  for l in (s .. (s:sub(-1) == "\n" and "" or "\n")):gmatch("(.-)\n") do t[#t + 1] = l end
  if s == "" then t = {} end
  return t
end

-- the first differing line, both versions
local function difference(want, got)
  local w, g = split(want), split(got)
  for i = 1, math.max(#w, #g) do
    if w[i] ~= g[i] then
      return ("line %d of the output:\n  expected: %s\n  got:      %s"):format(
        i, w[i] and ("%q"):format(w[i]) or "(end of output)", g[i] and ("%q"):format(g[i]) or "(end of output)")
    end
  end
  return "(trailing newline)"
end

local passed, failed = 0, 0
local failing = nil       -- the block that raised: the last one that started
if not reached_end then
  for k = #run, 1, -1 do
    if output[k] then failing = k break end
  end
end

for k, b in ipairs(run) do
  local where = ("%s:%d"):format(name, b.line)
  local problem
  if failing and k == failing then
    problem = ("block %d raised (exit status %d):\n%s%s"):format(k, status, output[k] ~= "" and
      ("  its output so far:\n" .. output[k]) or "", stderr)
  elseif not output[k] then
    problem = failing and ("block %d not run: block %d (%s:%d) failed"):format(k, failing, name, run[failing].line)
      or ("block %d not run: the script did not start (exit status %d):\n%s"):format(k, status, stderr)
  elseif output[k] ~= expected_of(b) then
    problem = ("block %d: output differs from the %s block at %s:%d, %s"):format(k,
      b.expected and b.expected.lang or "(absent: expected none)", name, b.expected and b.expected.line or b.line,
      difference(expected_of(b), output[k]))
    if os.getenv("PW_DOCS_SHOW") then problem = problem .. "\n--- all of it:\n" .. output[k] end
  end
  if problem then
    failed = failed + 1
    print(("FAIL %s: %s"):format(where, problem))
  else
    passed = passed + 1
  end
end

if reached_end and status ~= 0 then
  failed = failed + 1
  print(("FAIL %s: the script ended with exit status %d:\n%s"):format(name, status, stderr))
elseif reached_end and stderr ~= "" then
  -- warnings (`warn`) reach stderr; they are shown, not compared
  io.write(("note: %s: stderr:\n%s"):format(name, stderr))
end

if #run + #shell == 0 then
  failed = failed + 1
  print(("FAIL %s: no lua or sh block to run"):format(name))
end

-- shell blocks, each on its own
local bindir = binary:match("^(.*)/[^/]*$")
for _, b in ipairs(shell) do
  local script = table.concat(b.lines, "\n") .. "\n"
  local path = bindir and ("PATH=%s:\"$PATH\"; export PATH; "):format(shell_quote(bindir)) or ""
  local p = io.popen(("sh -c %s 2>&1"):format(shell_quote(path .. script)), "r")
  local got = p:read("a")
  local _, how2, status2 = p:close()
  local want = expected_of(b)
  local where = ("%s:%d"):format(name, b.line)
  if got ~= want then
    failed = failed + 1
    print(("FAIL %s: shell block (exit status %s): output differs from %s, %s"):format(where, tostring(status2),
      b.expected and ("the block at %s:%d"):format(name, b.expected.line) or "none expected",
      difference(want, got)))
    if os.getenv("PW_DOCS_SHOW") then print("--- all of it:\n" .. got) end
  else
    passed = passed + 1
  end
end

local line = ("%d passed, %d failed"):format(passed, failed)
if skipped > 0 then line = line .. (", %d skipped"):format(skipped) end
print(line)
os.exit(failed == 0 and 0 or 1)
