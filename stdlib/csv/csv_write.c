/* csv_write.c: frames to CSV text, quoting only where needed, through a temporary file
 * renamed into place. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"

void csv_write_opts_init(csv_write_opts *o) {
  memset(o, 0, sizeof *o);
  o->sep = ',';
  o->na = "";
  o->header = 1;
}

/* Output buffered here rather than in stdio: most writes are a few bytes. */
typedef struct wbuf {
  FILE *fp;           /* destination */
  size_t n;           /* bytes waiting in data */
  int failed;         /* an fwrite fell short (errno kept) */
  int err;            /* that errno */
  char data[1 << 16]; /* pending output */
} wbuf;

static void flush(wbuf *w) {
  if (w->n && !w->failed && fwrite(w->data, 1, w->n, w->fp) != w->n) {
    w->failed = 1;
    w->err = errno ? errno : EIO;
  }
  w->n = 0;
}

static void put(wbuf *w, const char *s, size_t n) {
  if (n > sizeof w->data - w->n) {
    flush(w);
    if (n > sizeof w->data) {
      if (!w->failed && fwrite(s, 1, n, w->fp) != n) {
        w->failed = 1;
        w->err = errno ? errno : EIO;
      }
      return;
    }
  }
  memcpy(w->data + w->n, s, n);
  w->n += n;
}

static void put_char(wbuf *w, char c) {
  if (w->n == sizeof w->data)
    flush(w);
  w->data[w->n++] = c;
}

/* Whether a string needs quotes to read back as itself: it holds the
** separator, a quote or a line end; it is empty (unquoted empty is NA);
** it has blanks at an end (other readers trim them); or it is spelled
** like NA. */
static int needs_quotes(const char *s, size_t n, const csv_write_opts *o, size_t na_len) {
  if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
    return 1;
  if ((n == na_len && memcmp(s, o->na, n) == 0) || (n == 2 && memcmp(s, "NA", 2) == 0))
    return 1;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == o->sep || c == '"' || c == '\n' || c == '\r')
      return 1;
  }
  return 0;
}

static void put_quoted(wbuf *w, const char *s, size_t n) {
  put_char(w, '"');
  for (const char *q; n > 0 && (q = memchr(s, '"', n)) != NULL;) {
    size_t k = (size_t)(q - s) + 1;
    put(w, s, k); /* through the quote, then the quote again */
    put_char(w, '"');
    s += k;
    n -= k;
  }
  put(w, s, n);
  put_char(w, '"');
}

static void put_str(wbuf *w, const char *s, size_t n, const csv_write_opts *o,
                    size_t na_len) {
  if (needs_quotes(s, n, o, na_len))
    put_quoted(w, s, n);
  else
    put(w, s, n);
}

static void put_value(wbuf *w, const frame_column *c, size_t i, const csv_write_opts *o,
                      size_t na_len) {
  char buf[CSV_VALUE_BUFSIZE];
  if (frame_is_na(c, i)) {
    put(w, o->na, na_len);
    return;
  }
  switch (c->type) {
  case FRAME_INT:
    put(w, buf, csv_format_int(((const int64_t *)c->data)[i], buf));
    break;
  case FRAME_NUM:
    put(w, buf, csv_format_num(((const double *)c->data)[i], buf));
    break;
  case FRAME_BOOL:
    if (((const uint8_t *)c->data)[i])
      put(w, "true", 4);
    else
      put(w, "false", 5);
    break;
  case FRAME_DATE:
    put(w, buf, csv_format_date(((const int32_t *)c->data)[i], buf));
    break;
  default: {
    size_t len;
    const char *s = frame_str(c, i, &len);
    put_str(w, s, len, o, na_len);
  }
  }
}

static int check_opts(const csv_write_opts *o, char *msg, size_t msgsize) {
  if (!strchr(",;\t|", o->sep) || o->sep == '\0') {
    snprintf(msg, msgsize, "sep must be one of , ; \\t |");
    return CSV_EUSAGE;
  }
  if (strchr(o->na, '"') || strchr(o->na, o->sep) || strpbrk(o->na, "\r\n")) {
    snprintf(msg, msgsize, "na must not contain a quote, the separator or a line end");
    return CSV_EUSAGE;
  }
  return CSV_OK;
}

int csv_write_stream(const frame *f, FILE *fp, const csv_write_opts *o, char *msg,
                     size_t msgsize) {
  csv_write_opts defaults;
  if (o == NULL) {
    csv_write_opts_init(&defaults);
    o = &defaults;
  }
  int status = check_opts(o, msg, msgsize);
  if (status != CSV_OK)
    return status;
  wbuf *w = malloc(sizeof *w); /* 64 KiB: not on the stack of a Lua C call */
  if (w == NULL) {
    snprintf(msg, msgsize, "not enough memory");
    return CSV_EMEM;
  }
  w->fp = fp;
  w->n = 0;
  w->failed = 0;
  w->err = 0;
  size_t na_len = strlen(o->na);
  const char *eol = o->crlf ? "\r\n" : "\n";
  size_t eol_len = o->crlf ? 2 : 1;
  if (o->header && f->ncol > 0) {
    for (size_t j = 0; j < f->ncol; j++) {
      if (j)
        put_char(w, o->sep);
      put_str(w, f->names[j], strlen(f->names[j]), o, na_len);
    }
    put(w, eol, eol_len);
  }
  for (size_t i = 0; i < f->nrow && f->ncol > 0 && !w->failed; i++) {
    for (size_t j = 0; j < f->ncol; j++) {
      if (j)
        put_char(w, o->sep);
      put_value(w, f->cols[j], i, o, na_len);
    }
    put(w, eol, eol_len);
  }
  flush(w);
  if (!w->failed && fflush(fp) != 0) {
    w->failed = 1;
    w->err = errno;
  }
  status = w->failed ? CSV_EWRITE : CSV_OK;
  if (w->failed)
    snprintf(msg, msgsize, "%s", strerror(w->err));
  free(w);
  return status;
}

/* A new file beside `path` (same directory, so rename is atomic), named
** after the process and the clock; O_EXCL refuses an existing name. */
static int open_temp(const char *path, char *tmp, size_t size) {
  for (int attempt = 0; attempt < 100; attempt++) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int n = snprintf(tmp, size, "%s.tmp-%ld-%ld-%d", path, (long)getpid(),
                     (long)ts.tv_nsec, attempt);
    if (n < 0 || (size_t)n >= size) {
      errno = ENAMETOOLONG;
      return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST)
      return fd;
  }
  return -1;
}

int csv_write_file(const frame *f, const char *path, const char *name,
                   const csv_write_opts *o, char *msg, size_t msgsize) {
  char tmp[4096], why[CSV_MSG_SIZE];
  name = name ? name : path;
  int fd = open_temp(path, tmp, sizeof tmp);
  if (fd < 0) {
    snprintf(msg, msgsize, "cannot write %s: %s", name, strerror(errno));
    return CSV_EWRITE;
  }
  FILE *fp = fdopen(fd, "w");
  int status;
  if (fp == NULL) {
    snprintf(why, sizeof why, "%s", strerror(errno));
    close(fd);
    status = CSV_EWRITE;
  } else {
    status = csv_write_stream(f, fp, o, why, sizeof why);
    if (status == CSV_OK && fsync(fileno(fp)) != 0) { /* data on disk before the rename */
      snprintf(why, sizeof why, "%s", strerror(errno));
      status = CSV_EWRITE;
    }
    if (fclose(fp) != 0 && status == CSV_OK) {
      snprintf(why, sizeof why, "%s", strerror(errno));
      status = CSV_EWRITE;
    }
  }
  if (status == CSV_OK && rename(tmp, path) != 0) {
    snprintf(why, sizeof why, "%s", strerror(errno));
    status = CSV_EWRITE;
  }
  if (status != CSV_OK) {
    unlink(tmp);
    if (status == CSV_EUSAGE)
      snprintf(msg, msgsize, "%s", why);
    else
      snprintf(msg, msgsize, "cannot write %s: %s", name, why);
  }
  return status;
}
