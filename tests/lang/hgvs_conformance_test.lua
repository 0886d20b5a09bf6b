-- hgvs_conformance_test.lua: hgvs.parse against ../shared/conformance/hgvs
-- (biocommons/hgvs: grammar_test.tsv, gauntlet, extra, the gcp/ext/garcia/
-- proj-near-disc corpora; mutalyzer/hgvs-parser: syntax_cases.tsv).
-- docs/hgvs.md § Conformance has the counts and the reasons. Run from the
-- repository root; without ../shared every case is skipped.

local ROOT = "../shared/conformance/hgvs/"
local BIO = ROOT .. "biocommons-hgvs/"
local MUT = ROOT .. "mutalyzer-hgvs-parser/"

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local have_corpus = slurp(ROOT .. "README.md") ~= nil
local function need_corpus()
  if not have_corpus then skip("../shared not found: HGVS conformance corpus unavailable") end
end

local function lines(text)
  local out = {}
  for line in (text .. "\n"):gmatch("(.-)\r?\n") do out[#out + 1] = line end
  return out
end

local function split(s, sep)
  local out = {}
  for piece in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end
  return out
end

-- "ok" or the error message, for readable expectation failures.
local function outcome(s, opts)
  local v, err = hgvs.parse(s, opts)
  return v, v and "ok" or err
end

---------------------------------------------------------- grammar_test.tsv

-- Each rule (Func) of biocommons' grammar mapped to a whole description:
-- pre .. fragment .. post parses exactly when the fragment is valid under
-- the rule. `type` / `coordinate`: a valid fragment must also give that
-- type or coordinate (so "Alafs", valid as a frameshift, does not count as
-- a valid delins). `lenient`: compared in lenient mode. `expected`: the
-- Expected column is compared with the normal form (pre .. Expected ..
-- post; an empty Expected means the input itself). `lower`: compare
-- ignoring case (r. is written lower case here, upper case upstream).
-- `keep`: inputs whose Expected is a normalisation this parser does not
-- make, with the reason.
local UNKNOWN_LEN = "g.(1_10)_(20_30)"   -- an interval of unknown length
local RNA_UNKNOWN_LEN = "r.(1_10)_(20_30)"
local NOT_FS_SHORT = "HGVS's short form p.Arg97fs is kept; biocommons writes fsTer"
local NOT_SUBST = "delins of one base stays delins (hgvs.h); biocommons rewrites it as X>Y"
local wrappers = {
  accn = { post = ":g.1A>T" },
  aa1 = { pre = "p.Gly1_Ala2delins" },
  aa13 = { pre = "p.Gly1_Ala2delins" },
  aa13_fs = { pre = "p.Arg97Profs" },
  aa13_seq = { pre = "p.Gly1_Ala2delins" },
  aa1_seq = { pre = "p.Gly1_Ala2delins" },
  aa3 = { pre = "p.Gly1_Ala2delins" },
  aa3_seq = { pre = "p.Gly1_Ala2delins" },
  aat1 = { pre = "p.Gly1" },
  aat13 = { pre = "p.Gly1" },
  aat13_seq = { pre = "p.Gly1_Ala2delins" },
  aat1_seq = { pre = "p.Gly1_Ala2delins" },
  aat3 = { pre = "p.Gly1" },
  aat3_seq = { pre = "p.Gly1_Ala2delins" },
  dna = { pre = "g.1_2ins", lenient = true },
  dna_iupac = { pre = "g.1_2ins", lenient = true },
  dna_seq = { pre = "g.1_2ins", lenient = true },
  fs = { pre = "p.Arg97Pro" },
  na_iupac = { pre = "r.1_2ins" },
  num = { pre = "g.1", post = "del" },
  rna = { pre = "r.1_2ins" },
  rna_iupac = { pre = "r.1_2ins" },
  rna_seq = { pre = "r.1_2ins" },
  term1 = { pre = "p.Arg97Profs" },
  term13 = { pre = "p.Arg97Profs" },
  term3 = { pre = "p.Arg97Profs" },
  c_interval = { pre = "c.", post = "del", expected = true },
  c_pos = { pre = "c.", post = "del", expected = true },
  def_c_interval = { pre = "c.", post = "del", expected = true },
  def_c_pos = { pre = "c.(", post = "_*50)del" },
  def_g_interval = { pre = "g.", post = "del", expected = true },
  def_g_pos = { pre = "g.(", post = "_50)del" },
  def_m_interval = { pre = "m.", post = "del", expected = true },
  def_m_pos = { pre = "m.(", post = "_50)del" },
  def_n_interval = { pre = "n.", post = "del", expected = true },
  def_p_interval = { pre = "p.", post = "del", expected = true },
  def_p_pos = { pre = "p.", post = "del", expected = true },
  def_r_interval = { pre = "r.", post = "del", expected = true },
  def_r_pos = { pre = "r.(", post = "_*50)del" },
  g_interval = { pre = "g.", post = "del", expected = true },
  g_pos = { pre = "g.", post = "del", expected = true },
  m_interval = { pre = "m.", post = "del", expected = true },
  m_pos = { pre = "m.", post = "del", expected = true },
  n_interval = { pre = "n.", post = "del", expected = true },
  n_pos = { pre = "n.", post = "del", expected = true },
  p_pos = { pre = "p.", post = "del", expected = true },
  r_interval = { pre = "r.", post = "del", expected = true },
  r_pos = { pre = "r.", post = "del", expected = true },
  uncertain_c_interval = { pre = "c.", post = "del", expected = true },
  uncertain_g_interval = { pre = "g.", post = "del", expected = true },
  uncertain_n_interval = { pre = "n.", post = "del", expected = true },
  dna_con = { pre = "g.1_5", type = "conversion", expected = true },
  dna_copy = { pre = "g.1_5", type = "copy", expected = true },
  dna_del = { pre = UNKNOWN_LEN, type = "deletion", expected = true },
  dna_delins = { pre = UNKNOWN_LEN, type = "delins", expected = true,
                 keep = { delAinsT = NOT_SUBST } },
  dna_dup = { pre = UNKNOWN_LEN, type = "duplication", expected = true },
  dna_edit = { pre = UNKNOWN_LEN, expected = true },
  dna_ident = { pre = UNKNOWN_LEN, type = "identity", expected = true },
  dna_ins = { pre = UNKNOWN_LEN, type = "insertion", expected = true },
  dna_inv = { pre = UNKNOWN_LEN, type = "inversion", expected = true },
  dna_subst = { pre = "g.1", type = "substitution", expected = true },
  pro_del = { pre = "p.Gly1", type = "deletion", expected = true },
  pro_delins = { pre = "p.Gly1", type = "delins", expected = true },
  pro_dup = { pre = "p.Gly1", type = "duplication", expected = true },
  pro_ext = { pre = "p.Ter110", type = "extension", expected = true },
  pro_fs = { pre = "p.Gly1", type = "frameshift", expected = true,
             keep = { Argfs = NOT_FS_SHORT } },
  pro_ident = { pre = "p.Gly1", type = "identity", expected = true },
  pro_ins = { pre = "p.Gly1_Ala2", type = "insertion", expected = true },
  pro_subst = { pre = "p.Gly1", expected = true },
  rna_con = { pre = "r.1_5", type = "conversion" },
  rna_del = { pre = RNA_UNKNOWN_LEN, type = "deletion", expected = true, lower = true },
  rna_delins = { pre = RNA_UNKNOWN_LEN, type = "delins", expected = true, lower = true,
                 keep = { delAinsC = NOT_SUBST } },
  rna_dup = { pre = RNA_UNKNOWN_LEN, type = "duplication", expected = true, lower = true },
  rna_edit = { pre = RNA_UNKNOWN_LEN, expected = true, lower = true },
  rna_ident = { pre = RNA_UNKNOWN_LEN, type = "identity", expected = true, lower = true },
  rna_ins = { pre = RNA_UNKNOWN_LEN, type = "insertion", expected = true, lower = true },
  rna_inv = { pre = RNA_UNKNOWN_LEN, type = "inversion", expected = true, lower = true },
  rna_subst = { pre = "r.1", type = "substitution", expected = true, lower = true },
  c_posedit = { pre = "c.", expected = true },
  g_posedit = { pre = "g.", expected = true },
  m_posedit = { pre = "m.", expected = true },
  n_posedit = { pre = "n.", expected = true },
  p_posedit = { pre = "p." },
  p_posedit_special = { pre = "p.", expected = true },
  r_posedit = { pre = "r.", expected = true, lower = true },
  hgvs_position = { post = "del", expected = true },
  c_hgvs_position = { post = "del", coordinate = "c", expected = true },
  g_hgvs_position = { post = "del", coordinate = "g", expected = true },
  m_hgvs_position = { post = "del", coordinate = "m", expected = true },
  n_hgvs_position = { post = "del", coordinate = "n", expected = true },
  p_hgvs_position = { post = "del", coordinate = "p", expected = true },
  r_hgvs_position = { post = "del", coordinate = "r", expected = true },
  c_typed_posedit = { expected = true },
  g_typed_posedit = { expected = true },
  m_typed_posedit = { expected = true },
  n_typed_posedit = { expected = true },
  p_typed_posedit = { expected = true },
  r_typed_posedit = { expected = true, lower = true },
  hgvs_variant = { expected = true, lower = true },
  c_variant = { coordinate = "c", expected = true },
  g_variant = { coordinate = "g", expected = true },
  m_variant = { coordinate = "m", expected = true },
  n_variant = { coordinate = "n", expected = true },
  p_variant = { coordinate = "p", expected = true,
                keep = { ["NP_078951.2:p.Arg1039fs"] = NOT_FS_SHORT,
                         ["NP_078951.2:p.N1039fs"] = NOT_FS_SHORT } },
  r_variant = { coordinate = "r", expected = true, lower = true },
  opt_gene_expr = { pre = "NM_01234.5", post = ":c.1A>T" },
  gene_symbol = { pre = "NM_01234.5(", post = "):c.1A>T" },
  paren_gene = { pre = "NM_01234.5", post = ":c.1A>T" },
}

-- Rules not claimed, with the reason. docs/hgvs.md lists the same names
-- (a test below checks that the two lists agree).
local unclaimed = {
  aa13_ext = "'extVal-5' (a residue before an N-terminal offset) is not HGVS",
  ext = "'extVal-5' (a residue before an N-terminal offset) is not HGVS",
  base = "a sign fragment ('+123' -> 123) has no whole-description wrapper",
  fsext_offset = "an internal fragment of fs/ext with no wrapper of its own",
  nnum = "a signed-number fragment: its valid and invalid inputs wrap alike",
  offset = "an internal offset fragment: '' and '10' wrap alike",
  pm = "a sign-character fragment",
  snum = "a signed-number fragment: its valid and invalid inputs wrap alike",
  def_n_pos = "HGVS allows n.*N (the corpus itself has n.*1121C>A); biocommons rejects '*1'",
  p_interval = "uncertain protein ranges p.(Met1_Gly10)... are not supported (they read as predicted)",
  dna_edit_mu = "a predicted DNA edit '(A>C)' after a position is not HGVS",
  rna_edit_mu = "a predicted edit '(A>C)' after a position; r. is predicted as a whole: r.(5g>u)",
  pro_edit = "ins needs a range and a substitution one position: no single wrapper",
  pro_edit_mu = "parentheses around an edit alone ('(del)') are not HGVS; p.(...) is",
}

local grammar_rows   -- loaded once
local function grammar()
  if grammar_rows then return grammar_rows end
  grammar_rows = {}
  for i, line in ipairs(lines(slurp(BIO .. "grammar_test.tsv"))) do
    if i > 1 and line ~= "" and line:sub(1, 1) ~= "#" then
      local f = split(line, "\t")
      local row = { func = f[1], test = f[2] or "", valid = (f[3] or ""):lower() == "true",
                    intype = f[4], expected = f[5] or "" }
      local function inputs(s)
        if row.intype == "string" then
          local out = {}
          for c in s:gmatch(".") do out[#out + 1] = c end
          return out
        elseif row.intype == "list" then
          return split(s, "|")
        end
        return { s }
      end
      row.inputs = inputs(row.test)
      row.expecteds = row.expected ~= "" and inputs(row.expected) or {}
      grammar_rows[#grammar_rows + 1] = row
    end
  end
  return grammar_rows
end

-- The rule names in file order, each once.
local function rule_names()
  local seen, names = {}, {}
  for _, row in ipairs(grammar()) do
    if not seen[row.func] then
      seen[row.func] = true
      names[#names + 1] = row.func
    end
  end
  return names
end

local function check_rule(name, w)
  local opts = { lenient = w.lenient == true }
  local n = 0
  for _, row in ipairs(grammar()) do
    if row.func == name then
      for i, x in ipairs(row.inputs) do
        local s = (w.pre or "") .. x .. (w.post or "")
        local v, how = outcome(s, opts)
        local ok = v ~= nil and (w.type == nil or v.type == w.type) and
                   (w.coordinate == nil or v.coordinate == w.coordinate)
        if v and not ok then how = "parsed as " .. tostring(v.type) .. " " .. tostring(v.coordinate) end
        expect(s .. " -> " .. tostring(ok) .. " (" .. how .. ")")
          :equals(s .. " -> " .. tostring(row.valid) .. " (" .. (ok and "ok" or how) .. ")")
        n = n + 1
        local e = row.expecteds[i]
        if row.expected == "" then e = x end
        if e == "None" or (e and e:find("(u'", 1, true)) then e = nil end -- not HGVS text
        if ok and row.valid and w.expected and e and not (w.keep and w.keep[x]) then
          local want = (w.pre or "") .. e .. (w.post or "")
          local got = tostring(v)
          if w.lower then want, got = want:lower(), got:lower() end
          expect(s .. " => " .. got):equals(s .. " => " .. want)
        end
      end
    end
  end
  return n
end

test "grammar_test.tsv: every rule is claimed or listed as unclaimed" (function()
  need_corpus()
  for _, name in ipairs(rule_names()) do
    expect(name .. ": " .. tostring(wrappers[name] ~= nil or unclaimed[name] ~= nil))
      :equals(name .. ": true")
    expect(name .. ": both " .. tostring(wrappers[name] ~= nil and unclaimed[name] ~= nil))
      :equals(name .. ": both false")
  end
end)

test "grammar_test.tsv: the unclaimed rules are those docs/hgvs.md lists" (function()
  local doc = slurp("docs/hgvs.md")
  expect(doc ~= nil):is_true()
  local section = doc:match("<!%-%- unclaimed%-grammar%-rules %-%->(.-)<!%-%- /unclaimed")
  expect(section ~= nil):is_true()
  local listed, want = {}, {}
  for name in section:gmatch("\n| `([%w_]+)` |") do listed[#listed + 1] = name end
  for name in pairs(unclaimed) do want[#want + 1] = name end
  table.sort(listed)
  table.sort(want)
  expect(listed):equals(want)
end)

for _, name in ipairs({ "accn", "aa1", "aa13", "aa13_fs", "aa13_seq", "aa1_seq", "aa3",
  "aa3_seq", "aat1", "aat13", "aat13_seq", "aat1_seq", "aat3", "aat3_seq", "dna", "dna_iupac",
  "dna_seq", "fs", "na_iupac", "num", "rna", "rna_iupac", "rna_seq", "term1", "term13",
  "term3", "c_interval", "c_pos", "def_c_interval", "def_c_pos", "def_g_interval",
  "def_g_pos", "def_m_interval", "def_m_pos", "def_n_interval", "def_p_interval",
  "def_p_pos", "def_r_interval", "def_r_pos", "g_interval", "g_pos", "m_interval", "m_pos",
  "n_interval", "n_pos", "p_pos", "r_interval", "r_pos", "uncertain_c_interval",
  "uncertain_g_interval", "uncertain_n_interval", "dna_con", "dna_copy", "dna_del",
  "dna_delins", "dna_dup", "dna_edit", "dna_ident", "dna_ins", "dna_inv", "dna_subst",
  "pro_del", "pro_delins", "pro_dup", "pro_ext", "pro_fs", "pro_ident", "pro_ins",
  "pro_subst", "rna_con", "rna_del", "rna_delins", "rna_dup", "rna_edit", "rna_ident",
  "rna_ins", "rna_inv", "rna_subst", "c_posedit", "g_posedit", "m_posedit", "n_posedit",
  "p_posedit", "p_posedit_special", "r_posedit", "hgvs_position", "c_hgvs_position",
  "g_hgvs_position", "m_hgvs_position", "n_hgvs_position", "p_hgvs_position",
  "r_hgvs_position", "c_typed_posedit", "g_typed_posedit", "m_typed_posedit",
  "n_typed_posedit", "p_typed_posedit", "r_typed_posedit", "hgvs_variant", "c_variant",
  "g_variant", "m_variant", "n_variant", "p_variant", "r_variant", "opt_gene_expr",
  "gene_symbol", "paren_gene" }) do
  test("grammar_test.tsv " .. name) (function()
    need_corpus()
    expect(check_rule(name, wrappers[name]) > 0):is_true()
  end)
end

---------------------------------------------------- gauntlet and extra

-- The documented normalisations (docs/hgvs.md § Normal form) applied to a
-- description as written: deleted/duplicated sequence and lengths dropped,
-- '*' as a stop written Ter.
local function normalised(s)
  s = s:gsub("del[ACGTN]*%d*ins", "delins")
  s = s:gsub("(del)[ACGTN]+$", "%1"):gsub("(del)%d+$", "%1"):gsub("(dup)[ACGTN]+$", "%1")
  s = s:gsub("fs%*", "fsTer"):gsub("ext%*", "extTer")
  if s:match(":p%.") then s = s:gsub("%*$", "Ter") end
  return s
end

local function active_lines(name)
  local out = {}
  for _, line in ipairs(lines(slurp(BIO .. name))) do
    if line ~= "" and line:sub(1, 1) ~= "#" then out[#out + 1] = line end
  end
  return out
end

for _, name in ipairs({ "gauntlet.txt", "extra.txt" }) do
  test(name .. ": every variant parses and writes its normal form") (function()
    need_corpus()
    local lines_ = active_lines(name)
    expect(#lines_ > 0):is_true()
    for _, line in ipairs(lines_) do
      local v, how = outcome(line)
      expect(line .. " -> " .. how):equals(line .. " -> ok")
      if v then
        expect(line .. " => " .. tostring(v)):equals(line .. " => " .. normalised(line))
      end
    end
  end)
end

---------------------------------------------------------- mapping corpora

local CORPORA = { "gcp/ADRA2B-dbSNP.tsv", "gcp/BAHCC1-dbSNP.tsv", "gcp/DNAH11-HGMD.tsv",
  "gcp/DNAH11-dbSNP-NM_001277115.tsv", "gcp/DNAH11-dbSNP-NM_003777.tsv",
  "gcp/DNAH11-dbSNP.tsv", "gcp/FOLR3-dbSNP.tsv", "gcp/JRK-dbSNP.tsv", "gcp/NEFL-dbSNP.tsv",
  "gcp/ORAI1-dbSNP.tsv", "gcp/ZCCHC3-dbSNP.tsv", "gcp/noncoding.tsv", "gcp/real.tsv",
  "gcp/regression.tsv", "ext.tsv", "garcia.tsv", "proj-near-disc.tsv" }

-- An HGVS cell: "ACCESSION:x." at its start.
local function is_hgvs(cell)
  return cell:match("^[%a][%w_]*%.?%d*:[cgmnopr]%.") ~= nil
end

-- Every HGVS string of a corpus file (cells split on '|'), with its row's
-- cells, skipping '#' rows.
local function corpus_rows(name)
  local rows = {}
  for _, line in ipairs(lines(slurp(BIO .. name))) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local cells = split(line, "\t")
      local row = { strings = {} }
      for _, cell in ipairs(cells) do
        for _, s in ipairs(split(cell, "|")) do
          if is_hgvs(s) then row.strings[#row.strings + 1] = s end
        end
      end
      if #row.strings > 0 then rows[#rows + 1] = row end
    end
  end
  return rows
end

test "mapping corpora: every HGVS string parses (gcp/, ext, garcia, proj-near-disc)" (function()
  need_corpus()
  local n, failed = 0, {}
  for _, name in ipairs(CORPORA) do
    for _, row in ipairs(corpus_rows(name)) do
      for _, s in ipairs(row.strings) do
        n = n + 1
        local v, how = outcome(s)
        if not v then failed[#failed + 1] = name .. ": " .. how end
      end
    end
  end
  expect(failed):equals({})
  expect(n):equals(47055)
end)

-- c. and p. of one row describe the same change: where the c. rule is
-- definite, the p. description must agree (docs/hgvs.md § Conformance).
test "mapping corpora: c. consequences agree with the p. description" (function()
  need_corpus()
  local count = { pairs = 0, fs = 0, fs_agree = 0, pfs = 0, pfs_agree = 0, inframe_del = 0, inframe_del_agree = 0,
                  splice = 0, splice_agree = 0, subst = 0, subst_agree = 0 }
  local disagree = {}
  for _, name in ipairs(CORPORA) do
    for _, row in ipairs(corpus_rows(name)) do
      local c, p
      for _, s in ipairs(row.strings) do
        local v = hgvs.parse(s)
        if v and v.coordinate == "c" and not c then c = v end
        if v and v.coordinate == "p" and not p then p = v end
      end
      if c and p then
        count.pairs = count.pairs + 1
        local function check(kind, agree)
          count[kind] = count[kind] + 1
          if agree then count[kind .. "_agree"] = count[kind .. "_agree"] + 1
          else disagree[#disagree + 1] = c.hgvs .. " / " .. p.hgvs end
        end
        local csq = c.consequence
        if p.type == "frameshift" then
          -- a deletion of the stop codon (c.N_*Mdel) also shifts what is read
          check("pfs", csq == "frameshift" or csq == "stop_loss")
        end
        if csq == "frameshift" then
          check("fs", p.type == "frameshift" or p.consequence == "stop_loss" or
                p.consequence == "nonsense")  -- the first new codon may be a stop
        elseif csq == "inframe_deletion" then
          check("inframe_del", p.type == "deletion" or p.type == "delins" or
                p.type == "identity" or p.consequence == "stop_loss")
        elseif csq == "splice_site" or csq == "intronic" then
          check("splice", p.type == "unknown" or p.type == "identity")
        elseif c.type == "substitution" and csq == "coding" then
          check("subst", p.type == "substitution" or p.type == "identity" or
                p.type == "extension" or p.type == "unknown")
        end
      end
    end
  end
  print(string.format("hgvs conformance: %d c./p. pairs; c. frameshift %d/%d, p. fs %d/%d, "
    .. "inframe deletion %d/%d, intronic %d/%d, coding substitution %d/%d agree", count.pairs,
    count.fs_agree, count.fs, count.pfs_agree, count.pfs,
    count.inframe_del_agree, count.inframe_del, count.splice_agree, count.splice,
    count.subst_agree, count.subst))
  expect(disagree):equals({})
end)

------------------------------------------------------ mutalyzer syntax

-- Each row's feature category (docs/hgvs.md § Conformance, Mutalyzer).
local function mutalyzer_category(d, valid)
  if d:find("=/", 1, true) then return "mosaic" end
  if not valid and (d:find("(;)", 1, true) or d:find("];[", 1, true)) then
    if d:match("^[^:]+:[cg]%.%[[^%]]*%];%[[^%]]*%]$") then return "trans" end
    return "allele shorthand"
  end
  if d:find("%s") then return "whitespace" end
  if not valid then return "invalid" end
  local body = d:match("^[^:]*:(.*)$") or ""
  if not body:match("^[cgmnopr]%.") then return "no coordinate" end
  if body:match("con.*con") then return "nested conversion" end
  if body:match("^[cgmnopr]%.%[?[%d()?_;*+-]+%]?$") then return "no edit" end
  return "standard"
end

-- claimed categories: what this parser does with every row of each.
local mutalyzer_claimed = {
  standard = function(d)
    local v, how = outcome(d)
    expect(d .. " -> " .. how):equals(d .. " -> ok")
  end,
  whitespace = function(d)
    local v, err = hgvs.parse(d)
    expect(v):is_nil()
    expect(err):contains("(did you mean '")
    local l = hgvs.parse(d, { lenient = true })
    expect(l ~= nil):is_true()
    expect(l.correction):contains("whitespace")
  end,
  trans = function(d)
    local v, how = outcome(d)
    expect(d .. " -> " .. how):equals(d .. " -> ok")
    expect(v and v.phase):equals("trans")
  end,
  mosaic = function(d)
    local v, err = hgvs.parse(d)
    expect(v):is_nil()
    expect(err):contains("mosaic and chimeric descriptions")
  end,
  invalid = function(d)
    local v = hgvs.parse(d)
    expect(d .. " -> " .. tostring(v)):equals(d .. " -> nil")
  end,
}

local mutalyzer_unclaimed = {
  ["no coordinate"] = "Mutalyzer lets the coordinate letter be left out (REF:4); lenient mode supplies it only for known accession prefixes",
  ["no edit"] = "a location without an edit (REF_2:c.100_200) is not a variant",
  ["nested conversion"] = "chained conversions (g.100conR3:100con50) are a Mutalyzer extension",
  ["allele shorthand"] = "[a];[b](;)c, a(;)b without brackets and TG[14];[18] are HGVS but not supported",
}

local function mutalyzer_rows()
  local rows = {}
  for i, line in ipairs(lines(slurp(MUT .. "syntax_cases.tsv"))) do
    local f = split(line, "\t")
    if i > 1 and #f >= 2 then
      rows[#rows + 1] = { d = f[1], valid = f[2] == "True" }
    end
  end
  return rows
end

for _, cat in ipairs({ "standard", "whitespace", "trans", "mosaic", "invalid" }) do
  test("mutalyzer syntax_cases.tsv: " .. cat) (function()
    need_corpus()
    local n = 0
    for _, row in ipairs(mutalyzer_rows()) do
      if mutalyzer_category(row.d, row.valid) == cat then
        mutalyzer_claimed[cat](row.d)
        n = n + 1
      end
    end
    expect(n > 0):is_true()
  end)
end

test "mutalyzer syntax_cases.tsv: every row has a claimed or listed category" (function()
  need_corpus()
  for _, row in ipairs(mutalyzer_rows()) do
    local cat = mutalyzer_category(row.d, row.valid)
    expect(cat .. ": " .. tostring(mutalyzer_claimed[cat] ~= nil or mutalyzer_unclaimed[cat] ~= nil))
      :equals(cat .. ": true")
  end
end)
