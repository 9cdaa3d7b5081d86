/*
 * Character diff of two article texts and their similarity.
 *
 * The diff is a longest common subsequence on code points (the common
 * head and tail cut off first, so that the table covers only what
 * changed); a text too long for the table is one deletion and one
 * insertion.  A change that leaves a character or two standing between
 * two changes is grown over them — readers of a 对照表 want 将“主管部门”改为
 * “有关部门”, not three marks inside one word — except across Chinese
 * punctuation, where a clause ends.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "revise/revise.h"

/* The table holds at most this many cells (two bytes each). */
#define MAX_CELLS (6u * 1024 * 1024)

typedef struct cps {
	uint32_t *cp;
	size_t *off;	/* byte offset of each code point, and the end */
	size_t n;
} cps;

static void
decode(const char *s, cps *c)
{
	size_t n = strlen(s), i = 0, m;

	c->cp = rb_xmalloc((n + 1) * sizeof(*c->cp));
	c->off = rb_xmalloc((n + 1) * sizeof(*c->off));
	c->n = 0;
	while (i < n) {
		uint32_t cp;

		if (!(m = rb_utf8_decode(s + i, n - i, &cp))) {
			cp = (unsigned char)s[i];
			m = 1;
		}
		c->off[c->n] = i;
		c->cp[c->n++] = cp;
		i += m;
	}
	c->off[c->n] = n;
}

static void
push(rv_edits *e, rv_op op, size_t a_off, size_t a_len, size_t b_off, size_t b_len)
{
	rv_edit *last = e->n ? &e->v[e->n - 1] : NULL;

	if (!a_len && !b_len)
		return;
	if (last && last->op == op && last->a_off + last->a_len == a_off &&
	    last->b_off + last->b_len == b_off) {
		last->a_len += a_len;
		last->b_len += b_len;
		return;
	}
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->v = rb_xrealloc(e->v, e->cap * sizeof(*e->v));
	}
	e->v[e->n].op = op;
	e->v[e->n].a_off = a_off;
	e->v[e->n].a_len = a_len;
	e->v[e->n].b_off = b_off;
	e->v[e->n].b_len = b_len;
	e->n++;
}

/* Per code point: 0 kept, 1 changed. */
static void
lcs_marks(const cps *a, size_t a0, size_t a1, const cps *b, size_t b0, size_t b1,
	  unsigned char *ma, unsigned char *mb)
{
	size_t n = a1 - a0, m = b1 - b0, i, j;
	uint16_t *t;

	if (!n || !m || n * m > MAX_CELLS || n >= 65535 || m >= 65535) {
		memset(ma + a0, 1, n);
		memset(mb + b0, 1, m);
		return;
	}
	/* t[i][j]: LCS of a[a0+i..a1) and b[b0+j..b1) */
	t = rb_xcalloc((n + 1) * (m + 1), sizeof(*t));
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;) {
			uint16_t *c = &t[i * (m + 1) + j];

			if (a->cp[a0 + i] == b->cp[b0 + j])
				*c = (uint16_t)(t[(i + 1) * (m + 1) + j + 1] + 1);
			else {
				uint16_t d = t[(i + 1) * (m + 1) + j], r = t[i * (m + 1) + j + 1];

				*c = d >= r ? d : r;
			}
		}
	i = j = 0;
	while (i < n && j < m) {
		if (a->cp[a0 + i] == b->cp[b0 + j]) {
			i++;
			j++;
		} else if (t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1])
			ma[a0 + i++] = 1;
		else
			mb[b0 + j++] = 1;
	}
	for (; i < n; i++)
		ma[a0 + i] = 1;
	for (; j < m; j++)
		mb[b0 + j] = 1;
	free(t);
}

static int
is_punct(uint32_t cp)
{
	return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF20) ||
	       (cp >= 0x2010 && cp <= 0x206F) || (cp < 0x80 && !((cp | 32) >= 'a' && (cp | 32) <= 'z') &&
						  !(cp >= '0' && cp <= '9'));
}

/* Grow changes over a kept run of one or two characters between two
 * changes (on both sides: the run is deleted and inserted again). */
static void
snap(const cps *a, const cps *b, unsigned char *ma, unsigned char *mb)
{
	size_t i = 0, j = 0;
	int seen_change = 0;

	while (i < a->n || j < b->n) {
		size_t ri = i, rj = j, k;
		int punct = 0;

		if ((i < a->n && ma[i]) || (j < b->n && mb[j])) {
			while (i < a->n && ma[i])
				i++;
			while (j < b->n && mb[j])
				j++;
			seen_change = 1;
			continue;
		}
		/* a kept run: equal characters on both sides */
		while (ri < a->n && rj < b->n && !ma[ri] && !mb[rj]) {
			punct |= is_punct(a->cp[ri]);
			ri++;
			rj++;
		}
		if (seen_change && ri - i <= 2 && !punct && ri < a->n && rj < b->n &&
		    (ma[ri] || mb[rj]))
			for (k = i; k < ri; k++) {
				ma[k] = 1;
				mb[j + k - i] = 1;
			}
		if (ri == i) {	/* cannot happen with consistent marks */
			i++;
			j++;
		} else {
			i = ri;
			j = rj;
		}
	}
}

void
rv_diff_text(const char *as, const char *bs, rv_edits *out)
{
	cps a, b;
	size_t p = 0, sa, sb, i, j;
	unsigned char *ma, *mb;

	memset(out, 0, sizeof(*out));
	decode(as, &a);
	decode(bs, &b);
	while (p < a.n && p < b.n && a.cp[p] == b.cp[p])
		p++;
	sa = a.n;
	sb = b.n;
	while (sa > p && sb > p && a.cp[sa - 1] == b.cp[sb - 1]) {
		sa--;
		sb--;
	}
	ma = rb_xcalloc(a.n + 1, 1);
	mb = rb_xcalloc(b.n + 1, 1);
	lcs_marks(&a, p, sa, &b, p, sb, ma, mb);
	snap(&a, &b, ma, mb);
	/* marks to edits: within a change, the deletion before the insertion */
	i = j = 0;
	while (i < a.n || j < b.n) {
		if ((i < a.n && ma[i]) || (j < b.n && mb[j])) {
			size_t i0 = i, j0 = j;

			while (i < a.n && ma[i])
				i++;
			while (j < b.n && mb[j])
				j++;
			push(out, RV_DELETE, a.off[i0], a.off[i] - a.off[i0], b.off[j0], 0);
			push(out, RV_INSERT, a.off[i], 0, b.off[j0], b.off[j] - b.off[j0]);
			continue;
		}
		push(out, RV_EQUAL, a.off[i], a.off[i + 1] - a.off[i], b.off[j], b.off[j + 1] - b.off[j]);
		i++;
		j++;
	}
	free(ma);
	free(mb);
	free(a.cp);
	free(a.off);
	free(b.cp);
	free(b.off);
}

void
rv_edits_free(rv_edits *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The text's character pairs, sorted. */
uint64_t *
rv_bigrams(const char *s, size_t *count)
{
	size_t n = strlen(s), i = 0, m, k = 0;
	uint64_t *v = rb_xmalloc((n + 1) * sizeof(*v));
	uint32_t prev = 0, cp;
	int have = 0;

	while (i < n) {
		if (!(m = rb_utf8_decode(s + i, n - i, &cp))) {
			i++;
			continue;
		}
		i += m;
		if (have)
			v[k++] = (uint64_t)prev << 32 | cp;
		prev = cp;
		have = 1;
	}
	qsort(v, k, sizeof(*v), cmp_u64);
	*count = k;
	return v;
}

double
rv_dice(const uint64_t *va, size_t na, const uint64_t *vb, size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	while (i < na && j < nb) {
		if (va[i] == vb[j]) {
			common++;
			i++;
			j++;
		} else if (va[i] < vb[j])
			i++;
		else
			j++;
	}
	return (na + nb) ? 2.0 * (double)common / (double)(na + nb) : 1.0;
}

double
rv_similarity(const char *a, const char *b)
{
	size_t na, nb;
	uint64_t *va, *vb;
	double s;

	if (!strcmp(a, b))
		return 1.0;
	va = rv_bigrams(a, &na);
	vb = rv_bigrams(b, &nb);
	s = rv_dice(va, na, vb, nb);
	free(va);
	free(vb);
	return s;
}
