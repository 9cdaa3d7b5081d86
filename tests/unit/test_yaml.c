/* The YAML loader: structure, numbering, and errors at exact positions. */
#include <string.h>

#include <check.h>

#include "rulebook.h"
#include "tests.h"

static rb_document *
load(const char *src, rb_diags *d)
{
	rb_document *doc;

	rb_diags_init(d);
	doc = rb_load_yaml("t.yaml", src, strlen(src), NULL, d);
	if (doc)
		rb_pass_number(doc, d);
	return doc;
}

/* Exactly one diagnostic (plus notes) with this code at line:col. */
static void
expect_diag(const char *src, rb_code code, unsigned line, unsigned col, const char *words)
{
	rb_diags d;
	rb_document *doc = load(src, &d);
	size_t i, count = 0;

	for (i = 0; i < d.n; i++) {
		if (d.v[i].code == RB_D_NOTE)
			continue;
		count++;
		ck_assert_msg(d.v[i].code == code, "got %s: %s", rb_code_name(d.v[i].code),
			      d.v[i].message);
		ck_assert_uint_eq(d.v[i].line, line);
		ck_assert_uint_eq(d.v[i].column, col);
		if (words)
			ck_assert_msg(strstr(d.v[i].message, words), "'%s' not in '%s'", words,
				      d.v[i].message);
	}
	ck_assert_uint_eq(count, 1);
	rb_document_free(doc);
	rb_diags_free(&d);
}

START_TEST(structure)
{
	rb_diags d;
	rb_document *doc = load(
		"title: 规定\n"
		"profile: cn-law\n"
		"issuer: 某单位\n"
		"clauses:\n"
		"  - kind: chapter\n"
		"    title: 总则\n"
		"    clauses:\n"
		"      - text: 第一条的内容。\n"
		"      - text: |\n"
		"          第一款。\n"
		"\n"
		"          第二款。\n"
		"        clauses:\n"
		"          - 第一项\n"
		"          - 第二项\n"
		"  - kind: chapter\n"
		"    title: 附则\n"
		"    clauses:\n"
		"      - 本规定自公布之日起施行。\n", &d);
	rb_node *ch1, *a1, *a2, *p2, *ch2, *a3;

	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_str_eq(rb_document_title(doc), "规定");
	ck_assert_str_eq(rb_meta_get(doc, "issuer"), "某单位");
	ch1 = doc->root->first;
	ck_assert_int_eq(ch1->kind, RB_CHAPTER);
	ck_assert_str_eq(ch1->label, "第一章");
	ck_assert_str_eq(ch1->id, "chapter-1");
	a1 = ch1->first;
	a2 = a1->next;
	ck_assert_str_eq(a1->label, "第一条");
	ck_assert_str_eq(a2->label, "第二条");
	ck_assert_str_eq(a2->text, "第一款。");
	/* the items belong to 款1 and come first; 款2 follows them */
	ck_assert_int_eq(a2->first->kind, RB_ITEM);
	ck_assert_str_eq(a2->first->label, "（一）");
	ck_assert_str_eq(a2->first->next->label, "（二）");
	ck_assert_str_eq(a2->first->next->id, "article-2-item-2");
	p2 = a2->first->next->next;
	ck_assert_int_eq(p2->kind, RB_PARAGRAPH);
	ck_assert_int_eq(p2->number, 2);
	ck_assert_str_eq(p2->text, "第二款。");
	ck_assert_str_eq(p2->id, "article-2-paragraph-2");
	ck_assert_uint_eq(p2->line, 12);
	ck_assert_uint_eq(p2->column, 11);
	ck_assert_ptr_null(p2->next);
	ch2 = ch1->next;
	a3 = ch2->first;
	ck_assert_str_eq(ch2->label, "第二章");
	ck_assert_str_eq(a3->label, "第三条");	/* 条 runs on across chapters */
	ck_assert_str_eq(a3->id, "article-3");
	ck_assert_uint_eq(a3->line, 19);
	ck_assert_uint_eq(a3->column, 9);
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

START_TEST(gongwen_levels)
{
	rb_diags d;
	rb_document *doc = load(
		"title: 制度\nprofile: cn-gongwen\nclauses:\n"
		"  - text: a\n    clauses:\n      - text: b\n        clauses:\n"
		"          - text: c\n            clauses:\n              - text: d\n"
		"                clauses:\n                  - e\n", &d);
	rb_node *n = doc->root->first;
	static const char *const want[] = {"一、", "（一）", "1.", "（1）", "①"};
	int i;

	for (i = 0; i < 5; i++, n = n->first)
		ck_assert_str_eq(n->label, want[i]);
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

START_TEST(stated_numbers)
{
	rb_diags d;
	rb_document *doc = load(
		"title: x\nprofile: cn-law\nstart: 463\nclauses:\n"
		"  - text: a\n"
		"  - number: 第四百六十三条之一\n    text: b\n"
		"  - text: c\n", &d);
	rb_node *a = doc->root->first;

	ck_assert_uint_eq(d.n, 0);
	ck_assert_str_eq(a->label, "第四百六十三条");
	ck_assert_str_eq(a->next->label, "第四百六十三条之一");
	ck_assert_str_eq(a->next->id, "article-463-1");
	ck_assert_str_eq(a->next->next->label, "第四百六十四条");
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

START_TEST(stated_number_defects)
{
	expect_diag("title: x\nclauses:\n  - a\n  - number: 3\n    text: b\n",
		    RB_D_NUMBERING_GAP, 4, 5, "expected 第二条, found 第三条");
	expect_diag("title: x\nclauses:\n  - a\n  - number: 1\n    text: b\n",
		    RB_D_NUMBERING_DUPLICATE, 4, 5, "第一条");
	expect_diag("title: x\nclauses:\n  - number: 2\n    text: b\n",
		    RB_D_NUMBERING_START, 3, 5, "expected 第一条, found 第二条");
}
END_TEST

START_TEST(errors_at_positions)
{
	expect_diag("title: x\nclauses:\n  - text: [a\n", RB_D_INPUT_SYNTAX, 4, 1, "flow sequence");
	expect_diag("title: x\nclauses:\n  - txet: hello\n", RB_D_INPUT_UNKNOWN_KEY, 3, 5,
		    "did you mean 'text'?");
	expect_diag("title: x\nisuser: y\n", RB_D_INPUT_UNKNOWN_KEY, 2, 1, "did you mean 'issuer'?");
	expect_diag("title: x\nclauses:\n  - text: 中文\n    kind: artcle\n", RB_D_INPUT_VALUE, 4, 11,
		    "did you mean 'article'?");
	expect_diag("title: x\nclauses: 5\n", RB_D_INPUT_TYPE, 2, 10, "must be a list");
	expect_diag("title: [a, b]\n", RB_D_INPUT_TYPE, 1, 8, "must be a string");
	expect_diag("- a\n- b\n", RB_D_INPUT_TYPE, 1, 1, "must be a mapping");
	expect_diag("", RB_D_INPUT_SYNTAX, 1, 1, "empty");
	expect_diag("title: x\nprofile: cn-lwa\n", RB_D_INPUT_VALUE, 2, 10, "did you mean 'cn-law'?");
	expect_diag("title: x\neffective: 2024-13-01\n", RB_D_INPUT_VALUE, 2, 12, "YYYY-MM-DD");
	expect_diag("title: x\ntitle: y\n", RB_D_INPUT_SYNTAX, 2, 1, "duplicate key");
	expect_diag("title: x\nclauses:\n  - {text: 中文中文, number: 十x}\n", RB_D_INPUT_TYPE, 3, 26,
		    "positive integer");
	expect_diag("title: x\nclauses:\n  - id: 1abc\n    text: y\n", RB_D_INPUT_VALUE, 3, 9,
		    "invalid id");
	expect_diag("title: x\nclauses:\n  - id: a\n    text: y\n  - id: a\n    text: z\n",
		    RB_D_INPUT_DUPLICATE_ID, 5, 5, "used twice");
}
END_TEST

/* A stated id used three times: reported at the second and the third,
 * each with a note at the first. */
START_TEST(duplicate_ids_noted)
{
	rb_diags d;
	rb_document *doc = load("title: x\nclauses:\n  - id: a\n    text: y\n  - id: b\n    text: z\n"
				"  - id: a\n    text: w\n  - id: a\n    text: v\n", &d);
	static const unsigned want[][3] = {
		{RB_D_INPUT_DUPLICATE_ID, 7, 5}, {RB_D_NOTE, 3, 5},
		{RB_D_INPUT_DUPLICATE_ID, 9, 5}, {RB_D_NOTE, 3, 5},
	};
	size_t i;

	ck_assert_uint_eq(d.n, 4);
	for (i = 0; i < 4; i++) {
		ck_assert_uint_eq(d.v[i].code, want[i][0]);
		ck_assert_uint_eq(d.v[i].line, want[i][1]);
		ck_assert_uint_eq(d.v[i].column, want[i][2]);
	}
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

START_TEST(alias_bomb)
{
	rb_diags d;
	rb_document *doc = load(
		"a: &a [x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
		"clauses: [*h]\n", &d);
	size_t i, aliases = 0;

	for (i = 0; i < d.n; i++)
		if (d.v[i].code == RB_D_INPUT_VALUE && strstr(d.v[i].message, "alias"))
			aliases++;
	ck_assert_uint_eq(aliases, 1);
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

START_TEST(deep_nesting)
{
	rb_buf b;
	rb_diags d;
	rb_document *doc;
	int i;

	rb_buf_init(&b);
	rb_buf_puts(&b, "title: deep\nclauses:\n");
	for (i = 0; i < 150; i++)
		rb_buf_printf(&b, "%*s- text: x\n%*s  clauses:\n", i * 2 + 2, "", i * 2 + 2, "");
	doc = load(b.data, &d);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_int_eq(d.v[0].code, RB_D_INPUT_DEPTH);
	rb_document_free(doc);
	rb_diags_free(&d);
	rb_buf_free(&b);
}
END_TEST

Suite *
yaml_suite(void)
{
	Suite *s = suite_create("yaml");
	TCase *t = tcase_create("core");

	tcase_add_test(t, structure);
	tcase_add_test(t, gongwen_levels);
	tcase_add_test(t, stated_numbers);
	tcase_add_test(t, stated_number_defects);
	tcase_add_test(t, errors_at_positions);
	tcase_add_test(t, duplicate_ids_noted);
	tcase_add_test(t, alias_bomb);
	tcase_add_test(t, deep_nesting);
	suite_add_tcase(s, t);
	return s;
}
