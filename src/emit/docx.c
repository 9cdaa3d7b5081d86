/*
 * Word (.docx): word/document.xml written with libxml2's xmlTextWriter, so
 * every piece of document text is escaped by the library, then zipped with
 * the parts of docx_package.c (styles, settings, footers).
 *
 * The tree maps to paragraphs in styles named after their role.  A
 * document is its title (Title), its issuer, dates and version (Document
 * Info) and history, its preamble (Body Text).  编 章 节 and unnumbered
 * headings are heading 1–4: label and title on one centred line.  An
 * article (Article) is its label (Article Label) followed in the same
 * paragraph by its run-in title and text, as laws are printed; a 款 is a
 * Body Text paragraph; an item (Item 1–4) is its label — 一、 in 黑体 and
 * （一） in 楷体 where they are the document's own levels — then its title
 * and text.  Labels are text, never Word's numbering, so the numbers are
 * exactly ours.  A clause with an id opens with a bookmark (a Word-valid
 * name made from the id) and references to it are internal hyperlinks;
 * links out are live only for http, https and mailto.  A handbook opens
 * with a cover page and a 目录 (a TOC field that Word refreshes, holding
 * the documents and their divisions until then); each document starts a
 * new page; a 落款 (closing) is right-aligned at the end.  Clause text is
 * Markdown, read with cmark; raw HTML in it is text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "rulebook.h"
#include "internal.h"
#include "emit.h"
#include "xmllib.h"
#include "docx.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* Markdown nested deeper is written as its words (see docbook.c). */
#define MD_DEPTH 64
/* Word's limit on a bookmark's name */
#define MARK_MAX 40
/* outline levels in the 目录: documents, parts, chapters */
#define TOC_LEVELS 3
/* The 目录 field up to its text: documents, parts and chapters (outline
 * levels 1-3) as hyperlinks, without the hidden page-number fields */
#define TOC_FIELD_START \
	"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">" \
	" TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"

/* How a run looks. */
struct fmt {
	const char *cstyle;	/* character style, or NULL */
	unsigned bold : 1, italic : 1, code : 1;
};

/* A paragraph's properties beyond its style. */
enum {
	P_PAGE_BREAK = 1 << 0,	/* starts a page */
	P_COVER = 1 << 1,	/* the cover's title, a third down the page */
};

struct doc_mark {
	const rb_node *doc;
	const char *name;
};

struct docx_state {
	const rb_document *doc;
	xmlTextWriterPtr w;
	rb_buf xml;			/* word/document.xml */
	rb_strmap ids;			/* id → clause, for [](#id) */
	rb_strmap marks;		/* id → bookmark name */
	rb_strset names;		/* bookmark names taken */
	char **owned;			/* the names, freed at the end */
	size_t nowned, capowned;
	struct doc_mark *docs;		/* a book's documents and their bookmarks */
	size_t ndocs;
	char **links;			/* external link targets: rIdLink1 … */
	size_t nlinks, caplinks;
	unsigned next_mark;		/* w:id of the next bookmark */
	int zh;				/* Chinese conventions (the book's language) */
	int in_para;			/* a w:p is open */
	const rb_node *prefix;		/* a clause whose label opens the next paragraph */
	const char *pstyle;		/* the style of the clause's paragraphs */
	char bullet[32];		/* a list marker to open the next paragraph */
	int md_depth;
	int failed;
	char label[128];
	char *ref_styles, *ref_page;	/* from --reference-doc */
};

/* ---- writing XML ---- */

static void
start(struct docx_state *st, const char *name)
{
	if (rb_xml.xmlTextWriterStartElement(st->w, BAD_CAST name) < 0)
		st->failed = 1;
}

static void
end(struct docx_state *st)
{
	if (rb_xml.xmlTextWriterEndElement(st->w) < 0)
		st->failed = 1;
}

static void
attr(struct docx_state *st, const char *name, const char *value)
{
	if (rb_xml.xmlTextWriterWriteAttribute(st->w, BAD_CAST name, BAD_CAST value) < 0)
		st->failed = 1;
}

/* <name w:val="value"/> */
static void
val(struct docx_state *st, const char *name, const char *value)
{
	start(st, name);
	if (value)
		attr(st, "w:val", value);
	end(st);
}

static void
raw(struct docx_state *st, const char *s)
{
	if (rb_xml.xmlTextWriterWriteRaw(st->w, BAD_CAST s) < 0)
		st->failed = 1;
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
		start(st, "w:t");
		attr(st, "xml:space", "preserve");
		if (rb_xml.xmlTextWriterWriteString(st->w, BAD_CAST t) < 0)
			st->failed = 1;
		end(st);
	}
	free(t);
}

/* A run of s[0..n): a line break is <w:br/>, a tab <w:tab/>. */
static void
run(struct docx_state *st, const struct fmt *f, const char *s, size_t n)
{
	size_t i, at = 0;

	if (!n)
		return;
	start(st, "w:r");
	if (f && (f->cstyle || f->code || f->bold || f->italic)) {
		start(st, "w:rPr");
		if (f->code || f->cstyle)
			val(st, "w:rStyle", f->code ? "Code" : f->cstyle);
		if (f->bold) {
			val(st, "w:b", NULL);
			val(st, "w:bCs", NULL);
		}
		if (f->italic) {
			val(st, "w:i", NULL);
			val(st, "w:iCs", NULL);
		}
		end(st);
	}
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '\n' && s[i] != '\t')
			continue;
		put_t(st, s + at, i - at);
		if (i < n)
			val(st, s[i] == '\n' ? "w:br" : "w:tab", NULL);
		at = i + 1;
	}
	end(st);
}

static void
runs(struct docx_state *st, const struct fmt *f, const char *s)
{
	if (s)
		run(st, f, s, strlen(s));
}

static void
para_close(struct docx_state *st)
{
	if (st->in_para) {
		end(st);
		st->in_para = 0;
	}
}

/* A paragraph; outline: its level in the 目录 (-1: the style's). */
static void
para_open(struct docx_state *st, const char *style, unsigned flags, int outline)
{
	char lvl[16];

	para_close(st);
	start(st, "w:p");
	start(st, "w:pPr");	/* in the schema's order */
	val(st, "w:pStyle", style);
	if (flags & P_PAGE_BREAK)
		val(st, "w:pageBreakBefore", NULL);
	if (flags & P_COVER) {
		start(st, "w:spacing");
		attr(st, "w:before", st->zh ? "3474" : "3600");
		end(st);
	}
	if (outline >= 0) {
		snprintf(lvl, sizeof(lvl), "%d", outline);
		val(st, "w:outlineLvl", lvl);
	}
	end(st);
	st->in_para = 1;
}

/* A whole paragraph of plain text. */
static void
line(struct docx_state *st, const char *style, const char *text)
{
	para_open(st, style, 0, -1);
	runs(st, NULL, text);
	para_close(st);
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
	if (i + (name[0] == 'r' && name[1] == '_' && !clean ? 2 : 0) > MARK_MAX)
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
static void
plan_marks(struct docx_state *st, const rb_document *doc)
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

static const char *
mark_of(struct docx_state *st, const rb_node *n)
{
	size_t i;

	if (n->kind == RB_DOCUMENT && n->parent)
		for (i = 0; i < st->ndocs; i++)
			if (st->docs[i].doc == n)
				return st->docs[i].name;
	return n->id && *n->id ? rb_strmap_get(&st->marks, n->id) : NULL;
}

static void
bookmark(struct docx_state *st, const rb_node *n)
{
	const char *name = mark_of(st, n);
	char id[24];

	if (!name)
		return;
	snprintf(id, sizeof(id), "%u", st->next_mark++);
	start(st, "w:bookmarkStart");
	attr(st, "w:id", id);
	attr(st, "w:name", name);
	end(st);
	start(st, "w:bookmarkEnd");
	attr(st, "w:id", id);
	end(st);
}

/* ---- Markdown → runs and paragraphs ---- */

static int
is_zh(const rb_node *n)
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
		run(st, f, " ", 1);
}

/* A literal without the newline that ends a block. */
static void
literal(struct docx_state *st, const struct fmt *f, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	while (n && s[n - 1] == '\n')
		n--;
	run(st, f, s, n);
}

/* Every word under n, without its structure. */
static void
flat(struct docx_state *st, cmark_node *n, const struct fmt *f)
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
			literal(st, f, cmark_node_get_literal(x));
			break;
		case CMARK_NODE_SOFTBREAK:
			soft_break(st, x, f);
			break;
		case CMARK_NODE_LINEBREAK:
			run(st, f, "\n", 1);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
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
		if (!target || !(name = mark_of(st, target))) {
			inlines(st, words, f);
			return;
		}
		start(st, "w:hyperlink");
		attr(st, "w:anchor", name);
		attr(st, "w:history", "1");
		/* [](#id) shows the target's current label; a reference
		 * ("ref") keeps its words */
		if (!words || !title || strcmp(title, "ref") != 0)
			runs(st, &f, rb_ref_label(target, st->label, sizeof(st->label)));
		else
			inlines(st, words, f);
		end(st);
		return;
	}
	if (!url || !safe_url(url)) {
		inlines(st, words, f);	/* javascript:, data: …: the words alone */
		return;
	}
	link_rel(st, url, rid, sizeof(rid));
	start(st, "w:hyperlink");
	attr(st, "r:id", rid);
	attr(st, "w:history", "1");
	f.cstyle = "Hyperlink";
	if (words)
		inlines(st, words, f);
	else
		runs(st, &f, url);
	end(st);
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
			runs(st, &f, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE:
			g = f;
			g.code = 1;
			runs(st, &g, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			soft_break(st, n, &f);
			break;
		case CMARK_NODE_LINEBREAK:
			run(st, &f, "\n", 1);
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
static void
inline_md(struct docx_state *st, const char *md, struct fmt f)
{
	cmark_node *doc, *p;

	if (!md || !*md)
		return;
	if (rb_md_is_plain(md)) {
		runs(st, &f, md);
		return;
	}
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	for (p = cmark_node_first_child(doc); p; p = cmark_node_next(p)) {
		cmark_node_type t = cmark_node_get_type(p);

		if (p != cmark_node_first_child(doc))
			run(st, &f, " ", 1);
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING)
			inlines(st, cmark_node_first_child(p), f);
		else
			flat(st, p, &f);
	}
	cmark_node_free(doc);
}

static void write_prefix(struct docx_state *st, const rb_node *n, int has_text);

/* A paragraph of the clause's text: the first one opens with the label,
 * a list item's with its marker. */
static void
clause_para(struct docx_state *st, int has_text)
{
	para_open(st, st->pstyle, 0, -1);
	if (st->prefix) {
		const rb_node *n = st->prefix;

		st->prefix = NULL;
		write_prefix(st, n, has_text);
	}
	if (st->bullet[0]) {
		runs(st, NULL, st->bullet);
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
		para_close(st);
		return;
	}
	st->md_depth++;
	for (; n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			clause_para(st, 1);
			inlines(st, cmark_node_first_child(n), plain);
			para_close(st);
			break;
		case CMARK_NODE_HEADING:
			clause_para(st, 1);
			g.bold = 1;
			inlines(st, cmark_node_first_child(n), g);
			para_close(st);
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:	/* raw HTML: its text */
			clause_para(st, 1);
			g.code = cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK;
			literal(st, &g, cmark_node_get_literal(n));
			para_close(st);
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
					para_close(st);
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

/* The clause's text (Markdown) in paragraphs of st->pstyle, each resolved
 * reference a hyperlink to its target's bookmark. */
static void
markdown(struct docx_state *st, const rb_node *n, const char *md, int with_refs)
{
	struct fmt plain = {0};
	const char *name;
	cmark_node *doc;
	rb_buf b;

	if (md && *md && rb_md_is_plain(md)) {
		size_t i, at = 0;

		clause_para(st, 1);
		for (i = 0; with_refs && i < n->nrefs; i++) {
			const rb_ref *r = &n->refs[i];

			if (!rb_ref_linked(r) || !(name = mark_of(st, r->target)))
				continue;
			run(st, &plain, md + at, r->off - at);
			start(st, "w:hyperlink");
			attr(st, "w:anchor", name);
			attr(st, "w:history", "1");
			run(st, &plain, md + r->off, r->len);
			end(st);
			at = r->off + r->len;
		}
		runs(st, &plain, md + at);
		para_close(st);
	} else if (md && *md) {
		rb_buf_init(&b);
		if (with_refs)
			rb_text_linked(n, &b);
		else
			rb_buf_adds(&b, md);
		doc = cmark_parse_document(b.data ? b.data : "", b.len, CMARK_OPT_DEFAULT);
		blocks(st, cmark_node_first_child(doc));
		cmark_node_free(doc);
		rb_buf_free(&b);
	}
	if (st->prefix) {	/* no text: the label alone */
		clause_para(st, 0);
		para_close(st);
	}
}

/* ---- clauses ---- */

static int
clause_like(const rb_node *n)
{
	return n->kind == RB_ARTICLE || n->kind == RB_ITEM || n->kind == RB_PARAGRAPH ||
	    (n->kind == RB_SECTION && n->text && *n->text);
}

/* What goes between a label and the text (as in the text output). */
static const char *
label_sep(const rb_node *n)
{
	const char *l = n->label;
	size_t len = strlen(l);

	if (!is_zh(n))
		return " ";
	if (len >= 3 && (!strcmp(l + len - 3, "、") || !strcmp(l + len - 3, "）")))
		return "";
	if (n->style == RB_STYLE_CIRCLED || n->style == RB_STYLE_ARABIC_DOT ||
	    n->style == RB_STYLE_ARABIC_HALF_PAREN || n->style == RB_STYLE_ARABIC_DUN)
		return "";
	return "　";
}

static int
ends_with_punct(const char *s)
{
	static const char *const p[] = {"。", "：", "；", "，", "！", "？", ".", ":", ";", "!", "?", NULL};
	size_t n = strlen(s), i;

	for (i = 0; p[i]; i++) {
		size_t m = strlen(p[i]);

		if (n >= m && memcmp(s + n - m, p[i], m) == 0)
			return 1;
	}
	return 0;
}

/* Is the item one of the document's own levels (一、 （一） of a 公文),
 * not an item of an article's text? */
static int
structural_item(const rb_node *n)
{
	const rb_node *a;

	for (a = n->parent; a && a->kind == RB_ITEM; a = a->parent)
		;
	return !a || !clause_like(a);
}

/* The label's character style: GB/T 9704 sets 一、 in 黑体, （一） in 楷体. */
static const char *
label_style(const rb_node *n)
{
	if (n->kind != RB_ITEM)
		return "ArticleLabel";
	if (!structural_item(n))
		return NULL;
	if (n->style == RB_STYLE_CN_DUN || !is_zh(n))
		return "ItemLabel1";
	if (n->style == RB_STYLE_CN_PAREN)
		return "ItemLabel2";
	return NULL;
}

/* The bookmark, label and run-in title that open a clause's first
 * paragraph. */
static void
write_prefix(struct docx_state *st, const rb_node *n, int has_text)
{
	struct fmt f = {0};
	int zh = is_zh(n);
	rb_buf t;

	bookmark(st, n);
	f.cstyle = label_style(n);
	if (n->label && *n->label) {
		runs(st, &f, n->label);
		runs(st, NULL, label_sep(n));
	}
	if (n->title && *n->title) {
		if (!f.cstyle && !zh)
			f.bold = 1;
		inline_md(st, n->title, f);
		if (has_text) {
			rb_buf_init(&t);
			rb_md_plain(n->title, &t, NULL, NULL);
			runs(st, NULL, ends_with_punct(t.data ? t.data : "") ? (zh ? "" : " ") : (zh ? "　" : ". "));
			rb_buf_free(&t);
		}
	}
	if (n->deleted && !(n->text && *n->text))
		runs(st, NULL, zh ? "（删去）" : "(deleted)");
}

static void
clause(struct docx_state *st, const rb_node *n)
{
	static const char *const items[] = {"Item1", "Item2", "Item3", "Item4"};
	const rb_node *a;
	int level = 0;

	if (n->kind == RB_ITEM) {
		for (a = n->parent; a && a->kind == RB_ITEM; a = a->parent)
			level++;
		st->pstyle = items[level < 3 ? level : 3];
	} else
		st->pstyle = n->kind == RB_PARAGRAPH ? "BodyText" : "Article";
	st->prefix = n;
	markdown(st, n, n->text, 1);
}

/* Where a division sits in the 目录: documents of a book, then parts,
 * chapters, sections. */
static int
outline_of(const rb_node *n)
{
	const rb_node *a;
	int d = 0;

	for (a = n->parent; a; a = a->parent)
		if (a->kind == RB_PART || a->kind == RB_CHAPTER || a->kind == RB_SECTION ||
		    a->kind == RB_HEADING || (a->kind == RB_DOCUMENT && a->parent))
			d++;
	return d < 8 ? d : 8;
}

static void
division(struct docx_state *st, const rb_node *n)
{
	static const char *const styles[] = {"Heading1", "Heading2", "Heading3", "Heading4"};
	int k = n->kind == RB_PART ? 0 : n->kind == RB_CHAPTER ? 1 : n->kind == RB_SECTION ? 2 : 3;
	int in_book = n->parent && n->parent->kind == RB_BOOK;
	struct fmt plain = {0};

	para_open(st, styles[k], in_book ? P_PAGE_BREAK : 0, outline_of(n));
	bookmark(st, n);
	runs(st, NULL, n->label);
	if (n->label && *n->label && n->title && *n->title)
		runs(st, NULL, is_zh(n) ? "　" : "  ");
	inline_md(st, n->title, plain);
	para_close(st);
	if (n->deleted)
		line(st, "BodyText", is_zh(n) ? "（删去）" : "(deleted)");
	st->pstyle = "BodyText";
	markdown(st, n, n->text, 1);
}

static void
table(struct docx_state *st, const rb_node *n)
{
	const rb_table *t = n->table;
	size_t r, k, cols = t->cols ? t->cols : 1;
	char w[24];
	struct fmt f = {0};

	para_close(st);
	start(st, "w:tbl");
	start(st, "w:tblPr");
	val(st, "w:tblStyle", "TableGrid");
	start(st, "w:tblW");
	attr(st, "w:w", "5000");
	attr(st, "w:type", "pct");
	end(st);
	val(st, "w:jc", "center");
	end(st);
	start(st, "w:tblGrid");
	snprintf(w, sizeof(w), "%zu", (size_t)(st->zh ? 8845 : 9026) / cols);
	for (k = 0; k < cols; k++) {
		start(st, "w:gridCol");
		attr(st, "w:w", w);
		end(st);
	}
	end(st);
	for (r = 0; r < t->rows; r++) {
		start(st, "w:tr");
		if (r == 0 && t->rows > 1) {	/* the header again on each page */
			start(st, "w:trPr");
			val(st, "w:tblHeader", NULL);
			end(st);
		}
		f.bold = r == 0 && t->rows > 1;
		for (k = 0; k < cols; k++) {
			start(st, "w:tc");
			start(st, "w:tcPr");
			start(st, "w:tcW");
			attr(st, "w:w", w);
			attr(st, "w:type", "dxa");
			end(st);
			end(st);
			para_open(st, "TableText", 0, -1);
			if (r == 0 && k == 0)
				bookmark(st, n);
			if (k < t->cols)
				inline_md(st, t->cells[r * t->cols + k], f);
			para_close(st);
			end(st);
		}
		end(st);
	}
	end(st);
}

/* ---- documents and the book ---- */

static void
date_line(struct docx_state *st, const rb_node *n, const char *style, const char *key,
	  const char *zh_label, const char *en_label)
{
	const char *v = rb_meta_get(n->doc, key);
	rb_buf b;

	if (!v || !*v)
		return;
	rb_buf_init(&b);
	rb_buf_adds(&b, is_zh(n) ? zh_label : en_label);
	rb_put_date(&b, n->doc, v);
	line(st, style, b.data);
	rb_buf_free(&b);
}

static void
meta_line(struct docx_state *st, const rb_node *n, const char *style, const char *key,
	  const char *zh_label, const char *en_label)
{
	const char *v = rb_meta_get(n->doc, key);
	rb_buf b;

	if (!v || !*v)
		return;
	rb_buf_init(&b);
	rb_buf_printf(&b, "%s%s", is_zh(n) ? zh_label : en_label, v);
	line(st, style, b.data);
	rb_buf_free(&b);
}

static void
history(struct docx_state *st, const rb_node *n)
{
	const char *date, *event;
	const rb_value *h;
	rb_buf b;

	rb_buf_init(&b);
	for (h = rb_history_next(n->doc, NULL, &date, &event); h;
	     h = rb_history_next(n->doc, h, &date, &event)) {
		rb_buf_reset(&b);
		if (date)
			rb_put_date(&b, n->doc, date);
		if (date && event && *event)
			rb_buf_adds(&b, is_zh(n) ? "　" : " ");
		if (event)
			rb_buf_adds(&b, event);
		if (b.len)
			line(st, "History", b.data);
	}
	rb_buf_free(&b);
}

/* The 落款: `closing:` as a line, a list of lines, or issuer and date. */
static void
closing(struct docx_state *st, const rb_node *n)
{
	const rb_value *v, *e;
	const char *s;
	rb_buf b;

	for (v = n->doc->meta.first; v; v = v->next)
		if (v->key && !strcmp(v->key, "closing"))
			break;
	if (!v)
		return;
	if (v->type == RB_VAL_STRING) {
		line(st, "Closing", v->str);
		return;
	}
	rb_buf_init(&b);
	for (e = v->first; e; e = e->next) {
		if (e->type != RB_VAL_STRING || !(s = e->str) || !*s)
			continue;
		rb_buf_reset(&b);
		if (e->key && !strcmp(e->key, "date"))
			rb_put_date(&b, n->doc, s);
		else
			rb_buf_adds(&b, s);
		rb_buf_add(&b, "", 0);
		line(st, "Closing", b.data);
	}
	rb_buf_free(&b);
}

static void
document_start(struct docx_state *st, const rb_node *n)
{
	const rb_document *doc = n->doc;
	struct fmt plain = {0};
	int in_book = n->parent != NULL;

	para_open(st, "Title", in_book ? P_PAGE_BREAK : 0, in_book ? outline_of(n) : -1);
	bookmark(st, n);
	inline_md(st, n->title && *n->title ? n->title : rb_document_title(doc), plain);
	para_close(st);
	meta_line(st, n, "DocumentInfo", "subtitle", "", "");
	meta_line(st, n, "DocumentInfo", "issuer", "", "");
	date_line(st, n, "DocumentInfo", "adopted", "通过日期：", "Adopted: ");
	date_line(st, n, "DocumentInfo", "effective", "施行日期：", "Effective: ");
	meta_line(st, n, "DocumentInfo", "version", "版本：", "Version: ");
	history(st, n);
	st->pstyle = "BodyText";
	if (doc->preamble && *doc->preamble)
		markdown(st, n, doc->preamble, 0);
}

/* The 目录's text until Word refreshes it: an entry per document, part
 * and chapter, each a hyperlink to its bookmark. */
static void
toc_entry(struct docx_state *st, const rb_node *n, int *first)
{
	static const char *const styles[TOC_LEVELS] = {"TOC1", "TOC2", "TOC3"};
	int level = outline_of(n);
	const char *name = mark_of(st, n);
	rb_buf t;

	if (level >= TOC_LEVELS)
		return;
	para_open(st, styles[level], 0, -1);
	if (*first) {
		*first = 0;
		raw(st, TOC_FIELD_START);
	}
	rb_buf_init(&t);
	if (n->kind != RB_DOCUMENT && n->label && *n->label) {
		rb_buf_adds(&t, n->label);
		if (n->title && *n->title)
			rb_buf_adds(&t, is_zh(n) ? "　" : "  ");
	}
	rb_md_plain(n->kind == RB_DOCUMENT ? rb_document_title(n->doc) : n->title, &t, NULL, NULL);
	if (name) {
		start(st, "w:hyperlink");
		attr(st, "w:anchor", name);
		attr(st, "w:history", "1");
	}
	runs(st, NULL, t.data);
	if (name)
		end(st);
	rb_buf_free(&t);
	para_close(st);
}

static void
toc_entries(struct docx_state *st, const rb_node *n, int *first)
{
	const rb_node *c;

	for (c = n->first; c; c = c->next) {
		if (c->kind != RB_DOCUMENT && c->kind != RB_PART && c->kind != RB_CHAPTER)
			continue;
		if (c->kind != RB_DOCUMENT && clause_like(c))
			continue;
		toc_entry(st, c, first);
		toc_entries(st, c, first);
	}
}

static void
toc(struct docx_state *st, const rb_node *book)
{
	int first = 1;

	para_open(st, "TOCHeading", P_PAGE_BREAK, -1);
	runs(st, NULL, st->zh ? "目　录" : "Contents");
	para_close(st);
	toc_entries(st, book, &first);
	para_open(st, "TOC1", 0, -1);
	if (first)	/* no entry: the field alone */
		raw(st, TOC_FIELD_START);
	raw(st, "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
	para_close(st);
}

static void
cover(struct docx_state *st, const rb_node *book)
{
	struct fmt plain = {0};
	const char *v;
	rb_buf b;

	para_open(st, "Title", P_COVER, -1);
	inline_md(st, book->title && *book->title ? book->title : rb_document_title(book->doc), plain);
	para_close(st);
	meta_line(st, book, "CoverInfo", "subtitle", "", "");
	if ((v = rb_version_of(book->doc)) && *v)
		line(st, "CoverInfo", v);
	meta_line(st, book, "CoverInfo", "issuer", "", "");
	if ((v = rb_meta_get(book->doc, "effective")) && *v) {
		rb_buf_init(&b);
		rb_put_date(&b, book->doc, v);
		line(st, "CoverInfo", b.data);
		rb_buf_free(&b);
	}
	history(st, book);
}

static int
docx_enter(rb_emit_ctx *c, const rb_node *n)
{
	struct docx_state *st = c->state;

	switch (n->kind) {
	case RB_BOOK:
		cover(st, n);
		toc(st, n);
		if (c->doc->preamble && *c->doc->preamble) {
			para_open(st, "Heading1", P_PAGE_BREAK, 0);
			runs(st, NULL, st->zh ? "前　言" : "Preface");
			para_close(st);
			st->pstyle = "BodyText";
			markdown(st, n, c->doc->preamble, 0);
		}
		return 1;
	case RB_DOCUMENT:
		document_start(st, n);
		return 1;
	case RB_SECTION:
		if (clause_like(n)) {
			clause(st, n);
			return 1;
		}
		/* fall through */
	case RB_PART:
	case RB_CHAPTER:
	case RB_HEADING:
		division(st, n);
		return 1;
	case RB_ARTICLE:
	case RB_PARAGRAPH:
	case RB_ITEM:
		clause(st, n);
		return 1;
	case RB_TABLE:
		if (n->table && n->table->rows)
			table(st, n);
		return 0;
	default:
		return 1;
	}
}

static void
docx_leave(rb_emit_ctx *c, const rb_node *n)
{
	struct docx_state *st = c->state;

	if (n->kind == RB_DOCUMENT || n->kind == RB_BOOK)
		closing(st, n);
}

static int
docx_write(void *ctx, const char *b, int len)
{
	rb_buf_add(ctx, b, (size_t)len);
	return len;
}

static void
docx_begin(rb_emit_ctx *c)
{
	struct docx_state *st = c->state;
	xmlOutputBufferPtr out;

	st->doc = c->doc;
	st->zh = strncmp(rb_document_lang(c->doc), "zh", 2) == 0;
	rb_buf_init(&st->xml);
	rb_strmap_init(&st->ids);
	rb_strmap_init(&st->marks);
	rb_strset_init(&st->names);
	plan_marks(st, c->doc);
	out = rb_xml.xmlOutputBufferCreateIO(docx_write, NULL, &st->xml, NULL);
	st->w = out ? rb_xml.xmlNewTextWriter(out) : NULL;
	if (!st->w) {
		if (out)
			rb_xml.xmlOutputBufferClose(out);
		st->failed = 1;
		return;
	}
	if (rb_xml.xmlTextWriterStartDocument(st->w, NULL, "UTF-8", "yes") < 0)
		st->failed = 1;
	start(st, "w:document");
	attr(st, "xmlns:w", W_NS);
	attr(st, "xmlns:r", R_NS);
	start(st, "w:body");
}

/* The one section: its footers (odd and even pages in Chinese
 * documents), A4 and its margins, no number on a book's cover. */
static void
section(struct docx_state *st, int book)
{
	rb_buf page;

	start(st, "w:sectPr");
	start(st, "w:footerReference");
	attr(st, "w:type", "default");
	attr(st, "r:id", "rId4");
	end(st);
	if (st->zh) {
		start(st, "w:footerReference");
		attr(st, "w:type", "even");
		attr(st, "r:id", "rId5");
		end(st);
	}
	rb_buf_init(&page);
	rb_docx_page_setup(&page, st->zh, st->ref_page);
	raw(st, page.data);
	rb_buf_free(&page);
	if (book)
		val(st, "w:titlePg", NULL);
	start(st, "w:docGrid");
	if (st->zh)
		attr(st, "w:type", "lines");
	attr(st, "w:linePitch", st->zh ? "579" : "360");
	end(st);
	end(st);
}

static void
docx_end(rb_emit_ctx *c)
{
	struct docx_state *st = c->state;
	struct docx_package p;
	const char *why = "it could not be written";
	rb_buf title;
	size_t i;

	rb_buf_init(&title);
	if (st->w) {
		para_close(st);
		section(st, c->doc->root && c->doc->root->kind == RB_BOOK);
		end(st);	/* w:body */
		end(st);	/* w:document */
		if (rb_xml.xmlTextWriterEndDocument(st->w) < 0)
			st->failed = 1;
		rb_xml.xmlFreeTextWriter(st->w);	/* flushes into st->xml */
		st->w = NULL;
	}
	if (!st->failed) {
		memset(&p, 0, sizeof(p));
		p.zh = st->zh;
		p.book = c->doc->root && c->doc->root->kind == RB_BOOK;
		rb_md_plain(rb_document_title(c->doc), &title, NULL, NULL);
		p.title = title.data;
		p.lang = rb_document_lang(c->doc);
		p.links = (const char *const *)st->links;
		p.nlinks = st->nlinks;
		p.document = &st->xml;
		p.reference_styles = st->ref_styles;
		if (rb_docx_zip(&p, c->out, &why) < 0)
			st->failed = 1;
	}
	if (st->failed) {
		rb_diag_report(c->d, RB_D_OUTPUT_WRITE, c->doc->source, 0, 0,
			       "Word output could not be written (%s)", why);
		c->failed = 1;
	}
	rb_buf_free(&title);
	rb_buf_free(&st->xml);
	rb_strmap_free(&st->ids);
	rb_strmap_free(&st->marks);
	rb_strset_free(&st->names);
	for (i = 0; i < st->nowned; i++)
		free(st->owned[i]);
	free(st->owned);
	for (i = 0; i < st->nlinks; i++)
		free(st->links[i]);
	free(st->links);
	free(st->docs);
	free(st->ref_styles);
	free(st->ref_page);
}

/* libxml2, and the reference document's styles when one is given: both
 * before anything is written. */
static int
docx_ready(rb_emit_ctx *c)
{
	struct docx_state *st = c->state;

	if (rb_xml_ready(c) < 0)
		return -1;
	if (c->opts && c->opts->reference_doc &&
	    rb_docx_read_reference(c->opts->reference_doc, &st->ref_styles, &st->ref_page, c->d) < 0)
		return -1;
	return 0;
}

const rb_emitter rb_emitter_docx = {
	.name = "docx",
	.ext = ".docx",
	.state_size = sizeof(struct docx_state),
	.begin = docx_begin,
	.enter = docx_enter,
	.leave = docx_leave,
	.end = docx_end,
	.cost = 40,
	.preload = rb_xml_preload,
	.ready = docx_ready,
};
