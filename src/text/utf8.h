/* UTF-8 beyond the public decoder (utf8.c); the two scanners the hot
 * loops run are inline. */
#ifndef RB_TEXT_UTF8_H
#define RB_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "rulebook.h"

/* The first i' >= i at which s[i', i' + 8) are not all bytes of 0x80 and
 * above (n the length): no ASCII, so no markup, escape or delimiter, in
 * a run of Chinese text, which is passed over eight bytes at a time. */
static inline size_t
rb_skip_high(const char *s, size_t i, size_t n)
{
	uint64_t v;

	while (i + 8 <= n) {
		memcpy(&v, s + i, 8);
		if ((v & 0x8080808080808080ULL) != 0x8080808080808080ULL)
			break;
		i += 8;
	}
	return i;
}

/* A Chinese character (the unified ideographs and extension A): what a
 * sentence broken by a page goes on with. */
static inline int
rb_cp_ideograph(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* rb_utf8_decode with ASCII and the three-byte sequences (all of CJK)
 * decoded in line; anything else goes to the full decoder. */
static inline size_t
rb_utf8_next(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)str;

	if (n && u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (n >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		uint32_t c = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
			     (u[2] & 0x3F);

		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*cp = c;
			return 3;
		}
	}
	return rb_utf8_decode(str, n, cp);
}

/* cp as UTF-8 into s; its length. */
size_t rb_utf8_encode(uint32_t cp, char s[4]);

/* The last code point of s[0..n), 0 when empty. */
uint32_t rb_utf8_last(const char *s, size_t n);

#endif
