/* json.h: the JSON core without Lua: writer, strict parser, UTF-8 check. */
#ifndef PW_STDLIB_JSON_H
#define PW_STDLIB_JSON_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* Deepest nesting of arrays and objects either direction accepts. cJSON
** refuses more than CJSON_NESTING_LIMIT (1000) levels, so writing deeper
** would produce text the parser cannot read back. */
#if !defined(PW_JSON_MAX_DEPTH)
#define PW_JSON_MAX_DEPTH 1000
#endif

/* Longest number token the parser accepts: cJSON copies a number into a
** 64-byte scratch buffer and silently stops after 63 characters, so a
** longer token would be misread rather than rejected. */
#if !defined(PW_JSON_MAX_NUMBER)
#define PW_JSON_MAX_NUMBER 63
#endif

/* Size of every message buffer: the writer's own and json_parse's `msg`. */
#define JSON_ERRMSG_SIZE 160

/* Size a caller needs for json_format_number's output, NUL included. */
#define JSON_NUMBER_BUFSIZE 32

/* Status of every core call. Once a writer call fails, the writer stays
** failed ("sticky") and every later call returns the same status. */
typedef enum json_status {
  JSON_OK = 0,  /* success */
  JSON_ENOMEM,  /* an allocation failed */
  JSON_EUTF8,   /* a string or the input is not valid UTF-8 */
  JSON_ENUMBER, /* NaN or an infinity cannot be written */
  JSON_EDEPTH,  /* nesting deeper than PW_JSON_MAX_DEPTH */
  JSON_EUSAGE,  /* writer calls out of order (key outside an object, ...) */
  JSON_ESYNTAX, /* the parser's input is not JSON (or is empty) */
  JSON_EDUPKEY  /* the parser found an object with a key given twice */
} json_status;

/* Same signature as lua_Alloc, so a Lua binding can pass lua_getallocf()
** and the output counts against the engine's memory limit. `osize` is the
** block's current size (0 for a new block); `nsize` 0 frees. */
typedef void *(*json_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

/* A streaming writer into one growable buffer. All fields are private to
** json.c; read the result with json_writer_finish. Plain data: it may live
** inside a Lua userdata (l_json.c) and be freed from __gc. */
typedef struct json_writer {
  char *buf;           /* output bytes; NULL until the first write */
  size_t len;          /* bytes used in buf */
  size_t cap;          /* bytes allocated for buf */
  json_alloc_fn alloc; /* allocator for buf (never NULL after init) */
  void *alloc_ud;      /* first argument of every alloc call */
  int indent;          /* spaces per nesting level; 0 writes compact */
  int depth;           /* open containers right now */
  int has_items;       /* the innermost open container has a value */
  int after_key;       /* a key was written and its value is due */
  int done;            /* a complete top-level value was written */
  int status;          /* first failure (json_status), sticky */
  size_t err_offset;   /* for JSON_EUTF8: 0-based offset of the bad byte */
  unsigned char
      is_object[(PW_JSON_MAX_DEPTH + 7) / 8]; /* bit d: level d+1 is an object */
  char errmsg[JSON_ERRMSG_SIZE];              /* why status is not JSON_OK */
} json_writer;

/* Prepare `w`; allocates nothing, so it cannot fail. `indent` is the number
** of spaces per level (0 = compact, clamped to 0..16). `alloc` NULL means
** realloc/free. */
void json_writer_init(json_writer *w, int indent, json_alloc_fn alloc, void *ud);

/* Release the buffer; `w` may then be initialized again. Safe to call twice
** and on a writer that json_writer_init has never allocated for. */
void json_writer_free(json_writer *w);

/* Structure. Each returns a json_status and, on failure, sets w->errmsg. */
int json_begin_object(json_writer *w);
int json_end_object(json_writer *w);
int json_begin_array(json_writer *w);
int json_end_array(json_writer *w);
int json_write_key(json_writer *w, const char *s, size_t n);

/* Values. Strings must be UTF-8 (JSON_EUTF8 gives the offset in
** w->err_offset); `"`, `\` and control characters are escaped, `/` and
** non-ASCII are not. json_write_number prints the shortest of %.15g,
** %.16g and %.17g that reads back equal; json_write_float does the same
** but appends ".0" to a bare integer ("2" -> "2.0") so that a reader that
** looks at the text can tell it was not an integer. Both reject NaN and
** infinities with JSON_ENUMBER. json_write_raw copies `s` verbatim as one
** value: the caller guarantees it is valid JSON. */
int json_write_string(json_writer *w, const char *s, size_t n);
int json_write_integer(json_writer *w, int64_t v);
int json_write_number(json_writer *w, double d);
int json_write_float(json_writer *w, double d);
int json_write_boolean(json_writer *w, int b);
int json_write_null(json_writer *w);
int json_write_raw(json_writer *w, const char *s, size_t n);

/* Check that exactly one complete value was written and hand out the text
** (NUL-terminated, `*len` excludes the NUL). The pointer stays owned by
** `w` and is valid until json_writer_free. */
int json_writer_finish(json_writer *w, const char **out, size_t *len);

/* Print `d` as json_write_number (mark_float 0) or json_write_float
** (mark_float 1) would, into `out`; returns the length, or 0 for NaN and
** infinities (nothing is written then). */
size_t json_format_number(double d, int mark_float, char out[JSON_NUMBER_BUFSIZE]);

/* 1 if s[0..n) is well-formed UTF-8, else 0 with *bad (if not NULL) set to
** the 0-based offset of the first byte of the first bad sequence. Rejects
** overlong forms, UTF-16 surrogates (U+D800..U+DFFF), code points above
** U+10FFFF and sequences cut short by the end of the input. */
int json_utf8_check(const char *s, size_t n, size_t *bad);

/* Parse exactly n bytes (no NUL terminator needed) as one JSON text.
** On success returns JSON_OK and sets *out to a tree the caller frees
** with cJSON_Delete. On failure returns a json_status, sets *out to NULL
** and writes a message (at most JSON_ERRMSG_SIZE bytes with its NUL) into
** msg, e.g. "1:9: invalid JSON near '}'", "1:8: duplicate key 'a'",
** "invalid UTF-8 at byte 5", "empty input". Lines and columns are 1-based
** and count bytes. Stricter than cJSON alone (see json.c). Reads no global
** error state; see json.c for the one global cJSON writes. */
int json_parse(const char *s, size_t n, cJSON **out, char *msg, size_t msgsize);

/* For a number item of a json_parse tree: 1 and *out set if the text was
** an integer (no fraction, no exponent) within int64, exactly; else 0. */
int json_number_integer(const cJSON *item, int64_t *out);

/* For a string item of a json_parse tree: its bytes and length. Unlike
** item->valuestring alone this keeps "\u0000" escapes as NUL bytes. */
const char *json_string_value(const cJSON *item, size_t *len);

#endif
