/* lex.c: the expression lexer: tokens with their line and column. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"

void expr_lex_init(compiler *cx, const char *src, size_t len) {
  cx->src = src;
  cx->len = len;
  cx->pos = 0;
  cx->line = 1;
  cx->col = 1;
}

static int peekc(const compiler *cx, size_t ahead) {
  size_t i = cx->pos + ahead;
  return i < cx->len ? (unsigned char)cx->src[i] : -1;
}

/* Consume one byte. Columns count characters, so UTF-8 continuation bytes
** do not advance them: a caret under a message lines up in a terminal. */
static void advance(compiler *cx) {
  unsigned char c = (unsigned char)cx->src[cx->pos++];
  if (c == '\n') {
    cx->line++;
    cx->col = 1;
  } else if ((c & 0xC0) != 0x80) {
    cx->col++;
  }
}

static int is_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_digit(int c) { return c >= '0' && c <= '9'; }

const char *expr_token_text(tok_kind k) {
  static const char *const text[] = {
    "end of expression", "name", "name", "number", "number", "string",
    "'and'", "'or'", "'not'", "'in'", "'true'", "'false'", "'na'",
    "'=='", "'!='", "'<'", "'<='", "'>'", "'>='", "'~'", "'!~'",
    "'+'", "'-'", "'*'", "'/'", "'%'", "'^'", "'('", "')'", "','"};
  return text[k];
}

/* Keywords are lower case, as in Lua and SQL written in lower case. */
static tok_kind keyword(const char *s, size_t n) {
  static const struct { const char *w; tok_kind k; } kw[] = {
    {"and", TK_AND}, {"or", TK_OR}, {"not", TK_NOT}, {"in", TK_IN},
    {"true", TK_TRUE}, {"false", TK_FALSE}, {"na", TK_NA}};
  for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
    if (strlen(kw[i].w) == n && memcmp(kw[i].w, s, n) == 0)
      return kw[i].k;
  return TK_NAME;
}

static int lex_name(compiler *cx, token *t) {
  size_t start = cx->pos;
  while (is_alpha(peekc(cx, 0)) || is_digit(peekc(cx, 0)))
    advance(cx);
  t->kind = keyword(cx->src + start, cx->pos - start);
  if (t->kind == TK_NAME)
    return cx_pool_add(cx, cx->src + start, cx->pos - start, &t->v.s);
  return 0;
}

/* `name`: any bytes but a backquote, so columns like `age (days)` work. */
static int lex_qname(compiler *cx, token *t) {
  advance(cx);
  size_t start = cx->pos;
  while (peekc(cx, 0) != '`') {
    if (peekc(cx, 0) < 0)
      return cx_error(cx, t->line, t->col, "unterminated `name` (no closing backquote)");
    advance(cx);
  }
  size_t n = cx->pos - start;
  advance(cx);
  if (n == 0)
    return cx_error(cx, t->line, t->col, "empty column name ``");
  t->kind = TK_QNAME;
  return cx_pool_add(cx, cx->src + start, n, &t->v.s);
}

/* Integers stay int64 (an out-of-range one is an error, not a silent
** double); a '.' or an exponent makes a num. */
static int lex_number(compiler *cx, token *t) {
  size_t start = cx->pos;
  int is_num = 0;
  while (is_digit(peekc(cx, 0)))
    advance(cx);
  if (peekc(cx, 0) == '.' && is_digit(peekc(cx, 1))) {
    is_num = 1;
    advance(cx);
    while (is_digit(peekc(cx, 0)))
      advance(cx);
  } else if (peekc(cx, 0) == '.' && cx->pos > start) {
    is_num = 1;   /* "2." */
    advance(cx);
  }
  if (peekc(cx, 0) == 'e' || peekc(cx, 0) == 'E') {
    size_t k = 1;
    if (peekc(cx, 1) == '+' || peekc(cx, 1) == '-')
      k = 2;
    if (is_digit(peekc(cx, k))) {
      is_num = 1;
      while (k--)
        advance(cx);
      while (is_digit(peekc(cx, 0)))
        advance(cx);
    }
  }
  size_t n = cx->pos - start;
  if (is_alpha(peekc(cx, 0)) || n >= 64) {
    while (is_alpha(peekc(cx, 0)) || is_digit(peekc(cx, 0)))
      advance(cx);
    return cx_error(cx, t->line, t->col, "malformed number '%.*s'",
                    (int)(cx->pos - start > 40 ? 40 : cx->pos - start), cx->src + start);
  }
  char buf[64];
  memcpy(buf, cx->src + start, n);
  buf[n] = '\0';
  if (is_num) {
    t->kind = TK_NUM;
    t->v.d = strtod(buf, NULL);   /* the C locale: '.' is the decimal point */
    return 0;
  }
  errno = 0;
  long long v = strtoll(buf, NULL, 10);
  if (errno == ERANGE)
    return cx_error(cx, t->line, t->col,
                    "integer %s is too large (at most 9223372036854775807; "
                    "write %s.0 for a num)", buf, buf);
  t->kind = TK_INT;
  t->v.i = v;
  return 0;
}

/* '...' or "...": \' \" \\ are escapes; any other backslash stays, so a
** pattern like '^c\.[0-9]+' reaches PCRE2 as written. */
static int lex_string(compiler *cx, token *t) {
  int quote = peekc(cx, 0);
  advance(cx);
  uint32_t off = cx->npool;
  for (;;) {
    int c = peekc(cx, 0);
    if (c < 0)
      return cx_error(cx, t->line, t->col, "unterminated string");
    if (c == quote)
      break;
    size_t from = cx->pos;
    advance(cx);
    if (c == '\\' && (peekc(cx, 0) == '\'' || peekc(cx, 0) == '"' || peekc(cx, 0) == '\\')) {
      from = cx->pos;   /* keep only the escaped character */
      advance(cx);
    }
    pool_str piece;
    if (cx_pool_add(cx, cx->src + from, cx->pos - from, &piece) != 0)
      return -1;
    cx->npool--;       /* pieces join: drop the NUL between them */
  }
  advance(cx);
  pool_str s;
  if (cx_pool_add(cx, "", 0, &s) != 0)   /* the final NUL */
    return -1;
  t->kind = TK_STR;
  t->v.s.off = off;
  t->v.s.len = cx->npool - 1 - off;
  return 0;
}

/* Operators, with a hint for the spellings of Lua, C and SQL that mean
** something else here. */
static int lex_operator(compiler *cx, token *t) {
  int c = peekc(cx, 0), d = peekc(cx, 1);
  static const char ops1[] = "+-*/%^(),<>~";
  static const tok_kind kinds1[] = {TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_PERCENT,
                                    TK_CARET, TK_LPAREN, TK_RPAREN, TK_COMMA,
                                    TK_LT, TK_GT, TK_MATCH};
  if (c == '~' && d == '=')
    return cx_error(cx, t->line, t->col, "'~=' is not an operator here; write != for not equal");
  if (c == '<' && d == '>')
    return cx_error(cx, t->line, t->col, "'<>' is not an operator here; write != for not equal");
  if ((c == '&' || c == '|'))
    return cx_error(cx, t->line, t->col, "unexpected '%c'; write %s", c, c == '&' ? "and" : "or");
  if (c == '=' || c == '!' || c == '<' || c == '>') {
    tok_kind two = c == '=' ? TK_EQ : c == '!' ? TK_NE : c == '<' ? TK_LE : TK_GE;
    if (d == '=' || (c == '!' && d == '~')) {
      advance(cx);
      advance(cx);
      t->kind = d == '~' ? TK_NMATCH : two;
      return 0;
    }
    if (c == '=')
      return cx_error(cx, t->line, t->col, "'=' is not an operator here; write == to compare");
    if (c == '!')
      return cx_error(cx, t->line, t->col, "unexpected '!'; write not, != or !~");
  }
  const char *p = c > 0 ? strchr(ops1, c) : NULL;
  if (p == NULL) {
    size_t n = 1;   /* show a whole UTF-8 character */
    while (n < 4 && (peekc(cx, n) & 0xC0) == 0x80)
      n++;
    return cx_error(cx, t->line, t->col, "unexpected character '%.*s'", (int)n, cx->src + cx->pos);
  }
  advance(cx);
  t->kind = kinds1[p - ops1];
  return 0;
}

int expr_lex_next(compiler *cx) {
  token *t = &cx->tok;
  for (;;) {
    int c = peekc(cx, 0);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
      advance(cx);
    else
      break;
  }
  memset(t, 0, sizeof *t);
  t->line = cx->line;
  t->col = cx->col;
  t->pos = cx->pos;
  int c = peekc(cx, 0), status;
  if (c < 0) {
    t->kind = TK_EOF;
    status = 0;
  } else if (is_alpha(c)) {
    status = lex_name(cx, t);
  } else if (c == '`') {
    status = lex_qname(cx, t);
  } else if (is_digit(c) || (c == '.' && is_digit(peekc(cx, 1)))) {
    status = lex_number(cx, t);
  } else if (c == '\'' || c == '"') {
    status = lex_string(cx, t);
  } else {
    status = lex_operator(cx, t);
  }
  t->end = cx->pos;
  return status;
}
