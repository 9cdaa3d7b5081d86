/*
 * Pipe tables in Markdown: a paragraph whose first line holds a '|' and
 * whose second is a delimiter row (|---|:--:|) becomes an RB_TABLE node,
 * its rows split into cells and short rows padded.
 */
#include <stdlib.h>
#include <string.h>

#include "load/md.h"
#include "mem/mem.h"

static int
is_delimiter_row(const char *s, size_t n)
{
	size_t i;
	int dash = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = 1;
		else if (!strchr("|: \t", s[i]))
			return 0;
	}
	return dash && memchr(s, '|', n) != NULL;
}

/* Cells of one pipe-table row; appends to cells, returns the count. */
static size_t
split_row(struct mctx *c, const char *s, size_t n, const char ***cells, size_t *ncells,
	  size_t *cap)
{
	size_t i = 0, count = 0;

	while (n > 0 && md_is_blank(s[n - 1]))
		n--;
	while (i < n && md_is_blank(s[i]))
		i++;
	if (i < n && s[i] == '|')
		i++;
	if (n > i && s[n - 1] == '|' && !(n >= 2 && s[n - 2] == '\\'))
		n--;
	while (i <= n) {
		size_t b = i, e;

		while (i < n && !(s[i] == '|' && (i == 0 || s[i - 1] != '\\')))
			i++;
		e = i;
		while (b < e && md_is_blank(s[b]))
			b++;
		while (e > b && md_is_blank(s[e - 1]))
			e--;
		if (*ncells == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*cells = rb_xrealloc(*cells, *cap * sizeof(**cells));
		}
		(*cells)[(*ncells)++] = md_arena_text(&c->in, s + b, e - b);
		count++;
		i++;
	}
	return count;
}

/* A pipe table: header row, delimiter row, body rows. */
int
md_try_table(struct mctx *c, const char *text, size_t off)
{
	const char *nl = strchr(text, '\n'), *line2, *e2;
	const char **cells = NULL, **flat;
	size_t ncells = 0, cap = 0, *widths = NULL, nrows = 0, wcap = 0, maxc = 0, i, r, k;
	const char *p;
	rb_node *n;
	rb_table *t;

	if (!nl || !memchr(text, '|', (size_t)(nl - text)))
		return 0;
	line2 = nl + 1;
	e2 = strchr(line2, '\n');
	if (!is_delimiter_row(line2, e2 ? (size_t)(e2 - line2) : strlen(line2)))
		return 0;
	for (p = text; p; ) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (p != line2) {
			if (nrows == wcap) {
				wcap = wcap ? wcap * 2 : 16;
				widths = rb_xrealloc(widths, wcap * sizeof(*widths));
			}
			widths[nrows] = split_row(c, p, len, &cells, &ncells, &cap);
			if (widths[nrows] > maxc)
				maxc = widths[nrows];
			nrows++;
		}
		p = e ? e + 1 : NULL;
	}
	t = rb_arena_alloc(c->in.doc->arena, sizeof(*t));
	t->rows = nrows;
	t->cols = maxc;
	flat = rb_arena_alloc(c->in.doc->arena, nrows * maxc * sizeof(*flat) + 1);
	/* short rows are padded; nothing is cut */
	for (r = 0, k = 0; r < nrows; k += widths[r], r++)
		for (i = 0; i < maxc; i++)
			flat[r * maxc + i] = i < widths[r] ? cells[k + i] : "";
	t->cells = flat;
	free(cells);
	free(widths);
	n = md_new_node(&c->tree, RB_TABLE, off);
	n->table = t;
	md_place(&c->tree, md_innermost(&c->tree), n);
	return 1;
}
