/*
 * Word: the runs and paragraphs of clause text.  Markdown (cmark) maps to
 * runs — emphasis italic, strong bold, code in the Code style, a line
 * break <w:br/> — and its blocks to paragraphs of the clause's style, the
 * first opening with the clause's bookmark and label.  Raw HTML is text.
 * References become hyperlinks to bookmarks named from the clauses' ids;
 * a link out is live only for http, https and mailto (a relationship of
 * its own), any other (javascript:, data:) is its words alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "rulebook.h"
#include "emit.h"
#include "xmllib.h"
#include "docx.h"

/* Markdown nested deeper is written as its words (see docbook.c). */
#define MD_DEPTH 64
/* Word's limit on a bookmark's name */
#define MARK_MAX 40

/* ---- writing XML ----
 *
 * Text waits in st->text until something else is written: the text of
 * one look that comes in pieces (Markdown's, raw HTML's) is one run. */

static void
w_start(struct docx_state *st, const char *name)
{
	if (rb_xml.xmlTextWriterStartElement(st->w, BAD_CAST name) < 0)
		st->failed = 1;
}

static void
w_end(struct docx_state *st)
{
	if (rb_xml.xmlTextWriterEndElement(st->w) < 0)
		st->failed = 1;
}

static void
w_val(struct docx_state *st, const char *name, const char *value)
{
	w_start(st, name);
	if (value)
		docx_attr(st, "w:val", value);
	w_end(st);
}

/* <w:t> of s[0..n), escaped by the writer; control characters, which XML
 * cannot hold, are dropped. */
static void
put_t(struct docx_state *st, const char *s, size_t n)
{
	char *t = rb_xmalloc(n + 1);
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x20)
			t[k++] = s[i];
	t[k] = '\0';
	if (k) {
		w_start(st, "w:t");
		docx_attr(st, "xml:space", "preserve");
		if (rb_xml.xmlTextWriterWriteString(st->w, BAD_CAST t) < 0)
			st->failed = 1;
		w_end(st);
	}
	free(t);
}

/* The waiting text as a run: a line break is <w:br/>, a tab <w:tab/>. */
static void
flush(struct docx_state *st)
{
	const struct fmt *f = &st->text_fmt;
	const char *s = st->text.data;
	size_t i, at = 0, n = st->text.len;

	if (!n)
		return;
	w_start(st, "w:r");
	if (f->cstyle || f->code || f->bold || f->italic) {
		w_start(st, "w:rPr");
		if (f->code || f->cstyle)
			w_val(st, "w:rStyle", f->code ? "Code" : f->cstyle);
		if (f->bold) {
			w_val(st, "w:b", NULL);
			w_val(st, "w:bCs", NULL);
		}
		if (f->italic) {
			w_val(st, "w:i", NULL);
			w_val(st, "w:iCs", NULL);
		}
		w_end(st);
	}
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '\n' && s[i] != '\t')
			continue;
		put_t(st, s + at, i - at);
		if (i < n)
			w_val(st, s[i] == '\n' ? "w:br" : "w:tab", NULL);
		at = i + 1;
	}
	w_end(st);
	rb_buf_reset(&st->text);
}

void
docx_start(struct docx_state *st, const char *name)
{
	flush(st);
	w_start(st, name);
}

void
docx_end(struct docx_state *st)
{
	flush(st);
	w_end(st);
}

void
docx_attr(struct docx_state *st, const char *name, const char *value)
{
	if (rb_xml.xmlTextWriterWriteAttribute(st->w, BAD_CAST name, BAD_CAST value) < 0)
		st->failed = 1;
}

/* <name w:val="value"/> */
void
docx_val(struct docx_state *st, const char *name, const char *value)
{
	flush(st);
	w_val(st, name, value);
}

void
docx_raw(struct docx_state *st, const char *s)
{
	flush(st);
	if (rb_xml.xmlTextWriterWriteRaw(st->w, BAD_CAST s) < 0)
		st->failed = 1;
}

static int
same_fmt(const struct fmt *a, const struct fmt *b)
{
	return a->bold == b->bold && a->italic == b->italic && a->code == b->code &&
	    (a->cstyle == b->cstyle || (a->cstyle && b->cstyle && !strcmp(a->cstyle, b->cstyle)));
}

void
docx_run(struct docx_state *st, const struct fmt *f, const char *s, size_t n)
{
	static const struct fmt none;

	if (!n)
		return;
	if (!f)
		f = &none;
	if (st->text.len && !same_fmt(f, &st->text_fmt))
		flush(st);
	st->text_fmt = *f;
	rb_buf_add(&st->text, s, n);
}

void
docx_runs(struct docx_state *st, const struct fmt *f, const char *s)
{
	if (s)
		docx_run(st, f, s, strlen(s));
}

void
docx_para_close(struct docx_state *st)
{
	if (st->in_para) {
		docx_end(st);
		st->in_para = 0;
	}
}

/* A paragraph; outline: its level in the 目录 (-1: the style's). */
void
docx_para_open(struct docx_state *st, const char *style, unsigned flags, int outline)
{
	char lvl[16];

	docx_para_close(st);
	docx_start(st, "w:p");
	docx_start(st, "w:pPr");	/* in the schema's order */
	docx_val(st, "w:pStyle", style);
	if (flags & P_PAGE_BREAK)
		docx_val(st, "w:pageBreakBefore", NULL);
	if (flags & (P_COVER | P_GAP | P_FOOT)) {
		docx_start(st, "w:spacing");
		docx_attr(st, "w:before", flags & P_COVER ? (st->zh ? "3474" : "3600") :
			  flags & P_FOOT ? (st->zh ? "2316" : "1440") : (st->zh ? "579" : "240"));
		docx_end(st);
	}
	if (flags & P_RIGHT) {
		/* in characters for Word, in twips of a 三号 (16 pt) or 12 pt
		 * character for readers that take no characters */
		snprintf(lvl, sizeof(lvl), "%ld", (long)st->right_chars * (st->zh ? 320 : 240) / 100);
		docx_start(st, "w:ind");
		docx_attr(st, "w:right", lvl);
		snprintf(lvl, sizeof(lvl), "%d", st->right_chars);
		docx_attr(st, "w:rightChars", lvl);
		docx_end(st);
	}
	if (outline >= 0) {
		snprintf(lvl, sizeof(lvl), "%d", outline);
		docx_val(st, "w:outlineLvl", lvl);
	}
	docx_end(st);
	st->in_para = 1;
	st->after_table = 0;
}

/* A whole paragraph of plain text. */
void
docx_line(struct docx_state *st, const char *style, const char *text)
{
	docx_para_open(st, style, 0, -1);
	docx_runs(st, NULL, text);
	docx_para_close(st);
}

/* ---- bookmarks ---- */

static const char *
keep_name(struct docx_state *st, const char *name)
{
	char *s = rb_xstrdup(name);

	if (st->nowned == st->capowned) {
		st->capowned = st->capowned ? 2 * st->capowned : 64;
		st->owned = rb_xrealloc(st->owned, st->capowned * sizeof(*st->owned));
	}
	st->owned[st->nowned++] = s;
	rb_strset_add(&st->names, s);
	return s;
}

/* A bookmark name for id: Word takes letters, digits and _, at most 40,
 * a letter first.  An id that is such a name already stays itself
 * (hyphens become _); another is cut and told apart by its hash. */
static const char *
mark_name(struct docx_state *st, const char *id)
{
	char name[MARK_MAX + 1], tail[16];
	size_t i, k = 0;
	uint32_t h = 2166136261u;
	int clean = 1;
	unsigned extra = 0;

	if (!((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z')))
		clean = 0, name[k++] = 'r', name[k++] = '_';
	for (i = 0; id[i]; i++) {
		unsigned char c = (unsigned char)id[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

		h = (h ^ c) * 16777619u;
		if (!ok && c != '-')
			clean = 0;
		if (k < MARK_MAX)
			name[k++] = ok ? (char)c : '_';
	}
	if (i > MARK_MAX)
		clean = 0;
	name[k] = '\0';
	if (clean && !rb_strset_has(&st->names, name))
		return keep_name(st, name);
	do {
		snprintf(tail, sizeof(tail), extra ? "_%08x%u" : "_%08x", (unsigned)h, extra);
		k = strlen(name) < MARK_MAX - strlen(tail) ? strlen(name) : MARK_MAX - strlen(tail);
		memcpy(name + k, tail, strlen(tail) + 1);
		extra++;
	} while (rb_strset_has(&st->names, name));
	return keep_name(st, name);
}

/* Every clause's bookmark, decided before any is written (a reference
 * may come before its target); a book's documents have one each. */
void
docx_plan_marks(struct docx_state *st, const rb_document *doc)
{
	rb_walker w;
	char name[32];

	rb_walker_init(&w, doc->root);
	while (rb_walker_next(&w) != RB_EV_NONE) {
		rb_node *n = w.cur;

		if (w.ev != RB_EV_ENTER)
			continue;
		if (n->id && *n->id && !rb_strmap_get(&st->marks, n->id))
			rb_strmap_put(&st->marks, n->id, (void *)mark_name(st, n->id));
		if (n->kind == RB_DOCUMENT && n->parent) {
			st->docs = rb_xrealloc(st->docs, (st->ndocs + 1) * sizeof(*st->docs));
			st->docs[st->ndocs].doc = n;
			if (n->id && *n->id)
				st->docs[st->ndocs].name = rb_strmap_get(&st->marks, n->id);
			else {
				snprintf(name, sizeof(name), "document_%zu", st->ndocs + 1);
				st->docs[st->ndocs].name = mark_name(st, name);
			}
			st->ndocs++;
		}
	}
}

const char *
docx_mark_of(struct docx_state *st, const rb_node *n)
{
	size_t i;

	if (n->kind == RB_DOCUMENT && n->parent)
		for (i = 0; i < st->ndocs; i++)
			if (st->docs[i].doc == n)
				return st->docs[i].name;
	return n->id && *n->id ? rb_strmap_get(&st->marks, n->id) : NULL;
}

void
docx_bookmark(struct docx_state *st, const rb_node *n)
{
	const char *name = docx_mark_of(st, n);
	char id[24];

	/* once: a name twice is one bookmark to Word, the second dropped */
	if (!name || !rb_strset_add(&st->written, name))
		return;
	snprintf(id, sizeof(id), "%u", st->next_mark++);
	docx_start(st, "w:bookmarkStart");
	docx_attr(st, "w:id", id);
	docx_attr(st, "w:name", name);
	docx_end(st);
	docx_start(st, "w:bookmarkEnd");
	docx_attr(st, "w:id", id);
	docx_end(st);
}

/* ---- Markdown → runs and paragraphs ---- */

int
docx_is_zh(const rb_node *n)
{
	return strncmp(rb_document_lang(n->doc), "zh", 2) == 0;
}

static int
safe_url(const char *url)
{
	return !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8) ||
	    !strncasecmp(url, "mailto:", 7);
}

/* Its relationship (rIdLinkN) for an external link. */
static void
link_rel(struct docx_state *st, const char *url, char *rid, size_t size)
{
	if (st->nlinks == st->caplinks) {
		st->caplinks = st->caplinks ? 2 * st->caplinks : 16;
		st->links = rb_xrealloc(st->links, st->caplinks * sizeof(*st->links));
	}
	st->links[st->nlinks++] = rb_xstrdup(url);
	snprintf(rid, size, "rIdLink%zu", st->nlinks);
}

/* Join lines at a soft break: no space next to a CJK character. */
static void
soft_break(struct docx_state *st, cmark_node *n, const struct fmt *f)
{
	cmark_node *p = cmark_node_previous(n), *x = cmark_node_next(n);
	const char *a = p ? cmark_node_get_literal(p) : NULL;
	const char *b = x ? cmark_node_get_literal(x) : NULL;
	uint32_t cb = 0;

	if (b)
		rb_utf8_decode(b, strlen(b), &cb);
	if (!rb_cp_is_cjk(a ? rb_utf8_last(a, strlen(a)) : 0) && !rb_cp_is_cjk(cb))
		docx_run(st, f, " ", 1);
}

/* A literal without the newline that ends a block. */
static void
literal(struct docx_state *st, const struct fmt *f, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	while (n && s[n - 1] == '\n')
		n--;
	docx_run(st, f, s, n);
}

/* Every word under n, without its structure, in f. */
struct flat_ctx {
	struct docx_state *st;
	const struct fmt *f;
};

static void
flat_text(void *ctx, const char *s)
{
	struct flat_ctx *c = ctx;

	literal(c->st, c->f, s);
}

static void
flat_break(void *ctx, cmark_node *x, int hard)
{
	struct flat_ctx *c = ctx;

	if (hard)
		docx_run(c->st, c->f, "\n", 1);
	else
		soft_break(c->st, x, c->f);
}

static void
flat(struct docx_state *st, cmark_node *n, const struct fmt *f)
{
	struct flat_ctx c = {st, f};

	rb_md_flat(n, flat_text, flat_break, &c);
}

static void inlines(struct docx_state *st, cmark_node *n, struct fmt f);

static void
link(struct docx_state *st, cmark_node *n, struct fmt f)
{
	const char *url = cmark_node_get_url(n), *title = cmark_node_get_title(n), *name;
	cmark_node *words = cmark_node_first_child(n);
	const rb_node *target;
	char rid[32];

	if (url && url[0] == '#') {
		target = rb_lookup_id(st->doc, &st->ids, url + 1);
		if (!target || !(name = docx_mark_of(st, target))) {
			inlines(st, words, f);
			return;
		}
		docx_start(st, "w:hyperlink");
		docx_attr(st, "w:anchor", name);
		docx_attr(st, "w:history", "1");
		/* [](#id) shows the target's current label; a reference
		 * ("ref") keeps its words */
		if (!words || !title || strcmp(title, "ref") != 0)
			docx_runs(st, &f, rb_ref_label(target, st->label, sizeof(st->label)));
		else
			inlines(st, words, f);
		docx_end(st);
		return;
	}
	if (!url || !safe_url(url)) {
		inlines(st, words, f);	/* javascript:, data: …: the words alone */
		return;
	}
	link_rel(st, url, rid, sizeof(rid));
	docx_start(st, "w:hyperlink");
	docx_attr(st, "r:id", rid);
	docx_attr(st, "w:history", "1");
	f.cstyle = "Hyperlink";
	if (words)
		inlines(st, words, f);
	else
		docx_runs(st, &f, url);
	docx_end(st);
}

static void
inlines(struct docx_state *st, cmark_node *n, struct fmt f)
{
	struct fmt g;

	if (st->md_depth >= MD_DEPTH) {
		for (; n; n = cmark_node_next(n))
			flat(st, n, &f);
		return;
	}
	st->md_depth++;
	for (; n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:	/* raw HTML is text in Word */
			docx_runs(st, &f, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE:
			g = f;
			g.code = 1;
			docx_runs(st, &g, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			soft_break(st, n, &f);
			break;
		case CMARK_NODE_LINEBREAK:
			docx_run(st, &f, "\n", 1);
			break;
		case CMARK_NODE_EMPH:
			g = f;
			g.italic = 1;
			inlines(st, cmark_node_first_child(n), g);
			break;
		case CMARK_NODE_STRONG:
			g = f;
			g.bold = 1;
			inlines(st, cmark_node_first_child(n), g);
			break;
		case CMARK_NODE_LINK:
			link(st, n, f);
			break;
		default:	/* images: their alt text (nothing is fetched) */
			inlines(st, cmark_node_first_child(n), f);
			break;
		}
	}
	st->md_depth--;
}

/* Inline Markdown of one line (a title, a table cell); a line that cmark
 * takes for a block (raw HTML alone) keeps its words. */
void
docx_inline_md(struct docx_state *st, const char *md, struct fmt f)
{
	cmark_node *doc, *p;

	if (!md || !*md)
		return;
	if (rb_md_is_plain(md)) {
		docx_runs(st, &f, md);
		return;
	}
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	for (p = cmark_node_first_child(doc); p; p = cmark_node_next(p)) {
		cmark_node_type t = cmark_node_get_type(p);

		if (p != cmark_node_first_child(doc))
			docx_run(st, &f, " ", 1);
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING)
			inlines(st, cmark_node_first_child(p), f);
		else
			flat(st, p, &f);
	}
	cmark_node_free(doc);
}


/* A paragraph of the clause's text: the first one opens with the label,
 * a list item's with its marker. */
static void
clause_para(struct docx_state *st, int has_text)
{
	docx_para_open(st, st->pstyle, st->pflags, -1);
	st->pflags &= ~(unsigned)P_GAP;	/* the first paragraph's */
	if (st->prefix) {
		const rb_node *n = st->prefix;

		st->prefix = NULL;
		docx_write_prefix(st, n, has_text);
	}
	if (st->bullet[0]) {
		docx_runs(st, NULL, st->bullet);
		st->bullet[0] = '\0';
	}
}

static void
blocks(struct docx_state *st, cmark_node *n)
{
	struct fmt plain = {0}, g = {0};

	if (st->md_depth >= MD_DEPTH) {
		clause_para(st, 1);
		for (; n; n = cmark_node_next(n))
			flat(st, n, &plain);
		docx_para_close(st);
		return;
	}
	st->md_depth++;
	for (; n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			clause_para(st, 1);
			inlines(st, cmark_node_first_child(n), plain);
			docx_para_close(st);
			break;
		case CMARK_NODE_HEADING:
			clause_para(st, 1);
			g.bold = 1;
			inlines(st, cmark_node_first_child(n), g);
			docx_para_close(st);
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:	/* raw HTML: its text */
			clause_para(st, 1);
			g.code = cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK;
			literal(st, &g, cmark_node_get_literal(n));
			docx_para_close(st);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			blocks(st, cmark_node_first_child(n));
			break;
		case CMARK_NODE_LIST: {
			cmark_node *it;
			int k = cmark_node_get_list_start(n);
			int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;

			for (it = cmark_node_first_child(n); it; it = cmark_node_next(it), k++) {
				if (ordered)
					snprintf(st->bullet, sizeof(st->bullet), "%d. ", k);
				else
					snprintf(st->bullet, sizeof(st->bullet), "• ");
				blocks(st, cmark_node_first_child(it));
				if (st->bullet[0]) {	/* an empty entry */
					clause_para(st, 0);
					docx_para_close(st);
				}
			}
			break;
		}
		default:	/* thematic breaks: nothing */
			break;
		}
	}
	st->md_depth--;
}

static void
piece_text(void *st, const char *s, size_t len)
{
	docx_run(st, NULL, s, len);
}

/* A reference: a hyperlink to its target's bookmark, its words alone when
 * the target has none. */
static void
piece_link(void *ctx, const rb_node *target, const char *s, size_t len)
{
	struct docx_state *st = ctx;
	const char *name = docx_mark_of(st, target);

	if (name) {
		docx_start(st, "w:hyperlink");
		docx_attr(st, "w:anchor", name);
		docx_attr(st, "w:history", "1");
	}
	docx_run(st, NULL, s, len);
	if (name)
		docx_end(st);
}

/* The clause's text (Markdown) in paragraphs of st->pstyle, each resolved
 * reference a hyperlink to its target's bookmark. */
void
docx_markdown(struct docx_state *st, const rb_node *n, const char *md, int with_refs)
{
	cmark_node *doc;

	if (md && *md && rb_md_is_plain(md)) {
		clause_para(st, 1);
		rb_ref_pieces(n, md, with_refs, piece_text, piece_link, st);
		docx_para_close(st);
	} else if (md && *md) {
		doc = rb_md_parse_clause(n, md, with_refs, CMARK_OPT_DEFAULT);
		blocks(st, cmark_node_first_child(doc));
		cmark_node_free(doc);
	}
	if (st->prefix) {	/* no text: the label alone */
		clause_para(st, 0);
		docx_para_close(st);
	}
	st->pflags = 0;	/* one clause's */
}
