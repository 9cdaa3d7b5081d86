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
 * new page; the cover and a 落款 (closing) are docx_cover.c's, the
 * cover's logo docx_image.c's.  Clause text is
 * Markdown, made runs and paragraphs by docx_runs.c; raw HTML in it is
 * text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "emit.h"
#include "xmllib.h"
#include "docx.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* outline levels in the 目录: documents, parts, chapters */
#define TOC_LEVELS 3
/* The 目录 field up to its text: a TOC of outline levels 1-3 (documents,
 * parts, chapters) as hyperlinks; its text, until Word makes it anew, is
 * ours (toc_entry) */
#define TOC_FIELD_START \
	"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">" \
	" TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"

/* ---- clauses ---- */

static int
clause_like(const rb_node *n)
{
	return n->kind == RB_ARTICLE || n->kind == RB_ITEM || n->kind == RB_PARAGRAPH ||
	    (n->kind == RB_SECTION && n->text && *n->text);
}

/* What goes between a label and the text (as in the text output). */

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
	if (n->style == RB_STYLE_CN_DUN || !docx_is_zh(n))
		return "ItemLabel1";
	if (n->style == RB_STYLE_CN_PAREN)
		return "ItemLabel2";
	return NULL;
}

/* The bookmark, label and run-in title that open a clause's first
 * paragraph. */
void
docx_write_prefix(struct docx_state *st, const rb_node *n, int has_text)
{
	struct fmt f = {0};
	int zh = docx_is_zh(n);
	rb_buf t;

	docx_bookmark(st, n);
	f.cstyle = label_style(n);
	/* an English document in a Chinese book: its labels in 黑体's style
	 * would be plain in Latin type */
	f.bold = !zh && f.cstyle;
	if (n->label && *n->label) {
		docx_runs(st, &f, n->label);
		docx_runs(st, NULL, rb_emit_label_sep(n, docx_is_zh(n)));
	}
	if (n->title && *n->title) {
		if (!zh)
			f.bold = 1;
		docx_inline_md(st, n->title, f);
		if (has_text) {
			rb_buf_init(&t);
			rb_md_plain(n->title, n->doc->link_defs, &t, NULL, NULL);
			docx_runs(st, NULL, rb_emit_ends_with_punct(t.data ? t.data : "") ? (zh ? "" : " ") : (zh ? "　" : ". "));
			rb_buf_free(&t);
		}
	}
	if (n->deleted && !(n->text && *n->text))
		docx_runs(st, NULL, zh ? "（删去）" : "(deleted)");
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
	docx_markdown(st, n, n->text, 1);
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
	struct fmt f = {0};

	f.bold = !docx_is_zh(n);	/* as above: Latin in a 黑体 heading */
	docx_para_open(st, styles[k], in_book ? P_PAGE_BREAK : 0, outline_of(n));
	docx_bookmark(st, n);
	docx_runs(st, &f, n->label);
	if (n->label && *n->label && n->title && *n->title)
		docx_runs(st, &f, docx_is_zh(n) ? "　" : "  ");
	docx_inline_md(st, n->title, f);
	docx_para_close(st);
	if (n->deleted)
		docx_line(st, "BodyText", docx_is_zh(n) ? "（删去）" : "(deleted)");
	st->pstyle = "BodyText";
	docx_markdown(st, n, n->text, 1);
}

static void
table(struct docx_state *st, const rb_node *n)
{
	const rb_table *t = n->table;
	size_t r, k, cols = t->cols ? t->cols : 1;
	char w[24];
	struct fmt f = {0};

	docx_para_close(st);
	if (st->after_table)	/* two tables side by side would be one to Word */
		docx_line(st, "Normal", "");
	docx_start(st, "w:tbl");
	docx_start(st, "w:tblPr");
	docx_val(st, "w:tblStyle", "TableGrid");
	docx_start(st, "w:tblW");
	docx_attr(st, "w:w", "5000");
	docx_attr(st, "w:type", "pct");
	docx_end(st);
	docx_val(st, "w:jc", "center");
	docx_end(st);
	docx_start(st, "w:tblGrid");
	snprintf(w, sizeof(w), "%zu", (size_t)(st->zh ? 8845 : 9026) / cols);
	for (k = 0; k < cols; k++) {
		docx_start(st, "w:gridCol");
		docx_attr(st, "w:w", w);
		docx_end(st);
	}
	docx_end(st);
	for (r = 0; r < t->rows; r++) {
		docx_start(st, "w:tr");
		if (r == 0 && t->rows > 1) {	/* the header again on each page */
			docx_start(st, "w:trPr");
			docx_val(st, "w:tblHeader", NULL);
			docx_end(st);
		}
		f.bold = r == 0 && t->rows > 1;
		for (k = 0; k < cols; k++) {
			docx_start(st, "w:tc");
			docx_start(st, "w:tcPr");
			docx_start(st, "w:tcW");
			docx_attr(st, "w:w", w);
			docx_attr(st, "w:type", "dxa");
			docx_end(st);
			docx_end(st);
			docx_para_open(st, "TableText", 0, -1);
			if (r == 0 && k == 0)
				docx_bookmark(st, n);
			if (k < t->cols)
				docx_inline_md(st, t->cells[r * t->cols + k], f);
			docx_para_close(st);
			docx_end(st);
		}
		docx_end(st);
	}
	docx_end(st);
	st->after_table = 1;
}

/* ---- documents and the book ---- */

/* A metadata line (value, else the document's key), with labelled the
 * label every format gives it (施行日期：) in the document's language; a
 * date is written as the document writes dates. */
void
docx_info_line(struct docx_state *st, const rb_node *n, const char *style, const char *key,
	       const char *value, int labelled, int is_date)
{
	const char *v = value ? value : rb_meta_get(n->doc, key);
	rb_buf b;

	if (!v || !*v)
		return;
	rb_buf_init(&b);
	if (labelled) {
		rb_buf_adds(&b, rb_word(n->doc, key));
		rb_buf_adds(&b, docx_is_zh(n) ? "：" : ": ");
	}
	if (is_date)
		rb_put_date(&b, n->doc, v);
	else
		rb_buf_adds(&b, v);
	docx_line(st, style, b.data);
	rb_buf_free(&b);
}

void
docx_history(struct docx_state *st, const rb_node *n)
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
			rb_buf_adds(&b, docx_is_zh(n) ? "　" : " ");
		if (event)
			rb_buf_adds(&b, event);
		if (b.len)
			docx_line(st, "History", b.data);
	}
	rb_buf_free(&b);
}

static void toc(struct docx_state *st, const rb_node *root, unsigned flags);

/* Does a document have parts, chapters or sections (a 目录 of them)? */
static int
has_divisions(const rb_node *n)
{
	const rb_node *c;

	for (c = n->first; c; c = c->next)
		if ((c->kind == RB_PART || c->kind == RB_CHAPTER || c->kind == RB_SECTION) && !clause_like(c))
			return 1;
	return 0;
}

static void
document_start(struct docx_state *st, const rb_node *n)
{
	const rb_document *doc = n->doc;
	struct fmt plain = {0};
	int in_book = n->parent != NULL;

	/* a document alone: its title is no entry of its 目录 (level 9: body) */
	docx_para_open(st, "Title", in_book ? P_PAGE_BREAK : 0, in_book ? outline_of(n) : 9);
	docx_bookmark(st, n);
	docx_inline_md(st, n->title && *n->title ? n->title : rb_document_title(doc), plain);
	docx_para_close(st);
	docx_info_line(st, n, "DocumentInfo", "subtitle", NULL, 0, 0);
	docx_info_line(st, n, "DocumentInfo", "issuer", NULL, 0, 0);
	docx_info_line(st, n, "DocumentInfo", "adopted", NULL, 1, 1);
	docx_info_line(st, n, "DocumentInfo", "effective", NULL, 1, 1);
	docx_info_line(st, n, "DocumentInfo", "version", NULL, 1, 0);
	docx_history(st, n);
	if (!in_book && has_divisions(n))
		toc(st, n, P_GAP);
	st->pstyle = "BodyText";
	if (doc->preamble && *doc->preamble)
		docx_markdown(st, n, doc->preamble, 0);
}

/* The 目录's text until Word refreshes it: an entry per document, part
 * and chapter, each a hyperlink to its bookmark. */
static void
toc_entry(struct docx_state *st, const rb_node *n, int *first)
{
	static const char *const styles[TOC_LEVELS] = {"TOC1", "TOC2", "TOC3"};
	int level = outline_of(n);
	const char *name = docx_mark_of(st, n);
	rb_buf t;

	if (level >= TOC_LEVELS)
		return;
	docx_para_open(st, styles[level], 0, -1);
	if (*first) {
		*first = 0;
		docx_raw(st, TOC_FIELD_START);
	}
	rb_buf_init(&t);
	if (n->kind != RB_DOCUMENT && n->label && *n->label) {
		rb_buf_adds(&t, n->label);
		if (n->title && *n->title)
			rb_buf_adds(&t, docx_is_zh(n) ? "　" : "  ");
	}
	rb_md_plain(n->kind == RB_DOCUMENT ? rb_document_title(n->doc) : n->title, n->doc->link_defs, &t,
		    NULL, NULL);
	if (name) {
		docx_start(st, "w:hyperlink");
		docx_attr(st, "w:anchor", name);
		docx_attr(st, "w:history", "1");
	}
	docx_runs(st, NULL, t.data);
	if (name) {
		/* the page number: no page is known here, Word fills it in
		 * when it refreshes the 目录 (updateFields) */
		docx_raw(st, "<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		    "<w:r><w:instrText xml:space=\"preserve\"> PAGEREF ");
		docx_raw(st, name);	/* letters, digits and _ alone */
		docx_raw(st, " \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
		    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
		docx_end(st);
	}
	rb_buf_free(&t);
	docx_para_close(st);
}

static void
toc_entries(struct docx_state *st, const rb_node *n, int *first)
{
	const rb_node *c;

	for (c = n->first; c; c = c->next) {
		if (c->kind != RB_DOCUMENT && c->kind != RB_PART && c->kind != RB_CHAPTER &&
		    c->kind != RB_SECTION)
			continue;
		if (c->kind != RB_DOCUMENT && clause_like(c))
			continue;
		toc_entry(st, c, first);
		toc_entries(st, c, first);
	}
}

/* A book's 目录 on a page of its own, a document's under its title. */
static void
toc(struct docx_state *st, const rb_node *root, unsigned flags)
{
	int first = 1;

	docx_para_open(st, "TOCHeading", flags, -1);
	docx_runs(st, NULL, docx_is_zh(root) ? "目　录" : "Contents");
	docx_para_close(st);
	st->toc_written = 1;
	toc_entries(st, root, &first);
	docx_para_open(st, "TOC1", 0, -1);
	if (first)	/* no entry: the field alone */
		docx_raw(st, TOC_FIELD_START);
	docx_raw(st, "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
	docx_para_close(st);
}

static int
word_enter(rb_emit_ctx *c, const rb_node *n)
{
	struct docx_state *st = c->state;

	switch (n->kind) {
	case RB_BOOK:
		docx_cover_logo(st, c);	/* one that cannot be read is said, and left out */
		docx_cover(st, n);
		toc(st, n, P_PAGE_BREAK);
		if (c->doc->preamble && *c->doc->preamble) {
			docx_para_open(st, "Heading1", P_PAGE_BREAK, 0);
			docx_runs(st, NULL, st->zh ? "前　言" : "Preface");
			docx_para_close(st);
			st->pstyle = "BodyText";
			docx_markdown(st, n, c->doc->preamble, 0);
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
	case RB_PARAGRAPH:
		if (rb_is_closing(n)) {
			docx_closing_paragraph(st, n);
			return 1;
		}
		/* fall through */
	case RB_ARTICLE:
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
word_leave(rb_emit_ctx *c, const rb_node *n)
{
	struct docx_state *st = c->state;

	if (n->kind == RB_DOCUMENT || n->kind == RB_BOOK)
		docx_closing_meta(st, n);
}

static int
word_write(void *ctx, const char *b, int len)
{
	rb_buf_add(ctx, b, (size_t)len);
	return len;
}

static void
word_begin(rb_emit_ctx *c)
{
	struct docx_state *st = c->state;
	xmlOutputBufferPtr out;

	st->doc = c->doc;
	st->zh = strncmp(rb_document_lang(c->doc), "zh", 2) == 0;
	rb_buf_init(&st->xml);
	rb_buf_init(&st->text);
	rb_strmap_init(&st->ids);
	rb_strmap_init(&st->marks);
	rb_strset_init(&st->names);
	rb_strset_init(&st->written);
	docx_plan_marks(st, c->doc);
	out = rb_xml.xmlOutputBufferCreateIO(word_write, NULL, &st->xml, NULL);
	st->w = out ? rb_xml.xmlNewTextWriter(out) : NULL;
	if (!st->w) {
		if (out)
			rb_xml.xmlOutputBufferClose(out);
		st->failed = 1;
		return;
	}
	if (rb_xml.xmlTextWriterStartDocument(st->w, NULL, "UTF-8", "yes") < 0)
		st->failed = 1;
	docx_start(st, "w:document");
	docx_attr(st, "xmlns:w", W_NS);
	docx_attr(st, "xmlns:r", R_NS);
	docx_start(st, "w:body");
}

/* The one section: its footers (odd and even pages in Chinese
 * documents), A4 and its margins, no number on a book's cover. */
static void
section(struct docx_state *st, int book)
{
	rb_buf page;

	docx_start(st, "w:sectPr");
	docx_start(st, "w:footerReference");
	docx_attr(st, "w:type", "default");
	docx_attr(st, "r:id", "rId4");
	docx_end(st);
	if (st->zh) {
		docx_start(st, "w:footerReference");
		docx_attr(st, "w:type", "even");
		docx_attr(st, "r:id", "rId5");
		docx_end(st);
	}
	rb_buf_init(&page);
	rb_docx_page_setup(&page, st->zh, st->ref_page);
	docx_raw(st, page.data);
	rb_buf_free(&page);
	if (book)
		docx_val(st, "w:titlePg", NULL);
	/* GB/T 9704's 22 lines to a page, unless the reference sets the page */
	docx_start(st, "w:docGrid");
	if (st->zh && !st->ref_page)
		docx_attr(st, "w:type", "lines");
	docx_attr(st, "w:linePitch", st->zh && !st->ref_page ? "579" : "360");
	docx_end(st);
	docx_end(st);
}

static void
word_end(rb_emit_ctx *c)
{
	struct docx_state *st = c->state;
	struct docx_package p;
	const char *why = "it could not be written";
	rb_buf title;
	size_t i;

	rb_buf_init(&title);
	if (st->w) {
		docx_para_close(st);
		if (st->after_table)	/* Word ends a body with a paragraph, never a table */
			docx_line(st, "Normal", "");
		section(st, c->doc->root && c->doc->root->kind == RB_BOOK);
		docx_end(st);	/* w:body */
		docx_end(st);	/* w:document */
		if (rb_xml.xmlTextWriterEndDocument(st->w) < 0)
			st->failed = 1;
		rb_xml.xmlFreeTextWriter(st->w);	/* flushes into st->xml */
		st->w = NULL;
	}
	if (!st->failed) {
		memset(&p, 0, sizeof(p));
		p.zh = st->zh;
		p.toc = st->toc_written;
		rb_md_plain(rb_document_title(c->doc), c->doc->link_defs, &title, NULL, NULL);
		p.title = title.data;
		p.lang = rb_document_lang(c->doc);
		p.links = (const char *const *)st->links;
		p.nlinks = st->nlinks;
		p.document = &st->xml;
		p.reference_styles = st->ref_styles;
		if (st->has_logo) {
			p.image = &st->logo.bytes;
			p.image_png = st->logo.png;
		}
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
	rb_buf_free(&st->text);
	if (st->has_logo)
		rb_buf_free(&st->logo.bytes);
	rb_strmap_free(&st->ids);
	rb_strmap_free(&st->marks);
	rb_strset_free(&st->names);
	rb_strset_free(&st->written);
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

/* libxml2, libzip, and the reference document's styles when one is
 * given: all before anything is written. */
static int
word_ready(rb_emit_ctx *c)
{
	struct docx_state *st = c->state;

	if (rb_xml_ready(c) < 0 || rb_docx_zip_ready(c->d, c->doc->source) < 0)
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
	.begin = word_begin,
	.enter = word_enter,
	.leave = word_leave,
	.end = word_end,
	.preload = rb_xml_preload,
	.ready = word_ready,
};
