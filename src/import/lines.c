/* The first stage of the importer: the text as trimmed lines (a lone CR
 * ends a line too), and the lines that are not the regulation's marked
 * dropped, each with why (--verbose lists them): the boilerplate of the
 * rules file, page numbers (also glued to the end of a line), running
 * headers, tables of contents, the title said twice. */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "mem/mem.h"
#include "strmap.h"
#include "text/text.h"
#include "text/utf8.h"

/* ---- rules ---- */

void
imp_rules_free(struct ictx *c)
{
	size_t i;

	for (i = 0; i < c->nrules; i++) {
		regfree(&c->rules[i].re);
		free(c->rules[i].name);
	}
	free(c->rules);
}

/* Parse a rules file: "NAME  REGEX" per line, # comments. */
int
imp_rules_parse(struct ictx *c, const char *name, const char *text)
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
				re = rb_xstrndup(x, (size_t)(p + n - x));
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
					c->rules[c->nrules].name = rb_xstrndup(q, (size_t)(r - q));
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
	o->drops[o->ndrops].text = rb_xstrndup(l->s, l->len);
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
	int side, first;

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
	/* the header over the first page has no page number beside it yet:
	 * a short line that is a header twice or more elsewhere is one too
	 * (职业健康管理制度 on top of the cover of seed 000's part five) */
	rb_strmap_free(&count);
	rb_strmap_init(&count);
	memset(counts, 0, (c->nlines + 1) * sizeof(*counts));
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].drop == D_HEADER) {
			size_t *k = rb_strmap_get(&count, c->lines[i].s);

			if (!k) {
				k = &counts[i];
				rb_strmap_put(&count, c->lines[i].s, k);
			}
			++*k;
		}
	for (i = 0, first = 1; i < c->nlines; i++) {
		size_t *k;

		/* but the first line: the title of the text, said again on
		 * every page */
		if (c->lines[i].len && !c->lines[i].drop && first) {
			first = 0;
			continue;
		}
		if (c->lines[i].len && !c->lines[i].drop && c->lines[i].len <= 60 &&
		    (k = rb_strmap_get(&count, c->lines[i].s)) != NULL && *k >= 2)
			drop(c, &c->lines[i], D_HEADER, NULL);
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
			o->drops[o->ndrops].text = rb_xstrndup(l->s + n - d, d);
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
	return n <= 2000 && !imp_sentence(s, n) &&
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
			else if (t != e->s && rest && rest < sizeof(key) && imp_heading_like(e->s, e->len)) {
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

void
imp_read_lines(struct ictx *c, const char *data, size_t len)
{
	c->copy = rb_xmalloc(len + 1);
	memcpy(c->copy, data, len);
	c->copy[len] = '\0';
	split_lines(c, c->copy, len);
	apply_rules(c);
	drop_pages(c);
	strip_glued_pages(c);
	drop_toc(c);
	drop_repeated_title(c);
}
