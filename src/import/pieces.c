/* The second stage of the importer: a kept line that holds several
 * clauses is cut into pieces, one a clause — a title then 第一条, …原则。
 * 第二章 — each piece keeping its line and column in the text.  Inline
 * lists (1)…;(2)… are cut later, once their lines are joined (join.c). */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "mem/mem.h"
#include "text/text.h"

/* A label at s[0..n) for splitting purposes: "l)" (the letter for 1) is
 * read as 1). */
int
imp_label_at(const char *s, size_t n, rb_label *lab)
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

int
imp_is_division_unit(const char *u)
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
	int alone;	/* cut on its own, not as a member of a list */
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

/* Where text s[0..n) splits, into cuts[] (at most max, ascending):
 * CUT_DIVISIONS before 第N条/章/节 after a blank or 。；; CUT_LISTS
 * before the members of an inline list (1)…;(2)… numbered on from 1
 * (or from the text's own label). */
size_t
imp_find_cuts(const char *s, size_t n, unsigned what, size_t *cuts, size_t max)
{
	struct cand cands[64];
	size_t nc = 0, i, k, ncut = 0, j;
	uint32_t prev = 0, solid = 0, cp;
	rb_label lab, own;
	int has_own = imp_label_at(s, n, &own);

	for (i = 0; i < n; i += k) {
		cp = cp_at(s + i, n - i, &k);
		if (i > 0 && nc < 64 && (cp == 0x7B2C || cp == '(' || cp == 0xFF08 || cp == 'l' ||
					  (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x3220 && cp <= 0x3229) ||
					  is_digit_cp(cp) || (is_cn_digit(cp) && (what & CUT_LISTS))) &&
		    !is_digit_cp(prev) && !is_cn_digit(prev) && imp_label_at(s + i, n - i, &lab)) {
			int after_stop = prev == 0x3002 || prev == 0xFF1B || prev == ';' || prev == ' ' ||
			    prev == 0x3000 || prev == 0xFF1A || prev == ':' || prev == 0x3001;

			if ((what & CUT_DIVISIONS) && imp_ordinal(lab.style) &&
			    imp_is_division_unit(lab.unit) &&
			    (prev == ' ' || prev == 0x3000 || prev == 0x3002 || prev == 0xFF1B) &&
			    (i + lab.len == n || lab.sep_len ||
			     (rb_prefix(s + i + lab.len, n - i - lab.len, "、") &&
			      !rb_prefix(s + i + lab.len + 3, n - i - lab.len - 3, "第")))) {
				cands[nc].off = i;
				cands[nc].alone = 0;
				cands[nc++].lab = lab;
			} else if ((what & CUT_DIVISIONS) && solid == 0x3002 && prev == ' ' &&
				   lab.style == RB_STYLE_CN_PAREN && lab.number == 1 && lab.len < n - i) {
				/* …的党员。 (一)流动党员管理工作的总体要求: a sentence
				 * ends, the line goes on with a first item */
				cands[nc].off = i;
				cands[nc].alone = 1;
				cands[nc++].lab = lab;
			} else if ((what & CUT_LISTS) && after_stop &&
				   (is_inline_style(lab.style) ||
				    (lab.style == RB_STYLE_CN_DUN && has_own && own.style == RB_STYLE_CN_DUN)) &&
				   !imp_weak_label(s + i, n - i, &lab)) {
				cands[nc].off = i;
				cands[nc].alone = 0;
				cands[nc++].lab = lab;
			}
		}
		if (!is_space_cp(cp) || cp == ' ')
			prev = cp;
		if (!is_space_cp(cp))
			solid = cp;
	}
	for (i = 0; i < nc && ncut < max; i++) {
		const rb_label *a = &cands[i].lab;
		int want, own_style = has_own && own.style == a->style;

		if (imp_ordinal(a->style) || cands[i].alone) {
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
	size_t cuts[64], ncut = imp_find_cuts(l->s, l->len, CUT_DIVISIONS, cuts, 64), i, start = 0;

	for (i = 0; i < ncut; i++) {
		add_piece(v, n, cap, l, start, cuts[i]);
		start = cuts[i];
	}
	add_piece(v, n, cap, l, start, l->len);
}

void
imp_cut_pieces(const struct ictx *c, struct piece **v, size_t *n)
{
	size_t cap = 0, i;

	*v = NULL;
	*n = 0;
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].len && !c->lines[i].drop)
			split_line(&c->lines[i], v, n, &cap);
}
