/*
 * JSON output, exactly as SPEC §8: one node per line, children indented,
 * keys in a fixed order.
 */
#include <string.h>

#include "rulebook.h"
#include "text/buf.h"
#include "util.h"
#include "emit.h"
#include "text/escape.h"

/* key then a decimal integer, without printf (the hot path of JSON) */
static void
put_int(rb_buf *b, const char *key, long v)
{
	char tmp[24];

	rb_buf_adds(b, key);
	rb_buf_add(b, tmp, rb_itoa(tmp, v));
}

static void
key_str(rb_buf *b, const char *key, const char *val)
{
	rb_buf_addc(b, '"');
	rb_buf_adds(b, key);
	rb_buf_adds(b, "\": ");
	rb_json_escape(b, val ? val : "");
}

static void
indent(rb_buf *b, int n)
{
	if (n > 0)
		rb_buf_spaces(b, (size_t)n);
}

static void
value(rb_buf *b, const rb_value *v)
{
	const rb_value *c;

	switch (v->type) {
	case RB_VAL_STRING:
		rb_json_escape(b, v->str);
		break;
	case RB_VAL_LIST:
		rb_buf_addc(b, '[');
		for (c = v->first; c; c = c->next) {
			value(b, c);
			if (c->next)
				rb_buf_adds(b, ", ");
		}
		rb_buf_addc(b, ']');
		break;
	case RB_VAL_MAP:
		rb_buf_addc(b, '{');
		for (c = v->first; c; c = c->next) {
			rb_json_escape(b, c->key ? c->key : "");
			rb_buf_adds(b, ": ");
			value(b, c);
			if (c->next)
				rb_buf_adds(b, ", ");
		}
		rb_buf_addc(b, '}');
		break;
	}
}

/* Indentation of a node: documents at 2, three more per level (SPEC §8). */
static int
node_indent(const rb_node *n)
{
	int d = 0;

	for (; n->kind != RB_DOCUMENT && n->parent; n = n->parent)
		d++;
	return 2 + 3 * d;
}

static void
open_children(rb_emit_ctx *c, const rb_node *n, const char *key, int ind)
{
	rb_buf *b = c->out;

	/* once a clause: without printf */
	if (n->first) {
		rb_buf_adds(b, ",\n");
		indent(b, ind);
		rb_buf_addc(b, '"');
		rb_buf_adds(b, key);
		rb_buf_adds(b, "\": [\n");
	} else {
		rb_buf_adds(b, ", \"");
		rb_buf_adds(b, key);
		rb_buf_adds(b, "\": []");
	}
}

/* The keys of a document or book, from "kind" on. */
static void
document_head(rb_emit_ctx *c, const rb_node *n)
{
	const rb_document *doc = n->doc;
	rb_buf *b = c->out;

	rb_buf_adds(b, "\"kind\": \"");
	rb_buf_adds(b, rb_kind_name(n->kind));
	rb_buf_adds(b, "\", ");
	key_str(b, "title", n->title);
	rb_buf_adds(b, ", \"meta\": ");
	value(b, &doc->meta);
	rb_buf_adds(b, ", ");
	key_str(b, "source", doc->source);
	rb_buf_adds(b, ", ");
	key_str(b, "lang", rb_document_lang(doc));
	rb_buf_adds(b, ", ");
	key_str(b, "profile", doc->profile->name);
	if (n->kind == RB_DOCUMENT) {
		rb_buf_adds(b, ", ");
		key_str(b, "preamble", doc->preamble);
	}
}

static void
table(rb_buf *b, const rb_table *t)
{
	size_t r, k;

	rb_buf_adds(b, ", \"rows\": [");
	for (r = 0; r < t->rows; r++) {
		rb_buf_adds(b, r ? ", [" : "[");
		for (k = 0; k < t->cols; k++) {
			if (k)
				rb_buf_adds(b, ", ");
			rb_json_escape(b, t->cells[r * t->cols + k]);
		}
		rb_buf_addc(b, ']');
	}
	rb_buf_addc(b, ']');
}

static void
json_begin(rb_emit_ctx *c)
{
	rb_buf_adds(c->out, "{\"rulebook\": 1");
}

static int
json_enter(rb_emit_ctx *c, const rb_node *n)
{
	rb_buf *b = c->out;
	int ind;

	if (n == c->doc->root && n->kind == RB_BOOK) {
		/* a handbook: the book's keys at the root, documents inside */
		rb_buf_adds(b, ", ");
		document_head(c, n);
		open_children(c, n, "documents", 1);
		return 1;
	}
	if (n == c->doc->root)
		rb_buf_adds(b, ",\n \"documents\": [\n");
	ind = node_indent(n);
	indent(b, ind);
	rb_buf_addc(b, '{');
	if (n->kind == RB_DOCUMENT) {
		document_head(c, n);
		open_children(c, n, "children", ind + 1);
		return 1;
	}
	rb_buf_adds(b, "\"kind\": \"");
	rb_buf_adds(b, rb_kind_name(n->kind));
	rb_buf_adds(b, "\", ");
	key_str(b, "label", n->label);
	if (n->number > 0)
		put_int(b, ", \"number\": ", n->number);
	else
		rb_buf_adds(b, ", \"number\": null");
	put_int(b, ", \"insert\": ", n->insert);
	rb_buf_adds(b, ", ");
	if (n->style == RB_STYLE_NONE)
		rb_buf_adds(b, "\"style\": null, ");
	else {
		rb_buf_adds(b, "\"style\": \"");
		rb_buf_adds(b, rb_style_name(n->style));
		rb_buf_adds(b, "\", ");
	}
	key_str(b, "title", n->title);
	rb_buf_adds(b, ", ");
	key_str(b, "text", n->text);
	rb_buf_adds(b, ", ");
	key_str(b, "id", n->id);
	put_int(b, ", \"line\": ", (long)n->line);
	put_int(b, ", \"column\": ", (long)n->column);
	if (n->deleted)
		rb_buf_adds(b, ", \"deleted\": true");
	if (n->nrefs) {
		size_t i;
		rb_buf words;

		rb_buf_init(&words);
		rb_buf_adds(b, ", \"refs\": [");
		for (i = 0; i < n->nrefs; i++) {
			const rb_ref *r = &n->refs[i];

			rb_buf_reset(&words);
			rb_buf_add(&words, n->text + r->off, r->len);
			rb_buf_addc(&words, '\0');
			rb_buf_adds(b, i ? ", {" : "{");
			key_str(b, "text", words.data);
			rb_buf_adds(b, ", \"target\": ");
			if (r->target)
				rb_json_escape(b, r->target->id);
			else
				rb_buf_adds(b, "null");
			rb_buf_adds(b, r->external ? ", \"external\": true}" : ", \"external\": false}");
		}
		rb_buf_addc(b, ']');
		rb_buf_free(&words);
	}
	if (n->table)
		table(b, n->table);
	open_children(c, n, "children", ind + 1);
	return 1;
}

static void
json_leave(rb_emit_ctx *c, const rb_node *n)
{
	rb_buf *b = c->out;

	if (n->first)
		rb_buf_addc(b, ']');
	rb_buf_addc(b, '}');
	if (n == c->doc->root && n->kind == RB_BOOK)
		rb_buf_addc(b, '\n');
	else if (n == c->doc->root)
		rb_buf_adds(b, "]}\n");
	else if (n->next)
		rb_buf_adds(b, ",\n");
}

const rb_emitter rb_emitter_json = {
	.name = "json",
	.ext = ".json",
	.is_default = 0,
	.begin = json_begin,
	.enter = json_enter,
	.leave = json_leave,
};
