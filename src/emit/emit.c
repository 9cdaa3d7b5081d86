/* The emitter registry and the walker every emitter runs on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "internal.h"
#include "emit.h"

static const rb_emitter *const registry[] = {
	&rb_emitter_text,
	&rb_emitter_json,
	&rb_emitter_markdown,
	&rb_emitter_docbook,
	&rb_emitter_html,
	NULL
};

const rb_emitter *const *
rb_emitters(void)
{
	return registry;
}

const rb_emitter *
rb_emitter_lookup(const char *name)
{
	size_t i;

	for (i = 0; registry[i]; i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

int
rb_emit(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
	rb_buf *out, rb_diags *d)
{
	return rb_emit_stream(e, doc, opts, out, NULL, NULL, d);
}

/* What stays in the buffer when it is handed on: emitters look back at
 * the last few bytes (blank lines, trailing spaces), never further.  The
 * buffer is handed on at 128 kB: small enough to stay in the cache and to
 * need few fresh pages (dear in a virtual machine), large enough for few
 * writes. */
#define KEEP 4096
#define HAND_ON (128U << 10)

int
rb_emit_stream(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
	       rb_buf *out, rb_sink_fn sink, void *ctx, rb_diags *d)
{
	rb_emit_ctx c;
	rb_walker w;
	rb_event ev;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.opts = opts;
	c.out = out;
	c.d = d;
	c.state = e->state_size ? rb_xcalloc(1, e->state_size) : NULL;
	if (sink && out->cap < HAND_ON + KEEP) {	/* its size at once, not by doubling */
		out->data = rb_xrealloc(out->data, HAND_ON + KEEP);
		out->cap = HAND_ON + KEEP;
		out->data[out->len] = '\0';
	}
	if (e->begin)
		e->begin(&c);
	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE) {
		if (ev == RB_EV_ENTER) {
			if (e->enter && !e->enter(&c, w.cur))
				rb_walker_skip(&w);
		} else if (e->leave)
			e->leave(&c, w.cur);
		if (sink && out->len >= HAND_ON) {
			if (sink(ctx, out->data, out->len - KEEP) < 0) {
				c.failed = 1;
				sink = NULL;	/* the caller reports it */
			}
			memmove(out->data, out->data + out->len - KEEP, KEEP);
			out->len = KEEP;
			out->data[out->len] = '\0';
		}
	}
	if (e->end)
		e->end(&c);
	free(c.state);
	return c.failed ? -1 : 0;
}

void
rb_text_linked(const rb_node *n, rb_buf *out)
{
	const char *t = n->text ? n->text : "";
	size_t i, at = 0;

	for (i = 0; i < n->nrefs; i++) {
		const rb_ref *r = &n->refs[i];

		if (!rb_ref_linked(r))
			continue;
		rb_buf_add(out, t + at, r->off - at);
		rb_buf_addc(out, '[');
		rb_buf_add(out, t + r->off, r->len);
		rb_buf_printf(out, "](#%s \"ref\")", r->target->id);
		at = r->off + r->len;
	}
	rb_buf_adds(out, t + at);
}

const rb_value *
rb_history_next(const rb_document *doc, const rb_value *prev, const char **date,
		const char **event)
{
	const rb_value *v, *e, *f;

	if (prev)
		e = prev->next;
	else {
		for (v = doc->meta.first, e = NULL; v && !e; v = v->next)
			if (v->key && !strcmp(v->key, "history") && v->type == RB_VAL_LIST)
				e = v->first;
	}
	if (!e)
		return NULL;
	*date = NULL;
	*event = e->type == RB_VAL_STRING ? e->str : NULL;
	for (f = e->type == RB_VAL_MAP ? e->first : NULL; f; f = f->next)
		if (f->key && !strcmp(f->key, "date") && f->type == RB_VAL_STRING)
			*date = f->str;
		else if (f->key && !strcmp(f->key, "event") && f->type == RB_VAL_STRING)
			*event = f->str;
	return e;
}

void
rb_put_date(rb_buf *out, const rb_document *doc, const char *iso)
{
	int y, m, d;

	if (!strncmp(rb_document_lang(doc), "zh", 2) && sscanf(iso, "%d-%d-%d", &y, &m, &d) == 3)
		rb_buf_printf(out, "%d年%d月%d日", y, m, d);
	else
		rb_buf_adds(out, iso);
}

int
rb_ref_linked(const rb_ref *r)
{
	return r->target && !r->external && r->target->id && *r->target->id;
}

const char *
rb_version_of(const rb_document *doc)
{
	const char *v = rb_meta_get(doc, "version");

	return v && *v ? v : rb_meta_get(doc, "edition");
}
