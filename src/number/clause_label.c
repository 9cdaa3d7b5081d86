/*
 * Which clause a label at the start of a block opens: 第三条 an article,
 * 第二章 and Chapter 2 a chapter, （一） and 1. an item, 2.1 an outline
 * section.  The loader and the repair of labels written wrongly ask it.
 */
#include <stdio.h>
#include <string.h>

#include "rulebook.h"
#include "number/style.h"
#include "text/text.h"
#include "number/clause_label.h"

static const struct {
	const char *word;
	enum clause_kind kind;
} en_units[] = {
	{"Part", L_PART}, {"PART", L_PART}, {"Chapter", L_CHAPTER}, {"CHAPTER", L_CHAPTER},
	{"Section", L_SECTION}, {"SECTION", L_SECTION}, {"Article", L_ARTICLE},
	{"ARTICLE", L_ARTICLE}, {NULL, L_NONE}
};

/* "Chapter 3", "Part II", "Article 12." */
static int
parse_english(const char *s, size_t n, struct clause_label *out)
{
	size_t i, k, j;
	int v = 0;

	for (i = 0; en_units[i].word; i++)
		if ((k = rb_prefix(s, n, en_units[i].word)) > 0 && k < n && s[k] == ' ')
			break;
	if (!en_units[i].word)
		return 0;
	j = k + 1;
	if (j < n && s[j] >= '0' && s[j] <= '9') {
		while (j < n && s[j] >= '0' && s[j] <= '9' && v < 100000)
			v = v * 10 + (s[j++] - '0');
		out->l.style = RB_STYLE_DECIMAL_OUTLINE;
	} else {
		size_t m = rb_roman_upper(s + j, n - j, &v);

		if (m == 0)
			return 0;
		j += m;
		out->l.style = RB_STYLE_ROMAN_UPPER;
	}
	if (v <= 0)
		return 0;
	if (j < n && (s[j] == '.' || s[j] == ':'))
		j++;
	if (j < n && !(s[j] == ' ' || s[j] == '\t'))
		return 0;
	out->kind = en_units[i].kind;
	out->l.number = v;
	out->l.len = j;
	out->l.sep_len = rb_space_len(s + j, n - j);
	snprintf(out->l.unit, sizeof(out->l.unit), "%s", en_units[i].word);
	return 1;
}

/* What the label at the start of s makes of its block. */
int
rb_classify_label(const char *s, size_t n, rb_style prefer, struct clause_label *out)
{
	memset(out, 0, sizeof(*out));
	if (parse_english(s, n, out))
		return 1;
	if (!rb_label_parse(s, n, prefer, &out->l))
		return 0;
	if (out->l.style == RB_STYLE_CN_ORDINAL) {
		const char *u = out->l.unit;

		if (!strcmp(u, "条") || !strcmp(u, "條"))
			out->kind = L_ARTICLE;
		else if (!strcmp(u, "章"))
			out->kind = L_CHAPTER;
		else if (!strcmp(u, "节") || !strcmp(u, "節"))
			out->kind = L_SECTION;
		else if (!strcmp(u, "分编") || !strcmp(u, "分編"))
			out->kind = L_SUBPART;
		else if (!strcmp(u, "编") || !strcmp(u, "編") || !strcmp(u, "篇") ||
			 !strcmp(u, "部分"))
			out->kind = L_PART;
		else
			return 0;	/* 第二款…, 第三项… start sentences */
		return 1;
	}
	if (out->l.insert)
		return 0;
	out->kind = out->l.style == RB_STYLE_DECIMAL_OUTLINE ? L_OUTLINE : L_ITEM;
	return 1;
}
