/* fuzz_json.c: libFuzzer harness for the JSON core (stdlib/json/json.c).
** Properties: json_parse never crashes and accepts only valid UTF-8; any
** valid UTF-8 input written as a JSON string parses back to the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  char msg[JSON_ERRMSG_SIZE];
  cJSON *tree = NULL;
  if (json_parse(s, size, &tree, msg, sizeof msg) == JSON_OK) {
    if (!json_utf8_check(s, size, NULL))
      abort();  /* the parser accepted bytes that are not UTF-8 */
    cJSON_Delete(tree);
  }
  if (!json_utf8_check(s, size, NULL))
    return 0;
  json_writer w;
  json_writer_init(&w, 0, NULL, NULL);
  const char *text;
  size_t len;
  if (json_write_string(&w, s, size) == JSON_OK &&
      json_writer_finish(&w, &text, &len) == JSON_OK) {
    if (json_parse(text, len, &tree, msg, sizeof msg) != JSON_OK)
      abort();  /* the writer wrote what the parser cannot read */
    size_t got;
    const char *back = json_string_value(tree, &got);
    if (back == NULL || got != size || memcmp(back, s, size) != 0)
      abort();  /* the round trip changed the string */
    cJSON_Delete(tree);
  }
  json_writer_free(&w);
  return 0;
}
