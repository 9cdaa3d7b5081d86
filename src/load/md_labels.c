/*
 * A label read where it stands: what the open sequences make of (i), what
 * rank a division has, whether a label continues the numbering (so that
 * clauses written on consecutive lines are split), whether an article
 * after 如下： is quoted.
 */
#include <string.h>

#include "load/md.h"
#include "number/style.h"

/* (i), (v), (x) are letters after (h), (u), (w) and roman numerals
 * otherwise: the open sequences decide. */
int
md_classify_here(const struct md_tree *t, const char *s, size_t n, struct clause_label *lab)
{
	struct clause_label alpha;
	rb_style as;

	if (!rb_classify_label(s, n, RB_STYLE_NONE, lab))
		return 0;
	if (lab->kind != L_ITEM || (lab->l.style != RB_STYLE_ROMAN_LOWER &&
				    lab->l.style != RB_STYLE_ROMAN_UPPER))
		return 1;
	as = lab->l.style == RB_STYLE_ROMAN_LOWER ? RB_STYLE_ALPHA_LOWER : RB_STYLE_ALPHA_UPPER;
	if (!rb_classify_label(s, n, as, &alpha) || alpha.l.style != as)
		return 1;
	if (md_continues_stack(t, as, alpha.l.number) ||
	    (!md_continues_stack(t, lab->l.style, lab->l.number) && lab->l.number != 1))
		*lab = alpha;
	return 1;
}

int
md_rank_of(const struct clause_label *lab)
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
int
md_bare_number(const char *s, struct clause_label *lab)
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

/* Text that introduces what follows: …内容如下： */
int
md_ends_intro(const char *t)
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
follows(const struct clause_label *lab, int last, int last_ins)
{
	return (lab->l.number == last + 1 && !lab->l.insert) ||
	    (lab->l.number == last && lab->l.insert == last_ins + 1);
}

/* Does an article label continue the document's article numbering? */
int
md_continues_article(const struct md_tree *t, const struct clause_label *lab)
{
	const rb_node *a = t->last_article;

	return !a || follows(lab, a->number, a->insert);
}

/* After an intro, is this article label the start of a quotation?  Far
 * from the numbering (a missing article or two swapped stay defects the
 * check reports). */
int
md_quotes_article(const struct md_tree *t, const struct clause_label *lab)
{
	const rb_node *a = t->last_article;

	if (lab->kind == L_OUTLINE)
		return 1;
	if (lab->kind != L_ARTICLE || !a)
		return 0;
	return lab->l.number > a->number + 2 || lab->l.number < a->number;
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
int
md_outline_parent(const struct md_tree *t, const struct clause_label *lab, const char *text)
{
	size_t n = label_core(text, lab->l.len), p = n;
	int k;

	while (p > 0 && text[p - 1] != '.')
		p--;
	if (p < 2)
		return -1;
	p--;	/* the prefix, without its dot */
	for (k = t->nitems - 1; k >= 0; k--) {
		const rb_node *it = t->items[k].node;
		size_t m;

		if (!it->label_len || it->label_off >= t->in->len)
			continue;
		m = label_core(t->in->src + it->label_off, it->label_len);
		if ((it->style == RB_STYLE_ARABIC_DOT || it->style == RB_STYLE_ARABIC_DUN ||
		     it->style == RB_STYLE_DECIMAL_OUTLINE) &&
		    m == p && !memcmp(t->in->src + it->label_off, text, p))
			return k;
	}
	return -1;
}

/* Would a line starting with text continue the numbering?  Used to split
 * paragraphs whose clauses are written on consecutive lines. */
int
md_continues(const struct md_tree *t, const char *s, size_t n, const struct clause_label *cur)
{
	struct clause_label lab;
	int k;

	if (!md_classify_here(t, s, n, &lab))
		return 0;
	if (lab.kind == L_ARTICLE) {
		const rb_node *a = cur && cur->kind == L_ARTICLE ? NULL : t->last_article;
		int last = cur && cur->kind == L_ARTICLE ? cur->l.number : a ? a->number : 0;
		int last_ins = cur && cur->kind == L_ARTICLE ? cur->l.insert : a ? a->insert : 0;

		if (!last && !t->first_article)
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
	for (k = t->nitems - 1; k >= 0; k--)
		if (t->items[k].style == lab.l.style)
			return lab.l.number == t->items[k].node->number + 1;
	return lab.l.number == 1;
}
