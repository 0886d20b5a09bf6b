/* json_internal.h: what json.c (UTF-8, writer) and json_parse.c share. */
#ifndef PW_STDLIB_JSON_INTERNAL_H
#define PW_STDLIB_JSON_INTERNAL_H

#if defined(__GNUC__)
#define JSON_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define JSON_PRINTF(f, a)
#endif

#endif
