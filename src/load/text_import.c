/* The text importer (SPEC §3.3): legacy plain-text regulations — web
 * pages, PDF extractions, compilations of many regulations — become a
 * book in canonical Markdown.  Pipeline:
 *
 *   lines   normalised (blanks trimmed), boilerplate dropped by the rules
 *           file, page numbers, running headers and tables of contents
 *           dropped; every dropped line is kept in a list (--verbose)
 *   pieces  inline splits: a line holding several clauses (a list
 *           (1)…;(2)…, a title then 第一条, …原则。 第二章) becomes several
 *   blocks  pieces joined across hard wraps (no space between CJK), with
 *           the wrap traps of §3.3 kept as text (二、三线, 每周/三、四下午,
 *           安全第/一、, 十/一、 = 十一、, 6、12月份)
 *   book    blocks segmented into parts (第一篇), regulations (titles,
 *           institution + title pairs), preambles and clauses, written as
 *           Markdown the Markdown loader reads back (levels of items are
 *           inferred there, by order of appearance)
 *
 * Every piece of Markdown written is mapped back to its line and column
 * in the text, so diagnostics on the Markdown point at the .txt. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "internal.h"
#include "load.h"

/* ---- characters ---- */

static uint32_t
cp_at(const char *s, size_t n, size_t *k)
{
	uint32_t cp = 0;

	*k = rb_utf8_decode(s, n, &cp);
	if (!*k)
		*k = 1;
	return cp;
}

static int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000 || cp == 0xA0 ||
	    cp == 0x2002 || cp == 0x2003 || cp == 0xFEFF || cp == 0x200B;
}

/* Punctuation a paragraph may end with. */
static int
in_set(uint32_t cp, const uint32_t *set)
{
	for (; *set; set++)
		if (*set == cp)
			return 1;
	return 0;
}

static int
is_final(uint32_t cp)
{
	static const uint32_t f[] = { 0x3002, 0xFF1B, ';', 0xFF01, '!', 0xFF1F, '?', 0x2026,
		0xFF09, ')', 0x201D, 0x300D, 0x300F, 0x3011, '.', 0xFF0E, 0x3009, 0x300B, '"', 0 };

	return in_set(cp, f);
}

/* Punctuation inside a sentence (a title holds none of it). */
static int
is_sentence_punct(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';' ||
	    cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?';
}

/* A character no line may start with (禁则): a line starting with one
 * continues the one before. */
static int
is_no_start(uint32_t cp)
{
	static const uint32_t f[] = { 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
		0xFF09, 0x300B, 0x300D, 0x300F, 0x3011, 0x201D, 0x2019, 0x2026, ',', ';', 0 };

	return in_set(cp, f);
}

static int
is_cn_digit(uint32_t cp)
{
	return cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 || cp == 0x56DB || cp == 0x4E94 ||
	    cp == 0x516D || cp == 0x4E03 || cp == 0x516B || cp == 0x4E5D || cp == 0x5341 ||
	    cp == 0x96F6 || cp == 0x3007 || cp == 0x767E || cp == 0x5343;
}

static int
isdigit_ascii(char ch)
{
	return ch >= '0' && ch <= '9';
}

static int
is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Width of s in columns (wide: CJK 2). */
static size_t
width(const char *s, size_t n)
{
	return rb_str_width(s, n, 0);
}

static size_t
chars(const char *s, size_t n)
{
	return rb_utf8_count(s, n);
}

static int heading_like(const char *s, size_t n);
struct block;
static int reg_title(const struct block *b);
static int is_attachment(const struct block *b);
static int sentence(const char *s, size_t n);
static int weak_label(const char *s, size_t n, const rb_label *lab);

/* ---- the lines of the text ---- */

enum drop {
	KEEP, D_RULE, D_PAGE, D_HEADER, D_TOC, D_TITLE
};

struct tline {
	char *s;		/* trimmed text (NUL-terminated, in the copy) */
	size_t len;
	unsigned no, col;	/* position of s in the text (1-based) */
	enum drop drop;
	const char *rule;	/* D_RULE: the rule's name */
};

/* A piece of a line, or a line: text plus where it starts. */
struct piece {
	const char *s;
	size_t len;
	unsigned no, col;
};

/* A position map entry: Markdown (line, byte offset in that line) comes
 * from text (line, column). */
struct rb_import_seg {
	unsigned mdline;
	size_t mdoff;
	unsigned line, col;
};

struct rule {
	char *name;
	regex_t re;
};

struct ictx {
	const char *name;
	rb_diags *d;
	char *copy;
	struct tline *lines;
	size_t nlines;
	struct rule *rules;
	size_t nrules;
	rb_import *out;
	rb_buf *md;
	unsigned mdline;	/* current Markdown line (1-based) */
	size_t mdbol;		/* offset of its start */
};

static void
add_seg(struct ictx *c, unsigned line, unsigned col)
{
	rb_import *o = c->out;
	struct rb_import_seg *s;

	if (o->nsegs == o->capsegs) {
		o->capsegs = o->capsegs ? 2 * o->capsegs : 256;
		o->segs = rb_xrealloc(o->segs, o->capsegs * sizeof(*o->segs));
	}
	s = &o->segs[o->nsegs++];
	s->mdline = c->mdline;
	s->mdoff = c->md->len - c->mdbol;
	s->line = line;
	s->col = col;
}

static void
md_newline(struct ictx *c)
{
	rb_buf_putc(c->md, '\n');
	c->mdline++;
	c->mdbol = c->md->len;
}

static void
md_puts(struct ictx *c, const char *s)
{
	for (; *s; s++) {
		rb_buf_putc(c->md, *s);
		if (*s == '\n') {
			c->mdline++;
			c->mdbol = c->md->len;
		}
	}
}

/* ---- rules ---- */

static char *
dup_n(const char *s, size_t n)
{
	char *r = rb_xmalloc(n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static void
rules_free(struct ictx *c)
{
	size_t i;

	for (i = 0; i < c->nrules; i++) {
		regfree(&c->rules[i].re);
		free(c->rules[i].name);
	}
	free(c->rules);
}

/* Parse a rules file: "NAME  REGEX" per line, # comments. */
static int
rules_parse(struct ictx *c, const char *name, const char *text)
{
	const char *p = text;
	unsigned no = 0;
	int ok = 1;

	while (*p) {
		const char *e = strchr(p, '\n'), *q, *r, *x;
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *re;
		int err;

		no++;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
			n--;
		for (q = p; q < p + n && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < p + n && *q != '#') {
			for (r = q; r < p + n && *r != ' ' && *r != '\t'; r++)
				;
			x = r;
			while (x < p + n && (*x == ' ' || *x == '\t'))
				x++;
			if (x == p + n) {
				rb_diag_report(c->d, RB_D_INPUT_SYNTAX, name, no, (unsigned)(q - p) + 1,
					       "a rule is a name, blanks, then a regular expression");
				ok = 0;
			} else {
				re = dup_n(x, (size_t)(p + n - x));
				c->rules = rb_xrealloc(c->rules, (c->nrules + 1) * sizeof(*c->rules));
				if ((err = regcomp(&c->rules[c->nrules].re, re,
						   REG_EXTENDED | REG_NOSUB)) != 0) {
					char msg[200];

					regerror(err, &c->rules[c->nrules].re, msg, sizeof(msg));
					regfree(&c->rules[c->nrules].re);
					rb_diag_report(c->d, RB_D_INPUT_SYNTAX, name, no,
						       (unsigned)chars(p, (size_t)(x - p)) + 1,
						       "bad regular expression: %s", msg);
					ok = 0;
				} else {
					c->rules[c->nrules].name = dup_n(q, (size_t)(r - q));
					c->nrules++;
				}
				free(re);
			}
		}
		p = e ? e + 1 : p + n;
	}
	return ok;
}

/* ---- lines ---- */

/* Split the copy into trimmed lines. */
static void
split_lines(struct ictx *c, char *s, size_t len)
{
	size_t cap = 0, i = 0;
	unsigned no = 0;

	for (i = 0; i < len; i++)	/* a lone \r ends a line too (old Mac files) */
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			s[i] = '\n';
	i = 0;
	while (i < len || (i == len && no == 0 && len)) {
		char *e = memchr(s + i, '\n', len - i);
		size_t end = e ? (size_t)(e - s) : len, a = i, b, k;
		unsigned col = 1;
		struct tline *l;

		no++;
		s[end] = '\0';
		/* leading blanks */
		while (a < end) {
			uint32_t cp = cp_at(s + a, end - a, &k);

			if (!is_space_cp(cp))
				break;
			a += k;
			col++;
		}
		/* trailing blanks */
		b = end;
		while (b > a) {
			size_t j = b - 1;
			uint32_t cp;

			while (j > a && ((unsigned char)s[j] & 0xC0) == 0x80)
				j--;
			cp = cp_at(s + j, b - j, &k);
			if (!is_space_cp(cp))
				break;
			b = j;
		}
		s[b] = '\0';
		if (c->nlines == cap) {
			cap = cap ? 2 * cap : 1024;
			c->lines = rb_xrealloc(c->lines, cap * sizeof(*c->lines));
		}
		l = &c->lines[c->nlines++];
		memset(l, 0, sizeof(*l));
		l->s = s + a;
		l->len = b - a;
		l->no = no;
		l->col = col;
		if (!e)
			break;
		i = end + 1;
	}
}

static void
drop(struct ictx *c, struct tline *l, enum drop why, const char *rule)
{
	rb_import *o = c->out;
	static const char *const names[] = { "", "", "page number", "running header",
		"table of contents", "repeated title" };

	l->drop = why;
	o->drops = rb_xrealloc(o->drops, (o->ndrops + 1) * sizeof(*o->drops));
	o->drops[o->ndrops].line = l->no;
	o->drops[o->ndrops].why = rb_xstrdup(why == D_RULE ? rule : names[why]);
	o->drops[o->ndrops].text = dup_n(l->s, l->len);
	o->ndrops++;
}

static void
apply_rules(struct ictx *c)
{
	size_t i, r;

	for (i = 0; i < c->nlines; i++) {
		struct tline *l = &c->lines[i];

		if (!l->len || l->drop)
			continue;
		for (r = 0; r < c->nrules; r++)
			if (regexec(&c->rules[r].re, l->s, 0, NULL, 0) == 0) {
				drop(c, l, D_RULE, c->rules[r].name);
				break;
			}
	}
}

/* "- 12", "- 12 -", "— 3 —", "第 3 页", "第3页 共10页", "Page 3": a page
 * number on a line of its own. */
static int
is_page_line(const char *s, size_t n)
{
	size_t i = 0, k, digits = 0;
	uint32_t cp;
	int dash = 0;

	if ((k = rb_prefix(s, n, "第"))) {
		for (i = k; i < n && (s[i] == ' ' || isdigit_ascii(s[i])); i++)
			digits += isdigit_ascii(s[i]);
		return digits && rb_prefix(s + i, n - i, "页") && (i + 3 == n ||
		    rb_prefix(s + i + 3, n - i - 3, " 共") || rb_prefix(s + i + 3, n - i - 3, "共"));
	}
	if (n > 5 && (!strncmp(s, "Page ", 5) || !strncmp(s, "page ", 5))) {
		for (i = 5; i < n && isdigit_ascii(s[i]); i++)
			digits++;
		return digits && i == n;
	}
	while (i < n) {
		cp = cp_at(s + i, n - i, &k);
		if (cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0xFF0D)
			dash++;
		else if (cp >= '0' && cp <= '9')
			digits++;
		else if (cp != ' ')
			return 0;
		i += k;
	}
	return dash && digits && digits <= 4;
}

/* The next line at or after i (step +1) or before (step -1) that is
 * neither blank nor dropped, or (size_t)-1. */
static size_t
next_kept(const struct ictx *c, size_t i, int step)
{
	while (i < c->nlines) {
		if (c->lines[i].len && !c->lines[i].drop)
			return i;
		if (step < 0 && i == 0)
			break;
		i += (size_t)(ptrdiff_t)step;
	}
	return (size_t)-1;
}

/* Page numbers on lines of their own, then running headers: a line
 * repeated through the text right beside a page number. */
static void
drop_pages(struct ictx *c)
{
	rb_strmap count;
	size_t i, j, *counts;
	int side;

	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].len && !c->lines[i].drop &&
		    is_page_line(c->lines[i].s, c->lines[i].len))
			drop(c, &c->lines[i], D_PAGE, NULL);
	/* how often each line's text comes: a counter per distinct text */
	rb_strmap_init(&count);
	counts = rb_xcalloc(c->nlines + 1, sizeof(*counts));
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].len && !c->lines[i].drop) {
			size_t *k = rb_strmap_get(&count, c->lines[i].s);

			if (!k) {
				k = &counts[i];
				rb_strmap_put(&count, c->lines[i].s, k);
			}
			++*k;
		}
	for (i = 0; i < c->nlines; i++) {
		if (c->lines[i].drop != D_PAGE)
			continue;
		for (side = -1; side <= 1; side += 2) {
			if (side < 0 && i == 0)
				continue;
			j = next_kept(c, i + (size_t)(ptrdiff_t)side, side);
			if (j != (size_t)-1 && c->lines[j].len <= 60 &&
			    *(size_t *)rb_strmap_get(&count, c->lines[j].s) >= 3)
				drop(c, &c->lines[j], D_HEADER, NULL);
		}
	}
	rb_strmap_free(&count);
	free(counts);
}

/* Page numbers glued to the end of a paragraph by PDF extraction
 * (…给予表彰。22): digits after closing punctuation, rising through the
 * text.  They are cut from the line and listed. */
static void
strip_glued_pages(struct ictx *c)
{
	size_t i;
	long last = 0;

	for (i = 0; i < c->nlines; i++) {
		struct tline *l = &c->lines[i];
		size_t n = l->len, d = 0, k;
		long v = 0;
		uint32_t before;

		if (!n || l->drop)
			continue;
		while (d < n && d < 4 && isdigit_ascii(l->s[n - 1 - d]))
			d++;
		if (!d || d > 3 || d == n)
			continue;
		before = rb_utf8_last(l->s, n - d);
		if (before != 0x3002 && before != 0xFF1B && before != 0xFF09 && before != ')' &&
		    before != 0x201D && before != 0xFF01)
			continue;
		for (k = n - d; k < n; k++)
			v = v * 10 + (l->s[k] - '0');
		if (v <= last || (last && v > last + 12) || (!last && v > 200))
			continue;
		last = v;
		{
			rb_import *o = c->out;

			o->drops = rb_xrealloc(o->drops, (o->ndrops + 1) * sizeof(*o->drops));
			o->drops[o->ndrops].line = l->no;
			o->drops[o->ndrops].why = rb_xstrdup("page number");
			o->drops[o->ndrops].text = dup_n(l->s + n - d, d);
			o->ndrops++;
		}
		l->len = n - d;
		l->s[l->len] = '\0';
	}
}

static int
contains(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit), i;

	for (i = 0; i + l <= n; i++)
		if (s[i] == lit[0] && !memcmp(s + i, lit, l))
			return 1;
	return 0;
}

/* Dot leaders of a table of contents (……………, ......, ······) on a
 * line of no sentence: an ellipsis in prose (……) is two characters. */
static int
has_leaders(const char *s, size_t n)
{
	return n <= 2000 && !sentence(s, n) &&
	    (contains(s, n, "………") || contains(s, n, "......") || contains(s, n, "······") ||
	     contains(s, n, "．．．．．．"));
}
static int
is_toc_head(const char *s, size_t n)
{
	size_t k;

	if ((k = rb_prefix(s, n, "- ")))
		s += k, n -= k;
	return (n == 6 && (!memcmp(s, "目录", 6) || !memcmp(s, "目錄", 6))) ||
	    (n == 7 && (!memcmp(s, "目 录", 7) || !memcmp(s, "目 錄", 7))) ||
	    (n == 9 && (!memcmp(s, "目　录", 9) || !memcmp(s, "目　錄", 9)));
}

/* The text after a leading label (1、 第一部分 …), or s. */
static const char *
after_label(const char *s, size_t n, size_t *rest)
{
	rb_label lab;

	if (rb_label_parse(s, n, RB_STYLE_NONE, &lab)) {
		*rest = n - lab.len - lab.sep_len;
		return s + lab.len + lab.sep_len;
	}
	*rest = n;
	return s;
}

/* Tables of contents: a 目录 line and the entries after it (dot leaders,
 * or labelled titles that come again later in the text), and dot-leader
 * lines anywhere. */
static void
drop_toc(struct ictx *c)
{
	rb_strset later;
	size_t i, j;
	rb_style toc_style;
	int toc_last;

	rb_strset_init(&later);
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].len && !c->lines[i].drop && c->lines[i].len <= 90)
			rb_strset_add(&later, c->lines[i].s);
	for (i = 0; i < c->nlines; i++) {
		struct tline *l = &c->lines[i];

		if (!l->len || l->drop)
			continue;
		if (has_leaders(l->s, l->len)) {
			drop(c, l, D_TOC, NULL);
			continue;
		}
		if (!is_toc_head(l->s, l->len))
			continue;
		drop(c, l, D_TOC, NULL);
		toc_style = RB_STYLE_NONE;
		toc_last = 0;
		for (j = next_kept(c, i + 1, 1); j != (size_t)-1; j = next_kept(c, j + 1, 1)) {
			struct tline *e = &c->lines[j];
			size_t rest, nx = next_kept(c, j + 1, 1), sp;
			const char *t = after_label(e->s, e->len, &rest);
			char key[100];
			int entry = 0;
			rb_label lab;
			int has = rb_label_parse(e->s, e->len, RB_STYLE_NONE, &lab);

			if (has_leaders(e->s, e->len))
				entry = 1;
			else if (nx != (size_t)-1 && has_leaders(c->lines[nx].s, c->lines[nx].len) &&
				 e->len <= 90)
				entry = 1;	/* a heading of the contents */
			else if (t != e->s && rest && rest < sizeof(key) && heading_like(e->s, e->len)) {
				for (sp = 0; sp < rest && t[sp] != ' '; sp++)
					;
				memcpy(key, t, sp);
				key[sp] = '\0';
				/* a title that comes again below, or the next number of
				 * the contents */
				entry = rb_strset_has(&later, key) ||
				    (has && lab.style == toc_style && lab.number > toc_last &&
				     lab.number <= toc_last + 8);
			}
			if (!entry)
				break;
			if (has && t != e->s) {
				toc_style = lab.style;
				toc_last = lab.number;
			}
			drop(c, e, D_TOC, NULL);
			i = j;
		}
	}
	rb_strset_free(&later);
}

/* ---- pieces: one line may hold several clauses ---- */

/* A label at s[0..n) for splitting purposes: "l)" (the letter for 1) is
 * read as 1). */
static int
label_at(const char *s, size_t n, rb_label *lab)
{
	if (n >= 2 && s[0] == 'l' && s[1] == ')') {
		memset(lab, 0, sizeof(*lab));
		lab->style = RB_STYLE_ARABIC_HALF_PAREN;
		lab->number = 1;
		lab->len = 2;
		return 1;
	}
	return rb_label_parse(s, n, RB_STYLE_NONE, lab);
}

static int
is_division_unit(const char *u)
{
	return !strcmp(u, "条") || !strcmp(u, "條") || !strcmp(u, "章") || !strcmp(u, "节") ||
	    !strcmp(u, "節");
}

/* Styles an inline list is written in. */
static int
is_inline_style(rb_style s)
{
	return s == RB_STYLE_ARABIC_HALF_PAREN || s == RB_STYLE_ARABIC_PAREN ||
	    s == RB_STYLE_CN_PAREN || s == RB_STYLE_CIRCLED || s == RB_STYLE_ARABIC_DUN;
}

struct cand {
	size_t off;
	rb_label lab;
};

static void
add_piece(struct piece **v, size_t *n, size_t *cap, const struct tline *l, size_t from,
	  size_t to)
{
	struct piece *p;

	while (to > from && l->s[to - 1] == ' ')
		to--;
	if (to <= from)
		return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		*v = rb_xrealloc(*v, *cap * sizeof(**v));
	}
	p = &(*v)[(*n)++];
	p->s = l->s + from;
	p->len = to - from;
	p->no = l->no;
	p->col = l->col + (unsigned)chars(l->s, from);
}

enum { CUT_DIVISIONS = 1, CUT_LISTS = 2 };

/* Where text s[0..n) splits, into cuts[] (at most max, ascending):
 * CUT_DIVISIONS before 第N条/章/节 after a blank or 。；; CUT_LISTS
 * before the members of an inline list (1)…;(2)… numbered on from 1
 * (or from the text's own label). */
static size_t
find_cuts(const char *s, size_t n, unsigned what, size_t *cuts, size_t max)
{
	struct cand cands[64];
	size_t nc = 0, i, k, ncut = 0, j;
	uint32_t prev = 0, cp;
	rb_label lab, own;
	int has_own = label_at(s, n, &own);

	for (i = 0; i < n; i += k) {
		cp = cp_at(s + i, n - i, &k);
		if (i > 0 && nc < 64 && (cp == 0x7B2C || cp == '(' || cp == 0xFF08 || cp == 'l' ||
					  (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x3220 && cp <= 0x3229) ||
					  is_digit_cp(cp) || (is_cn_digit(cp) && (what & CUT_LISTS))) &&
		    !is_digit_cp(prev) && !is_cn_digit(prev) && label_at(s + i, n - i, &lab)) {
			int after_stop = prev == 0x3002 || prev == 0xFF1B || prev == ';' || prev == ' ' ||
			    prev == 0x3000 || prev == 0xFF1A || prev == ':' || prev == 0x3001;

			if ((what & CUT_DIVISIONS) && lab.style == RB_STYLE_CN_ORDINAL &&
			    is_division_unit(lab.unit) &&
			    (prev == ' ' || prev == 0x3000 || prev == 0x3002 || prev == 0xFF1B) &&
			    (i + lab.len == n || lab.sep_len ||
			     (rb_prefix(s + i + lab.len, n - i - lab.len, "、") &&
			      !rb_prefix(s + i + lab.len + 3, n - i - lab.len - 3, "第")))) {
				cands[nc].off = i;
				cands[nc++].lab = lab;
			} else if ((what & CUT_LISTS) && after_stop &&
				   (is_inline_style(lab.style) ||
				    (lab.style == RB_STYLE_CN_DUN && has_own && own.style == RB_STYLE_CN_DUN)) &&
				   !weak_label(s + i, n - i, &lab)) {
				cands[nc].off = i;
				cands[nc++].lab = lab;
			}
		}
		if (!is_space_cp(cp) || cp == ' ')
			prev = cp;
	}
	for (i = 0; i < nc && ncut < max; i++) {
		const rb_label *a = &cands[i].lab;
		int want, own_style = has_own && own.style == a->style;

		if (a->style == RB_STYLE_CN_ORDINAL) {
			cuts[ncut++] = cands[i].off;
			continue;
		}
		/* a chain: 1 (or the text's own label + 1), then 2, 3 … */
		want = own_style ? own.number + 1 : 1;
		if (a->number != want)
			continue;
		/* members number on (a gap of one or two is a defect the
		 * check reports, not the end of the list) */
		for (j = i + 1; j < nc && cands[j].lab.style == a->style &&
		     cands[j].lab.number > cands[j - 1].lab.number &&
		     cands[j].lab.number <= cands[j - 1].lab.number + 3; j++)
			;
		if (j - i < 2 && !own_style)
			continue;
		for (k = i; k < j && ncut < max; k++)
			cuts[ncut++] = cands[k].off;
		i = j - 1;
	}
	return ncut;
}

/* A line as pieces: split where a clause starts inside it. */
static void
split_line(const struct tline *l, struct piece **v, size_t *n, size_t *cap)
{
	size_t cuts[64], ncut = find_cuts(l->s, l->len, CUT_DIVISIONS, cuts, 64), i, start = 0;

	for (i = 0; i < ncut; i++) {
		add_piece(v, n, cap, l, start, cuts[i]);
		start = cuts[i];
	}
	add_piece(v, n, cap, l, start, l->len);
}

/* ---- blocks: pieces joined across hard wraps ---- */

enum bkind {
	B_TEXT,		/* a paragraph */
	B_PART,		/* 第一篇, 第一部分 */
	B_DIV,		/* 第一章, 第一节 (with its title) */
	B_ARTICLE,	/* 第一条 … */
	B_ITEM,		/* 一、 （一） 1. … */
	B_TITLE		/* a short line without sentence punctuation */
};

struct bseg {
	size_t off;		/* in text */
	unsigned no, col;
};

struct block {
	rb_buf text;
	struct bseg *segs;
	size_t nsegs, segcap;
	enum bkind kind;
	rb_label lab;
	unsigned no;		/* first line */
	int title_like;		/* ends like a regulation title */
	/* kept as text is put, so that joining stays linear */
	size_t cols;		/* display width */
	int sentence;		/* holds sentence punctuation */
	int book, quote, paren;	/* 《 “ （ opened and not closed */
};

static void
note_cp(struct block *b, uint32_t cp)
{
	b->cols += (size_t)rb_cp_width(cp, 0);
	b->sentence |= is_sentence_punct(cp);
	b->book += cp == 0x300A ? 1 : cp == 0x300B ? -1 : 0;
	b->quote += cp == 0x201C ? 1 : cp == 0x201D ? -1 : 0;
	b->paren += cp == 0xFF08 ? 1 : cp == 0xFF09 ? -1 : 0;
}

/* Append s[0..n) of a piece that starts at (no, col) to the block; a
 * blank between two ideographs (a join left by PDF extraction: 相 結合)
 * is dropped when squeeze is set. */
static void
block_put(struct block *b, const char *s, size_t n, unsigned no, unsigned col, int squeeze)
{
	size_t i = 0, k, run = 0;
	uint32_t prev = rb_utf8_last(b->text.data ? b->text.data : "", b->text.len), cp;

	while (i < n) {
		if (run == 0) {
			if (b->nsegs == b->segcap) {
				b->segcap = b->segcap ? 2 * b->segcap : 8;
				b->segs = rb_xrealloc(b->segs, b->segcap * sizeof(*b->segs));
			}
			b->segs[b->nsegs].off = b->text.len;
			b->segs[b->nsegs].no = no;
			b->segs[b->nsegs].col = col;
			b->nsegs++;
		}
		cp = cp_at(s + i, n - i, &k);
		if (squeeze && cp == ' ' && rb_cp_is_cjk(prev) && !is_final(prev) && i + 1 < n) {
			size_t k2;
			uint32_t next = cp_at(s + i + 1, n - i - 1, &k2);

			if (rb_cp_is_cjk(next) && next != 0x7B2C && !is_digit_cp(next)) {
				i += k;
				col++;
				run = 0;
				continue;
			}
		}
		rb_buf_put(&b->text, s + i, k);
		note_cp(b, cp);
		prev = cp;
		i += k;
		col++;
		run++;
	}
}

/* Recount what block_put keeps of a block's text (after a cut). */
static void
block_rescan(struct block *b)
{
	size_t i, k;

	b->cols = 0;
	b->sentence = b->book = b->quote = b->paren = 0;
	for (i = 0; i < b->text.len; i += k)
		note_cp(b, cp_at(b->text.data + i, b->text.len - i, &k));
}

static void
block_free(struct block *b)
{
	rb_buf_free(&b->text);
	free(b->segs);
}

/* Title words: a regulation title ends with one (before a bracketed
 * note such as (试行)). */
static const char *const title_words[] = {
	"制度", "职责", "職責", "办法", "辦法", "规定", "規定", "规则", "規則", "方案", "守则",
	"守則", "细则", "細則", "条例", "條例", "意见", "意見", "规程", "規程", "标准", "標準",
	"须知", "須知", "措施", "纪律", "紀律", "公约", "公約", "章程", "流程", "准则", "準則",
	"责任制", "責任制", "汇总", "匯總", "彙總", "大全", "汇编", "匯編", "规范", "規範",
	"任务", "任務", "制度汇编", "范文", "範文", "要点", "要點", "计划", "計劃", "規范",
	"规範", "辦法", "职責", "規則", NULL
};

/* Is s a title: short, no sentence punctuation, ends with a title word? */
static int
title_like(const char *s, size_t n)
{
	size_t i, k, end = n;
	uint32_t cp, last;
	const char *const *w;


	if (n < 6 || width(s, n) > 64)
		return 0;
	for (i = 0; i < n; i += k) {
		cp = cp_at(s + i, n - i, &k);
		if (is_sentence_punct(cp) || cp == 0xFF1A || cp == ':')
			return 0;
	}
	last = rb_utf8_last(s, n);
	if (last == ')' || last == 0xFF09) {	/* a trailing (试行), (优秀20篇) */
		for (i = n; i > 0; i--)
			if (s[i - 1] == '(' || (i >= 3 && !memcmp(s + i - 3, "（", 3)))
				break;
		if (i > 0)
			end = s[i - 1] == '(' ? i - 1 : i - 3;
	}
	for (w = title_words; *w; w++) {
		size_t l = strlen(*w);

		if (end >= l && !memcmp(s + end - l, *w, l))
			return 1;
	}
	return 0;
}

/* Does s hold sentence punctuation (text, not a title or a list of
 * names)? */
static int
sentence(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i += k)
		if (is_sentence_punct(cp_at(s + i, n - i, &k)))
			return 1;
	return 0;
}

/* A heading: short, no sentence punctuation, no final punctuation. */
static int
heading_like(const char *s, size_t n)
{
	size_t i, k;
	uint32_t cp;

	if (!n || width(s, n) > 50 || is_final(rb_utf8_last(s, n)))
		return 0;
	for (i = 0; i < n; i += k) {
		cp = cp_at(s + i, n - i, &k);
		if (is_sentence_punct(cp))
			return 0;
	}
	return 1;
}

/* The item sequences open in a regulation: style and last number per
 * level, in order of appearance. */
struct seqs {
	rb_style style[16];
	int value[16];
	int n;
};

static int
seq_fits(const struct seqs *q, const rb_label *lab)
{
	int i;

	if (lab->number == 1)
		return 1;
	for (i = 0; i < q->n; i++)
		if (q->style[i] == lab->style)
			return lab->number == q->value[i] + 1 || lab->number == q->value[i];
	return 0;
}

static void
seq_push(struct seqs *q, const rb_label *lab)
{
	int i;

	for (i = 0; i < q->n; i++)
		if (q->style[i] == lab->style)
			break;
	if (i == q->n && q->n == 16)
		return;
	q->style[i] = lab->style;
	q->value[i] = lab->number;
	q->n = i + 1;
}

/* Is the label a weak one: the numeral after it runs on (二、三线,
 * 6、12月份, 三、四下午) — a list of numbers, not a clause? */
static int
weak_label(const char *s, size_t n, const rb_label *lab)
{
	size_t k, o = lab->len + lab->sep_len;
	uint32_t cp;

	if (o >= n || lab->sep_len)
		return 0;
	cp = cp_at(s + o, n - o, &k);
	if (lab->style == RB_STYLE_CN_DUN)
		return is_cn_digit(cp);
	if (lab->style == RB_STYLE_ARABIC_DUN || lab->style == RB_STYLE_ARABIC_DOT)
		return is_digit_cp(cp);
	return 0;
}

/* Does the block end inside something: 1 when it ends with 第 (安全第 /
 * 一、), an open bracket, quote or title mark, or a comma; 2 when a
 * bracket, quote or title mark opened in it is not closed. */
static int
ends_open(const struct block *b)
{
	uint32_t last = rb_utf8_last(b->text.data, b->text.len);

	if (last == 0x7B2C || last == 0xFF08 || last == '(' || last == 0x300A || last == 0x201C ||
	    last == 0x3010 || last == 0x3014 || last == 0x3001 || last == 0xFF0C || last == ',')
		return 1;
	return b->book > 0 || b->quote > 0 || b->paren > 0 ? 2 : 0;
}

struct blocks {
	struct block *v;
	size_t n, cap;
};

static struct block *
block_new(struct blocks *bs, const struct piece *p)
{
	struct block *b;

	if (bs->n == bs->cap) {
		bs->cap = bs->cap ? 2 * bs->cap : 256;
		bs->v = rb_xrealloc(bs->v, bs->cap * sizeof(*bs->v));
	}
	b = &bs->v[bs->n++];
	memset(b, 0, sizeof(*b));
	rb_buf_init(&b->text);
	rb_buf_put(&b->text, "", 0);
	b->no = p->no;
	return b;
}

static enum bkind
kind_of(const char *s, size_t n, int has, const rb_label *lab)
{
	if (has && lab->style == RB_STYLE_CN_ORDINAL) {
		if (!strcmp(lab->unit, "篇") || !strcmp(lab->unit, "部分"))
			return B_PART;
		if (!strcmp(lab->unit, "条") || !strcmp(lab->unit, "條"))
			return B_ARTICLE;
		if (is_division_unit(lab->unit) || !strcmp(lab->unit, "编") || !strcmp(lab->unit, "編"))
			return B_DIV;
		return B_TEXT;
	}
	if (has && lab->style != RB_STYLE_DECIMAL_OUTLINE && n > lab->len)
		return B_ITEM;
	if (has && lab->style == RB_STYLE_DECIMAL_OUTLINE)
		return B_ITEM;
	return heading_like(s, n) ? B_TITLE : B_TEXT;
}

/* The width hard-wrapped lines were cut at (most lines that end inside
 * a sentence have it), 0 when the text is not hard-wrapped. */
static size_t
wrap_width(const struct piece *p, size_t n)
{
	size_t hist[201], i, best = 0, total = 0;

	memset(hist, 0, sizeof(hist));
	for (i = 0; i < n; i++) {
		size_t w = width(p[i].s, p[i].len);

		if (w >= 40 && w <= 200 && !is_final(rb_utf8_last(p[i].s, p[i].len)))
			hist[w]++, total++;
	}
	for (i = 41; i < 200; i++)
		if (hist[i - 1] + hist[i] + hist[i + 1] > hist[best ? best - 1 : 0] + hist[best] +
		    hist[best + 1] || !best)
			best = i;
	if (!best || hist[best - 1] + hist[best] + hist[best + 1] < 10 ||
	    (hist[best - 1] + hist[best] + hist[best + 1]) * 4 < total)
		return 0;
	return best + 1;
}

/* heading_like of a block, from what block_put kept. */
static int
block_heading(const struct block *b)
{
	return b->text.len && b->cols <= 50 && !b->sentence &&
	    !is_final(rb_utf8_last(b->text.data, b->text.len));
}

/* Does piece p (label lab when has) continue block a rather than start a
 * block of its own? */
static int
joins(const struct block *a, size_t a_last_w, const struct piece *p, int has,
      const rb_label *lab, const struct seqs *q, size_t wrap)
{
	size_t k;
	uint32_t first = cp_at(p->s, p->len, &k), last;
	int strong = has && lab->style == RB_STYLE_CN_ORDINAL && kind_of(p->s, p->len, has, lab) != B_TEXT;
	int unfinished;

	if (a->kind == B_PART || !a->text.len)
		return 0;
	last = rb_utf8_last(a->text.data, a->text.len);
	unfinished = !is_final(last) && last != 0xFF1A && last != ':';
	if (strong)
		return last == 0x7B2C;	/* 安全第 / 一条… is rare; 第 never ends a line */
	if (ends_open(a) == 1 || is_no_start(first))
		return 1;
	if (!unfinished)
		return 0;
	if (ends_open(a) == 2)
		return 1;	/* 《医保定点医院 / 二、三线抗菌药物使用申请表》 */
	if (has && weak_label(p->s, p->len, lab))
		return 1;	/* 凡使用 / 二、三线抗菌药物 */
	if (!has && chars(p->s, p->len) <= 5 && title_like(p->s, p->len) &&
	    block_heading(a) && !title_like(a->text.data, a->text.len) &&
	    a->kind != B_DIV)
		return 1;	/* a title wrapped: …信息设备使用 / 管理制度 */
	if (a->kind == B_TITLE)
		return 0;
	if (has && !seq_fits(q, lab))
		return 1;
	if (block_heading(a))
		return 0;	/* a heading: what follows is its body */
	if (wrap && a_last_w + 8 >= wrap)
		return !has;
	if (!has && a_last_w >= 24 && !heading_like(p->s, p->len))
		return 1;
	return 0;
}

/* A numeral left at the end of a line that belongs to the label of the
 * next (十 / 一、 = 十一、): its length, 0 when none. */
static size_t
carried_numeral(const rb_buf *t, const struct piece *p, int has, const rb_label *lab)
{
	size_t i = t->len, n = 0;

	if (!has || lab->style != RB_STYLE_CN_DUN || lab->number >= 10)
		return 0;
	while (i >= 3 && n < 3) {
		size_t k;
		uint32_t cp = cp_at(t->data + i - 3, 3, &k);

		if (!is_cn_digit(cp) || k != 3)
			break;
		i -= 3;
		n++;
	}
	(void)p;
	if (!n || i == 0 || t->data[i - 1] != ' ')
		return 0;
	{
		int v;
		unsigned f;

		if (rb_cn_parse(t->data + i, t->len - i, &v, &f) != t->len - i || v % 10 != 0)
			return 0;
	}
	return t->len - i;
}

static void
form_blocks(struct piece *p, size_t np, struct blocks *bs)
{
	struct seqs q;
	struct block *a = NULL;
	size_t wrap = wrap_width(p, np), a_last_w = 0, i;

	memset(&q, 0, sizeof(q));
	for (i = 0; i < np; i++) {
		rb_label lab;
		int has = label_at(p[i].s, p[i].len, &lab);
		size_t carry;
		enum bkind kind;

		if (a && joins(a, a_last_w, &p[i], has, &lab, &q, wrap)) {
			uint32_t l = rb_utf8_last(a->text.data, a->text.len);

			if (l < 0x80 && l != ' ' && p[i].s[0] > 0 && p[i].s[0] != ' ' &&
			    !(l == '(' || p[i].s[0] == ')'))
				{ rb_buf_putc(&a->text, ' '); a->cols++; }	/* Latin words stay apart */
			block_put(a, p[i].s, p[i].len, p[i].no, p[i].col,
				  sentence(p[i].s, p[i].len) || a->sentence);
			a_last_w = width(p[i].s, p[i].len);
			continue;
		}
		carry = a ? carried_numeral(&a->text, &p[i], has, &lab) : 0;
		kind = kind_of(p[i].s, p[i].len, has, &lab);
		{
			struct block *b = block_new(bs, &p[i]);

			a = bs->n >= 2 ? &bs->v[bs->n - 2] : NULL;
			if (carry && a) {
				/* 十 / 一、 → 十一、: move the numeral down */
				size_t at = a->text.len - carry, s;
				unsigned no = 0, col = 0;

				for (s = a->nsegs; s > 0; s--)
					if (a->segs[s - 1].off <= at) {
						no = a->segs[s - 1].no;
						col = a->segs[s - 1].col + (unsigned)chars(a->text.data + a->segs[s - 1].off,
											   at - a->segs[s - 1].off);
						break;
					}
				block_put(b, a->text.data + at, carry, no, col, 0);
				a->text.len = at;
				while (a->text.len && a->text.data[a->text.len - 1] == ' ')
					a->text.len--;
				a->text.data[a->text.len] = '\0';
				while (a->nsegs && a->segs[a->nsegs - 1].off >= a->text.len && a->nsegs > 1)
					a->nsegs--;
				block_rescan(a);
			}
			{
				size_t ll = has ? lab.len + lab.sep_len : 0;

				block_put(b, p[i].s, ll, p[i].no, p[i].col, 0);
				block_put(b, p[i].s + ll, p[i].len - ll, p[i].no,
					  p[i].col + (unsigned)chars(p[i].s, ll), sentence(p[i].s, p[i].len));
			}
			if (carry) {
				has = label_at(b->text.data, b->text.len, &lab);
				kind = kind_of(b->text.data, b->text.len, has, &lab);
			}
			b->kind = kind;
			b->lab = lab;
			if (!has)
				memset(&b->lab, 0, sizeof(b->lab));
			b->title_like = title_like(b->text.data, b->text.len);
			if (b->kind == B_ITEM)
				seq_push(&q, &b->lab);
			else if (b->kind != B_TEXT && b->kind != B_TITLE)
				memset(&q, 0, sizeof(q));
			else if (b->kind == B_TITLE && b->title_like && !has)
				memset(&q, 0, sizeof(q));
			a = b;
			a_last_w = width(p[i].s, p[i].len);
		}
	}
}

/* The position of byte off of block b's text. */
static void
block_pos(const struct block *b, size_t off, unsigned *no, unsigned *col)
{
	size_t s = 0;

	while (s + 1 < b->nsegs && b->segs[s + 1].off <= off)
		s++;
	*no = b->nsegs ? b->segs[s].no : b->no;
	*col = b->nsegs ? b->segs[s].col + (unsigned)chars(b->text.data + b->segs[s].off,
							    off - b->segs[s].off) : 1;
}

/* Block b's text [from, to) as a block of its own. */
static void
block_slice(const struct block *b, size_t from, size_t to, struct block *out)
{
	size_t i;

	while (to > from && b->text.data[to - 1] == ' ')
		to--;
	memset(out, 0, sizeof(*out));
	rb_buf_init(&out->text);
	rb_buf_put(&out->text, b->text.data + from, to - from);
	out->segcap = b->nsegs + 1;
	out->segs = rb_xmalloc(out->segcap * sizeof(*out->segs));
	out->segs[0].off = 0;
	block_pos(b, from, &out->segs[0].no, &out->segs[0].col);
	out->nsegs = 1;
	for (i = 0; i < b->nsegs; i++)
		if (b->segs[i].off > from && b->segs[i].off < to) {
			out->segs[out->nsegs] = b->segs[i];
			out->segs[out->nsegs].off -= from;
			out->nsegs++;
		}
	out->no = out->segs[0].no;
}

/* Inline lists (会议内容包括：(1)传达上级文件;(2)研究…;(3)…) become one
 * item per member; joining lines first lets a list run over a wrap. */
static void
split_lists(struct blocks *bs)
{
	struct blocks nb;
	size_t i, cuts[64], ncut, k;

	memset(&nb, 0, sizeof(nb));
	for (i = 0; i < bs->n; i++) {
		struct block *b = &bs->v[i];

		ncut = b->kind == B_TEXT || b->kind == B_ITEM || b->kind == B_ARTICLE ?
		    find_cuts(b->text.data, b->text.len, CUT_LISTS, cuts, 64) : 0;
		if (nb.n + ncut + 1 > nb.cap) {
			nb.cap = 2 * (nb.n + ncut + 1) + 64;
			nb.v = rb_xrealloc(nb.v, nb.cap * sizeof(*nb.v));
		}
		if (!ncut) {
			nb.v[nb.n++] = *b;
			continue;
		}
		for (k = 0; k <= ncut; k++) {
			struct block *o = &nb.v[nb.n++];
			int has;

			block_slice(b, k ? cuts[k - 1] : 0, k < ncut ? cuts[k] : b->text.len, o);
			has = label_at(o->text.data, o->text.len, &o->lab);
			if (!has)
				memset(&o->lab, 0, sizeof(o->lab));
			o->kind = k ? B_ITEM : b->kind;
			o->title_like = 0;
		}
		block_free(b);
	}
	free(bs->v);
	*bs = nb;
}

/* ---- Markdown ---- */

/* Write text[from, to) of block b as Markdown inline text, escaping what
 * Markdown would read as syntax; at_start: the text begins a block. */
static void
put_text(struct ictx *c, const struct block *b, size_t from, size_t to, int at_start)
{
	size_t s = 0, i;

	while (s + 1 < b->nsegs && b->segs[s + 1].off <= from)
		s++;
	for (i = from; i < to; i++) {
		char ch = b->text.data[i];
		int esc = 0;

		if (s < b->nsegs && (i == from || (s + 1 < b->nsegs && b->segs[s + 1].off == i))) {
			if (i != from)
				s++;
			add_seg(c, b->segs[s].no, b->segs[s].col +
				(unsigned)chars(b->text.data + b->segs[s].off, i - b->segs[s].off));
		}
		switch (ch) {
		case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
		case '{': case '}': case '&': case '|': case '$':
			esc = 1;
			break;
		case '#': case '-': case '+': case '=': case '~':
			/* block syntax at the start of a line (N. and N) stay: an
			 * ordered list is read as items, as the labels they are) */
			esc = at_start && i == from;
			break;
		default:
			break;
		}
		if (esc) {
			rb_buf_putc(c->md, '\\');
			/* columns after the backslash are one further on */
			add_seg(c, b->segs[s].no, b->segs[s].col +
				(unsigned)chars(b->text.data + b->segs[s].off, i - b->segs[s].off));
		}
		rb_buf_putc(c->md, ch);
	}
}

/* Letter-spaced titles (总 则, 職 業 健 康): single characters apart,
 * from offset from on; the blanks go, positions stay right. */
static void
collapse_spacing(struct block *b, size_t from)
{
	size_t i, k, singles = 0, spaces = 0, nn = 0, s = 0, cap;
	uint32_t cp;
	rb_buf t;
	struct bseg *ns;
	int after_space = 0;

	/* every run between blanks is short: one to three ideographs, or a
	 * reading in brackets (衛(wèi)) */
	for (i = from; i <= b->text.len; i += k) {
		k = 1;
		cp = i < b->text.len ? cp_at(b->text.data + i, b->text.len - i, &k) : ' ';
		if (cp == ' ' || cp == 0x3000) {
			if (singles > 3)
				return;
			if (singles && i < b->text.len)
				spaces++;
			singles = 0;
		} else if (cp == '(') {
			const char *close = memchr(b->text.data + i, ')', b->text.len - i);

			if (!close)
				return;
			k = (size_t)(close - (b->text.data + i)) + 1;
		} else if (rb_cp_is_cjk(cp))
			singles++;
		else
			return;
	}
	if (!spaces || (spaces < 2 && b->kind != B_DIV) ||
	    width(b->text.data + from, b->text.len - from) > 80 || !b->nsegs)
		return;
	rb_buf_init(&t);
	rb_buf_put(&t, "", 0);
	cap = b->nsegs + b->text.len;
	ns = rb_xmalloc(cap * sizeof(*ns));
	for (i = 0; i < b->text.len; i += k) {
		int sp;

		cp = cp_at(b->text.data + i, b->text.len - i, &k);
		while (s + 1 < b->nsegs && b->segs[s + 1].off <= i)
			s++;
		sp = i >= from && (cp == ' ' || cp == 0x3000);
		if (!sp) {
			if (i == b->segs[s].off || after_space) {
				ns[nn].off = t.len;
				ns[nn].no = b->segs[s].no;
				ns[nn].col = b->segs[s].col +
				    (unsigned)chars(b->text.data + b->segs[s].off, i - b->segs[s].off);
				nn++;
			}
			rb_buf_put(&t, b->text.data + i, k);
		}
		after_space = sp;
	}
	free(b->segs);
	b->segs = ns;
	b->nsegs = nn;
	b->segcap = cap;
	rb_buf_free(&b->text);
	b->text = t;
}

static void
put_block_line(struct ictx *c, const char *prefix, const struct block *b, size_t from)
{
	md_puts(c, prefix);
	put_text(c, b, from, b->text.len, !*prefix);
	md_newline(c);
	md_newline(c);
}

/* Move block b's text onto the end of a (label-only 第一条 + its text). */
static void
merge_into(struct block *a, struct block *b)
{
	size_t base, i;

	if (rb_utf8_last(a->text.data, a->text.len) != ' ')
		rb_buf_putc(&a->text, ' ');
	base = a->text.len;
	rb_buf_put(&a->text, b->text.data, b->text.len);
	a->segcap = a->nsegs + b->nsegs;
	a->segs = rb_xrealloc(a->segs, a->segcap * sizeof(*a->segs));
	for (i = 0; i < b->nsegs; i++) {
		a->segs[a->nsegs] = b->segs[i];
		a->segs[a->nsegs].off += base;
		a->nsegs++;
	}
	b->text.len = 0;
	b->kind = B_TEXT;
	b->nsegs = 0;
}

/* The next block at or after i with text, or NULL. */
static struct block *
next_block(struct blocks *bs, size_t i)
{
	for (; i < bs->n; i++)
		if (bs->v[i].text.len)
			return &bs->v[i];
	return NULL;
}

static int
label_only(const struct block *b)
{
	return b->lab.len && b->lab.len + b->lab.sep_len >= b->text.len;
}

/* 2004年3月26日, 二○○五年三月十日, 二oo五年六月十六日, 2024-01-01: a
 * date on a line of its own (a regulation's closing). */
static int
is_date_line(const char *s, size_t n)
{
	size_t i = 0, k, d;
	uint32_t cp;
	int part;

	if (n >= 8 && n <= 10 && isdigit_ascii(s[0])) {	/* 2024-01-01 2024.1.1 */
		for (i = 0, d = 0; i < n; i++) {
			if (isdigit_ascii(s[i]))
				d++;
			else if (s[i] != '-' && s[i] != '.' && s[i] != '/')
				return 0;
		}
		return d >= 6;
	}
	for (part = 0; part < 3 && i < n; part++) {
		static const char *const unit[] = { "年", "月", "日" };

		for (d = 0; i < n; i += k, d++) {
			cp = cp_at(s + i, n - i, &k);
			if (!(is_digit_cp(cp) || is_cn_digit(cp) || cp == 0x25CB || cp == 'o' || cp == 'O'))
				break;
		}
		if (!d || d > (part ? 3 : 4) || !rb_prefix(s + i, n - i, unit[part]))
			return 0;
		i += 3;
	}
	return part >= 2 && i == n;
}

/* Does the closing of a regulation (a signature and a date) start at
 * block i: date lines, and short lines right before one, up to the next
 * regulation? */
static int
closing_at(struct blocks *bs, size_t i)
{
	size_t j;
	int dates = 0;

	for (j = i; j < bs->n; j++) {
		const struct block *b = &bs->v[j], *nx;

		if (!b->text.len)
			continue;
		if (b->kind == B_PART || (b->kind == B_TITLE && b->title_like) || is_attachment(b))
			break;
		if (is_date_line(b->text.data, b->text.len)) {
			dates++;
			continue;
		}
		nx = next_block(bs, j + 1);
		if (b->kind == B_TITLE && b->cols <= 40 && nx &&
		    is_date_line(nx->text.data, nx->text.len))
			continue;	/* the signature over the date */
		if (b->kind == B_TITLE && reg_title(nx))
			break;		/* the next one's institution */
		return 0;
	}
	return dates > 0;
}

/* 附: 附件1 附表: the attachments of a regulation start here. */
static int
is_attachment(const struct block *b)
{
	const char *s = b->text.data;
	size_t n = b->text.len, k;

	if (b->cols > 60 || !((k = rb_prefix(s, n, "附件")) || (k = rb_prefix(s, n, "附表")) ||
			      (k = rb_prefix(s, n, "附"))))
		return 0;
	return k == n || s[k] == ':' || s[k] == ' ' || rb_prefix(s + k, n - k, "：") ||
	    (k == 6 && (isdigit_ascii(s[k]) || is_cn_digit(cp_at(s + k, n - k, &k))));
}

/* A field of a form flattened to a line of its own (用车科室, 月 日上午
 * 时 分): a short line that is neither a title nor a clause. */
static int
form_field(const struct block *b)
{
	return b && b->kind == B_TITLE && !b->title_like && b->cols <= 16;
}

/* Blocks that open a regulation of their own: a title. */
static int
reg_title(const struct block *b)
{
	return b && b->kind == B_TITLE && b->title_like;
}

/* Block i is a titled 1 (（一）xx保密工作领导小组职责): is the 2 of its
 * style after it a title too, so that the numbers are those of
 * regulations rather than of clauses? */
static int
second_titled(struct blocks *bs, size_t i)
{
	const struct block *b = &bs->v[i];
	size_t j;

	for (j = i + 1; j < bs->n && j < i + 400; j++) {
		const struct block *x = &bs->v[j];

		if (x->kind == B_PART)
			return 0;
		if (x->kind == B_ITEM && x->lab.style == b->lab.style && x->lab.number >= 2 &&
		    x->lab.number <= 4)
			return x->title_like;
	}
	return 0;
}

static void
put_yaml_string(struct ictx *c, const char *s, size_t n)
{
	size_t i;

	rb_buf_putc(c->md, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			rb_buf_putc(c->md, '\\');
		rb_buf_putc(c->md, s[i]);
	}
	rb_buf_putc(c->md, '"');
}

/* Is a title-like line letter-spaced (会 议 制 度, 职 业 健 康 管 理 制度):
 * every run a character, or a title once closed up?  (A form's 月 日上午
 * 时 分 keeps its blanks.) */
static int
spaced_title(const struct block *b)
{
	size_t i, k, run = 0, longest = 0;
	rb_buf t;
	int title;

	for (i = 0; i < b->text.len; i += k) {
		uint32_t cp = cp_at(b->text.data + i, b->text.len - i, &k);

		if (cp == ' ' || cp == 0x3000)
			run = 0;
		else if (++run > longest)
			longest = run;
	}
	if (longest <= 1)
		return 1;
	rb_buf_init(&t);
	for (i = 0; i < b->text.len; i++)
		if (b->text.data[i] != ' ')
			rb_buf_putc(&t, b->text.data[i]);
	rb_buf_put(&t, "", 0);
	title = title_like(t.data, t.len);
	rb_buf_free(&t);
	return title;
}

static void
settle_blocks(struct blocks *bs)
{
	size_t i;

	/* letter spacing, label-only lines, titles */
	for (i = 0; i < bs->n; i++) {
		struct block *b = &bs->v[i], *nx = next_block(bs, i + 1);

		if (!b->text.len)
			continue;
		if (b->kind == B_TITLE && spaced_title(b))
			collapse_spacing(b, 0);
		if (b->kind == B_DIV && label_only(b) && nx && nx->kind == B_TITLE && !nx->title_like)
			merge_into(b, nx);
		if (b->kind == B_DIV)
			collapse_spacing(b, b->lab.len + b->lab.sep_len);
		if (b->kind == B_ARTICLE && label_only(b) && nx &&
		    (nx->kind == B_TEXT || (nx->kind == B_TITLE && !nx->title_like)))
			merge_into(b, nx);
		b->title_like = title_like(b->text.data, b->text.len);
	}
}

/* Write the blocks as a book (front matter handbook:, # parts, ##
 * regulations), or with single set as one document (# title).  Returns
 * the number of regulations; *parts receives the number of parts. */
static int
emit_book(struct ictx *c, struct blocks *bs, const char *stem, int single, int *parts)
{
	size_t i = 0;
	int in_reg = 0, just_titled = 0, loose = 0, part_open = 0, regs = 0, closed = 0;
	rb_style book_style = RB_STYLE_NONE;
	int book_last = 0;
	struct block *inst = NULL;
	const char *reg_head = single ? "# " : "## ";

	*parts = 0;
	if (single) {
		if (bs->n && bs->v[0].kind == B_TITLE) {
			put_block_line(c, "# ", &bs->v[0], 0);
			i = 1;
		}
		in_reg = 1;
	} else {
		md_puts(c, "---\nhandbook: ");
		if (bs->n && bs->v[0].kind == B_TITLE) {
			put_yaml_string(c, bs->v[0].text.data, bs->v[0].text.len);
			i = 1;
		} else
			put_yaml_string(c, stem, strlen(stem));
		md_puts(c, "\n---\n\n");
	}

	for (; i < bs->n; i++) {
		struct block *b = &bs->v[i], *nx = next_block(bs, i + 1);

		if (!b->text.len)
			continue;
		if (b->kind == B_PART) {
			book_style = RB_STYLE_NONE;	/* numbered titles restart */
			book_last = 0;
			if (nx && (reg_title(nx) || nx->kind == B_PART ||
				   (nx->kind == B_TITLE && reg_title(next_block(bs, (size_t)(nx - bs->v) + 1))))) {
				put_block_line(c, "# ", b, 0);
				part_open = 1;
				in_reg = 0;
				++*parts;
			} else {
				put_block_line(c, reg_head, b, 0);	/* a part that is one regulation */
				part_open = 0;
				in_reg = 1;
				closed = 0;
				regs++;
			}
			continue;
		}
		if (b->kind == B_TITLE && !b->title_like && reg_title(nx) && width(b->text.data, b->text.len) <= 40) {
			inst = b;	/* 玉皇小学 / 少年宫…制度: the institution */
			continue;
		}
		if (reg_title(b) ||
		    (b->kind == B_ITEM && book_style != RB_STYLE_NONE && b->lab.style == book_style &&
		     b->lab.number > book_last && (b->title_like || (loose && b->lab.number == book_last + 1 &&
				       heading_like(b->text.data, b->text.len)))) ||
		    (b->kind == B_ITEM && book_style == RB_STYLE_NONE && (!in_reg || just_titled) &&
		     b->lab.number == 1 && b->title_like && second_titled(bs, i))) {
			loose = b->kind == B_ITEM;	/* 24.計算機外存儲器保密管理 after 23. */
			if (b->kind == B_ITEM) {
				book_style = b->lab.style;
				book_last = b->lab.number;
			} else if ((reg_title(nx) || (nx && nx->kind == B_PART) || (nx && nx->kind == B_ITEM && nx->lab.number == 1 &&
						       nx->title_like && book_style == RB_STYLE_NONE &&
						       second_titled(bs, (size_t)(nx - bs->v)))) &&
				   !inst) {
				/* a title over titles: a group of regulations (the
				 * words of a part when one is open) */
				put_block_line(c, part_open ? "" : "# ", b, 0);
				*parts += !part_open;
				part_open = 1;
				in_reg = 0;
				continue;
			}
			put_block_line(c, reg_head, b, 0);
			part_open = 0;
			regs++;
			if (inst) {
				put_block_line(c, "", inst, 0);
				inst = NULL;
			}
			in_reg = 1;
			closed = 0;
			just_titled = 1;
			continue;
		}
		just_titled = 0;
		if (inst) {
			put_block_line(c, "", inst, 0);
			inst = NULL;
		}
		if (form_field(b)) {
			/* four fields or more in a row: a form, on one line */
			size_t j = i, run = 0;
			struct block *x;

			while ((x = next_block(bs, j)) != NULL && form_field(x) && !reg_title(next_block(bs, (size_t)(x - bs->v) + 1)))
				run++, j = (size_t)(x - bs->v) + 1;
			if (run >= 4) {
				for (j = i; j < bs->n; j++) {
					x = &bs->v[j];
					if (!x->text.len)
						continue;
					if (!form_field(x) || !run--)
						break;
					if (j > i)
						md_puts(c, "　");
					put_text(c, x, 0, x->text.len, j == i);
				}
				md_newline(c);
				md_newline(c);
				i = j - 1;
				continue;
			}
		}
		if (is_attachment(b)) {
			put_block_line(c, "#### ", b, 0);	/* the attachments */
			continue;
		}
		if (in_reg && !closed && closing_at(bs, i)) {
			md_puts(c, "***\n\n");	/* the closing: signature and date */
			closed = 1;
		}
		if (b->kind == B_DIV)
			put_block_line(c, "### ", b, 0);
		else
			put_block_line(c, "", b, 0);
	}
	if (inst)
		put_block_line(c, "", inst, 0);
	(void)in_reg;
	return regs;
}

/* The title of the text repeated near the top (a web page shows it
 * twice) is said once. */
static void
drop_repeated_title(struct ictx *c)
{
	size_t first = next_kept(c, 0, 1), j, seen = 0;

	if (first == (size_t)-1)
		return;
	for (j = next_kept(c, first + 1, 1); j != (size_t)-1 && seen < 8;
	     j = next_kept(c, j + 1, 1), seen++)
		if (c->lines[j].len == c->lines[first].len &&
		    !memcmp(c->lines[j].s, c->lines[first].s, c->lines[j].len)) {
			drop(c, &c->lines[j], D_TITLE, NULL);
			break;
		}
}

static char *
stem_of(const char *name)
{
	const char *slash = strrchr(name, '/'), *b = slash ? slash + 1 : name;
	const char *dot = strrchr(b, '.');

	return dup_n(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

static int
by_line(const void *a, const void *b)
{
	const rb_import_drop *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

int
rb_import_text(const char *name, const char *data, size_t len, const rb_import_opts *opts,
	       rb_import *out, rb_diags *d)
{
	struct ictx c;
	struct piece *pieces = NULL;
	size_t np = 0, cap = 0, i;
	struct blocks bs;
	char *stem;
	rb_buf md;

	memset(out, 0, sizeof(*out));
	if (!rb_input_ok(name, data, len, d))
		return 0;
	memset(&c, 0, sizeof(c));
	c.name = name;
	c.d = d;
	c.out = out;
	if (!rules_parse(&c, opts && opts->rules_name ? opts->rules_name : "(built-in rules)",
			 opts && opts->rules ? opts->rules : rb_import_rules_default)) {
		rules_free(&c);
		return 0;
	}
	c.copy = rb_xmalloc(len + 1);
	memcpy(c.copy, data, len);
	c.copy[len] = '\0';
	split_lines(&c, c.copy, len);
	apply_rules(&c);
	drop_pages(&c);
	strip_glued_pages(&c);
	drop_toc(&c);
	drop_repeated_title(&c);
	for (i = 0; i < c.nlines; i++)
		if (c.lines[i].len && !c.lines[i].drop)
			split_line(&c.lines[i], &pieces, &np, &cap);
	memset(&bs, 0, sizeof(bs));
	form_blocks(pieces, np, &bs);
	split_lists(&bs);

	rb_buf_init(&md);
	rb_buf_put(&md, "", 0);
	c.md = &md;
	c.mdline = 1;
	stem = stem_of(name);
	settle_blocks(&bs);
	{
		int parts, regs = emit_book(&c, &bs, stem, 0, &parts);

		if (regs <= 1 && !parts) {
			/* one regulation: a document of its own, not a book */
			rb_buf_reset(&md);
			rb_buf_put(&md, "", 0);
			out->nsegs = 0;
			c.mdline = 1;
			c.mdbol = 0;
			emit_book(&c, &bs, stem, 1, &parts);
		}
	}
	free(stem);
	if (out->ndrops)
		qsort(out->drops, out->ndrops, sizeof(*out->drops), by_line);
	out->len = md.len;
	out->markdown = rb_buf_detach(&md);
	out->line_start = rb_xmalloc((c.mdline + 1) * sizeof(size_t));
	out->line_start[0] = 0;
	out->nmdlines = 1;
	for (i = 0; i < out->len; i++)
		if (out->markdown[i] == '\n' && out->nmdlines <= c.mdline)
			out->line_start[out->nmdlines++] = i + 1;

	for (i = 0; i < bs.n; i++)
		block_free(&bs.v[i]);
	free(bs.v);
	free(pieces);
	free(c.lines);
	free(c.copy);
	rules_free(&c);
	return 1;
}

void
rb_import_free(rb_import *imp)
{
	size_t i;

	for (i = 0; i < imp->ndrops; i++) {
		free(imp->drops[i].why);
		free(imp->drops[i].text);
	}
	free(imp->drops);
	free(imp->segs);
	free(imp->line_start);
	free(imp->markdown);
	memset(imp, 0, sizeof(*imp));
}

/* Where a position of the Markdown (line, column in characters) comes
 * from in the text. */
void
rb_import_locate(const rb_import *imp, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = imp->nsegs, bol, off;
	const struct rb_import_seg *s = NULL;
	unsigned l = *line, k;

	if (!l || !imp->nsegs || l > imp->nmdlines)
		return;
	/* the Markdown line's start, then the byte offset of the column */
	bol = imp->line_start[l - 1];
	off = bol;
	for (k = 1; k < *col && off < imp->len && imp->markdown[off] != '\n'; k++) {
		uint32_t cp;
		size_t n = rb_utf8_decode(imp->markdown + off, imp->len - off, &cp);

		off += n ? n : 1;
	}
	off -= bol;
	/* the last segment at or before (l, off) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct rb_import_seg *m = &imp->segs[mid];

		if (m->mdline < l || (m->mdline == l && m->mdoff <= off))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		s = &imp->segs[0];
	else {
		s = &imp->segs[lo - 1];
		if (s->mdline != l && lo < imp->nsegs && imp->segs[lo].mdline == l)
			s = &imp->segs[lo];	/* before the first: the line's start */
	}
	*line = s->line;
	if (s->mdline == l && s->mdoff <= off)
		*col = s->col + (unsigned)rb_utf8_count(imp->markdown + bol + s->mdoff, off - s->mdoff);
	else
		*col = s->col;
}
