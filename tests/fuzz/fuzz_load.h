/* Shared by the loader fuzz targets: after loading, run every pass and
 * every emitter, and fmt --renumber, so the whole pipeline sees the
 * input.  Nothing may crash, leak or read out of bounds. */
#ifndef FUZZ_LOAD_H
#define FUZZ_LOAD_H

#include <stdint.h>
#include <stdlib.h>

#include "rulebook.h"

static void
fuzz_pipeline(rb_document *doc, const char *data, size_t len, rb_diags *d)
{
	const rb_emitter *const *e;
	rb_emit_opts o = {0};
	rb_buf out, conc;

	if (!doc)
		return;
	rb_run_passes(doc, d);
	o.width = 24;
	for (e = rb_emitters(); *e; e++) {
		rb_buf_init(&out);
		rb_emit(*e, doc, &o, &out, d);
		rb_buf_free(&out);
	}
	if (doc->root->kind != RB_BOOK && !doc->import) {	/* fmt takes no text */
		rb_buf_init(&out);
		rb_buf_init(&conc);
		rb_renumber(doc, data, len, 0, &out, &conc, d);
		rb_buf_free(&out);
		rb_buf_free(&conc);
	}
}

typedef rb_document *(*fuzz_loader)(const char *, const char *, size_t, const rb_load_opts *,
				    rb_diags *);

static int
fuzz_one(fuzz_loader load, const char *name, const uint8_t *data, size_t len)
{
	rb_diags d;
	rb_document *doc;

	rb_diags_init(&d);
	doc = load(name, (const char *)data, len, NULL, &d);
	fuzz_pipeline(doc, (const char *)data, len, &d);
	rb_document_free(doc);
	rb_diags_free(&d);
	return 0;
}

#endif
