/* UTF-8 decoding and validation (RFC 3629: no overlongs, no surrogates). */
#include <string.h>

#include "rulebook.h"
#include "text/utf8.h"

size_t
rb_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* The first invalid byte, a character at a time. */
static size_t
invalid_at(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		/* the common three-byte forms (CJK) that cannot be overlong or
		 * surrogates: E1..EC, EE, EF with two continuation bytes */
		if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && i + 2 < n &&
		    ((unsigned char)s[i + 1] & 0xC0) == 0x80 && ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		k = rb_utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return i;
		i += k;
	}
	return (size_t)-1;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* Is s[0, n) valid UTF-8?  32 bytes at a time with AVX2: the lookup
 * algorithm of Keiser and Lemire ("Validating UTF-8 in less than one
 * instruction per byte", 2021), as simdjson has it.  Each byte and the
 * one before it are classified by three table lookups (the high nibble
 * of the first, its low nibble, the high nibble of the second) whose AND
 * is an error bit for every two-byte pattern that cannot occur (too
 * short, too long, overlong, surrogate, above U+10FFFF); continuation
 * bytes expected two and three bytes after a lead are checked apart.  A
 * Chinese law takes a tenth of the time a character at a time took. */
#define TOO_SHORT (1 << 0)
#define TOO_LONG (1 << 1)
#define OVERLONG_3 (1 << 2)
#define TOO_LARGE (1 << 3)
#define SURROGATE (1 << 4)
#define OVERLONG_2 (1 << 5)
#define TOO_LARGE_1000 (1 << 6)
#define OVERLONG_4 (1 << 6)
#define TWO_CONTS (1 << 7)
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

__attribute__((target("avx2"))) static inline __m256i
prev_n(__m256i in, __m256i prev, int k)
{
	__m256i joined = _mm256_permute2x128_si256(prev, in, 0x21);

	switch (k) {	/* the shift must be a constant */
	case 1:
		return _mm256_alignr_epi8(in, joined, 15);
	case 2:
		return _mm256_alignr_epi8(in, joined, 14);
	default:
		return _mm256_alignr_epi8(in, joined, 13);
	}
}

__attribute__((target("avx2"))) static inline __m256i
nibble_lookup(__m256i idx, __m256i table)
{
	return _mm256_shuffle_epi8(table, idx);
}

__attribute__((target("avx2"))) static int
valid_avx2(const char *s, size_t n)
{
	const __m256i lo4 = _mm256_set1_epi8(0x0F);
#define B1H \
	TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, \
	(char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS, \
	TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE, \
	(char)(TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4)
	const __m256i b1h = _mm256_setr_epi8(B1H, B1H);
#undef B1H
#define B1L \
	(char)(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4), (char)(CARRY | OVERLONG_2), \
	(char)CARRY, (char)CARRY, (char)(CARRY | TOO_LARGE), \
	(char)(CARRY | TOO_LARGE | TOO_LARGE_1000), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000), \
	(char)(CARRY | TOO_LARGE | TOO_LARGE_1000), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000), \
	(char)(CARRY | TOO_LARGE | TOO_LARGE_1000), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000), \
	(char)(CARRY | TOO_LARGE | TOO_LARGE_1000), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000), \
	(char)(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE), \
	(char)(CARRY | TOO_LARGE | TOO_LARGE_1000), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000)
	const __m256i b1l = _mm256_setr_epi8(B1L, B1L);
#undef B1L
#define B2H \
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, \
	(char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4), \
	(char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE), \
	(char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE), \
	(char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE), \
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT
	const __m256i b2h = _mm256_setr_epi8(B2H, B2H);
#undef B2H
	/* a lead byte in the last three places needs bytes after them */
	const __m256i max = _mm256_setr_epi8(
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		(char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
	__m256i prev = _mm256_setzero_si256(), err = _mm256_setzero_si256(),
		incomplete = _mm256_setzero_si256();
	size_t i = 0;

	while (i < n) {
		__m256i in;

		if (n - i >= 32) {
			in = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		} else {	/* the tail, padded with NULs (ASCII) */
			char tail[32] = {0};

			memcpy(tail, s + i, n - i);
			in = _mm256_loadu_si256((const __m256i *)(const void *)tail);
		}
		if (_mm256_movemask_epi8(in) == 0) {
			err = _mm256_or_si256(err, incomplete);	/* ASCII after a lead */
			incomplete = _mm256_setzero_si256();
		} else {
			__m256i p1 = prev_n(in, prev, 1);
			__m256i sc = _mm256_and_si256(
				_mm256_and_si256(
					nibble_lookup(_mm256_and_si256(_mm256_srli_epi16(p1, 4), lo4), b1h),
					nibble_lookup(_mm256_and_si256(p1, lo4), b1l)),
				nibble_lookup(_mm256_and_si256(_mm256_srli_epi16(in, 4), lo4), b2h));
			__m256i p2 = prev_n(in, prev, 2), p3 = prev_n(in, prev, 3);
			__m256i third = _mm256_subs_epu8(p2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
			__m256i fourth = _mm256_subs_epu8(p3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
			__m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth),
							  _mm256_set1_epi8((char)0x80));

			err = _mm256_or_si256(err, _mm256_xor_si256(must23, sc));
			incomplete = _mm256_subs_epu8(in, max);
		}
		prev = in;
		i += 32;
	}
	err = _mm256_or_si256(err, incomplete);
	return _mm256_testz_si256(err, err);
}

size_t
rb_utf8_invalid_at(const char *s, size_t n)
{
	/* valid text (nearly all) is passed over fast; where it is not,
	 * the first bad byte is found a character at a time */
	if (n >= 64 && __builtin_cpu_supports("avx2") && valid_avx2(s, n))
		return (size_t)-1;
	return invalid_at(s, n);
}
#else
size_t
rb_utf8_invalid_at(const char *s, size_t n)
{
	return invalid_at(s, n);
}
#endif

size_t
rb_utf8_count(const char *s, size_t n)
{
	size_t i, count = 0;

	/* Count bytes that are not continuation bytes. */
	for (i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

uint32_t
rb_utf8_last(const char *s, size_t n)
{
	uint32_t cp = 0;
	size_t i = n;

	if (!s || !n)
		return 0;
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	rb_utf8_decode(s + i, n - i, &cp);
	return cp;
}

size_t
rb_utf8_encode(uint32_t cp, char s[4])
{
	if (cp < 0x80) {
		s[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	s[0] = (char)(0xF0 | (cp >> 18));
	s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	s[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}
