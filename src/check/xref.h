/*
 * What the reference resolver's files share: the state of one document's
 * scan (xref_resolve.c) and the lookups that find the clause a component
 * names (xref_lookup.c).
 */
#ifndef RB_CHECK_XREF_H
#define RB_CHECK_XREF_H

#include <pthread.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/text.h"
#include "tree/node.h"
#include "util.h"
#include "check/check.h"

struct xctx {
	rb_document *doc;
	rb_diags *d;
	rb_node **arts;		/* articles sorted by (number, insert) */
	size_t narts;
	rb_node **order;	/* articles in document order */
	int tw;
	const char *self_other;	/* 本法 naming another law: 本辦法依某法（以下簡稱本法） */
	int amendment;		/* 修正案: its references are to the law amended */
	int partial;		/* one part of a code: other parts are elsewhere */
	int chapters_through;	/* 章 numbered on through the 编 */
	int lo, hi;		/* its article numbers */
	rb_buf refs;		/* rb_ref of the node being scanned */
	rb_arena *mem;		/* references found and the words of
				 * diagnostics: the document's arena, or a
				 * thread's that joins it at the end */
	rb_node **todo;		/* the clauses with text, in document order */
	unsigned char *quoted;	/* of each: it starts inside a quotation */
	size_t ntodo;
	struct xshare *share;	/* chunks of them taken in turn, or NULL */
};

/* A large document's clauses are scanned in chunks, each thread taking
 * the next when done with one; each chunk's diagnostics are kept apart
 * and joined in order at the end, as one walk would give them. */
#define XCHUNK 512

struct xshare {
	pthread_mutex_t lock;
	size_t next, nchunks;
	rb_diags *d;		/* per chunk */
};

int xref_cmp_art(const void *a, const void *b);
/* Article number (之insert) by binary search; inline, as the scan asks
 * for one at every reference. */
static inline rb_node *
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
rb_node *xref_ancestor(rb_node *n, rb_kind kind);
rb_node *xref_para_of(rb_node *n);
rb_node *xref_para_n(rb_node *art, int k);
int xref_para_index(rb_node *p);
rb_node *xref_child_as(rb_node *p, rb_kind k, int number, int alpha);
rb_node *xref_child_n(rb_node *p, rb_kind k, int number);
rb_node *xref_items_n(rb_node *p, int number);
rb_node *xref_division_n(rb_node *scope, rb_kind k, int number);
const char *xref_describe(struct xctx *x, enum ref_unit u, int number, int insert);
int xref_has_items(rb_node *p);
rb_node *xref_step(struct xctx *x, rb_node *from, rb_node *cur, enum ref_unit u, int number, int insert);

/* ---- xref_context.c ---- */

/* The clause the sentence being scanned last named with an article
 * (第十五条第一款), and where that reference ended. */
struct carried {
	rb_node *named;
	int below;		/* it named a 款 or 项 (第十五条第一款), not an article alone */
	size_t end;
	int external;		/* it named another law's (政府采购法第三十条) */
};
/* The clause a bare 第N款 or 第N项 at byte at of n's text is read under:
 * the one named earlier in its sentence, or the one its list's lead-in
 * names; NULL for the article it stands in. */
rb_node *xref_bare_context(struct xctx *x, rb_node *n, enum ref_unit u, const struct carried *c,
			   size_t at);
/* Does a bare 第N款 or 第N项 at byte at of t go on in another law, the
 * one its sentence named last (政府采购法第三十条第三项……；第四项)? */
int xref_carried_external(const char *t, size_t at, const struct carried *c);
/* The last quotation mark in t: 1 for an opening one, -1 for a
 * closing one, 0 for none.  A text starts inside a quotation when the one
 * before it in its article ends with one open (修改决定 quoting a whole
 * new article, a 案例 quoting a contract: “第十条 …： / （一）… / （二）
 * …。”; in the Chinese way each quoted paragraph may open again with “ and
 * only the last closes). */
int xref_last_quote_mark(const char *t);
/* 该条 or 该款 just before byte at of t: the article or 款 named last in
 * the sentence, and *len the bytes of the word; NULL when none. */
rb_node *xref_that_one(const char *t, size_t at, const struct carried *c, size_t *len);

#endif
