/* fuzz_hgvs.c: libFuzzer harness for the HGVS parser (stdlib/hgvs).
** The first byte chooses strict or lenient parsing. Properties: no crash,
** no read past the input (the harness copies it to an exact-size heap
** block, so ASan sees an overread); error_pos <= n and messages are
** NUL-terminated; a successful parse's normal form parses strictly to the
** same normal form (idempotence), with the same kind and number of
** changes and types (not necessarily the same lengths: a stated length
** the positions do not imply, "c.(1_10)_(20_30)del5", is dropped). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hgvs/hgvs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hgvs_result first, second; /* 2 x 13 KiB: not on the stack */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  hgvs_options opt = {0};
  opt.lenient = data[0] & 1;
  size_t n = size - 1;
  char *s = malloc(n > 0 ? n : 1); /* exact size: ASan catches a read past n */
  if (s == NULL)
    return 0;
  memcpy(s, data + 1, n);
  int ok = hgvs_parse(s, n, &opt, &first);
  if (memchr(first.error, 0, sizeof first.error) == NULL ||
      memchr(first.correction, 0, sizeof first.correction) == NULL)
    abort(); /* a message without its NUL */
  if (!ok) {
    if (first.error_pos > n || strncmp(first.error, "hgvs: '", 7) != 0)
      abort(); /* the error points past the input, or is not one of ours */
    free(s);
    return 0;
  }
  if (first.nvariants < 1 || first.nvariants > PW_HGVS_MAX_VARIANTS ||
      first.hgvs.len == 0 || first.textlen > HGVS_TEXT_SIZE)
    abort();
  hgvs_options strict = {0};
  const char *normal = hgvs_str(&first, first.hgvs);
  if (!hgvs_parse(normal, first.hgvs.len, &strict, &second))
    abort(); /* the normal form does not parse strictly */
  if (second.hgvs.len != first.hgvs.len ||
      memcmp(hgvs_str(&second, second.hgvs), normal, first.hgvs.len) != 0)
    abort(); /* the normal form is not a fixed point */
  if (second.kind != first.kind || second.nvariants != first.nvariants)
    abort();
  for (int k = 0; k < first.nvariants; k++) {
    const hgvs_variant *a = &first.variants[k], *b = &second.variants[k];
    if (a->type != b->type || a->allele != b->allele || a->coord != b->coord)
      abort(); /* normalising changed the meaning */
  }
  free(s);
  return 0;
}
