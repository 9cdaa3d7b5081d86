/* The text importer through the library: Markdown, drops, positions. */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "rulebook.h"
#include "tests.h"

static const char *
import(const char *txt, rb_import *imp, rb_diags *d)
{
	rb_diags_init(d);
	ck_assert_int_eq(rb_import_text("t.txt", txt, strlen(txt), NULL, imp, d), 1);
	return imp->markdown;
}

/* The Markdown line (1-based) holding s. */
static unsigned
md_line_of(const rb_import *imp, const char *s)
{
	const char *p = strstr(imp->markdown, s), *q;
	unsigned line = 1;

	ck_assert_ptr_nonnull(p);
	for (q = imp->markdown; q < p; q++)
		line += *q == '\n';
	return line;
}

START_TEST(one_regulation_is_a_document)
{
	rb_import imp;
	rb_diags d;
	const char *md = import("会议制度\n\n一、每月召开一次例会。\n\n二、会议由主任主持。\n", &imp, &d);

	ck_assert_str_eq(md, "# 会议制度\n\n一、每月召开一次例会。\n\n二、会议由主任主持。\n\n");
	ck_assert_uint_eq(imp.ndrops, 0);
	rb_import_free(&imp);
	rb_diags_free(&d);
}
END_TEST

START_TEST(compilation_is_a_book)
{
	rb_import imp;
	rb_diags d;
	const char *md = import("制度汇编\n第一篇:安全制度\n消防管理制度\n一、甲。\n保卫工作制度\n一、乙。\n",
				&imp, &d);

	ck_assert_str_eq(md, "---\nhandbook: \"制度汇编\"\n---\n\n# 第一篇：安全制度\n\n"
			 "## 消防管理制度\n\n一、甲。\n\n## 保卫工作制度\n\n一、乙。\n\n");
	rb_import_free(&imp);
	rb_diags_free(&d);
}
END_TEST

START_TEST(positions_map_back_to_the_text)
{
	rb_import imp;
	rb_diags d;
	unsigned line, col;

	/* a paragraph wrapped over two lines, the second cut at 第三条 */
	import("考勤办法\n第一条 为加强考勤管理，严肃工作纪律，根据有关规定，结合本单位\n"
	       "实际，制定本办法。 第三条 病假须持医院证明。\n", &imp, &d);
	line = md_line_of(&imp, "第三条");
	col = 1;
	rb_import_locate(&imp, &line, &col);
	ck_assert_uint_eq(line, 3);
	ck_assert_uint_eq(col, 11);
	/* a character after the join: 实 starts line 3 */
	line = md_line_of(&imp, "第一条");
	col = 1 + 31;	/* after the 31 characters of line 2 */
	rb_import_locate(&imp, &line, &col);
	ck_assert_uint_eq(line, 3);
	ck_assert_uint_eq(col, 1);
	rb_import_free(&imp);
	rb_diags_free(&d);
}
END_TEST

START_TEST(drops_are_listed)
{
	rb_import imp;
	rb_diags d;
	const char *md = import("会议制度\n下面是小编为您整理的会议制度，仅供参考。\n一、甲。\n- 2 -\n"
				"上一篇:工作总结\n", &imp, &d);

	ck_assert_ptr_null(strstr(md, "小编"));
	ck_assert_ptr_null(strstr(md, "上一篇"));
	ck_assert_uint_eq(imp.ndrops, 3);
	ck_assert_uint_eq(imp.drops[0].line, 2);
	ck_assert_str_eq(imp.drops[0].why, "site-blurb");
	ck_assert_uint_eq(imp.drops[1].line, 4);
	ck_assert_str_eq(imp.drops[1].why, "page number");
	ck_assert_str_eq(imp.drops[2].why, "navigation");
	rb_import_free(&imp);
	rb_diags_free(&d);
}
END_TEST

START_TEST(rules_and_bad_input)
{
	rb_import imp;
	rb_diags d;
	rb_import_opts o = { .rules = "mine  ^甲$\n", .rules_name = "my.rules" };
	rb_document *doc;

	rb_diags_init(&d);
	ck_assert_int_eq(rb_import_text("t.txt", "会议制度\n甲\n乙\n", strlen("会议制度\n甲\n乙\n"), &o,
					&imp, &d), 1);
	ck_assert_uint_eq(imp.ndrops, 1);
	ck_assert_str_eq(imp.drops[0].why, "mine");
	rb_import_free(&imp);
	o.rules = "broken  (\n";
	ck_assert_int_eq(rb_import_text("t.txt", "x\n", 2, &o, &imp, &d), 0);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_str_eq(d.v[0].file, "my.rules");
	rb_import_free(&imp);
	rb_diags_free(&d);
	/* NUL and invalid UTF-8 are refused, whoever calls */
	rb_diags_init(&d);
	ck_assert_int_eq(rb_import_text("t.txt", "a\0b", 3, NULL, &imp, &d), 0);
	rb_import_free(&imp);
	doc = rb_load_text("t.txt", "\xff", 1, NULL, &d);
	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(d.errors, 2);
	rb_diags_free(&d);
}
END_TEST

START_TEST(a_line_no_line_may_start_with_continues_the_one_before)
{
	rb_import imp;
	rb_diags d;

	/* 禁则: a line starting with ℃ or % was cut there by a wrap */
	import("安全办法\n\n第一条　作业场所温度超过30\n℃时，应当停止作业。\n"
	       "第二条　合格率不得低于95\n%，不合格的重新培训。\n", &imp, &d);
	ck_assert_ptr_nonnull(strstr(imp.markdown, "第一条　作业场所温度超过30℃时，应当停止作业。\n"));
	ck_assert_ptr_nonnull(strstr(imp.markdown, "第二条　合格率不得低于95%，不合格的重新培训。\n"));
	rb_import_free(&imp);
	rb_diags_free(&d);
}
END_TEST

/* A document loaded from text owns the map back to it: the passes report
 * a reference on the second line of a wrapped paragraph at that line,
 * and the document frees the map with itself. */
START_TEST(loaded_text_reports_at_its_lines)
{
	static const char txt[] = "员工管理办法\n\n"
	    "第一条　为了加强本单位全体职工的日常管理工作，规范各项事务，具体事项按照\n"
	    "本办法第九十条执行。\n第二条　本办法自发布之日起施行。\n";
	rb_diags d;
	rb_document *doc;

	rb_diags_init(&d);
	doc = rb_load_text("t.txt", txt, strlen(txt), NULL, &d);
	ck_assert_ptr_nonnull(doc);
	rb_run_passes(doc, &d);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_uint_eq(d.v[0].line, 4);
	ck_assert_uint_eq(d.v[0].column, 1);
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("import");

	tcase_add_test(tc, one_regulation_is_a_document);
	tcase_add_test(tc, compilation_is_a_book);
	tcase_add_test(tc, positions_map_back_to_the_text);
	tcase_add_test(tc, drops_are_listed);
	tcase_add_test(tc, rules_and_bad_input);
	tcase_add_test(tc, a_line_no_line_may_start_with_continues_the_one_before);
	tcase_add_test(tc, loaded_text_reports_at_its_lines);
	suite_add_tcase(s, tc);
	return s;
}
