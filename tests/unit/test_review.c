/* test_review.c: the review calls of pathway.h (vm/engine/review.c):
** pw_review and its accessors, the report formats, atomic writes, pw_lock,
** and misuse returning a status. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static captured c;

static const char mixed[] =
  "pathway 'T' { disease = 'd' }\n"
  "criterion 'cause' { element = 'molecular_cause', check = function() return met({ n = 3 }) end }\n"
  "criterion 'target' { element = 'targets_root_cause',\n"
  "  check = function() return not_met('too far', { d = 12 }) end }\n"
  "criterion 'after' { element = 'clinical_improvement', requires = 'target',\n"
  "  check = function() return met() end }\n"
  "criterion 'boom' { element = 'natural_history', check = function() error('kaput') end }\n";

/* A directory of its own under /tmp for files; removed by the caller. */
static void temp_dir(char *dir, size_t n) {
  snprintf(dir, n, "/tmp/pw-review-XXXXXX");
  cr_assert_not_null(mkdtemp(dir));
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f);
  fputs(text, f);
  fclose(f);
}

Test(review, verdicts_counts_and_criteria) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_load_string(e, mixed, "=t"), PW_OK, "%s", pw_errmsg(e));
  pw_review_result *r = NULL;
  cr_assert_eq(pw_review(e, &r), PW_OK, "%s", pw_errmsg(e));
  pw_review_info info;
  cr_assert_eq(pw_review_info_get(r, &info), PW_OK);
  cr_expect_eq(info.criteria, 4);
  cr_expect_eq(info.met, 1);
  cr_expect_eq(info.not_met, 1);
  cr_expect_eq(info.insufficient, 1);
  cr_expect_eq(info.errors, 1);
  cr_expect_eq(info.not_addressed, 1);
  cr_expect_eq(info.passed, 0);
  cr_expect_eq(info.prespecified, PW_PRESPEC_UNLOCKED);
  cr_expect_str_eq(info.summary,
                   "1 met, 1 not met, 1 insufficient, 1 error; 1 element not addressed");
  pw_criterion k;
  cr_assert_eq(pw_review_criterion(r, 0, &k), PW_OK);
  cr_expect_str_eq(k.name, "cause");
  cr_expect_str_eq(k.element, "molecular_cause");
  cr_expect_eq(k.verdict, PW_VERDICT_MET);
  cr_expect_null(k.reason);
  cr_expect_str_eq(k.evidence_json,
                   "[{\"kind\":\"number\",\"label\":\"n\",\"text\":\"3\",\"value\":3}]");
  cr_assert_eq(pw_review_criterion(r, 1, &k), PW_OK);
  cr_expect_eq(k.verdict, PW_VERDICT_NOT_MET);
  cr_expect_str_eq(k.reason, "too far");
  cr_assert_eq(pw_review_criterion(r, 2, &k), PW_OK);
  cr_expect_eq(k.verdict, PW_VERDICT_INSUFFICIENT);
  cr_expect_str_eq(k.reason, "requires \"target\", which is not_met");
  cr_assert_eq(pw_review_criterion(r, 3, &k), PW_OK);
  cr_expect_eq(k.verdict, PW_VERDICT_ERROR);
  cr_expect(strstr(k.reason, "kaput") != NULL, "%s", k.reason);
  cr_expect_str_eq(k.evidence_json, "[]");
  cr_expect_eq(pw_review_criterion(r, 4, &k), PW_EINVAL);
  cr_expect_eq(pw_review_free(&r), PW_OK);
  cr_expect_null(r);
  cr_expect_eq(pw_review_free(&r), PW_EINVAL, "double free is an error, not a crash");
  pw_close(&e);
}

Test(review, every_format_is_rendered) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_load_string(e, mixed, "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_assert_eq(pw_set_provenance(e, "host run", 0), PW_OK);
  pw_review_result *r = NULL;
  cr_assert_eq(pw_review(e, &r), PW_OK, "%s", pw_errmsg(e));
  const char *text;
  size_t len;
  cr_assert_eq(pw_review_report(r, PW_FORMAT_TEXT, &text, &len), PW_OK);
  cr_expect_eq(strlen(text), len);
  cr_expect(strstr(text, "[not met]      target  (targets_root_cause)") != NULL, "%s", text);
  cr_expect(strstr(text, "\033[") == NULL, "plain text has no colour");
  cr_assert_eq(pw_review_report(r, PW_FORMAT_TEXT_COLOR, &text, NULL), PW_OK);
  cr_expect(strstr(text, "\033[31m[not met]\033[0m") != NULL, "%s", text);
  cr_assert_eq(pw_review_report(r, PW_FORMAT_JSON, &text, &len), PW_OK);
  cr_expect(strstr(text, "\"schema\": \"pathway-review/1\"") != NULL);
  cr_expect(strstr(text, "\"time\": \"1970-01-01T00:00:00Z\"") != NULL);
  cr_expect(strstr(text, "\"command\": \"host run\"") != NULL);
  cr_expect(strstr(text, "\"script\": null") != NULL, "a string chunk has no script file");
  cr_assert_eq(pw_review_report(r, PW_FORMAT_MD, &text, &len), PW_OK);
  cr_expect(strncmp(text, "# T", 3) == 0, "%.40s", text);
  cr_assert_eq(pw_review_report(r, PW_FORMAT_HTML, &text, &len), PW_OK);
  cr_expect(strncmp(text, "<!DOCTYPE html>", 15) == 0, "%.40s", text);
  cr_expect_eq(pw_review_report(r, (pw_format)7, &text, &len), PW_EINVAL);
  pw_review_free(&r);
  pw_close(&e);
}

Test(review, write_is_atomic_and_reports_failure) {
  char dir[64], path[128];
  temp_dir(dir, sizeof dir);
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_load_string(e, mixed, "=t"), PW_OK, "%s", pw_errmsg(e));
  pw_review_result *r = NULL;
  cr_assert_eq(pw_review(e, &r), PW_OK, "%s", pw_errmsg(e));
  snprintf(path, sizeof path, "%s/r.json", dir);
  cr_expect_eq(pw_review_write(e, r, PW_FORMAT_JSON, path), PW_OK, "%s", pw_errmsg(e));
  struct stat st;
  cr_expect_eq(stat(path, &st), 0);
  cr_expect_gt(st.st_size, 100);
  snprintf(path, sizeof path, "%s/missing/r.json", dir);
  cr_expect_eq(pw_review_write(e, r, PW_FORMAT_JSON, path), PW_EIO);
  cr_expect(strstr(pw_errmsg(e), "cannot write ") != NULL, "%s", pw_errmsg(e));
  cr_expect(strstr(pw_errmsg(e), "No such file or directory") != NULL, "%s", pw_errmsg(e));
  pw_review_free(&r);
  pw_close(&e);
  snprintf(path, sizeof path, "%s/r.json", dir);
  unlink(path);
  rmdir(dir);
}

Test(review, lock_then_review_is_prespecified) {
  char dir[64], script[128], lock[128];
  temp_dir(dir, sizeof dir);
  snprintf(script, sizeof script, "%s/plan.lua", dir);
  snprintf(lock, sizeof lock, "%s/plan.lock", dir);
  write_file(script, mixed);
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_lock(e, NULL, NULL), PW_EINVAL, "no script yet");
  cr_expect_str_eq(pw_errmsg(e), "lock: no script has been run (pw_load_file)");
  cr_assert_eq(pw_load_file(e, script), PW_OK, "%s", pw_errmsg(e));
  const char *written;
  size_t n;
  cr_assert_eq(pw_set_provenance(e, NULL, 1795000000), PW_OK);
  cr_assert_eq(pw_lock(e, &written, &n), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(written, lock);
  cr_expect_eq(n, 4);
  pw_review_result *r = NULL;
  cr_assert_eq(pw_review(e, &r), PW_OK, "%s", pw_errmsg(e));
  pw_review_info info;
  pw_review_info_get(r, &info);
  cr_expect_eq(info.prespecified, PW_PRESPEC_YES);
  cr_expect_str_eq(info.prespec_line, "pre-specified: yes (locked 2026-11-18T11:06:40Z)");
  pw_review_free(&r);
  pw_close(&e);
  write_file(lock, "{\"schema\": \"something else\"}");
  e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_load_file(e, script), PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(pw_review(e, &r), PW_ESCRIPT);
  cr_expect_null(r);
  cr_expect(strstr(pw_errmsg(e), "not a pathway lock file") != NULL, "%s", pw_errmsg(e));
  pw_close(&e);
  unlink(script);
  unlink(lock);
  rmdir(dir);
}

Test(review, misuse_is_a_status) {
  pw_review_result *r = NULL;
  pw_review_info info;
  pw_criterion k;
  const char *text;
  cr_expect_eq(pw_review(NULL, &r), PW_EINVAL);
  cr_expect_eq(pw_review_info_get(NULL, &info), PW_EINVAL);
  cr_expect_eq(pw_review_criterion(NULL, 0, &k), PW_EINVAL);
  cr_expect_eq(pw_review_report(NULL, PW_FORMAT_TEXT, &text, NULL), PW_EINVAL);
  cr_expect_eq(pw_review_free(NULL), PW_EINVAL);
  cr_expect_eq(pw_set_provenance(NULL, "x", 0), PW_EINVAL);
  cr_expect_eq(pw_lock(NULL, NULL, NULL), PW_EINVAL);
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_review(e, NULL), PW_EINVAL);
  cr_expect_eq(pw_review_write(e, NULL, PW_FORMAT_TEXT, "x"), PW_EINVAL);
  /* a review with nothing declared runs, and does not pass */
  cr_assert_eq(pw_review(e, &r), PW_OK, "%s", pw_errmsg(e));
  pw_review_info_get(r, &info);
  cr_expect_eq(info.criteria, 0);
  cr_expect_eq(info.not_addressed, 5);
  cr_expect_eq(info.passed, 0);
  pw_review_free(&r);
  /* a cycle is a failure of the call, and the engine stays usable */
  cr_assert_eq(pw_load_string(e, "criterion 'a' { element = 'molecular_cause', requires = 'a',"
                                 " check = function() return met() end }", "=t"), PW_OK);
  cr_expect_eq(pw_review(e, &r), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "requirements form a cycle") != NULL, "%s", pw_errmsg(e));
  cr_expect_eq(pw_load_string(e, "x = 1", "=t"), PW_OK);
  pw_close(&e);
}
