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

#define DB_NS "http://docbook.org/ns/docbook"
#define XLINK_NS "http://www.w3.org/1999/xlink"

struct db_state {
	const rb_document *doc;
	xmlTextWriterPtr w;
	rb_strmap ids;
	char label[128];
	const char *pending_id;	/* for the first block of a 款's text */
	int pending_closing;	/* and its role when it is the 落款 */
	int inline_depth;	/* open elements inside mixed content, itself included */
	int depth;		/* open elements of element content */
	int md_depth;		/* Markdown quotes, lists and inlines open */
	int started;
	unsigned char nested[256];	/* has element children, per depth */
	int failed;
	rb_buf *out;
	int quiet;		/* output dropped (db_quiet) */
};

#define W(st) ((st)->w)

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

static void
start(struct db_state *st, const char *name)
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

static void
start_mixed(struct db_state *st, const char *name)
{
	if (st->inline_depth == 0) {
		start(st, name);
		st->depth--;	/* its content is not indented */
		st->inline_depth = 1;
		return;
	}
	start(st, name);
}

static void
end(struct db_state *st)
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

static void attr(struct db_state *st, const char *name, const char *value);

/* A block element: the first one of a 款 carries the 款's id. */
static void
start_block(struct db_state *st, const char *name)
{
	if (!strcmp(name, "para") || !strcmp(name, "bridgehead") || !strcmp(name, "programlisting"))
		start_mixed(st, name);
	else
		start(st, name);
	if (st->pending_id) {
		attr(st, "xml:id", st->pending_id);
		st->pending_id = NULL;
		if (st->pending_closing)
			attr(st, "role", "closing");
	}
}

/* An attribute.  A value with nothing the writer would escape in an
 * attribute (most are ids and labels) goes out as it is. */
static void
attr(struct db_state *st, const char *name, const char *value)
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
static void
text_n(struct db_state *st, const char *s, size_t n)
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

static void
text(struct db_state *st, const char *s)
{
	if (s)
		text_n(st, s, strlen(s));
}

static void
element(struct db_state *st, const char *name, const char *content)
{
	start_mixed(st, name);
	text(st, content);
	end(st);
}

static void
xml_id(struct db_state *st, const rb_node *n)
{
	if (n->id && *n->id)
		attr(st, "xml:id", n->id);
}

/* ---- Markdown → DocBook ---- */

/* Join lines at a soft break: no space next to a CJK character. */
static void
soft_break(struct db_state *st, cmark_node *n)
{
	cmark_node *p = cmark_node_previous(n), *x = cmark_node_next(n);
	const char *a = p ? cmark_node_get_literal(p) : NULL;
	const char *b = x ? cmark_node_get_literal(x) : NULL;
	uint32_t cb = 0;

	if (b)
		rb_utf8_decode(b, strlen(b), &cb);
	if (!rb_cp_is_cjk(a ? rb_utf8_last(a, strlen(a)) : 0) && !rb_cp_is_cjk(cb))
		text(st, " ");
}

static void inlines(struct db_state *st, cmark_node *first);

static void
link(struct db_state *st, cmark_node *n)
{
	const char *url = cmark_node_get_url(n), *title = cmark_node_get_title(n);
	const rb_node *target;

	if (url && url[0] == '#' && (target = rb_lookup_id(st->doc, &st->ids, url + 1)) != NULL) {
		start(st, "link");
		attr(st, "linkend", url + 1);
		/* [](#id) shows the target's current label; a reference
		 * ("ref") keeps its words */
		if (!cmark_node_first_child(n) || !title || strcmp(title, "ref") != 0)
			text(st, rb_ref_label(target, st->label, sizeof(st->label)));
		else
			inlines(st, cmark_node_first_child(n));
		end(st);
		return;
	}
	/* a hostile scheme: its words without the link, as the HTML has it */
	if (url && url[0] != '#' && *url && rb_url_is_safe(url)) {
		start(st, "link");
		if (rb_xml.xmlTextWriterWriteAttributeNS(W(st), BAD_CAST "xlink", BAD_CAST "href", NULL,
						  BAD_CAST url) < 0)
			st->failed = 1;
		if (cmark_node_first_child(n))
			inlines(st, cmark_node_first_child(n));
		else
			text(st, url);
		end(st);
		return;
	}
	inlines(st, cmark_node_first_child(n));	/* a link to nothing: its words */
}

/* Markdown in a clause may nest without end (a line of 30,000 >, of
 * *[ …): below MD_DEPTH levels its words are written without their
 * structure, by cmark's iterator — no recursion, whose stack would run
 * out (found by fuzzing). */
#define MD_DEPTH 64

static void
flat(struct db_state *st, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(x)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			text(st, cmark_node_get_literal(x));
			break;
		case CMARK_NODE_SOFTBREAK:
			soft_break(st, x);
			break;
		case CMARK_NODE_LINEBREAK:
			text(st, "\n");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static void
inlines(struct db_state *st, cmark_node *n)
{
	if (st->md_depth >= MD_DEPTH) {
		for (; n; n = cmark_node_next(n))
			flat(st, n);
		return;
	}
	st->md_depth++;
	for (; n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:	/* raw HTML is text in DocBook */
			text(st, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE:
			element(st, "literal", cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			soft_break(st, n);
			break;
		case CMARK_NODE_LINEBREAK:
			text(st, "\n");
			break;
		case CMARK_NODE_EMPH:
			start(st, "emphasis");
			inlines(st, cmark_node_first_child(n));
			end(st);
			break;
		case CMARK_NODE_STRONG:
			start(st, "emphasis");
			attr(st, "role", "strong");
			inlines(st, cmark_node_first_child(n));
			end(st);
			break;
		case CMARK_NODE_LINK:
			link(st, n);
			break;
		case CMARK_NODE_IMAGE:	/* no external resources: the alt text */
			inlines(st, cmark_node_first_child(n));
			break;
		default:
			inlines(st, cmark_node_first_child(n));
			break;
		}
	}
	st->md_depth--;
}

static void
blocks(struct db_state *st, cmark_node *n)
{
	if (st->md_depth >= MD_DEPTH) {
		start_block(st, "para");
		for (; n; n = cmark_node_next(n))
			flat(st, n);
		end(st);
		return;
	}
	st->md_depth++;
	for (; n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			start_block(st, "para");
			inlines(st, cmark_node_first_child(n));
			end(st);
			break;
		case CMARK_NODE_HEADING:
			start_block(st, "bridgehead");
			inlines(st, cmark_node_first_child(n));
			end(st);
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			start_block(st, "programlisting");
			text(st, cmark_node_get_literal(n));
			end(st);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			start_block(st, "blockquote");
			if (cmark_node_first_child(n))
				blocks(st, cmark_node_first_child(n));
			else
				element(st, "para", "");
			end(st);
			break;
		case CMARK_NODE_LIST: {
			cmark_node *it;

			start_block(st, cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "orderedlist"
											      : "itemizedlist");
			for (it = cmark_node_first_child(n); it; it = cmark_node_next(it)) {
				start(st, "listitem");
				if (cmark_node_first_child(it))
					blocks(st, cmark_node_first_child(it));
				else
					element(st, "para", "");
				end(st);
			}
			end(st);
			break;
		}
		default:	/* thematic breaks: nothing */
			break;
		}
	}
	st->md_depth--;
}

/* The clause's text with each resolved reference made a link. */
static void
markdown(struct db_state *st, const rb_node *n, const char *md, int with_refs)
{
	rb_buf b;
	cmark_node *doc;

	if (!md || !*md)
		return;
	if (rb_md_is_plain(md)) {
		/* one paragraph of plain text: no parse */
		size_t i, at = 0;

		start_block(st, "para");
		for (i = 0; with_refs && i < n->nrefs; i++) {
			const rb_ref *r = &n->refs[i];

			if (!rb_ref_linked(r))
				continue;
			text_n(st, md + at, r->off - at);
			start(st, "link");
			attr(st, "linkend", r->target->id);
			text_n(st, md + r->off, r->len);
			end(st);
			at = r->off + r->len;
		}
		text(st, md + at);
		end(st);
		return;
	}
	rb_buf_init(&b);
	if (with_refs)
		rb_text_linked(n, &b);
	else
		rb_buf_adds(&b, md);
	doc = rb_md_parse_text(b.data ? b.data : "", b.len, n->doc->link_defs, CMARK_OPT_DEFAULT);
	blocks(st, cmark_node_first_child(doc));
	cmark_node_free(doc);
	rb_buf_free(&b);
}

/* Element name of inline Markdown md (the title of n), one line. */
static void
inline_element(struct db_state *st, const char *name, const rb_node *n, const char *md)
{
	cmark_node *doc, *p;

	start_mixed(st, name);
	if (md && rb_md_is_plain(md))
		text(st, md);	/* most titles: no parse */
	else if (md && *md) {
		doc = rb_md_parse_text(md, strlen(md), n->doc->link_defs, CMARK_OPT_DEFAULT);
		/* a title that is a raw HTML block has no inlines: its words */
		for (p = cmark_node_first_child(doc); p; p = cmark_node_next(p))
			if (cmark_node_first_child(p))
				inlines(st, cmark_node_first_child(p));
			else if (cmark_node_get_literal(p)) {
				const char *s = cmark_node_get_literal(p);
				size_t len = strlen(s);

				while (len && s[len - 1] == '\n')
					len--;
				text_n(st, s, len);
			}
		cmark_node_free(doc);
	}
	end(st);
}

static void
title(struct db_state *st, const rb_node *n, const char *md)
{
	inline_element(st, "title", n, md);
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

	start(st, "info");
	title(st, root, root->title && *root->title ? root->title : rb_document_title(doc));
	if ((s = rb_cover_get(doc, "subtitle")))
		inline_element(st, "subtitle", root, s);	/* a # heading, as the title */
	if ((s = rb_meta_get(doc, "issuer"))) {
		start(st, "publisher");
		element(st, "publishername", s);
		end(st);
	}
	if ((s = rb_meta_get(doc, "adopted"))) {
		start_mixed(st, "date");
		attr(st, "role", "adopted");
		text(st, s);
		end(st);
	}
	if ((s = rb_meta_get(doc, "effective")))
		element(st, "pubdate", s);
	if ((s = rb_version_of(doc)) && *s)
		element(st, "releaseinfo", s);
	/* history: a revision per dated event */
	for (h = rb_history_next(doc, NULL, &date, &event); h;
	     h = rb_history_next(doc, h, &date, &event)) {
		if (!revs++)
			start(st, "revhistory");
		start(st, "revision");
		if (date)
			element(st, "date", date);
		element(st, "revremark", event ? event : "");
		end(st);
	}
	if (revs)
		end(st);
	end(st);
}

static void
document_start(struct db_state *st, const rb_node *n, int in_book)
{
	const rb_document *doc = n->doc;

	start(st, in_book ? "chapter" : "article");
	if (in_book)	/* what 本编 in a part of a code links to */
		xml_id(st, n);
	if (!in_book) {
		if (rb_xml.xmlTextWriterWriteAttribute(W(st), BAD_CAST "xmlns", BAD_CAST DB_NS) < 0 ||
		    rb_xml.xmlTextWriterWriteAttribute(W(st), BAD_CAST "xmlns:xlink", BAD_CAST XLINK_NS) < 0)
			st->failed = 1;
		attr(st, "version", "5.0");
	}
	attr(st, "xml:lang", rb_document_lang(doc));
	info(st, doc, n);
	if (doc->preamble && *doc->preamble)
		markdown(st, n, doc->preamble, 0);
	/* an article needs a block or a section */
	if (!n->first && !(doc->preamble && *doc->preamble))
		element(st, "para", "");
}

/* A book or a part needs a chapter even when it has no document. */
static void
empty_chapter(struct db_state *st)
{
	start(st, "chapter");
	element(st, "title", "");
	element(st, "para", "");
	end(st);
}

static int
db_enter(rb_emit_ctx *c, const rb_node *n)
{
	struct db_state *st = c->state;

	switch (n->kind) {
	case RB_BOOK:
		start(st, "book");
		if (rb_xml.xmlTextWriterWriteAttribute(W(st), BAD_CAST "xmlns", BAD_CAST DB_NS) < 0 ||
		    rb_xml.xmlTextWriterWriteAttribute(W(st), BAD_CAST "xmlns:xlink", BAD_CAST XLINK_NS) < 0)
			st->failed = 1;
		attr(st, "version", "5.0");
		attr(st, "xml:lang", rb_document_lang(c->doc));
		info(st, c->doc, n);
		if (c->doc->preamble && *c->doc->preamble) {
			start(st, "preface");
			element(st, "title", "");
			markdown(st, n, c->doc->preamble, 0);
			end(st);
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
			start(st, "part");
			xml_id(st, n);
			title(st, n, n->title);
			if (n->text && *n->text) {
				start(st, "partintro");
				markdown(st, n, n->text, 0);
				end(st);
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
		start(st, "section");
		xml_id(st, n);
		if (n->label && *n->label)
			attr(st, "label", n->label);
		title(st, n, n->title);
		if (n->deleted)
			element(st, "para", "（删去）");
		markdown(st, n, n->text, 1);
		if (!n->deleted && !(n->text && *n->text) && !n->first)
			element(st, "para", "");
		return 1;
	case RB_PARAGRAPH:
		if (after_section(n)) {
			start(st, "section");
			element(st, "title", "");
		}
		st->pending_id = n->id && *n->id ? n->id : NULL;
		st->pending_closing = rb_is_closing(n);
		markdown(st, n, n->text, 1);
		if (st->pending_id) {	/* no text: the 款 is still there */
			start_block(st, "para");
			end(st);
		}
		return 1;
	case RB_ITEM:
		if (after_section(n) && (!n->prev || n->prev->kind != RB_ITEM)) {
			start(st, "section");
			element(st, "title", "");
		}
		if (!n->prev || n->prev->kind != RB_ITEM)
			start(st, "variablelist");
		start(st, "varlistentry");
		xml_id(st, n);
		element(st, "term", n->label && *n->label ? n->label : "•");
		start(st, "listitem");
		if (n->title && *n->title) {
			start_mixed(st, "para");
			start(st, "emphasis");
			attr(st, "role", "strong");
			text(st, n->title);
			end(st);
			end(st);
		}
		markdown(st, n, n->text, 1);
		if (!(n->text && *n->text) && !(n->title && *n->title))
			element(st, "para", n->deleted ? "（删去）" : "");
		return 1;
	case RB_TABLE: {
		size_t r, k;
		const rb_table *t = n->table;
		char cols[24];

		if (!t || !t->rows)
			return 0;
		if (after_section(n)) {
			start(st, "section");
			element(st, "title", "");
		}
		start(st, "informaltable");
		xml_id(st, n);
		start(st, "tgroup");
		snprintf(cols, sizeof(cols), "%zu", t->cols ? t->cols : 1);
		attr(st, "cols", cols);	/* the tree is shared: no arena here */
		for (r = 0; r < t->rows; r++) {
			if (r == 0)
				start(st, t->rows > 1 ? "thead" : "tbody");
			if (r == 1)
				start(st, "tbody");
			start(st, "row");
			for (k = 0; k < t->cols; k++) {
				start_mixed(st, "entry");
				text(st, t->cells[r * t->cols + k]);
				end(st);
			}
			end(st);
			if (r == 0 || r + 1 == t->rows)
				end(st);
		}
		end(st);
		end(st);
		if (after_section(n))
			end(st);
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
			start(st, "colophon");
			if (sig)
				element(st, "para", sig);
			if (when)
				element(st, "para", when);
			end(st);
		}
		end(st);
		break;
	}
	case RB_DOCUMENT:
	case RB_PART:
	case RB_CHAPTER:
	case RB_SECTION:
	case RB_ARTICLE:
	case RB_HEADING:
		end(st);
		break;
	case RB_PARAGRAPH:
		if (after_section(n))
			end(st);
		break;
	case RB_ITEM:
		end(st);	/* listitem */
		end(st);	/* varlistentry */
		if (!n->next || n->next->kind != RB_ITEM) {
			end(st);	/* variablelist */
			if (after_section(n))
				end(st);
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
