/* The grammar of references, as the resolver and renumbering read it. */
#include <string.h>

#include <check.h>

#include "rulebook.h"
#include "check/check.h"
#include "tests.h"

/* Components: the length read, the numbers and the unit, PRC and Taiwan. */
static const struct {
	const char *s;
	int tw;
	size_t len;		/* 0: not a component */
	int num, ins;
	enum ref_unit unit;
} components[] = {
	{"第十条", 0, 9, 10, 0, U_ARTICLE},
	{"第十条之一第二款", 0, 15, 10, 1, U_ARTICLE},
	{"第一百零五條", 1, 18, 105, 0, U_ARTICLE},
	{"第二款", 0, 9, 2, 0, U_PARA},
	{"第二款", 1, 9, 2, 0, U_ITEM},	/* Taiwan: 款 are items */
	{"第三项", 0, 9, 3, 0, U_ITEM},
	{"第三項", 1, 9, 3, 0, U_PARA},	/* Taiwan: 項 are paragraphs */
	{"第（三）项", 0, 15, 3, 0, U_ITEM},
	{"第(3)目", 0, 9, 3, 0, U_SUBITEM},
	{"第二章", 0, 9, 2, 0, U_CHAPTER},
	{"第四节", 0, 9, 4, 0, U_SECTION},
	{"第一編", 1, 9, 1, 0, U_PART},
	{"第三章程", 0, 0, 0, 0, U_NONE},	/* a word, not a reference */
	{"第（三）条", 0, 0, 0, 0, U_NONE},	/* articles are not in brackets */
	{"第一次", 0, 0, 0, 0, U_NONE},
	{"第零条", 0, 0, 0, 0, U_NONE},
	{"十条", 0, 0, 0, 0, U_NONE},
};

START_TEST(ordinal_components)
{
	size_t i;

	for (i = 0; i < sizeof(components) / sizeof(components[0]); i++) {
		int num = -1, ins = -1;
		enum ref_unit u = U_NONE;
		size_t m = rb_xref_ordinal(components[i].tw, components[i].s,
					   strlen(components[i].s), &num, &ins, &u);

		ck_assert_msg(m == components[i].len, "%s: %zu bytes", components[i].s, m);
		if (!m)
			continue;
		ck_assert_int_eq(num, components[i].num);
		ck_assert_int_eq(ins, components[i].ins);
		ck_assert_int_eq(u, components[i].unit);
	}
}
END_TEST

START_TEST(ordinal_kinds)
{
	rb_kind k;

	ck_assert_uint_eq(rb_ref_ordinal("第十条之一", 15, 0, &k), 15);
	ck_assert_int_eq(k, RB_ARTICLE);
	ck_assert_uint_eq(rb_ref_ordinal("第二款", 9, 0, &k), 9);
	ck_assert_int_eq(k, RB_PARAGRAPH);
	ck_assert_uint_eq(rb_ref_ordinal("第二款", 9, 1, &k), 9);
	ck_assert_int_eq(k, RB_ITEM);
	ck_assert_uint_eq(rb_ref_ordinal("第二項", 9, 1, &k), 9);
	ck_assert_int_eq(k, RB_PARAGRAPH);
	ck_assert_uint_eq(rb_ref_ordinal("第一目", 9, 0, &k), 9);
	ck_assert_int_eq(k, RB_ITEM);
	ck_assert_uint_eq(rb_ref_ordinal("第五编", 9, 0, &k), 9);
	ck_assert_int_eq(k, RB_PART);
	/* cut short: the unit is not all there */
	ck_assert_uint_eq(rb_ref_ordinal("第二款", 8, 0, &k), 0);
}
END_TEST

START_TEST(unit_words)
{
	static const char *const units[] = {"条", "條", "款", "项", "項", "目", "章",
					    "节", "節", "编", "編"};
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		ck_assert_uint_eq(rb_ref_unit_len(units[i], strlen(units[i])), 3);
	ck_assert_uint_eq(rb_ref_unit_len("条款", 6), 3);
	ck_assert_uint_eq(rb_ref_unit_len("条", 2), 0);
	ck_assert_uint_eq(rb_ref_unit_len("次", 3), 0);
	ck_assert_uint_eq(rb_ref_unit_len(". ", 2), 0);
	ck_assert_str_eq(rb_xref_unit_name(0, U_ARTICLE), "条");
	ck_assert_str_eq(rb_xref_unit_name(1, U_ARTICLE), "條");
	ck_assert_str_eq(rb_xref_unit_name(0, U_PARA), "款");
	ck_assert_str_eq(rb_xref_unit_name(1, U_PARA), "項");
	ck_assert_str_eq(rb_xref_unit_name(0, U_ITEM), "项");
	ck_assert_str_eq(rb_xref_unit_name(1, U_ITEM), "款");
	ck_assert_str_eq(rb_xref_unit_name(0, U_SUBITEM), "目");
}
END_TEST

START_TEST(self_and_external)
{
	/* 本法, 本条例 … before 第 name this document */
	ck_assert_uint_eq(rb_xref_self_prefix("本法第十条", 15), 6);
	ck_assert_uint_eq(rb_xref_self_prefix("本条例第三条", 18), 9);
	ck_assert_uint_eq(rb_xref_self_prefix("本實施細則第一條", 24), 15);
	ck_assert_uint_eq(rb_xref_self_prefix("本法规定", 12), 0);
	ck_assert_uint_eq(rb_xref_self_prefix("本条第二款", 15), 0);
	/* the 第 at byte i: after 》 or a law's name, another law's */
	ck_assert_int_eq(rb_xref_external_before("刑法第二十条", 6), 1);
	ck_assert_int_eq(rb_xref_external_before("《民法典》第五条", 15), 1);
	ck_assert_int_eq(rb_xref_external_before("《民法典》 第五条", 16), 1);
	ck_assert_int_eq(rb_xref_external_before("本法第十条", 6), 0);
	ck_assert_int_eq(rb_xref_external_before("依法第十条", 6), 0);
	ck_assert_int_eq(rb_xref_external_before("法第十条", 3), 0);
	ck_assert_int_eq(rb_xref_external_before("按照第十条", 6), 0);
}
END_TEST

START_TEST(connectors)
{
	static const struct {
		const char *s;
		size_t len;
		int range;
	} v[] = {
		{"、第三条", 3, 0}, {"和第三条", 3, 0}, {"或者第三条", 6, 0},
		{"或第三条", 3, 0}, {"及第三条", 3, 0}, {"以及第三条", 6, 0},
		{"，第三条", 3, 0}, {"至第三条", 3, 1}, {"到第三条", 3, 1},
		{"第三条", 0, 0}, {"与第三条", 0, 0},
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int range = -1;
		size_t m = rb_xref_connector(v[i].s, strlen(v[i].s), &range);

		ck_assert_msg(m == v[i].len, "%s: %zu bytes", v[i].s, m);
		if (m)
			ck_assert_int_eq(range, v[i].range);
	}
}
END_TEST

START_TEST(plain_text_skipped)
{
	static const struct {
		const char *s;
		size_t at;
	} v[] = {
		{"", 0}, {"xyz", 3}, {"xyz第", 3}, {"中文中文", 12}, {"中文本法", 6},
		{"依照前款", 6}, {"见“第", 3}, {"《刑法》", 0}, {"the Article 5", 4},
		{"the Section", 4}, {"run `code`", 4}, {"—— 第", 7},
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t n = strlen(v[i].s);

		ck_assert_msg(rb_xref_skip_plain((const unsigned char *)v[i].s, 0, n) == v[i].at,
			      "%s", v[i].s);
	}
	/* a lead byte too near the end to hold its character is stepped over */
	ck_assert_uint_eq(rb_xref_skip_plain((const unsigned char *)"x第", 0, 3), 3);
}
END_TEST

Suite *
xref_suite(void)
{
	Suite *s = suite_create("xref");
	TCase *t = tcase_create("grammar");

	tcase_add_test(t, ordinal_components);
	tcase_add_test(t, ordinal_kinds);
	tcase_add_test(t, unit_words);
	tcase_add_test(t, self_and_external);
	tcase_add_test(t, connectors);
	tcase_add_test(t, plain_text_skipped);
	suite_add_tcase(s, t);
	return s;
}
