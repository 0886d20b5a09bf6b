/* hgvs_editing.c: base-editing chemistry of a single-base change and the
** protospacers that put a base inside an editor's window
** (docs/base-editing.md). */
#include "hgvs_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Longest protospacer editing_sites accepts (editing_site.protospacer
** holds it and its NUL). */
#define EDITING_MAX_PROTOSPACER 60

/* Longest PAM editing_sites accepts (editing_site.pam holds it and its NUL). */
#define EDITING_MAX_PAM 15

/* Defaults of editing_params: SpCas9's PAM, protospacer and the window
** where ABE8e and BE4max edit most (protospacer positions 4 to 8). */
#define EDITING_DEFAULT_PAM "NGG"
#define EDITING_DEFAULT_LEN 20
#define EDITING_DEFAULT_LO 4
#define EDITING_DEFAULT_HI 8

/* ------------------------------------------------------------ chemistry */

/* A DNA or RNA base as A/C/G/T (upper case; u/U read as T when rna), or 0. */
static char nucleotide(char b, int rna) {
  char u = (char)toupper((unsigned char)b);
  if (rna && u == 'U')
    return 'T';
  return (u == 'A' || u == 'C' || u == 'G' || u == 'T') ? u : 0;
}

static int is_purine(char b) {
  return b == 'A' || b == 'G';
}

/* Only nucleotide coordinates: every one but p. */
static int nucleotide_coord(hgvs_coord c) {
  return c == HGVS_COORD_C || c == HGVS_COORD_G || c == HGVS_COORD_N ||
         c == HGVS_COORD_M || c == HGVS_COORD_O || c == HGVS_COORD_R;
}

/* The chemistry is symmetric in the strands: a G>A written on one strand
** is a C>T on the other, and both leave an A.T pair where G.C was, which
** an adenine base editor turns back. So the four "ABE" changes are G>A and
** C>T, and the four "CBE" changes A>G and T>C (U for RNA). */
hgvs_editing hgvs_editing_of(const hgvs_variant *v, const hgvs_result *r) {
  hgvs_editing e;
  memset(&e, 0, sizeof e);
  if (v == NULL || r == NULL || !nucleotide_coord(v->coord) ||
      v->type != HGVS_SUBSTITUTION || v->is_range || v->ref.len != 1 || v->alt.len != 1)
    return e;
  int rna = v->coord == HGVS_COORD_R;
  char ref = nucleotide(hgvs_str(r, v->ref)[0], rna);
  char alt = nucleotide(hgvs_str(r, v->alt)[0], rna);
  if (ref == 0 || alt == 0 || ref == alt)
    return e;
  e.snv = 1;
  e.transition = is_purine(ref) == is_purine(alt);
  e.transversion = !e.transition;
  e.abe_correctable = (ref == 'G' && alt == 'A') || (ref == 'C' && alt == 'T');
  e.cbe_correctable = (ref == 'A' && alt == 'G') || (ref == 'T' && alt == 'C');
  return e;
}

/* ------------------------------------------------------- editing sites */

/* editing_params with the defaults applied and checked. */
typedef struct site_params {
  const char *pam; /* IUPAC PAM, 5'->3' */
  int pam_len;     /* its length, 1..EDITING_MAX_PAM */
  int len;         /* protospacer length, 1..EDITING_MAX_PROTOSPACER */
  int lo, hi;      /* editing window, 1 <= lo <= hi <= len */
  char substrate;  /* the editor's substrate base: 'A' (ABE) or 'C' (CBE) */
} site_params;

/* Bits of the four bases in an IUPAC mask. */
enum { BASE_A = 1, BASE_C = 2, BASE_G = 4, BASE_T = 8 };

/* The IUPAC nucleotide codes (NC-IUB, 1985) and the bases each stands for. */
static const struct {
  char code;           /* upper-case letter */
  unsigned char bases; /* BASE_* bits */
} iupac_codes[] = {
    {'A', BASE_A},
    {'C', BASE_C},
    {'G', BASE_G},
    {'T', BASE_T},
    {'R', BASE_A | BASE_G},          /* purine */
    {'Y', BASE_C | BASE_T},          /* pyrimidine */
    {'S', BASE_C | BASE_G},          /* strong */
    {'W', BASE_A | BASE_T},          /* weak */
    {'K', BASE_G | BASE_T},          /* keto */
    {'M', BASE_A | BASE_C},          /* amino */
    {'B', BASE_C | BASE_G | BASE_T}, /* not A */
    {'D', BASE_A | BASE_G | BASE_T}, /* not C */
    {'H', BASE_A | BASE_C | BASE_T}, /* not G */
    {'V', BASE_A | BASE_C | BASE_G}, /* not T */
    {'N', BASE_A | BASE_C | BASE_G | BASE_T},
};

/* The BASE_* mask of an IUPAC code (either case), 0 for any other byte. */
static int iupac_mask(char c) {
  char u = (char)toupper((unsigned char)c);
  for (size_t i = 0; i < sizeof iupac_codes / sizeof iupac_codes[0]; i++)
    if (iupac_codes[i].code == u)
      return iupac_codes[i].bases;
  return 0;
}

static char complement(char b) {
  switch (b) {
  case 'A':
    return 'T';
  case 'C':
    return 'G';
  case 'G':
    return 'C';
  case 'T':
    return 'A';
  default:
    return 'N';
  }
}

/* Apply the defaults of editing_params and check the result. */
static int resolve_params(const editing_params *p, site_params *sp, char *msg) {
  editing_params d;
  memset(&d, 0, sizeof d);
  if (p != NULL)
    d = *p;
  sp->pam = d.pam != NULL ? d.pam : EDITING_DEFAULT_PAM;
  sp->len = d.protospacer_len != 0 ? d.protospacer_len : EDITING_DEFAULT_LEN;
  sp->lo = d.window_lo != 0 ? d.window_lo : EDITING_DEFAULT_LO;
  sp->hi = d.window_hi != 0 ? d.window_hi : EDITING_DEFAULT_HI;
  size_t n = strlen(sp->pam);
  if (n < 1 || n > EDITING_MAX_PAM) {
    snprintf(msg, HGVS_MSG_SIZE, "editing: the PAM must be 1 to %d bases long, got %zu",
             EDITING_MAX_PAM, n);
    return 0;
  }
  for (size_t i = 0; i < n; i++) {
    if (iupac_mask(sp->pam[i]) == 0) {
      snprintf(msg, HGVS_MSG_SIZE,
               "editing: PAM '%s': character %zu is not an IUPAC nucleotide code "
               "(A C G T R Y S W K M B D H V N)",
               sp->pam, i + 1);
      return 0;
    }
  }
  sp->pam_len = (int)n;
  if (sp->len < 1 || sp->len > EDITING_MAX_PROTOSPACER) {
    snprintf(msg, HGVS_MSG_SIZE,
             "editing: the protospacer length must be 1 to %d, got %d",
             EDITING_MAX_PROTOSPACER, sp->len);
    return 0;
  }
  if (sp->lo < 1 || sp->lo > sp->hi || sp->hi > sp->len) {
    snprintf(msg, HGVS_MSG_SIZE,
             "editing: the editing window %d..%d must lie within the protospacer "
             "(1 <= lo <= hi <= %d)",
             sp->lo, sp->hi, sp->len);
    return 0;
  }
  if (d.editor != EDITING_ABE && d.editor != EDITING_CBE) {
    snprintf(msg, HGVS_MSG_SIZE, "editing: unknown editor %d (expected ABE or CBE)",
             (int)d.editor);
    return 0;
  }
  sp->substrate = d.editor == EDITING_ABE ? 'A' : 'C';
  return 1;
}

/* seq must be A/C/G/T/N (either case) and pos inside it. */
static int check_seq(const char *seq, size_t len, int64_t pos, char *msg) {
  if (seq == NULL || len == 0) {
    snprintf(msg, HGVS_MSG_SIZE, "editing: the sequence is empty");
    return 0;
  }
  if (pos < 1 || (uint64_t)pos > len) {
    snprintf(msg, HGVS_MSG_SIZE,
             "editing: position %lld is outside the sequence (1 to %zu)", (long long)pos,
             len);
    return 0;
  }
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)seq[i];
    if (strchr("ACGTN", toupper(c)) == NULL || c == '\0') {
      char shown[16];
      hgvs_show_byte(shown, c);
      snprintf(msg, HGVS_MSG_SIZE,
               "editing: the sequence has %s at position %zu, not A, C, G, T or N", shown,
               i + 1);
      return 0;
    }
  }
  return 1;
}

/* The base k steps 5'->3' from `from` (1-based) on the strand, upper case:
** seq itself on '+', the reverse complement on '-'. */
static char strand_base(const char *seq, int64_t from, char strand, int k) {
  if (strand == '+')
    return (char)toupper((unsigned char)seq[from - 1 + k]);
  return complement((char)toupper((unsigned char)seq[from - 1 - k]));
}

/* Read the protospacer and PAM starting at `start` on `strand` into site;
** 0 when they hold an N or the PAM does not match. */
static int read_site(const char *seq, int64_t start, char strand, const site_params *sp,
                     editing_site *site) {
  for (int k = 0; k < sp->len; k++) {
    char b = strand_base(seq, start, strand, k);
    if (b == 'N')
      return 0;
    site->protospacer[k] = b;
  }
  site->protospacer[sp->len] = '\0';
  for (int k = 0; k < sp->pam_len; k++) {
    char b = strand_base(seq, start, strand, sp->len + k);
    if (b == 'N' || (iupac_mask(b) & iupac_mask(sp->pam[k])) == 0)
      return 0;
    site->pam[k] = b;
  }
  site->pam[sp->pam_len] = '\0';
  return 1;
}

/* The site whose protospacer starts at `start` and holds the target at
** `index`, or 0 when it does not exist (off the sequence, N, no PAM). */
static int make_site(const char *seq, size_t len, int64_t start, char strand, int index,
                     const site_params *sp, editing_site *site) {
  int64_t span = sp->len + sp->pam_len; /* protospacer and PAM together */
  int64_t lo = strand == '+' ? start : start - span + 1;
  if (lo < 1 || lo + span - 1 > (int64_t)len)
    return 0;
  memset(site, 0, sizeof *site);
  if (!read_site(seq, start, strand, sp, site))
    return 0;
  site->strand = strand;
  site->start = start;
  site->pam_start = strand == '+' ? start + sp->len : start - sp->len;
  site->target_index = index;
  site->target_base = site->protospacer[index - 1];
  site->editable = site->target_base == sp->substrate;
  for (int j = sp->lo; j <= sp->hi; j++) {
    if (j == index || site->protospacer[j - 1] != sp->substrate)
      continue;
    int nb = site->bystanders++;
    if (nb < (int)(sizeof site->bystander_index / sizeof site->bystander_index[0]))
      site->bystander_index[nb] = j;
  }
  return 1;
}

/* '+' sites first, then '-', each by start ascending: on '+' the start
** pos - index + 1 grows as the index falls, on '-' pos + index - 1 grows
** with it. Sites past cap are counted, not written. */
long editing_sites(const char *seq, size_t len, int64_t pos, const editing_params *p,
                   editing_site *out, size_t cap, char msg[HGVS_MSG_SIZE]) {
  char scratch[HGVS_MSG_SIZE];
  site_params sp;
  if (msg == NULL)
    msg = scratch;
  msg[0] = '\0';
  if (!check_seq(seq, len, pos, msg) || !resolve_params(p, &sp, msg))
    return -1;
  if (out == NULL)
    cap = 0;
  long count = 0;
  editing_site site;
  for (int strand = 0; strand < 2; strand++) {
    for (int n = 0; n <= sp.hi - sp.lo; n++) {
      int index = strand == 0 ? sp.hi - n : sp.lo + n;
      int64_t start = strand == 0 ? pos - index + 1 : pos + index - 1;
      if (!make_site(seq, len, start, strand == 0 ? '+' : '-', index, &sp, &site))
        continue;
      if ((size_t)count < cap)
        out[count] = site;
      count++;
    }
  }
  return count;
}
