/*
 * The cross-reference pass (SPEC §6): find the references in clause texts
 * — 本法第十条, 第十条第二款第三项, 前款, 前条, 本章, 第十条至第十五条,
 * Article 5(2)(a) … — resolve them to clauses, and report the internal
 * ones that name no clause.  References to other laws (after 《…》 or a
 * law's name: 刑法第二十条) are recorded as external and left alone.
 * The words of a reference are read by xref_grammar.c; this file finds
 * the clauses they name.  A large document's clauses are scanned on two
 * threads side by side; only xref_document knows.
 *
 * Units are those of the profile: in PRC law 条 → 款 (unnumbered
 * paragraphs, counted) → 项 （一） → 目 1.; in Taiwan 條 → 項 (the
 * paragraphs) → 款 一、 → 目 （一）.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/text.h"
#include "work.h"
#include "pool.h"
#include "check/check.h"

struct xctx {
	rb_document *doc;
	rb_diags *d;
	rb_node **arts;		/* articles sorted by (number, insert) */
	size_t narts;
	rb_node **order;	/* articles in document order */
	int tw;
	int amendment;		/* 修正案: its references are to the law amended */
	int partial;		/* one part of a code: other parts are elsewhere */
	int lo, hi;		/* its article numbers */
	rb_buf refs;		/* rb_ref of the node being scanned */
	rb_arena *mem;		/* references found and the words of
				 * diagnostics: the document's arena, or a
				 * thread's that joins it at the end */
	rb_node **todo;		/* the clauses with text, in document order */
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

/* ---- lookups ---- */

static int
cmp_art(const void *a, const void *b)
{
	const rb_node *x = *(rb_node *const *)a, *y = *(rb_node *const *)b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	if (x->insert != y->insert)
		return x->insert < y->insert ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static rb_node *
find_article(struct xctx *x, int number, int insert)
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

static rb_node *
ancestor(rb_node *n, rb_kind kind)
{
	for (; n; n = n->parent)
		if (n->kind == kind)
			return n;
	return NULL;
}

/* The 款 a node's text belongs to: a paragraph of an article, or the
 * article itself (its first 款). */
static rb_node *
para_of(rb_node *n)
{
	for (; n; n = n->parent) {
		if (n->kind == RB_ARTICLE)
			return n;
		if (n->kind == RB_PARAGRAPH && n->parent && n->parent->kind == RB_ARTICLE)
			return n;
	}
	return NULL;
}

/* 款 k of an article: the article itself for 1, else its k-th paragraph. */
static rb_node *
para_n(rb_node *art, int k)
{
	rb_node *c;
	int i = 1;

	if (k == 1)
		return art;
	for (c = art->first; c; c = c->next)
		if (c->kind == RB_PARAGRAPH && ++i == k)
			return c;
	return NULL;
}

static int
para_index(rb_node *p)
{
	rb_node *c;
	int i = 1;

	if (p->kind == RB_ARTICLE)
		return 1;
	for (c = p->parent->first; c; c = c->next)
		if (c->kind == RB_PARAGRAPH) {
			i++;
			if (c == p)
				return i;
		}
	return 0;
}

/* A numbered child of kind k (items: under this 款 only); alpha 0 or 1
 * asks for a numbered or a lettered item, -1 for either. */
static rb_node *
child_as(rb_node *p, rb_kind k, int number, int alpha)
{
	rb_node *c;

	for (c = p->first; c; c = c->next)
		if (c->kind == k && c->number == number && !c->insert &&
		    (alpha < 0 || (c->style == RB_STYLE_ALPHA_LOWER || c->style == RB_STYLE_ALPHA_UPPER) == alpha))
			return c;
	return NULL;
}

static rb_node *
child_n(rb_node *p, rb_kind k, int number)
{
	return child_as(p, k, number, -1);
}

/* Chapters and sections by number inside a scope (a part, a chapter, or
 * the document), searched below it through the divisions. */
static rb_node *
division_n(rb_node *scope, rb_kind k, int number)
{
	rb_node *c, *r;

	for (c = scope->first; c; c = c->next) {
		if (c->kind == k && c->number == number)
			return c;
		if ((c->kind == RB_PART || c->kind == RB_CHAPTER) && c->kind != k &&
		    (r = division_n(c, k, number)))
			return r;
	}
	return NULL;
}

/* ---- resolving ---- */

static const char *
describe(struct xctx *x, enum ref_unit u, int number, int insert)
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

static int
has_items(const rb_node *p)
{
	const rb_node *c;

	for (c = p->first; c; c = c->next)
		if (c->kind == RB_ITEM)
			return 1;
	return 0;
}

/* Resolve one step of a chain below cur (or from the context node). */
static rb_node *
step(struct xctx *x, rb_node *from, rb_node *cur, enum ref_unit u, int number, int insert)
{
	rb_node *scope, *nx;
	int k;

	switch (u) {
	case U_ARTICLE:
		return find_article(x, number, insert);
	case U_PARA:
		if (!cur || cur->kind != RB_ARTICLE)
			cur = ancestor(from, RB_ARTICLE);
		return cur ? para_n(cur, number) : NULL;
	case U_ITEM:
		if (cur) {
			if (cur->kind == RB_ITEM)
				cur = cur->parent;
			return child_n(cur, RB_ITEM, number);
		}
		/* bare 第N项: this 款's items, or those of the nearest 款
		 * before it that has items (犯第一款罪…有第一项规定情形) */
		if (!(cur = para_of(from)))
			return child_n(from->kind == RB_ITEM ? from->parent : from, RB_ITEM, number);
		if ((nx = child_n(cur, RB_ITEM, number)))
			return nx;
		if (cur->kind == RB_PARAGRAPH)
			for (k = para_index(cur) - 1; k >= 1; k--) {
				rb_node *p = para_n(cur->parent, k);

				if (p && has_items(p))
					return child_n(p, RB_ITEM, number);
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
		return child_n(cur, RB_ITEM, number);
	case U_SECTION:
		scope = cur && cur->kind == RB_CHAPTER ? cur : ancestor(from, RB_CHAPTER);
		return division_n(scope ? scope : x->doc->root, RB_SECTION, number);
	case U_CHAPTER:
		/* 章 restart per 编 but run on across 分编 */
		scope = cur && (cur->kind == RB_PART || cur->kind == RB_DOCUMENT) ? cur : NULL;
		if (!scope && x->doc->profile->chapter_restarts_per_part)
			for (scope = ancestor(from, RB_PART); scope && rb_is_subpart(scope);
			     scope = ancestor(scope->parent, RB_PART))
				;
		return division_n(scope ? scope : x->doc->root, RB_CHAPTER, number);
	case U_PART:
		return division_n(x->doc->root, RB_PART, number);
	default:
		return NULL;
	}
}

/* Relative words: 本款 前款 前两款 前条 前项 本章 本节 本编, and 本条 (only
 * with a following 第N款/项).  Returns bytes; *target may be NULL with
 * *missing set. */
static size_t
relative(struct xctx *x, rb_node *from, const char *s, size_t n, rb_node **target,
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
		*target = ancestor(from, RB_ARTICLE);
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
				*target = ancestor(from, scopes[q].k);
				if (scopes[q].k == RB_PART) {
					/* 本编 is the 编, not a 分编; a document
					 * without 编 is itself one (民法典 总则) */
					while (*target && rb_is_subpart(*target))
						*target = ancestor((*target)->parent, RB_PART);
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
			*target = para_of(from);
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
			p = para_of(from);
			a = p ? ancestor(p, RB_ARTICLE) : NULL;
			if (p && a && para_index(p) > k)
				*target = para_n(a, para_index(p) - k);
			if (!*target)
				*missing = k == 1 ? "paragraph before it" : "second paragraph before it";
			return m;
		}
	}
	if ((m = rb_prefix(s, n, "前条")) || (m = rb_prefix(s, n, "前條"))) {
		a = ancestor(from, RB_ARTICLE);
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

static void
add_ref(struct xctx *x, size_t off, size_t len, rb_node *target, int external)
{
	rb_ref r;

	r.off = off;
	r.len = len;
	r.target = target;
	r.external = external ? 1 : 0;
	rb_buf_put(&x->refs, &r, sizeof(r));
}

/* Position of byte off of n's text in the source. */
static void
ref_position(const rb_node *n, size_t off, unsigned *line, unsigned *col)
{
	const char *t = n->text, *nl = NULL;
	size_t i;
	unsigned l = n->text_line ? n->text_line : n->line;

	for (i = 0; i < off; i++)
		if (t[i] == '\n') {
			l++;
			nl = t + i + 1;
		}
	*line = l;
	if (nl)
		*col = 1 + (unsigned)rb_utf8_count(nl, (size_t)(t + off - nl));
	else if (n->text_line)
		*col = n->text_column + (unsigned)rb_utf8_count(t, off);
	else
		*col = n->column;
}

static void
unresolved(struct xctx *x, rb_node *n, size_t off, size_t len, const char *missing)
{
	unsigned line, col;

	ref_position(n, off, &line, &col);
	rb_diag_report(x->d, RB_D_XREF_UNRESOLVED, n->file, line, col,
		       "%.*s refers to no clause: there is no %s", (int)len, n->text + off, missing);
}

/* English: Article 5(2)(a), section 3.2 */
static size_t
english(struct xctx *x, rb_node *from, const char *s, size_t n, rb_node **target,
	const char **missing)
{
	size_t i, m;
	int v = 0;
	rb_node *cur;

	*target = NULL;
	*missing = NULL;
	if ((m = rb_prefix(s, n, "Article ")) || (m = rb_prefix(s, n, "article "))) {
		i = m;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9' && v < 100000)
			v = v * 10 + (s[i++] - '0');
		cur = find_article(x, v, 0);
		if (!cur) {
			*missing = rb_arena_printf(x->mem, "Article %d", v);
			return i;
		}
		/* (2)(a): a numbered paragraph or item, then an item */
		while (cur && i + 2 < n && s[i] == '(') {
			size_t j = i + 1;
			int k = 0;
			rb_node *c;

			if (s[j] >= '0' && s[j] <= '9')
				while (j < n && s[j] >= '0' && s[j] <= '9' && k < 10000)
					k = k * 10 + (s[j++] - '0');
			else if (s[j] >= 'a' && s[j] <= 'z' && s[j + 1] == ')')
				k = s[j++] - 'a' + 1;
			if (!k || j >= n || s[j] != ')')
				break;
			/* (2) is a numbered item or paragraph, (a) a lettered item */
			c = child_as(cur, RB_ITEM, k, s[i + 1] >= 'a' && s[i + 1] <= 'z');
			if (!c && s[i + 1] >= '0' && s[i + 1] <= '9' && cur->kind == RB_ARTICLE)
				c = para_n(cur, k);
			if (!c) {
				*missing = rb_arena_printf(x->mem, "%.*s", (int)(j + 1), s);
				return j + 1;
			}
			cur = c;
			i = j + 1;
		}
		*target = cur;
		return i;
	}
	if ((m = rb_prefix(s, n, "section ")) || (m = rb_prefix(s, n, "Section "))) {
		rb_walker w;
		rb_event ev;
		size_t j = m;

		while (j < n && ((s[j] >= '0' && s[j] <= '9') || (s[j] == '.' && j + 1 < n &&
								  s[j + 1] >= '0' && s[j + 1] <= '9')))
			j++;
		if (j == m)
			return 0;
		rb_walker_init(&w, x->doc->root);
		while ((ev = rb_walker_next(&w)) != RB_EV_NONE)
			if (ev == RB_EV_ENTER && w.cur->kind == RB_SECTION && w.cur->label &&
			    strlen(w.cur->label) == j - m && !memcmp(w.cur->label, s + m, j - m)) {
				*target = w.cur;
				return j;
			}
		(void)from;
		*missing = rb_arena_printf(x->mem, "section %.*s", (int)(j - m), s + m);
		return j;
	}
	return 0;
}

/* ---- scanning ---- */

/* The context a list member's first unit is read in: 第十条第二款、第三款
 * → 款 of 第十条; 第一项、第三项 → items of the same 款. */
static rb_node *
member_context(rb_node *prev, enum ref_unit u)
{
	switch (u) {
	case U_PARA:
		return ancestor(prev, RB_ARTICLE);
	case U_ITEM:
	case U_SUBITEM:
		return prev->kind == RB_ITEM ? prev->parent : prev;
	case U_SECTION:
		return ancestor(prev, RB_CHAPTER);
	case U_CHAPTER:
		return ancestor(prev, RB_PART);
	default:
		return NULL;
	}
}

static void
scan(struct xctx *x, rb_node *n)
{
	const char *t = n->text;
	size_t len = strlen(t), i = 0, prev_end = 0;
	int quote = 0, have_prev = 0, prev_ext = 0, prev_num = 0;
	rb_node *prev_target = NULL;

	rb_buf_reset(&x->refs);
	while (i < len) {
		size_t m, start = i, j;
		int ext = 0, range = 0, needs_more = 0, num, ins, member = 0, words = 0;
		enum ref_unit u, last_u = U_NONE, first_u = U_NONE;
		int first_num = 0;
		rb_node *cur = NULL, *target = NULL;
		const char *missing = NULL;

		/* the hot path: only ` “ ” 《 第 本 前 and Article/section matter;
		 * anything else is skipped at once */
		if ((j = rb_xref_skip_plain((const unsigned char *)t, i, len)) > i) {
			i = j;
			continue;
		}
		if (t[i] == '`') {		/* code span: not text */
			const char *e = strchr(t + i + 1, '`');
			i = e ? (size_t)(e - t) + 1 : len;
			continue;
		}
		if ((m = rb_prefix(t + i, len - i, "“"))) {
			quote++;
			i += m;
			continue;
		}
		if ((m = rb_prefix(t + i, len - i, "”"))) {
			quote -= quote > 0;
			i += m;
			continue;
		}
		if ((m = rb_prefix(t + i, len - i, "《"))) {
			/* a title: 《…〈刑法〉第九章…》 names, it does not refer */
			int depth = 1;

			for (i += m; i < len && depth; i++) {
				if (rb_prefix(t + i, len - i, "《"))
					depth++;
				else if (rb_prefix(t + i, len - i, "》"))
					depth--;
			}
			i += depth ? 0 : 2;
			have_prev = 0;
			continue;
		}
		if (quote) {		/* quoted words are another text's */
			i++;
			continue;
		}
		/* the hot path: only 第, 本, 前 and Article/section start one */
		if (!rb_prefix(t + i, len - i, "第") && !rb_prefix(t + i, len - i, "本") &&
		    !rb_prefix(t + i, len - i, "前") && t[i] != 'A' && t[i] != 'a' && t[i] != 'S' &&
		    t[i] != 's') {
			m = 1;
			while (i + m < len && ((unsigned char)t[i + m] & 0xC0) == 0x80)
				m++;
			i += m;
			continue;
		}
		/* does this continue a list or range of the previous reference? */
		if (have_prev) {
			for (j = prev_end; j < i && (m = rb_xref_connector(t + j, len - j, &range)) > 0; j += m)
				;
			member = j == i;
		}
		if ((m = english(x, n, t + i, len - i, &target, &missing)) > 0) {
			if (missing)
				unresolved(x, n, i, m, missing);
			add_ref(x, i, m, target, 0);
			i += m;
			have_prev = 0;
			continue;
		}
		if ((m = rb_xref_self_prefix(t + i, len - i)) > 0) {
			i += m;
		} else if ((m = relative(x, n, t + i, len - i, &cur, &missing, &needs_more)) > 0) {
			i += m;
			words = 1;
		} else if (rb_prefix(t + i, len - i, "第")) {
			ext = member ? prev_ext : rb_xref_external_before(t, i);
		} else {
			m = 1;
			while (i + m < len && ((unsigned char)t[i + m] & 0xC0) == 0x80)
				m++;
			i += m;
			continue;
		}
		/* the chain: 第N条 第N款 第N项 …, coarse to fine */
		while ((m = rb_xref_ordinal(x->tw, t + i, len - i, &num, &ins, &u)) > 0) {
			if (last_u != U_NONE && u <= last_u)
				break;	/* 第十条第十一条: the next reference */
			if (last_u == U_NONE && !words && member && prev_target && u != U_ARTICLE)
				cur = member_context(prev_target, u);
			if (!ext && !missing) {
				rb_node *nx = step(x, n, cur, u, num, ins);

				if (!nx)
					missing = u == U_ARTICLE || !cur || !*cur->label ?
					    describe(x, u, num, ins) :
					    rb_arena_printf(x->mem, "%s in %s",
							    describe(x, u, num, ins), cur->label);
				cur = nx;
			}
			if (first_u == U_NONE) {
				first_u = u;
				first_num = num;
			}
			last_u = u;
			i += m;
		}
		if (first_u != U_NONE && !ext &&
		    (x->amendment ||
		     (first_u == U_ARTICLE && (x->narts == 0 ||
					       (x->partial && (first_num < x->lo || first_num > x->hi)))) ||
		     (first_u == U_PART && missing && x->partial))) {
			/* an amendment's references are to the law it amends; a
			 * document with no articles cites another law's; a part
			 * of a code (民法典 总则, 合同编) cites the parts that are
			 * not in it */
			ext = 1;
			missing = NULL;
		}
		if (last_u == U_NONE && (!words || needs_more)) {
			/* 本法 without 第N条, 本条 alone, 第一次: not a reference */
			if (i == start)
				i += 3;
			have_prev = 0;
			continue;
		}
		target = ext ? NULL : cur;
		/* 第十条至第十五条: the articles between exist too */
		if (range && member && !ext && first_u == U_ARTICLE && last_u == U_ARTICLE &&
		    prev_num > 0) {
			int k;

			for (k = prev_num + 1; k < first_num && k < prev_num + 1000; k++)
				if (!find_article(x, k, 0))
					unresolved(x, n, start, i - start, describe(x, U_ARTICLE, k, 0));
		}
		if (missing && !ext)
			unresolved(x, n, start, i - start, missing);
		prev_num = first_u == U_ARTICLE && last_u == U_ARTICLE ? first_num : 0;
		add_ref(x, start, i - start, target, ext);
		prev_target = target;
		prev_ext = ext;
		prev_end = i;
		have_prev = 1;
	}
	if (x->refs.len) {
		n->nrefs = x->refs.len / sizeof(rb_ref);
		n->refs = rb_arena_alloc(x->mem, x->refs.len);
		memcpy(n->refs, x->refs.data, x->refs.len);
	}
}

static void
scan_share(struct xctx *x)
{
	size_t c, i;

	rb_buf_init(&x->refs);
	if (!x->share)
		for (i = 0; i < x->ntodo; i++)
			scan(x, x->todo[i]);
	else
		while (rb_take_work(&x->share->lock, &x->share->next, x->share->nchunks, &c)) {
			x->d = &x->share->d[c];
			for (i = c * XCHUNK; i < (c + 1) * XCHUNK && i < x->ntodo; i++)
				scan(x, x->todo[i]);
		}
	rb_buf_free(&x->refs);
}

/* Scanner i of a shared scan, on the worker pool. */
static void
scan_task(void *ctx, size_t i)
{
	scan_share((struct xctx *)ctx + i);
}

/* A document's references.  Its clauses are scanned in chunks side by
 * side when it is large and threads are given; a clause is read by one
 * thread only, the tree around it by both (nothing else changes it). */
static void
xref_document(rb_document *doc, rb_diags *d, int threads)
{
	struct xctx x;
	rb_walker w;
	rb_event ev;
	size_t cap = doc->nnodes + 1, ntodo = 0;
	struct xshare sh;

	memset(&x, 0, sizeof(x));
	x.doc = doc;
	x.d = d;
	x.tw = (doc->profile->cn_flags & RB_CN_TW) != 0;
	x.amendment = doc->root->title && strstr(doc->root->title, "修正案") != NULL;
	/* the articles and the clauses with text, in memory of their
	 * largest size (a fault a page grown into is dear) */
	x.arts = rb_pages(cap * sizeof(*x.arts));
	x.todo = rb_pages(cap * sizeof(*x.todo));
	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE) {
		if (ev != RB_EV_ENTER)
			continue;
		if (x.narts == cap || ntodo == cap) {	/* nodes of another document */
			x.arts = rb_pages_grow(x.arts, 2 * cap * sizeof(*x.arts));
			x.todo = rb_pages_grow(x.todo, 2 * cap * sizeof(*x.todo));
			cap *= 2;
		}
		if (w.cur->kind == RB_ARTICLE)	/* （删去） slots too */
			x.arts[x.narts++] = w.cur;
		if (w.cur != doc->root && w.cur->text && *w.cur->text)
			x.todo[ntodo++] = w.cur;
	}
	x.order = rb_xcalloc(x.narts + 1, sizeof(*x.order));
	if (x.narts) {
		size_t k;

		memcpy(x.order, x.arts, x.narts * sizeof(*x.arts));
		/* articles mostly come in order already */
		for (k = 1; k < x.narts && cmp_art(&x.arts[k - 1], &x.arts[k]) <= 0; k++)
			;
		if (k < x.narts)
			qsort(x.arts, x.narts, sizeof(*x.arts), cmp_art);
		x.lo = x.arts[0]->number;
		x.hi = x.arts[x.narts - 1]->number;
	}
	/* a part of a code: it starts mid-sequence (合同编) or is the title's
	 * subtitle (中华人民共和国民法典 / 总则) */
	x.partial = doc->start > 1 || rb_meta_get(doc, "subtitle") != NULL;
	x.ntodo = ntodo;
	x.mem = doc->arena;
	if (threads > 1 && ntodo >= 4096) {
		size_t c, k, nx;
		struct xctx *xs;

		sh.next = 0;
		sh.nchunks = (ntodo + XCHUNK - 1) / XCHUNK;
		sh.d = rb_xcalloc(sh.nchunks, sizeof(*sh.d));
		pthread_mutex_init(&sh.lock, NULL);
		x.share = &sh;
		/* a scanner a thread, each with an arena of its own but the
		 * first (the caller's: the document's) */
		nx = (size_t)threads < sh.nchunks ? (size_t)threads : sh.nchunks;
		xs = rb_xcalloc(nx, sizeof(*xs));
		for (k = 0; k < nx; k++) {
			xs[k] = x;
			if (k)
				xs[k].mem = rb_arena_new();
		}
		rb_pool_run((int)nx, nx, scan_task, xs);
		for (k = 1; k < nx; k++)
			rb_arena_adopt(doc->arena, xs[k].mem);
		free(xs);
		pthread_mutex_destroy(&sh.lock);
		for (c = 0; c < sh.nchunks; c++)
			rb_diags_move(d, &sh.d[c]);
		free(sh.d);
	} else
		scan_share(&x);
	rb_pages_free(x.arts);
	rb_pages_free(x.todo);
	free(x.order);
}

void
rb_pass_xref(rb_document *doc, rb_diags *d)
{
	size_t i;

	if (doc->root->kind == RB_BOOK) {
		for (i = 0; i < doc->ndocs; i++)
			xref_document(doc->docs[i], d, doc->threads);
		return;
	}
	xref_document(doc, d, doc->threads);
}
