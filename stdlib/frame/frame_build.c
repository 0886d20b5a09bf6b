/* frame_build.c: building a column value by value, inferring its type. */
#include <string.h>

#include "frame_internal.h"

/* Used by frame.new, mutate and summarise, which see one Lua value at a
** time and learn the column's type from the values: the first non-NA
** value sets it, a later float turns an int column into num (in place:
** both are 8 bytes), and anything else mixed is refused, so a string
** among numbers is an error rather than a silent conversion. */

static size_t data_bytes(const frame_builder *b, size_t n) {
  return n * fi_type_width(b->type);
}

/* Room for `need` values: data and bitmap grow together; new slots are
** zero and present. */
static int grow(frame_builder *b, size_t need) {
  if (need > b->cap) {
    if (need > PW_FRAME_MAX_ROWS)
      return FRAME_ETOOBIG;
    size_t cap = b->cap < 16 ? 16 : b->cap * 2;
    if (cap < need)
      cap = need;
    if (b->data) {
      size_t o = data_bytes(b, b->cap), n = data_bytes(b, cap);
      char *d = frame_mem_realloc(&b->mem, b->data, o ? o : 1, n);
      if (d == NULL)
        return FRAME_ENOMEM;
      memset(d + o, 0, n - o);
      b->data = d;
    }
    b->cap = cap;
  }
  if (b->valid && b->vcap < b->cap) { /* also catches up after a failure */
    size_t o = fi_bitmap_bytes(b->vcap), n = fi_bitmap_bytes(b->cap);
    char *v = frame_mem_realloc(&b->mem, b->valid, o, n);
    if (v == NULL)
      return FRAME_ENOMEM;
    memset(v + o, 0xff, n - o);
    b->valid = (uint64_t *)(void *)v;
    b->vcap = b->cap;
  }
  return FRAME_OK;
}

/* Give the builder its type: the data array (and dictionary) appear. */
static int set_type(frame_builder *b, frame_type t) {
  b->type = t;
  if (t == FRAME_STR) {
    b->dict = frame_dict_new(&b->mem);
    if (b->dict == NULL)
      return FRAME_ENOMEM;
  }
  b->data = frame_mem_alloc(&b->mem, data_bytes(b, b->cap));
  if (b->data == NULL) {
    frame_dict_unref(b->dict);
    b->dict = NULL;
    return FRAME_ENOMEM;
  }
  memset(b->data, 0, data_bytes(b, b->cap));
  b->typed = 1;
  return FRAME_OK;
}

int frame_builder_init(frame_builder *b, const frame_mem *m, int type, size_t hint) {
  memset(b, 0, sizeof *b);
  b->mem = m ? *m : (frame_mem){.alloc = NULL};
  int status = FRAME_OK;
  if (type >= 0) {
    b->fixed = 1;
    status = set_type(b, (frame_type)type);
  }
  if (status == FRAME_OK && hint > 0)
    status = grow(b, hint);
  if (status != FRAME_OK)
    frame_builder_free(b);
  return status;
}

void frame_builder_free(frame_builder *b) {
  if (b->data)
    frame_mem_free(&b->mem, b->data, data_bytes(b, b->cap));
  if (b->valid)
    frame_mem_free(&b->mem, b->valid, fi_bitmap_bytes(b->vcap));
  frame_dict_unref(b->dict);
  frame_mem m = b->mem;
  memset(b, 0, sizeof *b);
  b->mem = m;
}

int frame_builder_na(frame_builder *b) {
  int status = grow(b, b->n + 1);
  if (status != FRAME_OK)
    return status;
  if (b->valid == NULL) {
    size_t bytes = fi_bitmap_bytes(b->cap);
    b->valid = frame_mem_alloc(&b->mem, bytes);
    if (b->valid == NULL)
      return FRAME_ENOMEM;
    memset(b->valid, 0xff, bytes);
    b->vcap = b->cap;
  }
  fi_bit_clear(b->valid, b->n++);
  b->n_na++;
  return FRAME_OK;
}

/* Ready to store one value of type t: typed, of that type, with room. */
static int prepare(frame_builder *b, frame_type t) {
  int status = grow(b, b->n + 1);
  if (status == FRAME_OK && !b->typed)
    status = set_type(b, t);
  if (status == FRAME_OK && b->type != t)
    status = FRAME_ETYPE;
  return status;
}

int frame_builder_int(frame_builder *b, int64_t v) {
  if (b->typed && b->type == FRAME_NUM)
    return frame_builder_num(b, (double)v);
  int status = prepare(b, FRAME_INT);
  if (status == FRAME_OK)
    ((int64_t *)b->data)[b->n++] = v;
  return status;
}

/* An int column becomes num: every value converted where it lies. */
static void promote_to_num(frame_builder *b) {
  for (size_t i = 0; i < b->n; i++) {
    int64_t v;
    memcpy(&v, (char *)b->data + i * 8, 8);
    double d = (double)v;
    memcpy((char *)b->data + i * 8, &d, 8);
  }
  b->type = FRAME_NUM;
}

int frame_builder_num(frame_builder *b, double v) {
  if (v != v)
    return frame_builder_na(b); /* NaN is missing (docs/frames.md) */
  if (b->typed && b->type == FRAME_INT) {
    int integral = v >= -9223372036854775808.0 && v < 9223372036854775808.0 &&
                   v == (double)(int64_t)v;
    if (b->fixed)
      return integral ? frame_builder_int(b, (int64_t)v) : FRAME_ETYPE;
    promote_to_num(b);
  }
  int status = prepare(b, FRAME_NUM);
  if (status == FRAME_OK)
    ((double *)b->data)[b->n++] = v;
  return status;
}

int frame_builder_bool(frame_builder *b, int v) {
  int status = prepare(b, FRAME_BOOL);
  if (status == FRAME_OK)
    ((uint8_t *)b->data)[b->n++] = v != 0;
  return status;
}

int frame_builder_date(frame_builder *b, int32_t days) {
  int status = prepare(b, FRAME_DATE);
  if (status == FRAME_OK)
    ((int32_t *)b->data)[b->n++] = days;
  return status;
}

int frame_builder_str(frame_builder *b, const char *s, size_t len) {
  int status = prepare(b, FRAME_STR);
  if (status != FRAME_OK)
    return status;
  int64_t code = frame_dict_intern(b->dict, s, len);
  if (code < 0)
    return FRAME_ENOMEM;
  ((uint32_t *)b->data)[b->n++] = (uint32_t)code;
  return FRAME_OK;
}

int frame_builder_finish(frame_builder *b, frame_column **out) {
  if (!b->typed)
    return FRAME_ETYPE;
  if (b->n > 0) { /* trim the buffers to the sizes the column frees */
    if (b->valid != NULL && b->n_na == 0) {
      frame_mem_free(&b->mem, b->valid, fi_bitmap_bytes(b->vcap));
      b->valid = NULL;
    }
    if (b->valid != NULL && b->vcap != b->n) {
      uint64_t *v = frame_mem_realloc(&b->mem, b->valid, fi_bitmap_bytes(b->vcap),
                                      fi_bitmap_bytes(b->n));
      if (v == NULL)
        return FRAME_ENOMEM;
      b->valid = v;
      b->vcap = b->n;
    }
    if (b->cap != b->n) {
      void *d =
          frame_mem_realloc(&b->mem, b->data, data_bytes(b, b->cap), data_bytes(b, b->n));
      if (d == NULL)
        return FRAME_ENOMEM;
      b->data = d;
      b->cap = b->n;
    }
  }
  frame_column *c = frame_column_new(&b->mem, b->type, 0, b->dict);
  if (c == NULL)
    return FRAME_ENOMEM;
  if (b->n > 0) { /* hand the buffers over */
    frame_mem_free(&c->mem, c->data, 0);
    c->data = b->data;
    c->valid = b->valid;
    c->n = b->n;
    c->n_na = b->n_na;
    b->data = NULL;
    b->valid = NULL;
  }
  frame_builder_free(b);
  *out = c;
  return FRAME_OK;
}
