-- pku_rules.lua: the PAH variant groups shared by pku_groups.lua and
-- review.lua (six rules, coding substitutions translated against the
-- synthetic coding sequence, exons from pah_exons.csv). Illustrative only.
--   local groups = require("pku_rules").groups(dir)   -- dir ends with "/"
local function slurp(path)
  local f = assert(io.open(path, "r"))
  local s = f:read("l")
  f:close()
  return s
end

local function groups(dir)
  return variants.group {
    rule "ABE-correctable nonsense" { where = "consequence == 'nonsense' and abe_correctable" },
    rule "ABE-correctable missense" { where = "consequence == 'missense' and abe_correctable" },
    rule "CBE-correctable missense" { where = "consequence == 'missense' and cbe_correctable" },
    rule "canonical splice"         { pattern = [[^c\.\d+[+-][12][ACGT]>[ACGT]$]] },
    rule "exon 7 missense"          { where = function(v) return v.exon == 7 and v.consequence == "missense" end },
    rule "frameshift"               { where = "consequence == 'frameshift'" },
    cds = slurp(dir .. "pah_cds.txt"),            -- synthetic; c.1 is the A of ATG
    exons = csv.read(dir .. "pah_exons.csv"),
  }
end

return { groups = groups }
