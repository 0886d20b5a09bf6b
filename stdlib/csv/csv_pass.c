/* csv_pass.c: one pass over the data, split at a record boundary between two threads;
 * error messages. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "csv_internal.h"

/* Smallest data that is split between two threads: below it the thread
** costs more than it saves. */
#if !defined(PW_CSV_PARALLEL_MIN)
#define PW_CSV_PARALLEL_MIN ((uint64_t)8 << 20)
#endif

/* Bytes between two calls of the progress callback. */
#define TICK_BYTES ((uint64_t)4 << 20)

/* The engine's allocator is not thread-safe (it counts bytes for
** --max-memory), so while two threads parse, every allocation takes this
** lock. Builders grow geometrically: a few hundred calls per load. */
typedef struct locked_mem {
  frame_mem inner;    /* the caller's allocator */
  pthread_mutex_t mu; /* held around each call */
} locked_mem;

static void *locked_alloc(void *ud, void *p, size_t osize, size_t nsize) {
  locked_mem *lm = ud;
  pthread_mutex_lock(&lm->mu);
  void *q = frame_mem_realloc(&lm->inner, p, osize, nsize);
  pthread_mutex_unlock(&lm->mu);
  return q;
}

/* State shared by the two threads of a pass. */
typedef struct pass_state {
  csv_reader *rd;                   /* the load */
  csv_config cfg;                   /* settings of both chunks */
  csv_chunk main;                   /* [data_begin, split): the calling thread */
  csv_chunk worker;                 /* [split, end): the second thread */
  uint64_t mid;                     /* where the worker starts looking for a split */
  pthread_mutex_t mu;               /* guards split and split_known */
  pthread_cond_t cv;                /* signalled when split is known */
  int split_known;                  /* the worker has looked */
  uint64_t split;                   /* record start after mid, or 0: none */
  atomic_int worker_stop;           /* tells the worker to give up */
  atomic_uint_fast64_t main_done;   /* bytes the main chunk consumed */
  atomic_uint_fast64_t worker_done; /* bytes the worker consumed */
  uint64_t next_tick;               /* progress is reported past this */
} pass_state;

/* The progress hook of the main chunk (runs on the calling thread). */
static int tick(void *ud) {
  pass_state *ps = ud;
  const csv_read_opts *o = ps->rd->o;
  uint64_t done = atomic_load(&ps->main_done) + atomic_load(&ps->worker_done);
  if (o->progress == NULL || done < ps->next_tick)
    return 0;
  ps->next_tick = done + TICK_BYTES;
  return o->progress(o->progress_ud, ps->main.begin + done, ps->rd->src.size);
}

static void *worker_main(void *arg) {
  pass_state *ps = arg;
  const csv_source *src = &ps->rd->src;
  uint64_t split = csv_scan_split(src, ps->main.begin, ps->mid);
  pthread_mutex_lock(&ps->mu);
  ps->split = split;
  ps->split_known = 1;
  pthread_cond_signal(&ps->cv);
  pthread_mutex_unlock(&ps->mu);
  if (split == 0)
    return NULL;
  double share = (double)(src->size - split) / (double)(src->size - ps->main.begin);
  if (csv_chunk_init(&ps->worker, &ps->cfg, split, src->size,
                     (size_t)((double)ps->rd->rows_hint * share))) {
    csv_chunk_fail(&ps->worker, CSV_ERR_NOMEM);
    return NULL;
  }
  ps->worker.stop = &ps->worker_stop;
  ps->worker.done = &ps->worker_done;
  csv_chunk_run(&ps->worker, src->size, 1);
  return NULL;
}

/* Parse the main chunk alongside the worker. Returns 1 when the worker's
** half is to be merged, 0 when the main chunk parsed everything (or
** failed), -1 when the thread could not start. */
static int run_two(pass_state *ps) {
  pthread_t th;
  const csv_source *src = &ps->rd->src;
  ps->mid = ps->main.begin + (src->size - ps->main.begin) / 2;
  if (pthread_create(&th, NULL, worker_main, ps) != 0)
    return -1;
  int ok = csv_chunk_run(&ps->main, ps->mid, 0) == 0;
  pthread_mutex_lock(&ps->mu);
  while (!ps->split_known)
    pthread_cond_wait(&ps->cv, &ps->mu);
  uint64_t split = ps->split;
  pthread_mutex_unlock(&ps->mu);
  if (ok && split)
    ok = csv_chunk_run(&ps->main, split, 0) == 0;
  /* the split is right only if libcsv, reading from the true start, ends
     a record exactly there; otherwise the main thread reads on alone */
  int use = ok && split && csv_chunk_at_record_start(&ps->main);
  if (!use)
    atomic_store(&ps->worker_stop, 1);
  pthread_join(th, NULL);
  if (!use && split)
    csv_chunk_free(&ps->worker);
  if (ok && !use)
    csv_chunk_run(&ps->main, src->size, 1);
  return use;
}

/* Half of the merge: columns k with k % 2 == half. */
typedef struct merge_job {
  pass_state *ps; /* the pass */
  int half;       /* 0 or 1 */
  int failed;     /* an append ran out of memory */
} merge_job;

static void *merge_half(void *arg) {
  merge_job *j = arg;
  csv_chunk *a = &j->ps->main, *b = &j->ps->worker;
  for (size_t k = (size_t)j->half; k < j->ps->cfg.nslots; k += 2)
    if (csv_builder_append(&a->cols[k], a->rows, &b->cols[k], b->rows, j->ps->cfg.mem))
      j->failed = 1;
  return NULL;
}

/* Append the worker's rows to the main chunk's builders. Copying half the
** rows is the price of splitting by rows; the columns are independent, so
** both threads share the copying (the allocator is still locked). */
static int merge(pass_state *ps) {
  csv_chunk *a = &ps->main, *b = &ps->worker;
  merge_job jobs[2] = {{ps, 0, 0}, {ps, 1, 0}};
  pthread_t th;
  int threaded = pthread_create(&th, NULL, merge_half, &jobs[1]) == 0;
  merge_half(&jobs[0]);
  if (threaded)
    pthread_join(th, NULL);
  else
    merge_half(&jobs[1]);
  a->rows += b->rows;
  a->padded += b->padded;
  a->blank += b->blank;
  a->comments += b->comments;
  return jobs[0].failed || jobs[1].failed ? -1 : 0;
}

static int status_of(csv_errkind kind) {
  switch (kind) {
  case CSV_ERR_NOMEM:
    return CSV_EMEM;
  case CSV_ERR_IO:
    return CSV_EOPEN;
  case CSV_ERR_CANCEL:
    return CSV_ECANCEL;
  default:
    return CSV_EDATA;
  }
}

/* The chunks' outcome: the earliest real error wins; the worker's counts
** only if its start was confirmed. */
static int conclude(pass_state *ps, int used, csv_pass *out) {
  csv_reader *rd = ps->rd;
  const csv_chunk *bad = ps->main.err.kind != CSV_ERR_NONE             ? &ps->main
                         : used && ps->worker.err.kind != CSV_ERR_NONE ? &ps->worker
                                                                       : NULL;
  if (bad == NULL && used && merge(ps)) {
    snprintf(rd->r->msg, CSV_MSG_SIZE, "%s: not enough memory", rd->name);
    return CSV_EMEM;
  }
  if (bad) {
    csv_describe_error(rd, &bad->err, bad->begin);
    return status_of(bad->err.kind);
  }
  out->cols = ps->main.cols;
  out->nslots = ps->cfg.nslots;
  out->rows = ps->main.rows;
  out->padded = ps->main.padded;
  out->blank = ps->main.blank;
  out->comments = ps->main.comments;
  out->threads = used ? 2 : 1;
  ps->main.cols = NULL;
  return CSV_OK;
}

int csv_pass_run(csv_reader *rd, const int *slot, const int *types, size_t nslots,
                 csv_pass *out) {
  const csv_read_opts *o = rd->o;
  uint64_t size = rd->src.size, begin = rd->data_begin;
  uint64_t min = o->parallel_min ? o->parallel_min : PW_CSV_PARALLEL_MIN;
  int two = o->threads != 1 && !o->comment && size - begin >= min && size - begin >= 2;
  locked_mem lm = {rd->mem, PTHREAD_MUTEX_INITIALIZER};
  frame_mem locked = {.alloc = locked_alloc, .ud = &lm};
  pass_state ps;
  memset(&ps, 0, sizeof ps);
  ps.rd = rd;
  ps.cfg = (csv_config){.src = &rd->src,
                        .sep = rd->sep,
                        .comment = o->comment,
                        .ragged_pad = o->ragged_pad,
                        .latin1 = o->latin1,
                        .ncol = rd->ncol,
                        .slot = slot,
                        .nslots = nslots,
                        .types = types,
                        .na = rd->na,
                        .na_len = rd->na_len,
                        .n_na = rd->n_na,
                        .na_empty = rd->na_empty,
                        .mem = two ? &locked : &rd->mem};
  for (size_t k = 0; k < rd->n_na; k++)
    ps.cfg.na_lens |= (uint64_t)1 << (rd->na_len[k] < 63 ? rd->na_len[k] : 63);
  pthread_mutex_init(&ps.mu, NULL);
  pthread_cond_init(&ps.cv, NULL);
  atomic_init(&ps.worker_stop, 0);
  atomic_init(&ps.main_done, 0);
  atomic_init(&ps.worker_done, 0);
  memset(out, 0, sizeof *out);
  int status = CSV_EMEM, used = 0;
  size_t hint = two ? rd->rows_hint / 2 : rd->rows_hint;
  if (csv_chunk_init(&ps.main, &ps.cfg, begin, size, hint) == 0) {
    ps.main.done = &ps.main_done;
    ps.main.tick = tick;
    ps.main.tick_ud = &ps;
    used = two ? run_two(&ps) : -1;
    if (used < 0) {
      used = 0;
      csv_chunk_run(&ps.main, size, 1);
    }
    status = conclude(&ps, used, out);
  } else {
    snprintf(rd->r->msg, CSV_MSG_SIZE, "%s: not enough memory", rd->name);
  }
  csv_chunk_free(&ps.main);
  if (used)
    csv_chunk_free(&ps.worker);
  pthread_cond_destroy(&ps.cv);
  pthread_mutex_destroy(&ps.mu);
  pthread_mutex_destroy(&lm.mu);
  return status;
}

void csv_pass_free(csv_reader *rd, csv_pass *p) {
  if (p->cols == NULL)
    return;
  for (size_t k = 0; k < p->nslots; k++)
    csv_builder_free(&p->cols[k], &rd->mem);
  frame_mem_free(&rd->mem, p->cols, p->nslots * sizeof *p->cols);
  p->cols = NULL;
}

/* ---------------------------------------------------------- messages */

const char *csv_shown(const char *s, char *buf) {
  size_t n = strlen(s);
  if (n <= 60)
    return s;
  n = 60;
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
    n--;
  memcpy(buf, s, n);
  memcpy(buf + n, "...", 4);
  return buf;
}

/* s[0..n) for a message: quotes, backslashes and control bytes escaped,
** cut at `max` bytes with "..." when longer. */
static void quote_value(const char *s, size_t n, size_t full, char *out, size_t size) {
  size_t k = 0;
  for (size_t i = 0; i < n && k + 8 < size; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == 0x7F || c == '\\' || c == '\'')
      k += (size_t)snprintf(out + k, size - k,
                            c == '\n'   ? "\\n"
                            : c == '\t' ? "\\t"
                            : c == '\\' ? "\\\\"
                            : c == '\'' ? "\\'"
                                        : "\\x%02x",
                            c);
    else
      out[k++] = (char)c;
  }
  if (full > n && k + 4 < size) {
    memcpy(out + k, "...", 3);
    k += 3;
  }
  out[k] = '\0';
}

void csv_describe_error(csv_reader *rd, const csv_fault *e, uint64_t begin) {
  char *msg = rd->r->msg;
  const char *name = rd->name;
  csv_scan scan = {&rd->src, rd->sep, rd->o->comment};
  int want = e->kind == CSV_ERR_SYNTAX ? 'x' : e->kind == CSV_ERR_UTF8 ? 'c' : 'f';
  size_t field = e->kind == CSV_ERR_RAGGED ? 0 : e->field;
  uint64_t off = 0, line = 0, col = 0;
  if (e->kind >= CSV_ERR_SYNTAX) {
    off = csv_scan_locate(&scan, begin, e->record, field, e->offset, want);
    csv_scan_line_col(&rd->src, off, &line, &col);
  }
  switch (e->kind) {
  case CSV_ERR_NONE:
  case CSV_ERR_NOMEM:
    snprintf(msg, CSV_MSG_SIZE, "%s: not enough memory", name);
    break;
  case CSV_ERR_IO:
    snprintf(msg, CSV_MSG_SIZE, "cannot read %s: %s", name, strerror(e->sys_errno));
    break;
  case CSV_ERR_CANCEL:
    snprintf(msg, CSV_MSG_SIZE, "%s: interrupted", name);
    break;
  case CSV_ERR_SYNTAX: {
    char at = 0;
    const char *p;
    csv_source_read(&rd->src, off, &at, 1, &p) == 1 ? (void)(at = *p) : (void)0;
    snprintf(msg, CSV_MSG_SIZE, "%s:%llu:%llu: %s", name, (unsigned long long)line,
             (unsigned long long)col,
             at == '"' ? "quote inside an unquoted field (quote the whole field and "
                         "double the quote: \"a \"\"b\"\"\")"
                       : "text after the closing quote of a field");
    break;
  }
  case CSV_ERR_EOF_QUOTE:
    snprintf(msg, CSV_MSG_SIZE, "%s:%llu:%llu: unterminated quoted field starting here",
             name, (unsigned long long)line, (unsigned long long)col);
    break;
  case CSV_ERR_TOO_LONG:
    snprintf(msg, CSV_MSG_SIZE,
             "%s:%llu:%llu: field starting here is longer than %zu MiB (an unterminated "
             "quote?)",
             name, (unsigned long long)line, (unsigned long long)col,
             (size_t)(PW_CSV_MAX_FIELD >> 20));
    break;
  case CSV_ERR_RAGGED:
    snprintf(msg, CSV_MSG_SIZE, "%s:%llu: expected %zu fields, found %zu%s", name,
             (unsigned long long)line, e->expected, e->found,
             e->found < e->expected ? " (ragged = \"pad\" fills short rows with NA)"
                                    : "");
    break;
  case CSV_ERR_UTF8:
    snprintf(msg, CSV_MSG_SIZE, "%s:%llu:%llu: invalid UTF-8 (byte offset %llu)", name,
             (unsigned long long)line, (unsigned long long)col, (unsigned long long)off);
    break;
  case CSV_ERR_VALUE: {
    static const char *const what[] = {"an integer", "a number",
                                       "a boolean (true or false)", "a date (YYYY-MM-DD)",
                                       "text"};
    int t = rd->o->all_str ? FRAME_STR : -1;
    for (size_t k = 0; t < 0 && k < rd->o->n_types; k++)
      if (strcmp(rd->o->types[k].name, rd->names[e->field]) == 0)
        t = (int)rd->o->types[k].type;
    char v[160], shown[64];
    size_t n = e->value_len < sizeof e->value - 1 ? e->value_len : sizeof e->value - 1;
    quote_value(e->value, n, e->value_len, v, sizeof v);
    snprintf(msg, CSV_MSG_SIZE, "%s:%llu:%llu: column '%s' (%s): '%s' is not %s", name,
             (unsigned long long)line, (unsigned long long)col,
             csv_shown(rd->names[e->field], shown),
             frame_type_name((frame_type)(t < 0 ? 0 : t)), v, what[t < 0 ? 0 : t]);
    break;
  }
  }
}
