/*
 * Is a document a Taiwanese statute (profile tw-law)?  Told from the
 * text itself, before the clauses are read:
 *
 * - its articles are numbered as Taiwan's law database writes them,
 *   `第 1 條` (Arabic numerals between spaces), at the start of a line; or
 * - it is written with 條 and cites 項 above 款 — `第二項第一款`, Taiwan's
 *   paragraph then item — where a mainland text, in traditional
 *   characters too (Hong Kong, Macau, the traditional seeds), cites 款
 *   above 項 (`第二款第一項`).  The more frequent order wins; none, or a
 *   tie, is not Taiwan.
 */
#include <string.h>

#include "load/md.h"

/* "第 12 條" or "第 12-1 條" at s (the bytes after 第 given). */
static int
arabic_article_at(const char *s, size_t n)
{
	size_t i = 0;

	if (i >= n || s[i] != ' ')
		return 0;
	i++;
	if (i >= n || s[i] < '0' || s[i] > '9')
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i + 1 < n && s[i] == '-' && s[i + 1] >= '0' && s[i + 1] <= '9')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
	return i < n && s[i] == ' ' && rb_prefix(s + i + 1, n - i - 1, "條") > 0;
}

/* Chinese numerals after 第 in a citation: 第二十三項. */
static size_t
numeral_run(const char *s, size_t n)
{
	int v;
	unsigned flags;
	size_t k = rb_cn_parse(s, n, &v, &flags);

	return k && !(flags & RB_NUM_ARABIC) ? k : 0;
}

/* Count citations "UNIT1第N UNIT2" (項第二款 or 款第二項) in s. */
static size_t
cites(const char *s, size_t n, const char *first, const char *second)
{
	char pat[16];
	size_t count = 0, fl = strlen(first), pl, off = 0;
	const char *p;

	memcpy(pat, first, fl);
	memcpy(pat + fl, "第", 4);
	pl = fl + 3;
	while (off < n && (p = rb_memfind(s + off, n - off, pat, pl))) {
		size_t at = (size_t)(p - s) + pl, k = numeral_run(s + at, n - at);

		if (k && rb_prefix(s + at + k, n - at - k, second))
			count++;
		off = (size_t)(p - s) + pl;
	}
	return count;
}

int
md_looks_taiwanese(const char *s, size_t n)
{
	const char *p;
	size_t off = 0;

	if (!rb_memfind(s, n, "條", 3))
		return 0;
	while (off < n && (p = rb_memfind(s + off, n - off, "第 ", 4))) {
		size_t at = (size_t)(p - s);

		if ((at == 0 || s[at - 1] == '\n' || s[at - 1] == ' ') &&
		    arabic_article_at(s + at + 3, n - at - 3))
			return 1;
		off = at + 4;
	}
	return cites(s, n, "項", "款") > cites(s, n, "款", "項");
}
