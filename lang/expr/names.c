/* names.c: the function table, and "did you mean" suggestions for
** misspelt columns and functions. */
#include <ctype.h>
#include <string.h>

#include "expr_int.h"

#define ANY 255   /* func_info.max of a function taking any number */

/* In func_id order. */
const func_info expr_funcs[F_NFUNCS] = {
  {"abs", 1, 1}, {"log", 1, 1}, {"exp", 1, 1}, {"sqrt", 1, 1},
  {"round", 1, 2}, {"floor", 1, 1}, {"ceil", 1, 1}, {"is_na", 1, 1},
  {"coalesce", 2, ANY}, {"if_else", 3, 3}, {"lower", 1, 1}, {"upper", 1, 1},
  {"len", 1, 1}, {"substr", 2, 3}, {"year", 1, 1}, {"month", 1, 1},
  {"days_between", 2, 2}, {"hgvs_valid", 1, 1}, {"hgvs_type", 1, 1},
  {"hgvs_consequence", 1, 1}, {"abe_correctable", 1, 1},
  {"count", 0, 0}, {"sum", 1, 1}, {"mean", 1, 1}, {"median", 1, 1},
  {"sd", 1, 1}, {"var", 1, 1}, {"min", 1, 1}, {"max", 1, 1},
  {"n_distinct", 1, 1}, {"first", 1, 1}, {"last", 1, 1}, {"quantile", 2, 2},
};

int expr_func_lookup(const char *name, size_t len) {
  for (int i = 0; i < F_NFUNCS; i++)
    if (strlen(expr_funcs[i].name) == len && memcmp(expr_funcs[i].name, name, len) == 0)
      return i;
  return -1;
}

const char *expr_function_name(int i, int *aggregate) {
  if (i < 0 || i >= F_NFUNCS)
    return NULL;
  *aggregate = i >= F_FIRST_AGG;
  return expr_funcs[i].name;
}

/* Optimal string alignment distance (Levenshtein plus adjacent
** transpositions, so "gnee" is one step from "gene"), case-insensitive,
** capped: names longer than 63 bytes are not compared. */
static size_t osa_distance(const char *a, size_t la, const char *b, size_t lb) {
  enum { MAXLEN = 64 };
  if (la >= MAXLEN || lb >= MAXLEN)
    return (size_t)-1;
  size_t d[MAXLEN][MAXLEN];
  for (size_t i = 0; i <= la; i++)
    d[i][0] = i;
  for (size_t j = 0; j <= lb; j++)
    d[0][j] = j;
  for (size_t i = 1; i <= la; i++) {
    for (size_t j = 1; j <= lb; j++) {
      int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
      size_t cost = ca != cb;
      size_t best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < best) best = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
          tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  }
  return d[la][lb];
}

/* Close enough to suggest: at most two edits, and fewer than half the
** name (so "x" never suggests "y"). A difference of case alone is close. */
static int close_enough(size_t dist, size_t len) {
  return dist <= 2 && dist * 2 <= len;
}

/* The nearest column by edits; failing that, the one column the name
** begins (three characters or more), since columns often carry a unit the
** name leaves out: "ammonia" for "ammonia_umol_l". */
const char *expr_suggest_column(const frame *f, const char *name, size_t len) {
  const char *best = NULL, *prefixed = NULL;
  size_t best_d = (size_t)-1, nprefixed = 0;
  for (size_t i = 0; i < f->ncol; i++) {
    size_t d = osa_distance(name, len, f->names[i], strlen(f->names[i]));
    if (d < best_d) {
      best_d = d;
      best = f->names[i];
    }
    if (len >= 3 && strncmp(f->names[i], name, len) == 0) {
      prefixed = f->names[i];
      nprefixed++;
    }
  }
  if (best && close_enough(best_d, len))
    return best;
  return nprefixed == 1 ? prefixed : NULL;
}

/* Names from R, SQL and spreadsheets that mean one of ours. */
static const struct { const char *alias, *name; } aliases[] = {
  {"nchar", "len"}, {"length", "len"}, {"tolower", "lower"}, {"toupper", "upper"},
  {"ifelse", "if_else"}, {"if", "if_else"}, {"iif", "if_else"}, {"isna", "is_na"},
  {"isnull", "is_na"}, {"is_null", "is_na"}, {"ifnull", "coalesce"}, {"nvl", "coalesce"},
  {"avg", "mean"}, {"n", "count"}, {"stdev", "sd"}, {"stddev", "sd"},
  {"variance", "var"}, {"nunique", "n_distinct"}, {"n_unique", "n_distinct"},
  {"substring", "substr"}, {"ln", "log"}, {"ceiling", "ceil"},
};

const char *expr_suggest_func(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (strlen(aliases[i].alias) == len && memcmp(aliases[i].alias, name, len) == 0)
      return aliases[i].name;
  const char *best = NULL;
  size_t best_d = (size_t)-1;
  for (int i = 0; i < F_NFUNCS; i++) {
    size_t d = osa_distance(name, len, expr_funcs[i].name, strlen(expr_funcs[i].name));
    if (d < best_d) {
      best_d = d;
      best = expr_funcs[i].name;
    }
  }
  return best && close_enough(best_d, len) ? best : NULL;
}
