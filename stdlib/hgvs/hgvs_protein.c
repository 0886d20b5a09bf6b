/* hgvs_protein.c: p. descriptions: residues in three- or one-letter code,
** substitutions, del, dup, ins, delins, fs, ext, repeats, '=', '?', '0',
** and predicted "(...)". Residues are written three-letter (stop "Ter"). */
#include <string.h>

#include "hgvs_internal.h"

/* Residue styles: a sequence is all one-letter or all three-letter. */
enum { AA_ANY = 0, AA_ONE = 1, AA_THREE = 3 };

/* One residue at the cursor: its three-letter code goes to out. Returns
** the style read, or 0 (nothing consumed). Xaa (unknown residue) is a
** three-letter code only: its one-letter X is the legacy stop. */
static int residue(hgvs_parser *p, char out[4], int style) {
  char a = hgvs_peek(p), b = hgvs_peek_at(p, 1), c = hgvs_peek_at(p, 2);
  if (style != AA_ONE && hgvs_is_upper(a) && hgvs_is_lower(b) && hgvs_is_lower(c)) {
    char code[4] = {a, b, c, 0};
    if (strcmp(code, "Ter") == 0 || strcmp(code, "Xaa") == 0 || hgvs_aa1(code) != 0) {
      memcpy(out, code, 4);
      p->i += 3;
      return AA_THREE;
    }
  }
  if (style != AA_THREE) {
    const char *three = a == '*' ? "Ter" : hgvs_is_upper(a) ? hgvs_aa3(a) : NULL;
    if (three != NULL) {
      memcpy(out, three, 4);
      p->i++;
      return AA_ONE;
    }
  }
  return 0;
}

/* Ambiguity codes: a new residue may be one, a reference residue not. */
static int ambiguous(const char *aa) {
  return strcmp(aa, "Asx") == 0 || strcmp(aa, "Glx") == 0 || strcmp(aa, "Xaa") == 0;
}

/* A position: residue and number ("Arg408", "R408", "*110"). */
static int ppos(hgvs_parser *p, hgvs_pos *pos) {
  memset(pos, 0, sizeof *pos);
  size_t at = p->i;
  if (!residue(p, pos->aa, AA_ANY) || ambiguous(pos->aa))
    return hgvs_fail(p, at, "expected an amino acid");
  at = p->i;
  if (!hgvs_number(p, &pos->pos, "expected a position"))
    return 0;
  if (pos->pos == 0)
    return hgvs_fail(p, at, "there is no position 0");
  return 1;
}

/* Residues written three-letter at the open string; a stop ends the
** sequence. Returns how many; *ter is set if the last is a stop. */
static size_t aa_seq(hgvs_parser *p, int *ter) {
  char code[4];
  int style = AA_ANY;
  size_t k = 0;
  *ter = 0;
  while (!*ter) {
    int got = residue(p, code, style);
    if (!got)
      break;
    style = got;
    k++;
    hgvs_put(p, code, 3);
    *ter = strcmp(code, "Ter") == 0;
  }
  return k;
}

/* The edit span: `alt` (may be empty), `word`, then the stop term of
** fs / ext as parsed into v. */
static void term_edit(hgvs_parser *p, hgvs_variant *v, const char *word, int has_ter) {
  uint32_t m = hgvs_mark(p);
  hgvs_put_span(p, v->alt);
  hgvs_puts(p, word);
  if (v->term < 0) {
    hgvs_put_int(p, v->term);
  } else if (has_ter) {
    hgvs_puts(p, "Ter");
    if (v->term_unknown)
      hgvs_putc(p, '?');
    else if (v->term > 0)
      hgvs_put_int(p, v->term);
  }
  v->edit = hgvs_end(p, m);
}

/* After "fs" or "ext": an optional stop (Ter, *, X) with its position
** (N or ?); for ext also "-N" (a new start N residues upstream). */
static int stop_term(hgvs_parser *p, hgvs_variant *v, int ext, int *has_ter) {
  *has_ter = 0;
  if (ext && hgvs_peek(p) == '-') {
    p->i++;
    size_t at = p->i;
    if (!hgvs_number(p, &v->term, "expected the position of the new start"))
      return 0;
    if (v->term == 0)
      return hgvs_fail(p, at, "there is no position 0");
    v->term = -v->term;
    return 1;
  }
  if (!hgvs_accept(p, "Ter") && !hgvs_accept_char(p, '*') && !hgvs_accept_char(p, 'X'))
    return 1;
  *has_ter = 1;
  if (hgvs_accept_char(p, '?')) {
    v->term_unknown = 1;
  } else if (hgvs_is_digit(hgvs_peek(p))) {
    size_t at = p->i;
    if (!hgvs_number(p, &v->term, "expected a position"))
      return 0;
    if (v->term == 0)
      return hgvs_fail(p, at, "there is no position 0");
  }
  return 1;
}

/* fs or ext after the position and the optional new residue (v->alt). */
static int shift_or_extension(hgvs_parser *p, hgvs_variant *v, int ext, size_t at) {
  int has_ter;
  if (v->is_range)
    return hgvs_fail(p, at,
                     ext ? "an extension starts at one position"
                         : "a frameshift starts at one position");
  if (!stop_term(p, v, ext, &has_ter))
    return 0;
  v->type = ext ? HGVS_EXTENSION : HGVS_FRAMESHIFT;
  term_edit(p, v, ext ? "ext" : "fs", has_ter);
  hgvs_set_lengths(v, -1, -1);
  if (ext && (v->term != 0 && !v->term_unknown)) {
    v->has_length_change = 1;
    v->length_change = v->term < 0 ? -v->term : v->term;
  }
  return 1;
}

/* Inserted residues (ins, delins) into v->alt; *len their number. */
static int inserted(hgvs_parser *p, hgvs_variant *v, int64_t *len) {
  uint32_t m = hgvs_mark(p);
  int ter;
  size_t k = aa_seq(p, &ter);
  if (k == 0)
    return hgvs_fail(p, p->i, "expected an amino acid");
  *len = (int64_t)k;
  v->alt = hgvs_end(p, m);
  return 1;
}

/* "ins23": a number of unspecified residues. */
static int ins_count(hgvs_parser *p, hgvs_variant *v) {
  int64_t len;
  if (!hgvs_number(p, &len, "expected a number of amino acids"))
    return 0;
  uint32_t m = hgvs_mark(p);
  hgvs_puts(p, "ins");
  hgvs_put_int(p, len);
  v->edit = hgvs_end(p, m);
  v->type = HGVS_INSERTION;
  return hgvs_set_lengths(v, 0, len);
}

/* Word edits: del, dup, ins, delins. Returns -1 when none is there. */
static int word_edit(hgvs_parser *p, hgvs_variant *v, int64_t L, size_t at) {
  int64_t len;
  const char *word = NULL;
  if (hgvs_accept(p, "delins")) {
    if (!inserted(p, v, &len))
      return 0;
    v->type = HGVS_DELINS;
    word = "delins";
    hgvs_set_lengths(v, L, len);
  } else if (hgvs_accept(p, "del")) {
    v->type = HGVS_DELETION;
    word = "del";
    hgvs_set_lengths(v, L, 0);
  } else if (hgvs_accept(p, "dup")) {
    v->type = HGVS_DUPLICATION;
    word = "dup";
    hgvs_set_lengths(v, L, L < 0 ? -1 : 2 * L);
  } else if (hgvs_accept(p, "ins")) {
    if (!v->is_range)
      return hgvs_fail(p, at, "an insertion is written between two positions (a_b)");
    if (hgvs_is_digit(hgvs_peek(p)))
      return ins_count(p, v);
    if (!inserted(p, v, &len))
      return 0;
    v->type = HGVS_INSERTION;
    word = "ins";
    hgvs_set_lengths(v, 0, len);
  } else {
    return -1;
  }
  uint32_t m = hgvs_mark(p);
  hgvs_puts(p, word);
  hgvs_put_span(p, v->alt);
  v->edit = hgvs_end(p, m);
  return 1;
}

/* A one-character edit: '=', '?', or a repeat "[N]". -1 when none. */
static int mark_edit(hgvs_parser *p, hgvs_variant *v, int64_t L) {
  char c = hgvs_peek(p);
  uint32_t m = hgvs_mark(p);
  if (c == '=') {
    p->i++;
    if (hgvs_peek(p) == '/')
      return hgvs_fail(p, p->i - 1,
                       "mosaic and chimeric descriptions (=/ and =//) are not supported");
    v->type = HGVS_IDENTITY;
    hgvs_putc(p, '=');
    hgvs_set_lengths(v, L, L);
  } else if (c == '?') {
    p->i++;
    v->type = HGVS_UNKNOWN;
    hgvs_putc(p, '?');
    hgvs_set_lengths(v, -1, -1);
  } else if (c == '[') {
    p->i++;
    if (!hgvs_number(p, &v->repeat_count, "expected a repeat count"))
      return 0;
    if (!hgvs_accept_char(p, ']'))
      return hgvs_fail(p, p->i, "expected ']'");
    v->type = HGVS_REPEAT;
    hgvs_putc(p, '[');
    hgvs_put_int(p, v->repeat_count);
    hgvs_putc(p, ']');
    hgvs_set_lengths(v, -1, -1);
  } else {
    return -1;
  }
  v->edit = hgvs_end(p, m);
  return 1;
}

/* The edit after the position(s). */
static int p_edit(hgvs_parser *p, hgvs_variant *v) {
  int64_t L = hgvs_interval_length(v);
  size_t at = p->i;
  int done = word_edit(p, v, L, at);
  if (done < 0)
    done = mark_edit(p, v, L);
  if (done >= 0)
    return done;
  if (hgvs_accept(p, "fs"))
    return shift_or_extension(p, v, 0, at);
  if (hgvs_accept(p, "ext"))
    return shift_or_extension(p, v, 1, at);
  char code[4];
  uint32_t m = hgvs_mark(p);
  if (!residue(p, code, AA_ANY))
    return hgvs_fail(p, at, "expected an amino acid or an edit");
  hgvs_put(p, code, 3);
  v->alt = hgvs_end(p, m);
  if (hgvs_accept(p, "fs"))
    return shift_or_extension(p, v, 0, at);
  if (hgvs_accept(p, "ext"))
    return shift_or_extension(p, v, 1, at);
  if (v->is_range)
    return hgvs_fail(p, at, "a substitution changes one amino acid (write delins)");
  if (strcmp(code, v->start.lo.aa) == 0)
    return hgvs_fail(p, at, "a substitution changes the amino acid (write '=')");
  v->type = HGVS_SUBSTITUTION;
  v->edit = v->alt;
  return hgvs_set_lengths(v, 1, 1);
}

/* A body without predicted parentheses. */
static int p_body(hgvs_parser *p, hgvs_variant *v, int predicted) {
  char c = hgvs_peek(p);
  uint32_t m = hgvs_mark(p);
  if (c == '=' || (!predicted && (c == '?' || c == '0'))) {
    v->no_position = 1;
    v->start.lo.pos_unknown = v->start.hi.pos_unknown = 1;
    v->stop = v->start;
    if (c == '=') {
      int done = mark_edit(p, v, -1);
      v->length_change = 0;
      v->has_length_change = 1;
      return done;
    }
    p->i++;
    hgvs_putc(p, c);
    v->type = c == '?' ? HGVS_UNKNOWN : HGVS_NO_PROTEIN;
    if (c == '0' && hgvs_accept_char(p, '?'))
      hgvs_putc(p, '?');
    v->edit = hgvs_end(p, m);
    return hgvs_set_lengths(v, -1, -1);
  }
  if (!ppos(p, &v->start.lo))
    return 0;
  v->start.hi = v->start.lo;
  v->stop = v->start;
  if (hgvs_accept_char(p, '_')) {
    size_t at = p->i;
    if (!ppos(p, &v->stop.lo))
      return 0;
    v->stop.hi = v->stop.lo;
    v->is_range = 1;
    if (v->stop.lo.pos <= v->start.lo.pos)
      return hgvs_fail(p, at, "the range ends before it starts");
  } else {
    uint32_t r = hgvs_mark(p);
    hgvs_puts(p, v->start.lo.aa);
    v->ref = hgvs_end(p, r);
  }
  return p_edit(p, v);
}

int hgvs_protein_body(hgvs_parser *p, hgvs_variant *v) {
  if (!hgvs_accept_char(p, '('))
    return p_body(p, v, 0);
  v->predicted = 1;
  if (!p_body(p, v, 1))
    return 0;
  if (!hgvs_accept_char(p, ')'))
    return hgvs_fail(p, p->i, "expected ')'");
  return 1;
}
