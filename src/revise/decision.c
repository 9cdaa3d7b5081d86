/*
 * The amendment decision (修改决定) of an alignment, in the NPC's drafting
 * grammar: targets by old numbers, results (作为第Y条) by new ones.
 *
 * Per article, the lightest sentences that do the job: a few word
 * substitutions (将第X条中的“A”修改为“B”, the quoted words grown until
 * they occur once in the article); else 款 and 项 replaced, added or
 * deleted (from the last to the first, so that each names its 款 by the
 * number it has then, which is the old one); else the whole article
 * 修改为.  Each candidate is tried on a copy of the old article with the
 * code amend uses, and kept only when it gives the new text exactly.  An
 * article whose only change is its number (and the references that follow
 * the renumbering) gets no sentence: 此外，对条文顺序作相应调整。
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/text.h"
#include "number/cnnum.h"
#include "revise/revise.h"

#define MAX_WORD_HUNKS 3
#define MAX_CONTEXT 24		/* code points a quotation may grow by */
#define MIN_QUOTE 2		/* code points quoted where words are added */
#define MAX_BLOCK_OPS 4

typedef struct opvec {
	rv_amend_op *v;
	size_t n, cap;
} opvec;

static rv_amend_op *
new_op(opvec *o, rv_op_kind kind, const rv_unit *art)
{
	rv_amend_op *op;

	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->v = rb_xrealloc(o->v, o->cap * sizeof(*o->v));
	}
	op = &o->v[o->n++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	if (art) {
		op->t[0].article = art->number;
		op->t[0].insert = art->insert;
		op->nt = 1;
	}
	return op;
}

static void
opvec_free(opvec *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		rv_op_free(&o->v[i]);
	free(o->v);
	memset(o, 0, sizeof(*o));
}

static void
set_payload(rv_amend_op *op, const rv_unit *u, size_t from, size_t to)
{
	size_t k;

	op->npayload = to - from;
	op->payload = rb_xcalloc(op->npayload + 1, sizeof(char *));
	for (k = from; k < to; k++)
		op->payload[k - from] = rb_xstrdup(u->blocks[k].text);
}

/* The payload of an article added with others: its first paragraph
 * opening with its label and a full-width space. */
static void
label_payload(rv_amend_op *op, int number, int insert)
{
	char lab[64];
	rb_buf b;

	if (!op->npayload)
		return;
	rv_article_label(lab, sizeof(lab), number, insert);
	rb_buf_init(&b);
	rb_buf_printf(&b, "%s　%s", lab, op->payload[0]);
	free(op->payload[0]);
	op->payload[0] = rb_buf_detach(&b);
}

/* ---- trying sentences ---- */

static int
gives(const rv_unit *old, const opvec *o, const rv_unit *want)
{
	rv_unit u;
	size_t i;
	int ok = 1;
	const char *why;

	rv_unit_copy(&u, old);
	for (i = 0; i < o->n && ok; i++)
		ok = rv_apply_to_article(&u, &o->v[i], &o->v[i].t[0], &why) == 0;
	ok = ok && rv_unit_same_text(&u, want);
	rv_unit_free_blocks(&u);
	free(u.label);
	free(u.title);
	free(u.path);
	return ok;
}

/* ---- word substitutions ---- */

static size_t
occurrences(const char *s, const char *w, size_t wl)
{
	size_t c = 0;
	const char *p = s;

	if (!wl)
		return 0;
	while ((p = rb_memfind(p, strlen(p), w, wl))) {
		c++;
		p++;
	}
	return c;
}

static size_t
cp_back(const char *s, size_t at)
{
	do
		at--;
	while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80);
	return at;
}

static size_t
cp_fwd(const char *s, size_t at)
{
	do
		at++;
	while (s[at] && ((unsigned char)s[at] & 0xC0) == 0x80);
	return at;
}

static char *
dup_range(const char *s, size_t from, size_t to)
{
	char *r = rb_xmalloc(to - from + 1);

	memcpy(r, s + from, to - from);
	r[to - from] = '\0';
	return r;
}

static int
numeral_or_unit(uint32_t cp)
{
	return rb_cn_is_numeral(cp) || cp == 0x7B2C /* 第 */ || cp == 0x6761 /* 条 */ ||
	       cp == 0x6B3E /* 款 */ || cp == 0x9879 /* 项 */ || cp == 0x4E4B /* 之 */;
}

/* A change inside a reference (第六条 → 第七条) quoted as the whole
 * reference, not as its numeral. */
static void
snap_reference(const char *t, size_t *s, size_t *e, const char *nw, size_t *ns, size_t *ne,
	       size_t nwl)
{
	uint32_t cp;

	for (;;) {
		size_t p;

		if (!*s || !*ns)
			break;
		p = cp_back(t, *s);
		rb_utf8_decode(t + p, *s - p, &cp);
		if (!numeral_or_unit(cp))
			break;
		*s = p;
		*ns = cp_back(nw, *ns);
	}
	while (t[*e] && *ne < nwl) {
		size_t m = rb_utf8_decode(t + *e, strlen(t + *e), &cp);

		if (!m || !numeral_or_unit(cp))
			break;
		*e += m;
		*ne += m;
	}
}

static int
clause_mark(const char *t, size_t at)
{
	uint32_t cp;

	if (t[at] == '\n' || !rb_utf8_decode(t + at, strlen(t + at), &cp))
		return 1;
	return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
	       (cp >= 0xFF1A && cp <= 0xFF20) || cp == 0x201C || cp == 0x201D ||
	       (cp < 0x80 && strchr(",.;:!?()", (int)cp));
}

/* A quotation that needed context to be unique grown to the clause
 * around it (between punctuation marks): a drafter quotes whole words,
 * not “一和尊严”; unless the clause is longer than MAX_CLAUSE.  Only the
 * sides allowed grow: an addition after words keeps its end. */
#define MAX_CLAUSE 30

static void
to_clause(const char *t, size_t *ls, size_t *re, int left, int right)
{
	size_t l = *ls, r = *re, tl = strlen(t);

	while (left && l > 0 && !clause_mark(t, cp_back(t, l)))
		l = cp_back(t, l);
	while (right && r < tl && !clause_mark(t, r))
		r = cp_fwd(t, r);
	if (rb_utf8_count(t + l, r - l) <= MAX_CLAUSE) {
		*ls = l;
		*re = r;
	}
}

/* One hunk [s, e) of old text t → new words: an op, the quotation grown
 * by context until it occurs once. */
static int
word_op(opvec *o, const rv_unit *art, const char *t, size_t s, size_t e, const char *nw, size_t nl)
{
	size_t ls = s, re = e, grown = 0, tl = strlen(t);
	rv_amend_op *op;
	rb_buf b;

	if (memchr(t + s, '\n', e - s) || memchr(nw, '\n', nl))
		return -1;
	if (s == e) {	/* an insertion: quote what comes before (or after) */
		int after = s > 0 && t[s - 1] != '\n';

		while (grown++ < MAX_CONTEXT) {
			if (after && ls > 0 && t[ls - 1] != '\n')
				ls = cp_back(t, ls);
			else if (!after && re < tl && t[re] != '\n')
				re = cp_fwd(t, re);
			else
				return -1;
			if (occurrences(t, t + ls, re - ls) == 1 && rb_utf8_count(t + ls, re - ls) >= MIN_QUOTE)
				break;
		}
		if (occurrences(t, t + ls, re - ls) != 1)
			return -1;
		to_clause(t, &ls, &re, after, !after);
		op = new_op(o, RV_OP_ADD_WORDS, art);
		op->a = dup_range(t, ls, re);
		op->b = dup_range(nw, 0, nl);
		op->before = !after;
		return 0;
	}
	while (occurrences(t, t + ls, re - ls) != 1) {
		if (grown++ >= MAX_CONTEXT)
			return -1;
		if (ls > 0 && t[ls - 1] != '\n' && (grown % 2 || re >= tl || t[re] == '\n'))
			ls = cp_back(t, ls);
		else if (re < tl && t[re] != '\n')
			re = cp_fwd(t, re);
		else
			return -1;
	}
	if (!nl && ls == s && re == e) {
		op = new_op(o, RV_OP_DELETE_WORDS, art);
		op->a = dup_range(t, s, e);
		return 0;
	}
	if (ls != s || re != e)	/* context was needed: quote the clause */
		to_clause(t, &ls, &re, 1, 1);
	op = new_op(o, RV_OP_SUBST, art);
	op->a = dup_range(t, ls, re);
	rb_buf_init(&b);
	rb_buf_put(&b, t + ls, s - ls);
	rb_buf_put(&b, nw, nl);
	rb_buf_put(&b, t + e, re - e);
	op->b = rb_buf_detach(&b);
	return 0;
}

static int
word_ops(opvec *o, const rv_unit *x, const rv_unit *y)
{
	char *ta = rv_article_text(x), *tb = rv_article_text(y);
	rv_edits e;
	size_t k, hunks = 0;
	int ok = 1;

	rv_diff_text(ta, tb, &e);
	for (k = 0; k < e.n && ok; k++) {
		size_t s, en, bs, be;

		if (e.v[k].op == RV_EQUAL)
			continue;
		s = e.v[k].a_off;
		bs = e.v[k].b_off;
		en = s + e.v[k].a_len;
		be = bs + e.v[k].b_len;
		while (k + 1 < e.n && e.v[k + 1].op != RV_EQUAL) {
			k++;
			en = e.v[k].a_off + e.v[k].a_len;
			be = e.v[k].b_off + e.v[k].b_len;
		}
		if (s != en && bs != be) {
			size_t ns = bs, ne = be;

			snap_reference(ta, &s, &en, tb, &ns, &ne, strlen(tb));
			bs = ns;
			be = ne;
		}
		ok = ++hunks <= MAX_WORD_HUNKS && word_op(o, x, ta, s, en, tb + bs, be - bs) == 0;
	}
	rv_edits_free(&e);
	free(ta);
	free(tb);
	return ok && hunks ? 0 : -1;
}

/* ---- 款 and 项 ---- */

/* The 款 of an article: block ranges [start[i], start[i+1]). */
static size_t
paras(const rv_unit *u, size_t *start)
{
	size_t k, n = 0;

	for (k = 0; k < u->nblocks; k++)
		if (u->blocks[k].kind == RV_PARA || k == 0)
			start[n++] = k;
	start[n] = u->nblocks;
	return n;
}

static int
same_range(const rv_unit *x, size_t xf, size_t xt, const rv_unit *y, size_t yf, size_t yt)
{
	size_t k;

	if (xt - xf != yt - yf)
		return 0;
	for (k = 0; k < xt - xf; k++)
		if (strcmp(x->blocks[xf + k].text, y->blocks[yf + k].text))
			return 0;
	return 1;
}

/* The text of 款 [f, t) joined, for comparing. */
static char *
range_text(const rv_unit *u, size_t f, size_t t)
{
	rb_buf b;

	rb_buf_init(&b);
	rb_buf_puts(&b, "");
	for (; f < t; f++)
		rb_buf_puts(&b, u->blocks[f].text);
	return rb_buf_detach(&b);
}

/* In the changed middle, old 款 i paired with new 款 pair[i] (or -1),
 * in order, most alike first (a small dynamic programme). */
static void
pair_paras(const rv_unit *x, const size_t *sx, size_t h, size_t ex, const rv_unit *y,
	   const size_t *sy, size_t ey, int *pair)
{
	size_t n = ex - h, m = ey - h, i, j;
	double *t = rb_xcalloc((n + 1) * (m + 1), sizeof(*t)), *s = rb_xcalloc(n * m + 1, sizeof(*s));

	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++) {
			char *a = range_text(x, sx[h + i], sx[h + i + 1]);
			char *b = range_text(y, sy[h + j], sy[h + j + 1]);

			s[i * m + j] = rv_similarity(a, b);
			free(a);
			free(b);
		}
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;) {
			double best = t[(i + 1) * (m + 1) + j], v = t[i * (m + 1) + j + 1];

			if (v > best)
				best = v;
			v = s[i * m + j] + t[(i + 1) * (m + 1) + j + 1];
			if (s[i * m + j] >= 0.3 && v > best)
				best = v;
			t[i * (m + 1) + j] = best;
		}
	for (i = 0; i < n; i++)
		pair[i] = -1;
	i = j = 0;
	while (i < n && j < m) {
		if (s[i * m + j] >= 0.3 && t[i * (m + 1) + j] == s[i * m + j] + t[(i + 1) * (m + 1) + j + 1]) {
			pair[i] = (int)j;
			i++;
			j++;
		} else if (t[i * (m + 1) + j] == t[(i + 1) * (m + 1) + j])
			i++;
		else
			j++;
	}
	free(t);
	free(s);
}

/* The 款 x[i] (1-based) made into y[j]: kept, its items replaced one by
 * one, or replaced whole. */
static void
para_ops(opvec *o, const rv_unit *x, const size_t *sx, size_t i, const rv_unit *y, const size_t *sy,
	 size_t j, int single)
{
	size_t xf = sx[i - 1], xt = sx[i], yf = sy[j - 1], yt = sy[j], k;
	rv_amend_op *op;

	if (same_range(x, xf, xt, y, yf, yt))
		return;
	if (!strcmp(x->blocks[xf].text, y->blocks[yf].text) && xt - xf == yt - yf && xt - xf > 1) {
		for (k = xt - xf; k-- > 1;)
			if (strcmp(x->blocks[xf + k].text, y->blocks[yf + k].text)) {
				op = new_op(o, RV_OP_REPLACE, x);
				op->t[0].para = single ? 0 : (int)i;
				op->t[0].item = (int)k;
				set_payload(op, y, yf + k, yf + k + 1);
			}
		return;
	}
	op = new_op(o, RV_OP_REPLACE, x);
	op->t[0].para = (int)i;
	set_payload(op, y, yf, yt);
}

/* 款 by 款, from the last: kept, replaced, deleted or added — so that
 * each sentence names its 款 by the number it still has, the old one. */
static int
block_ops(opvec *o, const rv_unit *x, const rv_unit *y)
{
	size_t *sx = rb_xmalloc((x->nblocks + 2) * sizeof(size_t));
	size_t *sy = rb_xmalloc((y->nblocks + 2) * sizeof(size_t));
	size_t nx = paras(x, sx), ny = paras(y, sy), h = 0, t = 0, i, j;
	int single = nx == 1 && ny == 1, *pair;

	while (h < nx && h < ny && same_range(x, sx[h], sx[h + 1], y, sy[h], sy[h + 1]))
		h++;
	while (t + h < nx && t + h < ny &&
	       same_range(x, sx[nx - 1 - t], sx[nx - t], y, sy[ny - 1 - t], sy[ny - t]))
		t++;
	pair = rb_xmalloc((nx + 1) * sizeof(int));
	pair_paras(x, sx, h, nx - t, y, sy, ny - t, pair);
	/* from the end of the middle: old 款 i (1-based), new 款 j */
	i = nx - t;
	j = ny - t;
	while (i > h || j > h) {
		rv_amend_op *op;
		int pi = i > h ? pair[i - 1 - h] : -1;

		if (i > h && j > h && pi >= 0 && (size_t)pi + h + 1 == j) {
			para_ops(o, x, sx, i, y, sy, j, single);
			i--;
			j--;
		} else if (i > h && (pi < 0 || j == h)) {
			op = new_op(o, RV_OP_DELETE, x);
			op->t[0].para = (int)i;
			i--;
		} else {
			op = new_op(o, RV_OP_ADD_PARA, x);
			op->new_number = (int)i + 1;
			set_payload(op, y, sy[j - 1], sy[j]);
			j--;
		}
	}
	free(pair);
	free(sx);
	free(sy);
	return o->n <= MAX_BLOCK_OPS ? 0 : -1;
}

/* The sentences that make x into y. */
static void
article_ops(opvec *out, const rv_unit *x, const rv_unit *y, double similarity)
{
	opvec o = {0};
	rv_amend_op *op;

	if (similarity >= 0.7 && word_ops(&o, x, y) == 0 && gives(x, &o, y))
		goto done;
	opvec_free(&o);
	if ((x->nblocks > 1 || y->nblocks > 1) && block_ops(&o, x, y) == 0 && gives(x, &o, y))
		goto done;
	opvec_free(&o);
	op = new_op(&o, RV_OP_REPLACE, x);
	set_payload(op, y, 0, y->nblocks);
done:
	for (size_t i = 0; i < o.n; i++) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 16;
			out->v = rb_xrealloc(out->v, out->cap * sizeof(*out->v));
		}
		out->v[out->n++] = o.v[i];
	}
	free(o.v);
}

/* The nearest old article matched to a new one before (dir -1) or after
 * (dir 1) new unit j, or -1. */
static int
anchor(const rv_align *al, int j, int dir)
{
	for (j += dir; j >= 0 && (size_t)j < al->b->n; j += dir)
		if (al->b->u[j].kind == RV_ARTICLE && al->b_to_a[j] >= 0)
			return al->b_to_a[j];
	return -1;
}

static void
place(rv_amend_op *op, const rv_align *al, int j)
{
	int a = anchor(al, j, -1);

	op->before = a < 0;
	if (a < 0)
		a = anchor(al, j, 1);
	if (a < 0)
		return;
	op->t[op->nt].article = al->a->u[a].number;
	op->t[op->nt].insert = al->a->u[a].insert;
	op->nt++;
}

/* Does a heading kept stand before the same article in both versions
 * (the old article before it, when a new one follows it)? */
static int
stays(const rv_align *al, const rv_pair *p)
{
	size_t i, j;
	long before_a = -1;

	if (p->change == RV_MOVED)
		return 0;
	for (j = (size_t)p->b + 1; j < al->b->n && al->b->u[j].kind != RV_ARTICLE; j++)
		;
	for (i = (size_t)p->a + 1; i < al->a->n && al->a->u[i].kind != RV_ARTICLE; i++)
		;
	if (j < al->b->n && al->b_to_a[j] >= 0)
		return i < al->a->n && (size_t)al->b_to_a[j] == i;
	for (i = (size_t)p->a; i-- > 0 && al->a->u[i].kind != RV_ARTICLE;)
		;
	if (i < al->a->n && al->a->u[i].kind == RV_ARTICLE)
		before_a = (long)i;
	return anchor(al, p->b, -1) == before_a;
}

/* A heading retitled, added (before the first old article that follows it,
 * or after the last before it) or dropped; only labelled ones (第二章) can
 * be named. */
static void
heading_ops(opvec *o, const rv_align *al, const rv_pair *p)
{
	const rv_unit *x = p->a >= 0 ? &al->a->u[p->a] : NULL;
	const rv_unit *y = p->b >= 0 ? &al->b->u[p->b] : NULL;
	rv_amend_op *op;
	int a;

	if (x && y && !*x->label && !*y->label && !strcmp(x->title, "序言") && !strcmp(y->title, "序言") &&
	    x->nblocks == y->nblocks) {
		/* the preamble's paragraphs, by number: 将序言第七自然段修改为： */
		size_t k;

		for (k = 0; k < x->nblocks; k++)
			if (strcmp(x->blocks[k].text, y->blocks[k].text)) {
				op = new_op(o, RV_OP_REPLACE, NULL);
				op->t[0].preamble = 1;
				op->t[0].para = (int)k + 1;
				op->nt = 1;
				set_payload(op, y, k, k + 1);
			}
		return;
	}
	if ((x && strncmp(x->label, "第", 3)) || (y && strncmp(y->label, "第", 3)))
		return;
	if (x && y && stays(al, p)) {
		if (p->text_changed) {
			op = new_op(o, RV_OP_HEADING, NULL);
			op->a = rb_xstrdup(x->path);
			op->b = rb_xstrdup(y->title);
		}
		return;
	}
	if (x) {	/* dropped, or moved among the articles: dropped and added */
		op = new_op(o, RV_OP_DELETE_HEADING, NULL);
		op->a = rb_xstrdup(x->path);
		if (!y)
			return;
	}
	op = new_op(o, RV_OP_ADD_HEADING, NULL);
	op->a = rb_xstrdup(y->label);
	op->b = rb_xstrdup(y->title);
	/* before the article that follows when it is an old one; when a new
	 * article follows, after the old one before (new articles go after
	 * it, and so after the heading) */
	{
		size_t j;

		for (j = (size_t)p->b + 1; j < al->b->n && al->b->u[j].kind != RV_ARTICLE; j++)
			;
		a = j < al->b->n && al->b_to_a[j] >= 0 ? al->b_to_a[j] : -1;
	}
	op->before = a >= 0;
	if (a < 0)
		a = anchor(al, p->b, -1);
	if (a < 0) {
		op->before = 1;
		a = anchor(al, p->b, 1);
	}
	if (a < 0) {
		o->n--;
		rv_op_free(op);
		return;
	}
	op->t[0].article = al->a->u[a].number;
	op->t[0].insert = al->a->u[a].insert;
	op->nt = 1;
}

/* Sentences of one kind in a row said once, as drafters do: 删去第五条、
 * 第六条。 and 在第九条后增加两条，作为第十条、第十一条：(each article's
 * payload opening with its label). */
static void
group(opvec *o)
{
	size_t i, j, k, w = 0;

	for (i = 0; i < o->n; i = j) {
		rv_amend_op *op = &o->v[i];

		for (j = i + 1; j < o->n; j++) {
			const rv_amend_op *nx = &o->v[j];

			if (op->kind == RV_OP_DELETE && nx->kind == RV_OP_DELETE && !op->t[0].para &&
			    !op->t[0].item && !nx->t[0].para && !nx->t[0].item && op->nt < 16) {
				op->t[op->nt++] = nx->t[0];
				rv_op_free(&o->v[j]);
				continue;
			}
			if (op->kind == RV_OP_INSERT && nx->kind == RV_OP_INSERT && !op->before &&
			    !nx->before && op->nt == 1 && nx->nt == 1 &&
			    op->t[0].article == nx->t[0].article && op->t[0].insert == nx->t[0].insert &&
			    (op->articles ? op->articles : 1) < 9) {
				int n = op->articles ? op->articles : 1;

				if (n == 1)
					label_payload(op, op->new_number, op->new_insert);
				label_payload(&o->v[j], nx->new_number, nx->new_insert);
				op->more[n - 1] = nx->new_number;
				op->more_insert[n - 1] = nx->new_insert;
				op->articles = n + 1;
				op->payload = rb_xrealloc(op->payload, (op->npayload + nx->npayload + 1) *
							  sizeof(char *));
				for (k = 0; k < nx->npayload; k++)
					op->payload[op->npayload++] = nx->payload[k];
				free(nx->payload);
				o->v[j].payload = NULL;
				o->v[j].npayload = 0;
				rv_op_free(&o->v[j]);
				continue;
			}
			break;
		}
		if (w != i)
			o->v[w] = *op;
		w++;
	}
	o->n = w;
}

/* A split: 将第三条改为两条，作为第三条、第四条，修改为：(each payload
 * opening with its label); a merge: 将第六条和第七条合并修改为：. */
static void
pieces_op(opvec *o, const rv_align *al, const rv_pair *p)
{
	const rv_unit *x = &al->a->u[p->a], *y = &al->b->u[p->b];
	rv_amend_op *op = new_op(o, RV_OP_REPLACE, x), part;

	if (p->change == RV_MERGED) {
		const rv_unit *x2 = &al->a->u[al->merge_a2[p->b]];

		op->t[1].article = x2->number;
		op->t[1].insert = x2->insert;
		op->nt = 2;
		set_payload(op, y, 0, y->nblocks);
		return;
	}
	{
		const rv_unit *y2 = &al->b->u[al->split_b2[p->a]];
		size_t k;

		set_payload(op, y, 0, y->nblocks);
		label_payload(op, y->number, y->insert);
		memset(&part, 0, sizeof(part));
		set_payload(&part, y2, 0, y2->nblocks);
		label_payload(&part, y2->number, y2->insert);
		op->articles = 2;
		op->new_number = y->number;
		op->new_insert = y->insert;
		op->more[0] = y2->number;
		op->more_insert[0] = y2->insert;
		op->payload = rb_xrealloc(op->payload, (op->npayload + part.npayload + 1) * sizeof(char *));
		for (k = 0; k < part.npayload; k++)
			op->payload[op->npayload++] = part.payload[k];
		free(part.payload);
	}
}

void
rv_write_decision(const rv_align *al, rb_buf *b)
{
	opvec o = {0};
	size_t k;
	int renumbered = 0;

	for (k = 0; k < al->n; k++) {
		const rv_pair *p = &al->pairs[k];
		const rv_unit *x = p->a >= 0 ? &al->a->u[p->a] : NULL;
		const rv_unit *y = p->b >= 0 ? &al->b->u[p->b] : NULL;
		rv_amend_op *op;

		if (p->kind == RV_HEADING) {
			heading_ops(&o, al, p);
			continue;
		}
		if (x && y && strcmp(x->label, y->label))
			renumbered = 1;
		if (p->change == RV_SPLIT || p->change == RV_MERGED) {
			if (!p->second)
				pieces_op(&o, al, p);
			renumbered = 1;
		} else if (!y) {
			new_op(&o, RV_OP_DELETE, x);
			renumbered = 1;
		} else if (!x) {
			op = new_op(&o, RV_OP_INSERT, NULL);
			op->nt = 0;
			place(op, al, p->b);
			op->new_number = y->number;
			op->new_insert = y->insert;
			set_payload(op, y, 0, y->nblocks);
			renumbered = 1;
		} else {
			if (p->change == RV_MOVED) {
				op = new_op(&o, RV_OP_MOVE, x);
				place(op, al, p->b);
				op->new_number = y->number;
				op->new_insert = y->insert;
			}
			if (p->text_changed)
				article_ops(&o, x, y, p->similarity);
		}
	}
	group(&o);
	rb_buf_puts(b, "# 关于修改《");
	rb_buf_puts(b, rb_document_title(al->a->doc));
	rb_buf_puts(b, "》的决定");
	for (k = 0; k < o.n; k++)
		rv_put_sentence(b, &o.v[k], (int)k + 1);
	if (renumbered)
		rb_buf_puts(b, "\n\n此外，对条文顺序作相应调整。");
	rb_buf_puts(b, "\n");
	opvec_free(&o);
}
