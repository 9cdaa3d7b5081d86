/* The Markdown loader: structure from numbering, positions, round trip. */
#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <check.h>

#include "rulebook.h"
#include "load/load.h"
#include "emit/xmllib.h"
#include "emit/emit.h"
#include "mem/xml_mem.h"
#include "tests.h"

static rb_document *
load(const char *src, rb_diags *d)
{
	rb_document *doc;

	rb_diags_init(d);
	doc = rb_load_markdown("t.md", src, strlen(src), NULL, d);
	if (doc)
		rb_pass_number(doc, d);
	return doc;
}

/* The tree as one line per node: indentation, kind, label, [title], text. */
static char *
outline(const rb_document *doc)
{
	rb_buf b;
	rb_walker w;
	rb_event ev;
	int depth = 0;

	rb_buf_init(&b);
	rb_buf_put(&b, "", 0);
	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE) {
		const rb_node *n = w.cur;

		if (ev == RB_EV_LEAVE) {
			depth--;
			continue;
		}
		if (n != doc->root) {
			for (int i = 1; i < depth; i++)
				rb_buf_puts(&b, "  ");
			rb_buf_printf(&b, "%s", rb_kind_name(n->kind));
			if (*n->label)
				rb_buf_printf(&b, " %s", n->label);
			if (n->title && *n->title)
				rb_buf_printf(&b, " [%s]", n->title);
			if (n->text && *n->text)
				rb_buf_printf(&b, " %s", n->text);
			if (n->deleted)
				rb_buf_puts(&b, " (deleted)");
			rb_buf_putc(&b, '\n');
		}
		depth++;
	}
	return rb_buf_detach(&b);
}

/* Load src, expect no diagnostics and exactly this outline. */
static void
expect_tree(const char *src, const char *want)
{
	rb_diags d;
	rb_document *doc = load(src, &d);
	char *got;

	ck_assert_ptr_nonnull(doc);
	got = outline(doc);
	ck_assert_msg(d.n == 0, "unexpected diagnostic: %s", d.n ? d.v[0].message : "");
	ck_assert_msg(strcmp(got, want) == 0, "tree:\n%s\nwanted:\n%s", got, want);
	free(got);
	rb_document_free(doc);
	rb_diags_free(&d);
}

static const rb_node *
find(const rb_document *doc, const char *id)
{
	rb_walker w;
	rb_event ev;

	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE)
		if (ev == RB_EV_ENTER && w.cur->id && strcmp(w.cur->id, id) == 0)
			return w.cur;
	return NULL;
}

START_TEST(separators_and_keywords)
{
	/* any separator, any '#' depth: the keyword decides the level */
	expect_tree("# 规定\n\n"
		    "#### 第一编 总则\n\n"
		    "# 第一章总则\n\n"
		    "## 第一节\u3000一般规定\n\n"
		    "第一条 甲。\n\n"
		    "### 第二节\u2002其他\n\n"
		    "第二条\u3000乙。\n\n"
		    "## 第二章\t附　　则\n\n"
		    "第三条丙。\n",
		    "part 第一编 [总则]\n"
		    "  chapter 第一章 [总则]\n"
		    "    section 第一节 [一般规定]\n"
		    "      article 第一条 甲。\n"
		    "    section 第二节 [其他]\n"
		    "      article 第二条 乙。\n"
		    "  chapter 第二章 [附　　则]\n"
		    "    article 第三条 丙。\n");
}
END_TEST

START_TEST(articles_paragraphs_items)
{
	expect_tree("# 法\n\n"
		    "第一条 有下列情形之一的：\n\n"
		    "（一）甲；\n\n"
		    "(二)乙：\n\n"
		    "1．子目一\n\n"
		    "2．子目二\n\n"
		    "有前款情形的，依照下列规定：\n\n"
		    "（三）继续的项；\n\n"
		    "第二条 第一款。\n\n"
		    "第二款：\n\n"
		    "（一）新的一款的项。\n\n"
		    "第二条之一 插入的条。\n\n"
		    "第三条 （删去）\n\n"
		    "　　第四条 全角缩进。\n",
		    "article 第一条 有下列情形之一的：\n"
		    "  item （一） 甲；\n"
		    "  item （二） 乙：\n"
		    "    item 1. 子目一\n"
		    "    item 2. 子目二\n"
		    "  paragraph 有前款情形的，依照下列规定：\n"
		    "  item （三） 继续的项；\n"
		    "article 第二条 第一款。\n"
		    "  paragraph 第二款：\n"
		    "    item （一） 新的一款的项。\n"
		    "article 第二条之一 插入的条。\n"
		    "article 第三条 (deleted)\n"
		    "article 第四条 全角缩进。\n");
}
END_TEST

START_TEST(lines_without_blank_lines)
{
	/* clauses on consecutive lines split; a wrapped reference does not */
	expect_tree("第一条 有下列情形之一的：\n"
		    "（一）甲；\n"
		    "（二）乙。\n"
		    "第二条 依照本法\n"
		    "第十条规定处理。\n"
		    "第三条 完。\n",
		    "article 第一条 有下列情形之一的：\n"
		    "  item （一） 甲；\n"
		    "  item （二） 乙。\n"
		    "article 第二条 依照本法\n第十条规定处理。\n"
		    "article 第三条 完。\n");
}
END_TEST

START_TEST(gongwen)
{
	rb_diags d;
	rb_document *doc;

	expect_tree("# 医保管理制度\n\n"
		    "为规范管理，制定本制度。\n\n"
		    "## 一、总体要求\n\n"
		    "（一）认真核对。\n\n"
		    "1. 首诊医生记录病史。\n"
		    "2. 如实填写。\n\n"
		    "（1）细目。\n\n"
		    "（二）合理用药。\n\n"
		    "## 二、监督\n\n"
		    "加强监督。\n",
		    "item 一、 [总体要求]\n"
		    "  item （一） 认真核对。\n"
		    "    item 1. 首诊医生记录病史。\n"
		    "    item 2. 如实填写。\n"
		    "      item （1） 细目。\n"
		    "  item （二） 合理用药。\n"
		    "item 二、 [监督] 加强监督。\n");
	doc = load("# 制度\n\n一、甲\n\n二、乙\n", &d);
	ck_assert_str_eq(doc->profile->name, "cn-gongwen");
	ck_assert_str_eq(doc->preamble, "");
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

START_TEST(group_headings_and_toc)
{
	/* 一、 headings above 条 group them; a contents list is not a body */
	expect_tree("# 解释\n\n"
		    "## 第一章 总则\n\n## 第二章 附则\n\n"
		    "## 第一章 总则\n\n"
		    "### 一、一般规定\n\n"
		    "第一条 甲。\n\n"
		    "### 二、其他\n\n"
		    "第二条 乙。\n\n"
		    "## 第二章 附则\n\n"
		    "第三条 丙。\n",
		    "heading [第一章 总则]\n"
		    "heading [第二章 附则]\n"
		    "chapter 第一章 [总则]\n"
		    "  heading [一、一般规定]\n"
		    "    article 第一条 甲。\n"
		    "  heading [二、其他]\n"
		    "    article 第二条 乙。\n"
		    "chapter 第二章 [附则]\n"
		    "  article 第三条 丙。\n");
}
END_TEST

START_TEST(english)
{
	rb_diags d;
	rb_document *doc;

	expect_tree("# Leave Policy\n\n"
		    "## Chapter 1 General\n\n"
		    "### 1.1 Scope\n\n"
		    "This policy applies to all staff.\n\n"
		    "(a) employees;\n\n"
		    "(b) agency workers.\n\n"
		    "1.2 Records are kept daily:\n\n"
		    "- by the unit;\n"
		    "- by the office.\n\n"
		    "## Chapter 2 Leave\n\n"
		    "Article 1. Leave is applied for in writing.\n",
		    "chapter Chapter 1 [General]\n"
		    "  section 1.1 [Scope] This policy applies to all staff.\n"
		    "    item (a) employees;\n"
		    "    item (b) agency workers.\n"
		    "  section 1.2 Records are kept daily:\n"
		    "    item by the unit;\n"
		    "    item by the office.\n"
		    "chapter Chapter 2 [Leave]\n"
		    "  article Article 1 Leave is applied for in writing.\n");
	/* headings numbered like the lists under them: a list is its
	 * heading's (the next heading, a sibling); an item continuing the
	 * heading's number stays its sibling */
	expect_tree("# Handbook\n\n"
		    "## 1. Leave\n\n"
		    "1. Annual leave.\n"
		    "2. Sick leave.\n\n"
		    "## 2. Pay\n\n"
		    "3. Benefits are listed apart.\n\n"
		    "## 4. Conduct\n\n"
		    "1. Be on time.\n",
		    "item 1. [Leave]\n"
		    "  item 1. Annual leave.\n"
		    "  item 2. Sick leave.\n"
		    "item 2. [Pay]\n"
		    "item 3. Benefits are listed apart.\n"
		    "item 4. [Conduct]\n"
		    "  item 1. Be on time.\n");
	/* headings numbered 3. above headings numbered 3.1: chapters and
	 * their sections, labels as written (tests/cli: the reference to
	 * section 2.1 is found) */
	expect_tree("# Handbook\n\n"
		    "## 1. Introduction\n\n"
		    "Welcome.\n\n"
		    "## 2. Hours\n\n"
		    "2.1 Standard hours are 9 to 5.\n\n"
		    "### 2.2 Overtime\n\n"
		    "Approved in advance, as in section 2.1.\n\n"
		    "1. Ask;\n"
		    "2. wait.\n",
		    "chapter 1. [Introduction] Welcome.\n"
		    "chapter 2. [Hours]\n"
		    "  section 2.1 Standard hours are 9 to 5.\n"
		    "  section 2.2 [Overtime] Approved in advance, as in section 2.1.\n"
		    "    item 1. Ask;\n"
		    "    item 2. wait.\n");
	/* the same with numbers alone (## 2 Hours): chapters 2.; a year
	 * (## 2024 Changes) and a number before a number stay headings */
	expect_tree("# Handbook\n\n"
		    "## 1 Introduction\n\n"
		    "Welcome.\n\n"
		    "## 2 Hours\n\n"
		    "### 2.1 Standard\n\n"
		    "Nine to five.\n\n"
		    "## 2024 Changes\n\n"
		    "## 3 4 Weeks\n",
		    "chapter 1. [Introduction] Welcome.\n"
		    "chapter 2. [Hours]\n"
		    "  section 2.1 [Standard] Nine to five.\n"
		    "heading [2024 Changes]\n"
		    "heading [3 4 Weeks]\n");
	/* without sections numbered 2.1 a number alone is the title's */
	expect_tree("# Handbook\n\n"
		    "## 1 Introduction\n\n"
		    "Welcome.\n",
		    "heading [1 Introduction] Welcome.\n");
	/* parts numbered in roman, as canonical Markdown writes them (Part
	 * C is a letter); (1) as written, not in CJK brackets */
	expect_tree("# Code\n\n"
		    "## Part I General\n\n"
		    "### Chapter 1 Scope\n\n"
		    "Article 1. Staff:\n\n"
		    "(1) act honestly;\n\n"
		    "(2) declare conflicts.\n\n"
		    "## Part II Other\n\n"
		    "### Chapter 2 More\n\n"
		    "Article 2. Text.\n\n"
		    "## Part C Annex\n",
		    "part Part I [General]\n"
		    "  chapter Chapter 1 [Scope]\n"
		    "    article Article 1 Staff:\n"
		    "      item (1) act honestly;\n"
		    "      item (2) declare conflicts.\n"
		    "part Part II [Other]\n"
		    "  chapter Chapter 2 [More]\n"
		    "    article Article 2 Text.\n"
		    "heading [Part C Annex]\n");
	doc = load("# Policy\n\nSome text.\n", &d);
	ck_assert_str_eq(doc->profile->name, "en-handbook");
	ck_assert_str_eq(rb_document_lang(doc), "en");
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

START_TEST(metadata)
{
	rb_diags d;
	rb_document *doc = load("---\n"
				"issuer: 某单位\n"
				"effective: 2024-01-01\n"
				"profile: cn-gongwen\n"
				"---\n"
				"# 中华人民共和国民法典\n\n"
				"# 合同编\n\n"
				"2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n"
				"2021年1月1日 施行\u3000\n\n"
				"<!-- INFO END -->\n\n"
				"本编调整合同关系。\n\n"
				"第四百六十三条 正文。\n", &d);
	const rb_value *h = NULL, *v;

	ck_assert_uint_eq(d.n, 0);
	ck_assert_str_eq(rb_document_title(doc), "中华人民共和国民法典");
	ck_assert_str_eq(rb_meta_get(doc, "subtitle"), "合同编");
	ck_assert_str_eq(rb_meta_get(doc, "issuer"), "某单位");
	ck_assert_str_eq(doc->profile->name, "cn-gongwen");
	ck_assert_str_eq(doc->preamble, "本编调整合同关系。");
	ck_assert_int_eq(doc->start, 463);
	for (v = doc->meta.first; v; v = v->next)
		if (!strcmp(v->key, "history"))
			h = v;
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h->first->first->str, "2020-05-28");
	ck_assert_str_eq(h->first->first->next->str, "第十三届全国人民代表大会第三次会议通过");
	ck_assert_str_eq(h->last->first->str, "2021-01-01");
	ck_assert_str_eq(h->last->first->next->str, "施行");
	/* the article sits on line 18 of the file, front matter included */
	ck_assert_uint_eq(doc->root->first->line, 18);
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

START_TEST(ids_and_tables)
{
	rb_diags d;
	rb_document *doc = load("# 法\n\n"
				"## 第一章 总则 {#general}\n\n"
				"第一条 目的。 {#purpose}\n\n"
				"第一条之一 插入。\n\n"
				"见[](#purpose)。\n\n"
				"<!-- TABLE -->\n"
				"| 项目 | 标准 |\n"
				"|---|:---:|\n"
				"| 甲 | 一 \\| 二 |\n"
				"| 乙 |\n"
				"<!-- TABLE END -->\n", &d);
	const rb_node *a, *t;

	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_nonnull(find(doc, "general"));
	a = find(doc, "purpose");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->text, "目的。");
	ck_assert_ptr_nonnull(find(doc, "article-1-1"));
	/* the reference is a 款 of the inserted article */
	ck_assert_str_eq(find(doc, "article-1-1-paragraph-2")->text, "见[](#purpose)。");
	t = find(doc, "table-1");
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(t->table->rows, 3);
	ck_assert_uint_eq(t->table->cols, 2);
	ck_assert_str_eq(t->table->cells[0], "项目");
	ck_assert_str_eq(t->table->cells[3], "一 \\| 二");
	ck_assert_str_eq(t->table->cells[5], "");	/* short row padded */
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

/* Columns count characters: full-width indentation before the label. */
START_TEST(positions_in_characters)
{
	rb_diags d;
	rb_document *doc = load("# 法\n\n第一条 甲。\n\n　　第三条 乙。\n", &d);
	size_t i, found = 0;

	for (i = 0; i < d.n; i++)
		if (d.v[i].code == RB_D_NUMBERING_GAP) {
			ck_assert_uint_eq(d.v[i].line, 5);
			ck_assert_uint_eq(d.v[i].column, 3);
			ck_assert_ptr_nonnull(strstr(d.v[i].message, "expected 第二条, found 第三条"));
			found++;
		}
	ck_assert_uint_eq(found, 1);
	rb_document_free(doc);
	rb_diags_free(&d);
	/* an error in the front matter points into the file */
	doc = load("---\ntitle: 中文标题\neffective: 2024-13-01\n---\n# x\n", &d);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].code, RB_D_INPUT_VALUE);
	ck_assert_uint_eq(d.v[0].line, 3);
	ck_assert_uint_eq(d.v[0].column, 12);
	rb_document_free(doc);
	rb_diags_free(&d);
	doc = load("---\ntitle: x\n# no end\n", &d);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].code, RB_D_INPUT_SYNTAX);
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

START_TEST(deep_nesting)
{
	rb_buf b;
	rb_diags d;
	rb_document *doc;
	int i, depth = 0;

	rb_buf_init(&b);
	for (i = 0; i < 300; i++) {
		for (int k = 0; k < i * 2; k++)
			rb_buf_putc(&b, ' ');
		rb_buf_puts(&b, "- 项\n");
	}
	doc = load(b.data, &d);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_ge(d.errors, 1);
	ck_assert_int_eq(d.v[0].code, RB_D_INPUT_DEPTH);
	for (const rb_node *n = doc->root; n->first; n = n->first)
		depth++;
	ck_assert_int_le(depth, 101);
	rb_document_free(doc);
	rb_diags_free(&d);
	rb_buf_free(&b);
}
END_TEST

static void
zero_positions(rb_document *doc)
{
	rb_walker w;

	rb_walker_init(&w, doc->root);
	while (rb_walker_next(&w) != RB_EV_NONE)
		w.cur->line = w.cur->column = 0;
}

/* md → tree → md → tree: the canonical Markdown loads back to the tree. */
START_TEST(round_trip)
{
	static const char *const srcs[] = {
		("---\nissuer: 某单位\nversion: \"2.0\"\nmeta:\n  owner: 办公室\n---\n"
		 "# 规定\n\n2024年1月1日 施行\n\n<!-- INFO END -->\n\n序言。\n\n"
		 "## 第一章 总　则 {#general}\n\n第一条 甲 {#a1}\n\n（一）项；\n\n1. 目\n\n"
		 "第二款。\n\n第一条之一 插。\n\n第二条 （删去）\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
		("# Policy\n\n## Chapter 1 General\n\n### 1.1 Scope\n\nText.\n\n(a) one\n\n"
		 "- bullet\n\n1.2 More.\n"),
		"# 制度\n\n## 一、总体\n\n（一）甲\n\n## 二、其他\n\n正文。\n\n1）小项\n",
	};
	size_t i;

	for (i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
		rb_diags d;
		rb_document *a = load(srcs[i], &d), *b2;
		rb_buf md1, md2, j1, j2;

		rb_buf_init(&md1);
		rb_buf_init(&md2);
		rb_buf_init(&j1);
		rb_buf_init(&j2);
		ck_assert_int_eq(rb_emit(rb_emitter_lookup("markdown"), a, NULL, &md1, &d), 0);
		b2 = rb_load_markdown("t.md", md1.data, md1.len, NULL, &d);
		rb_pass_number(b2, &d);
		ck_assert_int_eq(rb_emit(rb_emitter_lookup("markdown"), b2, NULL, &md2, &d), 0);
		ck_assert_msg(strcmp(md1.data, md2.data) == 0, "not a fixed point:\n%s\n---\n%s",
			      md1.data, md2.data);
		ck_assert_uint_eq(d.n, 0);
		/* the same tree: everything but source positions */
		zero_positions(a);
		zero_positions(b2);
		rb_emit(rb_emitter_lookup("json"), a, NULL, &j1, &d);
		rb_emit(rb_emitter_lookup("json"), b2, NULL, &j2, &d);
		ck_assert_msg(strcmp(j1.data, j2.data) == 0, "trees differ:\n%s\n---\n%s", j1.data,
			      j2.data);
		rb_buf_free(&md1);
		rb_buf_free(&md2);
		rb_buf_free(&j1);
		rb_buf_free(&j2);
		rb_document_free(a);
		rb_document_free(b2);
		rb_diags_free(&d);
	}
}
END_TEST

/* Found by fuzzing: invalid UTF-8 handed to the library (not through
 * rb_read_file) reached libyaml's emitter in the canonical Markdown of the
 * history, which loops on it.  The loaders now check the encoding. */
START_TEST(library_checks_encoding)
{
	static const char md[] = "# \xe6\xb3\x95\n\n2020\xe5\xb9\xb4 \xe6\n\n<!-- INFO END -->\n";
	static const char yaml[] = "title: \xff\n";
	rb_diags d;
	rb_document *doc;

	rb_diags_init(&d);
	doc = rb_load_markdown("t.md", md, sizeof(md) - 1, NULL, &d);
	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].code, RB_D_INPUT_ENCODING);
	ck_assert_uint_eq(d.v[0].line, 3);
	rb_diags_free(&d);
	rb_diags_init(&d);
	doc = rb_load_yaml("t.yaml", yaml, sizeof(yaml) - 1, NULL, &d);
	ck_assert_ptr_null(doc);
	ck_assert_int_eq(d.v[0].code, RB_D_INPUT_ENCODING);
	rb_diags_free(&d);
	rb_diags_init(&d);
	doc = rb_load_markdown("t.md", "a\0b", 3, NULL, &d);
	ck_assert_ptr_null(doc);
	ck_assert_int_eq(d.v[0].code, RB_D_INPUT_ENCODING);
	rb_diags_free(&d);
}
END_TEST

static int
collect(void *ctx, const char *data, size_t len)
{
	rb_buf_put(ctx, data, len);
	return 0;
}

/* Streaming hands the output on in blocks as it grows (Word's zip,
 * made at the end, all at once): the same bytes as rendering it whole,
 * for every format, on an output of megabytes. */
START_TEST(emit_stream_same_bytes)
{
	const rb_emitter *const *e;
	rb_document *doc;
	rb_diags d;
	rb_buf src;
	int i;

	rb_buf_init(&src);
	rb_buf_puts(&src, "# 规定\n\n");
	for (i = 1; i <= 12000; i++)
		rb_buf_printf(&src, "第%d条 工作人员应当遵守本规定第一条的要求，"
			      "依照前款规定办理相关手续，并在三十日内报告。\n\n", i);
	doc = load(src.data, &d);
	ck_assert_ptr_nonnull(doc);
	rb_run_passes(doc, &d);
	for (e = rb_emitters(); *e; e++) {
		rb_buf whole, part, got;
		rb_emit_opts o;

		memset(&o, 0, sizeof(o));
		rb_buf_init(&whole);
		rb_buf_init(&part);
		rb_buf_init(&got);
		ck_assert_int_eq(rb_emit(*e, doc, &o, &whole, &d), 0);
		ck_assert_int_eq(rb_emit_stream(*e, doc, &o, &part, collect, &got, &d), 0);
		/* a Word file is a zip, made whole at the end */
		ck_assert_msg(got.len > 0 || !strcmp((*e)->name, "docx"), "%s: nothing handed on",
			      (*e)->name);
		rb_buf_put(&got, part.data, part.len);
		ck_assert_msg(got.len == whole.len && !memcmp(got.data, whole.data, whole.len),
			      "%s: streamed output differs", (*e)->name);
		rb_buf_free(&whole);
		rb_buf_free(&part);
		rb_buf_free(&got);
	}
	rb_document_free(doc);
	rb_diags_free(&d);
	rb_buf_free(&src);
}
END_TEST

/* A part rendered apart and put in where the rest comes to it: the same
 * bytes as rendering the whole, at every node the emitter can split at,
 * put in whole, handed on to a sink, or rendered in its place. */
/* The parts of a split rendering, rendered before; a part not in mask is
 * "taken by no thread" and rendered in its place. */
struct parts {
	rb_buf *v;
	unsigned mask;
};

static int
put_part(void *ctx, size_t i, rb_sink_fn sink, void *sink_ctx, rb_buf *out)
{
	struct parts *p = ctx;

	if (!(p->mask & 1u << i))
		return 0;
	if (sink)
		ck_assert_int_eq(sink(sink_ctx, p->v[i].data, p->v[i].len), 0);
	else
		rb_buf_put(out, p->v[i].data, p->v[i].len);
	return 1;
}

/* The line index: every offset of random texts with \n, \r\n and lone
 * \r at random places (of every length to 200 bytes, the fast path taking
 * 32 at a time) is on the line a byte-at-a-time count gives. */
START_TEST(line_index_same)
{
	char s[200];
	unsigned seed = 777;
	size_t n, i, round;

	for (round = 0; round < 4000; round++) {
		rb_lines l;
		unsigned line = 1;
		int cr = round % 3 == 0;

		n = round % sizeof(s);
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = (seed >> 16) % 7 == 0 ? '\n' : cr && (seed >> 16) % 11 == 0 ? '\r'
											: "ab中"[(seed >> 8) % 3];
		}
		rb_lines_init(&l, s, n);
		for (i = 0; i <= n; i++) {
			ck_assert_uint_eq(rb_lines_line(&l, i), line);
			if (i < n && (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'))))
				line++;
		}
		ck_assert_uint_eq(l.n, line);
		rb_lines_free(&l);
	}
}
END_TEST

/* References are found wherever they stand in a long text (the scan
 * passes 32 bytes at a time): 第二条, “…”, 《…》, 本法, 前款 and
 * Article after 0 to 80 bytes of ideographs, punctuation and ASCII. */
START_TEST(xref_found_at_every_offset)
{
	static const char *fill[] = {"甲", "，", "a", "Z", "（一）", "“"};
	size_t k, f;

	for (f = 0; f < sizeof(fill) / sizeof(fill[0]); f++)
		for (k = 0; k <= 80; k++) {
			rb_buf src;
			rb_document *doc;
			rb_diags d;
			const rb_node *a3;
			size_t i, n;

			rb_buf_init(&src);
			rb_buf_puts(&src, "# 规定\n\n第一条 甲。\n\n第二条 乙。\n\n第三条 ");
			for (i = 0; i < k; i++)	/* whole characters, k of them */
				rb_buf_puts(&src, f == 5 ? "甲" : fill[f]);
			rb_buf_puts(&src, "依照第二条，“第一条”不算，《第一条》不算，本法第一条和前款。"
					  "依照第二条和本规定第一条的规定办理，依照第二条。\n");
			doc = load(src.data, &d);
			ck_assert_ptr_nonnull(doc);
			rb_run_passes(doc, &d);
			a3 = doc->root->last;
			ck_assert_int_eq(a3->number, 3);
			/* 第二条, 本法第一条, 第二条, 本规定第一条, 第二条: five */
			for (i = 0, n = 0; i < a3->nrefs; i++)
				n += a3->refs[i].target != NULL;
			ck_assert_uint_eq(n, 5);
			ck_assert_int_eq(a3->refs[0].target->number, 2);
			ck_assert_uint_eq(a3->refs[0].off,
					  strstr(a3->text, "依照第二条") - a3->text + strlen("依照"));
			rb_document_free(doc);
			rb_diags_free(&d);
			rb_buf_free(&src);
		}
}
END_TEST

/* libxml2's allocator: every size, grown and shrunk across its classes
 * and into malloc's, keeps the bytes; blocks freed on another thread are
 * served again. */
static void *
xml_free_all(void *arg)
{
	void **v = arg;
	size_t i;

	for (i = 0; v[i]; i++)
		rb_xml_free(v[i]);
	return NULL;
}

static size_t
count_not(const void *p, size_t n, int byte)
{
	const unsigned char *s = p;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] != (unsigned char)byte;
	return k;
}

START_TEST(xml_allocator_keeps_bytes)
{
	enum { N = 2100 };	/* past the largest class (2,032 bytes) */
	static void *v[N + 2];
	pthread_t t;
	size_t n, m, bad = 0;
	char *p, *q;

	for (n = 0; n <= N; n++) {
		p = rb_xml_malloc(n);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		memset(p, (int)(n & 0xFF), n);
		m = n * 3 + 1;	/* grown: into the next classes, then malloc's */
		q = rb_xml_realloc(p, m);
		ck_assert_ptr_nonnull(q);
		bad += count_not(q, n, n & 0xFF);
		memset(q, 0x5A, m);
		q = rb_xml_realloc(q, n / 2);	/* shrunk */
		bad += count_not(q, n / 2, 0x5A);
		v[n] = q;
	}
	ck_assert_uint_eq(bad, 0);
	/* all live at once: no two overlap */
	for (n = 0; n <= N; n++)
		memset(v[n], (int)(n & 0xFF), n / 2);
	for (n = 0; n <= N; n++)
		bad += count_not(v[n], n / 2, n & 0xFF);
	ck_assert_uint_eq(bad, 0);
	p = rb_xml_strdup("第一条 <b>");
	ck_assert_str_eq(p, "第一条 <b>");
	rb_xml_free(p);
	rb_xml_free(NULL);
	/* freed on another thread, then allocated again here */
	v[N + 1] = NULL;
	ck_assert_int_eq(pthread_create(&t, NULL, xml_free_all, v), 0);
	pthread_join(t, NULL);
	for (n = 0; n <= N; n++) {
		p = rb_xml_malloc(n);
		memset(p, 1, n);
		rb_xml_free(p);
	}
}
END_TEST

/* libxml2 is opened when HTML or DocBook is rendered: when it cannot be,
 * those two fail with a diagnostic and render nothing; the rest render. */
START_TEST(xml_library_missing)
{
	rb_document *doc;
	rb_diags d;
	rb_buf out;
	const char *f[] = {"docbook", "html"};
	size_t i, k;

	if (getenv("CK_FORK") && !strcmp(getenv("CK_FORK"), "no"))
		return;	/* the failure stays for the process */
	rb_libxml2 = "librulebook-no-such-library.so";
	doc = load("# 规定\n\n第一条 甲 <b>。\n", &d);
	ck_assert_ptr_nonnull(doc);
	rb_run_passes(doc, &d);
	for (i = 0; i < 2; i++) {
		size_t before = d.n;

		rb_buf_init(&out);
		ck_assert_int_eq(rb_emit(rb_emitter_lookup(f[i]), doc, NULL, &out, &d), -1);
		ck_assert_uint_eq(out.len, 0);
		ck_assert_uint_eq(d.n, before + 1);
		ck_assert_int_eq(d.v[before].code, RB_D_OUTPUT_WRITE);
		ck_assert_ptr_nonnull(strstr(d.v[before].message, "without libxml2"));
		ck_assert_ptr_nonnull(strstr(d.v[before].message, "librulebook-no-such-library.so"));
		rb_buf_free(&out);
	}
	k = d.n;
	rb_buf_init(&out);
	ck_assert_int_eq(rb_emit(rb_emitter_lookup("json"), doc, NULL, &out, &d), 0);
	ck_assert_uint_gt(out.len, 0);
	ck_assert_uint_eq(d.n, k);
	rb_buf_free(&out);
	rb_document_free(doc);
	rb_diags_free(&d);
}
END_TEST

/* A document rendered in parts, any of them put in as another thread
 * rendered it or rendered in its place, is the same bytes as rendered
 * whole. */
START_TEST(emit_split_same_bytes)
{
	const rb_emitter *const *e;
	rb_document *doc;
	rb_diags d;
	rb_buf src;
	int i, k, splits = 0;

	rb_buf_init(&src);
	rb_buf_puts(&src, "# 规定\n\n序言。\n\n");
	for (i = 1, k = 1; i <= 3; i++) {
		int c, a;

		rb_buf_printf(&src, "## 第%d编 编名\n\n", i);
		for (c = 1; c <= 3; c++) {
			rb_buf_printf(&src, "### 第%d章 章名\n\n", 3 * (i - 1) + c);
			for (a = 1; a <= 4; a++, k++) {
				rb_buf_printf(&src, "第%d条 依照第一条和*前款*的规定，见[链接](http://x/?a=1&b=2)。\n\n"
					      "（一）甲 <b>；\n（二）乙。\n\n第二款。\n\n", k);
				if (a == 2)
					rb_buf_puts(&src, "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n");
			}
			if (c == 2)
				rb_buf_puts(&src, "#### 第一节 节名\n\n第九十九条 节中。\n\n");
		}
	}
	doc = load(src.data, &d);
	ck_assert_ptr_nonnull(doc);
	rb_run_passes(doc, &d);
	for (e = rb_emitters(); *e; e++) {
		rb_walker w;
		rb_event ev;
		rb_buf whole;
		rb_emit_opts o;
		double f;
		const rb_node *pts[64];
		static const size_t gap[] = {0, 1, 2, 3, 7, 16};	/* 0: alone */
		size_t npts, x, y;

		if (!(*e)->split_ok)
			continue;
		memset(&o, 0, sizeof(o));
		rb_buf_init(&whole);
		ck_assert_int_eq(rb_emit(*e, doc, &o, &whole, &d), 0);
		npts = 0;
		rb_walker_init(&w, doc->root);
		while ((ev = rb_walker_next(&w)) != RB_EV_NONE)
			if (ev == RB_EV_ENTER && w.cur != doc->root && (*e)->split_ok(w.cur) &&
			    npts < sizeof(pts) / sizeof(pts[0]))
				pts[npts++] = w.cur;
		/* every point alone, with each of a few points after it, and
		 * three in a row and spread: each part put in or rendered in its
		 * place, the output handed on or kept */
		for (x = 0; x < npts; x++)
			for (y = 0; y < sizeof(gap) / sizeof(gap[0]) + 2; y++) {
				const rb_node *at[3];
				rb_buf v[3], rest, got;
				struct parts p = {v, 0};
				size_t n = 0, q;

				at[n++] = pts[x];
				if (y < sizeof(gap) / sizeof(gap[0])) {
					if (gap[y] && x + gap[y] >= npts)
						continue;
					if (gap[y])
						at[n++] = pts[x + gap[y]];
				} else if (y == sizeof(gap) / sizeof(gap[0]) && x + 2 < npts)
					at[n++] = pts[x + 1], at[n++] = pts[x + 2];	/* in a row */
				else if (y > sizeof(gap) / sizeof(gap[0]) && x + 5 < npts)
					at[n++] = pts[x + 2], at[n++] = pts[x + 5];	/* apart */
				else
					continue;
				splits++;
				for (q = 0; q < n; q++) {
					rb_buf held;

					rb_buf_init(&v[q]);
					rb_buf_init(&held);
					ck_assert_int_eq(rb_emit_part(*e, doc, &o, at[q],
								      q + 1 < n ? at[q + 1] : NULL, &held,
								      collect, &v[q], &d), 0);
					rb_buf_free(&held);
				}
				rb_buf_init(&rest);
				rb_buf_init(&got);
				for (p.mask = 0; p.mask < 1u << n; p.mask++) {
					rb_buf_reset(&rest);
					ck_assert_int_eq(rb_emit_stream_split(*e, doc, &o, &rest, NULL, NULL, at,
									      n, put_part, &p, &d), 0);
					ck_assert_msg(rest.len == whole.len &&
						      !memcmp(rest.data, whole.data, whole.len),
						      "%s: %zu parts from line %u (mask %u) differ", (*e)->name,
						      n, at[0]->line, p.mask);
				}
				/* handed on */
				p.mask = (1u << n) - 1;
				rb_buf_reset(&rest);
				ck_assert_int_eq(rb_emit_stream_split(*e, doc, &o, &rest, collect, &got, at, n,
								      put_part, &p, &d), 0);
				rb_buf_put(&got, rest.data, rest.len);
				ck_assert_msg(got.len == whole.len && !memcmp(got.data, whole.data, whole.len),
					      "%s: %zu parts from line %u, streamed, differ", (*e)->name, n,
					      at[0]->line);
				for (q = 0; q < n; q++)
					rb_buf_free(&v[q]);
				rb_buf_free(&rest);
				rb_buf_free(&got);
			}
		/* the point chosen is one it can split at */
		for (f = 0.05; f < 1; f += 0.1) {
			const rb_node *at = rb_emit_split_point(*e, doc, f);

			ck_assert_ptr_nonnull(at);
			ck_assert((*e)->split_ok(at));
		}
		ck_assert_ptr_null(rb_emit_split_point(*e, doc, 0));
		rb_buf_free(&whole);
	}
	ck_assert_int_ge(splits, 200);	/* 38 points, alone, by two and three */
	ck_assert_ptr_null(rb_emit_split_point(rb_emitter_lookup("text"), doc, 0.5));
	rb_document_free(doc);
	rb_diags_free(&d);
	rb_buf_free(&src);
}
END_TEST

/* ---- a large body parsed in pieces gives the tree of one parse ---- */

/* JSON (every node with its line and column), canonical Markdown and the
 * diagnostics of src loaded with the given piece size and threads. */
static char *
loaded(const char *src, size_t n, size_t piece, int threads)
{
	rb_load_opts o;
	rb_document *doc;
	rb_diags d;
	rb_buf out;
	char *mem = NULL;
	size_t len = 0;
	FILE *f;

	memset(&o, 0, sizeof(o));
	o.threads = threads;
	rb_md_piece_size = piece;
	rb_diags_init(&d);
	rb_buf_init(&out);
	rb_buf_put(&out, "", 0);
	doc = rb_load_markdown("t.md", src, n, &o, &d);
	rb_md_piece_size = 512 * 1024;
	if (doc) {
		rb_emit_opts eo;

		rb_run_passes(doc, &d);
		memset(&eo, 0, sizeof(eo));
		rb_emit(rb_emitter_lookup("json"), doc, &eo, &out, &d);
		rb_emit(rb_emitter_lookup("markdown"), doc, &eo, &out, &d);
		rb_document_free(doc);
	}
	f = open_memstream(&mem, &len);
	rb_diags_print(&d, f, RB_DIAG_GCC, 0);
	fclose(f);
	rb_buf_puts(&out, mem);
	free(mem);
	rb_diags_free(&d);
	return rb_buf_detach(&out);
}

/* Same bytes whole and cut at every heading it can be cut at, with one
 * thread and with four (the passes too: a large document's references
 * are scanned in chunks side by side); returns the number of
 * pieces. */
static size_t
same_in_pieces(const char *name, const char *src, size_t n)
{
	char *whole = loaded(src, n, 0, 1);
	char *one = loaded(src, n, 1, 1);
	char *four = loaded(src, n, 1, 4);

	ck_assert_msg(!strcmp(whole, one), "%s: pieces (1 thread) differ", name);
	ck_assert_msg(!strcmp(whole, four), "%s: pieces (4 threads) differ", name);
	free(whole);
	free(one);
	free(four);
	rb_md_piece_size = 1;
	n = rb_md_pieces(src, n);
	rb_md_piece_size = 512 * 1024;
	return n;
}

static void
same_in_pieces_dir(const char *dir, const char *ext, size_t *files, size_t *cut)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	if (!dp)
		return;
	while ((e = readdir(dp)) != NULL) {
		size_t k = strlen(e->d_name), n;
		char path[1024], *data;
		struct stat st;
		rb_diags d;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			same_in_pieces_dir(path, ext, files, cut);
			continue;
		}
		if (k < strlen(ext) || strcmp(e->d_name + k - strlen(ext), ext))
			continue;
		rb_diags_init(&d);
		data = rb_read_file(path, &n, &d);
		rb_diags_free(&d);
		if (!data)
			continue;
		(*files)++;
		if (same_in_pieces(path, data, n) > 1)
			(*cut)++;
		free(data);
	}
	closedir(dp);
}

START_TEST(pieces_same_tree)
{
	static const char *const cases[] = {
		/* lists, quotes, code and setext headings before a cut */
		"# 规定\n\n第一条 总则。\n\n- 甲\n- 乙\n\n  续\n\n## 第一章 总则\n\n> 引\n> 文\n\n"
		"## 第二章\n\n    code\n\n# 附则\n\n标题\n===\n\n第二条 一、甲；\n二、乙。\n\n"
		"#### 第一节\n\n1. 一\n2. 二\n\n\n\n## 第三章\n\n第三条 见第一条。\n",
		/* CRLF, a one-line comment, lazy lines, headings with trailing #s */
		"# 办法\r\n\r\n<!-- INFO END -->\r\n\r\n第一条 甲\r\n乙\r\n\r\n## 第一章 ##\r\n\r\n"
		"第二条 依照本办法第一条。\r\n\r\n#\r\n\r\n第三条 末。",
		/* '#' lines that are not cuts: no blank line before, indented, #7 */
		"# T\n\n第一条 甲\n# 不是\n\n   # 缩进\n\n####### 七\n\n第二条 乙\n\n## 第二章\n\n第三条 丙\n",
		/* what later pieces decide while the first are read: a table of
		 * contents whose first entry comes back pieces later, */
		"# T\n\n## 第一章 总则\n\n## 第二章 分则\n\n## 第二章 分则\n\n说明\n\n"
		"## 附\n\n文\n\n## 第一章 总则\n\n第一条 甲\n",
		/* a run of headings going on across pieces, */
		"# T\n\n## 第一章 总则\n\n## 第二章 分则\n\n## 第一章 总则\n\n第一条 甲\n",
		/* the information block's end in a later piece, */
		"# T\n\n2020年1月1日 通过\n\n## 说明\n\n甲\n\n<!-- INFO END -->\n\n第一条 乙\n",
		/* 一、 headings with the first article pieces later, */
		"# T\n\n## 一、总则\n\n甲\n\n## 二、分则\n\n乙\n\n## 第一章\n\n第一条 丙\n",
		/* a label written wrongly before the pieces that choose the
		 * profile (一、 and no article: 公文) */
		"# T\n\n第一十条 甲\n\n## 一、总则\n\n（二)乙\n\n## 二、附则\n\n丙\n",
	};
	static const char *const whole[] = {
		"# T\n\n```\n\n# in code\n```\n\n# U\n\n第一条 甲\n",
		"# T\n\n[a]: /x\n\n# U\n\n第一条 [甲][a]\n",
		"# T\n\n<pre>\n\n# in pre\n</pre>\n\n# U\n",
		"# T\n\n<!--\n\n# in comment\n-->\n\n# U\n",
		"# T\n\n~~~\n\n# U\n~~~\n",
	};
	rb_buf big;
	size_t i, files = 0, cut = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_uint_gt(same_in_pieces("case", cases[i], strlen(cases[i])), 1);
	for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
		ck_assert_uint_eq(same_in_pieces("whole", whole[i], strlen(whole[i])), 1);
	/* a law of 3,000 articles in chapters, with references */
	rb_buf_init(&big);
	rb_buf_puts(&big, "# 示例法\n\n");
	for (i = 1; i <= 3000; i++) {
		if (i % 50 == 1)
			rb_buf_printf(&big, "## 第%zu章 事项\n\n", i / 50 + 1);
		rb_buf_printf(&big, "第%zu条 依照本法第%zu条的规定办理。\n\n（一）甲；\n\n（二）乙。\n\n",
			      i, i > 1 ? i - 1 : 1);
		if (i % 250 == 0)	/* references to nothing, all along */
			rb_buf_printf(&big, "依照本法第%zu条和前款第九项的规定。\n\n", i + 90000);
	}
	ck_assert_uint_gt(same_in_pieces("law", big.data, big.len), 50);
	rb_buf_free(&big);
	/* every Markdown fixture, fuzz seed and corpus law */
	same_in_pieces_dir("tests/golden", ".md", &files, &cut);
	same_in_pieces_dir("tests/xref", ".md", &files, &cut);
	same_in_pieces_dir("tests/fmt", ".md", &files, &cut);
	same_in_pieces_dir("tests/fuzz/markdown", "", &files, &cut);
	same_in_pieces_dir("tests/data/laws", ".md", &files, &cut);
	ck_assert_uint_ge(files, 40 + 20);
	ck_assert_uint_gt(cut, 5);
}
END_TEST

Suite *
md_suite(void)
{
	Suite *s = suite_create("markdown");
	TCase *tc = tcase_create("core");

	/* a few of these render megabytes, or hundreds of times: seconds
	 * under the sanitizers */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, emit_stream_same_bytes);
	tcase_add_test(tc, emit_split_same_bytes);
	tcase_add_test(tc, xml_library_missing);
	tcase_add_test(tc, xref_found_at_every_offset);
	tcase_add_test(tc, line_index_same);
	tcase_add_test(tc, xml_allocator_keeps_bytes);
	tcase_add_test(tc, pieces_same_tree);
	tcase_add_test(tc, separators_and_keywords);
	tcase_add_test(tc, articles_paragraphs_items);
	tcase_add_test(tc, lines_without_blank_lines);
	tcase_add_test(tc, gongwen);
	tcase_add_test(tc, group_headings_and_toc);
	tcase_add_test(tc, english);
	tcase_add_test(tc, metadata);
	tcase_add_test(tc, ids_and_tables);
	tcase_add_test(tc, positions_in_characters);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, library_checks_encoding);
	suite_add_tcase(s, tc);
	return s;
}
