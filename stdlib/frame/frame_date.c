/* frame_date.c: dates as days since 1970-01-01, to and from "YYYY-MM-DD". */
#include <stdio.h>

#include "frame_ops.h"

/* Howard Hinnant's days_from_civil and civil_from_days (public domain,
** "chrono-Compatible Low-Level Date Algorithms"): exact for the proleptic
** Gregorian calendar over the whole int32 range of days. */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

void frame_date_civil(int64_t z, int64_t *y, unsigned *m, unsigned *d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Digits s[0..n) as a number, or -1 when one is not a digit. */
static int digits(const char *s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int frame_date_parse(const char *s, size_t len, int32_t *days) {
  static const unsigned char mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (len != 10 || s[4] != '-' || s[7] != '-')
    return -1;
  int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1)
    return -1;
  int max = mdays[m - 1] + (m == 2 && leap(y));
  if (d > max)
    return -1;
  *days = (int32_t)days_from_civil(y, (unsigned)m, (unsigned)d);
  return 0;
}

size_t frame_date_format(int32_t days, char buf[FRAME_DATE_BUFSIZE]) {
  int64_t y;
  unsigned m, d;
  frame_date_civil(days, &y, &m, &d);
  int n = y >= 0 && y <= 9999
              ? snprintf(buf, FRAME_DATE_BUFSIZE, "%04d-%02u-%02u", (int)y, m, d)
              : snprintf(buf, FRAME_DATE_BUFSIZE, "%+05d-%02u-%02u", (int)y, m, d);
  return n > 0 ? (size_t)n : 0;
}
