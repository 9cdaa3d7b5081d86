/* libFuzzer target: the YAML loader and everything after it. */
#include "fuzz_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	return fuzz_one(rb_load_yaml, "fuzz.yaml", data, len);
}
