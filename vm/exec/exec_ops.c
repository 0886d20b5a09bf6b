/* exec_ops.c: the numeric, logical and comparison kernels: tight loops
** over one batch, with NA carried as a byte mask beside the values. */
#include <math.h>
#include <string.h>

#include "exec_int.h"

/* ------------------------------------------------------------ validity */

/* Values in NA rows are unspecified (often left over from other rows), so
** every kernel computes them and lets the mask decide; integer kernels use
** overflow-checked builtins so that garbage never means undefined behaviour. */

/* Eight validity bits to eight 0/1 bytes with one multiply: the low seven
** bits spread without carries into bytes 0-6, the top bit is shifted in.
** The byte order of the result is little-endian's. */
static uint64_t spread_byte(uint64_t b) {
  return (((b & 0x7f) * 0x0002040810204081ULL) & 0x0101010101010101ULL) | ((b >> 7) << 56);
}

void exec_expand_bits(uint8_t *out, const uint64_t *bits, size_t start, size_t n) {
  const uint64_t *w = bits + (start >> 6);   /* start is a multiple of 64 */
  size_t full = n / 64;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  for (size_t k = 0; k < full; k++) {
    uint64_t word = w[k];
    for (size_t j = 0; j < 8; j++) {
      uint64_t bytes = spread_byte((word >> (8 * j)) & 0xff);
      memcpy(out + k * 64 + j * 8, &bytes, 8);
    }
  }
#else
  full = 0;
#endif
  for (size_t j = full * 64; j < n; j++)
    out[j] = (uint8_t)((w[j >> 6] >> (j & 63)) & 1);
}

void exec_valid_and(exec_state *x, exec_reg *d, const exec_reg *a, const exec_reg *b) {
  size_t n = x->n;
  if (a->valid == NULL && b->valid == NULL) {
    d->valid = NULL;
  } else if (a->valid && b->valid) {
    for (size_t i = 0; i < n; i++)
      d->vbuf[i] = a->valid[i] & b->valid[i];
    d->valid = d->vbuf;
  } else {
    memcpy(d->vbuf, a->valid ? a->valid : b->valid, n);
    d->valid = d->vbuf;
  }
}

void exec_valid_copy(exec_state *x, exec_reg *d, const exec_reg *a) {
  if (a->valid == NULL) {
    d->valid = NULL;
    return;
  }
  memcpy(d->vbuf, a->valid, x->n);
  d->valid = d->vbuf;
}

/* d's mask, made writable (all present) if it was implicit. */
static uint8_t *own_valid(exec_state *x, exec_reg *d) {
  if (d->valid == NULL)
    memset(d->vbuf, 1, x->n);
  d->valid = d->vbuf;
  return d->vbuf;
}

/* NaN results become NA, counted for the warning (R's "NaNs produced"). */
static void nan_to_na(exec_state *x, exec_reg *d) {
  const double *v = d->data;
  int any = 0;
  for (size_t i = 0; i < x->n; i++)
    any |= v[i] != v[i];
  if (!any)
    return;
  uint8_t *ok = own_valid(x, d);
  for (size_t i = 0; i < x->n; i++) {
    if (v[i] != v[i]) {
      x->rep->nan += ok[i] != 0;
      ok[i] = 0;
    }
  }
}

/* ------------------------------------------------------------ integers */

/* One int64 operation with its failure flag (overflow, or % by 0). */
static int int_op(int op, int64_t a, int64_t b, int64_t *r) {
  switch (op) {
  case EXPR_OP_ADD_I: return __builtin_add_overflow(a, b, r);
  case EXPR_OP_SUB_I: return __builtin_sub_overflow(a, b, r);
  case EXPR_OP_MUL_I: return __builtin_mul_overflow(a, b, r);
  default:   /* MOD_I, floored like Lua and R: the result takes b's sign */
    if (b == 0 || b == -1) {
      *r = 0;   /* x % -1 is 0; INT64_MIN % -1 would trap */
      return b == 0;
    }
    *r = a % b;
    if (*r != 0 && (*r ^ b) < 0)
      *r += b;
    return 0;
  }
}

/* The loops are per op so each is a branch-free, vectorisable body; a
** second pass, only when some row failed, marks those rows NA. */
static void int_binary(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a), *b = REG(x, in->b);
  const int64_t *pa = a->data, *pb = b->data;
  int64_t *out = d->buf;
  size_t n = x->n;
  int bad = 0;
  switch (in->op) {
  case EXPR_OP_ADD_I:
    for (size_t i = 0; i < n; i++)
      bad |= __builtin_add_overflow(pa[i], pb[i], &out[i]);
    break;
  case EXPR_OP_SUB_I:
    for (size_t i = 0; i < n; i++)
      bad |= __builtin_sub_overflow(pa[i], pb[i], &out[i]);
    break;
  case EXPR_OP_MUL_I:
    for (size_t i = 0; i < n; i++)
      bad |= __builtin_mul_overflow(pa[i], pb[i], &out[i]);
    break;
  default:
    for (size_t i = 0; i < n; i++)
      bad |= int_op(EXPR_OP_MOD_I, pa[i], pb[i], &out[i]);
  }
  exec_valid_and(x, d, a, b);
  d->data = out;
  if (!bad)
    return;
  uint8_t *ok = own_valid(x, d);
  for (size_t i = 0; i < n; i++) {
    int64_t r;
    if (ok[i] && int_op(in->op, pa[i], pb[i], &r)) {
      ok[i] = 0;
      x->rep->overflow += in->op != EXPR_OP_MOD_I;   /* % 0 is NA by definition */
    }
  }
}

/* -a and |a|: only INT64_MIN has no int64 answer. */
static void int_unary(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a);
  const int64_t *pa = a->data;
  int64_t *out = d->buf;
  int bad = 0;
  for (size_t i = 0; i < x->n; i++) {
    int64_t v = pa[i];
    bad |= v == INT64_MIN;
    int64_t neg = v == INT64_MIN ? 0 : -v;
    out[i] = in->op == EXPR_OP_NEG_I ? neg : v < 0 ? neg : v;
  }
  exec_valid_copy(x, d, a);
  d->data = out;
  if (bad) {
    uint8_t *ok = own_valid(x, d);
    for (size_t i = 0; i < x->n; i++)
      if (pa[i] == INT64_MIN && ok[i]) {
        ok[i] = 0;
        x->rep->overflow++;
      }
  }
}

/* ------------------------------------------------------------ numbers */

/* Floored modulo of doubles, as Lua's: the result takes b's sign. */
static double num_mod(double a, double b) {
  double m = fmod(a, b);
  if ((m > 0) ? b < 0 : (m < 0 && b > 0))   /* signs differ: trunc was not floor */
    m += b;
  return m;
}

/* round(x, digits) as R 4: of the two numbers with `digits` decimals
** around x, the nearer one; on a tie, the one whose last digit is even. */
static double round_digits(double x, int64_t digits) {
  if (!isfinite(x))
    return x;
  if (digits == 0)
    return nearbyint(x);   /* ties to even in the default rounding mode */
  if (digits > 308)
    return x;
  if (digits < -308)
    return 0.0 * x;
  int up = digits > 0;
  double p = pow(10.0, (double)(up ? digits : -digits));
  double y = up ? x * p : x / p;
  if (!isfinite(y) || fabs(y) >= 4503599627370496.0)   /* 2^52: no decimals left */
    return x;
  double fl = floor(y), ce = ceil(y);
  double lo = up ? fl / p : fl * p, hi = up ? ce / p : ce * p;
  double dlo = x - lo, dhi = hi - x;
  if (dlo < dhi)
    return lo;
  if (dhi < dlo)
    return hi;
  return fmod(fl, 2.0) == 0 ? lo : hi;
}

static void num_binary(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a), *b = REG(x, in->b);
  const double *pa = a->data, *pb = b->data;
  double *out = d->buf;
  size_t n = x->n;
  switch (in->op) {
  case EXPR_OP_ADD_N: for (size_t i = 0; i < n; i++) out[i] = pa[i] + pb[i]; break;
  case EXPR_OP_SUB_N: for (size_t i = 0; i < n; i++) out[i] = pa[i] - pb[i]; break;
  case EXPR_OP_MUL_N: for (size_t i = 0; i < n; i++) out[i] = pa[i] * pb[i]; break;
  case EXPR_OP_DIV_N: for (size_t i = 0; i < n; i++) out[i] = pa[i] / pb[i]; break;
  case EXPR_OP_MOD_N: for (size_t i = 0; i < n; i++) out[i] = num_mod(pa[i], pb[i]); break;
  default: for (size_t i = 0; i < n; i++) out[i] = pow(pa[i], pb[i]); break;
  }
  exec_valid_and(x, d, a, b);
  d->data = out;
  nan_to_na(x, d);
}

static void num_unary(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a);
  const double *pa = a->data;
  double *out = d->buf;
  size_t n = x->n;
  switch (in->op) {
  case EXPR_OP_NEG_N: for (size_t i = 0; i < n; i++) out[i] = -pa[i]; break;
  case EXPR_OP_ABS_N: for (size_t i = 0; i < n; i++) out[i] = fabs(pa[i]); break;
  case EXPR_OP_LOG: for (size_t i = 0; i < n; i++) out[i] = log(pa[i]); break;
  case EXPR_OP_EXP: for (size_t i = 0; i < n; i++) out[i] = exp(pa[i]); break;
  case EXPR_OP_SQRT: for (size_t i = 0; i < n; i++) out[i] = sqrt(pa[i]); break;
  case EXPR_OP_FLOOR: for (size_t i = 0; i < n; i++) out[i] = floor(pa[i]); break;
  case EXPR_OP_CEIL: for (size_t i = 0; i < n; i++) out[i] = ceil(pa[i]); break;
  default: { /* EXPR_OP_I2N */
    const int64_t *iv = a->data;
    for (size_t i = 0; i < n; i++)
      out[i] = (double)iv[i];
  }
  }
  exec_valid_copy(x, d, a);
  d->data = out;
  if (in->op != EXPR_OP_I2N)
    nan_to_na(x, d);
}

static void num_round(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a);
  const double *pa = a->data;
  double *out = d->buf;
  if (in->b == EXPR_NOREG) {
    for (size_t i = 0; i < x->n; i++)
      out[i] = nearbyint(pa[i]);
    exec_valid_copy(x, d, a);
  } else {
    const exec_reg *b = REG(x, in->b);
    const int64_t *digits = b->data;
    for (size_t i = 0; i < x->n; i++)
      out[i] = round_digits(pa[i], digits[i]);
    exec_valid_and(x, d, a, b);
  }
  d->data = out;
}

void exec_op_num(exec_state *x, const expr_ins *in) {
  switch (in->op) {
  case EXPR_OP_ADD_I: case EXPR_OP_SUB_I: case EXPR_OP_MUL_I: case EXPR_OP_MOD_I:
    int_binary(x, in);
    break;
  case EXPR_OP_NEG_I: case EXPR_OP_ABS_I:
    int_unary(x, in);
    break;
  case EXPR_OP_ADD_N: case EXPR_OP_SUB_N: case EXPR_OP_MUL_N: case EXPR_OP_DIV_N:
  case EXPR_OP_MOD_N: case EXPR_OP_POW_N:
    num_binary(x, in);
    break;
  case EXPR_OP_ROUND:
    num_round(x, in);
    break;
  default:
    num_unary(x, in);
  }
}

/* ------------------------------------------------------------ logic */

/* Three-valued and/or (SQL, Kleene): a known false decides `and`, a known
** true decides `or`, whatever the other side; otherwise NA wins. */
static void logic_andor(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a), *b = REG(x, in->b);
  const uint8_t *va = a->data, *vb = b->data, *ka = a->valid, *kb = b->valid;
  uint8_t *out = d->buf;
  size_t n = x->n;
  int is_and = in->op == EXPR_OP_AND;
  d->data = out;
  if (ka == NULL && kb == NULL) {
    if (is_and)
      for (size_t i = 0; i < n; i++) out[i] = va[i] & vb[i];
    else
      for (size_t i = 0; i < n; i++) out[i] = va[i] | vb[i];
    d->valid = NULL;
    return;
  }
  uint8_t *ok = d->vbuf;
  for (size_t i = 0; i < n; i++) {
    uint8_t pa = ka ? ka[i] : 1, pb = kb ? kb[i] : 1;
    uint8_t ta = pa & va[i], tb = pb & vb[i];               /* known true */
    uint8_t fa = pa & (uint8_t)!va[i], fb = pb & (uint8_t)!vb[i];  /* known false */
    if (is_and) {
      out[i] = ta & tb;
      ok[i] = (uint8_t)(fa | fb | (ta & tb));
    } else {
      out[i] = ta | tb;
      ok[i] = (uint8_t)(ta | tb | (fa & fb));
    }
  }
  d->valid = ok;
}

#define CMP_LOOP(T, OP)                                   \
  do {                                                    \
    const T *pa = a->data, *pb = b->data;                 \
    for (size_t i = 0; i < n; i++) out[i] = pa[i] OP pb[i]; \
  } while (0)

#define CMP_SWITCH(T)                                     \
  switch ((expr_cmp)in->aux) {                            \
  case EXPR_EQ: CMP_LOOP(T, ==); break;                   \
  case EXPR_NE: CMP_LOOP(T, !=); break;                   \
  case EXPR_LT: CMP_LOOP(T, <); break;                    \
  case EXPR_LE: CMP_LOOP(T, <=); break;                   \
  case EXPR_GT: CMP_LOOP(T, >); break;                    \
  default: CMP_LOOP(T, >=); break;                        \
  }

static void logic_cmp(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a), *b = REG(x, in->b);
  uint8_t *out = d->buf;
  size_t n = x->n;
  if (in->op == EXPR_OP_CMP_I)
    CMP_SWITCH(int64_t)
  else if (in->op == EXPR_OP_CMP_N)
    CMP_SWITCH(double)
  else
    CMP_SWITCH(uint8_t)
  exec_valid_and(x, d, a, b);
  d->data = out;
}

/* x in (members): a hit is true; a miss is false, or NA when the list
** holds na (SQL: 3 in (1, NULL) is NULL). Lists are short: a linear scan. */
static void logic_in(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a);
  const expr_set *s = &x->p->sets[in->aux];
  const expr_const *m = &x->p->consts[s->first];
  uint8_t *out = d->buf;
  size_t n = x->n;
  for (size_t i = 0; i < n; i++)
    out[i] = 0;
  for (uint32_t k = 0; k < s->n; k++) {
    if (in->op == EXPR_OP_IN_I) {
      const int64_t *v = a->data;
      int64_t want = m[k].v.i;
      for (size_t i = 0; i < n; i++) out[i] |= v[i] == want;
    } else {
      const double *v = a->data;
      double want = m[k].v.d;
      for (size_t i = 0; i < n; i++) out[i] |= v[i] == want;
    }
  }
  exec_valid_copy(x, d, a);
  d->data = out;
  if (s->has_na) {
    uint8_t *ok = own_valid(x, d);
    for (size_t i = 0; i < n; i++)
      ok[i] &= out[i];
  }
}

void exec_op_logic(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a);
  uint8_t *out = d->buf;
  switch (in->op) {
  case EXPR_OP_AND: case EXPR_OP_OR:
    logic_andor(x, in);
    return;
  case EXPR_OP_CMP_I: case EXPR_OP_CMP_N: case EXPR_OP_CMP_B:
    logic_cmp(x, in);
    return;
  case EXPR_OP_IN_I: case EXPR_OP_IN_N:
    logic_in(x, in);
    return;
  case EXPR_OP_NOT: {
    const uint8_t *v = a->data;
    for (size_t i = 0; i < x->n; i++)
      out[i] = v[i] ^ 1;
    exec_valid_copy(x, d, a);
    break;
  }
  default: /* EXPR_OP_IS_NA */
    for (size_t i = 0; i < x->n; i++)
      out[i] = a->valid ? (uint8_t)!a->valid[i] : 0;
    d->valid = NULL;
  }
  d->data = out;
}

/* ------------------------------------------------------------ choices */

/* if_else(c, a, b): NA when c is NA; values of any width (1, 8, 16). */
static void misc_if_else(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *c = REG(x, in->a), *a = REG(x, in->b), *b = REG(x, in->c);
  size_t w = in->aux, n = x->n;
  const uint8_t *cv = c->data;
  const char *pa = a->data, *pb = b->data;
  char *out = d->buf;
  for (size_t i = 0; i < n; i++)
    memcpy(out + i * w, (cv[i] ? pa : pb) + i * w, w);
  d->data = out;
  if (!c->valid && !a->valid && !b->valid) {
    d->valid = NULL;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    uint8_t pc = c->valid ? c->valid[i] : 1;
    const uint8_t *k = cv[i] ? a->valid : b->valid;
    d->vbuf[i] = pc & (k ? k[i] : 1);
  }
  d->valid = d->vbuf;
}

/* coalesce(a, b): a where present, else b. */
static void misc_coalesce(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a), *b = REG(x, in->b);
  size_t w = in->aux, n = x->n;
  if (a->valid == NULL) {
    memcpy(d->buf, a->data, n * w);
    d->data = d->buf;
    d->valid = NULL;
    return;
  }
  const char *pa = a->data, *pb = b->data;
  char *out = d->buf;
  for (size_t i = 0; i < n; i++)
    memcpy(out + i * w, (a->valid[i] ? pa : pb) + i * w, w);
  d->data = out;
  if (b->valid == NULL) {
    d->valid = NULL;
    return;
  }
  for (size_t i = 0; i < n; i++)
    d->vbuf[i] = a->valid[i] | b->valid[i];
  d->valid = d->vbuf;
}

void exec_op_misc(exec_state *x, const expr_ins *in) {
  if (in->op == EXPR_OP_IF_ELSE) {
    misc_if_else(x, in);
    return;
  }
  if (in->op == EXPR_OP_COALESCE) {
    misc_coalesce(x, in);
    return;
  }
  exec_reg *d = REG(x, in->dst);   /* year(), month() */
  const exec_reg *a = REG(x, in->a);
  const int64_t *days = a->data;
  int64_t *out = d->buf;
  const int64_t far = (int64_t)1 << 40;   /* 3 billion years: no calendar */
  int bad = 0;
  for (size_t i = 0; i < x->n; i++) {
    int64_t y = 0;
    int m = 0;
    if (days[i] > -far && days[i] < far)
      expr_civil(days[i], &y, &m, NULL);
    else
      bad = 1;
    out[i] = in->op == EXPR_OP_YEAR ? y : m;
  }
  exec_valid_copy(x, d, a);
  d->data = out;
  if (bad) {
    uint8_t *ok = own_valid(x, d);
    for (size_t i = 0; i < x->n; i++)
      if (ok[i] && !(days[i] > -far && days[i] < far)) {
        ok[i] = 0;
        x->rep->overflow++;
      }
  }
}
