/* Display width per Unicode East Asian Width (UAX #11). */
#include <stddef.h>
#include <stdint.h>

#include "rulebook.h"
#include "text/width.h"

/* A range of code points, both ends in it (the tables of eaw_table.h). */
struct rb_range {
	uint32_t lo, hi;
};

#include "eaw_table.h"
#include "text/utf8.h"

static int
in_table(uint32_t cp, const struct rb_range *t, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

#define IN(cp, t) in_table((cp), (t), sizeof(t) / sizeof((t)[0]))

int
rb_cp_width(uint32_t cp, int wide_ambiguous)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x7F)
		return 1;	/* ASCII: narrow, never ambiguous */
	if (cp < 0x300)
		return wide_ambiguous && IN(cp, rb_eaw_ambiguous) ? 2 : 1;
	/* the CJK ideographs, all wide and none zero-width or ambiguous:
	 * most of what a Chinese text holds, without a table search */
	if (rb_cp_ideograph(cp))
		return 2;
	/* CJK punctuation (，。、；：（）《》 …) likewise: wide, but for
	 * the four tone marks U+302A–U+302D, which combine */
	if ((cp >= 0x3000 && cp <= 0x303E) || (cp >= 0xFF01 && cp <= 0xFF60))
		return cp >= 0x302A && cp <= 0x302D ? 0 : 2;
	if (IN(cp, rb_eaw_zero))
		return 0;
	if (IN(cp, rb_eaw_wide))
		return 2;
	if (wide_ambiguous && IN(cp, rb_eaw_ambiguous))
		return 2;
	return 1;
}

size_t
rb_str_width(const char *s, size_t n, int wide_ambiguous)
{
	size_t i = 0, w = 0, k;
	uint32_t cp;

	while (i < n) {
		k = rb_utf8_next(s + i, n - i, &cp);
		if (k == 0) {
			i++;
			w++;
			continue;
		}
		w += (size_t)rb_cp_width(cp, wide_ambiguous);
		i += k;
	}
	return w;
}

int
rb_cp_is_cjk(uint32_t cp)
{
	/* Wide characters other than emoji-like symbols: ideographs, kana,
	 * hangul, CJK punctuation and full-width forms. */
	if (cp >= 0x2E80 && cp <= 0xA4CF)
		return 1;
	if (cp >= 0xAC00 && cp <= 0xD7A3)
		return 1;
	if (cp >= 0xF900 && cp <= 0xFAFF)
		return 1;
	if (cp >= 0xFE30 && cp <= 0xFE4F)
		return 1;
	if (cp >= 0xFF00 && cp <= 0xFF60)
		return 1;
	if (cp >= 0xFFE0 && cp <= 0xFFE6)
		return 1;
	if (cp >= 0x20000 && cp <= 0x3FFFD)
		return 1;
	return 0;
}
