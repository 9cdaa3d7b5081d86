/* Allocation and small string helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "internal.h"

static void
oom(void)
{
	fputs("rulebook: out of memory\n", stderr);
	exit(2);
}

void *
rb_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *
rb_xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	if (!p)
		oom();
	return p;
}

void *
rb_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *
rb_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = rb_xmalloc(n);

	memcpy(p, s, n);
	return p;
}

size_t
rb_prefix(const char *s, size_t n, const char *lit)
{
	size_t m = strlen(lit);

	return m <= n && memcmp(s, lit, m) == 0 ? m : 0;
}

size_t
rb_edit_distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[64], prev, tmp;

	if (lb >= sizeof(row) / sizeof(row[0]) || la > lb + max || lb > la + max)
		return max + 1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb] > max ? max + 1 : row[lb];
}
