/* embed.c: a C host of libpathway: its own records, classified and flagged through pathway.h. */
#include <pathway.h>

#include <stdint.h>
#include <stdio.h>

#define NROWS 6

/* The host's records, column by column (illustrative, synthetic). */
static const char *const patient[NROWS] = {"P01", "P02", "P03", "P04", "P05", "P06"};
static const char *const genes[] = {"CPS1", "OTC"};
static const uint32_t gene[NROWS] = {0, 0, 1, 0, 1, 0};  /* codes into genes[] */
static const char *const variant[NROWS] = {"c.1003C>T", "c.1010+1G>A", "c.119G>A",
                                           "c.2339G>A", "c.bad", "c.622T>C"};
static const double ammonia[NROWS] = {182.5, 0.0, 95.5, 140.0, 60.0, 101.0};  /* umol/L */
static const uint64_t ammonia_valid[1] = {0x3D};  /* bit 1 clear: P02's is NA */
static const uint8_t treated[NROWS] = {0, 0, 1, 1, 0, 0};

/* The group set, declared by a script; `records` is the frame bound below. */
static const char *const script =
    "groups = variants.group {\n"
    "  rule 'canonical splice' { pattern = [[^c\\.\\d+[+-][12][ACGT]>[ACGT]$]] },\n"
    "  rule 'ABE-correctable'  { where = 'abe_correctable' },\n"
    "}\n"
    "print(('script: records has %d rows and %d columns'):format(records:nrow(), records:ncol()))\n";

/* Who needs a closer look: untreated CPS1 patients above 100 umol/L. */
static const char *const rule = "gene == 'CPS1' and ammonia > 100 and not treated";

/* Everything the engine outputs comes here: the host decides where it goes. */
static void on_write(void *ud, pw_stream stream, const char *data, size_t len) {
  (void)ud;
  fwrite(data, 1, len, stream == PW_STDOUT ? stdout : stderr);
}

/* Report a failed call with the engine's message; returns 1 when `s` failed. */
static int failed(pw_engine *e, pw_status s, const char *what) {
  if (s == PW_OK)
    return 0;
  fprintf(stderr, "embed: %s: status %d: %s\n", what, (int)s, e ? pw_errmsg(e) : "");
  return 1;
}

int main(void) {
  if (pw_check_version(PW_VERSION_MAJOR, PW_VERSION_MINOR) != PW_OK) {
    fprintf(stderr, "embed: libpathway %s cannot serve a host built for %d.%d\n",
            pw_version(), PW_VERSION_MAJOR, PW_VERSION_MINOR);
    return 1;
  }
  pw_config cfg;
  pw_config_init(&cfg);
  cfg.write = on_write;
  pw_engine *e = NULL;
  if (failed(NULL, pw_open(&cfg, &e), "pw_open"))
    return 1;

  const pw_column cols[] = {
    {"patient", PW_STRING, patient, NULL, NULL, 0},
    {"gene", PW_DICT, gene, NULL, genes, 2},
    {"variant", PW_STRING, variant, NULL, NULL, 0},
    {"ammonia", PW_DOUBLE, ammonia, ammonia_valid, NULL, 0},
    {"treated", PW_BOOL, treated, NULL, NULL, 0},
  };
  const size_t ncols = sizeof cols / sizeof cols[0];
  int bad = failed(e, pw_bind_columns(e, "records", cols, ncols, NROWS), "pw_bind_columns");
  bad = bad || failed(e, pw_load_string(e, script, "=embed"), "pw_load_string");

  /* Compile once against the columns' schema, evaluate over the batch. */
  pw_predicate *p = NULL;
  const pw_schema schema = {cols, ncols};
  const pw_batch batch = {cols, ncols, NROWS};
  uint8_t flagged[NROWS] = {0};
  bad = bad || failed(e, pw_predicate_compile(e, rule, &schema, &p), "pw_predicate_compile");
  bad = bad || failed(e, pw_predicate_eval(p, &batch, flagged), "pw_predicate_eval");

  int nflagged = 0;
  for (size_t i = 0; i < NROWS && !bad; i++) {
    const char *group = NULL;
    bad = failed(e, pw_group_set_classify(e, "groups", variant[i], &group),
                 "pw_group_set_classify");
    if (bad)
      break;
    char level[32] = "NA";
    if ((ammonia_valid[i / 64] >> (i % 64)) & 1)
      snprintf(level, sizeof level, "%.1f", ammonia[i]);
    printf("%s  %-4s  %-11s  ammonia %-5s  %-7s  %-16s  %s\n", patient[i],
           genes[gene[i]], variant[i], level, treated[i] ? "treated" : "-", group,
           flagged[i] ? "FLAGGED" : "-");
    nflagged += flagged[i];
  }
  if (!bad)
    printf("%d of %d records flagged by: %s\n", nflagged, NROWS, rule);

  if (p != NULL)
    bad |= failed(e, pw_predicate_free(&p), "pw_predicate_free");
  bad |= failed(NULL, pw_close(&e), "pw_close");
  return bad ? 1 : 0;
}
