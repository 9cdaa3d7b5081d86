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
#include "check/xref.h"

/* Relative words: 本款 前款 前两款 前条 前项 本章 本节 本编, and 本条 (only
 * with a following 第N款/项).  Returns bytes; *target may be NULL with
 * *missing set. */
static size_t
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
void
rb_xref_position(const rb_node *n, size_t off, unsigned *line, unsigned *col)
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

	rb_xref_position(n, off, &line, &col);
	rb_diag_report(x->d, RB_D_XREF_UNRESOLVED, n->file, line, col,
		       "%.*s refers to no clause: there is no %s", (int)len, n->text + off, missing);
}

/* English: Article 5(2)(a), section 3.2 */
static size_t
english(struct xctx *x, rb_node *from, const char *s, size_t n, rb_node **target,
	const char **missing)
{
	size_t i, m;
	int v = 0, ins = 0;
	rb_node *cur;

	*target = NULL;
	*missing = NULL;
	if ((m = rb_prefix(s, n, "Article ")) || (m = rb_prefix(s, n, "article "))) {
		i = m;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9' && v < 100000)
			v = v * 10 + (s[i++] - '0');
		i += rb_xref_en_insert(s + i, n - i, &ins);	/* Article 15-1 */
		if (rb_xref_en_of_act(s + i, n - i))
			return i;	/* Article 56 of the Employment Service Act */
		cur = xref_find_article(x, v, ins);
		if (!cur) {
			*missing = ins ? rb_arena_printf(x->mem, "Article %d-%d", v, ins) :
			    rb_arena_printf(x->mem, "Article %d", v);
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
			c = xref_child_as(cur, RB_ITEM, k, s[i + 1] >= 'a' && s[i + 1] <= 'z');
			if (!c && s[i + 1] >= '0' && s[i + 1] <= '9' && cur->kind == RB_ARTICLE)
				c = xref_para_n(cur, k);
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
		return xref_ancestor(prev, RB_ARTICLE);
	case U_ITEM:
	case U_SUBITEM:
		return prev->kind == RB_ITEM ? prev->parent : prev;
	case U_SECTION:
		return xref_ancestor(prev, RB_CHAPTER);
	case U_CHAPTER:
		return xref_ancestor(prev, RB_PART);
	default:
		return NULL;
	}
}

/* How a reference was written wrongly, read as meant: 笫 for 第, no 条
 * after the article's numeral, no 第 before it. */
enum miswritten { W_NONE, W_LOOKALIKE, W_NO_UNIT, W_NO_DI };

static void
miswritten(struct xctx *x, rb_node *n, size_t off, size_t len, enum miswritten w, size_t at)
{
	const char *t = n->text + off;
	int l = (int)len, a = (int)(at - off);
	unsigned line, col;

	rb_xref_position(n, off, &line, &col);
	if (w == W_LOOKALIKE)
		rb_diag_report(x->d, RB_D_XREF_MALFORMED, n->file, line, col,
			       "'笫' is not '第' in %.*s: did you mean %.*s第%.*s?", l, t, a, t,
			       l - a - 3, t + a + 3);
	else if (w == W_NO_UNIT)
		rb_diag_report(x->d, RB_D_XREF_MALFORMED, n->file, line, col,
			       "%.*s has no %s: did you mean %.*s%s%.*s?", l, t,
			       rb_xref_unit_name(x->tw, U_ARTICLE), a, t,
			       rb_xref_unit_name(x->tw, U_ARTICLE), l - a, t + a);
	else
		rb_diag_report(x->d, RB_D_XREF_MALFORMED, n->file, line, col,
			       "%.*s has no 第: did you mean %.*s第%.*s?", l, t, a, t, l - a, t + a);
}

static void
deleted(struct xctx *x, rb_node *n, size_t off, size_t len, const rb_node *art)
{
	unsigned line, col;

	rb_xref_position(n, off, &line, &col);
	rb_diag_report(x->d, RB_D_XREF_DELETED, n->file, line, col,
		       "%.*s refers to %s, which is deleted", (int)len, n->text + off, art->label);
	rb_diag_note(x->d, art->file, art->line, art->column, "%s （删去） here", art->label);
}

/* Does 第<num>条 (or 第<num>章) at byte at of n's text begin the next
 * article (or chapter), run on after a full stop in the paragraph of the
 * one before (……的继续教育。 第十八条继续教育实行登记制度。)?  It does
 * when it is the number due, no clause has it and the words after it do
 * not cite it.  After a chapter run on so (……刑事责任。第六章附则第四十条
 * 本条例…), its first article follows without the stop. */
static int
runs_in(struct xctx *x, rb_node *n, size_t at, size_t m, int num, enum ref_unit u, int after_chapter)
{
	const char *t = n->text;
	rb_node *a = xref_ancestor(n, RB_ARTICLE), *c;
	size_t len = strlen(t);

	if (rb_cited_after(t + at + m, len - at - m))
		return 0;
	if (u == U_CHAPTER) {
		c = xref_ancestor(n, RB_CHAPTER);
		if (!c || num != c->number + 1 || xref_division_n(x->doc->root, RB_CHAPTER, num))
			return 0;
	} else if (u != U_ARTICLE || !a || a->insert || num != a->number + 1 ||
		   xref_find_article(x, num, 0))
		return 0;
	if (after_chapter && u == U_ARTICLE)
		return 1;
	while (at > 0 && t[at - 1] == ' ')
		at--;
	if (at >= 3 && !memcmp(t + at - 3, "\u3000", 3))
		at -= 3;
	return at >= 3 && !memcmp(t + at - 3, "。", 3);
}

#define MAX_MEMBERS 16

static void
scan(struct xctx *x, rb_node *n, int quoted)
{
	const char *t = n->text;
	size_t len = strlen(t), i = 0, prev_end = 0;
	int quote = quoted, have_prev = 0, prev_ext = 0, prev_num = 0;
	rb_node *prev_target = NULL;
	struct carried carry = {NULL, 0, 0, 0};
	int run_chapter = 0;	/* a chapter heading run on just before */

	rb_buf_reset(&x->refs);
	while (i < len) {
		size_t m, start = i, j, unnumbered = 0, wrong_at = 0, count = 0, k;
		int ext = 0, range = 0, needs_more = 0, num, ins, member = 0, words = 0, no_di;
		enum ref_unit u, last_u = U_NONE, first_u = U_NONE;
		enum miswritten wrong = W_NONE;
		int first_num = 0, nums[MAX_MEMBERS];
		size_t ends[MAX_MEMBERS];
		rb_node *cur = NULL, *target = NULL;
		const char *missing = NULL;

		/* the hot path: only ` “ ” 《 第 本 前 and Article/section
		 * matter; anything else is skipped at once (笫 for 第 is
		 * looked for after 本法, 本办法 … only) */
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
			/* 香港法例第179章《婚姻诉讼条例》、第192章: the title of
			 * what was just cited keeps the list going */
			if (have_prev && prev_end == start)
				prev_end = i;
			else
				have_prev = 0;
			continue;
		}
		if (quote) {		/* quoted words are another text's */
			i++;
			continue;
		}
		/* the hot path: only 第, 本, 前 and Article/section start one */
		if (!rb_prefix(t + i, len - i, "第") && !rb_prefix(t + i, len - i, "本") &&
		    !rb_prefix(t + i, len - i, "前") && t[i] != 'A' && t[i] != 'a' && t[i] != 'S' && t[i] != 's') {
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
			add_ref(x, i, m, target, !target && !missing);	/* none: another law's */
			i += m;
			have_prev = 0;
			continue;
		}
		if ((m = rb_xref_self_prefix_di(t + i, len - i, &no_di)) > 0) {
			ext = x->self_other && !strncmp(t + i, x->self_other, strlen(x->self_other));
			i += m;
			if (no_di) {
				unsigned fl;

				unnumbered = rb_cn_parse(t + i, len - i, &num, &fl) + 3;
				wrong = W_NO_DI;
				wrong_at = i;
			}
		} else if ((m = xref_relative(x, n, t + i, len - i, &cur, &missing, &needs_more)) > 0) {
			i += m;
			words = 1;
		} else if (rb_prefix(t + i, len - i, "第") || rb_prefix(t + i, len - i, "笫")) {
			ext = member ? prev_ext : rb_xref_external_before(t, i) ||
			    (x->tw && rb_xref_after_short_name(t, i));
		} else {
			m = 1;
			while (i + m < len && ((unsigned char)t[i + m] & 0xC0) == 0x80)
				m++;
			i += m;
			continue;
		}
		/* the chain: 第N条 第N款 第N项 …, coarse to fine */
		for (;;) {
			if (unnumbered && last_u == U_NONE) {
				m = unnumbered;
				ins = 0;
				u = U_ARTICLE;
			} else if (!(m = rb_xref_ordinal(x->tw, t + i, len - i, &num, &ins, &u))) {
				if (last_u != U_NONE || !(m = rb_xref_unitless(x->tw, t + i, len - i, &num)))
					break;
				ins = 0;
				u = U_ARTICLE;
				wrong = W_NO_UNIT;
				wrong_at = i + m;
			}
			if (last_u != U_NONE && u <= last_u)
				break;	/* 第十条第十一条: the next reference */
			if (rb_prefix(t + i, len - i, "笫")) {
				wrong = W_LOOKALIKE;
				wrong_at = i;
			}
			if (last_u == U_NONE && start == i && !member && !ext &&
			    runs_in(x, n, i, m, num, u, run_chapter)) {
				unsigned line, col;

				/* a chapter's first article run on with it is
				 * the same defect: said once */
				if (!(run_chapter && u == U_ARTICLE)) {
					rb_xref_position(n, i, &line, &col);
					rb_diag_report(x->d, RB_D_NUMBERING_RUN_IN, n->file, line, col,
						       "%.*s runs on in the paragraph of %s: "
						       "start it on a line of its own", (int)m, t + i,
						       xref_ancestor(n, RB_ARTICLE)->label);
				}
				run_chapter = u == U_CHAPTER;
				break;
			}
			if (last_u == U_NONE && !words && member && prev_target && u != U_ARTICLE)
				cur = member_context(prev_target, u);
			else if (last_u == U_NONE && !words && !member &&
				 (u == U_PARA || u == U_ITEM) && xref_carried_external(t, i, &carry))
				ext = 1;	/* ……；第四项规定的: still the other law's */
			else if (last_u == U_NONE && !words && !member) {
				size_t w;
				rb_node *that = xref_that_one(t, i, &carry, &w);

				if (that)
					start -= w;	/* 该款第一项: the 款 just named */
				cur = that ? that : xref_bare_context(x, n, u, &carry, i);
			}
			if (!ext && !missing) {
				rb_node *nx = xref_step(x, n, cur, u, num, ins);

				if (!nx)
					missing = u == U_ARTICLE || !cur || !*cur->label ?
					    xref_describe(x, u, num, ins) :
					    rb_arena_printf(x->mem, "%s in %s",
							    xref_describe(x, u, num, ins), cur->label);
				cur = nx;
			}
			if (first_u == U_NONE) {
				first_u = u;
				first_num = num;
			}
			last_u = u;
			i += m;
		}
		/* 第二、三项, 本条例第十四条第（一）、（三）项: members under one unit */
		if (i + 3 <= len && !memcmp(t + i, "第", 3) &&
		    (m = rb_xref_compact(x->tw, t + i, len - i, nums, ends, MAX_MEMBERS, &count, &u)) > 0 &&
		    (last_u == U_NONE || u > last_u)) {
			if (last_u == U_NONE && !words)
				cur = member && prev_target ? member_context(prev_target, u) :
				    xref_bare_context(x, n, u, &carry, i);
			if (first_u == U_NONE) {
				first_u = u;
				first_num = nums[0];
			}
			for (k = 0; k < count; k++)
				ends[k] += i;
			last_u = u;
			i += m;
		} else
			count = 0;
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
		if (wrong != W_NONE && !ext)
			miswritten(x, n, start, (count ? ends[0] : i) - start, wrong, wrong_at);
		if (count) {
			/* each member its own reference, the first with the
			 * chain before it: 本条例第二条第（一） → （一）, （三）项 */
			size_t from = start;

			if (missing && !ext)
				unresolved(x, n, start, i - start, missing);
			for (k = 0; k < count; k++) {
				rb_node *nx = NULL;

				if (!ext && !missing &&
				    !(nx = xref_step(x, n, cur, u, nums[k], 0)))
					unresolved(x, n, from, ends[k] - from,
						   xref_describe(x, u, nums[k], 0));
				add_ref(x, from, ends[k] - from, nx, ext);
				if (!cur && nx && nx->kind == RB_ITEM)
					cur = nx->parent;	/* the rest from the same list */
				prev_target = nx;
				from = ends[k] + 3;	/* past 、 */
			}
			target = prev_target;
			prev_num = 0;
		} else {
			target = ext ? NULL : cur;
			/* 第十条至第十五条: the articles between exist too */
			if (range && member && !ext && first_u == U_ARTICLE && last_u == U_ARTICLE &&
			    prev_num > 0) {
				int a;

				for (a = prev_num + 1; a < first_num && a < prev_num + 1000; a++)
					if (!xref_find_article(x, a, 0))
						unresolved(x, n, start, i - start,
							   xref_describe(x, U_ARTICLE, a, 0));
			}
			if (missing && !ext && !(first_u == U_CHAPTER && last_u == U_CHAPTER &&
						 xref_division_n(x->doc->root, RB_CHAPTER, first_num + 1)))
				unresolved(x, n, start, i - start, missing);
			/* (a chapter whose heading is missing: a note of that) */
			else if (target && target->deleted && !ext)
				deleted(x, n, start, i - start, target);
			prev_num = first_u == U_ARTICLE && last_u == U_ARTICLE ? first_num : 0;
			add_ref(x, start, i - start, target, ext);
			prev_target = target;
		}
		if (first_u == U_ARTICLE && (ext || target)) {
			carry.named = ext ? NULL : target;
			carry.below = last_u != U_ARTICLE;
			carry.external = ext;
			carry.end = i;
		}
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
			scan(x, x->todo[i], x->quoted[i]);
	else
		while (rb_take_work(&x->share->lock, &x->share->next, x->share->nchunks, &c)) {
			x->d = &x->share->d[c];
			for (i = c * XCHUNK; i < (c + 1) * XCHUNK && i < x->ntodo; i++)
				scan(x, x->todo[i], x->quoted[i]);
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
	int quoted = 0;		/* the text so far ends inside a quotation */
	struct xshare sh;

	memset(&x, 0, sizeof(x));
	x.doc = doc;
	x.d = d;
	x.tw = (doc->profile->cn_flags & RB_CN_TW) != 0;
	x.self_other = x.tw ? rb_xref_self_named_other(doc) : NULL;
	/* 修正案, and a decision amending a law (关于修改…的决定), quote the
	 * law they amend */
	x.amendment = doc->root->title && (strstr(doc->root->title, "修正案") ||
					   (strstr(doc->root->title, "修改") &&
					    strstr(doc->root->title, "决定")));
	/* the articles and the clauses with text, in memory of their
	 * largest size (a fault a page grown into is dear) */
	x.arts = rb_pages(cap * sizeof(*x.arts));
	x.todo = rb_pages(cap * sizeof(*x.todo));
	x.quoted = rb_pages(cap);
	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE) {
		if (ev != RB_EV_ENTER)
			continue;
		if (x.narts == cap || ntodo == cap) {	/* nodes of another document */
			x.arts = rb_pages_grow(x.arts, 2 * cap * sizeof(*x.arts));
			x.todo = rb_pages_grow(x.todo, 2 * cap * sizeof(*x.todo));
			x.quoted = rb_pages_grow(x.quoted, 2 * cap);
			cap *= 2;
		}
		if (w.cur->kind == RB_PARAGRAPH && rb_continues(w.cur))
			rb_report_broken(d, w.cur);
		if (w.cur->kind == RB_ARTICLE)	/* （删去） slots too */
			x.arts[x.narts++] = w.cur;
		if (w.cur->kind != RB_PARAGRAPH && w.cur->kind != RB_ITEM)
			quoted = 0;	/* no quotation runs across an article */
		if (w.cur != doc->root && w.cur->text && *w.cur->text) {
			int mark = xref_last_quote_mark(w.cur->text);

			x.quoted[ntodo] = (unsigned char)quoted;
			x.todo[ntodo++] = w.cur;
			quoted = mark ? mark > 0 : quoted;
		}
	}
	x.order = rb_xcalloc(x.narts + 1, sizeof(*x.order));
	if (x.narts) {
		size_t k;

		memcpy(x.order, x.arts, x.narts * sizeof(*x.arts));
		/* articles mostly come in order already */
		for (k = 1; k < x.narts && xref_cmp_art(&x.arts[k - 1], &x.arts[k]) <= 0; k++)
			;
		if (k < x.narts)
			qsort(x.arts, x.narts, sizeof(*x.arts), xref_cmp_art);
		x.lo = x.arts[0]->number;
		x.hi = x.arts[x.narts - 1]->number;
	}
	/* a part of a code: it starts mid-sequence (合同编) or is the title's
	 * subtitle (中华人民共和国民法典 / 总则) */
	x.partial = doc->start > 1 || rb_meta_get(doc, "subtitle") != NULL;
	x.chapters_through = rb_chapters_through(doc->root);
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
	rb_pages_free(x.quoted);
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
