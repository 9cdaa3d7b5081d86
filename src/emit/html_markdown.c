/*
 * Clause text is Markdown: cmark renders it, with references linked and
 * raw HTML kept as text unless --unsafe, and plain text is written
 * without a parse — apart from html.c, which lays out the page around it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "mem/xml_mem.h"
#include "strmap.h"
#include "text/buf.h"
#include "text/markdown.h"
#include "tree/node.h"
#include "emit.h"
#include "xmllib.h"
#include "html.h"

/* ---- Markdown ---- */

/* [](#id) → [第十条](#id): an empty link shows the target's label. */
static void
fill_empty_links(struct html_state *st, const char *md, rb_buf *out)
{
	const char *p = md, *q;

	while ((q = strstr(p, "[](#")) != NULL) {
		const char *id = q + 4, *e = strchr(id, ')');
		const rb_node *n;

		rb_buf_add(out, p, (size_t)(q - p));
		if (e && e - id < 256) {
			char key[256];

			memcpy(key, id, (size_t)(e - id));
			key[e - id] = '\0';
			if ((n = rb_lookup_id(st->doc, &st->ids, key)) != NULL) {
				rb_buf_addc(out, '[');
				rb_buf_adds(out, rb_ref_label(n, st->label, sizeof(st->label)));
				rb_buf_addc(out, ']');
				p = q + 2;
				continue;
			}
		}
		rb_buf_add(out, q, 4);
		p = q + 4;
	}
	rb_buf_adds(out, p);
}

/* Raw HTML in a document is text unless --unsafe: shown as written (not
 * dropped, as cmark's safe mode would), never markup.  A link to a
 * hostile scheme cmark lets by (java&#9;script:) goes nowhere, as the
 * ones it catches do. */
static void
html_as_text(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **v = NULL;
	size_t n = 0, cap = 0, i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(x);

		if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_LINK &&
		    !rb_url_is_safe(cmark_node_get_url(x)))
			cmark_node_set_url(x, "");
		if (ev == CMARK_EVENT_ENTER &&
		    (t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_HTML_BLOCK)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				v = rb_xrealloc(v, cap * sizeof(*v));
			}
			v[n++] = x;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < n; i++) {
		int block = cmark_node_get_type(v[i]) == CMARK_NODE_HTML_BLOCK;
		cmark_node *r = cmark_node_new(block ? CMARK_NODE_CODE_BLOCK : CMARK_NODE_TEXT);

		cmark_node_set_literal(r, cmark_node_get_literal(v[i]));
		cmark_node_replace(v[i], r);
		cmark_node_free(v[i]);
	}
	free(v);
}

struct pieces {
	rb_buf *b;
	int cls;
};

static void
piece_text(void *ctx, const char *s, size_t len)
{
	rb_html_esc_n(((struct pieces *)ctx)->b, s, len);
}

static void
piece_link(void *ctx, const rb_node *target, const char *s, size_t len)
{
	struct pieces *p = ctx;

	rb_buf_adds(p->b, "<a href=\"#");
	rb_html_esc(p->b, target->id);
	rb_buf_adds(p->b, p->cls ? "\" class=\"ref\">" : "\" title=\"ref\">");
	rb_html_esc_n(p->b, s, len);
	rb_buf_adds(p->b, "</a>");
}

/* Plain text with its references linked (class ref when cls, else the
 * title cmark gives [words](#id "ref")), escaped into b. */
static void
plain_linked(rb_buf *b, const rb_node *n, const char *md, int linked, int cls)
{
	struct pieces p = {b, cls};

	rb_ref_pieces(n, md, linked, piece_text, piece_link, &p);
}

/* Plain text with its references: what cmark would make of it, without
 * the parse (most clauses). */
static char *
render_plain(const rb_node *n, const char *md, int linked)
{
	rb_buf b;

	rb_buf_init(&b);
	rb_buf_adds(&b, "<p>");
	plain_linked(&b, n, md, linked, 0);
	rb_buf_adds(&b, "</p>\n");
	return rb_buf_detach(&b);
}

/* Render clause Markdown (references linked) with cmark. */
char *
rb_html_render(rb_emit_ctx *c, const rb_node *n, const char *md, int linked)
{
	struct html_state *st = c->state;
	rb_buf a, b;
	char *html;
	cmark_node *doc;
	int opts = CMARK_OPT_DEFAULT | (c->opts && c->opts->unsafe ? CMARK_OPT_UNSAFE : 0);

	if (rb_md_is_plain(md))
		return render_plain(n, md, linked);

	rb_buf_init(&a);
	rb_buf_init(&b);
	if (linked && n)
		rb_text_linked(n, &a);
	else
		rb_buf_adds(&a, md);
	rb_buf_add(&a, "", 0);
	fill_empty_links(st, a.data ? a.data : "", &b);
	doc = rb_md_parse_text(b.data ? b.data : "", b.len, (n ? n->doc : c->doc)->link_defs, opts);
	if (!(c->opts && c->opts->unsafe))
		html_as_text(doc);
	html = cmark_render_html(doc, opts);
	cmark_node_free(doc);
	rb_buf_free(&a);
	rb_buf_free(&b);
	return html;
}

/* Inline Markdown (the title of n): the rendered paragraph without <p>. */
void
rb_html_inline_md(rb_emit_ctx *c, rb_buf *out, const rb_node *n, const char *md)
{
	char *h;
	size_t len;

	if (!md || !*md)
		return;
	h = rb_html_render(c, n, md, 0);
	len = strlen(h);
	while (len && h[len - 1] == '\n')
		len--;
	if (len >= 7 && !strncmp(h, "<p>", 3) && !strncmp(h + len - 4, "</p>", 4) &&
	    !strstr(h + 3, "<p>"))
		rb_buf_add(out, h + 3, len - 7);
	else
		rb_html_esc(out, md);	/* blocks in a title: keep the words */
	free(h);
}

/* References keep their words; they link to their clause. */
void
rb_html_mark_refs(rb_buf *out, const char *h)
{
	const char *p = h, *q;

	/* cmark writes [words](#id "ref") as <a href="#id" title="ref"> */
	while ((q = strstr(p, " title=\"ref\">")) != NULL) {
		rb_buf_add(out, p, (size_t)(q - p));
		rb_buf_adds(out, " class=\"ref\">");
		p = q + strlen(" title=\"ref\">");
	}
	rb_buf_adds(out, p);
}

/* A clause's text: its label (a permalink) and run-in title open the
 * first paragraph. */
static void
p_open(rb_buf *out, const char *cls, const char *more)
{
	rb_buf_adds(out, "<p class=\"");
	rb_buf_adds(out, cls);
	rb_buf_adds(out, more);
	rb_buf_adds(out, "\">");
}

/* What opens a clause's first paragraph: its label (a permalink) and
 * run-in title. */
static void
clause_lead(rb_emit_ctx *c, rb_buf *out, const rb_node *n)
{
	if (!(n->label && *n->label) && n->id && *n->id) {
		/* a 款 has no label: a pilcrow is its permalink */
		rb_buf_adds(out, "<a class=\"permalink\" href=\"#");
		rb_html_esc(out, n->id);
		rb_buf_adds(out, "\">¶</a>");
	}
	if (n->label && *n->label) {
		/* 公文 convention: an item's text follows 一、 and （一）
		 * without a gap; an article's label keeps its space */
		int tight = n->kind == RB_ITEM && !strncmp(rb_document_lang(n->doc), "zh", 2);

		rb_buf_adds(out, tight ? "<a class=\"label tight\" href=\"#" : "<a class=\"label\" href=\"#");
		rb_html_esc(out, n->id);
		rb_buf_adds(out, "\">");
		rb_html_esc(out, n->label);
		rb_buf_adds(out, tight ? "</a>" : "</a> ");
	}
	if (n->title && *n->title) {
		rb_buf_adds(out, "<span class=\"title\">");
		rb_html_inline_md(c, out, n, n->title);
		/* Chinese sentences are not spaced */
		rb_buf_adds(out, strncmp(rb_document_lang(n->doc), "zh", 2) ? "</span> " : "</span>");
	}
}

void
rb_html_clause_text(rb_emit_ctx *c, rb_buf *out, const rb_node *n, const char *cls)
{
	char *h = NULL;

	if (n->deleted) {
		p_open(out, cls, " deleted");
		clause_lead(c, out, n);
		rb_html_esc(out, rb_html_word(n->doc, "deleted"));
		rb_buf_adds(out, "</p>\n");
		return;
	}
	if (n->text && *n->text && rb_md_is_plain(n->text)) {
		/* most clauses: written straight out, references marked */
		p_open(out, cls, "");
		clause_lead(c, out, n);
		plain_linked(out, n, n->text, 1, 1);
		rb_buf_adds(out, "</p>\n");
		return;
	}
	if (n->text && *n->text)
		h = rb_html_render(c, n, n->text, 1);
	p_open(out, cls, "");
	clause_lead(c, out, n);
	if (h && !strncmp(h, "<p>", 3))
		rb_html_mark_refs(out, h + 3);
	else {
		rb_buf_adds(out, "</p>\n");
		if (h)
			rb_html_mark_refs(out, h);
	}
	free(h);
}
