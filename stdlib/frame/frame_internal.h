/* frame_internal.h: helpers shared by the kernel files; not part of the contract. */
#ifndef PW_STDLIB_FRAME_INTERNAL_H
#define PW_STDLIB_FRAME_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "frame_ops.h"

/* Bytes of a validity bitmap for n rows (at least one word's worth of
** rounding, as frame.c allocates them). */
static inline size_t fi_bitmap_bytes(size_t n) {
  return ((n + 63) / 64) * sizeof(uint64_t);
}

static inline void fi_bit_clear(uint64_t *bits, size_t i) {
  bits[i >> 6] &= ~((uint64_t)1 << (i & 63));
}

/* Bytes per value of a type's data array (str: a uint32_t code). */
size_t fi_type_width(frame_type t);

/* n * size bytes from m, NULL on overflow or failure. Free with
** fi_free_array(m, p, n, size). */
void *fi_alloc_array(const frame_mem *m, size_t n, size_t size);
void fi_free_array(const frame_mem *m, void *p, size_t n, size_t size);

/* A column's value at row i as a double (int, num, bool, date); the caller
** knows it is not NA. */
double fi_num_at(const frame_column *c, size_t i);

/* Is row i missing, or a NaN, which aggregates and sorting treat like NA? */
static inline int fi_is_na_or_nan(const frame_column *c, size_t i) {
  if (frame_is_na(c, i))
    return 1;
  if (c->type != FRAME_NUM)
    return 0;
  double d = ((const double *)c->data)[i];
  return d != d;
}

/* Make c->valid NULL when it marks nothing missing, so that "valid is NULL
** exactly when n_na is 0" holds for every column the kernels make. */
void fi_drop_empty_bitmap(frame_column *c);

/* Sort rows[0..n) stably by the columns cols[0..nkeys) (frame_sort_rows's
** order). Scratch memory comes from m. */
int fi_sort_rows(const frame_mem *m, const frame_column *const *cols, const uint8_t *desc,
                 size_t nkeys, frame_row *rows, size_t n);

/* Dense codes for the rows of several parts (frames) in one code space.
** Part p has part_rows[p] rows and key columns cols[p * nkeys + k]; the
** codes of all parts are written one part after another into `codes`, in
** order of first occurrence. With na_matches, NA is a key like any other;
** without, a row with an NA (or NaN) key gets FRAME_ROW_NONE and no code.
** Key k must have the same type in every part, except that int and num
** mix and compare by value. */
int fi_key_codes(const frame_mem *m, size_t nparts, const size_t *part_rows,
                 const frame_column *const *cols, size_t nkeys, int na_matches,
                 frame_row *codes, size_t *ncodes);

/* The first row of each code: first[c] for codes[0..n) with ncodes codes. */
void fi_first_rows(const frame_row *codes, size_t n, frame_row *first, size_t ncodes);

#endif
