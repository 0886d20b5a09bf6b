-- editing_test.lua: hgvs.annotate, hgvs.editing and editing.sites from
-- scripts (the cores have their own Criterion tests). Run from the root.

-- codon 2 is CAG (Gln): c.4C>T gives TAG, a stop
local CDS = "ATGCAGTGGTAA"

test "annotate: the protein change of a coding substitution" (function()
  local v = hgvs.annotate("c.4C>T", { cds = CDS })
  expect(v.consequence):equals("nonsense")
  expect(v.protein):equals("p.(Gln2Ter)")
  expect(v.codon):equals(2)
  expect(v.ref_codon):equals("CAG")
  expect(v.alt_codon):equals("TAG")
  expect({ v.ref_aa, v.alt_aa }):equals({ "Gln", "Ter" })
  expect(v.hgvs):equals("c.4C>T")
  local parsed = hgvs.parse("c.5A>T")
  expect(hgvs.annotate(parsed, { cds = CDS }).protein):equals("p.(Gln2Leu)")
  expect(hgvs.annotate("c.6G>A", { cds = CDS }).consequence):equals("synonymous")
end)

test "annotate: mismatches and other changes are the fail pair" (function()
  local v, err = hgvs.annotate("c.4G>T", { cds = CDS })
  expect(v):is_nil()
  expect(err):equals("hgvs: reference base mismatch at c.4: the description says G, the sequence has C")
  v, err = hgvs.annotate("c.4del", { cds = CDS })
  expect(v):is_nil()
  expect(err):contains("only coding substitutions")
  v, err = hgvs.annotate("c.4C>", { cds = CDS })
  expect(err):equals("hgvs: 'c.4C>' at 5: expected a nucleotide")
  v, err = hgvs.annotate("c.[4C>T];[5A>T]", { cds = CDS })
  expect(err):equals("hgvs.annotate: 'c.[4C>T];[5A>T]' is a genotype; give one of its alleles")
  expect(function() hgvs.annotate("c.4C>T", {}) end)
    :raises("bad argument #2 to 'annotate' (cds (the coding sequence, c.1 first) expected)")
  expect(function() hgvs.annotate(4, { cds = CDS }) end):raises("bad argument #1 to 'annotate'")
end)

test "editing: which base editor reverts the change" (function()
  expect(hgvs.editing("c.1003C>T")):equals({ snv = true, transition = true, transversion = false,
    abe_correctable = true, cbe_correctable = false })
  expect(hgvs.editing("c.1066-2A>G").cbe_correctable):is_true()
  expect(hgvs.editing("c.100G>T")):equals({ snv = true, transition = false, transversion = true,
    abe_correctable = false, cbe_correctable = false })
  expect(hgvs.editing("c.100del").snv):is_false()
  local v, err = hgvs.editing("c.100G>")
  expect(v):is_nil()
  expect(err):matches("^hgvs: 'c.100G>' at 7: ")
end)

test "editing.sites: protospacers that put the base in the window" (function()
  -- 20-base protospacer + NGG; the target (position 25) is index 5
  local seq = "TTTTTTTTTTTTTTTTTTTT" .. "CCCCA" .. "CCCCCCCCCCCCCCC" .. "AGG" .. "TTTTTTTTTT"
  local sites = editing.sites(seq, 25)
  expect(#sites):equals(1)
  local s = sites[1]
  expect(s.strand):equals("+")
  expect(s.start):equals(21)
  expect(s.pam):equals("AGG")
  expect(s.target_index):equals(5)
  expect(s.target_base):equals("A")
  expect(s.editable):is_true()
  expect(s.bystanders):equals(0)
  expect(s.bystander_index):equals({})
  expect(#editing.sites(seq, 25, { window = { 6, 8 } })):equals(0)
  expect(#editing.sites(seq, 25, { pam = "NGA" })):equals(0)
  expect(editing.sites(seq, 25, { editor = "cbe" })[1].editable):is_false()
end)

test "editing.sites: misuse raises with the core's message" (function()
  expect(function() editing.sites("ACGT", 9) end):raises("outside")
  expect(function() editing.sites("ACGT", 1, { editor = "xbe" }) end):raises("invalid option 'xbe'")
  expect(function() editing.sites("ACGT", 1, { window = { 1 } }) end):raises("window = {first, last}")
  expect(function() editing.sites("ACGT", 1, { pam = "NGZ" }) end):raises("PAM")
end)
