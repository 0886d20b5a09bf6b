-- reference.lua: the reference entries `pathway help`, the REPL's .help and
-- docs/reference/ are rendered from; the one source of the script API.
-- Exports: an array of entries, gathered from lang/reference_<area>.lua in
-- this order. The schema of an entry is in docs/reference/index.md.
local require, ipairs = require, ipairs
local AREAS = { "topics", "lua", "frame", "data", "re", "variants", "stats", "review", "expr", "repl" }
_ENV = nil

local entries = {}
for _, area in ipairs(AREAS) do
  for _, entry in ipairs(require("pathway.reference_" .. area)) do entries[#entries + 1] = entry end
end
return entries
