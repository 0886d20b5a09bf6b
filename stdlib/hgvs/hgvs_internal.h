/* hgvs_internal.h: what the parser's files share (hgvs_*.c only). */
#ifndef PW_STDLIB_HGVS_INTERNAL_H
#define PW_STDLIB_HGVS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "hgvs.h"

/* Largest number a position, offset, length or count may have: 15
** digits, so that interval arithmetic never overflows int64. */
#define HGVS_MAX_NUMBER INT64_C(999999999999999)

/* State of one parse of one text (the input, or a corrected copy of it).
** Lives on the C stack of hgvs_parse; owns nothing. */
typedef struct hgvs_parser {
  const char *s;           /* the text being parsed */
  size_t n;                /* its length */
  size_t i;                /* cursor: bytes consumed so far */
  hgvs_result *r;          /* where variants and strings go */
  hgvs_coord coord;        /* coordinate of the description */
  hgvs_span reference;     /* its reference ("" if none), in r->text */
  unsigned char lower_ok;  /* lenient: lower-case DNA bases are accepted */
  unsigned char saw_lower; /* ... and at least one was read */
  unsigned char overflow;  /* r->text ran out: the normal form is too long */
  size_t err_pos;          /* failure: offset of the first wrong byte */
  const char *err;         /* failure: what was expected (static text) */
} hgvs_parser;

/* ------------------------------------------------ scanning (hgvs_scan.c) */

/* The byte at the cursor, or 0 at the end (a NUL byte inside the input
** is never valid, so 0 cannot be mistaken for a token). */
static inline char hgvs_peek(const hgvs_parser *p) {
  return p->i < p->n ? p->s[p->i] : 0;
}

/* The byte k past the cursor, or 0 past the end. */
static inline char hgvs_peek_at(const hgvs_parser *p, size_t k) {
  return p->i + k < p->n ? p->s[p->i + k] : 0;
}

static inline int hgvs_is_digit(char c) {
  return c >= '0' && c <= '9';
}

static inline int hgvs_is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

static inline int hgvs_is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

/* Record a failure at offset pos ("expected ..."); returns 0. */
int hgvs_fail(hgvs_parser *p, size_t pos, const char *what);

/* Consume `word` if the text at the cursor starts with it. */
int hgvs_accept(hgvs_parser *p, const char *word);

/* Consume character c if it is at the cursor. */
int hgvs_accept_char(hgvs_parser *p, char c);

/* Read an unsigned decimal number (at least one digit, at most
** HGVS_MAX_NUMBER). Returns 1, or 0 with an error when there is no digit
** (`what` is the message) or the number is too large. */
int hgvs_number(hgvs_parser *p, int64_t *out, const char *what);

/* Length of the accession at the cursor (a letter, then letters and
** digits with single '_' between them, then optionally '.' and digits),
** or 0. Does not consume. */
size_t hgvs_accession_len(const hgvs_parser *p);

/* Length of a reference at the cursor: an accession and an optional
** parenthesised selector (an accession or a gene symbol). 0 if none. */
size_t hgvs_reference_len(const hgvs_parser *p);

/* ---- r->text, an append-only store; r->text[0] is always NUL ---- */

/* Offset where the next string starts. */
static inline uint32_t hgvs_mark(const hgvs_parser *p) {
  return p->r->textlen;
}

void hgvs_put(hgvs_parser *p, const char *s, size_t n);
void hgvs_putc(hgvs_parser *p, char c);
void hgvs_puts(hgvs_parser *p, const char *s);
void hgvs_put_int(hgvs_parser *p, int64_t v);

/* Close the string begun at `start` (NUL-terminate it) and return its
** span; an empty string gives the empty span {0, 0}. */
hgvs_span hgvs_end(hgvs_parser *p, uint32_t start);

/* Copy the span into a fresh string (when a span must be repeated). */
void hgvs_put_span(hgvs_parser *p, hgvs_span sp);

/* ------------------------------------------ positions (hgvs_pos.c) */

/* Parse an interval (a_b, a, (a_b)_(c_d), ...) of the current coordinate
** into v->start, v->stop, v->is_range, and check its order. */
int hgvs_interval(hgvs_parser *p, hgvs_variant *v);

/* Parse a range of coordinate c ("a", "a_b", "(a_b)_c", ...); when
** `ordered`, a range that ends before it starts is an error (inserted
** material may be written backwards: "g.188411550_pterinv"). */
int hgvs_range(hgvs_parser *p, hgvs_coord c, hgvs_bound *start, hgvs_bound *stop,
               unsigned char *is_range, int ordered);

/* Bases from start to stop (see hgvs_interval_length). */
int64_t hgvs_range_length(const hgvs_bound *start, const hgvs_bound *stop, int is_range);

/* Parse one position of coordinate c (no aa for p.). */
int hgvs_position(hgvs_parser *p, hgvs_coord c, hgvs_pos *pos);

/* Bases (residues for p.) from start to stop, or -1 when the positions
** do not tell (docs/hgvs.md § Lengths). */
int64_t hgvs_interval_length(const hgvs_variant *v);

/* Compare two positions: 1 with *cmp < 0, 0 or > 0 when comparable. */
int hgvs_pos_cmp(const hgvs_pos *a, const hgvs_pos *b, int *cmp);

/* ---------------------------------------------- edits (hgvs_edit.c) */

/* Parse the DNA/RNA edit after an interval into v (type, ref, alt, edit,
** lengths, repeat_count). */
int hgvs_na_edit(hgvs_parser *p, hgvs_variant *v);

/* Read a DNA or RNA sequence (per p->coord) at the cursor into r->text,
** normalised; returns its length (0 if none). */
size_t hgvs_na_seq(hgvs_parser *p);

/* ----------------------------------------- protein (hgvs_protein.c) */

/* Parse a p. body (after "p.", or inside an allele's brackets). */
int hgvs_protein_body(hgvs_parser *p, hgvs_variant *v);

/* ----------------------------------------- the whole (hgvs_parse.c) */

/* Reset v to an empty change of the current reference and coordinate. */
void hgvs_variant_init(hgvs_parser *p, hgvs_variant *v);

/* Parse one change's body (no reference, no coordinate) into v: a
** position-less '=' / '?' or a located edit; r. and p. may be predicted. */
int hgvs_body(hgvs_parser *p, hgvs_variant *v);

/* Parse a whole description of p->s into p->r (no lenient corrections);
** formats the normal forms and consequences on success. */
int hgvs_parse_text(hgvs_parser *p);

/* --------------------------------------- alleles (hgvs_allele.c) */

/* Parse "[...]" or "[...];[...]" after the coordinate. */
int hgvs_alleles(hgvs_parser *p);

/* ------------------------------------------ normal form (hgvs_format.c) */

/* Write the normal form of v's body (positions and edit). */
void hgvs_format_body(hgvs_parser *p, const hgvs_variant *v);

/* Write "REFERENCE:" (if any) and "c." for the parser's description. */
void hgvs_format_prefix(hgvs_parser *p);

/* Fill v->hgvs of every variant and r->hgvs. */
void hgvs_format_result(hgvs_parser *p);

/* Write s[0..n) into out (cap bytes) for a message: control and
** non-ASCII bytes as \xNN, at most 64 input bytes, then "...". */
void hgvs_escape(char *out, size_t cap, const char *s, size_t n);

/* Set v's ref_length and alt_length (-1: unknown) and, when both are
** known, length_change. Returns 1 (so an edit parser can end with it). */
int hgvs_set_lengths(hgvs_variant *v, int64_t ref, int64_t alt);

/* One byte of a sequence for a message: "'X'" when printable ASCII, else
** "byte 0xNN" (the codon and editing cores' "not A, C, G or T" errors). */
void hgvs_show_byte(char out[16], unsigned char c);

/* Fill r->error: "hgvs: 'INPUT' at POS: WHAT[HINT]". */
void hgvs_format_error(hgvs_result *r, const char *input, size_t n, size_t pos,
                       const char *what, const char *hint);

/* --------------------------------------- corrections (hgvs_lenient.c) */

/* After a failed strict parse of s: try the corrections of docs/hgvs.md
** in order. On success r holds the corrected parse and r->correction
** says what changed; returns 1. Returns 0 (r's contents unspecified) when
** no correction gives a valid description. */
int hgvs_try_corrections(const char *s, size_t n, hgvs_result *r);

/* Prepare r for a parse of a text of n bytes already copied to r->text
** at offset 1 (the raw input), and p for parsing `s`. */
void hgvs_parser_init(hgvs_parser *p, hgvs_result *r, const char *s, size_t n);

#endif
