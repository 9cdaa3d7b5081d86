/*
 * Escaping of text for the formats that quote strings: the JSON string
 * literal, written by the JSON emitter and by the diagnostics (json and
 * sarif).  It sits below both so that diagnostics need no emitter.
 */
#include <string.h>

#include "rulebook.h"
#include "text/buf.h"
#include "text/escape.h"

/* Bytes that end a run of plain text: controls (NUL ends the string),
 * the quote, the backslash and 0xE2, the lead of U+2028 and U+2029. */
static const unsigned char stop[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
	[0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1,
	[0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, ['"'] = 1, ['\\'] = 1, [0xE2] = 1,
};

void
rb_json_escape(rb_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), from = 0, at = 0, k;
	uint64_t v, e;

	rb_buf_addc(b, '"');
	while (at < n) {
		unsigned char c;

		/* eight bytes at a time while none of them needs a look: no
		 * control character, quote, backslash or E2 (the lead byte of
		 * U+2028/9); then a byte at a time, one table look each, up to
		 * the next eight */
#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL
#define HAS_ZERO(x) (((x) - ONES) & ~(x) & HIGH)
		while (at + 8 <= n) {
			memcpy(&v, s + at, 8);
			e = HAS_ZERO(v ^ (0x22 * ONES)) | HAS_ZERO(v ^ (0x5C * ONES)) |
			    HAS_ZERO(v ^ (0xE2 * ONES)) | ((v - 0x20 * ONES) & ~v & HIGH);
			if (e)
				break;
			at += 8;
		}
#undef HAS_ZERO
#undef HIGH
#undef ONES
		for (k = 0; k < 8 && at < n && !stop[p[at]]; k++)
			at++;
		if (at >= n)
			break;
		c = p[at];
		if (!stop[c])
			continue;	/* eight plain bytes: the fast look again */
		if (c == 0xE2 && !(p[at + 1] == 0x80 && (p[at + 2] == 0xA8 || p[at + 2] == 0xA9))) {
			at++;	/* kept, E2 80..BF other than U+2028/9 too */
			continue;
		}
		if (!c)
			break;
		rb_buf_add(b, s + from, at - from);
		switch (c) {
		case '"': rb_buf_adds(b, "\\\""); break;
		case '\\': rb_buf_adds(b, "\\\\"); break;
		case '\n': rb_buf_adds(b, "\\n"); break;
		case '\t': rb_buf_adds(b, "\\t"); break;
		case '\r': rb_buf_adds(b, "\\r"); break;
		case '\b': rb_buf_adds(b, "\\b"); break;
		case '\f': rb_buf_adds(b, "\\f"); break;
		case 0xE2:	/* U+2028 / U+2029 break JavaScript string literals */
			rb_buf_printf(b, "\\u%04X", p[at + 2] == 0xA8 ? 0x2028 : 0x2029);
			at += 2;
			break;
		default: rb_buf_printf(b, "\\u%04X", c); break;
		}
		from = ++at;
	}
	rb_buf_add(b, s + from, n - from);
	rb_buf_addc(b, '"');
}
