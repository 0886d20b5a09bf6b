/* json_parse.c: the strict JSON parser over cJSON, with exact positions. */
#include "json.h"
#include "json_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bits json_parse adds to cJSON's `type` field (cJSON uses the low 10
** bits; cJSON_Delete and cJSON_Is* ignore these). */
#define JSON_FLAG_INTEGER (1 << 12) /* number text was an integer within int64 */
#define JSON_FLAG_LENGTH (1 << 13)  /* string holds NUL bytes; length in valueint */

/* Integers up to 2^53 are exact in the double cJSON keeps; beyond it,
** json_parse keeps the digits in valuestring. */
#define JSON_EXACT_DOUBLE_INT ((int64_t)1 << 53)

/* --------------------------------------------------------------- parser */

/* json_parse runs the scanner below twice over the text. Pass 1 (item
** NULL) is a strict RFC 8259 validator with exact positions, because cJSON
** alone accepts too much ("01", "1.", raw control characters and any byte
** <= 0x20 as whitespace, "\uZZZZ") and its error offset is the global
** cJSON_GetErrorPtr or an approximate return_parse_end. Only text that
** passes is handed to cJSON. Pass 2 walks that text and cJSON's tree in
** step, which gives every key its position: it rejects duplicate keys
** (cJSON keeps them all and lookups would see the first), numbers that
** overflow a double, and marks integers and strings with NULs. */
typedef struct scanner {
  const unsigned char *s; /* the whole input */
  size_t n;               /* its length */
  size_t pos;             /* next byte to read */
  int depth;              /* containers open at pos */
  int status;             /* JSON_OK or the reported error */
  size_t err_pos;         /* position of the reported error */
  char *msg;              /* caller's message buffer */
  size_t msgsize;         /* its size */
} scanner;

/* A key seen in the object being checked for duplicates (pass 2). */
typedef struct key_ref {
  const char *key; /* decoded key, owned by the cJSON tree */
  size_t pos;      /* offset of its opening quote */
} key_ref;

/* Report an error at `pos` as "line:col: ...". In pass 2 an error found
** later in the walk may lie earlier in the text (a duplicate key is seen
** after the values between the two keys), so the earliest one wins. */
JSON_PRINTF(4, 5)
static int scan_error(scanner *sc, size_t pos, int status, const char *fmt, ...) {
  if (sc->status != JSON_OK && sc->err_pos <= pos)
    return sc->status;
  size_t line = 1, col = 1;
  for (size_t i = 0; i < pos && i < sc->n; i++) {
    if (sc->s[i] == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  int k = snprintf(sc->msg, sc->msgsize, "%zu:%zu: ", line, col);
  if (k > 0 && (size_t)k < sc->msgsize) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sc->msg + k, sc->msgsize - (size_t)k, fmt, ap);
    va_end(ap);
  }
  sc->status = status;
  sc->err_pos = pos;
  return status;
}

/* "invalid JSON near X" where X shows the byte at pos: the character
** itself when printable (a whole UTF-8 sequence: the input is valid
** UTF-8), its hex code for control bytes, or "end of input". */
static int syntax_error(scanner *sc, size_t pos, const char *hint) {
  char near[16];
  if (pos >= sc->n) {
    snprintf(near, sizeof near, "end of input");
  } else if (sc->s[pos] < 0x20 || sc->s[pos] == 0x7F) {
    snprintf(near, sizeof near, "byte 0x%02X", sc->s[pos]);
  } else {
    unsigned c = sc->s[pos];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len > sc->n - pos)
      len = sc->n - pos;
    snprintf(near, sizeof near, "'%.*s'", (int)len, (const char *)sc->s + pos);
  }
  return scan_error(sc, pos, JSON_ESYNTAX, "invalid JSON near %s%s%s%s", near,
                    hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
}

static void skip_ws(scanner *sc) {
  while (sc->pos < sc->n) {
    unsigned char c = sc->s[sc->pos];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      break;
    sc->pos++;
  }
}

/* The byte at pos, or -1 at the end of the input. */
static int peek(const scanner *sc) {
  return sc->pos < sc->n ? sc->s[sc->pos] : -1;
}

static int is_digit(const scanner *sc, size_t pos) {
  return pos < sc->n && sc->s[pos] >= '0' && sc->s[pos] <= '9';
}

/* The value of the 4 hex digits at p (avail bytes readable), or -1. */
static long hex4(const unsigned char *p, size_t avail) {
  if (avail < 4)
    return -1;
  char buf[5] = {(char)p[0], (char)p[1], (char)p[2], (char)p[3], '\0'};
  if (strspn(buf, "0123456789abcdefABCDEF") != 4)
    return -1;
  return strtol(buf, NULL, 16);
}

/* One escape at pos (the backslash); advances past it and adds the
** length of its UTF-8 form to *declen. Sets *nul for "\u0000". UTF-16
** surrogates must come as a high-low pair. */
static int scan_escape(scanner *sc, int *nul, size_t *declen) {
  size_t at = sc->pos;
  unsigned char c = at + 1 < sc->n ? sc->s[at + 1] : 0;
  if (c != 'u') {
    if (c == 0 || strchr("\"\\/bfnrt", c) == NULL)
      return syntax_error(sc, at, "invalid escape");
    sc->pos += 2;
    *declen += 1;
    return JSON_OK;
  }
  long u = hex4(sc->s + at + 2, sc->n - at - 2);
  if (u < 0)
    return syntax_error(sc, at, "\\u needs 4 hex digits");
  sc->pos += 6;
  *nul |= u == 0;
  *declen += u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0xD800 || u > 0xDFFF ? 3 : 4;
  if (u >= 0xDC00 && u <= 0xDFFF)
    return syntax_error(sc, at, "unpaired UTF-16 surrogate");
  if (u >= 0xD800 && u <= 0xDBFF) {
    size_t at2 = sc->pos; /* the second escape must be the low half */
    long lo = at2 + 1 < sc->n && sc->s[at2] == '\\' && sc->s[at2 + 1] == 'u'
                  ? hex4(sc->s + at2 + 2, sc->n - at2 - 2)
                  : -1;
    if (lo < 0xDC00 || lo > 0xDFFF)
      return syntax_error(sc, at, "unpaired UTF-16 surrogate");
    sc->pos += 6;
  }
  return JSON_OK;
}

/* A string at pos (the opening quote). cJSON decodes "\u0000" to a NUL
** byte and carries on, so its valuestring holds the whole string; pass 2
** only records the decoded length, which strlen would get wrong. Keys may
** not hold "\u0000": cJSON keeps them as C strings with no length field. */
static int scan_string(scanner *sc, int is_key, cJSON *item) {
  size_t start = sc->pos++, declen = 0;
  int nul = 0;
  for (;;) {
    if (sc->pos >= sc->n)
      return syntax_error(sc, sc->pos, "unterminated string");
    unsigned char c = sc->s[sc->pos];
    if (c == '"')
      break;
    if (c < 0x20)
      return syntax_error(sc, sc->pos, "control characters in strings must be escaped");
    if (c != '\\') {
      sc->pos++;
      declen++;
    } else if (scan_escape(sc, &nul, &declen) != JSON_OK) {
      return sc->status;
    }
  }
  sc->pos++;
  if (nul && is_key)
    return scan_error(sc, start, JSON_ESYNTAX,
                      "\\u0000 in an object key is not supported");
  if (!nul || item == NULL)
    return JSON_OK;
  if (declen > (size_t)0x7FFFFFFF)
    return scan_error(sc, start, JSON_ESYNTAX, "string with \\u0000 longer than 2 GiB");
  item->valueint = (int)declen;
  item->type |= JSON_FLAG_LENGTH;
  return JSON_OK;
}

/* Pass 2 for a number whose text has no fraction or exponent: mark it as
** an integer when it fits int64, keeping the digits when a double cannot
** hold it exactly. */
static int mark_integer(scanner *sc, size_t start, cJSON *item) {
  const unsigned char *p = sc->s + start;
  size_t len = sc->pos - start;
  int neg = *p == '-';
  uint64_t mag = 0, limit = neg ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1;
  for (size_t i = (size_t)neg; i < len; i++) {
    unsigned d = (unsigned)(p[i] - '0');
    if (mag > (limit - d) / 10)
      return JSON_OK; /* beyond int64: stays a float */
    mag = mag * 10 + d;
  }
  item->type |= JSON_FLAG_INTEGER;
  if (mag <= (uint64_t)JSON_EXACT_DOUBLE_INT)
    return JSON_OK;
  item->valuestring = cJSON_malloc(len + 1);
  if (item->valuestring == NULL)
    return scan_error(sc, start, JSON_ENOMEM, "not enough memory");
  memcpy(item->valuestring, p, len);
  item->valuestring[len] = '\0';
  return JSON_OK;
}

/* A number at pos, by RFC 8259's grammar. */
static int scan_number(scanner *sc, cJSON *item) {
  size_t start = sc->pos;
  int integral = 1;
  if (sc->s[sc->pos] == '-')
    sc->pos++;
  if (!is_digit(sc, sc->pos))
    return syntax_error(sc, sc->pos, NULL);
  if (sc->s[sc->pos] == '0')
    sc->pos++; /* no leading zeros: "01" fails at the '1' in the caller */
  else
    while (is_digit(sc, sc->pos))
      sc->pos++;
  if (peek(sc) == '.') {
    integral = 0;
    if (!is_digit(sc, ++sc->pos))
      return syntax_error(sc, sc->pos, "digits must follow '.'");
    while (is_digit(sc, sc->pos))
      sc->pos++;
  }
  if (peek(sc) == 'e' || peek(sc) == 'E') {
    integral = 0;
    sc->pos++;
    if (peek(sc) == '+' || peek(sc) == '-')
      sc->pos++;
    if (!is_digit(sc, sc->pos))
      return syntax_error(sc, sc->pos, "digits must follow the exponent");
    while (is_digit(sc, sc->pos))
      sc->pos++;
  }
  if (sc->pos - start > PW_JSON_MAX_NUMBER)
    return scan_error(sc, start, JSON_ESYNTAX, "number longer than %d characters",
                      PW_JSON_MAX_NUMBER);
  if (item == NULL)
    return JSON_OK;
  if (!isfinite(item->valuedouble))
    return scan_error(sc, start, JSON_ESYNTAX, "number out of range");
  return integral ? mark_integer(sc, start, item) : JSON_OK;
}

static int scan_value(scanner *sc, cJSON *item);

/* Pass 2 found the tree not matching the text. cJSON and the validator
** agree on all text pass 1 accepts, so this only guards that belief. */
static int internal_error(scanner *sc) {
  return scan_error(sc, sc->pos, JSON_ESYNTAX,
                    "internal error: cJSON disagrees with the validator");
}

/* Step into an array or object (pos at its bracket); *empty is set when
** the closing bracket follows at once, which is then consumed. */
static int open_container(scanner *sc, int close, int *empty) {
  if (sc->depth >= PW_JSON_MAX_DEPTH)
    return scan_error(sc, sc->pos, JSON_EDEPTH, "nesting deeper than %d",
                      PW_JSON_MAX_DEPTH);
  sc->depth++;
  sc->pos++;
  skip_ws(sc);
  *empty = peek(sc) == close;
  if (*empty) {
    sc->pos++;
    sc->depth--;
  }
  return JSON_OK;
}

/* After a member: 1 at the closing bracket (consumed), 0 after a comma
** (consumed, with the whitespace after it), or an error. */
static int next_member(scanner *sc, int close) {
  skip_ws(sc);
  if (peek(sc) == close) {
    sc->pos++;
    sc->depth--;
    return 1;
  }
  if (peek(sc) != ',')
    return syntax_error(sc, sc->pos, NULL), -1;
  sc->pos++;
  skip_ws(sc);
  if (peek(sc) == close)
    return syntax_error(sc, sc->pos, "trailing comma"), -1;
  return 0;
}

static int scan_array(scanner *sc, cJSON *item) {
  int empty, next = 0;
  if (open_container(sc, ']', &empty) != JSON_OK || empty)
    return sc->status;
  for (cJSON *child = item != NULL ? item->child : NULL; next == 0;
       child = child != NULL ? child->next : NULL) {
    if (item != NULL && child == NULL)
      return internal_error(sc);
    if (scan_value(sc, child) != JSON_OK)
      return sc->status;
    next = next_member(sc, ']');
  }
  return sc->status;
}

static int key_ref_cmp(const void *a, const void *b) {
  const key_ref *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  return c != 0 ? c : x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Report the first position at which a key repeats one before it, among
** keys[0..n). After sorting by (key, position), each group's second entry
** is that key's first repeat; the earliest of those is reported. */
static void check_duplicates(scanner *sc, key_ref *keys, size_t n) {
  if (n < 2)
    return;
  qsort(keys, n, sizeof *keys, key_ref_cmp);
  const key_ref *first = NULL;
  for (size_t i = 1; i < n; i++) {
    int repeat = strcmp(keys[i].key, keys[i - 1].key) == 0;
    int second = repeat && (i == 1 || strcmp(keys[i].key, keys[i - 2].key) != 0);
    if (second && (first == NULL || keys[i].pos < first->pos))
      first = &keys[i];
  }
  if (first == NULL)
    return;
  /* Show at most 40 bytes, cut on a character boundary, controls as '?'. */
  char shown[48];
  size_t klen = strlen(first->key), len = klen < 40 ? klen : 40;
  while (len > 0 && len < klen && ((unsigned char)first->key[len] & 0xC0) == 0x80)
    len--;
  for (size_t i = 0; i < len; i++)
    shown[i] = (unsigned char)first->key[i] < 0x20 ? '?' : first->key[i];
  shown[len] = '\0';
  scan_error(sc, first->pos, JSON_EDUPKEY, "duplicate key '%s'%s", shown,
             len < klen ? " (shortened)" : "");
}

/* Pass 2 records each key to find duplicates once the object is done; a
** failure inside a value stops the walk, and check_duplicates then still
** finds a repeat that came earlier in the text. */
static int scan_object(scanner *sc, cJSON *item) {
  key_ref local[8], *keys = local;
  size_t nkeys = 0, count = 0;
  int empty, next = 0;
  if (open_container(sc, '}', &empty) != JSON_OK || empty)
    return sc->status;
  for (const cJSON *c = item != NULL ? item->child : NULL; c != NULL; c = c->next)
    count++;
  if (count > sizeof local / sizeof local[0] &&
      (keys = malloc(count * sizeof *keys)) == NULL)
    return scan_error(sc, sc->pos, JSON_ENOMEM, "not enough memory");
  for (cJSON *child = item != NULL ? item->child : NULL; next == 0;
       child = child != NULL ? child->next : NULL) {
    size_t key_pos = sc->pos;
    if (peek(sc) != '"') {
      syntax_error(sc, sc->pos, "object keys must be strings");
      break;
    }
    if (scan_string(sc, 1, NULL) != JSON_OK)
      break;
    skip_ws(sc);
    if (peek(sc) != ':') {
      syntax_error(sc, sc->pos, NULL);
      break;
    }
    sc->pos++;
    skip_ws(sc);
    if (item != NULL && (child == NULL || nkeys == count)) {
      internal_error(sc);
      break;
    }
    if (item != NULL)
      keys[nkeys++] = (key_ref){child->string, key_pos};
    if (scan_value(sc, child) != JSON_OK)
      break;
    next = next_member(sc, '}');
  }
  check_duplicates(sc, keys, nkeys);
  if (keys != local)
    free(keys);
  return sc->status;
}

/* The literal `word` at pos; the error points at the first wrong byte. */
static int scan_literal(scanner *sc, const char *word) {
  for (size_t i = 0; word[i] != '\0'; i++, sc->pos++)
    if (sc->pos >= sc->n || sc->s[sc->pos] != (unsigned char)word[i])
      return syntax_error(sc, sc->pos, NULL);
  return JSON_OK;
}

/* One value at pos (whitespace already skipped); `item` is its cJSON
** node in pass 2 and NULL in pass 1. */
static int scan_value(scanner *sc, cJSON *item) {
  int c = peek(sc);
  int type = c == '{'                             ? cJSON_Object
             : c == '['                           ? cJSON_Array
             : c == '"'                           ? cJSON_String
             : c == 't'                           ? cJSON_True
             : c == 'f'                           ? cJSON_False
             : c == 'n'                           ? cJSON_NULL
             : c == '-' || (c >= '0' && c <= '9') ? cJSON_Number
                                                  : cJSON_Invalid;
  if (type == cJSON_Invalid)
    return syntax_error(sc, sc->pos, NULL);
  if (item != NULL && (item->type & 0xFF) != type)
    return internal_error(sc);
  if (type == cJSON_Object || type == cJSON_Array)
    return type == cJSON_Object ? scan_object(sc, item) : scan_array(sc, item);
  if (type == cJSON_String || type == cJSON_Number)
    return type == cJSON_String ? scan_string(sc, 0, item) : scan_number(sc, item);
  return scan_literal(sc, c == 't' ? "true" : c == 'f' ? "false" : "null");
}

/* cJSON_ParseWithLengthOpts is used with require_null_terminated = 0 on
** exactly the text after any BOM: the input need not be NUL-terminated and
** pass 1 has already rejected trailing bytes. Thread safety: we never read
** cJSON_GetErrorPtr, but cJSON itself still writes its global error record
** on failure and calls localeconv(); after pass 1 it fails only when out
** of memory. */
int json_parse(const char *s, size_t n, cJSON **out, char *msg, size_t msgsize) {
  *out = NULL;
  if (msgsize > 0)
    msg[0] = '\0';
  size_t bad;
  if (!json_utf8_check(s, n, &bad)) {
    snprintf(msg, msgsize, "invalid UTF-8 at byte %zu", bad + 1);
    return JSON_EUTF8;
  }
  scanner sc = {(const unsigned char *)s, n, 0, 0, JSON_OK, 0, msg, msgsize};
  size_t bom = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  sc.pos = bom; /* RFC 8259 §8.1 lets a parser ignore a byte order mark */
  skip_ws(&sc);
  if (sc.pos == n) {
    snprintf(msg, msgsize, "empty input");
    return JSON_ESYNTAX;
  }
  if (scan_value(&sc, NULL) != JSON_OK)
    return sc.status;
  skip_ws(&sc);
  if (sc.pos < n)
    return syntax_error(&sc, sc.pos, "text after the value");
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(s + bom, n - bom, &end, 0);
  if (root == NULL) {
    snprintf(msg, msgsize, "not enough memory");
    return JSON_ENOMEM;
  }
  sc.pos = bom;
  skip_ws(&sc);
  if (scan_value(&sc, root) != JSON_OK) {
    cJSON_Delete(root);
    return sc.status;
  }
  *out = root;
  return JSON_OK;
}

int json_number_integer(const cJSON *item, int64_t *out) {
  if (!cJSON_IsNumber(item) || !(item->type & JSON_FLAG_INTEGER))
    return 0;
  if (item->valuestring != NULL)
    *out =
        (int64_t)strtoll(item->valuestring, NULL, 10); /* fits: checked by mark_integer */
  else
    *out = (int64_t)item->valuedouble;
  return 1;
}

const char *json_string_value(const cJSON *item, size_t *len) {
  const char *s = item->valuestring != NULL ? item->valuestring : "";
  *len = (item->type & JSON_FLAG_LENGTH) ? (size_t)item->valueint : strlen(s);
  return s;
}
