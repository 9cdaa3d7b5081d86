/* libFuzzer target: the YAML loader and everything after it. */
#include "fuzz_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	rb_diags d;
	rb_document *doc;

	rb_diags_init(&d);
	doc = rb_load_yaml("fuzz.yaml", (const char *)data, len, NULL, &d);
	fuzz_pipeline(doc, (const char *)data, len, &d);
	rb_document_free(doc);
	rb_diags_free(&d);
	return 0;
}
