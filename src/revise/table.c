/*
 * The comparison table (修订对照表) of an alignment, and the alignment as
 * JSON (SPEC §9).
 *
 * One row per pair in the new order: the old article with its deleted
 * words marked on the left, the new one with its inserted words marked on
 * the right, headed 第十九条（原第二十条） when renumbered, （新增）/（删去）
 * for whole articles; headings are rows too.  Every format goes through
 * one cell renderer (marks, 款 breaks, escaping), so that the marks agree.
 * A pair less alike than WHOLE_BELOW is shown whole, without marks: a
 * rewritten article read as a patchwork of marks helps nobody.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/escape.h"
#include "revise/revise.h"

#define WHOLE_BELOW 0.5

typedef struct cell_fmt {
	const char *para_open, *para_close;
	const char *mark_open[2], *mark_close[2];	/* [0] old side, [1] new */
	void (*escape)(rb_buf *b, const char *s, size_t n);
} cell_fmt;

static void
escape_xml(rb_buf *b, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		const char *e = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" :
				s[i] == '"' ? "&quot;" : NULL;

		if (!e)
			continue;
		rb_buf_put(b, s + from, i - from);
		rb_buf_puts(b, e);
		from = i + 1;
	}
	rb_buf_put(b, s + from, n - from);
}

static void
escape_none(rb_buf *b, const char *s, size_t n)
{
	rb_buf_put(b, s, n);
}

/* s[0..n) with line breaks as paragraph breaks, marked or not. */
static void
put_run(rb_buf *b, const cell_fmt *f, int side, const char *s, size_t n, int marked)
{
	size_t i = 0;

	while (i <= n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;

		if (end > i) {
			if (marked)
				rb_buf_puts(b, f->mark_open[side]);
			f->escape(b, s + i, end - i);
			if (marked)
				rb_buf_puts(b, f->mark_close[side]);
		}
		if (!nl)
			break;
		rb_buf_puts(b, f->para_close);
		rb_buf_puts(b, f->para_open);
		i = end + 1;
	}
}

/* One side of a pair: the text with the edits of that side marked
 * (side 0: deletions of the old text; 1: insertions of the new), the part
 * [from, to) of it alone (a split's new articles, a merge's old ones
 * share one text). */
static void
put_cell(rb_buf *b, const cell_fmt *f, int side, const char *text, const rv_edits *e, size_t from,
	 size_t to)
{
	size_t k;

	rb_buf_puts(b, f->para_open);
	if (!e)
		put_run(b, f, side, text + from, to - from, 0);
	else
		for (k = 0; k < e->n; k++) {
			const rv_edit *x = &e->v[k];
			size_t off = side ? x->b_off : x->a_off, len = side ? x->b_len : x->a_len;
			size_t s = off < from ? from : off, en = off + len > to ? to : off + len;

			if (s >= en || (x->op != RV_EQUAL && x->op != (side ? RV_INSERT : RV_DELETE)))
				continue;
			put_run(b, f, side, text + s, en - s, x->op != RV_EQUAL);
		}
	rb_buf_puts(b, f->para_close);
}

static char *
unit_text(const rv_unit *u)
{
	return u->kind == RV_ARTICLE ? rv_article_text(u) : rb_xstrdup(u->title);
}

/* The head of a cell: 第十九条（原第二十条）, 第五条（删去）; a split's
 * second new article 第四条（由原第三条分出）, a merge's new one
 * 第六条（由原第六条、第七条合并）. */
static void
cell_head(rb_buf *b, const rv_align *al, const rv_pair *p, int side)
{
	const rv_unit *x = p->a >= 0 ? &al->a->u[p->a] : NULL;
	const rv_unit *y = p->b >= 0 ? &al->b->u[p->b] : NULL;

	if (side == 0) {
		if (!x)
			return;
		rb_buf_puts(b, x->label);
		if (!y)
			rb_buf_puts(b, "（删去）");
		return;
	}
	if (!y)
		return;
	rb_buf_puts(b, y->label);
	if (!x)
		rb_buf_puts(b, "（新增）");
	else if (p->change == RV_SPLIT && p->second)
		rb_buf_printf(b, "（由原%s分出）", x->label);
	else if (p->change == RV_MERGED)
		rb_buf_printf(b, "（由原%s、%s合并）", x->label, al->a->u[al->merge_a2[p->b]].label);
	else if (strcmp(x->label, y->label))
		rb_buf_printf(b, "（原%s）", x->label);
}

/* The units of one side of a pair: one, or a split's two new articles,
 * a merge's two old ones. */
static size_t
side_units(const rv_align *al, const rv_pair *p, int side, const rv_unit **u, rv_pair *as)
{
	size_t n = 0;

	as[0] = *p;
	if (side ? p->b < 0 : p->a < 0)
		return 0;
	u[n++] = side ? &al->b->u[p->b] : &al->a->u[p->a];
	if (side && p->change == RV_SPLIT) {
		as[1] = *p;
		as[1].b = al->split_b2[p->a];
		as[1].second = 1;
		u[n++] = &al->b->u[as[1].b];
	} else if (!side && p->change == RV_MERGED) {
		as[1] = *p;
		as[1].a = al->merge_a2[p->b];
		as[1].second = 1;
		u[n++] = &al->a->u[as[1].a];
	}
	return n;
}

/* A side's text: a split's new articles (a merge's old ones) joined by a
 * line break, *mid where the second starts. */
static char *
side_text(const rv_align *al, const rv_pair *p, int side, size_t *mid)
{
	const rv_unit *u[2];
	rv_pair as[2];
	size_t n = side_units(al, p, side, u, as);
	char *t, *t2;
	rb_buf b;

	*mid = 0;
	if (!n)
		return NULL;
	t = unit_text(u[0]);
	if (n == 1)
		return t;
	t2 = unit_text(u[1]);
	rb_buf_init(&b);
	rb_buf_printf(&b, "%s\n%s", t, t2);
	*mid = strlen(t) + 1;
	free(t);
	free(t2);
	return rb_buf_detach(&b);
}

/* Both cells of a pair in format f; head_open/head_close wrap each
 * cell's head. */
static void
put_pair(rb_buf *b, const cell_fmt *f, const rv_align *al, const rv_pair *p, int side,
	 const char *head_open, const char *head_close)
{
	const rv_unit *u[2];
	rv_pair as[2];
	size_t n = side_units(al, p, side, u, as), mida, midb, mid, k;
	char *ta, *tb, *t;
	rv_edits e;
	int marks = p->a >= 0 && p->b >= 0 && p->change != RV_UNCHANGED && p->change != RV_RENUMBERED;

	if (!n)
		return;
	ta = side_text(al, p, 0, &mida);
	tb = side_text(al, p, 1, &midb);
	if (marks && (p->change == RV_SPLIT || p->change == RV_MERGED))
		marks = rv_similarity(ta, tb) >= WHOLE_BELOW;
	else
		marks = marks && p->similarity >= WHOLE_BELOW;
	if (marks)
		rv_diff_text(ta, tb, &e);
	t = side ? tb : ta;
	mid = side ? midb : mida;
	for (k = 0; k < n; k++) {
		rb_buf head;

		rb_buf_init(&head);
		cell_head(&head, al, &as[k], side);
		rb_buf_puts(b, head_open);
		f->escape(b, head.data ? head.data : "", head.len);
		rb_buf_puts(b, head_close);
		rb_buf_free(&head);
		put_cell(b, f, side, t, marks ? &e : NULL, k ? mid : 0, n > 1 && !k ? mid - 1 : strlen(t));
	}
	if (marks)
		rv_edits_free(&e);
	free(ta);
	free(tb);
}

static const char *
history_date(const rb_document *doc)
{
	const rb_value *v, *e, *last = NULL;

	for (v = doc->meta.first; v; v = v->next)
		if (v->key && !strcmp(v->key, "history") && v->type == RB_VAL_LIST)
			for (e = v->first; e; e = e->next)
				if (e->type == RB_VAL_MAP && e->first && e->first->type == RB_VAL_STRING)
					last = e->first;
	return last ? last->str : rb_meta_get(doc, "effective");
}

/* ---- JSON ---- */

static void
json_side(rb_buf *b, const char *key, const rv_doc *m)
{
	rb_buf_printf(b, "\"%s\": {\"title\": ", key);
	rb_json_escape(b, rb_document_title(m->doc));
	rb_buf_puts(b, ", \"source\": ");
	rb_json_escape(b, m->source ? m->source : "");
	rb_buf_puts(b, "}");
}

static void
json_edits(rb_buf *b, const rv_align *al, const rv_pair *p)
{
	char *ta = unit_text(&al->a->u[p->a]), *tb = unit_text(&al->b->u[p->b]);
	rv_edits e;
	size_t k;
	int first = 1;

	rv_diff_text(ta, tb, &e);
	rb_buf_puts(b, ",\n    \"edits\": [");
	for (k = 0; k < e.n; k++) {
		const rv_edit *x = &e.v[k];
		char *s;

		if (x->op == RV_EQUAL)
			continue;
		rb_buf_puts(b, first ? "" : ", ");
		first = 0;
		if (x->op == RV_DELETE) {
			s = rb_xmalloc(x->a_len + 1);
			memcpy(s, ta + x->a_off, x->a_len);
			s[x->a_len] = '\0';
			rb_buf_puts(b, "{\"op\": \"delete\", \"old_text\": ");
		} else {
			s = rb_xmalloc(x->b_len + 1);
			memcpy(s, tb + x->b_off, x->b_len);
			s[x->b_len] = '\0';
			rb_buf_puts(b, "{\"op\": \"insert\", \"new_text\": ");
		}
		rb_json_escape(b, s);
		rb_buf_puts(b, "}");
		free(s);
	}
	rb_buf_puts(b, "]");
	rv_edits_free(&e);
	free(ta);
	free(tb);
}

void
rv_write_json(const rv_align *al, rb_buf *b)
{
	size_t k;

	rb_buf_puts(b, "{\"rulebook\": 1,\n \"diff\": {");
	json_side(b, "old", al->a);
	rb_buf_puts(b, ", ");
	json_side(b, "new", al->b);
	rb_buf_puts(b, ",\n  \"pairs\": [");
	for (k = 0; k < al->n; k++) {
		const rv_pair *p = &al->pairs[k];
		const rv_unit *x = p->a >= 0 ? &al->a->u[p->a] : NULL;
		const rv_unit *y = p->b >= 0 ? &al->b->u[p->b] : NULL;
		const rv_unit *u = x ? x : y;

		rb_buf_puts(b, k ? ",\n   {" : "\n   {");
		/* SPEC's six changes: a piece of a split or merge is a
		 * modification, said so in a key of its own */
		rb_buf_printf(b, "\"kind\": \"%s\", \"change\": \"%s\", \"old\": ", rb_kind_name(u->node_kind),
			      p->change >= RV_SPLIT ? "modified" : rv_change_name(p->change));
		if (x)
			rb_json_escape(b, x->node && x->node->id ? x->node->id : "");
		else
			rb_buf_puts(b, "null");
		rb_buf_puts(b, ", \"new\": ");
		if (y)
			rb_json_escape(b, y->node && y->node->id ? y->node->id : "");
		else
			rb_buf_puts(b, "null");
		if (x) {
			rb_buf_puts(b, ", \"old_label\": ");
			rb_json_escape(b, x->label);
		}
		if (y) {
			rb_buf_puts(b, ", \"new_label\": ");
			rb_json_escape(b, y->label);
		}
		if (x && y)
			rb_buf_printf(b, ", \"similarity\": %.2f", p->similarity);
		if (x && y && (p->change == RV_MODIFIED || p->change >= RV_SPLIT ||
			       (p->change == RV_MOVED && p->similarity < 1)))
			json_edits(b, al, p);
		if (p->change >= RV_SPLIT)
			rb_buf_printf(b, ", \"%s\": true", rv_change_name(p->change));
		rb_buf_puts(b, "}");
	}
	rb_buf_puts(b, "]}}\n");
}

/* ---- text ---- */

/* ta → tb with marks inline; in a split, the second new article's head
 * where its text (from midb) starts. */
static void
text_marked(rb_buf *b, const cell_fmt *f, const rv_align *al, const rv_pair *p, const char *ta,
	    const char *tb, size_t midb)
{
	rv_edits e;
	size_t i;
	int headed = !midb;

	rv_diff_text(ta, tb, &e);
	for (i = 0; i < e.n; i++) {
		const rv_edit *x = &e.v[i];
		size_t from = x->b_off, to = x->b_off + x->b_len;

		if (!headed && x->op != RV_DELETE && from < midb && to >= midb) {
			/* the first article's part, without the break between */
			put_run(b, f, 1, tb + from, midb - 1 - from, x->op == RV_INSERT);
			from = midb;
		}
		if (!headed && from >= midb) {
			rv_pair second = *p;
			rb_buf head;

			second.b = al->split_b2[p->a];
			second.second = 1;
			rb_buf_init(&head);
			cell_head(&head, al, &second, 1);
			rb_buf_printf(b, "\n\n%s [%s]\n    ", head.data ? head.data : "",
				      rv_change_name(p->change));
			rb_buf_free(&head);
			headed = 1;
		}
		if (x->op == RV_DELETE)
			put_run(b, f, 0, ta + x->a_off, x->a_len, 1);
		else
			put_run(b, f, 1, tb + from, to - from, x->op == RV_INSERT);
	}
	rv_edits_free(&e);
}

void
rv_write_text(const rv_align *al, const rv_table_opts *o, rb_buf *b)
{
	cell_fmt f = {"", "", {o->del_open, o->ins_open}, {o->del_close, o->ins_close}, escape_none};
	size_t k;

	f.para_close = "\n    ";
	rb_buf_printf(b, "%s → %s\n", rb_document_title(al->a->doc), rb_document_title(al->b->doc));
	for (k = 0; k < al->n; k++) {
		const rv_pair *p = &al->pairs[k];
		int side = p->b >= 0;
		rb_buf head;

		if (p->second)	/* shown with the first */
			continue;
		rb_buf_puts(b, "\n");
		rb_buf_init(&head);
		cell_head(&head, al, p, side);
		rb_buf_printf(b, "%s [%s]\n    ", head.data ? head.data : "", rv_change_name(p->change));
		rb_buf_free(&head);
		if (p->a >= 0 && p->b >= 0 && p->change != RV_UNCHANGED && p->change != RV_RENUMBERED) {
			size_t mida, midb;
			char *ta = side_text(al, p, 0, &mida), *tb = side_text(al, p, 1, &midb);

			text_marked(b, &f, al, p, ta, tb, midb);
			free(ta);
			free(tb);
		} else {
			const rv_unit *u = side ? &al->b->u[p->b] : &al->a->u[p->a];
			char *t = unit_text(u);

			put_run(b, &f, side, t, strlen(t), p->a < 0 || p->b < 0);
			free(t);
		}
		rb_buf_puts(b, "\n");
	}
}

/* ---- HTML ---- */

static const char html_style[] =
	"body{font-family:serif;margin:2em auto;max-width:72em;line-height:1.6}"
	"table{border-collapse:collapse;width:100%}"
	"th,td{border:1px solid #999;padding:.4em .6em;vertical-align:top;width:50%}"
	"td p{margin:.2em 0}.label{font-weight:bold}"
	"tr.heading td{background:#f3f3f3;font-weight:bold}"
	"del{color:#b00;text-decoration:line-through}ins{color:#070;text-decoration:underline}";

static void
html_head_cell(rb_buf *b, const rv_doc *m, const char *what)
{
	const char *date = history_date(m->doc);

	rb_buf_printf(b, "<th>%s<br>", what);
	escape_xml(b, rb_document_title(m->doc), strlen(rb_document_title(m->doc)));
	if (date) {
		rb_buf_puts(b, "<br>");
		escape_xml(b, date, strlen(date));
	}
	rb_buf_puts(b, "</th>");
}

void
rv_write_html(const rv_align *al, rb_buf *b)
{
	cell_fmt f = {"<p>", "</p>", {"<del>", "<ins>"}, {"</del>", "</ins>"}, escape_xml};
	const char *title = rb_document_title(al->b->doc);
	const char *lang = rb_document_lang(al->b->doc);
	size_t k;
	int side;

	rb_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
	escape_xml(b, lang, strlen(lang));
	rb_buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	escape_xml(b, title, strlen(title));
	rb_buf_printf(b, " 修订对照表</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", html_style);
	escape_xml(b, title, strlen(title));
	rb_buf_puts(b, " 修订对照表</h1>\n<table>\n<thead><tr>");
	html_head_cell(b, al->a, "原条文");
	html_head_cell(b, al->b, "修改后条文");
	rb_buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (k = 0; k < al->n; k++) {
		const rv_pair *p = &al->pairs[k];

		if (p->second)	/* in the first one's row */
			continue;
		rb_buf_printf(b, "<tr class=\"%s %s\">", p->kind == RV_HEADING ? "heading" : "article",
			      rv_change_name(p->change));
		for (side = 0; side < 2; side++) {
			rb_buf_puts(b, "<td>");
			put_pair(b, &f, al, p, side, "<p class=\"label\">", "</p>");
			rb_buf_puts(b, "</td>");
		}
		rb_buf_puts(b, "</tr>\n");
	}
	rb_buf_puts(b, "</tbody>\n</table>\n</body>\n</html>\n");
}

/* ---- DocBook ---- */

void
rv_write_docbook(const rv_align *al, rb_buf *b)
{
	cell_fmt f = {"<para>", "</para>", {"<phrase revisionflag=\"deleted\">", "<phrase revisionflag=\"added\">"},
		      {"</phrase>", "</phrase>"}, escape_xml};
	const char *title = rb_document_title(al->b->doc);
	const char *lang = rb_document_lang(al->b->doc);
	size_t k;
	int side;

	rb_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"");
	escape_xml(b, lang, strlen(lang));
	rb_buf_puts(b, "\">\n<title>");
	escape_xml(b, title, strlen(title));
	rb_buf_puts(b, " 修订对照表</title>\n<informaltable>\n<tgroup cols=\"2\">\n<thead><row>");
	for (side = 0; side < 2; side++) {
		const rv_doc *m = side ? al->b : al->a;
		const char *date = history_date(m->doc);

		rb_buf_printf(b, "<entry><para>%s</para><para>", side ? "修改后条文" : "原条文");
		escape_xml(b, rb_document_title(m->doc), strlen(rb_document_title(m->doc)));
		rb_buf_puts(b, "</para>");
		if (date) {
			rb_buf_puts(b, "<para>");
			escape_xml(b, date, strlen(date));
			rb_buf_puts(b, "</para>");
		}
		rb_buf_puts(b, "</entry>");
	}
	rb_buf_puts(b, "</row></thead>\n<tbody>\n");
	for (k = 0; k < al->n; k++) {
		const rv_pair *p = &al->pairs[k];

		if (p->second)	/* in the first one's row */
			continue;
		rb_buf_puts(b, "<row>");
		for (side = 0; side < 2; side++) {
			rb_buf_puts(b, "<entry>");
			put_pair(b, &f, al, p, side, "<para><emphasis role=\"strong\">", "</emphasis></para>");
			rb_buf_puts(b, "</entry>");
		}
		rb_buf_puts(b, "</row>\n");
	}
	rb_buf_puts(b, "</tbody>\n</tgroup>\n</informaltable>\n</article>\n");
}
