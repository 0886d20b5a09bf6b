/* fuzz_complete.c: libFuzzer harness for Tab completion (pw_complete, the
** scanner of lang/complete.lua) over arbitrary line text and cursors.
** Properties: it never crashes or raises; on success the word's start is
** at most the cursor and every candidate is a NUL-terminated string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pathway.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pw_engine *engine;   /* one engine for the run: completion is read-only */

static void discard(void *ud, pw_stream s, const char *d, size_t n) {
  (void)ud, (void)s, (void)d, (void)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (engine == NULL) {
    pw_config cfg;
    pw_config_init(&cfg);
    cfg.write = discard;
    if (pw_open(&cfg, &engine) != PW_OK ||
        pw_load_string(engine, "trial = frame.new({age = {1}, gene = {'a'}, ['first visit'] = {2}})",
                       "=fuzz") != PW_OK)
      abort();
  }
  if (size == 0)
    return 0;
  char *line = malloc(size);
  if (line == NULL)
    return 0;
  memcpy(line, data + 1, size - 1);   /* the first byte picks the cursor */
  line[size - 1] = '\0';
  size_t len = strlen(line), cursor = len ? data[0] % (len + 1) : 0;
  size_t start, n;
  const char *const *items;
  pw_status s = pw_complete(engine, line, cursor, &start, &n, &items);
  if (s == PW_OK) {
    if (start > cursor)
      abort();
    for (size_t i = 0; i < n; i++)
      if (items[i] == NULL || strlen(items[i]) > (size_t)1 << 20)
        abort();
  } else if (s != PW_EINVAL) {
    abort();   /* completion failing other than on misuse is a bug */
  }
  free(line);
  return 0;
}
