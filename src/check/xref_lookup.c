/*
 * Lookups of the reference resolver: the clause a component names from
 * where it stands (第十条, 第二款 of the article around it, the items of a
 * 款); the relative words are read beside the scan (xref_resolve.c).
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/text.h"
#include "tree/node.h"
#include "util.h"
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
		/* 一、…（九） / 但无害的…除外。 / 二、…: the list goes on under
		 * the paragraph after it */
		if (c->first && rb_list_goes_on(c->first)) {
			if ((r = xref_child_n(c, RB_ITEM, number)))
				return r;
			before = c->last && c->last->kind == RB_ITEM ? c->last->number : before;
			continue;
		}
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

