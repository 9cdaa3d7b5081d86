/*
 * Numbering profiles: which style each level takes and what restarts
 * where (SPEC §4).
 */
#include <string.h>

#include "rulebook.h"

#define S(x) RB_STYLE_##x

/* Statutes: clauses are articles below divisions, items below articles. */
#define LAW_CHILDREN {[RB_BOOK] = RB_DOCUMENT, [RB_DOCUMENT] = RB_ARTICLE, \
	[RB_PART] = RB_ARTICLE, [RB_CHAPTER] = RB_ARTICLE, [RB_SECTION] = RB_ARTICLE, \
	[RB_ARTICLE] = RB_ITEM, [RB_PARAGRAPH] = RB_ITEM, [RB_ITEM] = RB_ITEM, \
	[RB_HEADING] = RB_ARTICLE, [RB_TABLE] = RB_ITEM}

/* Article-level styles shared by the Chinese profiles. */
#define CN_KIND_STYLES {[RB_PART] = S(CN_ORDINAL), [RB_CHAPTER] = S(CN_ORDINAL), \
	[RB_SECTION] = S(CN_ORDINAL), [RB_ARTICLE] = S(CN_ORDINAL)}

static const rb_profile profiles[] = {
	{
		.name = "cn-law",
		.lang = "zh-Hans",
		.kind_style = CN_KIND_STYLES,
		.item_top = {S(CN_PAREN), S(ARABIC_DOT), S(ARABIC_PAREN), S(CIRCLED)},
		.item_sub = {S(CN_PAREN), S(ARABIC_DOT), S(ARABIC_PAREN), S(CIRCLED)},
		.chapter_restarts_per_part = 1,
		.article_continuous = 1,
		.numbered_paragraphs = 1,
		.default_child = LAW_CHILDREN,
	},
	{
		.name = "cn-gongwen",
		.lang = "zh-Hans",
		.kind_style = CN_KIND_STYLES,
		.item_top = {S(CN_DUN), S(CN_PAREN), S(ARABIC_DOT), S(ARABIC_PAREN),
			     S(CIRCLED), S(ARABIC_HALF_PAREN), S(ALPHA_LOWER)},
		.item_sub = {S(CN_PAREN), S(ARABIC_DOT), S(ARABIC_PAREN), S(CIRCLED),
			     S(ARABIC_HALF_PAREN), S(ALPHA_LOWER)},
		.chapter_restarts_per_part = 1,
		.article_continuous = 1,
		.numbered_paragraphs = 1,
		.default_child = {[RB_BOOK] = RB_DOCUMENT, [RB_DOCUMENT] = RB_ITEM,
				  [RB_PART] = RB_ARTICLE, [RB_CHAPTER] = RB_ARTICLE,
				  [RB_SECTION] = RB_ARTICLE, [RB_ARTICLE] = RB_ITEM,
				  [RB_PARAGRAPH] = RB_ITEM, [RB_ITEM] = RB_ITEM,
				  [RB_HEADING] = RB_ITEM, [RB_TABLE] = RB_ITEM},
	},
	{
		.name = "tw-law",
		.lang = "zh-Hant",
		.kind_style = CN_KIND_STYLES,
		.item_top = {S(CN_DUN), S(CN_PAREN), S(ARABIC_PAREN), S(CIRCLED)},
		.item_sub = {S(CN_DUN), S(CN_PAREN), S(ARABIC_PAREN), S(CIRCLED)},
		.cn_flags = RB_CN_TW | RB_CN_TRADITIONAL,
		.traditional_units = 1,
		.chapter_restarts_per_part = 1,
		.article_continuous = 1,
		.numbered_paragraphs = 1,
		.default_child = LAW_CHILDREN,
	},
	{
		.name = "en-handbook",
		.lang = "en",
		.cn_flags = RB_CN_ASCII,
		.kind_style = {[RB_PART] = S(ROMAN_UPPER), [RB_CHAPTER] = S(DECIMAL_OUTLINE),
			       [RB_SECTION] = S(DECIMAL_OUTLINE), [RB_ARTICLE] = S(DECIMAL_OUTLINE)},
		.item_top = {S(ALPHA_LOWER), S(ROMAN_LOWER), S(ALPHA_UPPER), S(ARABIC_PAREN)},
		.item_sub = {S(ALPHA_LOWER), S(ROMAN_LOWER), S(ALPHA_UPPER), S(ARABIC_PAREN)},
		.chapter_restarts_per_part = 0,
		.article_continuous = 1,
		.numbered_paragraphs = 1,
		.default_child = {[RB_BOOK] = RB_DOCUMENT, [RB_DOCUMENT] = RB_SECTION,
				  [RB_PART] = RB_CHAPTER, [RB_CHAPTER] = RB_SECTION,
				  [RB_SECTION] = RB_ITEM, [RB_ARTICLE] = RB_ITEM,
				  [RB_PARAGRAPH] = RB_ITEM, [RB_ITEM] = RB_ITEM,
				  [RB_HEADING] = RB_SECTION, [RB_TABLE] = RB_ITEM},
	},
};

static const char *const names[] = {"cn-law", "cn-gongwen", "tw-law", "en-handbook", NULL};

const rb_profile *
rb_profile_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (strcmp(profiles[i].name, name) == 0)
			return &profiles[i];
	return NULL;
}

const rb_profile *
rb_profile_default(void)
{
	return &profiles[0];
}

const char *const *
rb_profile_names(void)
{
	return names;
}
