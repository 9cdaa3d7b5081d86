/*
 * HTML5: one self-contained page per document or handbook — the page
 * template and style sheet (templates/, compiled in; --template DIR
 * overrides) around a title block, a table of contents and the clauses.
 * Every clause has an id and its label is its permalink; resolved
 * references are links.  Clause text is Markdown rendered by cmark (raw
 * HTML dropped unless --unsafe); every other string is escaped by libxml2.
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

extern const char rb_tpl_page[], rb_tpl_css[];

/* ---- strings ---- */

void
rb_html_esc(rb_buf *b, const char *s)
{
	xmlChar *e;
	size_t n, k;

	if (!s || !*s)
		return;
	n = strlen(s);
	k = rb_xml_plain_len(s, n);
	if (k == n) {	/* nothing to escape: the same bytes, without a copy */
		rb_buf_add(b, s, n);
		return;
	}
	rb_buf_add(b, s, k);
	e = rb_xml.xmlEncodeSpecialChars(NULL, BAD_CAST s + k);
	if (!e)
		rb_fatal_oom();
	rb_buf_adds(b, (const char *)e);
	rb_xml_free(e);
}

/* esc of s[0, n). */
void
rb_html_esc_n(rb_buf *b, const char *s, size_t n)
{
	char *t;

	if (rb_xml_plain_len(s, n) == n) {
		rb_buf_add(b, s, n);
		return;
	}
	t = rb_xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	rb_html_esc(b, t);
	free(t);
}

const char *
rb_html_word(const rb_document *doc, const char *key)
{
	return rb_word(doc, key);
}

/* <time datetime="2000-03-15">2000年3月15日</time> in Chinese documents */
static void
date(rb_buf *b, const rb_document *doc, const char *iso)
{
	rb_buf shown;

	rb_buf_init(&shown);
	rb_put_date(&shown, doc, iso);
	rb_buf_add(&shown, "", 0);
	rb_buf_adds(b, "<time datetime=\"");
	rb_html_esc(b, iso);
	rb_buf_adds(b, "\">");
	rb_html_esc(b, shown.data);
	rb_buf_adds(b, "</time>");
	rb_buf_free(&shown);
}


/* ---- the page ---- */

static int
is_division(const rb_node *n)
{
	return n->kind == RB_PART || n->kind == RB_CHAPTER || n->kind == RB_HEADING ||
	    (n->kind == RB_SECTION && !(n->text && *n->text));
}

/* Is n in a document that is in a part of a book (one heading level
 * further down)? */
static int
in_book_part(const rb_node *n)
{
	const rb_node *a;

	for (a = n; a && a->kind != RB_DOCUMENT; a = a->parent)
		;
	return a && a->parent && a->parent->kind == RB_PART;
}

static int
depth_of(const rb_node *n)
{
	int d = 0;
	const rb_node *a;

	for (a = n->parent; a && a->kind != RB_DOCUMENT && a->kind != RB_BOOK; a = a->parent)
		if (is_division(a))
			d++;
	return d;
}

static const char *
kind_class(const rb_node *n)
{
	return rb_kind_name(n->kind);
}

static void
title_block(rb_emit_ctx *c, rb_buf *out, const rb_document *doc, const rb_node *root, int level)
{
	const char *s, *keys[] = {"issuer", "adopted", "effective", "version"}, *when, *event;
	const rb_value *h;
	size_t k;
	int dl = 0, items = 0;

	if (root->kind == RB_BOOK && rb_meta_sub(doc, "cover", "logo")) {
		rb_buf_adds(out, "<p class=\"logo\"><img alt=\"\" src=\"");
		if (!rb_logo_uri(doc, out))
			rb_buf_adds(out, "data:,");
		rb_buf_adds(out, "\"></p>\n");
	}
	rb_buf_printf(out, "<h%d>", level);
	rb_html_inline_md(c, out, root, root->title && *root->title ? root->title : rb_document_title(doc));
	rb_buf_printf(out, "</h%d>\n", level);
	if ((s = rb_cover_get(doc, "subtitle"))) {
		rb_buf_adds(out, "<p class=\"subtitle\">");
		rb_html_inline_md(c, out, root, s);	/* a # heading, as the title */
		rb_buf_adds(out, "</p>\n");
	}
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if ((s = strcmp(keys[k], "version") ? rb_meta_get(doc, keys[k]) : rb_version_of(doc)) &&
		    *s) {
			if (!dl++)
				rb_buf_adds(out, "<dl>\n");
			rb_buf_adds(out, "<dt>");
			rb_html_esc(out, rb_html_word(doc, keys[k]));
			rb_buf_adds(out, "</dt><dd>");
			if (!strcmp(keys[k], "effective") || !strcmp(keys[k], "adopted"))
				date(out, doc, s);
			else
				rb_html_esc(out, s);
			rb_buf_adds(out, "</dd>\n");
		}
	if (dl)
		rb_buf_adds(out, "</dl>\n");
	for (h = rb_history_next(doc, NULL, &when, &event); h;
	     h = rb_history_next(doc, h, &when, &event)) {
		if (!items++)
			rb_buf_adds(out, "<ol class=\"history\">\n");
		rb_buf_adds(out, "<li>");
		if (when) {
			date(out, doc, when);
			rb_buf_adds(out, " ");
		}
		rb_html_esc(out, event);
		rb_buf_adds(out, "</li>\n");
	}
	if (items)
		rb_buf_adds(out, "</ol>\n");
	if (root->kind == RB_BOOK && (s = rb_meta_sub(doc, "cover", "issuer"))) {
		rb_buf_adds(out, "<p class=\"cover-issuer\">");
		rb_html_esc(out, s);
		rb_buf_adds(out, "</p>\n");
	}
	if (root->kind == RB_BOOK && (s = rb_meta_sub(doc, "cover", "date"))) {
		rb_buf_adds(out, "<p class=\"cover-date\">");
		date(out, doc, s);
		rb_buf_adds(out, "</p>\n");
	}
}

/* A closing line of a Chinese document: its lines are set as GB/T
 * 9704-2012 7.3.5.1 says, in a div.closing-lines (the style sheet: the
 * date four characters in, each signature line above it centred over
 * it).  n's class: the date, a signature line, or another. */
static int
zh_closing(const rb_node *n)
{
	return rb_is_closing(n) && !strncmp(rb_document_lang(n->doc), "zh", 2);
}

static const char *
closing_class(const rb_node *n)
{
	const rb_node *d;

	if (!zh_closing(n))
		return "closing";
	d = rb_closing_date_of(n);
	return d == n ? "closing date" : d ? "closing signature" : "closing";
}

/* A book's closing (落款): its signature and date, right-aligned; in
 * Chinese the signature centred over the date. */
static void
book_closing(rb_buf *out, const rb_document *doc)
{
	const char *sig = rb_meta_sub(doc, "closing", "signature"), *when = rb_meta_sub(doc, "closing", "date");
	int dated = sig && when && !strncmp(rb_document_lang(doc), "zh", 2);

	if (!sig && !when)
		return;
	rb_buf_adds(out, "<div class=\"closing\">\n");	/* as site.c finds it */
	if (sig) {
		rb_buf_adds(out, dated ? "<p class=\"closing signature\">" : "<p class=\"closing\">");
		rb_html_esc(out, sig);
		rb_buf_adds(out, "</p>\n");
	}
	if (when) {
		rb_buf_adds(out, dated ? "<p class=\"closing date\">" : "<p class=\"closing\">");
		date(out, doc, when);
		rb_buf_adds(out, "</p>\n");
	}
	rb_buf_adds(out, "</div>\n");
}

/* The table of contents: documents and divisions, nested. */
static void
toc(rb_emit_ctx *c, rb_buf *out, const rb_node *n)
{
	const rb_node *ch;
	int open = 0;

	for (ch = n->first; ch; ch = ch->next) {
		if (ch->kind != RB_DOCUMENT && !is_division(ch))
			continue;
		if (!open++)
			rb_buf_adds(out, "<ol>\n");
		rb_buf_adds(out, "<li><a href=\"#");
		rb_html_esc(out, ch->id);
		rb_buf_adds(out, "\">");
		if (ch->kind == RB_DOCUMENT)
			rb_html_inline_md(c, out, ch, rb_document_title(ch->doc));
		else {
			if (ch->label && *ch->label) {
				rb_html_esc(out, ch->label);
				if (ch->title && *ch->title)
					rb_buf_adds(out, " ");
			}
			rb_html_inline_md(c, out, ch, ch->title);
		}
		rb_buf_adds(out, "</a>");
		toc(c, out, ch);
		rb_buf_adds(out, "</li>\n");
	}
	if (open)
		rb_buf_adds(out, "</ol>\n");
}

static void
heading(rb_emit_ctx *c, rb_buf *out, const rb_node *n, int level)
{
	if (level > 6)
		level = 6;
	rb_buf_printf(out, "<h%d>", level);
	if (n->label && *n->label) {
		rb_buf_adds(out, "<a class=\"label\" href=\"#");
		rb_html_esc(out, n->id);
		rb_buf_adds(out, "\">");
		rb_html_esc(out, n->label);
		rb_buf_adds(out, "</a> ");
	} else if (!(n->title && *n->title)) {
		rb_buf_adds(out, "<a class=\"label\" href=\"#");
		rb_html_esc(out, n->id);
		rb_buf_adds(out, "\">§</a>");
	}
	rb_html_inline_md(c, out, n, n->title);
	rb_buf_printf(out, "</h%d>\n", level);
}

static void
open_tag(rb_buf *out, const char *tag, const char *cls, const char *id)
{
	rb_buf_printf(out, "<%s class=\"%s\"", tag, cls);
	if (id && *id) {
		rb_buf_adds(out, " id=\"");
		rb_html_esc(out, id);
		rb_buf_adds(out, "\"");
	}
	rb_buf_adds(out, ">\n");
}

static int
html_enter(rb_emit_ctx *c, const rb_node *n)
{
	struct html_state *st = c->state;
	rb_buf *b = st->bodyp;
	char *h;

	switch (n->kind) {
	case RB_BOOK:	/* the book's own 前言 */
		if (n->doc->preamble && *n->doc->preamble) {
			rb_buf_adds(b, "<section class=\"preamble foreword\">\n<h2>");
			rb_html_esc(b, rb_html_word(n->doc, "foreword"));
			rb_buf_adds(b, "</h2>\n");
			h = rb_html_render(c, n, n->doc->preamble, 0);
			rb_buf_adds(b, h);
			free(h);
			rb_buf_adds(b, "</section>\n");
		}
		return 1;
	case RB_DOCUMENT:
		if (n->parent) {	/* a document of a handbook */
			rb_buf_adds(b, "<article class=\"document\" id=\"");
			rb_html_esc(b, n->id);
			if (strcmp(rb_document_lang(n->doc), rb_document_lang(c->doc))) {
				rb_buf_adds(b, "\" lang=\"");
				rb_html_esc(b, rb_document_lang(n->doc));
			}
			rb_buf_adds(b, "\">\n");
			rb_buf_adds(b, "<header>\n");
			title_block(c, b, n->doc, n, in_book_part(n) ? 3 : 2);
			rb_buf_adds(b, "</header>\n");
		}
		if (n->doc->preamble && *n->doc->preamble) {
			rb_buf_adds(b, "<div class=\"preamble\">\n");
			h = rb_html_render(c, n, n->doc->preamble, 0);
			rb_buf_adds(b, h);
			free(h);
			rb_buf_adds(b, "</div>\n");
		}
		return 1;
	case RB_PART:
	case RB_CHAPTER:
	case RB_SECTION:
	case RB_HEADING:
		if (!is_division(n)) {	/* 1.2 with text: a clause */
			open_tag(b, "div", "clause outline", n->id);
			rb_html_clause_text(c, b, n, "clause");
			return 1;
		}
		open_tag(b, "section", kind_class(n), n->id);
		if (n->kind == RB_PART && n->parent && n->parent->kind == RB_BOOK) {
			/* a part of a book (第一篇) holding documents */
			heading(c, b, n, 2);
			if (n->text && *n->text) {
				h = rb_html_render(c, n, n->text, 0);
				rb_buf_adds(b, h);
				free(h);
			}
			return 1;
		}
		heading(c, b, n, st->base + depth_of(n) + in_book_part(n));
		if (n->text && *n->text) {
			h = rb_html_render(c, n, n->text, 1);
			rb_html_mark_refs(b, h);
			free(h);
		}
		return 1;
	case RB_ARTICLE:
		open_tag(b, "div", "article", n->id);
		rb_html_clause_text(c, b, n, "clause");
		return 1;
	case RB_PARAGRAPH:
		/* a closing's first line: after a clause, not after a line of it */
		if (zh_closing(n) && (!n->prev || n->prev->kind != RB_PARAGRAPH))
			rb_buf_adds(b, "<div class=\"closing-lines\">\n");
		if (n->id && *n->id) {
			rb_buf_adds(b, rb_is_closing(n) ? "<div class=\"paragraph closing\" id=\""
							: "<div class=\"paragraph\" id=\"");
			rb_html_esc(b, n->id);
			rb_buf_adds(b, "\">\n");
		}
		rb_html_clause_text(c, b, n, rb_is_closing(n) ? closing_class(n) : "paragraph");
		return 1;
	case RB_ITEM:
		if (!n->prev || n->prev->kind != RB_ITEM)
			rb_buf_adds(b, "<ul class=\"items\">\n");
		rb_buf_adds(b, "<li");
		if (n->id && *n->id) {
			rb_buf_adds(b, " id=\"");
			rb_html_esc(b, n->id);
			rb_buf_adds(b, "\"");
		}
		rb_buf_adds(b, ">\n");
		rb_html_clause_text(c, b, n, "item");
		return 1;
	case RB_TABLE: {
		const rb_table *t = n->table;
		size_t r, k;

		if (!t || !t->rows)
			return 0;
		rb_buf_adds(b, "<table");
		if (n->id && *n->id) {
			rb_buf_adds(b, " id=\"");
			rb_html_esc(b, n->id);
			rb_buf_adds(b, "\"");
		}
		rb_buf_adds(b, ">\n");
		for (r = 0; r < t->rows; r++) {
			const char *cell = r == 0 && t->rows > 1 ? "th" : "td";

			if (r == 0 && t->rows > 1)
				rb_buf_adds(b, "<thead>\n");
			if (r == (t->rows > 1 ? 1u : 0u))
				rb_buf_adds(b, "<tbody>\n");
			rb_buf_adds(b, "<tr>");
			for (k = 0; k < t->cols; k++) {
				rb_buf_printf(b, "<%s>", cell);
				rb_html_esc(b, t->cells[r * t->cols + k]);
				rb_buf_printf(b, "</%s>", cell);
			}
			rb_buf_adds(b, "</tr>\n");
			if (r == 0 && t->rows > 1)
				rb_buf_adds(b, "</thead>\n");
		}
		rb_buf_adds(b, "</tbody>\n</table>\n");
		return 0;
	}
	default:
		return 1;
	}
}

static void
html_leave(rb_emit_ctx *c, const rb_node *n)
{
	struct html_state *st = c->state;
	rb_buf *b = st->bodyp;

	switch (n->kind) {
	case RB_BOOK:
		book_closing(b, n->doc);
		break;
	case RB_DOCUMENT:
		if (n->parent)
			rb_buf_adds(b, "</article>\n");
		break;
	case RB_PART:
	case RB_CHAPTER:
	case RB_SECTION:
	case RB_HEADING:
		rb_buf_adds(b, is_division(n) ? "</section>\n" : "</div>\n");
		break;
	case RB_ARTICLE:
		rb_buf_adds(b, "</div>\n");
		break;
	case RB_PARAGRAPH:
		if (n->id && *n->id)
			rb_buf_adds(b, "</div>\n");
		if (zh_closing(n) && (!n->next || n->next->kind != RB_PARAGRAPH))
			rb_buf_adds(b, "</div>\n");
		break;
	case RB_ITEM:
		rb_buf_adds(b, "</li>\n");
		if (!n->next || n->next->kind != RB_ITEM)
			rb_buf_adds(b, "</ul>\n");
		break;
	default:
		break;
	}
}

/* The page template from p on, its {{slots}} filled, up to its next
 * {{body}}: returns what follows that, or NULL at the end. */
static const char *
fill(rb_emit_ctx *c, const char *p)
{
	struct html_state *st = c->state;
	const rb_document *doc = c->doc;
	const char *css = c->opts && c->opts->css ? c->opts->css : rb_tpl_css;

	while (*p) {
		const char *q = strstr(p, "{{"), *e;
		size_t k;

		if (!q) {
			rb_buf_adds(c->out, p);
			break;
		}
		rb_buf_add(c->out, p, (size_t)(q - p));
		e = strstr(q, "}}");
		if (!e) {
			rb_buf_adds(c->out, q);
			break;
		}
		k = (size_t)(e - q - 2);
		if (k == 4 && !strncmp(q + 2, "lang", 4))
			rb_html_esc(c->out, rb_document_lang(doc));
		else if (k == 5 && !strncmp(q + 2, "title", 5))
			rb_buf_add(c->out, st->title.data, st->title.len);
		else if (k == 3 && !strncmp(q + 2, "css", 3))
			rb_buf_adds(c->out, css);
		else if (k == 9 && !strncmp(q + 2, "titlepage", 9))
			rb_buf_add(c->out, st->tp.data, st->tp.len);
		else if (k == 3 && !strncmp(q + 2, "toc", 3)) {
			if (st->toc.len) {
				rb_buf_adds(c->out, "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">");
				rb_html_esc(c->out, rb_html_word(doc, "contents"));
				rb_buf_adds(c->out, "</h2>\n");
				rb_buf_add(c->out, st->toc.data, st->toc.len);
				rb_buf_adds(c->out, "</nav>");
			}
		} else if (k == 4 && !strncmp(q + 2, "body", 4))
			return e + 2;
		else
			rb_buf_add(c->out, q, (size_t)(e + 2 - q));	/* not ours: kept */
		p = e + 2;
	}
	return NULL;
}

/* The page up to {{body}} first, so that the body is written straight
 * into the output as the tree is walked (and can go to the file as it
 * grows); the rest of the page at the end. */
static void
html_begin(rb_emit_ctx *c)
{
	struct html_state *st = c->state;
	const rb_document *doc = c->doc;

	rb_buf_init(&st->body);
	rb_buf_init(&st->toc);
	rb_buf_init(&st->title);
	rb_buf_init(&st->tp);
	rb_strmap_init(&st->ids);
	st->doc = doc;
	st->base = doc->root->kind == RB_BOOK ? 3 : 2;
	rb_html_esc(&st->title, rb_document_title(doc));
	/* a book's title page is its cover: a page of its own in print */
	rb_buf_adds(&st->tp, doc->root->kind == RB_BOOK ? "<header class=\"titlepage cover\">\n"
							 : "<header class=\"titlepage\">\n");
	title_block(c, &st->tp, doc, doc->root, 1);
	rb_buf_adds(&st->tp, "</header>");
	toc(c, &st->toc, doc->root);
	st->rest = fill(c, c->opts && c->opts->page ? c->opts->page : rb_tpl_page);
	st->bodyp = st->rest ? c->out : &st->body;	/* no {{body}}: no body */
}

static void
html_end(rb_emit_ctx *c)
{
	struct html_state *st = c->state;
	const char *p = st->rest;

	while (p)	/* a second {{body}} stays empty */
		p = fill(c, p);
	rb_buf_free(&st->title);
	rb_buf_free(&st->tp);
	rb_buf_free(&st->body);
	rb_buf_free(&st->toc);
	rb_strmap_free(&st->ids);
}

const rb_emitter rb_emitter_html = {
	.name = "html",
	.ext = ".html",
	.is_default = 1,
	.state_size = sizeof(struct html_state),
	.begin = html_begin,
	.enter = html_enter,
	.leave = html_leave,
	.end = html_end,
	.preload = rb_xml_preload,	/* libxml2 escapes */
	.ready = rb_xml_ready,
};
