/* frame_recode.c: a str column's values replaced through a lookup, once
** per dictionary entry (or per row of a plain column). */
#include <string.h>

#include "frame_ops.h"

int frame_column_recode(const frame_column *c, const uint32_t *map, uint32_t na_code,
                        frame_dict *d, frame_column **out) {
  *out = NULL;
  if (c->type != FRAME_STR)
    return FRAME_ETYPE;
  frame_column *r = frame_column_new(&c->mem, FRAME_STR, c->n, d);
  if (r == NULL)
    return FRAME_ENOMEM;
  uint32_t *codes = r->data;
  const uint32_t *from = c->dict ? c->data : NULL;
  for (size_t i = 0; i < c->n; i++) {
    uint32_t m = frame_is_na(c, i) ? na_code : map[from ? from[i] : i];
    codes[i] = m == FRAME_RECODE_NA ? 0 : m;
    if (m == FRAME_RECODE_NA && frame_column_set_na(r, i) != 0) {
      frame_column_unref(r);
      return FRAME_ENOMEM;
    }
  }
  *out = r;
  return FRAME_OK;
}
