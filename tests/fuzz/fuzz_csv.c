/* fuzz_csv.c: libFuzzer harness for the CSV reader core (stdlib/csv) on a memory buffer.
** Properties: csv_read_buffer never crashes and never leaks; one thread and
** two give the same status, message and frame; a frame it reads, written
** with csv_write_stream and read again with the same options, is the same
** frame (types and values). The first input byte picks the options. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv/csv.h"
#include "../frame_same.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void expect_same(const frame *x, const frame *y) {
  if (x->ncol != y->ncol || x->nrow != y->nrow)
    abort();
  for (size_t j = 0; j < x->ncol; j++) {
    if (strcmp(x->names[j], y->names[j]) != 0 || x->cols[j]->type != y->cols[j]->type)
      abort();
    for (size_t i = 0; i < x->nrow; i++)
      if (!frame_same_value(x->cols[j], y->cols[j], i))
        abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  uint8_t flags = data[0];
  const char *text = (const char *)data + 1;
  size--;
  csv_read_opts o;
  csv_read_opts_init(&o);
  static const char seps[] = {',', ';', '\t', 0};
  o.sep = seps[flags & 3];
  o.header = !(flags & 4);
  o.comment = flags & 8 ? '#' : 0;
  o.ragged_pad = (flags & 16) != 0;
  o.latin1 = (flags & 32) != 0;
  o.all_str = (flags & 64) != 0;
  o.threads = 1;
  csv_result one, two;
  int s1 = csv_read_buffer(text, size, "fuzz.csv", &o, &one);
  o.threads = 2;
  o.parallel_min = 1;
  int s2 = csv_read_buffer(text, size, "fuzz.csv", &o, &two);
  if (s1 != s2 || (s1 != CSV_OK && strcmp(one.msg, two.msg) != 0))
    abort(); /* the split changed the outcome */
  if (s1 == CSV_OK) {
    expect_same(one.frame, two.frame);
    /* write what was read, read it back with the types it has */
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    char msg[CSV_MSG_SIZE];
    csv_write_opts w;
    csv_write_opts_init(&w);
    w.sep = o.sep ? o.sep : one.info.sep;
    int ws = csv_write_stream(one.frame, fp, &w, msg, sizeof msg);
    fclose(fp);
    if (ws != CSV_OK)
      abort();
    csv_type_spec types[64];
    size_t ncol = one.frame->ncol;
    if (ncol <= 64) {
      for (size_t j = 0; j < ncol; j++)
        types[j] = (csv_type_spec){one.frame->names[j], one.frame->cols[j]->type};
      csv_read_opts back;
      csv_read_opts_init(&back);
      back.sep = w.sep;
      const char *na[] = {""};
      back.na = na;
      back.n_na = 1;
      back.types = types;
      back.n_types = ncol;
      csv_result again;
      if (csv_read_buffer(buf, len, "again.csv", &back, &again) != CSV_OK)
        abort(); /* the writer wrote what the reader refuses */
      expect_same(one.frame, again.frame);
      csv_result_free(&again);
    }
    free(buf);
  }
  csv_result_free(&one);
  csv_result_free(&two);
  return 0;
}
