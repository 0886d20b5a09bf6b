/* frame_key.c: rows to dense key codes (factorizing), for group, distinct and join. */
#include <string.h>

#include "frame_internal.h"

/* Each key column is factorized on its own, with a loop per type: booleans
** and small integer ranges by direct lookup, dictionary strings once per
** dictionary code, other values through an open-addressing hash table.
** Several key columns are then combined pairwise, code * k2 + code2,
** and that 64-bit key factorized again (as pandas does). Codes are handed
** out in order of first occurrence, so a group's code is stable. */

/* Direct lookup tables are used while they stay this small relative to
** the rows (entries per row), or under this many entries in any case. */
#define DIRECT_PER_ROW 4
#define DIRECT_MIN 4096

#define CANON_NAN 0x7ff8000000000000ULL /* the bits every NaN key is given */

/* The parts and keys being factorized (fi_key_codes's arguments). */
typedef struct keyer {
  const frame_mem *m;              /* scratch allocator */
  size_t nparts;                   /* frames whose rows share the code space */
  const size_t *part_rows;         /* rows of each part */
  const frame_column *const *cols; /* nparts * nkeys columns, by part */
  size_t nkeys;                    /* key columns per part */
  int na_matches;                  /* NA is a key value (else: no code) */
  size_t total;                    /* rows of all parts */
} keyer;

static const frame_column *kcol(const keyer *ky, size_t p, size_t k) {
  return ky->cols[p * ky->nkeys + k];
}

/* MurmurHash3's finalizer: spreads every input bit over the output. */
static uint64_t mix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

/* FNV-1a, as the dictionaries use. */
static uint32_t hash_str(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* ------------------------------------------------------- integer keys */

typedef struct u64slot {
  uint64_t key;   /* the key */
  uint32_t code1; /* its code + 1; 0: empty slot */
} u64slot;

/* Open-addressing map from 64-bit keys to codes, kept under half full. */
typedef struct u64map {
  const frame_mem *m; /* allocator of slots */
  u64slot *slots;     /* nslots entries */
  size_t nslots;      /* a power of two */
  size_t n;           /* keys held */
} u64map;

static int u64map_init(u64map *mp, const frame_mem *m) {
  mp->m = m;
  mp->nslots = 256;
  mp->n = 0;
  mp->slots = fi_alloc_array(m, mp->nslots, sizeof *mp->slots);
  if (mp->slots == NULL)
    return FRAME_ENOMEM;
  memset(mp->slots, 0, mp->nslots * sizeof *mp->slots);
  return FRAME_OK;
}

static void u64map_free(u64map *mp) {
  fi_free_array(mp->m, mp->slots, mp->nslots, sizeof *mp->slots);
  mp->slots = NULL;
}

/* Rehash into nslots slots (a power of two, above 2 * n). */
static int u64map_resize(u64map *mp, size_t nslots) {
  u64slot *slots = fi_alloc_array(mp->m, nslots, sizeof *slots);
  if (slots == NULL)
    return FRAME_ENOMEM;
  memset(slots, 0, nslots * sizeof *slots);
  for (size_t i = 0; i < mp->nslots; i++) {
    if (mp->slots[i].code1 == 0)
      continue;
    size_t j = mix64(mp->slots[i].key) & (nslots - 1);
    while (slots[j].code1)
      j = (j + 1) & (nslots - 1);
    slots[j] = mp->slots[i];
  }
  u64map_free(mp);
  mp->slots = slots;
  mp->nslots = nslots;
  return FRAME_OK;
}

static int u64map_grow(u64map *mp) {
  return u64map_resize(mp, mp->nslots * 2);
}

/* Room for `count` keys at once: one rehash instead of a dozen doublings. */
static int u64map_reserve(u64map *mp, size_t count) {
  size_t nslots = mp->nslots;
  while (nslots / 2 < count && nslots < SIZE_MAX / 4)
    nslots *= 2;
  return nslots == mp->nslots ? FRAME_OK : u64map_resize(mp, nslots);
}

/* The code of key; a new key gets *next (which advances). */
static int u64map_intern(u64map *mp, uint64_t key, uint32_t *next, uint32_t *code) {
  for (;;) {
    size_t mask = mp->nslots - 1;
    size_t i = mix64(key) & mask;
    for (; mp->slots[i].code1; i = (i + 1) & mask)
      if (mp->slots[i].key == key) {
        *code = mp->slots[i].code1 - 1;
        return FRAME_OK;
      }
    if ((mp->n + 1) * 2 <= mp->nslots) {
      mp->slots[i].key = key;
      mp->slots[i].code1 = *next + 1;
      mp->n++;
      *code = (*next)++;
      return FRAME_OK;
    }
    if (u64map_grow(mp) != FRAME_OK)
      return FRAME_ENOMEM;
  }
}

/* The NA code (first NA seen gets the next code), or NONE without na_matches. */
static uint32_t na_code(const keyer *ky, uint32_t *na, uint32_t *next) {
  if (!ky->na_matches)
    return FRAME_ROW_NONE;
  if (*na == FRAME_ROW_NONE)
    *na = (*next)++;
  return *na;
}

/* Booleans: three possible keys, a table of three codes. */
static void bool_codes(const keyer *ky, size_t k, frame_row *out, uint32_t *next) {
  uint32_t table[2] = {FRAME_ROW_NONE, FRAME_ROW_NONE}, na = FRAME_ROW_NONE;
  size_t at = 0;
  for (size_t p = 0; p < ky->nparts; p++) {
    const frame_column *c = kcol(ky, p, k);
    const uint8_t *v = c->data;
    for (size_t i = 0; i < ky->part_rows[p]; i++) {
      if (frame_is_na(c, i)) {
        out[at++] = na_code(ky, &na, next);
        continue;
      }
      if (table[v[i]] == FRAME_ROW_NONE)
        table[v[i]] = (*next)++;
      out[at++] = table[v[i]];
    }
  }
}

/* The range of the non-NA values of an int or date key; 0 when all NA. */
static int int_range(const keyer *ky, size_t k, int64_t *lo, int64_t *hi) {
  int any = 0;
  int64_t mn = INT64_MAX, mx = INT64_MIN;
  for (size_t p = 0; p < ky->nparts; p++) {
    const frame_column *c = kcol(ky, p, k);
    for (size_t i = 0; i < ky->part_rows[p]; i++) {
      if (frame_is_na(c, i))
        continue;
      int64_t v = c->type == FRAME_INT ? ((const int64_t *)c->data)[i]
                                       : ((const int32_t *)c->data)[i];
      mn = v < mn ? v : mn;
      mx = v > mx ? v : mx;
      any = 1;
    }
  }
  *lo = mn;
  *hi = mx;
  return any;
}

/* Ints or dates in a small range: a table indexed by value - lo. */
static int int_direct_codes(const keyer *ky, size_t k, int64_t lo, size_t range,
                            frame_row *out, uint32_t *next) {
  uint32_t *table = fi_alloc_array(ky->m, range, sizeof *table);
  if (table == NULL)
    return FRAME_ENOMEM;
  memset(table, 0xff, range * sizeof *table); /* all FRAME_ROW_NONE */
  uint32_t na = FRAME_ROW_NONE;
  size_t at = 0;
  for (size_t p = 0; p < ky->nparts; p++) {
    const frame_column *c = kcol(ky, p, k);
    const int64_t *v64 = c->type == FRAME_INT ? c->data : NULL;
    const int32_t *v32 = c->type == FRAME_DATE ? c->data : NULL;
    for (size_t i = 0; i < ky->part_rows[p]; i++) {
      if (frame_is_na(c, i)) {
        out[at++] = na_code(ky, &na, next);
        continue;
      }
      uint64_t slot = v64 ? (uint64_t)v64[i] - (uint64_t)lo : (uint64_t)(v32[i] - lo);
      if (table[slot] == FRAME_ROW_NONE)
        table[slot] = (*next)++;
      out[at++] = table[slot];
    }
  }
  fi_free_array(ky->m, table, range, sizeof *table);
  return FRAME_OK;
}

/* A double as an int64 when it is integral and in range (so that int and
** num keys compare by value); NaN made canonical otherwise. */
static int num_integral(double d, int64_t *iv, uint64_t *bits) {
  if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 &&
      d == (double)(int64_t)d) { /* false for NaN */
    *iv = (int64_t)d;
    return 1;
  }
  if (d != d)
    *bits = CANON_NAN; /* every NaN is one key */
  else
    memcpy(bits, &d, sizeof *bits);
  return 0;
}

/* What row_key found: where the row's key goes. */
enum key_kind {
  KEY_NA = 0,   /* NA: the NA code, or none */
  KEY_INTEGRAL, /* an int, date or integral double: the ints map */
  KEY_OTHER,    /* another double: the others map, by its bits */
  KEY_NONE      /* a NaN that must not match */
};

/* The key of row i of c (int, date or num). */
static enum key_kind row_key(const keyer *ky, const frame_column *c, size_t i,
                             uint64_t *key) {
  if (frame_is_na(c, i))
    return KEY_NA;
  int64_t iv;
  if (c->type == FRAME_INT) {
    iv = ((const int64_t *)c->data)[i];
  } else if (c->type == FRAME_DATE) {
    iv = ((const int32_t *)c->data)[i];
  } else if (!num_integral(((const double *)c->data)[i], &iv, key)) {
    return !ky->na_matches && *key == CANON_NAN ? KEY_NONE : KEY_OTHER;
  }
  *key = (uint64_t)iv;
  return KEY_INTEGRAL;
}

/* Rows are keyed a block at a time and their slots prefetched before the
** lookups: with millions of distinct keys the table is far larger than
** the caches, and the misses then overlap instead of queueing. */
#define KEY_BLOCK 32

/* After this many rows, a map holding more than half as many keys is sized
** at once for the distinct keys expected in all the rows: s rows with d
** distinct keys drawn from D suggest D = s^2 / (2 (s - d)) (the birthday
** estimate), all rows when none repeated. One rehash then replaces a dozen
** doublings, which matters for near-unique columns (ids). */
#define KEY_SAMPLE 65536
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Ints, dates and nums through hash maps: one for integral values, one
** for the bits of other doubles, sharing the code counter. */
static int hashed_num_codes(const keyer *ky, size_t k, frame_row *out, uint32_t *next) {
  u64map maps[2]; /* ints, others */
  if (u64map_init(&maps[0], ky->m) != FRAME_OK)
    return FRAME_ENOMEM;
  if (u64map_init(&maps[1], ky->m) != FRAME_OK) {
    u64map_free(&maps[0]);
    return FRAME_ENOMEM;
  }
  int status = FRAME_OK;
  uint32_t na = FRAME_ROW_NONE;
  size_t at = 0;
  for (size_t p = 0; p < ky->nparts && status == FRAME_OK; p++) {
    const frame_column *c = kcol(ky, p, k);
    size_t n = ky->part_rows[p];
    for (size_t i0 = 0; i0 < n && status == FRAME_OK; i0 += KEY_BLOCK) {
      size_t len = n - i0 < KEY_BLOCK ? n - i0 : KEY_BLOCK;
      uint64_t keys[KEY_BLOCK];
      uint8_t kinds[KEY_BLOCK];
      for (size_t j = 0; j < len; j++) {
        kinds[j] = (uint8_t)row_key(ky, c, i0 + j, &keys[j]);
        if (kinds[j] == KEY_INTEGRAL || kinds[j] == KEY_OTHER) {
          const u64map *mp = &maps[kinds[j] - KEY_INTEGRAL];
          PREFETCH(&mp->slots[mix64(keys[j]) & (mp->nslots - 1)]);
        }
      }
      for (size_t j = 0; j < len && status == FRAME_OK; j++, at++) {
        if (kinds[j] == KEY_NA)
          out[at] = na_code(ky, &na, next);
        else if (kinds[j] == KEY_NONE)
          out[at] = FRAME_ROW_NONE; /* NaN never matches */
        else
          status = u64map_intern(&maps[kinds[j] - KEY_INTEGRAL], keys[j], next, &out[at]);
      }
      if (at == KEY_SAMPLE && status == FRAME_OK) {
        u64map *big = maps[0].n >= maps[1].n ? &maps[0] : &maps[1];
        size_t repeats = KEY_SAMPLE - big->n;
        double expect = repeats == 0
                            ? (double)ky->total
                            : (double)KEY_SAMPLE * KEY_SAMPLE / (2.0 * (double)repeats);
        if (big->n > KEY_SAMPLE / 2)
          status = u64map_reserve(big, expect < (double)ky->total ? (size_t)expect
                                                                  : ky->total);
      }
    }
  }
  u64map_free(&maps[0]);
  u64map_free(&maps[1]);
  return status;
}

static int numeric_codes(const keyer *ky, size_t k, int mixed, frame_row *out,
                         uint32_t *next) {
  frame_type t = kcol(ky, 0, k)->type;
  if (!mixed && (t == FRAME_INT || t == FRAME_DATE)) {
    int64_t lo, hi;
    if (!int_range(ky, k, &lo, &hi)) {
      lo = 0;
      hi = 0;
    }
    uint64_t span = (uint64_t)hi - (uint64_t)lo;
    size_t limit =
        ky->total > SIZE_MAX / DIRECT_PER_ROW ? SIZE_MAX : ky->total * DIRECT_PER_ROW;
    if (limit < DIRECT_MIN)
      limit = DIRECT_MIN;
    if (span < limit)
      return int_direct_codes(ky, k, lo, (size_t)span + 1, out, next);
  }
  return hashed_num_codes(ky, k, out, next);
}

/* -------------------------------------------------------- string keys */

typedef struct strslot {
  const char *s;  /* the string (in a column or dictionary) */
  size_t len;     /* its length */
  uint32_t hash;  /* hash_str of it */
  uint32_t code1; /* code + 1; 0: empty slot */
} strslot;

/* Open-addressing map from strings to codes, kept under half full. */
typedef struct strmap {
  const frame_mem *m; /* allocator of slots */
  strslot *slots;     /* nslots entries */
  size_t nslots;      /* a power of two */
  size_t n;           /* strings held */
} strmap;

static int strmap_init(strmap *mp, const frame_mem *m) {
  mp->m = m;
  mp->nslots = 256;
  mp->n = 0;
  mp->slots = fi_alloc_array(m, mp->nslots, sizeof *mp->slots);
  if (mp->slots == NULL)
    return FRAME_ENOMEM;
  memset(mp->slots, 0, mp->nslots * sizeof *mp->slots);
  return FRAME_OK;
}

static void strmap_free(strmap *mp) {
  fi_free_array(mp->m, mp->slots, mp->nslots, sizeof *mp->slots);
  mp->slots = NULL;
}

static int strmap_grow(strmap *mp) {
  size_t nslots = mp->nslots * 2;
  strslot *slots = fi_alloc_array(mp->m, nslots, sizeof *slots);
  if (slots == NULL)
    return FRAME_ENOMEM;
  memset(slots, 0, nslots * sizeof *slots);
  for (size_t i = 0; i < mp->nslots; i++) {
    if (mp->slots[i].code1 == 0)
      continue;
    size_t j = mp->slots[i].hash & (nslots - 1);
    while (slots[j].code1)
      j = (j + 1) & (nslots - 1);
    slots[j] = mp->slots[i];
  }
  strmap_free(mp);
  mp->slots = slots;
  mp->nslots = nslots;
  return FRAME_OK;
}

static int strmap_intern(strmap *mp, const char *s, size_t len, uint32_t *next,
                         uint32_t *code) {
  uint32_t h = hash_str(s, len);
  for (;;) {
    size_t mask = mp->nslots - 1;
    size_t i = h & mask;
    for (; mp->slots[i].code1; i = (i + 1) & mask) {
      const strslot *e = &mp->slots[i];
      if (e->hash == h && e->len == len && memcmp(e->s, s, len) == 0) {
        *code = e->code1 - 1;
        return FRAME_OK;
      }
    }
    if ((mp->n + 1) * 2 <= mp->nslots) {
      mp->slots[i] = (strslot){s, len, h, *next + 1};
      mp->n++;
      *code = (*next)++;
      return FRAME_OK;
    }
    if (strmap_grow(mp) != FRAME_OK)
      return FRAME_ENOMEM;
  }
}

/* One part's dictionary column: each dictionary code is looked up once,
** on its first row; the map array is reused while parts share a dict. */
static int dict_part_codes(const frame_column *c, size_t n, strmap *mp, int use_map,
                           uint32_t *dmap, frame_row *out, uint32_t *next,
                           const keyer *ky, uint32_t *na) {
  const uint32_t *codes = c->data;
  for (size_t i = 0; i < n; i++) {
    if (frame_is_na(c, i)) {
      out[i] = na_code(ky, na, next);
      continue;
    }
    uint32_t d = codes[i];
    if (dmap[d] == FRAME_ROW_NONE) {
      if (!use_map) {
        dmap[d] = (*next)++; /* one dictionary: distinct codes, distinct strings */
      } else {
        size_t len;
        const char *s = frame_dict_str(c->dict, d, &len);
        if (strmap_intern(mp, s, len, next, &dmap[d]) != FRAME_OK)
          return FRAME_ENOMEM;
      }
    }
    out[i] = dmap[d];
  }
  return FRAME_OK;
}

static int plain_part_codes(const frame_column *c, size_t n, strmap *mp, frame_row *out,
                            uint32_t *next, const keyer *ky, uint32_t *na) {
  for (size_t i = 0; i < n; i++) {
    if (frame_is_na(c, i)) {
      out[i] = na_code(ky, na, next);
      continue;
    }
    size_t len;
    const char *s = frame_str(c, i, &len);
    if (strmap_intern(mp, s, len, next, &out[i]) != FRAME_OK)
      return FRAME_ENOMEM;
  }
  return FRAME_OK;
}

static int str_codes(const keyer *ky, size_t k, frame_row *out, uint32_t *next) {
  const frame_dict *only = kcol(ky, 0, k)->dict; /* the one dictionary, if so */
  for (size_t p = 0; p < ky->nparts; p++)
    if (kcol(ky, p, k)->dict != only || only == NULL)
      only = NULL;
  strmap mp = {ky->m, NULL, 0, 0};
  if (only == NULL && strmap_init(&mp, ky->m) != FRAME_OK)
    return FRAME_ENOMEM;
  int status = FRAME_OK;
  uint32_t na = FRAME_ROW_NONE, *dmap = NULL;
  const frame_dict *mapped = NULL; /* the dictionary dmap is for */
  size_t at = 0;
  for (size_t p = 0; p < ky->nparts && status == FRAME_OK; p++) {
    const frame_column *c = kcol(ky, p, k);
    size_t n = ky->part_rows[p];
    if (c->dict == NULL) {
      status = plain_part_codes(c, n, &mp, out + at, next, ky, &na);
    } else {
      if (c->dict != mapped) {
        if (mapped)
          fi_free_array(ky->m, dmap, mapped->n, sizeof *dmap);
        mapped = c->dict;
        dmap = fi_alloc_array(ky->m, mapped->n, sizeof *dmap);
        if (dmap == NULL) {
          mapped = NULL;
          status = FRAME_ENOMEM;
          break;
        }
        memset(dmap, 0xff, mapped->n * sizeof *dmap);
      }
      status = dict_part_codes(c, n, &mp, only == NULL, dmap, out + at, next, ky, &na);
    }
    at += n;
  }
  if (mapped)
    fi_free_array(ky->m, dmap, mapped->n, sizeof *dmap);
  if (mp.slots)
    strmap_free(&mp);
  return status;
}

/* ---------------------------------------------------------- combining */

/* codes[i] = the code of the pair (codes[i], more[i]); either NONE: NONE. */
static int combine(const keyer *ky, frame_row *codes, size_t k1, const frame_row *more,
                   size_t k2, size_t *ncodes) {
  uint32_t next = 0;
  size_t n = ky->total;
  size_t limit = n > SIZE_MAX / DIRECT_PER_ROW ? SIZE_MAX : n * DIRECT_PER_ROW;
  if (limit < DIRECT_MIN)
    limit = DIRECT_MIN;
  if (k2 != 0 && k1 <= limit / k2) { /* the pairs fit a direct table */
    size_t size = k1 > 0 ? k1 * k2 : 1;
    uint32_t *table = fi_alloc_array(ky->m, size, sizeof *table);
    if (table == NULL)
      return FRAME_ENOMEM;
    memset(table, 0xff, size * sizeof *table);
    for (size_t i = 0; i < n; i++) {
      if (codes[i] == FRAME_ROW_NONE || more[i] == FRAME_ROW_NONE) {
        codes[i] = FRAME_ROW_NONE;
        continue;
      }
      size_t slot = (size_t)codes[i] * k2 + more[i];
      if (table[slot] == FRAME_ROW_NONE)
        table[slot] = next++;
      codes[i] = table[slot];
    }
    fi_free_array(ky->m, table, size, sizeof *table);
    *ncodes = next;
    return FRAME_OK;
  }
  u64map mp;
  if (u64map_init(&mp, ky->m) != FRAME_OK)
    return FRAME_ENOMEM;
  int status = FRAME_OK;
  for (size_t i = 0; i < n && status == FRAME_OK; i++) {
    if (codes[i] == FRAME_ROW_NONE || more[i] == FRAME_ROW_NONE) {
      codes[i] = FRAME_ROW_NONE;
      continue;
    }
    status = u64map_intern(&mp, (uint64_t)codes[i] * k2 + more[i], &next, &codes[i]);
  }
  u64map_free(&mp);
  *ncodes = next;
  return status;
}

/* Codes of key column k into out; *ncodes how many. */
static int column_codes(const keyer *ky, size_t k, frame_row *out, size_t *ncodes) {
  frame_type t = kcol(ky, 0, k)->type;
  int mixed = 0;
  for (size_t p = 1; p < ky->nparts; p++) {
    frame_type u = kcol(ky, p, k)->type;
    if (u == t)
      continue;
    if ((u == FRAME_INT || u == FRAME_NUM) && (t == FRAME_INT || t == FRAME_NUM))
      mixed = 1;
    else
      return FRAME_ETYPE;
  }
  uint32_t next = 0;
  int status = FRAME_OK;
  if (t == FRAME_BOOL)
    bool_codes(ky, k, out, &next);
  else if (t == FRAME_STR)
    status = str_codes(ky, k, out, &next);
  else
    status = numeric_codes(ky, k, mixed, out, &next);
  *ncodes = next;
  return status;
}

int fi_key_codes(const frame_mem *m, size_t nparts, const size_t *part_rows,
                 const frame_column *const *cols, size_t nkeys, int na_matches,
                 frame_row *codes, size_t *ncodes) {
  keyer ky = {m, nparts, part_rows, cols, nkeys, na_matches, 0};
  for (size_t p = 0; p < nparts; p++)
    ky.total += part_rows[p];
  if (ky.total > PW_FRAME_MAX_ROWS)
    return FRAME_ETOOBIG;
  if (nkeys == 0) {
    for (size_t i = 0; i < ky.total; i++)
      codes[i] = 0;
    *ncodes = ky.total > 0;
    return FRAME_OK;
  }
  size_t k1;
  int status = column_codes(&ky, 0, codes, &k1);
  if (status != FRAME_OK || nkeys == 1) {
    *ncodes = k1;
    return status;
  }
  frame_row *more = fi_alloc_array(m, ky.total, sizeof *more);
  if (more == NULL)
    return FRAME_ENOMEM;
  for (size_t k = 1; k < nkeys && status == FRAME_OK; k++) {
    size_t k2;
    status = column_codes(&ky, k, more, &k2);
    if (status == FRAME_OK)
      status = combine(&ky, codes, k1, more, k2, &k1);
  }
  fi_free_array(m, more, ky.total, sizeof *more);
  *ncodes = k1;
  return status;
}

int frame_factorize(const frame *f, const size_t *keys, size_t nkeys, frame_row *codes,
                    size_t *ncodes) {
  const frame_column *local[16] = {NULL};
  const frame_column **cols = local;
  if (nkeys > 16) {
    cols = fi_alloc_array(&f->mem, nkeys, sizeof *cols);
    if (cols == NULL)
      return FRAME_ENOMEM;
  }
  for (size_t k = 0; k < nkeys; k++)
    cols[k] = f->cols[keys[k]];
  size_t rows = f->nrow;
  int status = fi_key_codes(&f->mem, 1, &rows, cols, nkeys, 1, codes, ncodes);
  if (cols != local)
    fi_free_array(&f->mem, (void *)cols, nkeys, sizeof *cols);
  return status;
}
