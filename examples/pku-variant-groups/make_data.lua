-- make_data.lua: generate the pku-variant-groups example's synthetic data.
-- Illustrative only: no real patient is described, and the coding sequence
-- is synthetic (random codons, with the codons of the named PAH variants set
-- so that their published protein changes come out). Deterministic:
--   pathway --seed 2026 make_data.lua cds      > pah_cds.txt
--   pathway --seed 2026 make_data.lua exons    > pah_exons.csv
--   pathway --seed 2026 make_data.lua variants > pah_variants.csv
--   pathway --seed 2026 make_data.lua patients > patients.csv
local what = arg[1]
local BASES = { "A", "C", "G", "T" }

-- Exon bounds of PAH (NM_000277) in c. numbering, as commonly reported;
-- used here for illustration. Exon 13 holds the stop codon (c.1357-1359).
local EXONS = { { 1, 1, 60 }, { 2, 61, 168 }, { 3, 169, 352 }, { 4, 353, 441 },
  { 5, 442, 509 }, { 6, 510, 706 }, { 7, 707, 842 }, { 8, 843, 912 }, { 9, 913, 969 },
  { 10, 970, 1065 }, { 11, 1066, 1199 }, { 12, 1200, 1315 }, { 13, 1316, 1359 } }

-- Codons fixed so that the named variants below give their published
-- protein change (e.g. codon 408 CGG: c.1222C>T is p.Arg408Trp).
local FIXED = { [1] = "ATG", [39] = "TTC", [48] = "TTG", [65] = "ATC", [111] = "CGA",
  [158] = "CGG", [176] = "CGA", [178] = "GAG", [243] = "CGA", [252] = "CGG", [261] = "CGA",
  [280] = "GAA", [281] = "CCG", [300] = "GCC", [349] = "TCC", [388] = "GTG", [390] = "GAG",
  [403] = "GCG", [408] = "CGG", [413] = "CGC", [414] = "TAC", [453] = "TAA" }

-- Recurrent PAH variants (BIOPKU's most frequent), with their usual names.
local NAMED = {
  "c.1222C>T", "c.842C>T", "c.1066-11G>A", "c.782G>A", "c.1241A>G", "c.728G>A",
  "c.1315+1G>A", "c.473G>A", "c.1223G>A", "c.781C>T", "c.727C>T", "c.331C>T",
  "c.838G>A", "c.754C>T", "c.143T>C", "c.194T>C", "c.1208C>T", "c.117C>G",
  "c.842+1G>A", "c.168+5G>C", "c.441+5G>T", "c.912+1G>A", "c.60+5G>T", "c.1162G>A",
  "c.1169A>G", "c.1238G>C", "c.526C>T", "c.898G>T", "c.1045T>C", "c.533A>G",
  "c.1055del", "c.1089del", "c.633_635del", "c.1199+1G>C", "c.-71A>C",
}

-- What reviewers meet in real spreadsheets: kept to show the `invalid` group.
local MESSY = { "c.1222 C>T", "R408W", "C1222T", "c.1222c>t", "1066-11G>A", "c.842C>",
  "IVS10-11G>A", "c.1315+1G>A " }

local STOPS = { TAA = true, TAG = true, TGA = true }

local function random_codon()
  while true do
    local c = BASES[math.random(4)] .. BASES[math.random(4)] .. BASES[math.random(4)]
    if not STOPS[c] then return c end
  end
end

local function make_cds()
  local codons = {}
  for i = 1, 453 do codons[i] = FIXED[i] or random_codon() end
  return table.concat(codons)
end

local cds = make_cds()

local function other_base(b)
  while true do
    local x = BASES[math.random(4)]
    if x ~= b then return x end
  end
end

-- About 300 distinct variants: the named ones, then random ones of each
-- kind in proportions like a locus database's.
local function make_variants()
  local list, seen = {}, {}
  local function add(v, source)
    if not seen[v] then seen[v] = true; list[#list + 1] = { v, source } end
  end
  for _, v in ipairs(NAMED) do add(v, "recurrent") end
  while #list < 220 do   -- substitutions inside the coding sequence
    local pos = math.random(4, 1356)
    local ref = cds:sub(pos, pos)
    add(("c.%d%s>%s"):format(pos, ref, other_base(ref)), "synthetic")
  end
  while #list < 255 do   -- at exon/intron boundaries: splice sites and deeper
    local e = EXONS[math.random(1, 12)]
    local off = math.random(1, 2) == 1 and math.random(1, 2) or math.random(3, 40)
    local v = math.random(2) == 1 and ("c.%d+%d"):format(e[3], off)
                                   or ("c.%d-%d"):format(EXONS[e[1] + 1][2], off)
    local ref = BASES[math.random(4)]
    add(v .. ref .. ">" .. other_base(ref), "synthetic")
  end
  while #list < 290 do   -- small deletions, duplications and insertions
    local pos, kind = math.random(10, 1340), math.random(5)
    if kind == 1 then add(("c.%ddel"):format(pos), "synthetic")
    elseif kind == 2 then add(("c.%d_%ddel"):format(pos, pos + 2), "synthetic")
    elseif kind == 3 then add(("c.%ddup"):format(pos), "synthetic")
    elseif kind == 4 then add(("c.%d_%dins%s"):format(pos, pos + 1, BASES[math.random(4)]), "synthetic")
    else add(("c.%d_%ddel"):format(pos, pos + 1), "synthetic") end
  end
  for _, v in ipairs(MESSY) do add(v, "spreadsheet") end
  return list
end

if what == "cds" then
  print(cds)
elseif what == "exons" then
  print("exon,start,stop")
  for _, e in ipairs(EXONS) do print(("%d,%d,%d"):format(e[1], e[2], e[3])) end
elseif what == "variants" then
  print("variant,source")
  for _, v in ipairs(make_variants()) do
    print(('"%s",%s'):format(v[1], v[2]))
  end
elseif what == "patients" then
  -- 150 patients; two alleles each, drawn with Zipf-like weights so the
  -- recurrent variants are frequent, as in a real cohort.
  local list = make_variants()
  local weights, total = {}, 0
  for i = 1, #list do weights[i] = 1 / i; total = total + weights[i] end
  local function draw()
    local u, acc = math.random() * total, 0
    for i = 1, #list do
      acc = acc + weights[i]
      if u <= acc then return list[i][1] end
    end
    return list[#list][1]
  end
  print("patient_id,allele1,allele2,baseline_phe_umol_l")
  for p = 1, 150 do
    print(('PKU%03d,"%s","%s",%d'):format(p, draw(), draw(), math.random(360, 2000)))
  end
else
  error("usage: pathway --seed 2026 make_data.lua cds|exons|variants|patients", 0)
end
