/*
 * Splits and merges: an old article whose text two consecutive new ones
 * share between them (立法法 2015 → 2023: 第三条 became 第三条 and 第四条),
 * and two consecutive old articles one new one takes in (the converse).
 *
 * Looked for after matching, among articles left unmatched or matched to
 * one of the pieces: the pieces together must cover SPLIT_COVER of the
 * whole article's character pairs, each covering SPLIT_OWN of it the
 * other does not, and each taking SPLIT_FROM of its own pairs from it;
 * unmatched pieces must stand where the article stood (between the
 * matches around it) and next to each other, with no heading between.
 * Best cover first; a piece serves once.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "revise/revise.h"

/* Of the whole article, the share the two pieces together cover; each
 * piece must cover a part of it the other does not, and take a part of
 * its own text from it. */
#define SPLIT_COVER 0.5
#define SPLIT_OWN 0.15
#define SPLIT_FROM 0.25
/* the most places an unmatched article's pieces are looked for in */
#define PIECES_WINDOW 64

/* Character pairs two sorted multisets share. */
static size_t
shared(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
	size_t i = 0, j = 0, c = 0;

	while (i < nx && j < ny) {
		if (x[i] == y[j]) {
			c++;
			i++;
			j++;
		} else if (x[i] < y[j])
			i++;
		else
			j++;
	}
	return c;
}

/* How well pieces j and j + 1 of side two make article i of side one:
 * the share of i they cover, 0 when they do not qualify. */
static double
pieces_score(const rv_side *one, size_t i, const rv_side *two, size_t j)
{
	size_t na = one->nbg[i], n1 = two->nbg[j], n2 = two->nbg[j + 1], c1, c2, cj, k = 0, x = 0, y = 0;
	uint64_t *both;
	double cov;

	if (!na || !n1 || !n2)
		return 0;
	/* each piece must take a part of its text from i: most candidates
	 * end here, before the pieces are merged */
	c1 = shared(one->bg[i], na, two->bg[j], n1);
	c2 = shared(one->bg[i], na, two->bg[j + 1], n2);
	if ((double)c1 / (double)n1 < SPLIT_FROM || (double)c2 / (double)n2 < SPLIT_FROM)
		return 0;
	both = rb_xmalloc((n1 + n2) * sizeof(*both));
	while (x < n1 || y < n2)
		both[k++] = y >= n2 || (x < n1 && two->bg[j][x] <= two->bg[j + 1][y]) ? two->bg[j][x++]
										   : two->bg[j + 1][y++];
	cj = shared(one->bg[i], na, both, k);
	free(both);
	cov = (double)cj / (double)na;
	if (cov < SPLIT_COVER || (double)(cj - c2) / (double)na < SPLIT_OWN ||
	    (double)(cj - c1) / (double)na < SPLIT_OWN)
		return 0;
	return cov;
}

/* The other side's index matched nearest before (dir -1) or after (dir 1)
 * item i, or -1 / two->n. */
static long
near_match(const rv_side *one, size_t i, int dir, const rv_side *two)
{
	long k;

	for (k = (long)i + dir; k >= 0 && (size_t)k < one->n; k += dir)
		if (one->match[k] >= 0)
			return one->match[k];
	return dir < 0 ? -1 : (long)two->n;
}

/* Article i of side one made into items j, j + 1 of side two (a split
 * when one is the old side, a merge when it is the new one): linked to j,
 * the second piece recorded in second[] (one's item → two's item; an
 * item not -1 is passed over) and taken[] (two's items used or not to be
 * used). */
static void
find_pieces(rv_side *one, rv_side *two, int *second, unsigned char *taken)
{
	rv_cand *c = NULL;
	size_t i, j, nc = 0, cap = 0;

	for (i = 0; i < one->n; i++) {
		long lo, hi, m = one->match[i];

		if (m >= 0) {
			lo = m > 0 ? m - 1 : 0;
			hi = m;
		} else {
			lo = near_match(one, i, -1, two) + 1;
			hi = near_match(one, i, 1, two) - 2;
			/* a long run unmatched on both sides (two laws that are
			 * not versions of one) says nowhere where i sat */
			if (hi - lo > PIECES_WINDOW)
				continue;
		}
		for (j = (size_t)(lo < 0 ? 0 : lo); (long)j <= hi && j + 1 < two->n; j++) {
			double s;

			if (two->unit[j + 1] != two->unit[j] + 1)
				continue;	/* a heading between: not one place */
			if (!(m < 0 && two->match[j] < 0 && two->match[j + 1] < 0) &&
			    !(m == (long)j && two->match[j + 1] < 0) &&
			    !(m == (long)j + 1 && two->match[j] < 0))
				continue;
			if ((s = pieces_score(one, i, two, j)) <= 0)
				continue;
			rv_cand_add(&c, &nc, &cap, s, i, j);
		}
	}
	if (nc > 1)
		qsort(c, nc, sizeof(*c), rv_cmp_cand);
	for (i = 0; i < nc; i++) {
		size_t a = c[i].i, b = c[i].j;

		if (second[a] != -1 || taken[b] || taken[b + 1])
			continue;
		if (one->match[a] >= 0)
			two->match[one->match[a]] = -1;
		rv_link(one, a, two, b);
		second[a] = (int)b + 1;
		taken[b] = taken[b + 1] = 1;
	}
	free(c);
}

/* Splits, then merges among what splits left: no article is in both. */
void
rv_align_pieces(rv_align *al, rv_side *a, rv_side *b)
{
	int *second_a = rb_xmalloc((a->n + 1) * sizeof(int));
	int *second_b = rb_xmalloc((b->n + 1) * sizeof(int));
	unsigned char *used_a = rb_xcalloc(a->n + 1, 1), *used_b = rb_xcalloc(b->n + 1, 1);
	size_t i;

	for (i = 0; i < a->n; i++)
		second_a[i] = -1;
	find_pieces(a, b, second_a, used_b);
	for (i = 0; i < a->n; i++)
		if (second_a[i] >= 0) {
			int ua = a->unit[i], ub2 = b->unit[second_a[i]];

			al->split_b2[ua] = ub2;
			al->split_from[ub2] = ua;
			used_a[i] = 1;
		}
	for (i = 0; i < b->n; i++)
		second_b[i] = used_b[i] ? -2 : -1;	/* a split's piece merges nothing */
	find_pieces(b, a, second_b, used_a);
	for (i = 0; i < b->n; i++)
		if (second_b[i] >= 0) {
			int ub = b->unit[i], ua2 = a->unit[second_b[i]];

			al->merge_a2[ub] = ua2;
			al->merged_to[ua2] = ub;
		}
	free(second_a);
	free(second_b);
	free(used_a);
	free(used_b);
}
