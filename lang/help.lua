-- help.lua: `pathway help [TOPIC]`, rendered from lang/reference.lua.
-- Exports: show(topic) -> true | false, message
local require, ipairs, concat, sort = require, ipairs, table.concat, table.sort
local core = require "pathway.core"
local reference = require "pathway.reference"
_ENV = nil

local function out(s) core.write("stdout", s) end

-- The index's sections, in order: a kind and its heading.
local SECTIONS = {
  { "topic", "Topics" }, { "module", "Modules" }, { "function", "Functions" },
  { "value", "Values" }, { "class", "Classes" }, { "method", "Methods" },
  { "expression", "Expression functions (filter, mutate, summarise)" },
  { "aggregate", "Aggregates (summarise)" }, { "dot-command", "REPL dot-commands" },
}

local function by_name(a, b) return a.name < b.name end

local function list(entries)
  sort(entries, by_name)
  for _, entry in ipairs(entries) do
    out(("  %-26s %s\n"):format(entry.name, entry.summary))
  end
end

local function index()
  out("pathway help NAME shows one of these:\n")
  for _, section in ipairs(SECTIONS) do
    local entries = {}
    for _, entry in ipairs(reference) do
      if entry.kind == section[1] then entries[#entries + 1] = entry end
    end
    if #entries > 0 then
      out("\n" .. section[2] .. ":\n")
      list(entries)
    end
  end
  return true
end

-- The entries under a module (name.x) or a class (name:x, and name.x for
-- a class whose name is also a global table, as frame).
local function members(entry)
  if entry.kind ~= "module" and entry.kind ~= "class" then return end
  for _, sep in ipairs(entry.kind == "class" and { ".", ":" } or { "." }) do
    local prefix, found = entry.name .. sep, {}
    for _, other in ipairs(reference) do
      if other.name:sub(1, #prefix) == prefix then found[#found + 1] = other end
    end
    if #found > 0 then
      out(sep == "." and "members:\n" or "methods:\n")
      list(found)
      out("\n")
    end
  end
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
      members(entry)
      return true
    end
  end
  return false, ("no help for '%s' (pathway help lists the topics)"):format(topic)
end

return { show = show }
