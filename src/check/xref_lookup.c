/*
 * Lookups of the reference resolver: the clause a component names from
 * where it stands (第十条, 第二款 of the article around it, the items of a
 * 款), and the relative words (本款 前款 前条 前项 本章).
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "internal.h"
#include "check/check.h"
#include "check/xref.h"

/* ---- lookups ---- */

int
xref_cmp_art(const void *a, const void *b)
{
	const rb_node *x = *(rb_node *const *)a, *y = *(rb_node *const *)b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	if (x->insert != y->insert)
		return x->insert < y->insert ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

rb_node *
xref_find_article(struct xctx *x, int number, int insert)
{
	size_t lo = 0, hi = x->narts;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const rb_node *a = x->arts[mid];

		if (a->number < number || (a->number == number && a->insert < insert))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->narts && x->arts[lo]->number == number && x->arts[lo]->insert == insert)
		return x->arts[lo];
	return NULL;
}

rb_node *
xref_ancestor(rb_node *n, rb_kind kind)
{
	for (; n; n = n->parent)
		if (n->kind == kind)
			return n;
	return NULL;
}

/* The 款 a node's text belongs to: a paragraph of an article, or the
 * article itself (its first 款); the rest of a sentence broken off by a
 * page belongs to the 款 it ends. */
rb_node *
xref_para_of(rb_node *n)
{
	for (; n; n = n->parent) {
		if (n->kind == RB_ARTICLE)
			return n;
		if (n->kind == RB_PARAGRAPH && n->parent && n->parent->kind == RB_ARTICLE)
			return rb_continued_para(n);
	}
	return NULL;
}

/* 款 k of an article: the article itself for 1, else its k-th paragraph;
 * the rest of a broken sentence is no 款 of its own. */
rb_node *
xref_para_n(rb_node *art, int k)
{
	rb_node *c;
	int i = 1;

	if (k == 1)
		return art;
	for (c = art->first; c; c = c->next)
		if (c->kind == RB_PARAGRAPH && !rb_continues(c) && ++i == k)
			return c;
	return NULL;
}

int
xref_para_index(rb_node *p)
{
	rb_node *c;
	int i = 1;

	if (p->kind == RB_ARTICLE)
		return 1;
	for (c = p->parent->first; c; c = c->next)
		if (c->kind == RB_PARAGRAPH && !rb_continues(c)) {
			i++;
			if (c == p)
				return i;
		}
	return 0;
}

/* A numbered child of kind k (items: under this 款 only); alpha 0 or 1
 * asks for a numbered or a lettered item, -1 for either. */
rb_node *
xref_child_as(rb_node *p, rb_kind k, int number, int alpha)
{
	rb_node *c;

	for (c = p->first; c; c = c->next)
		if (c->kind == k && c->number == number && !c->insert &&
		    (alpha < 0 || (c->style == RB_STYLE_ALPHA_LOWER || c->style == RB_STYLE_ALPHA_UPPER) == alpha))
			return c;
	return NULL;
}

rb_node *
xref_child_n(rb_node *p, rb_kind k, int number)
{
	return xref_child_as(p, k, number, -1);
}

/* Item number of 款 p: its own, then those under the paragraphs that end
 * its broken sentences (the list goes on below them).  An unlabelled
 * paragraph standing where the item is due (（六）, a paragraph, then
 * （八） below it) is that item, its label lost. */
rb_node *
xref_items_n(rb_node *p, int number)
{
	rb_node *c, *r;
	int before = 0;

	if ((r = xref_child_n(p, RB_ITEM, number)) || (p->kind != RB_ARTICLE && p->kind != RB_PARAGRAPH))
		return r;
	for (c = p->kind == RB_ARTICLE ? p->first : p->next; c; c = c->next) {
		if (c->kind == RB_ITEM) {
			before = c->number;
			continue;
		}
		if (c->kind != RB_PARAGRAPH)
			break;
		if (before == number - 1 && c->first && c->first->kind == RB_ITEM &&
		    c->first->number == number + 1 && !c->first->insert)
			return c;
		if (!rb_continues(c))
			break;
		if ((r = xref_child_n(c, RB_ITEM, number)))
			return r;
		if (c->last && c->last->kind == RB_ITEM)
			before = c->last->number;
	}
	return NULL;
}

/* Chapters and sections by number inside a scope (a part, a chapter, or
 * the document), searched below it through the divisions. */
rb_node *
xref_division_n(rb_node *scope, rb_kind k, int number)
{
	rb_node *c, *r;

	for (c = scope->first; c; c = c->next) {
		if (c->kind == k && c->number == number)
			return c;
		if ((c->kind == RB_PART || c->kind == RB_CHAPTER) && c->kind != k &&
		    (r = xref_division_n(c, k, number)))
			return r;
	}
	return NULL;
}

/* ---- resolving ---- */

const char *
xref_describe(struct xctx *x, enum ref_unit u, int number, int insert)
{
	char num[64], ins[64] = "";

	if (!rb_cn_format(number, 0, num, sizeof(num)))
		snprintf(num, sizeof(num), "%d", number);
	if (insert) {
		char in[48];

		if (rb_cn_format(insert, 0, in, sizeof(in)))
			snprintf(ins, sizeof(ins), "之%s", in);
	}
	return rb_arena_printf(x->mem, "第%s%s%s", num, rb_xref_unit_name(x->tw, u), ins);
}

int
xref_has_items(rb_node *p)
{
	const rb_node *c;

	for (c = p->first; c; c = c->next)
		if (c->kind == RB_ITEM)
			return 1;
	/* or under the rest of its sentence, broken off by a page */
	for (c = p->kind == RB_ARTICLE ? p->first : p->kind == RB_PARAGRAPH ? p->next : NULL;
	     c && (c->kind == RB_ITEM || (c->kind == RB_PARAGRAPH && rb_continues(c))); c = c->next)
		if (c->kind == RB_PARAGRAPH && c->first && c->first->kind == RB_ITEM)
			return 1;
	return 0;
}

/* Resolve one step of a chain below cur (or from the context node). */
rb_node *
xref_step(struct xctx *x, rb_node *from, rb_node *cur, enum ref_unit u, int number, int insert)
{
	rb_node *scope, *nx;
	int k;

	switch (u) {
	case U_ARTICLE:
		return xref_find_article(x, number, insert);
	case U_PARA:
		if (!cur || cur->kind != RB_ARTICLE)
			cur = xref_ancestor(from, RB_ARTICLE);
		return cur ? xref_para_n(cur, number) : NULL;
	case U_ITEM:
		if (cur) {
			if (cur->kind == RB_ITEM)
				cur = cur->parent;
			return xref_items_n(cur, number);
		}
		/* bare 第N项: this 款's items, or those of the nearest 款
		 * before it that has items (犯第一款罪…有第一项规定情形) */
		if (!(cur = xref_para_of(from)))
			return xref_child_n(from->kind == RB_ITEM ? from->parent : from, RB_ITEM, number);
		if ((nx = xref_items_n(cur, number)))
			return nx;
		if (cur->kind == RB_PARAGRAPH)
			for (k = xref_para_index(cur) - 1; k >= 1; k--) {
				rb_node *p = xref_para_n(cur->parent, k);

				if (p && xref_has_items(p))
					return xref_items_n(p, number);
			}
		return NULL;
	case U_SUBITEM:
		if (!cur) {
			for (cur = from; cur && cur->kind != RB_ITEM; cur = cur->parent)
				;
			if (!cur)
				return NULL;
			cur = cur->parent && cur->parent->kind == RB_ITEM ? cur->parent : cur;
		}
		return xref_child_n(cur, RB_ITEM, number);
	case U_SECTION:
		scope = cur && cur->kind == RB_CHAPTER ? cur : xref_ancestor(from, RB_CHAPTER);
		return xref_division_n(scope ? scope : x->doc->root, RB_SECTION, number);
	case U_CHAPTER:
		/* 章 restart per 编 but run on across 分编 */
		scope = cur && (cur->kind == RB_PART || cur->kind == RB_DOCUMENT) ? cur : NULL;
		if (!scope && x->doc->profile->chapter_restarts_per_part && !x->chapters_through)
			for (scope = xref_ancestor(from, RB_PART); scope && rb_is_subpart(scope);
			     scope = xref_ancestor(scope->parent, RB_PART))
				;
		return xref_division_n(scope ? scope : x->doc->root, RB_CHAPTER, number);
	case U_PART:
		return xref_division_n(x->doc->root, RB_PART, number);
	default:
		return NULL;
	}
}

/* Relative words: 本款 前款 前两款 前条 前项 本章 本节 本编, and 本条 (only
 * with a following 第N款/项).  Returns bytes; *target may be NULL with
 * *missing set. */
size_t
xref_relative(struct xctx *x, rb_node *from, const char *s, size_t n, rb_node **target,
	 const char **missing, int *needs_more)
{
	size_t m;
	rb_node *p, *a;
	int k;

	*target = NULL;
	*missing = NULL;
	*needs_more = 0;
	if ((m = rb_prefix(s, n, "本条")) || (m = rb_prefix(s, n, "本條"))) {
		*needs_more = 1;
		*target = xref_ancestor(from, RB_ARTICLE);
		if (!*target)
			*missing = "article around it";
		return m;
	}
	{
		static const struct {
			const char *w;
			rb_kind k;
			const char *none;
		} scopes[] = {
			{"本章", RB_CHAPTER, "chapter around it"}, {"本节", RB_SECTION, "section around it"},
			{"本節", RB_SECTION, "section around it"}, {"本编", RB_PART, "part around it"},
			{"本編", RB_PART, "part around it"},
		};
		size_t q;

		for (q = 0; q < sizeof(scopes) / sizeof(scopes[0]); q++)
			if ((m = rb_prefix(s, n, scopes[q].w))) {
				if (rb_prefix(s + m, n - m, "程"))
					return 0;	/* 本章程: this charter */
				*target = xref_ancestor(from, scopes[q].k);
				if (scopes[q].k == RB_PART) {
					/* 本编 is the 编, not a 分编; a document
					 * without 编 is itself one (民法典 总则) */
					while (*target && rb_is_subpart(*target))
						*target = xref_ancestor((*target)->parent, RB_PART);
					if (!*target)
						*target = x->doc->root;
				}
				if (!*target)
					*missing = scopes[q].none;
				return m;
			}
	}
	/* paragraphs: 款 in the PRC, 項 in Taiwan */
	{
		const char *one = x->tw ? "本項" : "本款", *prev = x->tw ? "前項" : "前款";
		const char *two1 = x->tw ? "前二項" : "前两款", *two2 = x->tw ? "前兩項" : "前二款";

		if ((m = rb_prefix(s, n, one))) {
			*target = xref_para_of(from);
			if (!*target)
				*missing = "paragraph around it";
			return m;
		}
		k = 0;
		if ((m = rb_prefix(s, n, prev)))
			k = 1;
		else if ((m = rb_prefix(s, n, two1)) || (m = rb_prefix(s, n, two2)))
			k = 2;
		if (k) {
			p = xref_para_of(from);
			a = p ? xref_ancestor(p, RB_ARTICLE) : NULL;
			if (p && a && xref_para_index(p) > k)
				*target = xref_para_n(a, xref_para_index(p) - k);
			if (!*target)
				*missing = k == 1 ? "paragraph before it" : "second paragraph before it";
			return m;
		}
	}
	if ((m = rb_prefix(s, n, "前条")) || (m = rb_prefix(s, n, "前條"))) {
		a = xref_ancestor(from, RB_ARTICLE);
		if (a)
			for (*target = a->prev; *target && (*target)->kind != RB_ARTICLE;
			     *target = (*target)->prev)
				;
		if (a && !*target) {
			/* the previous article may sit in the previous chapter:
			 * the one before it in document order (sources list
			 * clauses in order, so by position) */
			size_t lo = 0, hi = x->narts;

			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				const rb_node *o = x->order[mid];

				if (o->line < a->line || (o->line == a->line && o->column < a->column))
					lo = mid + 1;
				else
					hi = mid;
			}
			*target = lo > 0 && lo < x->narts && x->order[lo] == a ? x->order[lo - 1] : NULL;
		}
		if (!*target)
			*missing = "article before it";
		return m;
	}
	if ((!x->tw && (m = rb_prefix(s, n, "前项"))) || (!x->tw && (m = rb_prefix(s, n, "前項"))) ||
	    (x->tw && (m = rb_prefix(s, n, "前款")))) {
		for (p = from; p && p->kind != RB_ITEM; p = p->parent)
			;
		if (p)
			for (*target = p->prev; *target && (*target)->kind != RB_ITEM;
			     *target = (*target)->prev)
				;
		if (!*target)
			*missing = "item before it";
		return m;
	}
	return 0;
}

