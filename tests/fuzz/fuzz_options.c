/* fuzz_options.c: libFuzzer harness for the command-line parser
** (vm/cli/options.c): NUL-separated words become argv. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *copy = malloc(size + 1);
  char *argv[64];
  int argc = 0;
  if (copy == NULL)
    return 0;
  memcpy(copy, data, size);
  copy[size] = '\0';
  argv[argc++] = "pathway";
  for (char *p = copy; p < copy + size && argc < 63; p += strlen(p) + 1)
    argv[argc++] = p;
  argv[argc] = NULL;
  cli_options opt;
  char err[512];
  if (cli_parse(argc, argv, &opt, err, sizeof err) == 0) {
    if (opt.config.timeout < 0 || opt.nchunks > PW_MAX_CHUNKS ||
        opt.script >= argc || (opt.config.max_memory && opt.config.max_memory < (1u << 20)))
      abort();
  }
  free(copy);
  return 0;
}
