/* libFuzzer target: the plain-text importer, the Markdown it writes and
 * everything after it. */
#include "fuzz_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	return fuzz_one(rb_load_text, "fuzz.txt", data, len);
}
