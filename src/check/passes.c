/*
 * The passes over a loaded document, in their order: numbering first
 * (labels, ids and the numbers references are resolved against), then
 * references; for imported text, every position turned from the
 * Markdown's into the text's at the end.
 */
#include <string.h>

#include "rulebook.h"
#include "util.h"

void
rb_run_passes(rb_document *doc, rb_diags *d)
{
	size_t n0 = d->n, i;
	rb_walker w;

	rb_pass_number(doc, d);
	RB_TRACE_AT("number");
	rb_pass_xref(doc, d);
	if (!doc->import)
		return;
	/* imported text: positions so far are the Markdown's; say them as
	 * the text's (what the passes reported, then every clause) */
	for (i = n0; i < d->n; i++)
		if (d->v[i].file && !strcmp(d->v[i].file, doc->source))
			rb_import_locate(doc->import, &d->v[i].line, &d->v[i].column);
	rb_walker_init(&w, doc->root);
	while (rb_walker_next(&w) != RB_EV_NONE) {
		rb_node *n = w.cur;

		if (w.ev != RB_EV_ENTER)
			continue;
		rb_import_locate(doc->import, &n->line, &n->column);
		if (n->text_line)
			rb_import_locate(doc->import, &n->text_line, &n->text_column);
	}
}
