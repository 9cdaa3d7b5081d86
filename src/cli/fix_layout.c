/*
 * check --fix for the layout a Markdown source lost, where the check
 * found it and the source shows exactly that shape:
 *
 *   a paragraph broken mid-sentence   ……从事以下行 ¶ 为：      joined
 *   an article run on                 ……的继续教育。 第三条……   split
 *   a chapter run on                  ……。第二章附则第三条……    made a heading
 *   a heading that lost its number    ## 法律责任               ## 第三章 法律责任
 *   an item that lost its label       露天烧烤食品；            （七）露天烧烤食品；
 *   a heading that lost its marks     二、导弹                  ## 二、导弹
 *   a reference missing 第 or 条       本条例四十二条            本条例第四十二条
 *
 * The number a heading or item is due, and the character a reference
 * lacks, are what the source does not show: the message names them
 * ("did you mean 第三章 法律责任?"), in whichever language, beside the
 * words the source has.  Anything else
 * — a container the split would leave, words between that are not
 * blank, a heading level no sibling shows — and there is no fix.
 */
#include <string.h>

#include "rulebook.h"
#include "text/text.h"
#include "text/utf8.h"
#include "number/style.h"
#include "fix.h"

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The character ending text[0, at). */
static uint32_t
char_before(const char *text, size_t at)
{
	return at ? rb_utf8_last(text, at) : 0;
}

/* Spaces, tabs and ideographic spaces before at, on its line. */
static size_t
spaces_before(const char *text, size_t at)
{
	while (at > 0) {
		if (text[at - 1] == ' ' || text[at - 1] == '\t')
			at--;
		else if (at >= 3 && !memcmp(text + at - 3, "\u3000", 3))
			at -= 3;
		else
			break;
	}
	return at;
}

static size_t
spaces_after(const char *text, size_t n, size_t at)
{
	size_t m;

	while (at < n && (m = rb_space_len(text + at, n - at)) > 0)
		at += m;
	return at;
}

static size_t
line_start(const char *text, size_t at)
{
	while (at > 0 && text[at - 1] != '\n')
		at--;
	return at;
}

static size_t
line_end(const char *text, size_t n, size_t at)
{
	const char *e = memchr(text + at, '\n', n - at);

	return e ? (size_t)(e - text) : n;
}

/* 第<numeral><unit> at s, a unit of units: its length, 0 when none; the
 * unit's bytes at *unit. */
static size_t
label_at(const char *s, size_t n, const char *const *units, const char **unit)
{
	size_t k, m;
	int v;
	unsigned fl;

	if (!(k = rb_prefix(s, n, "第")) || !(m = rb_cn_parse(s + k, n - k, &v, &fl)) ||
	    (fl & RB_NUM_ARABIC))
		return 0;
	for (; *units; units++)
		if (rb_prefix(s + k + m, n - k - m, *units)) {
			*unit = *units;
			return k + m + strlen(*units);
		}
	return 0;
}

/* Does a list item begin at s (- * + or 1. 1) and a space)? */
static int
list_marker(const char *s)
{
	size_t i = 0;

	if ((*s == '-' || *s == '*' || *s == '+') && (s[1] == ' ' || s[1] == '\t'))
		return 1;
	while (i < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i && (s[i] == '.' || s[i] == ')') && (s[i + 1] == ' ' || s[i + 1] == '\t');
}

/* Is the paragraph around at inside a block quote (whose prefix a split
 * would leave behind), or with lists, inside a list item (a paragraph
 * split off at the margin would leave it)? */
static int
contained(const char *text, size_t at, int lists)
{
	size_t ls = line_start(text, at), i, j;

	for (;;) {
		for (i = ls; text[i] == ' '; i++)
			;
		if (text[i] == '>')
			return 1;
		if (ls == 0)
			break;
		/* the line before: blank ends the paragraph */
		i = line_start(text, ls - 1);
		for (j = i; j < ls - 1 && blank(text[j]); j++)
			;
		if (j == ls - 1)
			break;
		ls = i;
	}
	/* ls: the paragraph's first line */
	return lists && (text[ls] == ' ' || text[ls] == '\t' || list_marker(text + ls));
}

/* ---- joined: a paragraph broken mid-sentence ---- */

static int
join(const char *text, size_t at, struct rb_cli_fix *f)
{
	size_t i = at, lines = 0;
	uint32_t c;

	while (i > 0 && blank(text[i - 1]))
		lines += text[--i] == '\n';
	c = char_before(text, i);
	/* a blank line between, the sentence's words either side */
	if (lines < 2 || !(rb_cp_ideograph(c) || c == 0xFF0C || c == 0x3001) || contained(text, at, 0))
		return 0;
	f->kind = RB_FIX_JOIN;
	return rb_cli_fix_edit(f, text, i, at - i, "");
}

/* ---- split: an article or a chapter run on ---- */

/* The marks of an ATX heading opening line ls (## and a space), 0 when
 * it is none. */
static size_t
hashes(const char *text, size_t n, size_t ls)
{
	size_t h = 0;

	while (ls + h < n && text[ls + h] == '#')
		h++;
	return h && h <= 6 && ls + h < n && text[ls + h] == ' ' ? h : 0;
}

/* The heading marks (##) of the source's heading of unit at line ls, 0
 * when it is none. */
static size_t
heading_at(const char *text, size_t n, size_t ls, const char *unit)
{
	const char *units[2] = {unit, NULL}, *u;
	size_t h = hashes(text, n, ls), s;

	if (!h)
		return 0;
	s = spaces_after(text, n, ls + h);
	return label_at(text + s, n - s, units, &u) ? h : 0;
}

/* The heading marks of the source's headings of unit, the nearest before
 * at, else after; 0 when none. */
static size_t
heading_level(const char *text, size_t n, size_t at, const char *unit)
{
	size_t ls = line_start(text, at), h;

	while (ls > 0) {
		ls = line_start(text, ls - 1);
		if ((h = heading_at(text, n, ls, unit)) > 0)
			return h;
	}
	for (ls = line_end(text, n, at) + 1; ls < n; ls = line_end(text, n, ls) + 1)
		if ((h = heading_at(text, n, ls, unit)) > 0)
			return h;
	return 0;
}

static int
split(const char *text, size_t n, size_t at, struct rb_cli_fix *f)
{
	static const char *const article[] = {"条", NULL};
	static const char *const division[] = {"章", "节", "编", NULL};
	static const char marks[] = "######";
	const char *unit;
	size_t m, s0 = spaces_before(text, at), b, e = line_end(text, n, at), t, i, h;
	char head[16];
	/* a file of CRLF lines gets CRLF lines */
	const char *blank_line = e > 0 && text[e - 1] == '\r' ? "\r\n\r\n" : "\n\n";

	if (s0 < 3 || memcmp(text + s0 - 3, "。", 3) || contained(text, at, 1))
		return 0;
	if ((m = label_at(text + at, e - at, article, &unit)) > 0) {
		f->kind = RB_FIX_SPLIT_ARTICLE;
		snprintf(f->subject, sizeof(f->subject), "%.*s", (int)m, text + at);
		return rb_cli_fix_edit(f, text, s0, at - s0, blank_line);
	}
	if (!(m = label_at(text + at, e - at, division, &unit)) ||
	    !(h = heading_level(text, n, at, unit)))
		return 0;
	/* its title: words up to the article that follows, no sentence in them */
	t = spaces_after(text, e, at + m);
	for (i = t; i < e && !label_at(text + i, e - i, article, &unit);) {
		uint32_t c;
		size_t k = rb_utf8_decode(text + i, e - i, &c);

		if (!k || c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == 0x3001 ||
		    i - t > 120)
			return 0;
		i += k;
	}
	if (i >= e)
		return 0;
	/* and the article after it a paragraph of its own */
	if ((b = spaces_before(text, i)) < at + m)
		b = at + m;
	f->kind = RB_FIX_SPLIT_HEADING;
	snprintf(f->subject, sizeof(f->subject), "%.*s", (int)m, text + at);
	snprintf(head, sizeof(head), "%s%.*s ", blank_line, (int)h, marks);
	return rb_cli_fix_edit(f, text, s0, at - s0, head) &&
	    (t > at + m || t == i || rb_cli_fix_edit(f, text, at + m, 0, " ")) &&
	    rb_cli_fix_edit(f, text, b, i - b, blank_line);
}

/* ---- restored: a heading's number, an item's label ---- */

/* The label the message names just before words (of w_len bytes): the
 * bytes from the space before it; NULL when it names none. */
static const char *
named_before(const char *msg, const char *w, size_t w_len, int space_between, size_t *len)
{
	const char *p, *q, *s;

	for (p = msg; w_len && *p; p++) {
		if (strncmp(p, w, w_len))
			continue;
		q = p;
		if (space_between) {
			if (q == msg || q[-1] != ' ')
				continue;
			q--;
		}
		for (s = q; s > msg && s[-1] != ' '; s--)
			;
		if (s < q) {
			*len = (size_t)(q - s);
			return s;
		}
	}
	return NULL;
}

static int
restore(const rb_diag *g, const char *text, size_t n, size_t at, struct rb_cli_fix *f)
{
	static const char *const division[] = {"章", "节", "编", NULL};
	size_t ls = line_start(text, at), e = line_end(text, n, at), w, k, m, len;
	const char *label, *unit;
	char ins[48];
	int v;
	unsigned fl;

	while (e > at && (text[e - 1] == ' ' || text[e - 1] == '\r'))
		e--;
	if (e <= at || label_at(text + at, e - at, division, &unit))
		return 0;
	if (text[ls] == '#') {
		/* ## 法律责任: the message names 第三章 法律责任 (## 法律责任 ##:
		 * its closing marks are no words) */
		k = e;
		while (k > at && text[k - 1] == '#')
			k--;
		if (k < e && k > at && text[k - 1] == ' ') {
			for (e = k; e > at && text[e - 1] == ' '; e--)
				;
		}
		for (k = ls; text[k] == '#'; k++)
			;
		if (spaces_after(text, e, k) != at || k == at)
			return 0;
		if (!(label = named_before(g->message, text + at, e - at, 1, &len)) ||
		    label_at(label, len, division, &unit) != len)
			return 0;
		f->kind = RB_FIX_HEADING_NUMBER;
		snprintf(ins, sizeof(ins), "%.*s ", (int)len, label);
	} else {
		/* 露天烧烤食品；: the message names （七）露天烧烤食品；, the
		 * paragraph's first words after the label */
		if (spaces_after(text, at, ls) != at || contained(text, at, 0))
			return 0;
		for (w = at, k = 0; w < e && k < 12; k++)
			w += (m = rb_utf8_decode(text + w, e - w, &(uint32_t){0})) ? m : 1;
		if (!(label = named_before(g->message, text + at, w - at, 0, &len)))
			return 0;
		/* （七） (七) 七、 7. 7、: the whole of it a label */
		k = rb_prefix(label, len, "（") + (label[0] == '(');
		if (!(m = rb_cn_parse(label + k, len - k, &v, &fl)))
			return 0;
		k += m;
		if (label[0] == '(' || rb_prefix(label, len, "（")) {
			if (!(m = rb_prefix(label + k, len - k, label[0] == '(' ? ")" : "）")))
				return 0;
		} else if (!(m = rb_prefix(label + k, len - k, "、")) && !(m = rb_prefix(label + k, len - k, "．")))
			return 0;
		if (k + m != len)
			return 0;
		f->kind = RB_FIX_ITEM_LABEL;
		snprintf(ins, sizeof(ins), "%.*s", (int)len, label);
	}
	snprintf(f->subject, sizeof(f->subject), "%s", ins);
	return rb_cli_fix_edit(f, text, at, 0, ins);
}

/* ---- marked: a heading written as a paragraph ---- */

/* The heading marks (##) of line ls when its words open with a label of
 * style, 0 when not. */
static size_t
marks_at(const char *text, size_t n, size_t ls, rb_style style)
{
	size_t h = hashes(text, n, ls), s;
	rb_label l;

	if (!h)
		return 0;
	s = spaces_after(text, n, ls + h);
	return rb_label_parse(text + s, line_end(text, n, s) - s, RB_STYLE_NONE, &l) &&
	    l.style == style ? h : 0;
}

/* 二、导弹 among ## 一、火炮 and ## 三、弹药: the marks of the nearest
 * heading of its label's style go before it.  The message says the line
 * as written, and the fix is only for that line. */
static int
marks(const rb_diag *g, const char *text, size_t n, size_t at, struct rb_cli_fix *f)
{
	size_t e = line_end(text, n, at), ls, h = 0;
	char line[160], ins[8];
	rb_label l;

	while (e > at && (text[e - 1] == ' ' || text[e - 1] == '\r'))
		e--;
	if (line_start(text, at) != at || e - at >= sizeof(line) ||
	    !rb_label_parse(text + at, e - at, RB_STYLE_NONE, &l) || l.len + l.sep_len >= e - at)
		return 0;
	memcpy(line, text + at, e - at);
	line[e - at] = 0;
	if (!strstr(g->message, line))
		return 0;
	for (ls = line_start(text, at); !h && ls > 0;) {
		ls = line_start(text, ls - 1);
		h = marks_at(text, n, ls, l.style);
	}
	for (ls = line_end(text, n, at) + 1; !h && ls < n; ls = line_end(text, n, ls) + 1)
		h = marks_at(text, n, ls, l.style);
	if (!h)
		return 0;
	snprintf(ins, sizeof(ins), "%.*s ", (int)h, "######");
	f->kind = RB_FIX_HEADING_MARKS;
	snprintf(f->subject, sizeof(f->subject), "%s", ins);
	return rb_cli_fix_edit(f, text, at, 0, ins);
}

/* ---- completed: a reference missing 第 or 条, or with 笫 ---- */

/* Is c the end of a suggestion in a message ("did you mean …?")? */
static int
suggestion_end(const char *c)
{
	return !*c || *c == '?' || !strncmp(c, "？", 3);
}

static int
reference(const rb_diag *g, const char *text, size_t n, size_t at, struct rb_cli_fix *f)
{
	static const char *const units[] = {"第", "条", "條"};
	const char *msg = g->message, *p;
	size_t e = line_end(text, n, at), l, k, r;

	for (p = msg; *p; p++) {
		const char *c;
		int lookalike = 0;

		for (l = 0; at + l < e && p[l] && p[l] == text[at + l]; l++)
			;
		/* back to a character's start */
		while (l && ((unsigned char)p[l] & 0xC0) == 0x80)
			l--;
		c = p + l;
		for (k = 0; k < 3 && strncmp(c, units[k], 3); k++)
			;
		if (k == 3)
			continue;
		if (!strncmp(c, "第", 3) && rb_prefix(text + at + l, e - at - l, "笫"))
			lookalike = 3;
		/* the rest of the suggestion is the source's, to its end */
		for (r = 0; !suggestion_end(c + 3 + r) && at + l + lookalike + r < e &&
			     c[3 + r] == text[at + l + lookalike + r]; r++)
			;
		if (!suggestion_end(c + 3 + r) || l + r < 6)
			continue;
		f->kind = RB_FIX_XREF;
		return rb_cli_fix_edit(f, text, at + l, (size_t)lookalike, units[k]);
	}
	return 0;
}

int
rb_cli_fix_layout(const rb_diag *g, const char *text, size_t n, size_t at, struct rb_cli_fix *f)
{
	if (at >= n)
		return 0;
	switch (g->code) {
	case RB_D_PARAGRAPH_BROKEN:
		return join(text, at, f);
	case RB_D_NUMBERING_RUN_IN:
		return split(text, n, at, f);
	case RB_D_NUMBERING_GAP:
		return restore(g, text, n, at, f);
	case RB_D_XREF_MALFORMED:
		return reference(g, text, n, at, f);
	case RB_D_NUMBERING_STYLE:
		return marks(g, text, n, at, f);
	default:
		return 0;
	}
}
