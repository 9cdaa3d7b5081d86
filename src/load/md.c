/*
 * Markdown rulebooks (SPEC §3.2).  cmark parses; this file maps cmark's
 * blocks onto the clause tree.  Structure comes from the numbering people
 * already write — 第一编 第一章 第一节 第一条 （一） 1. （1） ①, 一、 for
 * 公文, Chapter 1 / 1.2 / (a) in English — not from the number of '#':
 * divisions nest by keyword, items by order of appearance, and only plain
 * headings nest by depth.
 *
 * Text is taken from the source, not re-rendered, so inline Markdown
 * (emphasis, links, [](#id) references) reaches the emitters unchanged.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "rulebook.h"
#include "internal.h"
#include "load.h"

#define DEFAULT_MAX_DEPTH 100
#define MAX_STACK 64
#define MAX_ITEMS 32

/* An open container: the document, a division or a plain heading. */
struct cont {
	rb_node *node;
	int rank;		/* 0 document, 1 编, 2 分编, 3 章, 4+ 节; -1 heading */
	int hlevel;		/* '#' depth of its heading (0 for the document) */
};

struct item {
	rb_node *node;
	rb_style style;
	int heading;		/* the item is a heading's (## 1. Leave) */
};

struct mctx {
	rb_document *doc;
	rb_diags *d;
	const char *src;	/* the whole file */
	size_t len;
	rb_lines lines;		/* of the whole file */
	unsigned line0;		/* lines before the body (front matter) */
	int title_level;	/* heading level of the title: 1, 2 in a book */
	int max_depth, depth, depth_reported;

	/* what a first look at the blocks found, in the pieces joined so far
	 * (see merge_looks; has_* are final once set, or once all are in) */
	int has_articles, has_info_end, has_cjk, has_dun, traditional;
	int has_outline_head;	/* a heading labelled 3.1 */
	int info_end_written;	/* -1 not known yet, else whether the body holds
				 * the marker's text at all */
	unsigned *toc;		/* body lines of table-of-contents headings */
	size_t ntoc, toccap;
	struct look *looks;	/* the first look, piece by piece */
	size_t nlooks, merged;	/* pieces, and those merged */
	struct dhead *h;	/* division headings merged */
	size_t nh, hcap;
	size_t run;		/* the first of them whose run is not decided */
	int content;		/* content after the last one merged */
	rb_md_tree *tree;
	const char *body;	/* the body (what the pieces are cut from) */
	size_t body_len;
	const rb_load_opts *opts;
	int profile_chosen;
	const char *fm_title;	/* title from front matter */

	/* zones at the start of the document */
	int started;		/* a clause has been placed: no more preamble */
	int info_end_seen;
	int history_open;	/* date lines still count as history */
	rb_value *history;
	rb_buf preamble;
	rb_buf para;		/* a paragraph's source text (paragraph) */

	struct cont stack[MAX_STACK];
	int nstack;
	rb_node *article;	/* open article (or article-like section) */
	rb_node *anchor;	/* parent of first-level items, NULL = container */
	struct item items[MAX_ITEMS];
	int nitems;
	struct item saved;	/* the article's item sequence while a 款 runs */
	rb_node *pending;	/* titled clause from a heading, awaiting its text */
	rb_node *quoting;	/* article whose text ends 如下： (may quote clauses) */
	int quoted;		/* it has quoted a clause: labels there are text */
	int closing;		/* after a thematic break: the closing (signature,
				 * date) — paragraphs of the document itself */
	rb_node *first_article, *last_article;
};

/* ---- positions and source text ---- */

static size_t
offset_of(struct mctx *c, int line, int col)
{
	size_t fl = (size_t)line + c->line0, off;

	if (line < 1 || fl > c->lines.n)
		return c->len;
	off = c->lines.start[fl - 1] + (size_t)(col > 0 ? col - 1 : 0);
	return off > c->len ? c->len : off;
}

static void
locate(struct mctx *c, rb_node *n, size_t off)
{
	n->file = c->doc->source;
	rb_lines_pos(&c->lines, off, &n->line, &n->column);
}

/* End of the file line containing off (before its newline). */
static size_t
line_end(struct mctx *c, size_t off)
{
	const char *nl = memchr(c->src + off, '\n', c->len - off);

	return nl ? (size_t)(nl - c->src) : c->len;
}

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Append the text of body lines [first, last] starting at offset start on
 * the first line; leading blanks are stripped from every line and
 * trailing blanks from the whole. */
static void
source_text(struct mctx *c, size_t start, int first, int last, rb_buf *out)
{
	int l;

	for (l = first; l <= last; l++) {
		size_t s = l == first ? start : offset_of(c, l, 1), e;

		if (s >= c->len)
			break;
		e = line_end(c, s);
		while (s < e && is_blank(c->src[s]))
			s++;
		if (l > first)
			rb_buf_putc(out, '\n');
		rb_buf_put(out, c->src + s, e - s);
	}
	while (out->len && (is_blank(out->data[out->len - 1]) || out->data[out->len - 1] == '\n'))
		out->len--;
	if (out->data)
		out->data[out->len] = '\0';
}

static size_t
skip_blanks(struct mctx *c, size_t off)
{
	while (off < c->len && is_blank(c->src[off]))
		off++;
	return off;
}

/* Heading text without the #s (ATX) or the underline (setext). */
static void
heading_text(struct mctx *c, cmark_node *b, rb_buf *out, size_t *start)
{
	int sl = rb_md_line(b, 0), el = rb_md_line(b, 1);
	size_t s = skip_blanks(c, offset_of(c, sl, cmark_node_get_start_column(b))), e, i;

	if (s < c->len && c->src[s] == '#') {
		while (s < c->len && c->src[s] == '#')
			s++;
		s = skip_blanks(c, s);
		e = line_end(c, s);
		while (e > s && is_blank(c->src[e - 1]))
			e--;
		/* closing sequence: " ##" */
		i = e;
		while (i > s && c->src[i - 1] == '#')
			i--;
		if (i < e && (i == s || is_blank(c->src[i - 1]))) {
			e = i;
			while (e > s && is_blank(c->src[e - 1]))
				e--;
		}
		*start = s;
		rb_buf_put(out, c->src + s, e - s);
		return;
	}
	*start = s;
	/* setext: the text lines, joined without a space between CJK */
	for (int l = sl; l < el; l++) {
		size_t ls = l == sl ? s : skip_blanks(c, offset_of(c, l, 1));
		size_t le = line_end(c, ls);
		uint32_t a = 0, bcp = 0;

		while (le > ls && is_blank(c->src[le - 1]))
			le--;
		if (l > sl && out->len) {
			size_t k = out->len;

			do
				k--;
			while (k > 0 && ((unsigned char)out->data[k] & 0xC0) == 0x80);
			rb_utf8_decode(out->data + k, out->len - k, &a);
			rb_utf8_decode(c->src + ls, le - ls, &bcp);
			if (!rb_cp_is_cjk(a) && !rb_cp_is_cjk(bcp))
				rb_buf_putc(out, ' ');
		}
		rb_buf_put(out, c->src + ls, le - ls);
	}
}

/* A raw block (code, quote, HTML, rule) as canonical Markdown. */
static char *
raw_text(struct mctx *c, cmark_node *b)
{
	char *md = cmark_render_commonmark(b, CMARK_OPT_DEFAULT, 0);
	size_t n = strlen(md);
	char *r;

	while (n && (md[n - 1] == '\n' || md[n - 1] == ' '))
		n--;
	r = rb_arena_strndup(c->doc->arena, md, n);
	rb_md_free(md);
	return r;
}

/* ---- recognising labels ---- */

enum lkind { L_NONE, L_PART, L_SUBPART, L_CHAPTER, L_SECTION, L_ARTICLE, L_ITEM, L_OUTLINE };

struct lab {
	enum lkind kind;
	rb_label l;
	const char *unit;	/* static or label's own */
};

static const struct {
	const char *word;
	enum lkind kind;
} en_units[] = {
	{"Part", L_PART}, {"PART", L_PART}, {"Chapter", L_CHAPTER}, {"CHAPTER", L_CHAPTER},
	{"Section", L_SECTION}, {"SECTION", L_SECTION}, {"Article", L_ARTICLE},
	{"ARTICLE", L_ARTICLE}, {NULL, L_NONE}
};

/* "Chapter 3", "Part II", "Article 12." */
static int
parse_english(const char *s, size_t n, struct lab *out)
{
	size_t i, k, j;
	int v = 0;

	for (i = 0; en_units[i].word; i++)
		if ((k = rb_prefix(s, n, en_units[i].word)) > 0 && k < n && s[k] == ' ')
			break;
	if (!en_units[i].word)
		return 0;
	j = k + 1;
	if (j < n && s[j] >= '0' && s[j] <= '9') {
		while (j < n && s[j] >= '0' && s[j] <= '9' && v < 100000)
			v = v * 10 + (s[j++] - '0');
		out->l.style = RB_STYLE_DECIMAL_OUTLINE;
	} else {
		size_t m = rb_roman_upper(s + j, n - j, &v);

		if (m == 0)
			return 0;
		j += m;
		out->l.style = RB_STYLE_ROMAN_UPPER;
	}
	if (v <= 0)
		return 0;
	if (j < n && (s[j] == '.' || s[j] == ':'))
		j++;
	if (j < n && !(s[j] == ' ' || s[j] == '\t'))
		return 0;
	out->kind = en_units[i].kind;
	out->l.number = v;
	out->l.len = j;
	out->l.sep_len = rb_space_len(s + j, n - j);
	snprintf(out->l.unit, sizeof(out->l.unit), "%s", en_units[i].word);
	return 1;
}

/* What the label at the start of s makes of its block. */
static int
classify(const char *s, size_t n, rb_style prefer, struct lab *out)
{
	memset(out, 0, sizeof(*out));
	if (parse_english(s, n, out))
		return 1;
	if (!rb_label_parse(s, n, prefer, &out->l))
		return 0;
	if (out->l.style == RB_STYLE_CN_ORDINAL) {
		const char *u = out->l.unit;

		if (!strcmp(u, "条") || !strcmp(u, "條"))
			out->kind = L_ARTICLE;
		else if (!strcmp(u, "章"))
			out->kind = L_CHAPTER;
		else if (!strcmp(u, "节") || !strcmp(u, "節"))
			out->kind = L_SECTION;
		else if (!strcmp(u, "分编") || !strcmp(u, "分編"))
			out->kind = L_SUBPART;
		else if (!strcmp(u, "编") || !strcmp(u, "編") || !strcmp(u, "篇") ||
			 !strcmp(u, "部分"))
			out->kind = L_PART;
		else
			return 0;	/* 第二款…, 第三项… start sentences */
		return 1;
	}
	if (out->l.insert)
		return 0;
	out->kind = out->l.style == RB_STYLE_DECIMAL_OUTLINE ? L_OUTLINE : L_ITEM;
	return 1;
}

/* ---- building the tree ---- */

static rb_node *
new_node(struct mctx *c, rb_kind kind, size_t off)
{
	rb_node *n = rb_node_new(c->doc, kind);

	locate(c, n, off);
	return n;
}

static void
set_label(struct mctx *c, rb_node *n, const struct lab *lab, size_t off)
{
	n->label_off = off;
	n->label_len = lab->l.len;
	n->number = lab->l.number;
	n->insert = lab->l.insert;
	n->style = lab->l.style;
	n->explicit_number = 1;
	n->explicit_style = 1;
	if (lab->l.unit[0])
		n->unit = rb_arena_strdup(c->doc->arena, lab->l.unit);
	if (!strcmp(lab->l.unit, "條") || !strcmp(lab->l.unit, "節") ||
	    !strcmp(lab->l.unit, "編") || !strcmp(lab->l.unit, "分編"))
		c->traditional = 1;
}

static rb_node *
container(struct mctx *c)
{
	return c->stack[c->nstack - 1].node;
}

static void
place(struct mctx *c, rb_node *parent, rb_node *n)
{
	rb_node_append(parent, n);
	c->started = 1;
	c->history_open = 0;
}

static void
close_article(struct mctx *c)
{
	c->quoting = NULL;
	c->quoted = 0;
	c->article = NULL;
	c->anchor = NULL;
	c->nitems = 0;
	c->saved.node = NULL;
}

static void
push(struct mctx *c, rb_node *n, int rank, int hlevel)
{
	if (c->nstack == MAX_STACK) {
		if (!c->depth_reported++)
			rb_diag_report(c->d, RB_D_INPUT_DEPTH, n->file, n->line, n->column,
				       "headings nested deeper than %d levels", MAX_STACK);
		return;
	}
	c->stack[c->nstack].node = n;
	c->stack[c->nstack].rank = rank;
	c->stack[c->nstack].hlevel = hlevel;
	c->nstack++;
}

/* A division (rank > 0) or a plain heading (rank -1) opens. */
static void
open_container(struct mctx *c, rb_node *n, int rank, int hlevel)
{
	close_article(c);
	while (c->nstack > 1) {
		const struct cont *t = &c->stack[c->nstack - 1];

		if (rank > 0 ? (t->rank > 0 && t->rank >= rank) || (t->rank < 0 && t->hlevel >= hlevel)
			     : t->hlevel >= hlevel)
			c->nstack--;
		else
			break;
	}
	place(c, container(c), n);
	push(c, n, rank, hlevel);
}

static void
open_article(struct mctx *c, rb_node *n)
{
	close_article(c);
	place(c, container(c), n);
	c->article = n;
	c->anchor = n;
	if (!c->first_article)
		c->first_article = n;
	c->last_article = n;
}

/* n opens the next item level (none past MAX_ITEMS: deeper items go
 * under the deepest). */
static void
push_item(struct mctx *c, rb_node *n, int heading)
{
	if (c->nitems < MAX_ITEMS) {
		c->items[c->nitems].node = n;
		c->items[c->nitems].style = n->style;
		c->items[c->nitems].heading = heading;
		c->nitems++;
	}
}

/* The open item level n (a heading's when heading) is a sibling at: the
 * innermost of its style, for a heading a heading's first; -1 when there
 * is none.  *under is set when n goes below that level's item instead:
 * the item is a heading's and n, not a heading, does not continue it (a
 * list under ## 1. Leave is the heading's own). */
static int
item_level(const struct mctx *c, const rb_node *n, int heading, int *under)
{
	int k;

	*under = 0;
	if (heading)
		for (k = c->nitems - 1; k >= 0; k--)
			if (c->items[k].heading && c->items[k].style == n->style)
				return k;
	for (k = c->nitems - 1; k >= 0; k--)
		if (c->items[k].style == n->style)
			break;
	if (k >= 0 && !heading && c->items[k].heading && n->style != RB_STYLE_NONE &&
	    (n->number != c->items[k].node->number + 1 || n->insert))
		*under = 1;
	return k;
}

/* Place an item by order of appearance: a style met before closes the
 * deeper levels and continues there; a new style nests one level down,
 * unless its number continues an open level.  heading: n is a heading's. */
static void
place_item(struct mctx *c, rb_node *n, int heading)
{
	int k, under;
	rb_node *parent;

	if (!c->anchor)
		c->anchor = container(c);
	/* 项 continuing across a 款 inside an article: back to the article */
	if (c->article && c->anchor->kind == RB_PARAGRAPH && c->nitems == 0 && c->saved.node &&
	    n->style == c->saved.style && n->number == c->saved.node->number + 1) {
		c->anchor = c->article;
		c->items[0] = c->saved;
		c->nitems = 1;
	}
	k = item_level(c, n, heading, &under);
	if (under) {
		c->nitems = k + 1;
		place(c, c->items[k].node, n);
		push_item(c, n, 0);
		return;
	}
	if (k < 0 && n->style != RB_STYLE_NONE && n->number > 1) {
		/* 3、 between 二、 and 四、: a value continuing an open level in
		 * another style is a sibling written wrongly, not a new level
		 * (the check reports numbering-style); the level keeps its style */
		for (k = c->nitems - 1; k >= 0; k--)
			if (c->items[k].style != RB_STYLE_NONE &&
			    c->items[k].node->number + 1 == n->number && !n->insert)
				break;
		if (k >= 0) {
			c->nitems = k;
			place(c, k > 0 ? c->items[k - 1].node : c->anchor, n);
			c->items[k].node = n;
			c->items[k].heading = heading;
			c->nitems = k + 1;
			return;
		}
	}
	if (k >= 0) {
		c->nitems = k;
		parent = k > 0 ? c->items[k - 1].node : c->anchor;
	} else
		parent = c->nitems ? c->items[c->nitems - 1].node : c->anchor;
	place(c, parent, n);
	push_item(c, n, heading);
}

/* The innermost open clause: where a table or a continuation goes. */
static rb_node *
innermost(struct mctx *c)
{
	if (c->nitems)
		return c->items[c->nitems - 1].node;
	if (c->anchor)
		return c->anchor;
	return container(c);
}

/* ---- text helpers ---- */

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

/* Take a trailing {#id} off the first line of text (in place). */
static const char *
take_id(struct mctx *c, char *text, rb_node *n)
{
	char *nl = strchr(text, '\n');
	size_t e = nl ? (size_t)(nl - text) : strlen(text), b, i;
	char id[256];

	while (e > 0 && is_blank(text[e - 1]))
		e--;
	if (e < 4 || text[e - 1] != '}')
		return text;
	for (b = e - 1; b > 0 && text[b - 1] != '{'; b--)
		;
	if (b == 0 || text[b] != '#' || e - b - 2 >= sizeof(id) || e - b - 2 == 0)
		return text;
	memcpy(id, text + b + 1, e - b - 2);
	id[e - b - 2] = '\0';
	if (!rb_valid_id(id))
		return text;
	n->id = rb_arena_strdup(c->doc->arena, id);
	n->explicit_id = 1;
	/* cut " {#id}" */
	i = b - 1;
	while (i > 0 && is_blank(text[i - 1]))
		i--;
	memmove(text + i, text + e, strlen(text + e) + 1);
	return text;
}

static char *
arena_text(struct mctx *c, const char *s, size_t n)
{
	return rb_arena_strndup(c->doc->arena, s, n);
}

/* ---- history and metadata ---- */

static void
add_history(struct mctx *c, const char *text)
{
	rb_document *doc = c->doc;
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
		ev->str = arena_text(c, p, n);
		e = rb_value_new(doc, RB_VAL_MAP, NULL);
		rb_value_append(e, date);
		rb_value_append(e, ev);
	} else {
		e = rb_value_new(doc, RB_VAL_STRING, NULL);
		e->str = arena_text(c, text, strlen(text));
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

	for (v = c->doc->meta.first; v; v = v->next)
		if (v->key && !strcmp(v->key, "subtitle") && v->type == RB_VAL_STRING) {
			v->str = rb_arena_printf(c->doc->arena, "%s %s", v->str, text);
			return;
		}
	v = rb_value_new(c->doc, RB_VAL_STRING, "subtitle");
	v->str = arena_text(c, text, strlen(text));
	rb_value_append(&c->doc->meta, v);
}

/* ---- tables ---- */

static int
is_delimiter_row(const char *s, size_t n)
{
	size_t i;
	int dash = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = 1;
		else if (!strchr("|: \t", s[i]))
			return 0;
	}
	return dash && memchr(s, '|', n) != NULL;
}

/* Cells of one pipe-table row; appends to cells, returns the count. */
static size_t
split_row(struct mctx *c, const char *s, size_t n, const char ***cells, size_t *ncells,
	  size_t *cap)
{
	size_t i = 0, count = 0;

	while (n > 0 && is_blank(s[n - 1]))
		n--;
	while (i < n && is_blank(s[i]))
		i++;
	if (i < n && s[i] == '|')
		i++;
	if (n > i && s[n - 1] == '|' && !(n >= 2 && s[n - 2] == '\\'))
		n--;
	while (i <= n) {
		size_t b = i, e;

		while (i < n && !(s[i] == '|' && (i == 0 || s[i - 1] != '\\')))
			i++;
		e = i;
		while (b < e && is_blank(s[b]))
			b++;
		while (e > b && is_blank(s[e - 1]))
			e--;
		if (*ncells == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*cells = rb_xrealloc(*cells, *cap * sizeof(**cells));
		}
		(*cells)[(*ncells)++] = arena_text(c, s + b, e - b);
		count++;
		i++;
	}
	return count;
}

/* A pipe table: header row, delimiter row, body rows. */
static int
try_table(struct mctx *c, const char *text, size_t off)
{
	const char *nl = strchr(text, '\n'), *line2, *e2;
	const char **cells = NULL, **flat;
	size_t ncells = 0, cap = 0, *widths = NULL, nrows = 0, wcap = 0, maxc = 0, i, r, k;
	const char *p;
	rb_node *n;
	rb_table *t;

	if (!nl || !memchr(text, '|', (size_t)(nl - text)))
		return 0;
	line2 = nl + 1;
	e2 = strchr(line2, '\n');
	if (!is_delimiter_row(line2, e2 ? (size_t)(e2 - line2) : strlen(line2)))
		return 0;
	for (p = text; p; ) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (p != line2) {
			if (nrows == wcap) {
				wcap = wcap ? wcap * 2 : 16;
				widths = rb_xrealloc(widths, wcap * sizeof(*widths));
			}
			widths[nrows] = split_row(c, p, len, &cells, &ncells, &cap);
			if (widths[nrows] > maxc)
				maxc = widths[nrows];
			nrows++;
		}
		p = e ? e + 1 : NULL;
	}
	t = rb_arena_alloc(c->doc->arena, sizeof(*t));
	t->rows = nrows;
	t->cols = maxc;
	flat = rb_arena_alloc(c->doc->arena, nrows * maxc * sizeof(*flat) + 1);
	/* short rows are padded; nothing is cut */
	for (r = 0, k = 0; r < nrows; k += widths[r], r++)
		for (i = 0; i < maxc; i++)
			flat[r * maxc + i] = i < widths[r] ? cells[k + i] : "";
	t->cells = flat;
	free(cells);
	free(widths);
	n = new_node(c, RB_TABLE, off);
	n->table = t;
	place(c, innermost(c), n);
	return 1;
}

/* ---- blocks ---- */

static void blocks(struct mctx *c, cmark_node *first);

static int toc_line(struct mctx *c, int line);
static int body_flag(struct mctx *c, const int *flag);
static int has_info_end(struct mctx *c);
static cmark_node *next_block(struct mctx *c, cmark_node *b);
static const rb_profile *profile(struct mctx *c);

/* Does an open item of this style continue with number? */
static int
continues_stack(struct mctx *c, rb_style style, int number)
{
	int k;

	for (k = c->nitems - 1; k >= 0; k--)
		if (c->items[k].style == style)
			return c->items[k].node->number + 1 == number;
	return 0;
}

/* (i), (v), (x) are letters after (h), (u), (w) and roman numerals
 * otherwise: the open sequences decide. */
static int
classify_here(struct mctx *c, const char *s, size_t n, struct lab *lab)
{
	struct lab alpha;
	rb_style as;

	if (!classify(s, n, RB_STYLE_NONE, lab))
		return 0;
	if (lab->kind != L_ITEM || (lab->l.style != RB_STYLE_ROMAN_LOWER &&
				    lab->l.style != RB_STYLE_ROMAN_UPPER))
		return 1;
	as = lab->l.style == RB_STYLE_ROMAN_LOWER ? RB_STYLE_ALPHA_LOWER : RB_STYLE_ALPHA_UPPER;
	if (!classify(s, n, as, &alpha) || alpha.l.style != as)
		return 1;
	if (continues_stack(c, as, alpha.l.number) ||
	    (!continues_stack(c, lab->l.style, lab->l.number) && lab->l.number != 1))
		*lab = alpha;
	return 1;
}

/* Is the next block an article (a group heading stands above 条)? */
static int
next_is_article(struct mctx *c, cmark_node *b)
{
	cmark_node *nx = next_block(c, b);
	rb_buf t;
	size_t st;
	struct lab lab;
	int r = 0;

	if (!nx)
		return 0;
	rb_buf_init(&t);
	rb_buf_put(&t, "", 0);
	if (cmark_node_get_type(nx) == CMARK_NODE_PARAGRAPH)
		source_text(c, offset_of(c, rb_md_line(nx, 0),
					 cmark_node_get_start_column(nx)),
			    rb_md_line(nx, 0), rb_md_line(nx, 0), &t);
	else if (cmark_node_get_type(nx) == CMARK_NODE_HEADING)
		heading_text(c, nx, &t, &st);
	r = classify(t.data, t.len, RB_STYLE_NONE, &lab) && lab.kind == L_ARTICLE;
	rb_buf_free(&t);
	return r;
}

static int
rank_of(const struct lab *lab)
{
	switch (lab->kind) {
	case L_PART: return 1;
	case L_SUBPART: return 2;
	case L_CHAPTER: return 3;
	case L_SECTION: return 4;
	case L_OUTLINE: return 3 + (lab->l.depth > 1 ? lab->l.depth - 1 : 1);
	default: return 0;
	}
}

/* Does a heading start with a number alone, 1 to 99, then its title
 * (## 2 Hours)?  In a document whose headings number sections 2.1 it is
 * read as 2. (arabic-dot), a chapter, into lab when given (a year, 2024
 * Report, is not the number of a chapter; elsewhere the number is the
 * title's). */
static int
bare_number(const char *s, struct lab *lab)
{
	size_t i = 0, sp;
	int v = 0;

	while (s[i] >= '0' && s[i] <= '9' && i < 2)
		v = v * 10 + (s[i++] - '0');
	if (v == 0 || (s[i] >= '0' && s[i] <= '9') ||
	    (sp = rb_space_len(s + i, strlen(s + i))) == 0 || !s[i + sp] ||
	    (s[i + sp] >= '0' && s[i + sp] <= '9'))
		return 0;
	if (lab) {
		memset(lab, 0, sizeof(*lab));
		lab->kind = L_ITEM;
		lab->l.style = RB_STYLE_ARABIC_DOT;
		lab->l.number = v;
		lab->l.len = i;
		lab->l.sep_len = sp;
	}
	return 1;
}

static void
heading(struct mctx *c, cmark_node *b)
{
	int level = cmark_node_get_heading_level(b);
	int line = rb_md_line(b, 0);
	rb_buf t;
	size_t start;
	struct lab lab;
	rb_node *n;
	char *text;

	rb_buf_init(&t);
	rb_buf_put(&t, "", 0);
	heading_text(c, b, &t, &start);
	text = arena_text(c, t.data, t.len);
	rb_buf_free(&t);

	/* the title block */
	if (level == c->title_level && !c->started && !c->info_end_seen && !c->preamble.len &&
	    !(c->history && c->history->first)) {
		if (!c->doc->root->title || !*c->doc->root->title)
			c->doc->root->title = text;
		else if (c->fm_title && !strcmp(c->fm_title, text))
			c->fm_title = NULL;	/* the front matter's title again */
		else
			add_subtitle(c, text);
		return;
	}
	c->history_open = 0;
	if (!c->info_end_seen && has_info_end(c))
		c->info_end_seen = 1;	/* a heading ends the information block */

	if (!toc_line(c, line) && classify_here(c, text, strlen(text), &lab) &&
	    lab.kind != L_ITEM) {
		rb_kind kind = lab.kind == L_ARTICLE ? RB_ARTICLE :
		    lab.kind == L_CHAPTER ? RB_CHAPTER :
		    lab.kind == L_PART || lab.kind == L_SUBPART ? RB_PART : RB_SECTION;
		char *title = text + lab.l.len + lab.l.sep_len;

		n = new_node(c, kind, start);
		set_label(c, n, &lab, start);
		take_id(c, title, n);
		n->title = title;	/* letter-spacing (总　则) is kept as written */
		if (kind == RB_ARTICLE)
			open_article(c, n);
		else
			open_container(c, n, rank_of(&lab), level);
		c->pending = n;
		return;
	}
	if (!toc_line(c, line) &&
	    ((lab.kind == L_ITEM && lab.l.style == RB_STYLE_ARABIC_DOT) ||
	     (lab.kind == L_NONE && bare_number(text, NULL))) &&
	    !body_flag(c, &c->has_articles) && body_flag(c, &c->has_outline_head)) {
		/* ## 3. Leave above ### 3.1 Annual Leave: a chapter, numbered
		 * as the sections in it are (## 3 Leave too, labelled 3.) */
		char *title;

		if (lab.kind == L_NONE)
			bare_number(text, &lab);
		title = text + lab.l.len + lab.l.sep_len;

		n = new_node(c, RB_CHAPTER, start);
		set_label(c, n, &lab, start);
		take_id(c, title, n);
		n->title = title;
		open_container(c, n, rank_of(&(struct lab){.kind = L_CHAPTER}), level);
		c->pending = n;
		return;
	}
	if (!toc_line(c, line) && lab.kind == L_ITEM &&
	    (!body_flag(c, &c->has_articles) || (c->article && !next_is_article(c, b)))) {
		char *title = text + lab.l.len + lab.l.sep_len;

		n = new_node(c, RB_ITEM, start);
		set_label(c, n, &lab, start);
		take_id(c, title, n);
		n->title = title;
		place_item(c, n, 1);
		c->pending = n;
		return;
	}
	/* a plain heading, or a group heading such as 一、一般规定 */
	n = new_node(c, RB_HEADING, start);
	take_id(c, text, n);
	n->title = text;
	open_container(c, n, -1, level);
	c->pending = n;
}

/* Text that introduces what follows: …内容如下： */
static int
ends_intro(const char *t)
{
	size_t n = strlen(t);

	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\n'))
		n--;
	return (n >= 9 && memcmp(t + n - 9, "如下：", 9) == 0) ||
	    (n >= 7 && memcmp(t + n - 7, "如下:", 7) == 0);
}

/* Does a label come right after (last, last_ins): the next number, or
 * the next 之N of the same one? */
static int
follows(const struct lab *lab, int last, int last_ins)
{
	return (lab->l.number == last + 1 && !lab->l.insert) ||
	    (lab->l.number == last && lab->l.insert == last_ins + 1);
}

/* Does an article label continue the document's article numbering? */
static int
continues_article(struct mctx *c, const struct lab *lab)
{
	const rb_node *a = c->last_article;

	return !a || follows(lab, a->number, a->insert);
}

/* After an intro, is this article label the start of a quotation?  Far
 * from the numbering (a missing article or two swapped stay defects the
 * check reports). */
static int
quotes_article(struct mctx *c, const struct lab *lab)
{
	const rb_node *a = c->last_article;

	if (lab->kind == L_OUTLINE)
		return 1;
	if (lab->kind != L_ARTICLE || !a)
		return 0;
	return lab->l.number > a->number + 2 || lab->l.number < a->number;
}

/* A paragraph of plain text: 款, continuation, preamble or history. */
static void
plain(struct mctx *c, char *text, size_t off)
{
	rb_node *n;

	if (c->pending && !*c->pending->text) {
		c->pending->text = take_id(c, text, c->pending);
		rb_lines_pos(&c->lines, off, &c->pending->text_line, &c->pending->text_column);
		c->pending = NULL;
		return;
	}
	if (!c->started && ((!c->info_end_seen && has_info_end(c)) ||
			    (c->history_open && starts_with_date(text)))) {
		add_history(c, text);
		return;
	}
	c->history_open = 0;
	if (!c->started && !c->article && !c->nitems) {
		if (c->preamble.len)
			rb_buf_puts(&c->preamble, "\n\n");
		rb_buf_puts(&c->preamble, text);
		return;
	}
	n = new_node(c, RB_PARAGRAPH, off);
	n->text = take_id(c, text, n);
	n->text_line = n->line;
	n->text_column = n->column;
	if (c->article && !c->quoted && ends_intro(text))
		c->quoting = c->article;
	if (c->article) {
		/* a new 款 of the article; its own 项 restart below it */
		if (c->anchor == c->article && c->nitems)
			c->saved = c->items[0];
		place(c, c->article, n);
		c->anchor = n;
		c->nitems = 0;
		return;
	}
	place(c, innermost(c), n);
}

/* Length of a label without its final separator (2. 2、 4.1. → 2 2 4.1). */
static size_t
label_core(const char *t, size_t n)
{
	while (n > 0 && (t[n - 1] == '.' || t[n - 1] == ' '))
		n--;
	if (n >= 3 && (!memcmp(t + n - 3, "、", 3) || !memcmp(t + n - 3, "．", 3)))
		n -= 3;
	return n;
}

/* Is the outline at text (2.1, 4.1.1.) under an open item whose label is
 * its prefix (2. or 2、, 4.1.)?  Then it is an item of that item: the
 * index of that item in the open items, else -1. */
static int
outline_parent(struct mctx *c, const struct lab *lab, const char *text)
{
	size_t n = label_core(text, lab->l.len), p = n;
	int k;

	while (p > 0 && text[p - 1] != '.')
		p--;
	if (p < 2)
		return -1;
	p--;	/* the prefix, without its dot */
	for (k = c->nitems - 1; k >= 0; k--) {
		const rb_node *it = c->items[k].node;
		size_t m;

		if (!it->label_len || it->label_off >= c->len)
			continue;
		m = label_core(c->src + it->label_off, it->label_len);
		if ((it->style == RB_STYLE_ARABIC_DOT || it->style == RB_STYLE_ARABIC_DUN ||
		     it->style == RB_STYLE_DECIMAL_OUTLINE) &&
		    m == p && !memcmp(c->src + it->label_off, text, p))
			return k;
	}
	return -1;
}

/* ---- labels written wrongly (numbering-numeral, numbering-separator) ---- */

struct fix {
	rb_code code;
	size_t skip;		/* bytes of a doubled separator to drop */
	char msg[320];
};

/* The number the open item sequence of style st expects next, or 0. */
static int
expects(struct mctx *c, rb_style st)
{
	int k;

	for (k = c->nitems - 1; k >= 0; k--)
		if (c->items[k].style == st)
			return c->items[k].node->number + 1;
	return 0;
}

static int
article_expected(struct mctx *c)
{
	return c->last_article ? c->last_article->number + 1 : 0;
}

/* Recognise a label that is almost right — 笫十条, 第十 条, 第－条, l),
 * （二 without its ）, 8自费药, 二，, （二), 2.、 — and rewrite it in *out
 * so that it parses.  Returns 1 with the diagnostic to give. */
/* 第三十已条 , 第肆条 : between 第 and 条 a numeral with one or two
 * characters that are not ours, followed by a separator, where an article
 * is due.  Read as the article the sequence expects. */
static int
malformed_article(struct mctx *c, const char *t, size_t n, rb_buf *out, struct fix *f)
{
	static const char capital[] = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟";
	size_t i = 3, m, end;
	int v, numerals = 0, others = 0, want = article_expected(c);
	unsigned fl;
	uint32_t cp;
	char label[64], ch[8];

	if (!c->last_article || want <= 0)
		return 0;
	while (i < n && numerals + others < 8) {
		if ((m = rb_prefix(t + i, n - i, "条")) > 0 || (m = rb_prefix(t + i, n - i, "條")) > 0)
			break;
		if (!(m = rb_utf8_decode(t + i, n - i, &cp)) || cp < 0x3400)
			return 0;
		memcpy(ch, t + i, m);
		ch[m] = '\0';
		if (rb_cn_parse(t + i, m, &v, &fl) == m || strstr(capital, ch))
			numerals++;
		else
			others++;
		i += m;
	}
	if (i >= n || !m || !numerals || others > 2)
		return 0;
	end = i + m;
	if (!rb_space_len(t + end, n - end))
		return 0;
	m = rb_label_format(RB_STYLE_CN_ORDINAL, want, 0,
			    &(rb_label_opts){.unit = c->traditional ? "條" : "条"}, label, sizeof(label));
	if (!m)
		return 0;
	rb_buf_reset(out);
	rb_buf_put(out, label, m);
	rb_buf_puts(out, t + end);
	f->code = RB_D_NUMBERING_NUMERAL;
	snprintf(f->msg, sizeof(f->msg), "malformed number in %.*s: did you mean %s?", (int)end, t, label);
	return 1;
}

static int
repair(struct mctx *c, const char *t, rb_buf *out, struct fix *f)
{
	size_t n = strlen(t), k, m;
	int v;
	unsigned fl;
	uint32_t cp = 0;
	struct lab lab;

	rb_buf_reset(out);
	rb_buf_put(out, "", 0);
	/* 笫 for 第 */
	if ((k = rb_prefix(t, n, "笫")) > 0) {
		rb_buf_puts(out, "第");
		rb_buf_puts(out, t + k);
		if (classify(out->data, out->len, RB_STYLE_NONE, &lab) && lab.kind == L_ARTICLE) {
			f->code = RB_D_NUMBERING_NUMERAL;
			snprintf(f->msg, sizeof(f->msg), "'笫' is not '第': did you mean %.*s?",
				 (int)lab.l.len, out->data);
			return 1;
		}
		return 0;
	}
	if ((k = rb_prefix(t, n, "第")) > 0) {
		/* －/一 lookalike or a space inside: 第－条, 第十 条 */
		size_t i = k, sp = 0;
		int changed = 0;

		rb_buf_puts(out, "第");
		while (i < n && i < k + 30) {
			if (rb_prefix(t + i, n - i, "－")) {
				rb_buf_puts(out, "一");
				i += 3;
				changed = 1;
			} else if ((m = rb_space_len(t + i, n - i)) > 0 && i > k && !sp) {
				sp = m;
				i += m;
				changed = 2;
			} else if ((m = rb_cn_parse(t + i, n - i, &v, &fl)) > 0) {
				rb_buf_put(out, t + i, m);
				i += m;
			} else
				break;
		}
		rb_buf_puts(out, t + i);
		if (changed && classify(out->data, out->len, RB_STYLE_NONE, &lab) &&
		    lab.kind == L_ARTICLE && (!c->last_article || lab.l.number == article_expected(c))) {
			f->code = RB_D_NUMBERING_NUMERAL;
			snprintf(f->msg, sizeof(f->msg), changed == 1 ?
				 "'－' is not '一': did you mean %.*s?" :
				 "a space inside the label: did you mean %.*s?", (int)lab.l.len, out->data);
			return 1;
		}
		return malformed_article(c, t, n, out, f);
	}
	/* l) l. for 1) 1. */
	if (n >= 2 && t[0] == 'l' && (t[1] == ')' || t[1] == '.' || rb_prefix(t + 1, n - 1, "）") ||
				      rb_prefix(t + 1, n - 1, "、"))) {
		rb_buf_putc(out, '1');
		rb_buf_puts(out, t + 1);
		if (classify(out->data, out->len, RB_STYLE_NONE, &lab) && lab.kind == L_ITEM &&
		    !expects(c, lab.l.style)) {
			f->code = RB_D_NUMBERING_NUMERAL;
			snprintf(f->msg, sizeof(f->msg), "'l' is a letter: did you mean %.*s?",
				 (int)lab.l.len, out->data);
			return 1;
		}
		return 0;
	}
	/* （二 with no closing bracket */
	if ((k = rb_prefix(t, n, "（")) > 0 || (k = rb_prefix(t, n, "(")) > 0) {
		char want[32];
		int e = expects(c, RB_STYLE_CN_PAREN);

		/* the numeral the sequence expects (（二二级… is 二, then 二级) */
		m = rb_cn_format(e ? e : 1, 0, want, sizeof(want));
		if (m && rb_prefix(t + k, n - k, want) && !rb_prefix(t + k + m, n - k - m, "）") &&
		    t[k + m] != ')') {
			rb_buf_put(out, t, k + m);
			rb_buf_puts(out, k == 3 ? "）" : ")");
			rb_buf_puts(out, t + k + m);
			f->code = RB_D_NUMBERING_SEPARATOR;
			snprintf(f->msg, sizeof(f->msg), "%.*s has no closing bracket: did you mean %.*s%s?",
				 (int)(k + m), t, (int)(k + m), t, k == 3 ? "）" : ")");
			return 1;
		}
		return 0;
	}
	/* 8自费药, 二，: a number that continues a sequence, with the wrong
	 * separator or none */
	m = rb_cn_parse(t, n, &v, &fl);
	if (m && m < n) {
		const char *mark = "、";
		size_t skip = 0;

		if (fl & RB_NUM_ARABIC) {
			if (expects(c, RB_STYLE_ARABIC_DOT) == v)
				mark = ".";
			else if (expects(c, RB_STYLE_ARABIC_DUN) != v)
				return 0;
		} else if (expects(c, RB_STYLE_CN_DUN) != v)
			return 0;
		if (rb_prefix(t + m, n - m, "，"))
			skip = 3;
		else if (t[m] == ',')
			skip = 1;
		else if (!rb_utf8_decode(t + m, n - m, &cp) || !rb_cp_is_cjk(cp))
			return 0;
		rb_buf_put(out, t, m);
		rb_buf_puts(out, mark);
		if (strcmp(mark, ".") == 0)
			rb_buf_putc(out, ' ');
		rb_buf_puts(out, t + m + skip);
		f->code = RB_D_NUMBERING_SEPARATOR;
		if (skip)
			snprintf(f->msg, sizeof(f->msg), "'%.*s' after %.*s should be '%s'", (int)skip,
				 t + m, (int)m, t, mark);
		else
			snprintf(f->msg, sizeof(f->msg), "no separator after %.*s: did you mean %.*s%s?",
				 (int)m, t, (int)m, t, mark);
		return 1;
	}
	return 0;
}

/* A label that parsed but is written with mixed brackets or two
 * separators: （二) , 2.、 */
static int
separator_defect(struct mctx *c, const char *t, const struct lab *lab, struct fix *f)
{
	size_t l = lab->l.len;
	const char *after = t + l + lab->l.sep_len;

	if (lab->l.flags & (RB_NUM_NONCANONICAL | RB_NUM_LIANG) &&
	    !(profile(c)->cn_flags & RB_CN_TW) &&
	    (lab->kind == L_ARTICLE || lab->l.style == RB_STYLE_CN_DUN ||
	     lab->l.style == RB_STYLE_CN_PAREN)) {
		char canon[160];

		if (!rb_label_format(lab->l.style, lab->l.number, lab->l.insert,
				     &(rb_label_opts){.unit = lab->l.unit[0] ? lab->l.unit : NULL},
				     canon, sizeof(canon)))
			return 0;	/* no canonical form to offer */
		f->code = RB_D_NUMBERING_NUMERAL;
		snprintf(f->msg, sizeof(f->msg), "%.*s is not how the number is written: write %s",
			 (int)l, t, canon);
		return 1;
	}
	if (lab->kind != L_ITEM)
		return 0;
	if ((rb_prefix(t, l, "（") && t[l - 1] == ')') ||
	    (t[0] == '(' && l >= 3 && rb_prefix(t + l - 3, 3, "）"))) {
		f->code = RB_D_NUMBERING_SEPARATOR;
		snprintf(f->msg, sizeof(f->msg), "mixed brackets in %.*s", (int)l, t);
		return 1;
	}
	f->skip = 0;
	if (lab->l.sep_len == 0 && (lab->l.style == RB_STYLE_ARABIC_DOT ||
				    lab->l.style == RB_STYLE_ARABIC_DUN ||
				    lab->l.style == RB_STYLE_CN_DUN) &&
	    (rb_prefix(after, strlen(after), "、") || rb_prefix(after, strlen(after), "，") ||
	     rb_prefix(after, strlen(after), "．") || after[0] == '.' || after[0] == ',')) {
		f->code = RB_D_NUMBERING_SEPARATOR;
		f->skip = after[0] & 0x80 ? 3 : 1;
		snprintf(f->msg, sizeof(f->msg), "two separators after the number in %.*s",
			 (int)(l + f->skip), t);
		return 1;
	}
	return 0;
}

/* One logical paragraph: a clause with its label, or plain text. */
static void
paragraph_text(struct mctx *c, char *text, size_t off)
{
	unsigned text_line, text_column;
	struct lab lab;
	rb_node *n;
	char *rest;
	struct fix fix = {0};
	int fixed = 0, k, ok = 0, classified;
	rb_buf rb;

	if (c->closing) {
		plain(c, text, off);
		return;
	}
	classified = 0;
	if (!(!c->info_end_seen && !c->started && has_info_end(c))) {
		ok = classify_here(c, text, strlen(text), &lab);
		classified = 1;
		if (!ok || (text[0] == 'l' && lab.kind == L_ITEM &&
			    lab.l.style == RB_STYLE_ALPHA_LOWER &&
			    expects(c, RB_STYLE_ALPHA_LOWER) != 12)) {
			rb_buf_init(&rb);
			if (repair(c, text, &rb, &fix)) {
				text = arena_text(c, rb.data, rb.len);
				fixed = 1;
				classified = 0;	/* a new text */
			}
			rb_buf_free(&rb);
		}
	}
	if (!classified)
		ok = classify_here(c, text, strlen(text), &lab);
	if (!ok || lab.kind == L_PART ||
	    lab.kind == L_SUBPART || lab.kind == L_CHAPTER || lab.kind == L_SECTION ||
	    (!c->info_end_seen && !c->started && has_info_end(c))) {
		/* 如下： then 第七节 监察委员会: a quotation has begun */
		if (c->quoting && c->quoting == c->article && lab.kind != L_ARTICLE &&
		    lab.kind != L_ITEM && lab.kind != L_OUTLINE)
			c->quoted = 1;
		plain(c, text, off);
		return;
	}
	/* 内容如下： then 第一百二十三条 … (an amendment quoting the articles
	 * it adds): a clause label that does not continue the numbering is
	 * quoted text, a 款 of the quoting article, and from then on so is
	 * every label until the numbering continues or a heading comes */
	if (c->quoting && c->quoting == c->article && (c->quoted || lab.kind != L_ITEM)) {
		if (c->quoted ? !(lab.kind == L_ARTICLE && continues_article(c, &lab))
			      : quotes_article(c, &lab)) {
			c->quoted = 1;
			plain(c, text, off);
			return;
		}
	}
	c->quoting = NULL;	/* what follows the intro is not a quotation */
	/* 第十条规定的… starts a sentence; an article needs a separator
	 * (space, 之N) unless it continues the sequence */
	if (lab.kind == L_ARTICLE && lab.l.sep_len == 0 && !lab.l.insert &&
	    lab.l.len < strlen(text) && c->last_article &&
	    c->last_article->number + 1 != lab.l.number) {
		plain(c, text, off);
		return;
	}
	c->pending = NULL;
	if (!fixed && (fixed = separator_defect(c, text, &lab, &fix)) && fix.skip == 3 &&
	    rb_prefix(text + lab.l.len, 3, "、") && lab.l.style == RB_STYLE_ARABIC_DOT &&
	    expects(c, RB_STYLE_ARABIC_DUN) == lab.l.number)
		lab.l.style = RB_STYLE_ARABIC_DUN;	/* 2.、 among 1、 3、: meant 2、 */
	if (fixed) {
		size_t l0 = rb_lines_line(&c->lines, off);

		rb_diag_report(c->d, fix.code, c->doc->source, l0, rb_lines_column(&c->lines, off),
			       "%s", fix.msg);
	}
	rest = text + lab.l.len + lab.l.sep_len;
	if (fixed && fix.code == RB_D_NUMBERING_SEPARATOR && lab.l.sep_len == 0) {
		rest += fix.skip;
		rest += rb_space_len(rest, strlen(rest));
	}
	rb_lines_pos(&c->lines, off, &text_line, &text_column);
	text_column += (unsigned)rb_utf8_count(text, (size_t)(rest - text));
	if (lab.kind == L_OUTLINE && (k = outline_parent(c, &lab, text)) >= 0) {
		/* 2.手術室 / 2.1 接病員時…: an item of the item */
		n = new_node(c, RB_ITEM, off);
		set_label(c, n, &lab, off);
		n->text_line = text_line;
		n->text_column = text_column;
		n->text = take_id(c, rest, n);
		c->nitems = k + 1;
		place(c, c->items[k].node, n);
		push_item(c, n, 0);
		return;
	}
	if (lab.kind == L_ARTICLE || lab.kind == L_OUTLINE) {
		n = new_node(c, lab.kind == L_ARTICLE ? RB_ARTICLE : RB_SECTION, off);
		set_label(c, n, &lab, off);
		if (fixed)
			n->label_len = 0;	/* not as written: fmt leaves it */
		n->text_line = text_line;
		n->text_column = text_column;
		n->text = take_id(c, rest, n);
		if (is_deleted_text(n->text)) {
			n->deleted = 1;
			n->text = "";
		}
		if (lab.kind == L_OUTLINE) {
			open_container(c, n, rank_of(&lab), 7);	/* closed by any heading */
			c->anchor = n;
			c->article = NULL;
		} else {
			open_article(c, n);
			if (ends_intro(n->text))
				c->quoting = n;
		}
		return;
	}
	n = new_node(c, RB_ITEM, off);
	set_label(c, n, &lab, off);
	if (fixed)
		n->label_len = 0;
	n->text_line = text_line;
	n->text_column = text_column;
	n->text = take_id(c, rest, n);
	place_item(c, n, 0);
}

/* Would a line starting with text continue the numbering?  Used to split
 * paragraphs whose clauses are written on consecutive lines. */
static int
continues(struct mctx *c, const char *s, size_t n, const struct lab *cur)
{
	struct lab lab;
	int k;

	if (!classify_here(c, s, n, &lab))
		return 0;
	if (lab.kind == L_ARTICLE) {
		const rb_node *a = cur && cur->kind == L_ARTICLE ? NULL : c->last_article;
		int last = cur && cur->kind == L_ARTICLE ? cur->l.number : a ? a->number : 0;
		int last_ins = cur && cur->kind == L_ARTICLE ? cur->l.insert : a ? a->insert : 0;

		if (!last && !c->first_article)
			return lab.l.sep_len > 0;
		return follows(&lab, last, last_ins);
	}
	if (lab.kind != L_ITEM || lab.l.insert)
		return 0;
	switch (lab.l.style) {
	case RB_STYLE_ALPHA_LOWER: case RB_STYLE_ALPHA_UPPER:
	case RB_STYLE_ROMAN_LOWER: case RB_STYLE_ROMAN_UPPER:
		return 0;	/* English prose wraps onto "I." and "a)" too often */
	default:
		break;
	}
	if (cur && cur->kind == L_ITEM && cur->l.style == lab.l.style)
		return lab.l.number == cur->l.number + 1;
	for (k = c->nitems - 1; k >= 0; k--)
		if (c->items[k].style == lab.l.style)
			return lab.l.number == c->items[k].node->number + 1;
	return lab.l.number == 1;
}

/* Skip blanks and the full-width indentation of Chinese paragraphs. */
static size_t
skip_indent(struct mctx *c, size_t off)
{
	off = skip_blanks(c, off);
	return off + rb_space_len(c->src + off, c->len - off);
}

static void
paragraph(struct mctx *c, cmark_node *b)
{
	int sl = rb_md_line(b, 0), el = rb_md_line(b, 1), l, from;
	size_t off = skip_indent(c, offset_of(c, sl, cmark_node_get_start_column(b)));
	rb_buf *t = &c->para;	/* one buffer for every paragraph */
	struct lab cur, *curp;
	size_t seg_off = off;

	rb_buf_reset(t);
	rb_buf_put(t, "", 0);
	source_text(c, off, sl, el, t);
	if (try_table(c, t->data, off))
		return;
	if (sl == el) {
		paragraph_text(c, arena_text(c, t->data, t->len), off);
		return;
	}
	/* split before lines that continue the numbering */
	from = sl;
	curp = classify_here(c, t->data, t->len, &cur) ? &cur : NULL;
	for (l = sl + 1; l <= el + 1; l++) {
		size_t lo = l <= el ? skip_indent(c, offset_of(c, l, 1)) : 0;

		if (l <= el && !continues(c, c->src + lo, line_end(c, lo) - lo, curp))
			continue;
		rb_buf_reset(t);
		rb_buf_put(t, "", 0);
		source_text(c, seg_off, from, l - 1, t);
		paragraph_text(c, arena_text(c, t->data, t->len), seg_off);
		if (l <= el) {
			from = l;
			seg_off = lo;
			curp = classify_here(c, c->src + lo, line_end(c, lo) - lo, &cur) ? &cur : NULL;
		}
	}
}

static void
html_block(struct mctx *c, cmark_node *b)
{
	const char *lit = cmark_node_get_literal(b);
	size_t n;

	if (!lit)
		return;
	while (*lit == ' ')
		lit++;
	n = strlen(lit);
	while (n && (lit[n - 1] == '\n' || lit[n - 1] == ' ' || lit[n - 1] == '\r'))
		n--;
	if (n >= 7 && !strncmp(lit, "<!--", 4) && !strncmp(lit + n - 3, "-->", 3)) {
		/* markers and comments are not content */
		if (strstr(lit, "INFO END") && n < 40)
			c->info_end_seen = 1;
		c->history_open = 0;
		return;
	}
	plain(c, raw_text(c, b), offset_of(c, rb_md_line(b, 0), 1));
}

/* Ordinary Markdown lists: each entry an item; nesting from the list. */
static void
list(struct mctx *c, cmark_node *b)
{
	cmark_node *it;
	int ordered = cmark_node_get_list_type(b) == CMARK_ORDERED_LIST;
	int paren = cmark_node_get_list_delim(b) == CMARK_PAREN_DELIM;
	int number = cmark_node_get_list_start(b);

	c->history_open = 0;
	if (c->depth >= c->max_depth) {
		/* the list's own level would be max_depth + 1 */
		size_t off = skip_blanks(c, offset_of(c, rb_md_line(b, 0),
						      cmark_node_get_start_column(b)));

		if (!c->depth_reported++)
			rb_diag_report(c->d, RB_D_INPUT_DEPTH, c->doc->source,
				       rb_lines_line(&c->lines, off), rb_lines_column(&c->lines, off),
				       "lists nested deeper than %d levels", c->max_depth);
		return;
	}
	for (it = cmark_node_first_child(b); it; it = cmark_node_next(it), number++) {
		size_t off = skip_blanks(c, offset_of(c, rb_md_line(it, 0),
						      cmark_node_get_start_column(it)));
		rb_node *n = new_node(c, RB_ITEM, off);
		cmark_node *first = cmark_node_first_child(it);
		struct item saved_items[MAX_ITEMS], saved_saved;
		rb_node *saved_anchor, *saved_article;
		int saved_n;

		c->pending = NULL;
		if (ordered) {
			int v = 0;
			size_t i = off;

			while (i < c->len && c->src[i] >= '0' && c->src[i] <= '9' && v < 100000)
				v = v * 10 + (c->src[i++] - '0');
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
			rb_buf t;

			rb_buf_init(&t);
			rb_buf_put(&t, "", 0);
			source_text(c, skip_blanks(c, offset_of(c, rb_md_line(first, 0),
						     cmark_node_get_start_column(first))),
				    rb_md_line(first, 0), rb_md_line(first, 1), &t);
			n->text = take_id(c, arena_text(c, t.data, t.len), n);
			rb_buf_free(&t);
			first = cmark_node_next(first);
		}
		place_item(c, n, 0);
		if (!first)
			continue;
		/* the entry's other blocks, with the entry as their anchor */
		memcpy(saved_items, c->items, sizeof(saved_items));
		saved_n = c->nitems;
		saved_saved = c->saved;
		saved_anchor = c->anchor;
		saved_article = c->article;
		c->anchor = n;
		c->article = NULL;
		c->nitems = 0;
		c->saved.node = NULL;
		c->depth++;
		blocks(c, first);
		c->depth--;
		memcpy(c->items, saved_items, sizeof(saved_items));
		c->nitems = saved_n;
		c->saved = saved_saved;
		c->anchor = saved_anchor;
		c->article = saved_article;
	}
}

static void
block(struct mctx *c, cmark_node *b)
{
	switch (cmark_node_get_type(b)) {
	case CMARK_NODE_HEADING:
		heading(c, b);
		return;		/* keeps its pending clause */
	case CMARK_NODE_PARAGRAPH:
		paragraph(c, b);
		break;
	case CMARK_NODE_HTML_BLOCK:
		html_block(c, b);
		break;
	case CMARK_NODE_LIST:
		list(c, b);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		if (c->depth == 0 && c->started) {
			/* *** after the clauses: what follows (a signature,
			 * a date) belongs to the document, not to the last
			 * clause */
			c->closing = 1;
			c->nstack = 1;
			c->article = NULL;
			c->anchor = NULL;
			c->nitems = 0;
			c->quoting = NULL;
			break;
		}
		/* fall through */
	default:
		plain(c, raw_text(c, b),
		      offset_of(c, rb_md_line(b, 0), cmark_node_get_start_column(b)));
		break;
	}
	c->pending = NULL;
}

static void
blocks(struct mctx *c, cmark_node *b)
{
	for (; b; b = cmark_node_next(b))
		block(c, b);
}

/* ---- a first look: articles?  English?  a table of contents? ---- */

struct dhead {
	unsigned line;
	enum lkind kind;
	int number, insert;
	int content_before;	/* something other than a heading came before
				 * (-1: not in this piece: as the pieces before end) */
};

/* What the first look found in one piece of the body. */
struct look {
	int has_articles, has_dun, has_info_end, has_outline_head;
	struct dhead *h;	/* division headings */
	size_t nh;
	int end;		/* content_before after the piece (-1: as before it) */
};

/* The first look at one piece (rb_md_look: on the thread that parsed it,
 * side by side with the others; it reads the source and the line index
 * only).  A piece's flags start unset: a paragraph is read for a label
 * until its piece has seen one, and the flags of the pieces are joined. */
static void
look_piece(void *ctx, size_t k, cmark_node *root)
{
	struct mctx *c = ctx;
	struct look *lk = &c->looks[k];
	cmark_node *b;
	size_t cap = 0;
	int content = -1;
	rb_buf t;
	struct lab lab;

	rb_buf_init(&t);
	for (b = cmark_node_first_child(root); b; b = cmark_node_next(b)) {
		int type = cmark_node_get_type(b);
		size_t st;

		if (type == CMARK_NODE_HTML_BLOCK) {
			const char *lit = cmark_node_get_literal(b);

			if (lit && strstr(lit, "<!-- INFO END -->"))
				lk->has_info_end = 1;
			continue;
		}
		if (type != CMARK_NODE_HEADING && type != CMARK_NODE_PARAGRAPH) {
			content = 1;
			continue;
		}
		if (type == CMARK_NODE_PARAGRAPH) {
			/* a paragraph's label tells only whether there are
			 * articles (第…条, Article …) and 一、 items: one that
			 * cannot start with either is not read (its first
			 * character decides: rb_label_parse reads from there) */
			size_t s0 = skip_blanks(c, offset_of(c, rb_md_line(b, 0),
							      cmark_node_get_start_column(b)));
			size_t e = s0 < c->len ? line_end(c, s0) : s0;
			uint32_t cp = 0;

			if (s0 < e)
				rb_utf8_decode(c->src + s0, e - s0, &cp);
			if (!(!lk->has_articles && (cp == 0x7B2C || cp == 'A')) &&
			    !(!lk->has_dun && rb_cn_is_numeral(cp))) {
				content = 1;
				continue;
			}
		}
		rb_buf_reset(&t);
		rb_buf_put(&t, "", 0);
		if (type == CMARK_NODE_HEADING)
			heading_text(c, b, &t, &st);
		else
			source_text(c, offset_of(c, rb_md_line(b, 0),
						 cmark_node_get_start_column(b)),
				    rb_md_line(b, 0), rb_md_line(b, 0), &t);
		if (!classify(t.data, t.len, RB_STYLE_NONE, &lab)) {
			content = 1;
			continue;
		}
		if (lab.kind == L_ARTICLE)
			lk->has_articles = 1;
		if (lab.kind == L_ITEM && lab.l.style == RB_STYLE_CN_DUN)
			lk->has_dun = 1;
		if (lab.kind == L_OUTLINE && type == CMARK_NODE_HEADING)
			lk->has_outline_head = 1;
		if (type != CMARK_NODE_HEADING || lab.kind == L_ARTICLE || lab.kind == L_ITEM ||
		    lab.kind == L_OUTLINE) {
			content = 1;
			continue;
		}
		if (lk->nh == cap) {
			cap = cap ? cap * 2 : 32;
			lk->h = rb_xrealloc(lk->h, cap * sizeof(*lk->h));
		}
		lk->h[lk->nh].line = (unsigned)rb_md_line(b, 0);
		lk->h[lk->nh].kind = lab.kind;
		lk->h[lk->nh].number = lab.l.number;
		lk->h[lk->nh].insert = lab.l.insert;
		lk->h[lk->nh].content_before = content;
		content = 0;
		lk->nh++;
	}
	lk->end = content;
	rb_buf_free(&t);
}

static void
look_begin(void *ctx, size_t npieces)
{
	struct mctx *c = ctx;

	c->looks = rb_xcalloc(npieces, sizeof(*c->looks));
	c->nlooks = npieces;
}

/* The looks of the pieces joined since the last merge, in order: the
 * flags and the division headings; then every run of headings that is
 * decided is taken for a table of contents or not. */
static void
merge_looks(struct mctx *c)
{
	size_t joined = rb_md_joined(c->tree), i, j, k;
	struct dhead *h;
	int all;

	for (; c->merged < joined; c->merged++) {
		struct look *lk = &c->looks[c->merged];

		c->has_articles |= lk->has_articles;
		c->has_dun |= lk->has_dun;
		c->has_info_end |= lk->has_info_end;
		c->has_outline_head |= lk->has_outline_head;
		if (c->nh + lk->nh > c->hcap) {
			c->hcap = (c->nh + lk->nh) * 2;
			c->h = rb_xrealloc(c->h, c->hcap * sizeof(*c->h));
		}
		for (i = 0; i < lk->nh; i++) {
			c->h[c->nh] = lk->h[i];
			if (c->h[c->nh].content_before < 0)
				c->h[c->nh].content_before = c->content;
			c->content = 0;
			c->nh++;
		}
		if (lk->end >= 0)
			c->content = lk->end;
		free(lk->h);
		lk->h = NULL;
	}
	all = c->merged == c->nlooks;
	h = c->h;
	/* A table of contents: a run of division headings with nothing
	 * between them, in which a sequence restarts (第一章 … 第五章 then
	 * 第一章 again) — the body begins where it restarts.  A run is
	 * decided once something else follows it and, if it needs one, a
	 * heading after it brings its first back — or once every piece is
	 * in. */
	while (c->run < c->nh) {
		size_t restart = 0;
		int twice = 0;

		i = c->run;
		for (j = i + 1; j < c->nh && !h[j].content_before; j++)
			;
		if (j == c->nh && !c->content && !all)
			break;	/* the run may go on in the next piece */
		for (k = i + 1; k < j && !restart; k++)
			if (h[k].kind == h[i].kind && h[k].number == h[i].number &&
			    h[k].insert == h[i].insert)
				restart = k;
		for (k = i + 1; k < j && !twice; k++)
			if (h[k].kind == h[k - 1].kind)
				twice = 1;
		if (!restart && twice) {
			/* the body starts later: the first entry comes back */
			size_t m;

			for (m = j; m < c->nh; m++)
				if (h[m].kind == h[i].kind && h[m].number == h[i].number)
					break;
			if (m < c->nh)
				restart = j;
			else if (!all)
				break;	/* a piece to come may bring it back */
		}
		for (k = i; k < restart; k++) {
			if (c->ntoc == c->toccap) {
				c->toccap = c->toccap ? c->toccap * 2 : 16;
				c->toc = rb_xrealloc(c->toc, c->toccap * sizeof(*c->toc));
			}
			c->toc[c->ntoc++] = h[k].line;
		}
		c->run = j;
	}
}

/* ---- what the whole body decides, asked while it is read ----
 *
 * The blocks are read as the pieces come (rb_md_next), so what depends on
 * the whole body is asked for when needed: a flag once set is final, and
 * while it is not set, the pieces after are waited for until one sets it
 * or all are in. */

/* Join one more piece and merge its look: 0 when all are in. */
static int
more(struct mctx *c)
{
	if (!rb_md_more(c->tree))
		return 0;
	merge_looks(c);
	return 1;
}

static cmark_node *
next_block(struct mctx *c, cmark_node *b)
{
	cmark_node *nx = rb_md_next(c->tree, b);

	merge_looks(c);
	return nx;
}

/* A flag of the whole body (has_articles, has_outline_head): the pieces
 * are joined until one sets it or all are in. */
static int
body_flag(struct mctx *c, const int *flag)
{
	while (!*flag && more(c))
		;
	return *flag;
}

/* Is there a <!-- INFO END --> block?  Not when its text is nowhere. */
static int
has_info_end(struct mctx *c)
{
	static const char marker[] = "<!-- INFO END -->";

	if (!c->has_info_end && c->info_end_written < 0)
		c->info_end_written = rb_memfind(c->body, c->body_len, marker,
						 sizeof(marker) - 1) != NULL;
	while (!c->has_info_end && c->info_end_written && more(c))
		;
	return c->has_info_end;
}

/* Is the heading at line (of a piece joined) in the table of contents? */
static int
toc_line(struct mctx *c, int line)
{
	size_t i;

	while (c->run < c->nh && (unsigned)line >= c->h[c->run].line && more(c))
		;
	for (i = 0; i < c->ntoc; i++)
		if (c->toc[i] == (unsigned)line)
			return 1;
	return 0;
}

/* ---- front matter ---- */

/* Length of a "---" front matter block (through its closing line), 0 when
 * there is none; *yaml_len is what libyaml reads. */
static size_t
front_matter(const char *s, size_t n, size_t *yaml_len, int *unclosed)
{
	size_t i;

	*unclosed = 0;
	if (n < 4 || strncmp(s, "---", 3) != 0)
		return 0;
	for (i = 3; i < n && is_blank(s[i]); i++)
		;
	if (i < n && s[i] != '\n')
		return 0;
	i++;
	while (i <= n) {
		const char *nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
		size_t e = nl ? (size_t)(nl - s) : n, k = e;

		while (k > i && is_blank(s[k - 1]))
			k--;
		if (k - i == 3 && (!strncmp(s + i, "---", 3) || !strncmp(s + i, "...", 3))) {
			*yaml_len = i;
			return nl ? e + 1 : e;
		}
		if (!nl)
			break;
		i = e + 1;
	}
	*unclosed = 1;
	return 0;
}

/* ---- the loader ---- */

static void
choose_profile(struct mctx *c, const rb_load_opts *opts)
{
	rb_document *doc = c->doc;

	if (opts && opts->profile) {
		doc->profile = opts->profile;
		return;
	}
	if (doc->profile_stated)
		return;
	if (opts && opts->default_profile)
		doc->profile = opts->default_profile;
	else if (!c->has_cjk)
		doc->profile = rb_profile_lookup("en-handbook");
	else if (!c->has_articles && c->has_dun)
		doc->profile = rb_profile_lookup("cn-gongwen");
}

/* The document's profile: chosen once the flags it depends on are final
 * (a label written wrongly is judged by it while the body is read). */
static const rb_profile *
profile(struct mctx *c)
{
	const rb_load_opts *o = c->opts;

	if (!c->profile_chosen) {
		if (!((o && (o->profile || o->default_profile)) || c->doc->profile_stated ||
		      !c->has_cjk || c->has_articles))
			while (more(c))
				;
		choose_profile(c, o);
		c->profile_chosen = 1;
	}
	return c->doc->profile;
}

/* A part of a code (合同编) or a run of amendments (宪法修正案) starts where
 * its first article says. */
static void
recognise_start(struct mctx *c)
{
	rb_document *doc = c->doc;
	const char *title = rb_document_title(doc), *sub = rb_meta_get(doc, "subtitle");
	const char *t = sub && *sub ? sub : title;
	size_t n = strlen(t);
	const rb_node *a = c->first_article;

	if (doc->start || !a || a->number <= 1 || a->insert)
		return;
	if ((n >= 3 && (!strcmp(t + n - 3, "编") || !strcmp(t + n - 3, "編"))) ||
	    strstr(title, "修正案"))
		doc->start = a->number;
}

/* Load the Markdown of data[body, end) as one document; the front
 * matter (when fm) is data[0, yaml_len). */
static rb_document *
load_document(const char *name, const char *data, size_t len, size_t body, size_t end,
	      size_t yaml_len, int title_level, const rb_load_opts *opts, rb_diags *d)
{
	struct mctx c;
	cmark_node *b, *next;
	rb_md_tree *tree;
	const char *p;
	rb_md_look look;
	unsigned i;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.src = data;
	c.len = len;
	c.title_level = title_level;
	c.max_depth = opts && opts->max_depth ? opts->max_depth : DEFAULT_MAX_DEPTH;
	c.doc = rb_document_new(name, RB_DOCUMENT);
	rb_lines_init(&c.lines, data, len);
	c.doc->root->line = body ? rb_lines_line(&c.lines, body) : 1;
	c.doc->root->column = 1;
	rb_buf_init(&c.preamble);
	rb_buf_init(&c.para);
	c.stack[0].node = c.doc->root;
	c.nstack = 1;
	c.history_open = 1;
	c.body = data + body;
	c.body_len = end - body;
	c.opts = opts;
	c.content = 1;
	c.info_end_written = -1;
	for (p = data; p < data + len; p++)
		if ((unsigned char)*p >= 0xE3 && (unsigned char)*p <= 0xE9) {
			c.has_cjk = 1;
			break;
		}

	if (yaml_len) {
		rb_load_front_matter(c.doc, name, data, yaml_len, opts, d);
		c.fm_title = c.doc->root->title;
	}
	for (i = 0; i < c.lines.n && c.lines.start[i] < body; i++)
		;
	c.line0 = i;
	RB_TRACE_AT("lines");
	look.begin = look_begin;
	look.piece = look_piece;
	look.ctx = &c;
	rb_md_parse(&c.lines, data + body, end - body, opts ? opts->threads : 1, &look, &tree);
	c.tree = tree;
	merge_looks(&c);
	RB_TRACE_AT("cmark");
	/* the blocks read as the pieces come, each freed once read (a block
	 * looks ahead at the next one, never back): cmark's tree and ours
	 * are not both whole at once */
	for (b = next_block(&c, NULL); b; b = next) {
		next = next_block(&c, b);
		block(&c, b);
		rb_md_release(tree, next);
	}
	profile(&c);	/* every piece is in: the flags are final */
	rb_md_tree_free(tree);
	free(c.looks);
	free(c.h);
	RB_TRACE_AT("convert");

	if (c.preamble.len) {
		const char *fmp = c.doc->preamble;

		c.doc->preamble = fmp && *fmp ? rb_arena_printf(c.doc->arena, "%s\n\n%s", fmp,
								c.preamble.data)
					      : arena_text(&c, c.preamble.data, c.preamble.len);
	}
	if (c.traditional && !rb_meta_get(c.doc, "lang"))
		c.doc->lang = "zh-Hant";
	recognise_start(&c);
	rb_buf_free(&c.preamble);
	rb_buf_free(&c.para);
	rb_lines_free(&c.lines);
	free(c.toc);
	return c.doc;
}

/* ---- a book in one file: front matter with handbook:, then # parts
 * and ## documents ---- */

/* Does the front matter name a handbook (a line "handbook:")? */
static int
names_handbook(const char *yaml, size_t n)
{
	size_t i;

	for (i = 0; i + 9 <= n; i++)
		if ((i == 0 || yaml[i - 1] == '\n') && !memcmp(yaml + i, "handbook:", 9))
			return 1;
	return 0;
}

/* The ATX heading level (1 or 2) of the line at s, else 0; *text is
 * where its text starts. */
static int
atx_level(const char *s, size_t n, size_t *text)
{
	size_t i = 0, h;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	for (h = 0; i + h < n && s[i + h] == '#'; h++)
		;
	if (h < 1 || h > 2 || (i + h < n && s[i + h] != ' ' && s[i + h] != '\t' && s[i + h] != '\n'))
		return 0;
	i += h;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	*text = i;
	return (int)h;
}

/* Is the line at s a code fence (``` or ~~~)? */
static int
is_fence(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	return n - i >= 3 && (!memcmp(s + i, "```", 3) || !memcmp(s + i, "~~~", 3));
}

static char *
trimmed(rb_document *doc, const char *s, size_t n)
{
	while (n && (s[0] == '\n' || s[0] == ' ' || s[0] == '\r'))
		s++, n--;
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	return rb_arena_strndup(doc->arena, s, n);
}

static rb_document *
load_book(const char *name, const char *data, size_t len, size_t fm, size_t yaml_len,
	  const rb_load_opts *opts, rb_diags *d)
{
	rb_document *book = rb_document_new(name, RB_BOOK);
	rb_node *parent = book->root, *part = NULL;
	rb_load_opts sub;
	size_t off = fm, chunk = (size_t)-1, gap = fm;
	int fence = 0;
	rb_lines lines;

	book->root->line = 1;
	book->root->column = 1;
	rb_load_front_matter(book, name, data, yaml_len, opts, d);
	sub = opts ? *opts : (rb_load_opts){ 0 };
	sub.in_manifest = 1;
	if (book->profile_stated && !sub.default_profile)
		sub.default_profile = book->profile;
	rb_lines_init(&lines, data, len);
	for (;;) {
		const char *nl = off < len ? memchr(data + off, '\n', len - off) : NULL;
		size_t eol = nl ? (size_t)(nl - data) + 1 : len, t = 0;
		int level = 0;

		if (off < len && is_fence(data + off, eol - off))
			fence = !fence;
		else if (off < len && !fence)
			level = atx_level(data + off, eol - off, &t);
		if (level || off >= len) {
			/* what ran up to here: a document, a part's text, the
			 * book's preamble */
			if (chunk != (size_t)-1) {
				rb_document *doc = load_document(name, data, len, chunk, off, 0, 2,
								 &sub, d);

				book->docs = rb_xrealloc(book->docs,
							 (book->ndocs + 1) * sizeof(rb_document *));
				book->docs[book->ndocs++] = doc;
				rb_node_append(parent, doc->root);
			} else if (off > gap) {
				char *text = trimmed(book, data + gap, off - gap);

				if (*text && part)
					part->text = text;
				else if (*text)
					book->preamble = text;
			}
			chunk = (size_t)-1;
			gap = eol;
		}
		if (off >= len)
			break;
		if (level == 1) {
			size_t e = eol;

			while (e > off + t && (data[e - 1] == '\n' || data[e - 1] == ' ' ||
					       data[e - 1] == '#' || data[e - 1] == '\r'))
				e--;
			part = rb_node_new(book, RB_PART);
			part->title = rb_arena_strndup(book->arena, data + off + t, e - off - t);
			part->line = rb_lines_line(&lines, off);
			part->column = 1;
			rb_node_append(book->root, part);
			parent = part;
		} else if (level == 2)
			chunk = off;
		off = eol;
	}
	rb_lines_free(&lines);
	return book;
}

/* cmark ends a line at a lone \r as at \n; this loader scans for \n.
 * A copy with each lone \r made \n keeps every offset and agrees with
 * both (NULL when there is none). */
static char *
lone_cr_to_lf(const char *data, size_t len)
{
	const char *cr = memchr(data, '\r', len);
	char *s;
	size_t i;

	for (; cr && (size_t)(cr - data) + 1 < len && cr[1] == '\n';
	     cr = memchr(cr + 2, '\r', len - (size_t)(cr + 2 - data)))
		;
	if (!cr)
		return NULL;
	s = rb_xmalloc(len + 1);
	memcpy(s, data, len);
	s[len] = '\0';
	for (i = (size_t)(cr - data); i < len; i++)
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			s[i] = '\n';
	return s;
}

rb_document *
rb_load_markdown(const char *name, const char *data, size_t len, const rb_load_opts *opts,
		 rb_diags *d)
{
	size_t fm, yaml_len = 0;
	int unclosed;

	char *lf;
	rb_document *doc;

	RB_TRACE_AT("read");
	if (!rb_input_ok(name, data, len, d))
		return NULL;	/* the library takes text, whoever calls it */
	RB_TRACE_AT("validate");
	if ((lf = lone_cr_to_lf(data, len)))
		data = lf;
	fm = front_matter(data, len, &yaml_len, &unclosed);
	if (unclosed)
		rb_diag_report(d, RB_D_INPUT_SYNTAX, name, 1, 1,
			       "front matter opened here is never closed: end it with a '---' line");
	if (fm && names_handbook(data, yaml_len))
		doc = load_book(name, data, len, fm, yaml_len, opts, d);
	else
		doc = load_document(name, data, len, fm, len, fm ? yaml_len : 0, 1, opts, d);
	free(lf);
	if (doc && opts)
		doc->threads = opts->threads;	/* for the passes */
	return doc;
}
