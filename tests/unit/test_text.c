/* UTF-8, display width and line breaking. */
#include <string.h>

#include <check.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/buf.h"
#include "text/markdown.h"
#include "text/utf8.h"
#include "emit/emit.h"
#include "text/escape.h"
#include "text/kinsoku.h"
#include "tests.h"

START_TEST(widths)
{
	ck_assert_uint_eq(rb_str_width("abc", 3, 0), 3);
	ck_assert_uint_eq(rb_str_width("中文", strlen("中文"), 0), 4);
	ck_assert_uint_eq(rb_str_width("（一）", strlen("（一）"), 0), 6);
	ck_assert_int_eq(rb_cp_width(0x201C, 0), 1);	/* “ ambiguous: narrow */
	ck_assert_int_eq(rb_cp_width(0x201C, 1), 2);	/* wide in Chinese output */
	ck_assert_int_eq(rb_cp_width(0x200B, 0), 0);	/* zero width space */
	ck_assert_int_eq(rb_cp_width(0x0301, 0), 0);	/* combining accent */
	ck_assert_int_eq(rb_cp_width(0x3000, 0), 2);
	ck_assert_int_eq(rb_cp_width(0x20000, 0), 2);	/* CJK extension B */
}
END_TEST

START_TEST(utf8)
{
	uint32_t cp;

	ck_assert_uint_eq(rb_utf8_invalid_at("ok 中文", strlen("ok 中文")), (size_t)-1);
	ck_assert_uint_eq(rb_utf8_invalid_at("ab\xC3", 3), 2);		/* truncated */
	ck_assert_uint_eq(rb_utf8_invalid_at("\xC0\xAF", 2), 0);	/* overlong */
	ck_assert_uint_eq(rb_utf8_invalid_at("\xED\xA0\x80", 3), 0);	/* surrogate */
	ck_assert_uint_eq(rb_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1F600);
}
END_TEST

/* The first invalid byte a character at a time (rb_utf8_decode): the
 * reference rb_utf8_invalid_at's fast path must agree with. */
static size_t
invalid_ref(const unsigned char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if (!(k = rb_utf8_decode((const char *)s + i, n - i, &cp)))
			return i;
		i += k;
	}
	return (size_t)-1;
}

/* Random texts of ASCII, Chinese, two- and four-byte characters and the
 * edges of the ranges (U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF,
 * U+10000, U+10FFFF), of every length to 300 bytes (the fast path takes 32
 * at a time), valid and then spoiled at a random place: the same answer. */
START_TEST(utf8_invalid_same)
{
	static const uint32_t edge[] = {0x80, 0x7FF, 0x800, 0xFFF, 0x1000, 0xD7FF, 0xE000,
					0xFFFF, 0x10000, 0x3FFFF, 0x40000, 0xFFFFF,
					0x100000, 0x10FFFF, 0x4E2D, 0x3001, 0xFF08};
	static const unsigned char bad[] = {0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED,
					    0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x00, 0x9F, 0xA0};
	unsigned char s[320];
	unsigned seed = 12345;
	size_t n, round, valid = 0, invalid = 0;

	for (round = 0; round < 60000; round++) {
		size_t target = round % 300, k;

		n = 0;
		while (n < target) {
			unsigned r;
			uint32_t cp;
			char e[4];

			seed = seed * 1103515245u + 12345u;
			r = (seed >> 8) % 10;
			cp = r < 3 ? 0x20 + (seed >> 16) % 95 :
			     r < 7 ? 0x4E00 + (seed >> 12) % 0x5000 :
			     r < 8 ? 0x80 + (seed >> 12) % 0x780 :
			     r < 9 ? 0x10000 + (seed >> 8) % 0x100000 :
				     edge[(seed >> 16) % (sizeof(edge) / sizeof(edge[0]))];
			k = rb_utf8_encode(cp, e);
			if (n + k > sizeof(s))
				break;
			memcpy(s + n, e, k);
			n += k;
		}
		ck_assert_uint_eq(rb_utf8_invalid_at((const char *)s, n), invalid_ref(s, n));
		if (n) {	/* spoiled: a byte replaced, or the text cut short */
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 20) % 4 == 0)
				n -= 1 + (seed >> 8) % (n < 3 ? n : 3);
			else
				s[(seed >> 8) % n] = bad[(seed >> 16) % sizeof(bad)];
		}
		if (invalid_ref(s, n) == (size_t)-1)
			valid++;
		else
			invalid++;
		ck_assert_uint_eq(rb_utf8_invalid_at((const char *)s, n), invalid_ref(s, n));
	}
	ck_assert_uint_gt(invalid, 30000);	/* both answers were tried */
	ck_assert_uint_gt(valid, 5000);
}
END_TEST

/* Every line of s fits width and obeys 禁则. */
static void
assert_lines_ok(const char *s, size_t width)
{
	const char *p = s;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		uint32_t first = 0, last = 0;
		size_t i = 0, k;

		ck_assert_msg(rb_str_width(p, len, 1) <= width, "line too wide: %.*s", (int)len, p);
		while (i < len && (k = rb_utf8_decode(p + i, len - i, &last)) > 0) {
			if (i == 0)
				first = last;
			i += k;
		}
		if (p != s)
			ck_assert_msg(!rb_kinsoku_no_start(first), "line starts with U+%04X", first);
		if (nl && nl[1])
			ck_assert_msg(!rb_kinsoku_no_end(last), "line ends with U+%04X", last);
		p += len + (nl ? 1 : 0);
	}
}

START_TEST(wrap_kinsoku)
{
	static const char *const texts[] = {
		"参保人员就诊时，应核对证、卡、人。严格把关，遏制冒用或借用医保身份开药、诊疗等违规行为；实行首诊负责制。",
		"根据《中华人民共和国立法法》第十条的规定，制定本办法。“引号内的文字”——破折号——和省略号……都不可拆开。",
		"Mixed text with ASCII words like administration and 中文字符 interleaved, numbers 123456 stay whole.",
	};
	size_t width_set[] = {20, 21, 24, 30, 72};
	size_t i, w;

	for (i = 0; i < 3; i++)
		for (w = 0; w < 5; w++) {
			rb_buf b;

			rb_buf_init(&b);
			rb_wrap(&b, 0, 0, texts[i], width_set[w], 1);
			assert_lines_ok(b.data, width_set[w]);
			ck_assert_ptr_null(strstr(b.data, "—\n—"));
			ck_assert_ptr_null(strstr(b.data, "…\n…"));
			ck_assert_ptr_null(strstr(b.data, "12\n3"));
			rb_buf_free(&b);
		}
}
END_TEST

START_TEST(wrap_hanging)
{
	rb_buf b;

	rb_buf_init(&b);
	rb_buf_puts(&b, "(a) ");
	rb_wrap(&b, 4, 4, "one two three four five six seven", 20, 0);
	ck_assert_str_eq(b.data, "(a) one two three\n    four five six\n    seven\n");
	rb_buf_free(&b);
}
END_TEST

/* Found by fuzzing: a line that is already past the width when the text
 * starts with a space (first_width > width) made the old wrapper index
 * before its character array. */
START_TEST(wrap_overfull_start)
{
	rb_buf b;

	rb_buf_init(&b);
	rb_wrap(&b, 30, 0, " abc def", 20, 0);
	rb_buf_put(&b, "", 0);
	ck_assert_str_eq(b.data, "\nabc def\n");
	rb_buf_reset(&b);
	rb_wrap(&b, 25, 2, "   ", 20, 0);
	rb_buf_put(&b, "", 0);
	ck_assert_str_eq(b.data, "\n");
	rb_buf_free(&b);
}
END_TEST

/* ---- the fast paths give what a byte at a time gives ---- */

/* A string of n pieces chosen by seed: Chinese text with punctuation,
 * ASCII, the bytes every escaper stops at, U+2028, lookalikes of
 * ideographs (U+4DC0 has the lead byte E4, U+3400 is wide). */
static void
random_text(char *out, size_t size, unsigned *seed, size_t n)
{
	static const char *const pieces[] = {
		"中", "文", "丁", "龥", "，", "。", "“", "”", "—", "…", "\xE2\x80\xA8",
		"\xE2\x80\xA9", "䷀", "㐀", "（", "）", "a", "1", " ", "\"", "\\", "\n", "<",
		">", "&", "\t", "\r", "\x01", "*", "#", "`", "[", "x", "é",
	};
	size_t len = 0, i;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *p;
		size_t k;

		*seed = *seed * 1103515245u + 12345u;
		/* mostly ideographs, as in the documents */
		p = (*seed >> 16) % 3 ? pieces[(*seed >> 8) % 4]
				      : pieces[(*seed >> 8) % (sizeof(pieces) / sizeof(pieces[0]))];
		k = strlen(p);
		if (len + k + 1 > size)
			break;
		memcpy(out + len, p, k + 1);
		len += k;
	}
}

static void
ref_json(rb_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	rb_buf_putc(b, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			rb_buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			rb_buf_puts(b, "\\n");
		else if (*p == '\t')
			rb_buf_puts(b, "\\t");
		else if (*p == '\r')
			rb_buf_puts(b, "\\r");
		else if (*p == '\b')
			rb_buf_puts(b, "\\b");
		else if (*p == '\f')
			rb_buf_puts(b, "\\f");
		else if (*p < 0x20)
			rb_buf_printf(b, "\\u%04X", *p);
		else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
			rb_buf_printf(b, "\\u%04X", p[2] == 0xA8 ? 0x2028 : 0x2029);
			p += 2;
		} else
			rb_buf_putc(b, (char)*p);
	}
	rb_buf_putc(b, '"');
}

static int
ref_md_plain(const char *md)
{
	size_t n = strlen(md), i;

	if (!n || (md[0] >= '0' && md[0] <= '9') || strchr(" \t#>-+*=_`~|<[!:", md[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (strchr("\\`*_[]<>!&#|~\n\r\t", md[i]))
			return 0;
	return md[n - 1] != ' ';
}

START_TEST(fast_paths_same)
{
	unsigned seed = 7;
	char s[512];
	size_t i, n, k;

	for (i = 0; i < 20000; i++) {
		rb_buf a, b;

		random_text(s, sizeof(s), &seed, i % 60);
		n = strlen(s);
		rb_buf_init(&a);
		rb_buf_init(&b);
		rb_json_escape(&a, s);
		ref_json(&b, s);
		ck_assert_str_eq(a.data, b.data);
		for (k = 0; k < n && !strchr("<>&\"\r", s[k]); k++)
			;
		ck_assert_uint_eq(rb_xml_plain_len(s, n), k);
		ck_assert_int_eq(rb_md_is_plain(s), ref_md_plain(s));
		rb_buf_free(&a);
		rb_buf_free(&b);
	}
}
END_TEST

/* The wrapper as it was before it passed runs of ideographs by without
 * decoding them (one character at a time): the reference. */
static int
ref_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

/* May a line break fall between a and b? */
static int
ref_break_between(uint32_t a, uint32_t b, int wide_a, int wide_b)
{
	if (ref_is_space(b))
		return 0;
	if (rb_kinsoku_no_start(b) || rb_kinsoku_no_end(a))
		return 0;
	if (a == b && (a == 0x2014 || a == 0x2026))
		return 0;	/* —— and …… stay whole */
	if (ref_is_space(a))
		return 1;
	return wide_a || wide_b;
}


/* One paragraph line, streamed: no per-character storage, so a 50 MB
 * line costs its output and nothing more.  After a break the characters
 * carried over to the new line are decoded again (at most a line's worth). */
static void
ref_segment(rb_buf *out, size_t first_width, size_t cont, const char *s,
	     size_t n, size_t width, int wa)
{
	size_t i = 0, k, start = 0, last_break = 0, col = first_width, end;
	uint32_t cp, prev = 0;
	int w, prev_w = 0, have_prev = 0, ideo, prev_ideo = 0;

	while (i < n) {
		k = rb_utf8_next(s + i, n - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		ideo = cp >= 0x4E00 && cp <= 0x9FFF;
		w = ideo ? 2 : rb_cp_width(cp, wa);
		/* between two ideographs a break is always allowed (neither is
		 * in a kinsoku set): most of a Chinese text, decided at once */
		if (have_prev && ((ideo && prev_ideo) || ref_break_between(prev, cp, prev_w == 2, w == 2)))
			last_break = i;
		if (col + (size_t)w > width && i > start && !ref_is_space(cp)) {
			size_t brk = last_break > start ? last_break : i;

			end = brk;
			while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
				end--;
			rb_buf_add(out, s + start, end - start);
			rb_buf_addc(out, '\n');
			rb_buf_spaces(out, cont);
			while (brk < n && (s[brk] == ' ' || s[brk] == '\t'))
				brk++;
			start = last_break = i = brk;
			col = cont;
			have_prev = 0;
			continue;
		}
		col += (size_t)w;
		prev = cp;
		prev_w = w;
		prev_ideo = ideo;
		have_prev = 1;
		i += k;
	}
	end = n;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (end > start)
		rb_buf_add(out, s + start, end - start);
}

static void
ref_wrap(rb_buf *out, size_t first_width, size_t cont, const char *text,
	size_t width, int wide_ambiguous)
{
	const char *p = text, *nl;

	if (cont >= width)
		cont = width / 2;
	for (;;) {
		nl = strchr(p, '\n');
		ref_segment(out, first_width, cont, p, nl ? (size_t)(nl - p) : strlen(p),
			     width, wide_ambiguous);
		if (!nl)
			break;
		rb_buf_addc(out, '\n');
		rb_buf_spaces(out, cont);
		first_width = cont;
		p = nl + 1;
	}
	rb_buf_addc(out, '\n');
}

START_TEST(wrap_ideograph_runs)
{
	unsigned seed = 11;
	char s[512];
	size_t i, w, first;

	for (i = 0; i < 3000; i++) {
		random_text(s, sizeof(s), &seed, 10 + i % 80);
		for (w = 4; w <= 40; w += 9)
			for (first = 0; first < 7; first += 3) {
				rb_buf a, b;

				rb_buf_init(&a);
				rb_buf_init(&b);
				rb_wrap(&a, first, 2, s, w, (int)(i & 1));
				ref_wrap(&b, first, 2, s, w, (int)(i & 1));
				ck_assert_str_eq(a.data, b.data);
				rb_buf_free(&a);
				rb_buf_free(&b);
			}
	}
}
END_TEST

/* The page layer keeps every block's size: a block grows with its bytes
 * and goes back without the caller naming its size, whatever its kind
 * (malloc'd, mapped, huge); zero blocks are zero; blocks out at once do
 * not overlap. */
START_TEST(pages_sizes_kept)
{
	static const size_t sizes[] = {0, 100, 60 << 10, 64 << 10, 600 << 10,
				       (size_t)2 << 20, (size_t)5 << 20};
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	char *p[N];
	size_t i, j, bad = 0;

	for (i = 0; i < N; i++) {
		p[i] = rb_pages_zero(sizes[i]);
		for (j = 0; j < sizes[i]; j++)
			bad += p[i][j] != 0;
		memset(p[i], (int)i + 1, sizes[i]);
	}
	ck_assert_uint_eq(bad, 0);
	for (i = 0; i < N; i++) {
		for (j = 0; j < sizes[i]; j++)
			bad += p[i][j] != (char)(i + 1);
		/* small to mapped, mapped to huge: the bytes come along */
		p[i] = rb_pages_grow(p[i], 2 * sizes[i] + 70000);
		for (j = 0; j < sizes[i]; j++)
			bad += p[i][j] != (char)(i + 1);
	}
	ck_assert_uint_eq(bad, 0);
	p[0] = rb_pages_grow(p[0], 10);	/* smaller: the first bytes stay */
	for (i = 0; i < N; i++)
		rb_pages_free(p[i]);
	rb_pages_free(NULL);
}
END_TEST

/* Many blocks out at once, given back in another order than they came:
 * each keeps its own size through the table's growth and the gaps its
 * removals leave. */
START_TEST(pages_many_sizes)
{
	enum { N = 3000 };
	static char *p[N];
	size_t i, j, bad = 0;

	for (i = 0; i < N; i++) {
		p[i] = rb_pages(i + 1);
		memset(p[i], (int)(i & 0x7F), i + 1);
	}
	for (i = 0; i < N; i += 3) {	/* a third goes */
		rb_pages_free(p[i]);
		p[i] = NULL;
	}
	for (i = N; i-- > 0;)
		if (p[i]) {
			p[i] = rb_pages_grow(p[i], 2 * (i + 1));
			for (j = 0; j <= i; j++)
				bad += p[i][j] != (char)(i & 0x7F);
		}
	ck_assert_uint_eq(bad, 0);
	for (i = 0; i < N; i++)
		rb_pages_free(p[(i * 7) % N]);	/* 7 and N share no factor */
}
END_TEST

Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *t = tcase_create("core");

	tcase_add_test(t, widths);
	tcase_add_test(t, pages_sizes_kept);
	tcase_add_test(t, pages_many_sizes);
	tcase_add_test(t, utf8);
	tcase_add_test(t, utf8_invalid_same);
	tcase_add_test(t, wrap_kinsoku);
	tcase_add_test(t, wrap_hanging);
	tcase_add_test(t, wrap_overfull_start);
	tcase_add_test(t, fast_paths_same);
	tcase_add_test(t, wrap_ideograph_runs);
	suite_add_tcase(s, t);
	return s;
}
