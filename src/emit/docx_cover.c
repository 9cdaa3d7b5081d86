/*
 * Word: a handbook's cover and the 落款 (closing) of documents and books.
 *
 * The cover is what the HTML title page shows, centred: the manifest's
 * logo (a picture, docx_image.c), the title a third down the page, the
 * subtitle (cover: or the book's), edition, issuer, effective date and
 * history, then low on the page the cover's issuer and date.
 *
 * A 落款 is paragraphs in the Closing style: a document's closing lines
 * (its YAML closing:, or what its Markdown has after ***) and a book's
 * closing: signature and date.  In Chinese documents it is laid out as
 * GB/T 9704-2012 7.3.5.1 says: the date (成文日期) flush right four
 * characters in (the style's right indent), the signature (发文机关署名)
 * centred over the date — a right indent of four characters and half
 * the difference of their widths, as every Chinese character is one em
 * and a digit half of one.  English closings are flush right.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "emit.h"
#include "docx.h"

/* ---- the cover ---- */

/* The logo read before the cover is written; a logo that cannot be read
 * now (the loader has checked it) is said as the loader says it. */
int
docx_cover_logo(struct docx_state *st, rb_emit_ctx *c)
{
	const char *logo = rb_meta_sub(c->doc, "cover", "logo");
	int r;

	if (!logo)
		return 0;
	r = docx_image_read(c->doc, &st->logo);
	if (r == 0) {
		st->has_logo = 1;
		return 0;
	}
	if (r == -1)
		rb_diag_report(c->d, RB_D_INPUT_UNREADABLE, c->doc->source, 0, 0, "cannot read the logo '%s'", logo);
	else
		rb_diag_report(c->d, RB_D_INPUT_VALUE, c->doc->source, 0, 0,
			       "cannot tell the size of the logo '%s' from its PNG or JPEG header", logo);
	return -1;
}

void
docx_cover(struct docx_state *st, const rb_node *book)
{
	const rb_document *doc = book->doc;
	struct fmt plain = {0};
	const char *v, *issuer, *when;
	rb_buf b;

	if (st->has_logo)
		docx_logo_paragraph(st, &st->logo, P_COVER);
	docx_para_open(st, "Title", st->has_logo ? 0 : P_COVER, -1);
	docx_inline_md(st, book->title && *book->title ? book->title : rb_document_title(doc), plain);
	docx_para_close(st);
	if ((v = rb_cover_get(doc, "subtitle")) && *v) {
		docx_para_open(st, "CoverInfo", 0, -1);
		docx_inline_md(st, v, plain);	/* Markdown, as the title */
		docx_para_close(st);
	}
	/* the book's issuer, dates and version, labelled as on the HTML's
	 * title page */
	docx_info_line(st, book, "CoverInfo", "issuer", NULL, 1, 0);
	docx_info_line(st, book, "CoverInfo", "adopted", NULL, 1, 1);
	docx_info_line(st, book, "CoverInfo", "effective", NULL, 1, 1);
	docx_info_line(st, book, "CoverInfo", "version", rb_version_of(doc), 1, 0);
	rb_buf_init(&b);
	docx_history(st, book);
	/* the cover's own issuer and date, low on the page */
	issuer = rb_meta_sub(doc, "cover", "issuer");
	when = rb_cover_get(doc, "date");
	if (issuer && *issuer) {
		docx_para_open(st, "CoverInfo", P_FOOT, -1);
		docx_runs(st, NULL, issuer);
		docx_para_close(st);
	}
	if (when && *when) {
		rb_buf_reset(&b);
		rb_put_date(&b, doc, when);
		docx_para_open(st, "CoverInfo", issuer && *issuer ? 0 : P_FOOT, -1);
		docx_runs(st, NULL, b.data);
		docx_para_close(st);
	}
	rb_buf_free(&b);
}

/* ---- the 落款 ---- */

/* The width of a line in columns: a Chinese character two, a digit one. */
static size_t
columns(const char *s)
{
	return rb_str_width(s, strlen(s), 1);
}

/* The right indent, in hundredths of a character, that centres a line
 * of cols columns over a date of date_cols flush right four characters
 * in: 4 + (date − line) / 2 characters, a column half a character. */
static int
over_date(size_t date_cols, size_t cols)
{
	long r = 400 + ((long)date_cols - (long)cols) * 25;

	return r < 0 ? 0 : (int)r;
}

/* A closing line's paragraph properties: the first a blank line below
 * the text; in Chinese a line above a date (date: its text, else NULL)
 * centred over it. */
static unsigned
line_flags(struct docx_state *st, int zh, int first, const char *date, const char *line)
{
	unsigned f = first ? P_GAP : 0;

	if (zh && date) {
		st->right_chars = over_date(columns(date), columns(line));
		f |= P_RIGHT;
	}
	return f;
}

/* A document's closing line (a paragraph after its clauses): the
 * Closing style, its bookmark, its text as Markdown. */
void
docx_closing_paragraph(struct docx_state *st, const rb_node *n)
{
	const rb_node *date = rb_closing_date_of(n);
	rb_buf t, d;

	rb_buf_init(&t);
	rb_buf_init(&d);
	rb_md_plain(n->text ? n->text : "", n->doc->link_defs, &t, NULL, NULL);
	rb_buf_add(&t, "", 0);
	if (date && date != n) {
		rb_md_plain(date->text ? date->text : "", date->doc->link_defs, &d, NULL, NULL);
		rb_buf_add(&d, "", 0);
	}
	st->pstyle = "Closing";
	/* the first line: the one after a clause, not after a closing line */
	st->pflags = line_flags(st, docx_is_zh(n), !n->prev || n->prev->kind != RB_PARAGRAPH,
				date && date != n ? d.data : NULL, t.data);
	st->prefix = n;
	docx_markdown(st, n, n->text, 1);
	rb_buf_free(&t);
	rb_buf_free(&d);
}

static void
closing_line(struct docx_state *st, const char *text, unsigned flags)
{
	docx_para_open(st, "Closing", flags, -1);
	docx_runs(st, NULL, text);
	docx_para_close(st);
}

/* The 落款 kept as metadata (a book's closing:): a line, or a signature
 * and a date. */
void
docx_closing_meta(struct docx_state *st, const rb_node *n)
{
	const rb_value *v, *e;
	const char *date = NULL;
	int first = 1, zh = docx_is_zh(n);
	rb_buf b, when;

	for (v = n->doc->meta.first; v; v = v->next)
		if (v->key && !strcmp(v->key, "closing"))
			break;
	if (!v)
		return;
	if (v->type == RB_VAL_STRING) {
		if (v->str && *v->str)
			closing_line(st, v->str, P_GAP);
		return;
	}
	rb_buf_init(&b);
	rb_buf_init(&when);
	for (e = v->first; e && !date; e = e->next)
		if (e->type == RB_VAL_STRING && e->str && *e->str && e->key && !strcmp(e->key, "date")) {
			rb_put_date(&when, n->doc, e->str);
			rb_buf_add(&when, "", 0);
			date = when.data;
		}
	for (e = v->first; e; e = e->next) {
		int is_the_date = e->key && !strcmp(e->key, "date");

		if (e->type != RB_VAL_STRING || !e->str || !*e->str)
			continue;
		rb_buf_reset(&b);
		if (is_the_date)
			rb_put_date(&b, n->doc, e->str);
		else
			rb_buf_adds(&b, e->str);
		rb_buf_add(&b, "", 0);
		closing_line(st, b.data, line_flags(st, zh, first, is_the_date ? NULL : date, b.data));
		first = 0;
	}
	rb_buf_free(&b);
	rb_buf_free(&when);
}
