-- help.lua: `pathway help [TOPIC]`, rendered from lang/reference.lua.
-- Exports: show(topic) -> true | false, message
local require, ipairs, concat, sort = require, ipairs, table.concat, table.sort
local core = require "pathway.core"
local reference = require "pathway.reference"
_ENV = nil

local function out(s) core.write("stdout", s) end

local function index()
  out("pathway help TOPIC shows one of these:\n\n")
  local names = {}
  for _, entry in ipairs(reference) do names[#names + 1] = entry end
  sort(names, function(a, b) return a.name < b.name end)
  for _, entry in ipairs(names) do
    out(("  %-22s %s\n"):format(entry.name, entry.summary))
  end
  return true
end

local function show(topic)
  if topic == nil then return index() end
  for _, entry in ipairs(reference) do
    if entry.name == topic then
      local lines = { entry.signature or entry.name, "", entry.summary, "" }
      if entry.body then lines[#lines + 1] = entry.body .. "\n" end
      if entry.example then
        lines[#lines + 1] = "example:\n  " .. entry.example:gsub("\n", "\n  ") .. "\n"
      end
      out(concat(lines, "\n"))
      return true
    end
  end
  return false, ("no help for '%s' (pathway help lists the topics)"):format(topic)
end

return { show = show }
