/* UTF-8, display width and line breaking. */
#include <string.h>

#include <check.h>

#include "rulebook.h"
#include "emit/emit.h"
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

Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *t = tcase_create("core");

	tcase_add_test(t, widths);
	tcase_add_test(t, utf8);
	tcase_add_test(t, wrap_kinsoku);
	tcase_add_test(t, wrap_hanging);
	tcase_add_test(t, wrap_overfull_start);
	suite_add_tcase(s, t);
	return s;
}
