/* fuzz_expr.c: libFuzzer harness for the expression compiler (lang/expr)
** and the interpreter (vm/exec). The first byte picks the mode, the rest
** is the expression, compiled against a small frame of every column type.
** Properties: no crash, no leak; a failure is one "expression:..." line; a
** plan that compiles runs to completion (or to a clean error), and a
** filter's plan is bool. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ROWS 5

/* The frame every input is compiled against, built once. */
static frame *fixture(void) {
  static frame *f;
  if (f)
    return f;
  f = frame_new(NULL, ROWS);
  frame_dict *d = frame_dict_new(NULL);
  frame_column *cols[6] = {
    frame_column_new(NULL, FRAME_INT, ROWS, NULL), frame_column_new(NULL, FRAME_NUM, ROWS, NULL),
    frame_column_new(NULL, FRAME_BOOL, ROWS, NULL), frame_column_new(NULL, FRAME_DATE, ROWS, NULL),
    frame_column_new(NULL, FRAME_STR, ROWS, d), frame_column_new(NULL, FRAME_STR, ROWS, NULL)};
  static const char *const names[6] = {"i", "x", "b", "d", "s", "p"};
  static const char *const text[ROWS] = {"c.1003C>T", "CPS1", "", "caf\xc3\xa9", "x"};
  size_t total = 0;
  for (size_t r = 0; r < ROWS; r++) {
    ((int64_t *)cols[0]->data)[r] = (int64_t)r * 3 - 4 + (r == 4 ? INT64_MAX - 10 : 0);
    ((double *)cols[1]->data)[r] = (double)r / 2 - 1;
    ((uint8_t *)cols[2]->data)[r] = r & 1;
    ((int32_t *)cols[3]->data)[r] = (int32_t)(r * 4000) - 8000;
    ((uint32_t *)cols[4]->data)[r] = (uint32_t)frame_dict_intern(d, text[r], strlen(text[r]));
    total += strlen(text[r]) + 1;
  }
  cols[5]->bytes = malloc(total);
  for (size_t r = 0, at = 0; r < ROWS; r++) {
    cols[5]->offsets[r] = at;
    memcpy(cols[5]->bytes + at, text[r], strlen(text[r]) + 1);
    at += strlen(text[r]) + 1;
    cols[5]->offsets[r + 1] = at;
  }
  for (int c = 0; c < 6; c++) {
    frame_column_set_na(cols[c], (size_t)(c % ROWS));   /* an NA somewhere in each */
    frame_add(f, names[c], cols[c]);
    frame_column_unref(cols[c]);
  }
  frame_dict_unref(d);
  return f;
}

static void sink(void *ud, const char *s, size_t n) {
  (void)ud;
  (void)s;
  (void)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  const frame *f = fixture();
  expr_mode mode = (expr_mode)(data[0] % 4);
  expr_error err;
  expr_plan *p = expr_compile((const char *)data + 1, size - 1, f, mode, NULL, &err);
  if (p == NULL) {
    if (strncmp(err.msg, "expression:", 11) != 0 || strchr(err.msg, '\n'))
      abort();   /* every failure is one line in the documented form */
    return 0;
  }
  if (mode == EXPR_FILTER && p->type != EXPR_BOOL)
    abort();
  expr_explain(p, sink, NULL);
  exec_report rep;
  exec_status st;
  frame_column *c = NULL;
  if (mode == EXPR_FILTER) {
    uint8_t mask[ROWS];
    st = exec_filter(p, f, NULL, mask, &rep);
  } else if (p->aggregates) {
    uint32_t gid[ROWS] = {0, 1, 0, 1, 1};
    st = exec_summarise(p, f, gid, 2, NULL, &c, &rep);
  } else {
    st = exec_mutate(p, f, NULL, &c, &rep);
  }
  if (st != EXEC_OK && st != EXEC_EREGEX)
    abort();   /* only a pathological pattern may fail at run time */
  if (c && c->n != (p->aggregates ? 2 : ROWS))
    abort();
  frame_column_unref(c);
  expr_plan_free(p);
  return 0;
}
