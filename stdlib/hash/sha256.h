/* sha256.h: SHA-256 digests as lowercase hex, through OpenSSL's libcrypto
** (DESIGN.md §3: the provenance of scripts and data files). Pure C. */
#ifndef PW_STDLIB_SHA256_H
#define PW_STDLIB_SHA256_H

#include <stddef.h>

#define SHA256_HEX_SIZE 65   /* 64 hex digits and the NUL */

/* The digest of data[0..n) into hex. Returns 0, or -1 when libcrypto fails
** (out of memory). */
int sha256_hex(const void *data, size_t n, char hex[SHA256_HEX_SIZE]);

/* The digest of the file at `path`, read in blocks. Returns 0, or -1 with
** "cannot read PATH: REASON" in msg. */
int sha256_file_hex(const char *path, char hex[SHA256_HEX_SIZE], char *msg,
                    size_t msgsize);

#endif
