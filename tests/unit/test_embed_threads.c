/* test_embed_threads.c: engines are independent (DESIGN.md §4.3): eight
** threads, each with its own engine, run the flagship review at once and
** get the same verdicts and the same JSON report as one engine alone; an
** engine whose script failed, hit a limit or was interrupted is still
** usable; and misuse of the life-cycle calls is a status, never a crash. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "pathway.h"

#define THREADS 8
#define ROUNDS 3   /* reviews per thread, each in a fresh engine */

/* Output is dropped: the reviews print nothing we check here. */
static void discard(void *ud, pw_stream stream, const char *data, size_t len) {
  (void)ud, (void)stream, (void)data, (void)len;
}

/* What one thread did: the last review's summary and JSON report. */
typedef struct run {
  char summary[256];   /* pw_review_info.summary */
  char *json;          /* the JSON report (malloc'd), its time fixed */
  int passed;          /* pw_review_info.passed */
  pw_status status;    /* the first failure, or PW_OK */
  char error[512];     /* pw_errmsg of that failure */
} run;

static void review_once(run *out) {
  const char *root = getenv("PW_SOURCE_DIR");
  char script[1024];
  snprintf(script, sizeof script, "%s/examples/cps1-base-editing/review.lua", root ? root : ".");
  pw_config cfg;
  pw_config_init(&cfg);
  cfg.write = discard;
  pw_engine *e = NULL;
  pw_status s = pw_open(&cfg, &e);
  const char *argv[] = {script};
  if (s == PW_OK) s = pw_set_args(e, 1, argv, 0);
  if (s == PW_OK) s = pw_load_file(e, script);
  if (s == PW_OK) s = pw_set_provenance(e, "pathway review review.lua", 1795000000);
  pw_review_result *r = NULL;
  if (s == PW_OK) s = pw_review(e, &r);
  if (s != PW_OK) {
    out->status = s;
    snprintf(out->error, sizeof out->error, "%s", e ? pw_errmsg(e) : "pw_open failed");
  } else {
    pw_review_info info;
    const char *text;
    size_t len;
    pw_review_info_get(r, &info);
    snprintf(out->summary, sizeof out->summary, "%s", info.summary);
    out->passed = info.passed;
    pw_review_report(r, PW_FORMAT_JSON, &text, &len);
    free(out->json);
    out->json = strndup(text, len);
    pw_review_free(&r);
  }
  pw_close(&e);
}

static void *worker(void *arg) {
  run *out = arg;
  for (int i = 0; i < ROUNDS && out->status == PW_OK; i++)
    review_once(out);
  return NULL;
}

Test(threads, eight_engines_review_at_once_and_agree, .timeout = 300) {
  run alone = {0};
  review_once(&alone);
  cr_assert_eq(alone.status, PW_OK, "%s", alone.error);
  cr_assert(alone.passed, "the flagship review passes: %s", alone.summary);

  pthread_t t[THREADS];
  run runs[THREADS];
  memset(runs, 0, sizeof runs);
  for (int i = 0; i < THREADS; i++)
    cr_assert_eq(pthread_create(&t[i], NULL, worker, &runs[i]), 0);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < THREADS; i++) {
    cr_expect_eq(runs[i].status, PW_OK, "thread %d: %s", i, runs[i].error);
    cr_expect_str_eq(runs[i].summary, alone.summary, "thread %d", i);
    cr_expect(runs[i].json && strcmp(runs[i].json, alone.json) == 0,
              "thread %d: its JSON report differs from one engine's", i);
    free(runs[i].json);
  }
  free(alone.json);
}

/* An engine after a script error, a memory limit (its data still held by
** a global), a time limit and an interrupt answers the next call normally.
** Two engines, so that a slow (sanitized) build cannot meet the time limit
** before the memory limit. */
Test(threads, an_engine_survives_its_failures) {
  pw_config cfg;
  pw_config_init(&cfg);
  cfg.write = discard;
  cfg.max_memory = 64u << 20;
  pw_engine *e = NULL;
  cr_assert_eq(pw_open(&cfg, &e), PW_OK);
  cr_expect_eq(pw_load_string(e, "x = 41 error('boom')", "=t"), PW_ESCRIPT);
  cr_expect_eq(pw_load_string(e, "t = {} for i = 1, 1e9 do t[i] = {i} end", "=t"), PW_EMEMORY);
  cr_expect_eq(pw_load_string(e, "t = nil collectgarbage()", "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(pw_load_string(e, "assert(x == 41)", "=t"), PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);

  cfg.max_memory = 0;
  cfg.timeout = 0.2;
  cr_assert_eq(pw_open(&cfg, &e), PW_OK);
  cr_expect_eq(pw_load_string(e, "x = 41 while true do end", "=t"), PW_ETIMEOUT);
  cr_expect_eq(pw_interrupt(e), PW_OK);   /* dropped: no call is running */
  cr_expect_eq(pw_load_string(e, "assert(x == 41)", "=t"), PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(threads, life_cycle_misuse_is_a_status) {
  pw_engine *e = NULL;
  cr_expect_eq(pw_open(NULL, NULL), PW_EINVAL);
  cr_expect_eq(pw_close(NULL), PW_EINVAL);
  cr_expect_eq(pw_close(&e), PW_EINVAL);
  cr_assert_eq(pw_open(NULL, &e), PW_OK);
  cr_expect_eq(pw_close(&e), PW_OK);
  cr_expect_null(e);
  cr_expect_eq(pw_close(&e), PW_EINVAL, "a double close");
  /* every call on the closed (NULL) engine */
  cr_expect_eq(pw_load_string(e, "x = 1", "=t"), PW_EINVAL);
  cr_expect_eq(pw_load_file(e, "x.lua"), PW_EINVAL);
  cr_expect_eq(pw_eval(e, "1"), PW_EINVAL);
  cr_expect_eq(pw_set_args(e, 0, NULL, 0), PW_EINVAL);
  cr_expect_eq(pw_allow_write(e, "x"), PW_EINVAL);
  cr_expect_eq(pw_help(e, NULL), PW_EINVAL);
  cr_expect_eq(pw_interrupt(e), PW_EINVAL);
  cr_expect_eq(pw_set_display(e, &(pw_display){80, 24, 0}), PW_EINVAL);
  cr_expect_eq(pw_set_provenance(e, "x", 0), PW_EINVAL);
  pw_review_result *r = NULL;
  cr_expect_eq(pw_review(e, &r), PW_EINVAL);
  cr_expect_eq(pw_lock(e, NULL, NULL), PW_EINVAL);
  cr_expect_eq(pw_run_tests(e, 0, NULL, NULL), PW_EINVAL);
  size_t start, n;
  const char *const *items;
  cr_expect_eq(pw_complete(e, "x", 1, &start, &n, &items), PW_EINVAL);
  cr_expect_str_eq(pw_errmsg(e), "no engine (NULL)");
}

Test(threads, version_checks) {
  cr_expect_eq(pw_version_number(), PW_VERSION_NUMBER);
  cr_expect_eq(pw_check_version(PW_VERSION_MAJOR, PW_VERSION_MINOR), PW_OK);
  cr_expect_eq(pw_check_version(PW_VERSION_MAJOR, 0), PW_OK);
  cr_expect_eq(pw_check_version(PW_VERSION_MAJOR + 1, 0), PW_EINVAL);
  cr_expect_eq(pw_check_version(PW_VERSION_MAJOR, PW_VERSION_MINOR + 1), PW_EINVAL);
  char v[32];
  snprintf(v, sizeof v, "%d.%d.%d", PW_VERSION_MAJOR, PW_VERSION_MINOR, PW_VERSION_PATCH);
  cr_expect_str_eq(pw_version(), v);
}
