/*
 * DocBook 5.0, written with libxml2's xmlTextWriter (so every piece of
 * document text is escaped by the library).  A document is an <article>, a
 * handbook a <book> whose documents are <chapter>s.  Divisions, articles
 * and headings are <section>s that keep our numbering in the label
 * attribute (第十条 survives any stylesheet's autolabel); items are
 * <variablelist> entries whose <term> is the label (（三）, 1.); 款 are
 * <para>s.  Every clause has its xml:id.  Clause text is Markdown, turned
 * into DocBook inlines and blocks through cmark; resolved references
 * become <link linkend>.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmark.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "text/buf.h"
#include "text/markdown.h"
#include "text/utf8.h"
#include "text/width.h"
#include "tree/node.h"
#include "emit.h"
#include "xmllib.h"
#include "docbook.h"

#define DB_NS "http://docbook.org/ns/docbook"
#define XLINK_NS "http://www.w3.org/1999/xlink"

/* Indentation is ours: a line per element of element content, none
 * inside mixed content (whitespace there would be text). */
static void
newline(struct db_state *st)
{
	/* the newline and the indentation in one write */
	static const char spaces[] = "\n                                "
				     "                                ";
	int k = st->depth < 64 ? st->depth : 64;

	if (rb_xml.xmlTextWriterWriteRawLen(W(st), BAD_CAST spaces, k + 1) < 0)
		st->failed = 1;
}

void
rb_docbook_start(struct db_state *st, const char *name)
{
	if (st->inline_depth > 0) {
		st->inline_depth++;
	} else {
		if (st->depth > 0 || st->started)
			newline(st);
		st->started = 1;
		if (st->depth < (int)sizeof(st->nested))
			st->nested[st->depth] = 1;	/* the parent has element children */
		st->depth++;
		if (st->depth < (int)sizeof(st->nested))
			st->nested[st->depth] = 0;
	}
	if (rb_xml.xmlTextWriterStartElement(W(st), BAD_CAST name) < 0)
		st->failed = 1;
}

void
rb_docbook_start_mixed(struct db_state *st, const char *name)
{
	if (st->inline_depth == 0) {
		rb_docbook_start(st, name);
		st->depth--;	/* its content is not indented */
		st->inline_depth = 1;
		return;
	}
	rb_docbook_start(st, name);
}

void
rb_docbook_end(struct db_state *st)
{
	if (st->inline_depth > 0)
		st->inline_depth--;
	else {
		st->depth--;
		if (st->depth + 1 < (int)sizeof(st->nested) && st->nested[st->depth + 1])
			newline(st);
	}
	if (rb_xml.xmlTextWriterEndElement(W(st)) < 0)
		st->failed = 1;
}

/* A block element: the first one of a 款 carries the 款's id. */
void
rb_docbook_start_block(struct db_state *st, const char *name)
{
	if (!strcmp(name, "para") || !strcmp(name, "bridgehead") || !strcmp(name, "programlisting"))
		rb_docbook_start_mixed(st, name);
	else
		rb_docbook_start(st, name);
	if (st->pending_id) {
		rb_docbook_attr(st, "xml:id", st->pending_id);
		st->pending_id = NULL;
		if (st->pending_closing)
			rb_docbook_attr(st, "role", "closing");
	}
}

/* An attribute.  A value with nothing the writer would escape in an
 * attribute (most are ids and labels) goes out as it is. */
void
rb_docbook_attr(struct db_state *st, const char *name, const char *value)
{
	static const unsigned char stop[256] = {
		[0] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1, ['"'] = 1,
		['\r'] = 1, ['\n'] = 1, ['\t'] = 1,
	};
	const unsigned char *p = (const unsigned char *)value;

	if (!value)
		return;
	while (!stop[*p])
		p++;
	if (*p) {
		if (rb_xml.xmlTextWriterWriteAttribute(W(st), BAD_CAST name, BAD_CAST value) < 0)
			st->failed = 1;
		return;
	}
	if (rb_xml.xmlTextWriterStartAttribute(W(st), BAD_CAST name) < 0 ||
	    (p > (const unsigned char *)value &&
	     rb_xml.xmlTextWriterWriteRawLen(W(st), BAD_CAST value, (int)(p - (const unsigned char *)value)) < 0) ||
	    rb_xml.xmlTextWriterEndAttribute(W(st)) < 0)
		st->failed = 1;
}

/* Character data.  libxml2's writer escapes it with
 * xmlEncodeSpecialChars, a fresh string each time; most text has none of
 * the characters that function changes, and such text goes out as it is
 * (the same bytes, without the copy). */
void
rb_docbook_text_n(struct db_state *st, const char *s, size_t n)
{
	char *t;

	if (!n)
		return;
	if (rb_xml_plain_len(s, n) == n) {
		if (rb_xml.xmlTextWriterWriteRawLen(W(st), BAD_CAST s, (int)n) < 0)
			st->failed = 1;
		return;
	}
	t = rb_xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	if (rb_xml.xmlTextWriterWriteString(W(st), BAD_CAST t) < 0)
		st->failed = 1;
	free(t);
}

void
rb_docbook_text(struct db_state *st, const char *s)
{
	if (s)
		rb_docbook_text_n(st, s, strlen(s));
}

void
rb_docbook_element(struct db_state *st, const char *name, const char *content)
{
	rb_docbook_start_mixed(st, name);
	rb_docbook_text(st, content);
	rb_docbook_end(st);
}

static void
xml_id(struct db_state *st, const rb_node *n)
{
	if (n->id && *n->id)
		rb_docbook_attr(st, "xml:id", n->id);
}

static void
title(struct db_state *st, const rb_node *n, const char *md)
{
	rb_docbook_inline_element(st, "title", n, md);
}

/* ---- the tree ---- */

static int
is_section(const rb_node *n)
{
	switch (n->kind) {
	case RB_PART:
	case RB_CHAPTER:
	case RB_SECTION:
	case RB_ARTICLE:
	case RB_HEADING:
		return 1;
	default:
		return 0;
	}
}

/* A block that comes after a section among its siblings must sit in a
 * section of its own (DocBook allows no blocks after subsections). */
static int
after_section(const rb_node *n)
{
	const rb_node *p;

	for (p = n->prev; p; p = p->prev)
		if (is_section(p))
			return 1;
	return 0;
}

static void
info(struct db_state *st, const rb_document *doc, const rb_node *root)
{
	const char *s, *date, *event;
	const rb_value *h;
	int revs = 0;

	rb_docbook_start(st, "info");
	title(st, root, root->title && *root->title ? root->title : rb_document_title(doc));
	if ((s = rb_cover_get(doc, "subtitle")))
		rb_docbook_inline_element(st, "subtitle", root, s);	/* a # heading, as the title */
	if ((s = rb_meta_get(doc, "issuer"))) {
		rb_docbook_start(st, "publisher");
		rb_docbook_element(st, "publishername", s);
		rb_docbook_end(st);
	}
	if ((s = rb_meta_get(doc, "adopted"))) {
		rb_docbook_start_mixed(st, "date");
		rb_docbook_attr(st, "role", "adopted");
		rb_docbook_text(st, s);
		rb_docbook_end(st);
	}
	if ((s = rb_meta_get(doc, "effective")))
		rb_docbook_element(st, "pubdate", s);
	if ((s = rb_version_of(doc)) && *s)
		rb_docbook_element(st, "releaseinfo", s);
	/* history: a revision per dated event */
	for (h = rb_history_next(doc, NULL, &date, &event); h;
	     h = rb_history_next(doc, h, &date, &event)) {
		if (!revs++)
			rb_docbook_start(st, "revhistory");
		rb_docbook_start(st, "revision");
		if (date)
			rb_docbook_element(st, "date", date);
		rb_docbook_element(st, "revremark", event ? event : "");
		rb_docbook_end(st);
	}
	if (revs)
		rb_docbook_end(st);
	rb_docbook_end(st);
}

static void
document_start(struct db_state *st, const rb_node *n, int in_book)
{
	const rb_document *doc = n->doc;

	rb_docbook_start(st, in_book ? "chapter" : "article");
	if (in_book)	/* what 本编 in a part of a code links to */
		xml_id(st, n);
	if (!in_book) {
		if (rb_xml.xmlTextWriterWriteAttribute(W(st), BAD_CAST "xmlns", BAD_CAST DB_NS) < 0 ||
		    rb_xml.xmlTextWriterWriteAttribute(W(st), BAD_CAST "xmlns:xlink", BAD_CAST XLINK_NS) < 0)
			st->failed = 1;
		rb_docbook_attr(st, "version", "5.0");
	}
	rb_docbook_attr(st, "xml:lang", rb_document_lang(doc));
	info(st, doc, n);
	if (doc->preamble && *doc->preamble)
		rb_docbook_markdown(st, n, doc->preamble, 0);
	/* an article needs a block or a section */
	if (!n->first && !(doc->preamble && *doc->preamble))
		rb_docbook_element(st, "para", "");
}

/* A book or a part needs a chapter even when it has no document. */
static void
empty_chapter(struct db_state *st)
{
	rb_docbook_start(st, "chapter");
	rb_docbook_element(st, "title", "");
	rb_docbook_element(st, "para", "");
	rb_docbook_end(st);
}

static int
db_enter(rb_emit_ctx *c, const rb_node *n)
{
	struct db_state *st = c->state;

	switch (n->kind) {
	case RB_BOOK:
		rb_docbook_start(st, "book");
		if (rb_xml.xmlTextWriterWriteAttribute(W(st), BAD_CAST "xmlns", BAD_CAST DB_NS) < 0 ||
		    rb_xml.xmlTextWriterWriteAttribute(W(st), BAD_CAST "xmlns:xlink", BAD_CAST XLINK_NS) < 0)
			st->failed = 1;
		rb_docbook_attr(st, "version", "5.0");
		rb_docbook_attr(st, "xml:lang", rb_document_lang(c->doc));
		info(st, c->doc, n);
		if (c->doc->preamble && *c->doc->preamble) {
			rb_docbook_start(st, "preface");
			rb_docbook_element(st, "title", "");
			rb_docbook_markdown(st, n, c->doc->preamble, 0);
			rb_docbook_end(st);
		}
		if (!n->first)
			empty_chapter(st);
		return 1;
	case RB_DOCUMENT:
		document_start(st, n, n->parent != NULL);
		return 1;
	case RB_PART:
		if (n->parent && n->parent->kind == RB_BOOK) {
			/* a part of a book (第一篇): its documents are chapters */
			rb_docbook_start(st, "part");
			xml_id(st, n);
			title(st, n, n->title);
			if (n->text && *n->text) {
				rb_docbook_start(st, "partintro");
				rb_docbook_markdown(st, n, n->text, 0);
				rb_docbook_end(st);
			}
			if (!n->first)
				empty_chapter(st);
			return 1;
		}
		/* fall through */
	case RB_CHAPTER:
	case RB_SECTION:
	case RB_ARTICLE:
	case RB_HEADING:
		rb_docbook_start(st, "section");
		xml_id(st, n);
		if (n->label && *n->label)
			rb_docbook_attr(st, "label", n->label);
		title(st, n, n->title);
		if (n->deleted)
			rb_docbook_element(st, "para", "（删去）");
		rb_docbook_markdown(st, n, n->text, 1);
		if (!n->deleted && !(n->text && *n->text) && !n->first)
			rb_docbook_element(st, "para", "");
		return 1;
	case RB_PARAGRAPH:
		if (after_section(n)) {
			rb_docbook_start(st, "section");
			rb_docbook_element(st, "title", "");
		}
		st->pending_id = n->id && *n->id ? n->id : NULL;
		st->pending_closing = rb_is_closing(n);
		rb_docbook_markdown(st, n, n->text, 1);
		if (st->pending_id) {	/* no text: the 款 is still there */
			rb_docbook_start_block(st, "para");
			rb_docbook_end(st);
		}
		return 1;
	case RB_ITEM:
		if (after_section(n) && (!n->prev || n->prev->kind != RB_ITEM)) {
			rb_docbook_start(st, "section");
			rb_docbook_element(st, "title", "");
		}
		if (!n->prev || n->prev->kind != RB_ITEM)
			rb_docbook_start(st, "variablelist");
		rb_docbook_start(st, "varlistentry");
		xml_id(st, n);
		rb_docbook_element(st, "term", n->label && *n->label ? n->label : "•");
		rb_docbook_start(st, "listitem");
		if (n->title && *n->title) {
			rb_docbook_start_mixed(st, "para");
			rb_docbook_start(st, "emphasis");
			rb_docbook_attr(st, "role", "strong");
			rb_docbook_text(st, n->title);
			rb_docbook_end(st);
			rb_docbook_end(st);
		}
		rb_docbook_markdown(st, n, n->text, 1);
		if (!(n->text && *n->text) && !(n->title && *n->title))
			rb_docbook_element(st, "para", n->deleted ? "（删去）" : "");
		return 1;
	case RB_TABLE: {
		size_t r, k;
		const rb_table *t = n->table;
		char cols[24];

		if (!t || !t->rows)
			return 0;
		if (after_section(n)) {
			rb_docbook_start(st, "section");
			rb_docbook_element(st, "title", "");
		}
		rb_docbook_start(st, "informaltable");
		xml_id(st, n);
		rb_docbook_start(st, "tgroup");
		snprintf(cols, sizeof(cols), "%zu", t->cols ? t->cols : 1);
		rb_docbook_attr(st, "cols", cols);	/* the tree is shared: no arena here */
		for (r = 0; r < t->rows; r++) {
			if (r == 0)
				rb_docbook_start(st, t->rows > 1 ? "thead" : "tbody");
			if (r == 1)
				rb_docbook_start(st, "tbody");
			rb_docbook_start(st, "row");
			for (k = 0; k < t->cols; k++) {
				rb_docbook_start_mixed(st, "entry");
				rb_docbook_text(st, t->cells[r * t->cols + k]);
				rb_docbook_end(st);
			}
			rb_docbook_end(st);
			if (r == 0 || r + 1 == t->rows)
				rb_docbook_end(st);
		}
		rb_docbook_end(st);
		rb_docbook_end(st);
		if (after_section(n))
			rb_docbook_end(st);
		return 0;
	}
	default:
		return 1;
	}
}

static void
db_leave(rb_emit_ctx *c, const rb_node *n)
{
	struct db_state *st = c->state;

	switch (n->kind) {
	case RB_BOOK: {	/* the 落款: a colophon at the back */
		const char *sig = rb_meta_sub(c->doc, "closing", "signature");
		const char *when = rb_meta_sub(c->doc, "closing", "date");

		if (sig || when) {
			rb_docbook_start(st, "colophon");
			if (sig)
				rb_docbook_element(st, "para", sig);
			if (when)
				rb_docbook_element(st, "para", when);
			rb_docbook_end(st);
		}
		rb_docbook_end(st);
		break;
	}
	case RB_DOCUMENT:
	case RB_PART:
	case RB_CHAPTER:
	case RB_SECTION:
	case RB_ARTICLE:
	case RB_HEADING:
		rb_docbook_end(st);
		break;
	case RB_PARAGRAPH:
		if (after_section(n))
			rb_docbook_end(st);
		break;
	case RB_ITEM:
		rb_docbook_end(st);	/* listitem */
		rb_docbook_end(st);	/* varlistentry */
		if (!n->next || n->next->kind != RB_ITEM) {
			rb_docbook_end(st);	/* variablelist */
			if (after_section(n))
				rb_docbook_end(st);
		}
		break;
	default:
		break;
	}
}

static int
db_write(void *ctx, const char *b, int len)
{
	struct db_state *st = ctx;

	if (!st->quiet)
		rb_buf_add(st->out, b, (size_t)len);
	return len;
}

/* The state and its writer, for the whole or for a part. */
static void
writer_open(rb_emit_ctx *c)
{
	struct db_state *st = c->state;
	xmlOutputBufferPtr out;

	rb_strmap_init(&st->ids);
	st->doc = c->doc;
	/* the writer's output goes straight into ours, a block at a time (an
	 * xmlBuffer grew by exact sizes: a realloc for every write) */
	st->out = c->out;
	out = rb_xml.xmlOutputBufferCreateIO(db_write, NULL, st, NULL);
	st->w = out ? rb_xml.xmlNewTextWriter(out) : NULL;
	if (!st->w) {
		if (out)
			rb_xml.xmlOutputBufferClose(out);
		st->failed = 1;
	}
}

static void
writer_close(rb_emit_ctx *c)
{
	struct db_state *st = c->state;

	if (st->w)
		rb_xml.xmlFreeTextWriter(st->w);
	if (st->failed) {
		rb_diag_report(c->d, RB_D_OUTPUT_WRITE, c->doc->source, 0, 0,
			       "DocBook output could not be written");
		c->failed = 1;
	}
	rb_strmap_free(&st->ids);
}

static void
db_begin(rb_emit_ctx *c)
{
	struct db_state *st = c->state;

	writer_open(c);
	if (st->w && rb_xml.xmlTextWriterStartDocument(st->w, NULL, "UTF-8", NULL) < 0)
		st->failed = 1;
}

static void
db_end(rb_emit_ctx *c)
{
	struct db_state *st = c->state;

	if (st->w && (rb_xml.xmlTextWriterWriteRaw(st->w, BAD_CAST "\n") < 0 ||
		      rb_xml.xmlTextWriterEndDocument(st->w) < 0))
		st->failed = 1;
	writer_close(c);
}

/* A part (rb_emit_part) starts at a section after a section, every
 * ancestor a section or the document (so no element of element content
 * is left open across it by a sibling). */
static int
db_split_ok(const rb_node *n)
{
	const rb_node *p;

	if (!is_section(n) || !n->prev || !is_section(n->prev))
		return 0;
	for (p = n->parent; p; p = p->parent)
		if (!is_section(p) && p->kind != RB_DOCUMENT)
			return 0;
	return 1;
}

static void
db_part_begin(rb_emit_ctx *c, const rb_node *at)
{
	(void)at;	/* its ancestors are entered quietly: the state follows */
	writer_open(c);
}

/* What was written is in c->out; from here on output is dropped (on) or
 * kept. */
static void
db_quiet(rb_emit_ctx *c, int on)
{
	struct db_state *st = c->state;

	if (st->w && rb_xml.xmlTextWriterFlush(st->w) < 0)
		st->failed = 1;
	st->quiet = on;
}

static void
db_part_end(rb_emit_ctx *c)
{
	db_quiet(c, 1);	/* the ancestors left open are the rest's to close */
	writer_close(c);
}

const rb_emitter rb_emitter_docbook = {
	.name = "docbook",
	.ext = ".xml",
	.is_default = 1,	/* SPEC §5: html,docbook,text */
	.state_size = sizeof(struct db_state),
	.begin = db_begin,
	.enter = db_enter,
	.leave = db_leave,
	.end = db_end,
	.split_ok = db_split_ok,
	.part_begin = db_part_begin,
	.part_end = db_part_end,
	.quiet = db_quiet,
	.preload = rb_xml_preload,
	.ready = rb_xml_ready,
};
