/* frame_same.h: one cell of two columns compared exactly, for the tests and
** fuzz harnesses that read a frame back and check nothing changed. */
#ifndef PW_TEST_FRAME_SAME_H
#define PW_TEST_FRAME_SAME_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "frame/frame.h"

/* Row i of two columns of one type holds the same value: NaN equals NaN,
** -0.0 does not equal 0.0, NA equals only NA. */
static inline int frame_same_value(const frame_column *a, const frame_column *b, size_t i) {
  if (frame_is_na(a, i) || frame_is_na(b, i))
    return frame_is_na(a, i) && frame_is_na(b, i);
  switch (a->type) {
  case FRAME_INT:
    return ((const int64_t *)a->data)[i] == ((const int64_t *)b->data)[i];
  case FRAME_NUM: {
    double x = ((const double *)a->data)[i], y = ((const double *)b->data)[i];
    return (isnan(x) && isnan(y)) || memcmp(&x, &y, sizeof x) == 0;
  }
  case FRAME_BOOL:
    return ((const uint8_t *)a->data)[i] == ((const uint8_t *)b->data)[i];
  case FRAME_DATE:
    return ((const int32_t *)a->data)[i] == ((const int32_t *)b->data)[i];
  default: {
    size_t la, lb;
    const char *sa = frame_str(a, i, &la), *sb = frame_str(b, i, &lb);
    return la == lb && memcmp(sa, sb, la) == 0;
  }
  }
}

#endif
