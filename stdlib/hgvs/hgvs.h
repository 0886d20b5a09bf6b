/* hgvs.h: HGVS variant nomenclature without Lua: parser, normal form,
** consequence rules, codon translation and base-editing chemistry
** (docs/hgvs.md). No call allocates: a parse fills a caller-owned
** hgvs_result, whose strings live in its own text buffer. */
#ifndef PW_STDLIB_HGVS_H
#define PW_STDLIB_HGVS_H

#include <stddef.h>
#include <stdint.h>

/* Longest input accepted; longer text is rejected with an error at the
** first byte past the limit. Descriptions in the field are < 200 bytes. */
#if !defined(PW_HGVS_MAX_INPUT)
#define PW_HGVS_MAX_INPUT 1024
#endif

/* Most single changes in one description (all alleles of a genotype). */
#if !defined(PW_HGVS_MAX_VARIANTS)
#define PW_HGVS_MAX_VARIANTS 16
#endif

/* Size of hgvs_result.text: the input, the normal form and every string a
** span points at (protein codes expand 1 -> 3 letters). */
#define HGVS_TEXT_SIZE (8 * PW_HGVS_MAX_INPUT)

/* Size of the message buffers of hgvs_result. */
#define HGVS_MSG_SIZE 256

/* A piece of hgvs_result.text: bytes [off, off + len). len 0: absent. */
typedef struct hgvs_span {
  uint32_t off; /* byte offset into hgvs_result.text */
  uint32_t len; /* length in bytes (no NUL inside; text[off+len] is NUL) */
} hgvs_span;

/* The sequence a description is written against (the letter before '.'). */
typedef enum hgvs_coord {
  HGVS_COORD_G = 'g', /* linear genomic */
  HGVS_COORD_O = 'o', /* circular genomic */
  HGVS_COORD_M = 'm', /* mitochondrial */
  HGVS_COORD_C = 'c', /* coding DNA: c.1 is the A of the ATG */
  HGVS_COORD_N = 'n', /* non-coding transcript */
  HGVS_COORD_R = 'r', /* RNA (bases a c g u, written lower case) */
  HGVS_COORD_P = 'p'  /* protein */
} hgvs_coord;

/* Where a c./r. position lies relative to the coding sequence (and an
** n. position relative to its transcript). */
typedef enum hgvs_region {
  HGVS_REGION_NONE = 0,   /* g. m. o. p., and n.N: no coding anchor */
  HGVS_REGION_CDS,        /* c.1 .. c.N (also when pos is '?') */
  HGVS_REGION_UTR5,       /* c.-N: before the start codon */
  HGVS_REGION_UTR3,       /* c.*N: after the stop codon */
  HGVS_REGION_UPSTREAM,   /* n.-N: before the transcript's first base */
  HGVS_REGION_DOWNSTREAM  /* n.*N: after the transcript's last base */
} hgvs_region;

/* One position. c.1066-2 is {1066, -2, CDS}; c.-15 is {-15, 0, UTR5};
** c.*12 is {12, 0, UTR3}; n.-5 is {-5, 0, UPSTREAM}; n.*7 is {7, 0,
** DOWNSTREAM}; p.Arg408 is {408, 0, NONE, aa "Arg"}. */
typedef struct hgvs_pos {
  int64_t pos;                  /* as written (negative for c.-N) */
  int64_t offset;               /* intron offset: -2 in c.1066-2; 0 if none */
  hgvs_region region;           /* see above */
  unsigned char pos_unknown;    /* '?' stands for the number (pos is 0) */
  unsigned char offset_unknown; /* c.88+? / c.89-? (offset is +1 / -1) */
  unsigned char pter, qter;     /* chromosome ends g.pter / g.qter */
  char aa[4];                   /* p.: three-letter residue ("Arg", "Ter"); "" else */
} hgvs_pos;

/* One end of an interval: a position, or an uncertain range "(a_b)". */
typedef struct hgvs_bound {
  hgvs_pos lo;             /* the position; the first one of "(a_b)" */
  hgvs_pos hi;             /* == lo unless uncertain */
  unsigned char uncertain; /* written as (a_b) */
} hgvs_bound;

/* What the edit does. The names (hgvs_type_name) are HGVS's own words. */
typedef enum hgvs_type {
  HGVS_SUBSTITUTION = 0, /* c.1003C>T, p.Arg408Trp, p.Gln335Ter */
  HGVS_DELETION,         /* del */
  HGVS_DUPLICATION,      /* dup */
  HGVS_INSERTION,        /* ins */
  HGVS_DELINS,           /* delins (c.1A>T written as delinsT stays delins) */
  HGVS_INVERSION,        /* inv */
  HGVS_CONVERSION,       /* con */
  HGVS_REPEAT,           /* CAG[26], (a_b)[3] */
  HGVS_COPY,             /* copyN (a laboratory extension, biocommons) */
  HGVS_IDENTITY,         /* = : no change (c.123=, p.=, p.Arg408=, [=]) */
  HGVS_UNKNOWN,          /* ? : unknown (c.?, p.?, p.Met1?, [?]) */
  HGVS_NO_PROTEIN,       /* p.0 */
  HGVS_FRAMESHIFT,       /* p.Arg97Profs*23, p.Arg97fs */
  HGVS_EXTENSION         /* p.Ter110Glnext*17, p.Met1ext-5 */
} hgvs_type;
#define HGVS_NTYPES (HGVS_EXTENSION + 1)

/* Consequence, from the description alone (hgvs_consequence) or with the
** coding sequence (hgvs_annotate). Names: hgvs_consequence_name. */
typedef enum hgvs_csq {
  HGVS_CSQ_UNKNOWN = 0,     /* "unknown": c.?, g./m./o. without annotation */
  HGVS_CSQ_CODING,          /* "coding": a coding change whose protein effect
                               needs the sequence (hgvs_annotate) */
  HGVS_CSQ_MISSENSE,        /* "missense" */
  HGVS_CSQ_NONSENSE,        /* "nonsense" */
  HGVS_CSQ_SYNONYMOUS,      /* "synonymous" */
  HGVS_CSQ_FRAMESHIFT,      /* "frameshift" */
  HGVS_CSQ_START_LOSS,      /* "start_loss": any change of c.1-3 / p.Met1 */
  HGVS_CSQ_STOP_LOSS,       /* "stop_loss": p.Ter..ext, stop codon changed */
  HGVS_CSQ_INFRAME_DEL,     /* "inframe_deletion" */
  HGVS_CSQ_INFRAME_INS,     /* "inframe_insertion" (ins and dup) */
  HGVS_CSQ_INFRAME_DELINS,  /* "inframe_delins" */
  HGVS_CSQ_SPLICE_SITE,     /* "splice_site": intron offset +-1 or +-2 */
  HGVS_CSQ_INTRONIC,        /* "intronic": other intron offsets */
  HGVS_CSQ_UTR5,            /* "utr5" */
  HGVS_CSQ_UTR3,            /* "utr3" */
  HGVS_CSQ_NONCODING,       /* "noncoding": n. exonic */
  HGVS_CSQ_NO_CHANGE,       /* "no_change": c.123=, [=] */
  HGVS_CSQ_NO_PROTEIN,      /* "no_protein": p.0 */
  HGVS_CSQ_N_EXTENSION      /* "n_terminal_extension": p.Met1ext-5 */
} hgvs_csq;
#define HGVS_NCSQ (HGVS_CSQ_N_EXTENSION + 1)

/* One change. Spans point into the owning hgvs_result's text. */
typedef struct hgvs_variant {
  hgvs_span raw;           /* this change as written in the input */
  hgvs_span reference;     /* "NM_001875.5", "NG_012232.1(NM_004006.1)"; empty if none */
  hgvs_span hgvs;          /* normal form of the whole change with its reference:
                              upper-case DNA, three-letter protein codes, "Ter",
                              fs*N -> fsTer N; see docs/hgvs.md */
  hgvs_coord coord;        /* c g n m o r p */
  hgvs_type type;          /* the edit */
  hgvs_bound start;        /* first position */
  hgvs_bound stop;         /* last position; == start when not a range */
  unsigned char is_range;  /* written a_b */
  unsigned char predicted; /* written in parentheses: p.(Arg408Trp) */
  hgvs_span ref;           /* deleted/replaced/duplicated sequence as
                              written (DNA upper-case, RNA lower-case,
                              protein three-letter): "C" in c.1003C>T,
                              "Arg" in p.Arg408Trp, "ACT" in delACT, "CTG"
                              in dupCTG; empty if not given */
  hgvs_span alt;           /* new sequence: "T" in C>T, inserted material
                              ("AGG", "[T;401_419]"), repeat units
                              ("CAG[26]"), "Trp", the new residue of fs/ext
                              ("Pro" in Arg97Profs) */
  int64_t ref_length;      /* bases (or residues) of the reference stretch
                              the change replaces (a deletion's deleted
                              bases; a dup's duplicated stretch); -1 unknown */
  int64_t alt_length;      /* bases (or residues) that replace it (0 for a
                              deletion, twice the stretch for a dup; see
                              docs/hgvs.md § Lengths); -1 unknown */
  int64_t length_change;   /* alt_length - ref_length; meaningful when
                              has_length_change (also set without the two
                              lengths: inv, '=' give 0, p. ext*N / ext-N
                              give the residues added) */
  unsigned char has_length_change;
  int64_t term;            /* fs*N / ext*N: N; ext-N: -N; 0 if absent */
  unsigned char term_unknown; /* fs*? / ext*? */
  int64_t repeat_count;    /* [N] of a repeat / copyN; 0 if none */
  hgvs_csq consequence;    /* hgvs_consequence(), filled by the parser */
  unsigned char allele;    /* 0 plain; 1, 2, ... the allele in a genotype */
  unsigned char no_position; /* written without a position: p.=, p.?, p.0,
                              c.?, an allele [=] / [?] / [0]; start and stop
                              then have pos_unknown set and mean nothing */
  hgvs_span edit;          /* normal form of the edit after the positions:
                              "C>T", "del", "delinsC", "ProfsTer23", "Trp" */
} hgvs_variant;

/* Phase of the alleles in a genotype description. */
typedef enum hgvs_phase {
  HGVS_PHASE_NONE = 0, /* a single variant, or one allele [a;b] (cis) */
  HGVS_PHASE_TRANS,    /* [a];[b]: on different chromosomes */
  HGVS_PHASE_UNKNOWN   /* [a(;)b]: phase unknown */
} hgvs_phase;

/* Options of hgvs_parse. Zero-initialise, then set what you need. */
typedef struct hgvs_options {
  unsigned char lenient; /* accept the common author mistakes (docs/hgvs.md)
                            and say in `correction` what was corrected */
} hgvs_options;

typedef enum hgvs_kind {
  HGVS_KIND_VARIANT = 0, /* one change: variants[0] */
  HGVS_KIND_GENOTYPE     /* alleles: variants[0 .. nvariants) with .allele set */
} hgvs_kind;

/* The result of one parse. ~13 KiB; reuse one per thread: hgvs_parse
** overwrites every field it reads back. */
typedef struct hgvs_result {
  hgvs_kind kind;                  /* variant or genotype */
  hgvs_phase phase;                /* genotype: how the alleles relate */
  int nalleles;                    /* genotype: alleles written (1 for [a;b]) */
  int nvariants;                   /* changes in variants[] */
  hgvs_variant variants[PW_HGVS_MAX_VARIANTS];
  hgvs_span raw;                   /* the whole input */
  hgvs_span hgvs;                  /* the whole input's normal form */
  char correction[HGVS_MSG_SIZE];  /* lenient: "" or what was corrected, e.g.
                                      "legacy notation C1003T written as c.1003C>T" */
  size_t error_pos;                /* failure: characters read before the
                                      first wrong one (0-based offset) */
  char error[HGVS_MSG_SIZE];       /* failure: the full message, e.g.
                                      "hgvs: 'c.1003C>' at 8: expected a nucleotide" */
  uint32_t textlen;                /* bytes used in text */
  char text[HGVS_TEXT_SIZE];       /* backing store of every span */
} hgvs_result;

/* Parse `s` (n bytes; need not be NUL-terminated). Returns 1 and fills
** r, or 0 and sets r->error / r->error_pos. Strict by default: the author
** mistakes of docs/hgvs.md fail with a hint naming the corrected form
** ("... (did you mean 'c.1003C>T'?)"). Never allocates; thread-safe. */
int hgvs_parse(const char *s, size_t n, const hgvs_options *opt, hgvs_result *r);

/* A span's bytes (NUL-terminated) */
static inline const char *hgvs_str(const hgvs_result *r, hgvs_span sp) {
  return r->text + sp.off;
}

/* The consequence a description implies without sequence (docs/hgvs.md
** lists the rules). */
hgvs_csq hgvs_consequence(const hgvs_variant *v, const hgvs_result *r);

const char *hgvs_type_name(hgvs_type t);        /* "substitution", "delins", ... */
const char *hgvs_consequence_name(hgvs_csq c);  /* "missense", "splice_site", ... */
const char *hgvs_region_name(hgvs_region g);    /* "", "cds", "utr5", "utr3",
                                                   "upstream", "downstream" */

/* ---- codons and annotation (hgvs_aa.c, hgvs_codon.c) ---- */

/* The standard genetic code: the one-letter amino acid of a codon of
** three DNA or RNA bases (either case; U = T), '*' for a stop, 0 when a
** base is not A/C/G/T/U. */
char hgvs_translate_codon(const char codon[3]);

/* The three-letter code of an upper-case one-letter amino acid: the 20
** standard, B Asx, Z Glx, U Sec; '*' and 'X' -> "Ter" (X is the legacy stop
** of "Q335X"); NULL for anything else. */
const char *hgvs_aa3(char aa1);

/* The one-letter code of a three-letter one, case-sensitive ("Ter" -> '*',
** "Asx" -> 'B'), or 0 (also for "Xaa", whose X would read back as a stop). */
char hgvs_aa1(const char *aa3);

/* What a coding change does to the protein, given the coding sequence
** (cds[0] is c.1). Filled by hgvs_annotate. */
typedef struct hgvs_protein {
  hgvs_csq consequence;   /* missense, nonsense, synonymous, start_loss, stop_loss, ... */
  int64_t codon;          /* codon number (p. position) */
  char ref_codon[4];      /* e.g. "CAG" */
  char alt_codon[4];      /* e.g. "TAG" */
  char ref_aa[4];         /* three-letter: "Gln" */
  char alt_aa[4];         /* three-letter: "Ter" */
  char hgvs_p[64];        /* "p.(Gln335Ter)" (predicted, so in parentheses) */
} hgvs_protein;

/* Annotate a coding substitution c.N X>Y (N inside the CDS, no intron
** offset) against `cds` (len bytes of A/C/G/T, either case). Returns 1
** and fills out; 0 with msg set ("hgvs: reference base mismatch at c.1003:
** the description says C, the sequence has G", or "... only coding
** substitutions can be annotated ...", or position past the end). */
int hgvs_annotate(const hgvs_variant *v, const hgvs_result *r, const char *cds,
                  size_t len, hgvs_protein *out, char msg[HGVS_MSG_SIZE]);

/* ---- base-editing chemistry (hgvs_editing.c) ---- */

/* Which base editor could revert a pathogenic single-base change. */
typedef struct hgvs_editing {
  unsigned char snv;             /* a single-base DNA/RNA substitution */
  unsigned char transition;      /* purine<->purine or pyrimidine<->pyrimidine */
  unsigned char transversion;    /* purine<->pyrimidine */
  unsigned char abe_correctable; /* G>A or C>T: an adenine base editor
                                    (A.T -> G.C) restores the reference */
  unsigned char cbe_correctable; /* A>G or T>C: a cytosine base editor
                                    (C.G -> T.A) restores the reference */
} hgvs_editing;

/* Classify v (all zero unless v is a single-base substitution). */
hgvs_editing hgvs_editing_of(const hgvs_variant *v, const hgvs_result *r);

/* A protospacer that puts the target base inside the editing window. */
typedef struct editing_site {
  char strand;          /* '+' (the sequence as given) or '-' */
  int64_t start;        /* 1-based position in seq of the protospacer's 5'
                           end on its strand's reading (for '-', the highest
                           coordinate it covers) */
  int64_t pam_start;    /* 1-based position in seq of the PAM's first base
                           (on '-', the highest coordinate) */
  int target_index;     /* 1-based index of the target in the protospacer,
                           counted from its PAM-distal (5') end */
  char protospacer[64]; /* 5'->3' on its strand, upper case, NUL-terminated */
  char pam[16];         /* the bases under the PAM, 5'->3' on its strand, upper case */
  char target_base;     /* the target's base read on that strand */
  unsigned char editable; /* target_base is the editor's substrate
                             (A for ABE, C for CBE) */
  int bystanders;       /* other substrate bases inside the window (all counted) */
  int bystander_index[32]; /* their 1-based protospacer indexes, ascending; the
                              first 32 when a wide window holds more */
} editing_site;

typedef enum editing_editor { EDITING_ABE = 0, EDITING_CBE } editing_editor;

/* Parameters of editing_sites; defaults in brackets. */
typedef struct editing_params {
  const char *pam;            /* IUPAC PAM 5'->3', 3' of the protospacer ["NGG"] */
  int window_lo, window_hi;   /* editing window, protospacer indexes [4, 8] */
  int protospacer_len;        /* [20], at most 60 */
  editing_editor editor;      /* [EDITING_ABE] */
} editing_params;

/* Every protospacer on either strand of seq (len bases of A/C/G/T/N, either
** case; IUPAC codes allowed in pam only) whose window holds position pos
** (1-based) and whose PAM matches: '+' sites first, then '-', each by start
** ascending. A site whose protospacer or PAM covers an N is not a site.
** Writes at most cap sites; returns how many exist (may exceed
** cap), or -1 with msg set for bad arguments (pos outside seq, a PAM with
** a non-IUPAC letter, window outside the protospacer, bad bases in seq). */
long editing_sites(const char *seq, size_t len, int64_t pos, const editing_params *p,
                   editing_site *out, size_t cap, char msg[HGVS_MSG_SIZE]);

#endif
