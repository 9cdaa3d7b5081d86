/*
 * Plain-text handbook: labels, run-in titles, indentation by depth, lines
 * wrapped by display width (East Asian Width) with the 禁则 rules,
 * continuation lines aligned on the label column, divisions centred.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "text/buf.h"
#include "text/markdown.h"
#include "tree/node.h"
#include "emit.h"

#define DEFAULT_WIDTH 72

struct text_state {
	const rb_document *doc;
	size_t width;
	rb_strmap ids;
	char label[128];
	rb_buf t, line;		/* a clause's text, kept from clause to clause */
	const rb_document *zh_of;	/* is_zh's last document and answer */
	int zh;
	const char *defs;	/* link definitions of the document being written */
};

static const char *
resolve(void *ctx, const char *id)
{
	struct text_state *st = ctx;
	const rb_node *n = rb_lookup_id(st->doc, &st->ids, id);

	return n ? rb_ref_label(n, st->label, sizeof(st->label)) : NULL;
}

static int
is_zh(const rb_node *n)
{
	return strncmp(rb_document_lang(n->doc), "zh", 2) == 0;
}

/* is_zh for every clause: the answer kept for the document in turn. */
static int
is_zh_in(struct text_state *st, const rb_node *n)
{
	if (st->zh_of != n->doc) {
		st->zh_of = n->doc;
		st->zh = is_zh(n);
	}
	return st->zh;
}

/* Ambiguous-width characters are wide in Chinese output (CONVENTIONS). */
static int
wide_amb(const rb_node *n)
{
	return is_zh(n);
}

static size_t
width_of(const char *s, int wa)
{
	return rb_str_width(s, strlen(s), wa);
}

/* Make sure the output ends with an empty line (unless at the start). */
static void
blank(rb_buf *b)
{
	if (b->len == 0)
		return;
	if (b->data[b->len - 1] != '\n')
		rb_buf_addc(b, '\n');
	if (b->len >= 2 && b->data[b->len - 2] == '\n')
		return;
	rb_buf_addc(b, '\n');
}

static void
plain(rb_emit_ctx *c, const char *md, rb_buf *out)
{
	struct text_state *st = c->state;

	rb_buf_reset(out);
	rb_buf_add(out, "", 0);
	if (md && *md)
		rb_md_plain(md, st->defs, out, resolve, c->state);
}

/* A centred line, or a wrapped block when it does not fit. */
static void
centre(rb_buf *b, const char *s, size_t width, int wa)
{
	size_t w = width_of(s, wa);

	if (w <= width) {
		rb_buf_spaces(b, (width - w) / 2);
		rb_buf_adds(b, s);
		rb_buf_addc(b, '\n');
	} else
		rb_wrap(b, 0, 0, s, width, wa);
}

static size_t
width_opt(const rb_emit_ctx *c)
{
	return c->opts && c->opts->width > 0 ? (size_t)c->opts->width : DEFAULT_WIDTH;
}

/* Articles, items and sections that carry text are laid out as clauses
 * (label, run-in title, text); other divisions as centred headings. */
static int
clause_like(const rb_node *n)
{
	return n->kind == RB_ARTICLE || n->kind == RB_ITEM || n->kind == RB_PARAGRAPH ||
	    (n->kind == RB_SECTION && *n->text);
}

/* Indentation of a clause block: four columns per enclosing clause. */
static size_t
block_indent(const rb_node *n, size_t width)
{
	const rb_node *a;
	size_t depth = 0;

	if (n->kind == RB_PARAGRAPH || n->kind == RB_TABLE)
		n = n->parent;
	for (a = n->parent; a; a = a->parent)
		if (clause_like(a) && a->kind != RB_PARAGRAPH)
			depth++;
	depth *= 4;
	return depth > width / 3 ? width / 3 / 4 * 4 : depth;
}

/* What goes between a label and the text. */

static void
division(rb_emit_ctx *c, const rb_node *n)
{
	struct text_state *st = c->state;
	rb_buf line, t;
	int wa = wide_amb(n);

	rb_buf_init(&line);
	rb_buf_init(&t);
	rb_buf_adds(&line, n->label);
	plain(c, n->title, &t);
	if (*n->label && t.len)
		rb_buf_adds(&line, is_zh(n) ? "　" : "  ");
	rb_buf_add(&line, t.data, t.len);
	blank(c->out);
	centre(c->out, line.data, st->width, wa);
	blank(c->out);
	rb_buf_free(&line);
	rb_buf_free(&t);
}

/* A clause: label, run-in title, text; hanging on the label column. */
static void
clause(rb_emit_ctx *c, const rb_node *n)
{
	struct text_state *st = c->state;
	rb_buf *t = &st->t, *line = &st->line;
	size_t ind = block_indent(n, st->width), first;
	int zh = is_zh_in(st, n), wa = zh;	/* ambiguous width: wide in Chinese */
	const char *text;

	/* articles and top-level clauses stand apart */
	if (n->kind != RB_PARAGRAPH && !clause_like(n->parent))
		blank(c->out);
	rb_buf_spaces(c->out, ind);
	first = ind;
	if (n->kind == RB_PARAGRAPH && zh) {
		rb_buf_adds(c->out, "　　");	/* GB/T 9704 paragraph indent */
		first += 4;
	}
	if (*n->label) {
		const char *sep = rb_emit_label_sep(n, is_zh(n));

		rb_buf_adds(c->out, n->label);
		rb_buf_adds(c->out, sep);
		first += width_of(n->label, wa) + width_of(sep, wa);
	}
	if (*n->title) {
		plain(c, n->title, line);
		if (*n->text)
			rb_buf_adds(line, rb_emit_ends_with_punct(line->data) ? (zh ? "" : " ") :
				    (zh ? "　" : ". "));
		plain(c, n->text, t);
		rb_buf_add(line, t->data, t->len);
		text = line->data;
	} else if (n->deleted && !*n->text)
		text = zh ? "（删去）" : "(deleted)";
	else if (rb_md_is_plain(n->text))
		text = n->text;	/* most texts: wrapped as they are */
	else {
		plain(c, n->text, t);
		text = t->data;
	}
	rb_wrap(c->out, first, ind, text ? text : "", st->width, wa);
}

static void
table(rb_emit_ctx *c, const rb_node *n)
{
	struct text_state *st = c->state;
	const rb_table *tb = n->table;
	size_t ind = block_indent(n, st->width), r, k, total = ind;
	size_t *w;
	int wa = wide_amb(n);
	rb_buf cell;

	if (!tb || tb->rows == 0)
		return;
	w = rb_xcalloc(tb->cols, sizeof(size_t));
	rb_buf_init(&cell);
	for (r = 0; r < tb->rows; r++)
		for (k = 0; k < tb->cols; k++) {
			size_t cw;

			plain(c, tb->cells[r * tb->cols + k], &cell);
			cw = width_of(cell.data, wa);
			if (cw > w[k])
				w[k] = cw;
		}
	for (k = 0; k < tb->cols; k++)
		total += w[k] + (k ? 2 : 0);
	blank(c->out);
	for (r = 0; r < tb->rows; r++) {
		if (total <= st->width) {
			rb_buf_spaces(c->out, ind);
			for (k = 0; k < tb->cols; k++) {
				plain(c, tb->cells[r * tb->cols + k], &cell);
				rb_buf_adds(c->out, cell.data);
				if (k + 1 < tb->cols)
					rb_buf_spaces(c->out, w[k] - width_of(cell.data, wa) + 2);
			}
			while (c->out->len && c->out->data[c->out->len - 1] == ' ')
				c->out->len--;
			rb_buf_addc(c->out, '\n');
		} else {
			rb_buf row;

			/* too wide to align: one row per block, cells separated */
			rb_buf_init(&row);
			for (k = 0; k < tb->cols; k++) {
				plain(c, tb->cells[r * tb->cols + k], &cell);
				if (k)
					rb_buf_adds(&row, " | ");
				rb_buf_add(&row, cell.data, cell.len);
			}
			rb_buf_spaces(c->out, ind);
			rb_wrap(c->out, ind, ind + 2, row.data, st->width, wa);
			rb_buf_free(&row);
		}
		if (r == 0 && tb->rows > 1) {
			size_t rule = total <= st->width ? total - ind : st->width - ind;

			rb_buf_spaces(c->out, ind);
			while (rule--)
				rb_buf_addc(c->out, '-');
			rb_buf_addc(c->out, '\n');
		}
	}
	blank(c->out);
	rb_buf_free(&cell);
	free(w);
}

/* A line of the title block: the value alone, or labelled as in every
 * format (施行日期：2026年3月1日, Effective: 2026-03-01). */
static void
meta_line(rb_emit_ctx *c, const rb_node *n, const char *key, int labelled)
{
	struct text_state *st = c->state;
	const char *v = rb_meta_get(n->doc, key);
	rb_buf line;

	if (!v || !*v)
		return;
	rb_buf_init(&line);
	if (labelled)
		rb_buf_printf(&line, "%s%s", rb_word(n->doc, key), is_zh(n) ? "：" : ": ");
	if (!strcmp(key, "effective") || !strcmp(key, "adopted"))
		rb_put_date(&line, n->doc, v);
	else
		rb_buf_adds(&line, v);
	rb_buf_add(&line, "", 0);
	centre(c->out, line.data, st->width, wide_amb(n));
	rb_buf_free(&line);
}

static void history(rb_emit_ctx *c, const rb_node *n);
static void closing_lines(rb_emit_ctx *c, const rb_node *n, const char *sig, const char *iso,
			  int right);

/* A line flush right, four characters in for Chinese (the 落款). */
static void
right_line(rb_emit_ctx *c, const rb_node *n, const char *s)
{
	struct text_state *st = c->state;
	size_t w = width_of(s, wide_amb(n)), margin = is_zh(n) ? 8 : 0;

	if (w + margin <= st->width)
		rb_buf_spaces(c->out, st->width - w - margin);
	rb_buf_adds(c->out, s);
	rb_buf_addc(c->out, '\n');
}

static void
title_block(rb_emit_ctx *c, const rb_node *n)
{
	struct text_state *st = c->state;
	rb_buf t;

	rb_buf_init(&t);
	plain(c, n->title, &t);
	if (t.len)
		centre(c->out, t.data, st->width, wide_amb(n));
	if (rb_meta_sub(n->doc, "cover", "subtitle"))
		centre(c->out, rb_meta_sub(n->doc, "cover", "subtitle"), st->width, wide_amb(n));
	else
		meta_line(c, n, "subtitle", 0);
	meta_line(c, n, "edition", 0);
	meta_line(c, n, "issuer", 0);
	meta_line(c, n, "adopted", 1);
	meta_line(c, n, "effective", 1);
	meta_line(c, n, "version", 1);
	history(c, n);
	if (n->kind == RB_BOOK && (rb_meta_sub(n->doc, "cover", "issuer") ||
				   rb_meta_sub(n->doc, "cover", "date"))) {
		blank(c->out);
		closing_lines(c, n, rb_meta_sub(n->doc, "cover", "issuer"),
			      rb_meta_sub(n->doc, "cover", "date"), 0);
	}
	rb_buf_free(&t);
}

/* A signature and a date (ISO, shown as the document shows dates):
 * right-aligned four characters in for the 落款 (GB/T 9704), centred on
 * a cover. */
static void
closing_lines(rb_emit_ctx *c, const rb_node *n, const char *sig, const char *iso, int right)
{
	struct text_state *st = c->state;
	rb_buf line;
	int k;

	rb_buf_init(&line);
	for (k = 0; k < 2; k++) {
		rb_buf_reset(&line);
		if (k == 0 && sig)
			rb_buf_adds(&line, sig);
		else if (k == 1 && iso)
			rb_put_date(&line, n->doc, iso);
		else
			continue;
		rb_buf_add(&line, "", 0);
		if (right)
			right_line(c, n, line.data);
		else
			centre(c->out, line.data, st->width, wide_amb(n));
	}
	rb_buf_free(&line);
}

/* The history under the title: 2000年3月15日　第九届…会议通过 */
static void
history(rb_emit_ctx *c, const rb_node *n)
{
	struct text_state *st = c->state;
	const rb_value *h;
	const char *date, *event;
	rb_buf line;
	int first = 1;

	rb_buf_init(&line);
	for (h = rb_history_next(n->doc, NULL, &date, &event); h;
	     h = rb_history_next(n->doc, h, &date, &event)) {
		rb_buf_reset(&line);
		if (date)
			rb_put_date(&line, n->doc, date);
		if (date && event && *event)
			rb_buf_adds(&line, is_zh(n) ? "　" : " ");
		if (event)
			rb_buf_adds(&line, event);
		rb_buf_add(&line, "", 0);
		if (!line.len)
			continue;
		if (first--)
			blank(c->out);
		centre(c->out, line.data, st->width, wide_amb(n));
	}
	rb_buf_free(&line);
}

/* A document's own contents: its parts, chapters and sections. */
static void
doc_toc(rb_emit_ctx *c, const rb_node *n, int depth, int *count)
{
	struct text_state *st = c->state;
	const rb_node *ch;
	rb_buf t, line;

	rb_buf_init(&t);
	rb_buf_init(&line);
	for (ch = n->first; ch; ch = ch->next) {
		size_t ind = 2 + 4 * (size_t)depth;

		if ((ch->kind != RB_PART && ch->kind != RB_CHAPTER && ch->kind != RB_SECTION) ||
		    clause_like(ch))
			continue;
		if (!(*count)++) {
			blank(c->out);
			centre(c->out, is_zh(n) ? "目　录" : "Contents", st->width, wide_amb(n));
			blank(c->out);
		}
		plain(c, ch->title, &t);
		rb_buf_reset(&line);
		rb_buf_adds(&line, ch->label);
		if (*ch->label && t.len)
			rb_buf_adds(&line, is_zh(n) ? "　" : " ");
		rb_buf_add(&line, t.data, t.len);
		rb_buf_add(&line, "", 0);
		rb_buf_spaces(c->out, ind);
		rb_wrap(c->out, ind, ind + 2, line.data, st->width, wide_amb(n));
		doc_toc(c, ch, depth + 1, count);
	}
	rb_buf_free(&t);
	rb_buf_free(&line);
}

static void
book_toc(rb_emit_ctx *c, const rb_node *book)
{
	struct text_state *st = c->state;
	const rb_node *d;
	rb_buf t;
	int i = 1;

	rb_buf_init(&t);
	blank(c->out);
	centre(c->out, is_zh(book) ? "目　录" : "Contents", st->width, wide_amb(book));
	blank(c->out);
	for (d = book->first; d; d = d->next) {
		const rb_node *e = d->kind == RB_PART ? d->first : d;

		if (d->kind == RB_PART) {	/* a part of the book: its documents below */
			plain(c, d->title, &t);
			rb_buf_adds(c->out, "  ");
			rb_wrap(c->out, 2, 2, t.data, st->width, wide_amb(d));
		}
		for (; e; e = d->kind == RB_PART ? e->next : NULL, i++) {
			char num[16];
			size_t w, ind = d->kind == RB_PART ? 4 : 2;

			snprintf(num, sizeof(num), "%d. ", i);
			plain(c, e->title, &t);
			rb_buf_spaces(c->out, ind);
			rb_buf_adds(c->out, num);
			w = ind + strlen(num);
			rb_wrap(c->out, w, w, t.data, st->width, wide_amb(e));
		}
	}
	rb_buf_free(&t);
}

/* Body paragraphs; Chinese ones indented two full-width spaces, continuation
 * lines flush left (GB/T 9704). */
static void
paragraphs(rb_buf *out, const char *text, size_t width, int zh)
{
	const char *p = text;
	rb_buf seg;

	rb_buf_init(&seg);
	while (p) {
		const char *nl = strchr(p, '\n');

		rb_buf_reset(&seg);
		rb_buf_add(&seg, p, nl ? (size_t)(nl - p) : strlen(p));
		if (zh)
			rb_buf_adds(out, "　　");
		rb_wrap(out, zh ? 4 : 0, 0, seg.data, width, zh);
		p = nl ? nl + 1 : NULL;
	}
	rb_buf_free(&seg);
}

static void
text_begin(rb_emit_ctx *c)
{
	struct text_state *st = c->state;

	st->width = width_opt(c);
	if (st->width < 20)
		st->width = 20;
	rb_strmap_init(&st->ids);
	rb_buf_init(&st->t);
	rb_buf_init(&st->line);
	st->doc = c->doc;
	st->defs = c->doc->link_defs;
}

static int
text_enter(rb_emit_ctx *c, const rb_node *n)
{
	struct text_state *st = c->state;
	rb_buf t;

	switch (n->kind) {
	case RB_BOOK:
		title_block(c, n);
		if (*n->doc->preamble) {	/* the book's 前言, before its contents */
			rb_buf_init(&t);
			plain(c, n->doc->preamble, &t);
			blank(c->out);
			centre(c->out, is_zh(n) ? "前　言" : "Foreword", st->width, wide_amb(n));
			blank(c->out);
			paragraphs(c->out, t.data, st->width, is_zh(n));
			rb_buf_free(&t);
		}
		book_toc(c, n);
		break;
	case RB_DOCUMENT:
		st->defs = n->doc->link_defs;
		if (n->parent) {
			size_t w = st->width;

			blank(c->out);
			while (w--)
				rb_buf_addc(c->out, '=');
			rb_buf_addc(c->out, '\n');
			blank(c->out);
		}
		title_block(c, n);
		if (!n->parent) {
			int count = 0;

			doc_toc(c, n, 0, &count);
		}
		if (*n->doc->preamble) {
			rb_buf_init(&t);
			plain(c, n->doc->preamble, &t);
			blank(c->out);
			paragraphs(c->out, t.data, st->width, is_zh(n));
			rb_buf_free(&t);
		}
		break;
	case RB_PART:
	case RB_CHAPTER:
	case RB_SECTION:
		if (clause_like(n))
			clause(c, n);
		else {
			division(c, n);
			if (*n->text) {
				rb_buf_init(&t);
				plain(c, n->text, &t);
				paragraphs(c->out, t.data, st->width, is_zh(n));
				rb_buf_free(&t);
			}
		}
		break;
	case RB_HEADING:
		rb_buf_init(&t);
		plain(c, n->title && *n->title ? n->title : n->text, &t);
		blank(c->out);
		rb_buf_spaces(c->out, block_indent(n, st->width));
		rb_wrap(c->out, block_indent(n, st->width), block_indent(n, st->width),
			t.data, st->width, wide_amb(n));
		blank(c->out);
		rb_buf_free(&t);
		break;
	case RB_TABLE:
		table(c, n);
		break;
	case RB_PARAGRAPH:
		if (rb_is_closing(n)) {
			rb_buf_init(&t);
			plain(c, n->text, &t);
			if (!n->prev || n->prev->kind != RB_PARAGRAPH)
				blank(c->out);
			right_line(c, n, t.data);
			rb_buf_free(&t);
			break;
		}
		/* fall through */
	case RB_ARTICLE:
	case RB_ITEM:
		clause(c, n);
		break;
	default:
		break;
	}
	return 1;
}

static void
text_end(rb_emit_ctx *c)
{
	struct text_state *st = c->state;

	if (c->doc->root->kind == RB_BOOK && (rb_meta_sub(c->doc, "closing", "signature") ||
					      rb_meta_sub(c->doc, "closing", "date"))) {
		blank(c->out);
		closing_lines(c, c->doc->root, rb_meta_sub(c->doc, "closing", "signature"),
			      rb_meta_sub(c->doc, "closing", "date"), 1);
	}
	rb_strmap_free(&st->ids);
	rb_buf_free(&st->t);
	rb_buf_free(&st->line);
	/* exactly one newline at the end */
	while (c->out->len > 1 && c->out->data[c->out->len - 1] == '\n' &&
	       c->out->data[c->out->len - 2] == '\n')
		c->out->data[--c->out->len] = '\0';
}

const rb_emitter rb_emitter_text = {
	.name = "text",
	.ext = ".txt",
	.is_default = 1,
	.state_size = sizeof(struct text_state),
	.begin = text_begin,
	.enter = text_enter,
	.end = text_end,
};
