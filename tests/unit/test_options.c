/* test_options.c: the command line of DESIGN.md §4.1 (vm/cli/options.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "options.h"

static cli_options opt;
static char err[512];

static int parse(int argc, const char **argv) {
  err[0] = '\0';
  return cli_parse(argc, (char **)argv, &opt, err, sizeof err);
}

Test(options, sizes) {
  size_t b;
  cr_expect_eq(cli_parse_size("64M", &b), 0);
  cr_expect_eq(b, (size_t)64 << 20);
  cr_expect_eq(cli_parse_size("4G", &b), 0);
  cr_expect_eq(b, (size_t)4 << 30);
  cr_expect_eq(cli_parse_size("1.5GiB", &b), 0);
  cr_expect_eq(b, (size_t)3 << 29);
  cr_expect_eq(cli_parse_size("512k", &b), 0);
  cr_expect_eq(b, (size_t)512 << 10);
  cr_expect_eq(cli_parse_size("2097152", &b), 0);
  cr_expect_eq(b, (size_t)2097152);
  cr_expect_neq(cli_parse_size("", &b), 0);
  cr_expect_neq(cli_parse_size("-1M", &b), 0);
  cr_expect_neq(cli_parse_size("12X", &b), 0);
  cr_expect_neq(cli_parse_size("M", &b), 0);
  cr_expect_neq(cli_parse_size("nan", &b), 0);
}

Test(options, seconds_and_seeds) {
  double s;
  int64_t seed;
  cr_expect_eq(cli_parse_seconds("1", &s), 0);
  cr_expect_eq(s, 1.0);
  cr_expect_eq(cli_parse_seconds("0.25", &s), 0);
  cr_expect_neq(cli_parse_seconds("0", &s), 0);
  cr_expect_neq(cli_parse_seconds("-3", &s), 0);
  cr_expect_neq(cli_parse_seconds("inf", &s), 0);
  cr_expect_neq(cli_parse_seconds("1s", &s), 0);
  cr_expect_eq(cli_parse_seed("-7", &seed), 0);
  cr_expect_eq(seed, -7);
  cr_expect_neq(cli_parse_seed("1.5", &seed), 0);
  cr_expect_neq(cli_parse_seed("99999999999999999999", &seed), 0);
}

Test(options, script_and_its_arguments) {
  const char *argv[] = {"pathway", "--seed", "9", "r.lua", "--timeout", "x"};
  cr_assert_eq(parse(6, argv), 0, "%s", err);
  cr_expect_eq(opt.script, 3);
  cr_expect_eq(opt.config.seed, 9);
  cr_expect_eq(opt.config.timeout, 0.0, "options after the script are the script's");
}

Test(options, chunks_and_options_in_any_order) {
  const char *argv[] = {"pathway", "-e", "a()", "--timeout", "1", "-e", "b()",
                        "--max-memory=64M", "--unsafe", "-i"};
  cr_assert_eq(parse(10, argv), 0, "%s", err);
  cr_expect_eq(opt.nchunks, 2);
  cr_expect_str_eq(opt.chunks[1], "b()");
  cr_expect_eq(opt.config.timeout, 1.0);
  cr_expect_eq(opt.config.max_memory, (size_t)64 << 20);
  cr_expect(opt.config.unsafe && opt.interactive);
  cr_expect_eq(opt.script, 0);
}

Test(options, commands) {
  const char *t[] = {"pathway", "test", "tests/lang", "--timeout", "5"};
  cr_assert_eq(parse(5, t), 0, "%s", err);
  cr_expect_eq(opt.command, CMD_TEST);
  cr_expect_eq(opt.npositional, 1);
  cr_expect_eq(opt.config.timeout, 5.0);
  const char *h[] = {"pathway", "help", "json.encode"};
  cr_assert_eq(parse(3, h), 0, "%s", err);
  cr_expect_eq(opt.command, CMD_HELP);
  cr_expect_str_eq(opt.positional[0], "json.encode");
}

Test(options, errors_name_the_option_and_value) {
  const char *a[] = {"pathway", "--max-memory", "lots"};
  cr_expect_eq(parse(3, a), 2);
  cr_expect_str_eq(err, "pathway: --max-memory: invalid size 'lots' (expected e.g. 512M or 4G)");
  const char *b[] = {"pathway", "--timeout"};
  cr_expect_eq(parse(2, b), 2);
  cr_expect_str_eq(err, "pathway: --timeout needs a value");
  const char *c[] = {"pathway", "--frobnicate"};
  cr_expect_eq(parse(2, c), 2);
  cr_expect_str_eq(err, "pathway: unknown option '--frobnicate' (see pathway --help)");
  const char *d[] = {"pathway", "-e"};
  cr_expect_eq(parse(2, d), 2);
  cr_expect_str_eq(err, "pathway: -e needs a chunk of code");
  const char *m[] = {"pathway", "--max-memory", "100K"};
  cr_expect_eq(parse(3, m), 2);
  cr_expect_str_eq(err, "pathway: --max-memory: 100K is below the minimum of 1M");
  const char *s[] = {"pathway", "--seed", "x"};
  cr_expect_eq(parse(3, s), 2);
  cr_expect_str_eq(err, "pathway: --seed: invalid seed 'x' (expected an integer)");
}

Test(options, words_after_chunks_are_their_arguments) {
  const char *argv[] = {"pathway", "-e", "print(arg[1])", "--seed", "2", "visits.csv", "-i"};
  cr_assert_eq(parse(7, argv), 0, "%s", err);
  cr_expect_eq(opt.script, 0, "with -e there is no script");
  cr_expect_eq(opt.chunk_args, 5);
  cr_expect_eq(opt.config.seed, 2);
  cr_expect_eq(opt.interactive, 0, "-i after the arguments is an argument");
}
