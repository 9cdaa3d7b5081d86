/*
 * Clause text is Markdown and DocBook has its own inlines and blocks: here
 * cmark's tree becomes DocBook's, apart from the document's tree so that
 * docbook.c is the structure and this the text inside it.
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
		rb_docbook_text(st, " ");
}

static void inlines(struct db_state *st, cmark_node *first);

static void
link(struct db_state *st, cmark_node *n)
{
	const char *url = cmark_node_get_url(n), *title = cmark_node_get_title(n);
	const rb_node *target;

	if (url && url[0] == '#' && (target = rb_lookup_id(st->doc, &st->ids, url + 1)) != NULL) {
		rb_docbook_start(st, "link");
		rb_docbook_attr(st, "linkend", url + 1);
		/* [](#id) shows the target's current label; a reference
		 * ("ref") keeps its words */
		if (!cmark_node_first_child(n) || !title || strcmp(title, "ref") != 0)
			rb_docbook_text(st, rb_ref_label(target, st->label, sizeof(st->label)));
		else
			inlines(st, cmark_node_first_child(n));
		rb_docbook_end(st);
		return;
	}
	/* a hostile scheme: its words without the link, as the HTML has it */
	if (url && url[0] != '#' && *url && rb_url_is_safe(url)) {
		rb_docbook_start(st, "link");
		if (rb_xml.xmlTextWriterWriteAttributeNS(W(st), BAD_CAST "xlink", BAD_CAST "href", NULL,
						  BAD_CAST url) < 0)
			st->failed = 1;
		if (cmark_node_first_child(n))
			inlines(st, cmark_node_first_child(n));
		else
			rb_docbook_text(st, url);
		rb_docbook_end(st);
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
flat_text(void *st, const char *s)
{
	rb_docbook_text(st, s);
}

static void
flat_break(void *st, cmark_node *x, int hard)
{
	if (hard)
		rb_docbook_text(st, "\n");
	else
		soft_break(st, x);
}

static void
flat(struct db_state *st, cmark_node *n)
{
	rb_md_flat(n, flat_text, flat_break, st);
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
			rb_docbook_text(st, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE:
			rb_docbook_element(st, "literal", cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			soft_break(st, n);
			break;
		case CMARK_NODE_LINEBREAK:
			rb_docbook_text(st, "\n");
			break;
		case CMARK_NODE_EMPH:
			rb_docbook_start(st, "emphasis");
			inlines(st, cmark_node_first_child(n));
			rb_docbook_end(st);
			break;
		case CMARK_NODE_STRONG:
			rb_docbook_start(st, "emphasis");
			rb_docbook_attr(st, "role", "strong");
			inlines(st, cmark_node_first_child(n));
			rb_docbook_end(st);
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
		rb_docbook_start_block(st, "para");
		for (; n; n = cmark_node_next(n))
			flat(st, n);
		rb_docbook_end(st);
		return;
	}
	st->md_depth++;
	for (; n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			rb_docbook_start_block(st, "para");
			inlines(st, cmark_node_first_child(n));
			rb_docbook_end(st);
			break;
		case CMARK_NODE_HEADING:
			rb_docbook_start_block(st, "bridgehead");
			inlines(st, cmark_node_first_child(n));
			rb_docbook_end(st);
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			rb_docbook_start_block(st, "programlisting");
			rb_docbook_text(st, cmark_node_get_literal(n));
			rb_docbook_end(st);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			rb_docbook_start_block(st, "blockquote");
			if (cmark_node_first_child(n))
				blocks(st, cmark_node_first_child(n));
			else
				rb_docbook_element(st, "para", "");
			rb_docbook_end(st);
			break;
		case CMARK_NODE_LIST: {
			cmark_node *it;

			rb_docbook_start_block(st, cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "orderedlist"
											      : "itemizedlist");
			for (it = cmark_node_first_child(n); it; it = cmark_node_next(it)) {
				rb_docbook_start(st, "listitem");
				if (cmark_node_first_child(it))
					blocks(st, cmark_node_first_child(it));
				else
					rb_docbook_element(st, "para", "");
				rb_docbook_end(st);
			}
			rb_docbook_end(st);
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
piece_text(void *st, const char *s, size_t len)
{
	rb_docbook_text_n(st, s, len);
}

static void
piece_link(void *st, const rb_node *target, const char *s, size_t len)
{
	rb_docbook_start(st, "link");
	rb_docbook_attr(st, "linkend", target->id);
	rb_docbook_text_n(st, s, len);
	rb_docbook_end(st);
}

void
rb_docbook_markdown(struct db_state *st, const rb_node *n, const char *md, int with_refs)
{
	cmark_node *doc;

	if (!md || !*md)
		return;
	if (rb_md_is_plain(md)) {
		/* one paragraph of plain text: no parse */
		rb_docbook_start_block(st, "para");
		rb_ref_pieces(n, md, with_refs, piece_text, piece_link, st);
		rb_docbook_end(st);
		return;
	}
	doc = rb_md_parse_clause(n, md, with_refs, CMARK_OPT_DEFAULT);
	blocks(st, cmark_node_first_child(doc));
	cmark_node_free(doc);
}

/* Element name of inline Markdown md (the title of n), one line. */
void
rb_docbook_inline_element(struct db_state *st, const char *name, const rb_node *n, const char *md)
{
	cmark_node *doc, *p;

	rb_docbook_start_mixed(st, name);
	if (md && rb_md_is_plain(md))
		rb_docbook_text(st, md);	/* most titles: no parse */
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
				rb_docbook_text_n(st, s, len);
			}
		cmark_node_free(doc);
	}
	rb_docbook_end(st);
}
