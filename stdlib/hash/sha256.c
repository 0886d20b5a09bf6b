/* sha256.c: SHA-256 of buffers and files with libcrypto's EVP interface. */
#include "sha256.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#define SHA256_BLOCK (1 << 16)   /* bytes read per fread */

static void to_hex(const unsigned char *md, unsigned n, char *hex) {
  static const char digits[] = "0123456789abcdef";
  for (unsigned i = 0; i < n; i++) {
    hex[2 * i] = digits[md[i] >> 4];
    hex[2 * i + 1] = digits[md[i] & 15];
  }
  hex[2 * n] = '\0';
}

int sha256_hex(const void *data, size_t n, char hex[SHA256_HEX_SIZE]) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  if (!EVP_Digest(data, n, md, &len, EVP_sha256(), NULL))
    return -1;
  to_hex(md, len, hex);
  return 0;
}

/* Feed the open file to the context; 0, or the errno of a failed read. */
static int digest_stream(EVP_MD_CTX *ctx, FILE *fp) {
  unsigned char block[SHA256_BLOCK];
  size_t got;
  while ((got = fread(block, 1, sizeof block, fp)) > 0)
    if (!EVP_DigestUpdate(ctx, block, got))
      return ENOMEM;
  return ferror(fp) ? (errno ? errno : EIO) : 0;
}

int sha256_file_hex(const char *path, char hex[SHA256_HEX_SIZE], char *msg,
                    size_t msgsize) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) {
    snprintf(msg, msgsize, "cannot read %s: %s", path, strerror(errno));
    return -1;
  }
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  int err = ctx == NULL || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) ? ENOMEM : 0;
  if (err == 0)
    err = digest_stream(ctx, fp);
  if (err == 0 && !EVP_DigestFinal_ex(ctx, md, &len))
    err = ENOMEM;
  EVP_MD_CTX_free(ctx);
  fclose(fp);
  if (err) {
    snprintf(msg, msgsize, "cannot read %s: %s", path, strerror(err));
    return -1;
  }
  to_hex(md, len, hex);
  return 0;
}
