/* csv_value.c: the text of a value: what the reader accepts per type and what the writer
 * prints. */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "csv_internal.h"
#include "frame/frame_ops.h"

/* Exact powers of ten: every one up to 1e22 is a double without rounding,
** which the fast paths below depend on. */
const double csv_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                            1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#define TWO_POW_53 9007199254740992.0

/* ---------------------------------------------------------------- integers */

/* What a forced int column accepts: an optional sign and decimal digits,
** leading zeros allowed (the user asked for numbers). */
int csv_parse_int_lenient(const char *s, size_t n, int64_t *out) {
  size_t i = (n > 0 && (s[0] == '-' || s[0] == '+'));
  while (i + 1 < n && s[i] == '0')
    i++;
  if (i == n)
    return 0;
  char buf[24];
  size_t nd = n - i;
  if (nd > 19)
    return 0;
  buf[0] = '-';
  memcpy(buf + 1, s + i, nd);
  int neg = s[0] == '-' && !(nd == 1 && s[i] == '0');
  return csv_infer_int(neg ? buf : buf + 1, neg ? nd + 1 : nd, out);
}

size_t csv_format_int(int64_t v, char *buf) {
  char tmp[24];
  size_t n = 0;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  size_t len = 0;
  if (v < 0)
    buf[len++] = '-';
  while (n)
    buf[len++] = tmp[--n];
  buf[len] = '\0';
  return len;
}

/* ----------------------------------------------------------------- numbers */

/* The C library's decimal point, which strtod and printf follow. */
static char locale_point(void) {
  const char *p = localeconv()->decimal_point;
  return p && p[0] ? p[0] : '.';
}

/* strtod of s[0..n) with '.' as the decimal point whatever the locale;
** 0 when the text is too long or not wholly consumed. */
static int strtod_c(const char *s, size_t n, double *out) {
  char buf[512];
  if (n >= sizeof buf)
    return 0;
  memcpy(buf, s, n);
  buf[n] = '\0';
  char point = locale_point();
  if (point != '.') {
    char *dot = memchr(buf, '.', n);
    if (dot)
      *dot = point;
  }
  char *end;
  *out = strtod(buf, &end);
  return end == buf + n;
}

/* The digits of a decimal number without leading or trailing zeros, and
** the power of ten of its last digit: value = digits * 10^exp. Returns
** the number of digits (0 for zero), or -1 when they do not fit. */
static int decimal_digits(const char *s, size_t n, char *digits, int cap, long *exp) {
  int nd = 0, in_frac = 0;
  long nfrac = 0, e = 0;
  size_t i = (n > 0 && (s[0] == '-' || s[0] == '+'));
  for (; i < n && s[i] != 'e' && s[i] != 'E'; i++) {
    if (s[i] == '.') {
      in_frac = 1;
      continue;
    }
    nfrac += in_frac;
    if (nd == 0 && s[i] == '0')
      continue;
    if (nd == cap)
      return -1;
    digits[nd++] = s[i];
  }
  if (i < n) { /* the exponent */
    int eneg = ++i < n && s[i] == '-';
    i += i < n && (s[i] == '-' || s[i] == '+');
    for (; i < n; i++)
      if (e < 100000)
        e = e * 10 + (s[i] - '0');
    e = eneg ? -e : e;
  }
  if (nd == 0) {
    *exp = 0;
    return 0;
  }
  long tz = 0;
  while (digits[nd - 1] == '0') {
    nd--;
    tz++;
  }
  *exp = e - nfrac + tz;
  return nd;
}

/* Whether the double v (read from s) is the decimal number s, as far as
** the reader's promise goes: its shortest printed form has the same
** digits and scale. "1.50" and 1.5 agree; "0.12345678901234567" and the
** nearest double do not. */
static int faithful(const char *s, size_t n, double v) {
  char shortest[CSV_VALUE_BUFSIZE];
  size_t len = csv_format_num(v, shortest);
  char d1[400], d2[CSV_VALUE_BUFSIZE];
  long e1, e2;
  int n1 = decimal_digits(s, n, d1, (int)sizeof d1, &e1);
  int n2 = decimal_digits(shortest, len, d2, (int)sizeof d2, &e2);
  if (n1 < 0 || n2 < 0 || n1 != n2 || (n1 > 0 && e1 != e2))
    return 0;
  if ((s[0] == '-') != (shortest[0] == '-'))
    return 0;
  return memcmp(d1, d2, (size_t)n1) == 0;
}

/* csv_infer_num beyond its inline fast path (csv_internal.h): exponents,
** many digits, NaN and Inf. The common case here too (at most 15
** significant digits, small exponent) is exact without strtod: such a
** decimal always survives the trip through a double. */
int csv_infer_num_slow(const char *s, size_t n, double *out) {
  if (n == 3 && memcmp(s, "NaN", 3) == 0) {
    *out = NAN;
    return 1;
  }
  if ((n == 3 && memcmp(s, "Inf", 3) == 0) || (n == 4 && memcmp(s, "-Inf", 4) == 0)) {
    *out = s[0] == '-' ? -INFINITY : INFINITY;
    return 1;
  }
  size_t i = (n > 0 && s[0] == '-');
  size_t start = i;
  uint64_t mant = 0;
  int nsig = 0;
  long scale = 0;
  for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
    if (mant || s[i] != '0')
      nsig++;
    if (nsig <= 19)
      mant = mant * 10 + (unsigned)(s[i] - '0');
    else
      scale++;
  }
  size_t nint = i - start;
  if (nint == 0 || (s[start] == '0' && nint > 1))
    return 0;
  if (i < n && s[i] == '.') {
    size_t f = ++i;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
      if (mant || s[i] != '0')
        nsig++;
      if (nsig <= 19) {
        mant = mant * 10 + (unsigned)(s[i] - '0');
        scale--;
      }
    }
    if (i == f)
      return 0;
  }
  long e = 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    int eneg = i < n && s[i] == '-';
    i += i < n && (s[i] == '-' || s[i] == '+');
    size_t f = i;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
      if (e < 100000)
        e = e * 10 + (s[i] - '0');
    if (i == f)
      return 0;
    e = eneg ? -e : e;
  }
  if (i != n)
    return 0;
  long e10 = scale + e;
  if (nsig <= 15 && e10 >= -22 && e10 <= 22) {
    double v = (double)mant;
    v = e10 < 0 ? v / csv_pow10[-e10] : v * csv_pow10[e10];
    *out = s[0] == '-' ? -v : v;
    return 1;
  }
  double v;
  if (!strtod_c(s, n, &v) || !isfinite(v))
    return 0;
  *out = v;
  return faithful(s, n, v);
}

/* What a forced num column accepts: an optional sign, digits with an
** optional point (".5" and "5." too), an optional exponent, or NaN/Inf;
** the nearest double, as strtod gives it. */
int csv_parse_num_lenient(const char *s, size_t n, double *out) {
  size_t i = (n > 0 && (s[0] == '-' || s[0] == '+'));
  if (n - i == 3 && (memcmp(s + i, "Inf", 3) == 0 || memcmp(s + i, "NaN", 3) == 0)) {
    double v = s[i] == 'N' ? NAN : INFINITY;
    *out = s[0] == '-' ? -v : v;
    return 1;
  }
  size_t digits = 0;
  for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); i++)
    digits += s[i] != '.';
  if (digits == 0)
    return 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    i += i < n && (s[i] == '-' || s[i] == '+');
    size_t f = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
    if (i == f)
      return 0;
  }
  size_t points = 0;
  for (size_t k = 0; k < n; k++)
    points += s[k] == '.';
  if (i != n || points > 1)
    return 0;
  return strtod_c(s, n, out);
}

/* Shortest text that strtod reads back as v. Most data has few decimals:
** the smallest k with round(v * 10^k) / 10^k == v gives it with integer
** arithmetic, and the check is exact (both operands are exact doubles and
** IEEE division rounds correctly, as strtod does). Others go through
** printf with 15, 16, then 17 digits. */
size_t csv_format_num(double v, char *buf) {
  if (isnan(v))
    return (size_t)snprintf(buf, CSV_VALUE_BUFSIZE, "NaN");
  if (isinf(v))
    return (size_t)snprintf(buf, CSV_VALUE_BUFSIZE, v < 0 ? "-Inf" : "Inf");
  if (v == 0)
    return (size_t)snprintf(buf, CSV_VALUE_BUFSIZE, signbit(v) ? "-0.0" : "0.0");
  double a = fabs(v);
  if (a >= 1e-5 && a < 1e15) {
    for (int k = 0; k <= 15 && a * csv_pow10[k] < TWO_POW_53; k++) {
      double m = floor(a * csv_pow10[k] + 0.5);
      if (m / csv_pow10[k] != a)
        continue;
      uint64_t mi = (uint64_t)m, p = (uint64_t)csv_pow10[k];
      size_t len = v < 0 ? (buf[0] = '-', 1) : 0;
      len += csv_format_int((int64_t)(mi / p), buf + len);
      buf[len++] = '.';
      if (k == 0) {
        buf[len++] = '0';
      } else {
        uint64_t f = mi % p;
        for (int d = k - 1; d >= 0; d--, f /= 10)
          buf[len + (size_t)d] = (char)('0' + f % 10);
        len += (size_t)k;
      }
      buf[len] = '\0';
      return len;
    }
  }
  /* for a normal double, 15 digits that read back are also the shortest
     (the 15-digit rounding of v keeps any shorter form's digits); a
     subnormal has fewer digits of precision, so every length is tried */
  size_t len = 0;
  char point = locale_point();
  for (int prec = a < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
    len = (size_t)snprintf(buf, CSV_VALUE_BUFSIZE, "%.*g", prec, v);
    char *dot = point != '.' ? memchr(buf, point, len) : NULL;
    if (dot)
      *dot = '.';
    double back;
    if (strtod_c(buf, len, &back) && back == v)
      break;
  }
  if (!memchr(buf, '.', len) && !memchr(buf, 'e', len)) {
    memcpy(buf + len, ".0", 3);
    len += 2;
  }
  return len;
}

/* ------------------------------------------------------------ bool, date */

/* true/false in three spellings. *lower: spelled as csv.write prints it,
** so the column can become str without a second pass. */
int csv_parse_bool(const char *s, size_t n, uint8_t *out, int *lower) {
  static const char *const spell[] = {"true", "TRUE", "True", "false", "FALSE", "False"};
  if (n != 4 && n != 5)
    return 0;
  for (int k = 0; k < 6; k++) {
    if (strlen(spell[k]) == n && memcmp(s, spell[k], n) == 0) {
      *out = k < 3;
      *lower = k == 0 || k == 3;
      return 1;
    }
  }
  return 0;
}

/* Dates are the frame module's (frame_date.c), so that the reader, the
** writer and the expression language agree on one calendar. */
int csv_parse_date(const char *s, size_t n, int32_t *days) {
  return frame_date_parse(s, n, days) == 0;
}

size_t csv_format_date(int32_t days, char *buf) {
  return frame_date_format(days, buf);
}

/* ------------------------------------------------------------------ UTF-8 */

/* Offset of the first byte of s[0..n) that is not part of valid UTF-8
** (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), or n.
** ASCII, the common case, is checked eight bytes at a time. */
size_t csv_utf8_check(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned c = p[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c < 0xC2 || c > 0xF4 || i + len > n)
      return i;
    unsigned c1 = p[i + 1];
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (c1 < lo || c1 > hi)
      return i;
    for (size_t k = 2; k < len; k++)
      if ((p[i + k] & 0xC0) != 0x80)
        return i;
    i += len;
  }
  return n;
}
