/* libFuzzer target: the Markdown loader and everything after it; then the
 * same input parsed whole and cut at every heading it can be cut at
 * (src/load/mdparse.c), which must give the same tree to the byte; and
 * the canonical Markdown of an input that loads without a diagnostic is a
 * fixed point (fmt of fmt is fmt: a label repaired or a number out of
 * sequence may still settle on the second pass). */
#include <string.h>

#include "fuzz_load.h"
#include "load/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* The JSON of the input loaded with the given piece size, and the
 * diagnostics' codes and positions. */
static char *
as_json(const uint8_t *data, size_t len, size_t piece)
{
	rb_load_opts o = {0};
	rb_emit_opts eo = {0};
	rb_diags d;
	rb_buf out;
	rb_document *doc;
	size_t i;

	o.threads = 2;
	rb_md_piece_size = piece;
	rb_diags_init(&d);
	rb_buf_init(&out);
	rb_buf_put(&out, "", 0);
	doc = rb_load_markdown("fuzz.md", (const char *)data, len, &o, &d);
	rb_md_piece_size = 512 * 1024;
	if (doc) {
		rb_run_passes(doc, &d);
		rb_emit(rb_emitter_lookup("json"), doc, &eo, &out, &d);
		rb_document_free(doc);
	}
	for (i = 0; i < d.n; i++)
		rb_buf_printf(&out, "%d %u:%u\n", (int)d.v[i].code, d.v[i].line, d.v[i].column);
	rb_diags_free(&d);
	return rb_buf_detach(&out);
}

/* Canonical Markdown of md; NULL when it does not load, or when clean
 * is asked and it loads with a diagnostic. */
static char *
canonical(const char *md, size_t len, int clean)
{
	rb_emit_opts eo = {0};
	rb_diags d;
	rb_buf out;
	rb_document *doc;

	rb_diags_init(&d);
	doc = rb_load_markdown("fuzz.md", md, len, NULL, &d);
	if (!doc || (clean && d.n)) {
		rb_diags_free(&d);
		rb_document_free(doc);
		return NULL;
	}
	rb_diags_free(&d);
	rb_diags_init(&d);
	rb_buf_init(&out);
	rb_buf_put(&out, "", 0);
	rb_run_passes(doc, &d);
	if ((clean && d.n) ||
	    rb_emit(rb_emitter_lookup("markdown"), doc, &eo, &out, &d) != 0 || d.errors) {
		rb_buf_free(&out);	/* nothing to compare */
		out.data = NULL;
	}
	rb_diags_free(&d);
	rb_document_free(doc);
	return out.data ? rb_buf_detach(&out) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char *whole, *cut, *once, *twice;

	fuzz_one(rb_load_markdown, "fuzz.md", data, len);
	whole = as_json(data, len, 0);
	cut = as_json(data, len, 1);
	if (strcmp(whole, cut) != 0)
		abort();	/* a cut changed the tree */
	free(whole);
	free(cut);
	once = canonical((const char *)data, len, 1);
	twice = once ? canonical(once, strlen(once), 0) : NULL;
	if (once && twice && strcmp(once, twice) != 0)
		abort();	/* fmt of fmt is not fmt */
	free(once);
	free(twice);
	return 0;
}
