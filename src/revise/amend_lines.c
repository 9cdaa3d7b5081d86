/*
 * A decision read as its lines: each non-blank line, trimmed, with its
 * number in the file (the paragraphs amend's parser reads; every
 * diagnostic points at one).
 */
#include <stddef.h>

#include "mem/mem.h"
#include "revise/revise.h"

void
rv_split_paras(const char *text, size_t len, rv_line **out, size_t *n)
{
	size_t i = 0, cap = 0;
	unsigned line = 1;

	*out = NULL;
	*n = 0;
	while (i < len) {
		size_t e = i;

		while (e < len && text[e] != '\n')
			e++;
		{
			size_t a = i, b = e;

			while (a < b && (text[a] == ' ' || text[a] == '\t'))
				a++;
			while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\r' || text[b - 1] == '\t'))
				b--;
			if (b > a) {
				if (*n == cap) {
					cap = cap ? cap * 2 : 64;
					*out = rb_xrealloc(*out, cap * sizeof(**out));
				}
				(*out)[*n].s = text + a;
				(*out)[*n].len = b - a;
				(*out)[*n].line = line;
				(*n)++;
			}
		}
		i = e + 1;
		line++;
	}
}
