/*
 * Each of cmark's blocks mapped onto the clause tree.  Structure comes
 * from the numbering people already write — 第一编 第一章 第一节 第一条
 * （一） 1. （1） ①, 一、 for 公文, Chapter 1 / 1.2 / (a) in English — not
 * from the number of '#': a heading or a paragraph is read for its label
 * (md_labels.c) and placed (md_tree.c); what comes before the clauses
 * (title, subtitle, history, preamble) is read here too; pipe tables in
 * md_table.c.
 */
#include <stdlib.h>
#include <string.h>

#include "load/md.h"
#include "number/repair.h"
#include "mem/mem.h"
#include "number/style.h"
#include "text/text.h"
#include "text/utf8.h"
#include "text/width.h"

static void blocks(struct mctx *c, cmark_node *first);
static int md_one_block(struct mctx *c, cmark_node *b);

static int
is_deleted_text(const char *s)
{
	static const char *const marks[] = {
		"（删去）", "(删去)", "（删除）", "(删除)", "（已删除）", "（刪去）", "（刪除）", NULL
	};
	size_t i;

	for (i = 0; marks[i]; i++)
		if (strcmp(s, marks[i]) == 0)
			return 1;
	return 0;
}

static void
add_history(struct mctx *c, const char *text)
{
	rb_document *doc = c->in.doc;
	rb_value *e;
	int y = 0, m = 0, dd = 0;
	const char *p = text;
	size_t k;

	if (!c->history) {
		rb_value *v;

		for (v = doc->meta.first; v; v = v->next)
			if (v->key && !strcmp(v->key, "history") && v->type == RB_VAL_LIST)
				c->history = v;
		if (!c->history) {
			c->history = rb_value_new(doc, RB_VAL_LIST, "history");
			rb_value_append(&doc->meta, c->history);
		}
	}
	while (*p >= '0' && *p <= '9' && y < 10000)
		y = y * 10 + (*p++ - '0');
	if ((k = rb_prefix(p, strlen(p), "年")) && p - text == 4) {
		p += k;
		while (*p >= '0' && *p <= '9' && m < 100)
			m = m * 10 + (*p++ - '0');
		if ((k = rb_prefix(p, strlen(p), "月"))) {
			p += k;
			while (*p >= '0' && *p <= '9' && dd < 100)
				dd = dd * 10 + (*p++ - '0');
			if (!(k = rb_prefix(p, strlen(p), "日")))
				dd = 0;
			p += k;
		}
	}
	if (y >= 1000 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31) {
		rb_value *date = rb_value_new(doc, RB_VAL_STRING, "date");
		rb_value *ev = rb_value_new(doc, RB_VAL_STRING, "event");
		size_t n;

		p += rb_space_len(p, strlen(p));
		n = strlen(p);
		while (n > 0) {	/* trailing blanks, U+3000 included */
			size_t sp = 0, j = n;

			do
				j--;
			while (j > 0 && ((unsigned char)p[j] & 0xC0) == 0x80);
			sp = rb_space_len(p + j, n - j);
			if (sp != n - j)
				break;
			n = j;
		}
		date->str = rb_arena_printf(doc->arena, "%04d-%02d-%02d", y, m, dd);
		ev->str = md_arena_text(&c->in, p, n);
		e = rb_value_new(doc, RB_VAL_MAP, NULL);
		rb_value_append(e, date);
		rb_value_append(e, ev);
	} else if ((e = md_taiwan_history_entry(&c->in, text)) != NULL) {
		/* 民國 110 年 01 月 20 日, 1.中華民國十八年…: Taiwan's (md_taiwan.c) */
	} else if (c->history->last && c->history->last->type == RB_VAL_MAP &&
		   c->history->last->last && !strcmp(c->history->last->last->key, "event")) {
		/* a line without a date continues the event above it: a long
		 * 修正 whose 《关于修改〈…〉的决定》 wraps, joint issuers one a
		 * line; joined as a soft break is shown (no space beside CJK) */
		rb_value *ev = c->history->last->last;
		uint32_t a = rb_utf8_last(ev->str, strlen(ev->str)), b = 0;

		rb_utf8_decode(text, strlen(text), &b);
		ev->str = rb_arena_printf(doc->arena, "%s%s%s", ev->str,
					  *ev->str && !rb_cp_is_cjk(a) && !rb_cp_is_cjk(b) ? " " : "",
					  text);
		return;
	} else {
		e = rb_value_new(doc, RB_VAL_STRING, NULL);
		e->str = md_arena_text(&c->in, text, strlen(text));
	}
	rb_value_append(c->history, e);
}

static int
starts_with_date(const char *s)
{
	int i;

	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return rb_prefix(s + 4, strlen(s + 4), "年") > 0;
}

static void
add_subtitle(struct mctx *c, const char *text)
{
	rb_value *v;

	for (v = c->in.doc->meta.first; v; v = v->next)
		if (v->key && !strcmp(v->key, "subtitle") && v->type == RB_VAL_STRING) {
			v->str = rb_arena_printf(c->in.doc->arena, "%s %s", v->str, text);
			return;
		}
	v = rb_value_new(c->in.doc, RB_VAL_STRING, "subtitle");
	v->str = md_arena_text(&c->in, text, strlen(text));
	rb_value_append(&c->in.doc->meta, v);
}

/* Is the next block an article (a group heading stands above 条)? */
static int
next_is_article(struct mctx *c, cmark_node *b)
{
	cmark_node *nx = md_next_content(c, b);
	rb_buf t;
	size_t st;
	struct clause_label lab;
	int r = 0;

	if (!nx)
		return 0;
	rb_buf_init(&t);
	rb_buf_put(&t, "", 0);
	if (cmark_node_get_type(nx) == CMARK_NODE_PARAGRAPH)
		md_source_text(&c->in, md_offset_of(&c->in, rb_md_line(nx, 0),
						    cmark_node_get_start_column(nx)),
			       rb_md_line(nx, 0), rb_md_line(nx, 0), &t);
	else if (cmark_node_get_type(nx) == CMARK_NODE_HEADING)
		md_heading_text(&c->in, nx, &t, &st);
	r = rb_classify_label(t.data, t.len, RB_STYLE_NONE, &lab) && lab.kind == L_ARTICLE;
	rb_buf_free(&t);
	return r;
}

static void
heading(struct mctx *c, cmark_node *b)
{
	int level = cmark_node_get_heading_level(b);
	int line = rb_md_line(b, 0), k;
	rb_buf t;
	size_t start;
	struct clause_label lab;
	rb_node *n;
	char *text;

	rb_buf_init(&t);
	rb_buf_put(&t, "", 0);
	md_heading_text(&c->in, b, &t, &start);
	if (t.data[0] == '[' && c->depth == 0 && c->in.src[start] == '[' &&
	    rb_md_line(b, 1) > line && (k = md_link_defs_take(c, line, rb_md_line(b, 1) - 1)) > 0) {
		/* [foo]: /url lines, then the text of a setext heading */
		start = md_skip_blanks(&c->in, md_offset_of(&c->in, line + k, 1));
		rb_buf_reset(&t);
		rb_buf_put(&t, "", 0);
		md_setext_text(&c->in, line + k, rb_md_line(b, 1), start, &t);
	}
	text = md_arena_text(&c->in, t.data, t.len);
	rb_buf_free(&t);

	/* the title block */
	if (level == c->title_level && !c->tree.started && !c->info_end_seen && !c->preamble.len &&
	    !(c->history && c->history->first)) {
		md_comments_to(&c->tree, c->in.doc->root, RB_COMMENT_BEFORE);
		if (!c->in.doc->root->title || !*c->in.doc->root->title)
			c->in.doc->root->title = text;
		else if (c->fm_title && !strcmp(c->fm_title, text))
			c->fm_title = NULL;	/* the front matter's title again */
		else
			add_subtitle(c, text);
		return;
	}
	c->history_open = 0;
	if (!c->info_end_seen && md_body_has_info_end(&c->body))
		c->info_end_seen = 1;	/* a heading ends the information block */

	if (!md_body_toc_line(&c->body, line) &&
	    md_classify_here(&c->tree, text, strlen(text), &lab) &&
	    lab.kind != L_ITEM) {
		rb_kind kind = lab.kind == L_ARTICLE ? RB_ARTICLE :
		    lab.kind == L_CHAPTER ? RB_CHAPTER :
		    lab.kind == L_PART || lab.kind == L_SUBPART ? RB_PART : RB_SECTION;
		char *title = text + lab.l.len + lab.l.sep_len;

		n = md_new_node(&c->tree, kind, start);
		md_set_label(&c->tree, n, &lab, start);
		md_take_id(&c->in, title, n);
		n->title = title;	/* letter-spacing (总　则) is kept as written */
		if (kind == RB_ARTICLE)
			md_open_article(&c->tree, n);
		else
			md_open_container(&c->tree, n, md_rank_of(&lab), level);
		c->pending = n;
		return;
	}
	if (!md_body_toc_line(&c->body, line) &&
	    ((lab.kind == L_ITEM && lab.l.style == RB_STYLE_ARABIC_DOT) ||
	     (lab.kind == L_NONE && md_bare_number(text, NULL))) &&
	    !md_body_flag(&c->body, &c->body.has_articles) &&
	    md_body_flag(&c->body, &c->body.has_outline_head)) {
		/* ## 3. Leave above ### 3.1 Annual Leave: a chapter, numbered
		 * as the sections in it are (## 3 Leave too, labelled 3.) */
		char *title;

		if (lab.kind == L_NONE)
			md_bare_number(text, &lab);
		title = text + lab.l.len + lab.l.sep_len;

		n = md_new_node(&c->tree, RB_CHAPTER, start);
		md_set_label(&c->tree, n, &lab, start);
		md_take_id(&c->in, title, n);
		n->title = title;
		md_open_container(&c->tree, n, md_rank_of(&(struct clause_label){.kind = L_CHAPTER}),
				  level);
		c->pending = n;
		return;
	}
	if (!md_body_toc_line(&c->body, line) && lab.kind == L_ITEM &&
	    (!md_body_flag(&c->body, &c->body.has_articles) ||
	     (c->tree.article && !next_is_article(c, b)))) {
		char *title = text + lab.l.len + lab.l.sep_len;

		n = md_new_node(&c->tree, RB_ITEM, start);
		md_set_label(&c->tree, n, &lab, start);
		md_take_id(&c->in, title, n);
		n->title = title;
		md_place_item(&c->tree, n, 1);
		c->pending = n;
		return;
	}
	/* a plain heading, or a group heading such as 一、一般规定 */
	n = md_new_node(&c->tree, RB_HEADING, start);
	md_take_id(&c->in, text, n);
	n->title = text;
	md_open_container(&c->tree, n, -1, level);
	c->pending = n;
}

/* A paragraph of plain text: 款, continuation, preamble or history. */
static void
plain(struct mctx *c, char *text, size_t off)
{
	rb_node *n;

	if (c->label_alone && !*c->label_alone->text) {
		rb_node *a = c->label_alone;

		c->label_alone = NULL;
		md_comments_to(&c->tree, a, RB_COMMENT_BEFORE);	/* written on its label's line */
		if (is_deleted_text(text))
			a->deleted = 1;
		else {
			a->text = md_take_id(&c->in, text, a);
			rb_lines_pos(&c->in.lines, off, &a->text_line, &a->text_column);
			if (md_ends_intro(a->text))
				c->tree.quoting = a;
		}
		return;
	}
	if (c->pending && !*c->pending->text) {
		md_comments_to(&c->tree, c->pending, RB_COMMENT_TEXT);
		c->pending->text = md_take_id(&c->in, text, c->pending);
		rb_lines_pos(&c->in.lines, off, &c->pending->text_line, &c->pending->text_column);
		c->pending = NULL;
		return;
	}
	if (!c->tree.started && ((!c->info_end_seen && md_body_has_info_end(&c->body)) ||
				 (c->history_open && (starts_with_date(text) ||
						      md_is_taiwan_history(text))))) {
		add_history(c, text);
		return;
	}
	c->history_open = 0;
	if (!c->tree.started && !c->tree.article && !c->tree.nitems) {
		md_comments_to_preamble(c);
		if (c->preamble.len)
			rb_buf_puts(&c->preamble, "\n\n");
		rb_buf_puts(&c->preamble, text);
		return;
	}
	n = md_new_node(&c->tree, RB_PARAGRAPH, off);
	n->closing = c->closing;
	n->text = md_take_id(&c->in, text, n);
	n->text_line = n->line;
	n->text_column = n->column;
	if (c->tree.article && !c->tree.quoted && md_ends_intro(text))
		c->tree.quoting = c->tree.article;
	if (c->tree.article) {
		/* a new 款 of the article; its own 项 restart below it */
		if (c->tree.anchor == c->tree.article && c->tree.nitems)
			c->tree.saved = c->tree.items[0];
		md_place(&c->tree, c->tree.article, n);
		c->tree.anchor = n;
		c->tree.nitems = 0;
		return;
	}
	if (c->after_list)	/* after a list, not in its last entry: cmark's reading */
		c->tree.nitems = c->list_base;
	md_place(&c->tree, md_innermost(&c->tree), n);
}

/* ---- labels written wrongly (numbering-numeral, numbering-separator) ---- */

static int
repair_expects(void *ctx, rb_style st)
{
	return md_expects(&((struct mctx *)ctx)->tree, st);
}

static const rb_profile *
repair_profile(void *ctx)
{
	return md_profile(ctx);
}

/* What a repair reads of where the label stands, as it stands now. */
static const rb_repair_ctx *
repair_ctx(struct mctx *c, rb_repair_ctx *r)
{
	const rb_node *a = c->tree.last_article;

	r->expects = repair_expects;
	r->profile = repair_profile;
	r->ctx = c;
	r->has_article = a != NULL;
	r->article_expected = a ? a->number + 1 : 0;
	r->traditional = c->tree.traditional;
	return r;
}

/* One logical paragraph: a clause with its label, or plain text. */
static void
paragraph_text(struct mctx *c, char *text, size_t off)
{
	unsigned text_line, text_column;
	struct clause_label lab;
	rb_node *n;
	char *rest;
	rb_repair_ctx rc;
	rb_label_fix fix = {0};
	int fixed = 0, k, ok = 0, classified;
	rb_buf rb;

	if (c->closing || (!c->tree.started && c->history_open && md_is_taiwan_history(text))) {
		plain(c, text, off);	/* 1.中華民國十八年… is history, not an item */
		return;
	}
	classified = 0;
	if (!(!c->info_end_seen && !c->tree.started && md_body_has_info_end(&c->body))) {
		ok = md_classify_here(&c->tree, text, strlen(text), &lab);
		classified = 1;
		if (!ok || (text[0] == 'l' && lab.kind == L_ITEM &&
			    lab.l.style == RB_STYLE_ALPHA_LOWER &&
			    md_expects(&c->tree, RB_STYLE_ALPHA_LOWER) != 12)) {
			rb_buf_init(&rb);
			if (rb_label_repair(repair_ctx(c, &rc), text, &rb, &fix)) {
				text = md_arena_text(&c->in, rb.data, rb.len);
				fixed = 1;
				classified = 0;	/* a new text */
			}
			rb_buf_free(&rb);
		}
	}
	if (!classified)
		ok = md_classify_here(&c->tree, text, strlen(text), &lab);
	if (!ok || lab.kind == L_PART ||
	    lab.kind == L_SUBPART || lab.kind == L_CHAPTER || lab.kind == L_SECTION ||
	    lab.kind == L_SUBSECTION || lab.kind == L_SUBSUBSECTION ||
	    (!c->info_end_seen && !c->tree.started && md_body_has_info_end(&c->body))) {
		/* 如下： then 第七节 监察委员会: a quotation has begun */
		if (c->tree.quoting && c->tree.quoting == c->tree.article && lab.kind != L_ARTICLE &&
		    lab.kind != L_ITEM && lab.kind != L_OUTLINE)
			c->tree.quoted = 1;
		plain(c, text, off);
		return;
	}
	/* 内容如下： then 第一百二十三条 … (an amendment quoting the articles
	 * it adds): a clause label that does not continue the numbering is
	 * quoted text, a 款 of the quoting article, and from then on so is
	 * every label until the numbering continues or a heading comes */
	if (c->tree.quoting && c->tree.quoting == c->tree.article &&
	    (c->tree.quoted || lab.kind != L_ITEM)) {
		if (c->tree.quoted ? !(lab.kind == L_ARTICLE && md_continues_article(&c->tree, &lab))
				   : md_quotes_article(&c->tree, &lab)) {
			c->tree.quoted = 1;
			plain(c, text, off);
			return;
		}
	}
	c->tree.quoting = NULL;	/* what follows the intro is not a quotation */
	/* 第十条规定的… starts a sentence; an article needs a separator
	 * (space, 之N) unless it continues the sequence */
	if (lab.kind == L_ARTICLE && ((lab.l.sep_len == 0 && !lab.l.insert &&
	    lab.l.len < strlen(text) && c->tree.last_article &&
	    c->tree.last_article->number + 1 != lab.l.number) ||
	    md_cites_article(&c->tree, &lab))) {
		plain(c, text, off);
		return;
	}
	c->pending = NULL;
	if (!fixed && (fixed = rb_label_separator_defect(repair_ctx(c, &rc), text, &lab, &fix)) &&
	    fix.skip == 3 &&
	    rb_prefix(text + lab.l.len, 3, "、") && lab.l.style == RB_STYLE_ARABIC_DOT &&
	    md_expects(&c->tree, RB_STYLE_ARABIC_DUN) == lab.l.number)
		lab.l.style = RB_STYLE_ARABIC_DUN;	/* 2.、 among 1、 3、: meant 2、 */
	if (fixed) {
		size_t l0 = rb_lines_line(&c->in.lines, off);

		rb_diag_report(c->d, fix.code, c->in.doc->source, l0,
			       rb_lines_column(&c->in.lines, off), "%s", fix.msg);
	}
	rest = text + lab.l.len + lab.l.sep_len;
	if (lab.l.style == RB_STYLE_TW_ORDINAL)
		while (*rest == '\n')	/* 第 1 條 on a line of its own, its text below */
			rest++;
	if (fixed && fix.code == RB_D_NUMBERING_SEPARATOR && lab.l.sep_len == 0) {
		rest += fix.skip;
		rest += rb_space_len(rest, strlen(rest));
	}
	rb_lines_pos(&c->in.lines, off, &text_line, &text_column);
	if (rest > text && rest[-1] == '\n') {
		/* the text on the line below its label: where that line's text starts */
		size_t at = md_line_end(&c->in, off) + 1;

		rb_lines_pos(&c->in.lines, at < c->in.len ? md_skip_blanks(&c->in, at) : c->in.len,
			     &text_line, &text_column);
	} else
		text_column += (unsigned)rb_utf8_count(text, (size_t)(rest - text));
	if (lab.kind == L_OUTLINE && (k = md_outline_parent(&c->tree, &lab, text)) >= 0) {
		/* 2.手術室 / 2.1 接病員時…: an item of the item */
		n = md_new_node(&c->tree, RB_ITEM, off);
		md_set_label(&c->tree, n, &lab, off);
		n->text_line = text_line;
		n->text_column = text_column;
		n->text = md_take_id(&c->in, rest, n);
		c->tree.nitems = k + 1;
		md_place(&c->tree, c->tree.items[k].node, n);
		md_push_item(&c->tree, n, 0);
		return;
	}
	if (lab.kind == L_ARTICLE || lab.kind == L_OUTLINE) {
		n = md_new_node(&c->tree, lab.kind == L_ARTICLE ? RB_ARTICLE : RB_SECTION, off);
		md_set_label(&c->tree, n, &lab, off);
		if (fixed)
			n->label_len = 0;	/* not as written: fmt leaves it */
		n->text_line = text_line;
		n->text_column = text_column;
		n->text = md_take_id(&c->in, rest, n);
		if (is_deleted_text(n->text)) {
			n->deleted = 1;
			n->text = "";
		} else if (!*n->text && lab.l.style == RB_STYLE_TW_ORDINAL)
			c->label_alone = n;
		if (lab.kind == L_OUTLINE) {
			md_open_container(&c->tree, n, md_rank_of(&lab), 7);	/* closed by any heading */
			c->tree.anchor = n;
			c->tree.article = NULL;
		} else {
			md_open_article(&c->tree, n);
			if (md_ends_intro(n->text))
				c->tree.quoting = n;
		}
		return;
	}
	n = md_new_node(&c->tree, RB_ITEM, off);
	md_set_label(&c->tree, n, &lab, off);
	if (fixed)
		n->label_len = 0;
	n->text_line = text_line;
	n->text_column = text_column;
	n->text = md_take_id(&c->in, rest, n);
	md_place_item(&c->tree, n, 0);
}

/* Skip blanks and the full-width indentation of Chinese paragraphs. */
static size_t
skip_indent(struct mctx *c, size_t off)
{
	off = md_skip_blanks(&c->in, off);
	return off + rb_space_len(c->in.src + off, c->in.len - off);
}

static void
paragraph(struct mctx *c, cmark_node *b)
{
	int sl = rb_md_line(b, 0), el = rb_md_line(b, 1), l, from;
	size_t off = skip_indent(c, md_offset_of(&c->in, sl, cmark_node_get_start_column(b)));
	rb_buf *t = &c->para;	/* one buffer for every paragraph */
	struct clause_label cur, *curp;
	size_t seg_off;

	if (c->depth == 0 && c->in.src[off] == '[' && (l = md_link_defs_take(c, sl, el)) > 0) {
		sl += l;	/* [foo]: /url lines, then the paragraph */
		off = skip_indent(c, md_offset_of(&c->in, sl, 1));
	}
	seg_off = off;

	rb_buf_reset(t);
	rb_buf_put(t, "", 0);
	md_source_text(&c->in, off, sl, el, t);
	if (sl == el && md_enum_join(c, b, t->data))
		return;
	if (md_try_table(c, t->data, off))
		return;
	if (sl == el) {
		paragraph_text(c, md_arena_text(&c->in, t->data, t->len), off);
		return;
	}
	/* split before lines that continue the numbering */
	from = sl;
	curp = md_classify_here(&c->tree, t->data, t->len, &cur) ? &cur : NULL;
	for (l = sl + 1; l <= el + 1; l++) {
		size_t lo = l <= el ? skip_indent(c, md_offset_of(&c->in, l, 1)) : 0;

		if (l <= el &&
		    !md_continues(&c->tree, c->in.src + lo, md_line_end(&c->in, lo) - lo, curp))
			continue;
		rb_buf_reset(t);
		rb_buf_put(t, "", 0);
		md_source_text(&c->in, seg_off, from, l - 1, t);
		paragraph_text(c, md_arena_text(&c->in, t->data, t->len), seg_off);
		if (l <= el) {
			from = l;
			seg_off = lo;
			curp = md_classify_here(&c->tree, c->in.src + lo,
						md_line_end(&c->in, lo) - lo, &cur) ? &cur : NULL;
		}
	}
}

/* Raw HTML: text, but a comment is kept aside for canonical Markdown and
 * changes nothing of the tree (1), and <!-- INFO END --> ends the
 * information block. */
static int
html_block(struct mctx *c, cmark_node *b)
{
	const char *lit;
	size_t n;

	if (!cmark_node_get_literal(b))
		return 0;
	if (md_is_comment(b, &lit, &n)) {
		if (!(strstr(lit, "INFO END") && n < 40)) {
			md_comment_read(c, b, lit, n);
			return 1;
		}
		c->info_end_seen = 1;
		c->history_open = 0;
		return 0;
	}
	plain(c, md_raw_text(&c->in, b), md_offset_of(&c->in, rb_md_line(b, 0), 1));
	return 0;
}

/* Ordinary Markdown lists: each entry an item; nesting from the list. */
static void
list(struct mctx *c, cmark_node *b)
{
	cmark_node *it;
	int ordered = cmark_node_get_list_type(b) == CMARK_ORDERED_LIST;
	int paren = cmark_node_get_list_delim(b) == CMARK_PAREN_DELIM;
	int number = cmark_node_get_list_start(b);
	int base;

	if (c->after_list)	/* a list after a list: beside it, as in cmark */
		c->tree.nitems = c->list_base;
	base = c->tree.nitems;

	c->history_open = 0;
	if (c->depth >= c->max_depth) {
		/* the list's own level would be max_depth + 1 */
		size_t off = md_skip_blanks(&c->in, md_offset_of(&c->in, rb_md_line(b, 0),
								 cmark_node_get_start_column(b)));

		if (!c->tree.depth_reported++)
			rb_diag_report(c->d, RB_D_INPUT_DEPTH, c->in.doc->source,
				       rb_lines_line(&c->in.lines, off), rb_lines_column(&c->in.lines, off),
				       "lists nested deeper than %d levels", c->max_depth);
		return;
	}
	for (it = cmark_node_first_child(b); it; it = cmark_node_next(it), number++) {
		size_t off = md_skip_blanks(&c->in, md_offset_of(&c->in, rb_md_line(it, 0),
								 cmark_node_get_start_column(it)));
		rb_node *n = md_new_node(&c->tree, RB_ITEM, off);
		cmark_node *first = cmark_node_first_child(it);
		struct item saved_items[MAX_ITEMS], saved_saved;
		rb_node *saved_anchor, *saved_article;
		int saved_n;

		c->pending = NULL;
		if (ordered) {
			int v = 0;
			size_t i = off;

			while (i < c->in.len && c->in.src[i] >= '0' && c->in.src[i] <= '9' && v < 1000000000)
				v = v * 10 + (c->in.src[i++] - '0');
			n->label_off = off;
			n->label_len = i - off + 1;	/* 3. or 3) */
			n->number = v > 0 ? v : number;
			number = n->number;
			n->explicit_number = 1;
			n->style = paren ? RB_STYLE_ARABIC_HALF_PAREN : RB_STYLE_ARABIC_DOT;
		} else
			n->style = RB_STYLE_NONE;
		n->explicit_style = 1;
		if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
			size_t at = md_offset_of(&c->in, rb_md_line(first, 0),
						 cmark_node_get_start_column(first));
			rb_buf t;

			rb_buf_init(&t);
			rb_buf_put(&t, "", 0);
			md_source_text(&c->in, md_skip_blanks(&c->in, at), rb_md_line(first, 0),
				       rb_md_line(first, 1), &t);
			n->text = md_take_id(&c->in, md_arena_text(&c->in, t.data, t.len), n);
			rb_buf_free(&t);
			first = cmark_node_next(first);
		}
		md_place_item(&c->tree, n, 0);
		if (!first)
			continue;
		/* the entry's other blocks, with the entry as their anchor */
		memcpy(saved_items, c->tree.items, sizeof(saved_items));
		saved_n = c->tree.nitems;
		saved_saved = c->tree.saved;
		saved_anchor = c->tree.anchor;
		saved_article = c->tree.article;
		c->tree.anchor = n;
		c->tree.article = NULL;
		c->tree.nitems = 0;
		c->tree.saved.node = NULL;
		c->after_list = 0;
		c->depth++;
		blocks(c, first);
		c->depth--;
		md_comments_end_entry(&c->tree, n);
		memcpy(c->tree.items, saved_items, sizeof(saved_items));
		c->tree.nitems = saved_n;
		c->tree.saved = saved_saved;
		c->tree.anchor = saved_anchor;
		c->tree.article = saved_article;
	}
	c->list_base = base;
}

/* Is the thematic break b the one before the closing (a signature, a
 * date: paragraphs), or a break between the clauses? */
static int
opens_closing(struct mctx *c, cmark_node *b)
{
	cmark_node *nx = md_next_content(c, b);

	return c->depth == 0 && c->tree.started && nx &&
	       cmark_node_get_type(nx) == CMARK_NODE_PARAGRAPH;
}

void
md_block(struct mctx *c, cmark_node *b)
{
	rb_node *alone = c->label_alone;

	if (md_one_block(c, b))
		return;		/* a comment */
	if (c->label_alone == alone)
		c->label_alone = NULL;	/* its text is the very next block or none */
}

static int
md_one_block(struct mctx *c, cmark_node *b)
{
	cmark_node_type type = cmark_node_get_type(b);

	switch (type) {
	case CMARK_NODE_HEADING:
		c->after_list = 0;
		heading(c, b);
		return 0;	/* keeps its pending clause */
	case CMARK_NODE_PARAGRAPH:
		paragraph(c, b);
		break;
	case CMARK_NODE_HTML_BLOCK:
		if (html_block(c, b))
			return 1;
		break;
	case CMARK_NODE_LIST:
		list(c, b);
		c->after_list = 1;
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		if (opens_closing(c, b)) {
			/* *** after the clauses: what follows (a signature,
			 * a date) belongs to the document, not to the last
			 * clause */
			c->closing = 1;
			c->tree.nstack = 1;
			c->tree.article = NULL;
			c->tree.anchor = NULL;
			c->tree.nitems = 0;
			c->tree.quoting = NULL;
			break;
		}
		/* fall through */
	default:
		if (type == CMARK_NODE_BLOCK_QUOTE && c->depth == 0)
			md_link_defs_in_quote(c, b);
		plain(c, md_raw_text(&c->in, b),
		      md_offset_of(&c->in, rb_md_line(b, 0), cmark_node_get_start_column(b)));
		break;
	}
	/* the block after a list closes it, unless raw HTML */
	if (type != CMARK_NODE_LIST && type != CMARK_NODE_HTML_BLOCK)
		c->after_list = 0;
	c->pending = NULL;
	return 0;
}

static void
blocks(struct mctx *c, cmark_node *b)
{
	for (; b; b = cmark_node_next(b))
		md_block(c, b);
}
