/* exec_fixtures.h: frames from compact specs and column rendering, shared by
** the interpreter's Criterion tests (test_exec.c, test_exec_agg.c). */
#ifndef PW_TEST_EXEC_FIXTURES_H
#define PW_TEST_EXEC_FIXTURES_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"

/* ------------------------------------------------------------ frames */

/* A frame from "name:type=v|v|...;name:type=..." where type is int, num,
** bool, date (YYYY-MM-DD), str (dictionary) or plain (plain str), and NA
** is a missing value. */
static inline frame *mk(const char *spec) {
  char *copy = strdup(spec), *save = NULL;
  frame *f = NULL;
  for (char *col = strtok_r(copy, ";", &save); col; col = strtok_r(NULL, ";", &save)) {
    while (*col == ' ')
      col++;
    char *colon = strchr(col, ':'), *eq = strchr(col, '=');
    *colon = *eq = '\0';
    const char *type = colon + 1;
    size_t n = 1;
    for (const char *p = eq + 1; *p; p++)
      n += *p == '|';
    if (f == NULL)
      f = frame_new(NULL, n);
    frame_type t = !strcmp(type, "int") ? FRAME_INT : !strcmp(type, "num") ? FRAME_NUM
                 : !strcmp(type, "bool") ? FRAME_BOOL : !strcmp(type, "date") ? FRAME_DATE
                 : FRAME_STR;
    int plain = !strcmp(type, "plain");
    frame_dict *d = t == FRAME_STR && !plain ? frame_dict_new(NULL) : NULL;
    frame_column *c = frame_column_new(NULL, t, n, d);
    frame_dict_unref(d);
    char *vals[256];
    size_t total = 0;
    cr_assert_leq(n, 256);
    char *cur = eq + 1;
    for (size_t k = 0; k < n; k++) {   /* split on '|', keeping empty values */
      char *bar = strchr(cur, '|');
      if (bar)
        *bar = '\0';
      vals[k] = cur;
      cur = bar ? bar + 1 : cur + strlen(cur);
    }
    for (size_t i = 0; i < n; i++) {
      const char *v = vals[i];
      int na = !strcmp(v, "NA");
      if (na)
        cr_assert_eq(frame_column_set_na(c, i), 0);
      if (t == FRAME_INT)
        ((int64_t *)c->data)[i] = na ? 0 : strtoll(v, NULL, 10);
      else if (t == FRAME_NUM)
        ((double *)c->data)[i] = na ? 0 : strtod(v, NULL);
      else if (t == FRAME_BOOL)
        ((uint8_t *)c->data)[i] = !na && !strcmp(v, "true");
      else if (t == FRAME_DATE) {
        int64_t days = 0;
        cr_assert(na || expr_parse_date(v, strlen(v), &days) == 0, "bad date %s", v);
        ((int32_t *)c->data)[i] = (int32_t)days;
      } else if (!plain)
        ((uint32_t *)c->data)[i] = na ? 0 : (uint32_t)frame_dict_intern(c->dict, v, strlen(v));
      else
        total += (na ? 0 : strlen(v)) + 1;
    }
    if (plain) {
      c->bytes = malloc(total ? total : 1);
      size_t at = 0;
      for (size_t i = 0; i < n; i++) {
        const char *v = strcmp(vals[i], "NA") ? vals[i] : "";
        c->offsets[i] = at;
        memcpy(c->bytes + at, v, strlen(v) + 1);
        at += strlen(v) + 1;
      }
      c->offsets[n] = at;
    }
    cr_assert_eq(frame_add(f, col, c), 0);
    frame_column_unref(c);
  }
  free(copy);
  return f;
}

/* A column as "v|v|NA|...". */
static inline char *render(const frame_column *c) {
  size_t cap = 64 + c->n * 32, n = 0;
  char *out = malloc(cap);
  out[0] = '\0';
  for (size_t i = 0; i < c->n; i++) {
    char buf[64];
    const char *s = buf;
    size_t len;
    if (frame_is_na(c, i))
      s = "NA";
    else if (c->type == FRAME_INT)
      snprintf(buf, sizeof buf, "%" PRId64, ((int64_t *)c->data)[i]);
    else if (c->type == FRAME_NUM)
      snprintf(buf, sizeof buf, "%.15g", ((double *)c->data)[i]);
    else if (c->type == FRAME_BOOL)
      s = ((uint8_t *)c->data)[i] ? "true" : "false";
    else if (c->type == FRAME_DATE) {
      int64_t y;
      int m, d;
      expr_civil(((int32_t *)c->data)[i], &y, &m, &d);
      snprintf(buf, sizeof buf, "%04" PRId64 "-%02d-%02d", y, m, d);
    } else {
      s = frame_str(c, i, &len);
      snprintf(buf, sizeof buf, "%.*s", (int)len, s);
      s = buf;
    }
    n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "|" : "", s);
  }
  return out;
}

#endif
