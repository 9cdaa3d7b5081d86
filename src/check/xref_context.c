/*
 * The context a bare 第N款 or 第N项 is read in.  Drafting reads it in the
 * article it stands in, unless the text around has named another:
 *
 * - the lead-in of a list (违反本条例第二十条规定，按照下列规定予以处罚：
 *   （一）违反第一项规定的……): the items' bare references are 第二十条's,
 *   unless the lead-in reads a bare one of its own first (应就第一项支出
 *   ……依第十五条规定);
 * - an earlier reference of the same sentence to a 款 or 项 (违反第十五条
 *   第一款规定的……；违反第二款、第三款规定的): the later ones go on in
 *   第十五条 (after an article alone, 第八十五条规定，于……第一项第一款
 *   行为时，准用之, they are the article's they stand in);
 * - 该款, 该条: the 款 or article just named.
 *
 * Without that context a penalty article links its own items to
 * themselves, and a reader is sent to the wrong clause.
 */
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/text.h"
#include "tree/node.h"
#include "util.h"
#include "check/check.h"
#include "check/xref.h"

/* The last clause that a text names with an article (本条例第二十条,
 * 第十二条第一款), NULL when none: the words of a lead-in. */
static rb_node *
last_named(struct xctx *x, const rb_node *p)
{
	const char *t = p->text;
	size_t len, i = 0, m;
	rb_node *found = NULL;
	int bare = 0;

	if (!t)
		return NULL;
	len = strlen(t);
	while (i < len) {
		int num, ins;
		enum ref_unit u;
		rb_node *cur;
		const char *c = memchr(t + i, "第"[0], len - i);

		if (!c)
			break;
		i = (size_t)(c - t);
		m = rb_xref_ordinal(x->tw, t + i, len - i, &num, &ins, &u);
		/* 应就第一项支出……依第十五条第一项规定: the lead-in reads its
		 * own bare 第一项 in its article, and so do its items */
		if (m && (u == U_PARA || u == U_ITEM) && !found && !rb_xref_external_before(t, i))
			bare = 1;
		if (!m || u != U_ARTICLE || rb_xref_external_before(t, i)) {
			i++;
			continue;
		}
		if (bare)
			return NULL;
		i += m;
		if (!(cur = xref_find_article(x, num, ins)))
			continue;
		while ((m = rb_xref_ordinal(x->tw, t + i, len - i, &num, &ins, &u)) > 0 &&
		       (u == U_PARA || u == U_ITEM)) {
			rb_node *nx = u == U_PARA && cur->kind == RB_ARTICLE ? xref_para_n(cur, num) :
			    u == U_ITEM ? xref_items_n(cur, num) : NULL;

			if (!nx)
				break;
			cur = nx;
			i += m;
		}
		found = cur;
	}
	return found;
}

/* The clause item n's lead-in names, through the pieces of a lead-in a
 * page broke (……按照下列 / 规定予以处罚：). */
static rb_node *
leadin(struct xctx *x, rb_node *n)
{
	rb_node *p = n->parent, *q, *r;

	if (n->kind != RB_ITEM || !p || (p->kind != RB_ARTICLE && p->kind != RB_PARAGRAPH))
		return NULL;
	for (;;) {
		if ((r = last_named(x, p)))
			return r;
		if (p->kind != RB_PARAGRAPH || !rb_continues(p))
			return NULL;
		for (q = p->prev; q && q->kind != RB_PARAGRAPH; q = q->prev)
			;
		p = q ? q : p->parent;
	}
}

/* What a unit is read under, given the clause named: 款 under its article,
 * 项 under the 款 (an item named stands for its list). */
static rb_node *
under(rb_node *named, enum ref_unit u)
{
	if (!named)
		return NULL;
	if (u == U_PARA)
		return xref_ancestor(named, RB_ARTICLE);
	if (named->kind == RB_ITEM)
		return named->parent;
	return named;
}

/* Is there a full stop in t[from, to)? */
static int
sentence_ends(const char *t, size_t from, size_t to)
{
	const char *s = t + from;

	while (s && (s = memchr(s, "。"[0], (size_t)(t + to - s))) != NULL) {
		if (s + 3 <= t + to && !memcmp(s, "。", 3))
			return 1;
		s++;
	}
	return 0;
}

rb_node *
xref_bare_context(struct xctx *x, rb_node *n, enum ref_unit u, const struct carried *c,
		  size_t at)
{
	rb_node *r;

	if (u != U_PARA && u != U_ITEM)
		return NULL;
	/* 违反第十五条第一款规定的……；违反第二款: goes on in 第十五条; but
	 * after an article alone (第八十五条规定，于……第一项第一款行为时，
	 * 准用之) a bare 第一项 is the article's it stands in */
	if (c->named && c->below && !sentence_ends(n->text, c->end, at))
		return under(c->named, u);
	if ((r = leadin(x, n)))
		return under(r, u);
	return NULL;
}

int
xref_carried_external(const char *t, size_t at, const struct carried *c)
{
	return c->external && !sentence_ends(t, c->end, at);
}

rb_node *
xref_that_one(const char *t, size_t at, const struct carried *c, size_t *len)
{
	*len = 0;
	if (at < 6 || !c->named || sentence_ends(t, c->end, at))
		return NULL;
	if (!memcmp(t + at - 6, "该条", 6)) {
		*len = 6;
		return xref_ancestor(c->named, RB_ARTICLE);
	}
	if (!memcmp(t + at - 6, "该款", 6)) {
		*len = 6;
		return c->named->kind == RB_ITEM ? xref_para_of(c->named) : c->named;
	}
	return NULL;
}

int
xref_last_quote_mark(const char *t)
{
	const char *s = t;
	int last = 0;

	/* “ and ” are E2 80 9C and E2 80 9D */
	while ((s = strchr(s, 0xE2)) != NULL) {
		if ((unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x9D))
			last = (unsigned char)s[2] == 0x9C ? 1 : -1;
		s++;
	}
	return last;
}
