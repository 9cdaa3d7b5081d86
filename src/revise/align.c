/*
 * Alignment of two versions: which old article (and, separately, which
 * old heading) each new one is.
 *
 * 1. Pins (--pin) first: the user's word wins.
 * 2. Identical normalised text: of the old and new articles with the same
 *    text, the closest in relative position; of these matches, the longest
 *    run in order (LIS) becomes the anchors.
 * 3. Between two anchors, the old and new articles left are aligned in
 *    order by dynamic programming on similarity (character pairs), a
 *    match needing MATCH_MIN.
 * 4. What is left anywhere is matched greedily, best first, when at least
 *    MOVE_MIN alike: an article moved out of its place.
 * 5. Splits and merges (pieces.c).
 * Then the matches in order (LIS again) are unchanged, renumbered or
 * modified; the others moved; the unmatched deleted or inserted.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "revise/revise.h"

#define MATCH_MIN 0.45
#define MOVE_MIN 0.6
#define HEADING_MIN 0.5
/* beyond this many cells a gap is aligned by the diagonal only */
#define MAX_GAP_CELLS 4000000u

const char *
rv_change_name(rv_change c)
{
	static const char *const names[] = {"unchanged", "renumbered", "modified", "moved",
					    "inserted", "deleted", "split", "merged"};

	return c <= RV_MERGED ? names[c] : "?";
}

typedef rv_side side;

static void
side_build(side *s, const rv_doc *m, rv_unit_kind kind)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->m = m;
	s->unit = rb_xmalloc((m->n + 1) * sizeof(*s->unit));
	for (i = 0; i < m->n; i++)
		if (m->u[i].kind == kind)
			s->unit[s->n++] = (int)i;
	s->norm = rb_xcalloc(s->n + 1, sizeof(*s->norm));
	s->bg = rb_xcalloc(s->n + 1, sizeof(*s->bg));
	s->nbg = rb_xcalloc(s->n + 1, sizeof(*s->nbg));
	s->match = rb_xmalloc((s->n + 1) * sizeof(*s->match));
	for (i = 0; i < s->n; i++) {
		const rv_unit *u = &m->u[s->unit[i]];
		char *t = kind == RV_ARTICLE ? rv_article_text(u) : rb_xstrdup(u->title);

		s->norm[i] = rv_normalise(t);
		free(t);
		s->bg[i] = rv_bigrams(s->norm[i], &s->nbg[i]);
		s->match[i] = -1;
	}
}

static void
side_free(side *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->norm[i]);
		free(s->bg[i]);
	}
	free(s->norm);
	free(s->bg);
	free(s->nbg);
	free(s->match);
	free(s->unit);
}

/* Headings of the same kind and label in the same place are the same
 * heading retitled (总则 → 一般规定): their titles share nothing. */
#define SAME_LABEL_HEADING 0.55

static double
sim(const side *a, size_t i, const side *b, size_t j)
{
	const rv_unit *x = &a->m->u[a->unit[i]], *y = &b->m->u[b->unit[j]];
	double s;

	if (!strcmp(a->norm[i], b->norm[j]))
		return x->kind == RV_HEADING && x->node_kind != y->node_kind ? 0.5 : 1.0;
	s = rv_dice(a->bg[i], a->nbg[i], b->bg[j], b->nbg[j]);
	if (x->kind == RV_HEADING) {
		if (x->node_kind != y->node_kind)
			return 0;
		if (*x->label && !strcmp(x->label, y->label) && s < SAME_LABEL_HEADING)
			s = SAME_LABEL_HEADING;
	}
	return s;
}

void
rv_link(side *a, size_t i, side *b, size_t j)
{
	a->match[i] = (int)j;
	b->match[j] = (int)i;
}

/* Of the matched old items (in old order), those whose new indexes
 * increase the longest way: keep[i] set. */
static void
lis(const side *a, unsigned char *keep)
{
	size_t n = a->n, len = 0, i;
	size_t *tail = rb_xmalloc((n + 1) * sizeof(*tail));
	long *prev = rb_xmalloc((n + 1) * sizeof(*prev));
	long k;

	memset(keep, 0, n);
	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = len;

		if (a->match[i] < 0)
			continue;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (a->match[tail[mid]] < a->match[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo ? (long)tail[lo - 1] : -1;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	for (k = len ? (long)tail[len - 1] : -1; k >= 0; k = prev[k])
		keep[k] = 1;
	free(tail);
	free(prev);
}

struct by_norm {
	const char *norm;
	size_t j;
};

static int
cmp_by_norm(const void *x, const void *y)
{
	const struct by_norm *p = x, *q = y;
	int c = strcmp(p->norm, q->norm);

	return c ? c : (p->j > q->j) - (p->j < q->j);
}

/* Identical texts: the unmatched new one closest in relative position. */
static void
match_identical(side *a, side *b)
{
	struct by_norm *v = rb_xmalloc((b->n + 1) * sizeof(*v));
	size_t i, j;

	for (j = 0; j < b->n; j++) {
		v[j].norm = b->norm[j];
		v[j].j = j;
	}
	qsort(v, b->n, sizeof(*v), cmp_by_norm);
	for (i = 0; i < a->n; i++) {
		size_t lo = 0, hi = b->n, best = (size_t)-1;
		double pos = a->n > 1 ? (double)i / (double)(a->n - 1) : 0, bestd = 2;

		if (a->match[i] >= 0)
			continue;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (strcmp(v[mid].norm, a->norm[i]) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (j = lo; j < b->n && !strcmp(v[j].norm, a->norm[i]); j++) {
			double p = b->n > 1 ? (double)v[j].j / (double)(b->n - 1) : 0;
			double dd = p > pos ? p - pos : pos - p;

			if (b->match[v[j].j] < 0 && dd < bestd) {
				bestd = dd;
				best = v[j].j;
			}
		}
		if (best != (size_t)-1)
			rv_link(a, i, b, best);
	}
	free(v);
}

/* Align old [a0, a1) with new [b0, b1) in order, by similarity. */
static void
align_gap(side *a, size_t a0, size_t a1, side *b, size_t b0, size_t b1, double min)
{
	size_t n = a1 - a0, m = b1 - b0, i, j;
	double *t;

	if (!n || !m)
		return;
	if (n * m > MAX_GAP_CELLS) {
		for (i = 0; i < n && i < m; i++)
			if (sim(a, a0 + i, b, b0 + i) >= min)
				rv_link(a, a0 + i, b, b0 + i);
		return;
	}
	/* t[i][j]: best total of a[a0+i..a1) with b[b0+j..b1) */
	t = rb_xcalloc((n + 1) * (m + 1), sizeof(*t));
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;) {
			double s = sim(a, a0 + i, b, b0 + j), best;

			best = t[(i + 1) * (m + 1) + j];
			if (t[i * (m + 1) + j + 1] > best)
				best = t[i * (m + 1) + j + 1];
			if (s >= min && s + t[(i + 1) * (m + 1) + j + 1] > best)
				best = s + t[(i + 1) * (m + 1) + j + 1];
			t[i * (m + 1) + j] = best;
		}
	i = j = 0;
	while (i < n && j < m) {
		double s = sim(a, a0 + i, b, b0 + j), here = t[i * (m + 1) + j];

		if (s >= min && here == s + t[(i + 1) * (m + 1) + j + 1]) {
			rv_link(a, a0 + i, b, b0 + j);
			i++;
			j++;
		} else if (here == t[(i + 1) * (m + 1) + j])
			i++;
		else
			j++;
	}
	free(t);
}

/* Between consecutive anchors (matches kept in order), align the rest. */
static void
align_gaps(side *a, side *b, double min)
{
	unsigned char *keep = rb_xmalloc(a->n + 1);
	size_t i, pa = 0, pb = 0;

	lis(a, keep);
	for (i = 0; i < a->n; i++)
		if (a->match[i] >= 0 && !keep[i]) {
			b->match[a->match[i]] = -1;	/* out of order: decided later */
			a->match[i] = -1;
		}
	for (i = 0; i <= a->n; i++) {
		if (i < a->n && a->match[i] < 0)
			continue;
		{
			size_t bj = i < a->n ? (size_t)a->match[i] : b->n;

			align_gap(a, pa, i, b, pb, bj, min);
			pa = i + 1;
			pb = bj + 1;
		}
	}
	free(keep);
}

void
rv_cand_add(rv_cand **c, size_t *nc, size_t *cap, double s, size_t i, size_t j)
{
	if (*nc == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*c = rb_xrealloc(*c, *cap * sizeof(**c));
	}
	(*c)[*nc].s = s;
	(*c)[*nc].i = i;
	(*c)[(*nc)++].j = j;
}

int
rv_cmp_cand(const void *x, const void *y)
{
	const rv_cand *p = x, *q = y;

	if (p->s != q->s)
		return p->s < q->s ? 1 : -1;
	if (p->i != q->i)
		return p->i < q->i ? -1 : 1;
	return (p->j > q->j) - (p->j < q->j);
}

/* The rest, anywhere: best pairs first. */
static void
match_moved(side *a, side *b, double min)
{
	size_t i, j, nc = 0, cap = 0, ua = 0, ub = 0;
	rv_cand *c = NULL;

	for (i = 0; i < a->n; i++)
		ua += a->match[i] < 0;
	for (j = 0; j < b->n; j++)
		ub += b->match[j] < 0;
	if (!ua || !ub || ua * ub > MAX_GAP_CELLS)
		return;
	for (i = 0; i < a->n; i++) {
		if (a->match[i] >= 0)
			continue;
		for (j = 0; j < b->n; j++) {
			double s;

			if (b->match[j] >= 0 || (s = sim(a, i, b, j)) < min)
				continue;
			rv_cand_add(&c, &nc, &cap, s, i, j);
		}
	}
	if (nc > 1)
		qsort(c, nc, sizeof(*c), rv_cmp_cand);
	for (i = 0; i < nc; i++)
		if (a->match[c[i].i] < 0 && b->match[c[i].j] < 0)
			rv_link(a, c[i].i, b, c[i].j);
	free(c);
}

static long
find_label(const side *s, const rv_doc *m, const char *label)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(m->u[s->unit[i]].label, label))
			return (long)i;
	return -1;
}

static void
apply_pins(rv_align *al, side *a, side *b, const rv_pin *pins, size_t npins)
{
	size_t k;

	for (k = 0; k < npins; k++) {
		long i = find_label(a, al->a, pins[k].old_label);
		long j = find_label(b, al->b, pins[k].new_label);

		if (i >= 0 && j >= 0 && a->match[i] < 0 && b->match[j] < 0)
			rv_link(a, (size_t)i, b, (size_t)j);
	}
}

/* A pin must name a unit on each side. */
static void
check_pins(const rv_align *al, const rv_pin *pins, size_t npins, rb_diags *d, const char *file)
{
	size_t k, i;

	for (k = 0; k < npins; k++) {
		int found_a = 0, found_b = 0;

		for (i = 0; i < al->a->n; i++)
			found_a |= !strcmp(al->a->u[i].label, pins[k].old_label);
		for (i = 0; i < al->b->n; i++)
			found_b |= !strcmp(al->b->u[i].label, pins[k].new_label);
		if (!found_a)
			rb_diag_report(d, RB_D_DIFF_PIN, file, pins[k].line, 1,
				       "%s names no article or heading of the old version", pins[k].old_label);
		else if (!found_b)
			rb_diag_report(d, RB_D_DIFF_PIN, file, pins[k].line, 1,
				       "%s names no article or heading of the new version", pins[k].new_label);
	}
}

static void
add_pair(rv_align *al, rv_unit_kind kind, int a, int b, rv_change c, double s)
{
	rv_pair *p;

	if (al->n == al->cap) {
		al->cap = al->cap ? al->cap * 2 : 128;
		al->pairs = rb_xrealloc(al->pairs, al->cap * sizeof(*al->pairs));
	}
	p = &al->pairs[al->n++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->a = a;
	p->b = b;
	p->change = c;
	p->similarity = s;
}

static void
drop_pieces(rv_align *al, int ua, int ub)
{
	if (al->split_b2[ua] >= 0) {
		al->split_from[al->split_b2[ua]] = -1;
		al->split_b2[ua] = -1;
	}
	if (al->merge_a2[ub] >= 0) {
		al->merged_to[al->merge_a2[ub]] = -1;
		al->merge_a2[ub] = -1;
	}
}

static void
align_kind(rv_align *al, rv_unit_kind kind, const rv_pin *pins, size_t npins,
	   unsigned char *in_order)
{
	side a, b;
	unsigned char *keep;
	size_t i;

	side_build(&a, al->a, kind);
	side_build(&b, al->b, kind);
	apply_pins(al, &a, &b, pins, npins);
	match_identical(&a, &b);
	align_gaps(&a, &b, kind == RV_ARTICLE ? MATCH_MIN : HEADING_MIN);
	match_moved(&a, &b, kind == RV_ARTICLE ? MOVE_MIN : 0.8);
	if (kind == RV_ARTICLE)
		rv_align_pieces(al, &a, &b);
	keep = rb_xmalloc(a.n + 1);
	lis(&a, keep);
	for (i = 0; i < a.n; i++) {
		int ua = a.unit[i];

		if (a.match[i] < 0)
			continue;
		if (!keep[i])	/* a split or merge moved away is a move, the rest new or gone */
			drop_pieces(al, ua, b.unit[a.match[i]]);
		al->a_to_b[ua] = b.unit[a.match[i]];
		al->b_to_a[b.unit[a.match[i]]] = ua;
		in_order[ua] = keep[i];
	}
	free(keep);
	side_free(&a);
	side_free(&b);
}

/* The new number of the old article art (0: keep it). */
struct newnum_ctx {
	const rv_align *al;
	const rb_node **nodes;	/* old articles' nodes, sorted */
	int *units;
	size_t n;
};

static int
newnum(void *ctx, const rb_node *art, int *insert)
{
	struct newnum_ctx *c = ctx;
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->nodes[mid] < art)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->n && c->nodes[lo] == art) {
		int b = c->al->a_to_b[c->units[lo]];

		if (b >= 0) {
			*insert = c->al->b->u[b].insert;
			return c->al->b->u[b].number;
		}
	}
	return 0;
}

char *
rv_renumbered_text(const rv_align *al, int a)
{
	struct newnum_ctx c;
	size_t i, k;
	char *s;

	/* a small sorted index, made per call: the callers are per article */
	c.al = al;
	c.n = 0;
	c.nodes = rb_xmalloc((al->a->n + 1) * sizeof(*c.nodes));
	c.units = rb_xmalloc((al->a->n + 1) * sizeof(*c.units));
	for (i = 0; i < al->a->n; i++) {
		if (al->a->u[i].kind != RV_ARTICLE || !al->a->u[i].node)
			continue;
		/* document order is address order within one arena only:
		 * insertion sort keeps this correct for any order */
		k = c.n++;
		while (k > 0 && c.nodes[k - 1] > al->a->u[i].node) {
			c.nodes[k] = c.nodes[k - 1];
			c.units[k] = c.units[k - 1];
			k--;
		}
		c.nodes[k] = al->a->u[i].node;
		c.units[k] = (int)i;
	}
	s = rv_article_text_renumbered(&al->a->u[a], newnum, &c);
	free(c.nodes);
	free(c.units);
	return s;
}

static void
classify(rv_align *al, int ua, int ub, int in_order)
{
	const rv_unit *x = &al->a->u[ua], *y = &al->b->u[ub];
	rv_change c;
	double s;
	int same_label = !strcmp(x->label, y->label);
	int changed;

	if (x->kind == RV_ARTICLE) {
		char *ta = rv_article_text(x), *tb = rv_article_text(y), *tr;

		changed = strcmp(ta, tb) != 0;
		tr = changed ? rv_renumbered_text(al, ua) : NULL;
		s = changed ? rv_similarity(ta, tb) : 1.0;
		c = !in_order ? RV_MOVED : changed ? RV_MODIFIED : same_label ? RV_UNCHANGED : RV_RENUMBERED;
		if (al->split_b2[ua] >= 0)
			c = RV_SPLIT;
		else if (al->merge_a2[ub] >= 0)
			c = RV_MERGED;
		add_pair(al, RV_ARTICLE, ua, ub, c, s);
		al->pairs[al->n - 1].text_changed = (changed && strcmp(tr, tb) != 0) || c >= RV_SPLIT;
		free(ta);
		free(tb);
		free(tr);
	} else {
		changed = strcmp(x->title, y->title) != 0;
		s = changed ? rv_similarity(x->title, y->title) : 1.0;
		c = !in_order ? RV_MOVED : changed ? RV_MODIFIED : same_label ? RV_UNCHANGED : RV_RENUMBERED;
		add_pair(al, RV_HEADING, ua, ub, c, s);
		al->pairs[al->n - 1].text_changed = changed;
	}
}

/* The row of a split's second new article or a merge's second old one. */
static void
second_pair(rv_align *al, int ua, int ub, rv_change c)
{
	char *ta = rv_article_text(&al->a->u[ua]), *tb = rv_article_text(&al->b->u[ub]);
	double s = rv_similarity(ta, tb);

	free(ta);
	free(tb);

	add_pair(al, RV_ARTICLE, ua, ub, c, s);
	al->pairs[al->n - 1].text_changed = 1;
	al->pairs[al->n - 1].second = 1;
}

void
rv_align_docs(rv_align *al, rv_doc *a, rv_doc *b, const rv_pin *pins, size_t npins, rb_diags *d,
	      const char *pin_file)
{
	unsigned char *in_order = rb_xcalloc(a->n + 1, 1);
	size_t i, j, k, next_a = 0;

	memset(al, 0, sizeof(*al));
	al->a = a;
	al->b = b;
	al->a_to_b = rb_xmalloc((a->n + 1) * sizeof(int));
	al->b_to_a = rb_xmalloc((b->n + 1) * sizeof(int));
	for (i = 0; i < a->n; i++)
		al->a_to_b[i] = -1;
	for (j = 0; j < b->n; j++)
		al->b_to_a[j] = -1;
	al->split_b2 = rb_xmalloc((a->n + 1) * sizeof(int));
	al->merged_to = rb_xmalloc((a->n + 1) * sizeof(int));
	al->split_from = rb_xmalloc((b->n + 1) * sizeof(int));
	al->merge_a2 = rb_xmalloc((b->n + 1) * sizeof(int));
	for (i = 0; i < a->n; i++)
		al->split_b2[i] = al->merged_to[i] = -1;
	for (j = 0; j < b->n; j++)
		al->split_from[j] = al->merge_a2[j] = -1;
	check_pins(al, pins, npins, d, pin_file);
	align_kind(al, RV_ARTICLE, pins, npins, in_order);
	align_kind(al, RV_HEADING, pins, npins, in_order);
	/* the table in the new order, deleted units where they stood */
	for (j = 0; j <= b->n; j++) {
		int ua = j < b->n ? al->b_to_a[j] : -1;

		if (j == b->n || (ua >= 0 && in_order[ua])) {
			size_t upto = j == b->n ? a->n : (size_t)ua;

			for (k = next_a; k < upto; k++)
				if (al->a_to_b[k] < 0 && al->merged_to[k] < 0)
					add_pair(al, a->u[k].kind, (int)k, -1, RV_DELETED, 0);
			if (upto + 1 > next_a)
				next_a = upto + 1;
		}
		if (j == b->n)
			break;
		if (ua >= 0) {
			classify(al, ua, (int)j, in_order[ua]);
			if (al->merge_a2[j] >= 0)
				second_pair(al, al->merge_a2[j], (int)j, RV_MERGED);
		} else if (al->split_from[j] >= 0)
			second_pair(al, al->split_from[j], (int)j, RV_SPLIT);
		else
			add_pair(al, b->u[j].kind, -1, (int)j, RV_INSERTED, 0);
	}
	for (k = 0; k < al->n; k++)
		if (al->pairs[k].kind == RV_ARTICLE)
			al->counts[al->pairs[k].change]++;
	free(in_order);
}

void
rv_align_free(rv_align *al)
{
	free(al->pairs);
	free(al->a_to_b);
	free(al->b_to_a);
	free(al->split_b2);
	free(al->split_from);
	free(al->merge_a2);
	free(al->merged_to);
	memset(al, 0, sizeof(*al));
}
