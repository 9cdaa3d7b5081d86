/*
 * The grammar of references (SPEC §6): the words and shapes a reference
 * is made of, apart from what they name.  A component is 第 numeral
 * [之 numeral] unit or 第（numeral）unit (第十条之一, 第（三）项); 本法,
 * 本条例 … before 第 name this document, and 》 or a law's name before it
 * (刑法第二十条) another one; 、 和 或者 及 join the members of a list and
 * 至 到 the ends of a range.  Units are read in the profile's way: 款 are
 * paragraphs in the PRC and items in Taiwan, where 項 are the paragraphs.
 *
 * The resolver (xref_resolve.c) reads texts with it; renumbering
 * (renumber.c) finds the components of a reference it rewrites with
 * rb_ref_ordinal, so both read a reference the same way.
 */
#include <string.h>

#include "rulebook.h"
#include "text/text.h"
#include "check/check.h"

/* The words a component ends in and the unit each names in the PRC and
 * in Taiwan; every one is one three-byte character. */
static const struct {
	const char *w;
	enum ref_unit cn, tw;
} units[] = {
	{"条", U_ARTICLE, U_ARTICLE}, {"條", U_ARTICLE, U_ARTICLE},
	{"款", U_PARA, U_ITEM}, {"项", U_ITEM, U_PARA}, {"項", U_ITEM, U_PARA},
	{"目", U_SUBITEM, U_SUBITEM}, {"章", U_CHAPTER, U_CHAPTER},
	{"节", U_SECTION, U_SECTION}, {"節", U_SECTION, U_SECTION},
	{"编", U_PART, U_PART}, {"編", U_PART, U_PART},
};

/* The unit word at s: its length and the unit it names, or 0. */
static size_t
unit_at(int tw, const char *s, size_t n, enum ref_unit *u)
{
	size_t k;

	for (k = 0; n >= 3 && k < sizeof(units) / sizeof(units[0]); k++)
		if (s[0] == units[k].w[0] && s[1] == units[k].w[1] && s[2] == units[k].w[2]) {
			*u = tw ? units[k].tw : units[k].cn;
			return 3;
		}
	return 0;
}

/* A numeral at s, bracketed or not: its length, 0 when none. */
static size_t
member_numeral(const char *s, size_t n, int *num)
{
	size_t i = 0, k, m;
	int paren = 0;
	unsigned fl;

	if ((k = rb_prefix(s, n, "（")) || (k = rb_prefix(s, n, "("))) {
		i = k;
		paren = 1;
	}
	if (!(m = rb_cn_parse(s + i, n - i, num, &fl)) || *num <= 0)
		return 0;
	i += m;
	if (paren) {
		if (!(k = rb_prefix(s + i, n - i, "）")) && !(k = rb_prefix(s + i, n - i, ")")))
			return 0;
		i += k;
	}
	return i;
}

/* 第 numeral [之 numeral] unit, or 第（numeral）unit; returns bytes. */
size_t
rb_xref_ordinal(int tw, const char *s, size_t n, int *num, int *ins, enum ref_unit *u)
{
	size_t i, m, k;
	int v, paren = 0;
	unsigned fl;

	/* 笫 for 第 is read as meant; the resolver reports it */
	if (!(i = rb_prefix(s, n, "第")) && !(i = rb_prefix(s, n, "笫")))
		return 0;
	if (tw && (m = rb_xref_tw_official(s, n, num, ins, u)) > 0)
		return m;	/* 第 15-1 條 */
	paren = rb_prefix(s + i, n - i, "（") || rb_prefix(s + i, n - i, "(");
	if (!(m = member_numeral(s + i, n - i, &v)))
		return 0;
	i += m;
	*ins = 0;
	*num = v;
	if (!(m = unit_at(tw, s + i, n - i, u)))
		return 0;
	i += m;
	if (*u == U_ARTICLE && (m = rb_prefix(s + i, n - i, "之")) &&
	    (k = rb_cn_parse(s + i + m, n - i - m, &v, &fl)) && v > 0) {
		*ins = v;
		i += m + k;
	}
	if (paren && *u != U_ITEM && *u != U_SUBITEM)
		return 0;
	/* 第三章程, 第一条款 are words, not references */
	if (*u == U_CHAPTER && rb_prefix(s + i, n - i, "程"))
		return 0;
	return i;
}

/* Does the three-byte character w stand in the next few characters of
 * s?  A quick no before reading numerals. */
static int
near(const char *s, size_t n, const char *w)
{
	size_t j, end = n < 18 ? n : 18;

	for (j = 0; j + 3 <= end; j++)
		if (s[j] == w[0] && s[j + 1] == w[1] && s[j + 2] == w[2])
			return 1;
	return 0;
}


size_t
rb_xref_compact(int tw, const char *s, size_t n, int *nums, size_t *ends, size_t max,
		size_t *count, enum ref_unit *u)
{
	size_t i, m, k = 0;

	/* a 、 close after the 第, or it is no list */
	if (!(i = rb_prefix(s, n, "第")) || n < 9 || !near(s + i, n - i, "、"))
		return 0;
	while (k < max && (m = member_numeral(s + i, n - i, &nums[k])) > 0) {
		i += m;
		ends[k++] = i;
		if (!(m = rb_prefix(s + i, n - i, "、")))
			break;
		i += m;
	}
	if (k < 2 || i != ends[k - 1] || !(m = unit_at(tw, s + i, n - i, u)) ||
	    (*u != U_ITEM && *u != U_PARA && *u != U_SUBITEM))
		return 0;
	ends[k - 1] = i + m;
	*count = k;
	return i + m;
}

size_t
rb_xref_unitless(int tw, const char *s, size_t n, int *num)
{
	size_t i, m, k;
	int v, w;
	enum ref_unit u;
	unsigned fl;

	/* another 第 close after this one, or it is no such thing */
	if (!(i = rb_prefix(s, n, "第")) || n < 9 || !near(s + i, n - i, "第") ||
	    !(m = rb_cn_parse(s + i, n - i, num, &fl)) || *num <= 0)
		return 0;
	k = rb_xref_ordinal(tw, s + i + m, n - i - m, &v, &w, &u);
	return k && u > U_ARTICLE ? i + m : 0;
}

size_t
rb_ref_unit_len(const char *s, size_t n)
{
	enum ref_unit u;

	return unit_at(0, s, n, &u);
}

/* Words naming this document before 第: 本法第十条, 本条例第三条. */
#define N(w) {w, sizeof(w) - 1}
static const struct {
	const char *w;
	size_t n;
} self_names[] = {
	N("法"), N("条例"), N("條例"), N("规定"), N("規定"), N("办法"), N("辦法"), N("制度"), N("细则"),
	N("細則"), N("规则"), N("規則"), N("决定"), N("決定"), N("解释"), N("解釋"), N("章程"), N("准则"),
	N("準則"), N("守则"), N("守則"), N("标准"), N("標準"), N("规范"), N("規範"), N("通则"), N("通則"),
	N("纲要"), N("綱要"), N("公约"), N("规程"), N("規程"), N("实施细则"), N("實施細則"), N("法典"),
};
#undef N

size_t
rb_xref_self_prefix(const char *s, size_t n)
{
	int no_di;
	size_t m = rb_xref_self_prefix_di(s, n, &no_di);

	return no_di ? 0 : m;
}

size_t
rb_xref_self_prefix_di(const char *s, size_t n, int *no_di)
{
	size_t i, k, m, c;
	int v;
	unsigned fl;

	*no_di = 0;
	if (!(i = rb_prefix(s, n, "本")))
		return 0;
	for (k = 0; k < sizeof(self_names) / sizeof(self_names[0]); k++)
		if ((m = rb_prefix(s + i, n - i, self_names[k].w))) {
			if (rb_prefix(s + i + m, n - i - m, "第") || rb_prefix(s + i + m, n - i - m, "笫"))
				return i + m;
			/* 本条例二十六条: the numeral without its 第 */
			if ((c = rb_cn_parse(s + i + m, n - i - m, &v, &fl)) > 0 && v > 0 &&
			    rb_prefix(s + i + m + c, n - i - m - c, "条")) {
				*no_di = 1;
				return i + m;
			}
		}
	return 0;
}


/* Is the 第 at s+i the start of a reference to another law?  Preceded by
 * 》 or by a name ending in 法/条例/规定… that is not 本…. */
int
rb_xref_external_before(const char *s, size_t i)
{
	size_t k, w;

	while (i > 0 && (s[i - 1] == ' '))
		i--;
	if (i >= 3 && memcmp(s + i - 3, "》", 3) == 0)
		return 1;
	/* 香港法例第179章: an ordinance of Hong Kong */
	if (i >= 6 && memcmp(s + i - 6, "法例", 6) == 0)
		return 1;
	for (k = 0; k < sizeof(self_names) / sizeof(self_names[0]); k++) {
		w = self_names[k].n;
		if (i >= w && memcmp(s + i - w, self_names[k].w, w) == 0) {
			/* 本法 / 本条例 name this document; 依法, 办法 alone do not
			 * make a law's name */
			if (i >= w + 3 && memcmp(s + i - w - 3, "本", 3) == 0)
				return 0;
			if (i >= w + 3 && (memcmp(s + i - w - 3, "依", 3) == 0 ||
					   memcmp(s + i - w - 3, "合", 3) == 0 ||
					   memcmp(s + i - w - 3, "违", 3) == 0))
				return 0;
			return i > w;	/* a name, not the word alone */
		}
	}
	return 0;
}

size_t
rb_ref_ordinal(const char *s, size_t n, int tw, rb_kind *kind)
{
	int num, ins;
	enum ref_unit u = U_NONE;	/* rb_xref_ordinal leaves it when it finds none */
	size_t m = rb_xref_ordinal(tw, s, n, &num, &ins, &u);

	switch (u) {
	case U_ARTICLE: *kind = RB_ARTICLE; break;
	case U_PARA: *kind = RB_PARAGRAPH; break;
	case U_ITEM: case U_SUBITEM: *kind = RB_ITEM; break;
	case U_CHAPTER: *kind = RB_CHAPTER; break;
	case U_SECTION: *kind = RB_SECTION; break;
	default: *kind = RB_PART; break;
	}
	return m;
}

/* Connectors between the members of a list or range. */
size_t
rb_xref_connector(const char *s, size_t n, int *range)
{
	static const char *const w[] = {"、", "和", "或者", "或", "及", "以及", "，", "至", "到"};
	size_t k, m;

	for (k = 0; k < sizeof(w) / sizeof(w[0]); k++)
		if ((m = rb_prefix(s, n, w[k]))) {
			*range = k >= 7;
			return m;
		}
	return 0;
}

const char *
rb_xref_unit_name(int tw, enum ref_unit u)
{
	switch (u) {
	case U_PART: return "编";
	case U_CHAPTER: return "章";
	case U_SECTION: return "节";
	case U_ARTICLE: return tw ? "條" : "条";
	case U_PARA: return tw ? "項" : "款";
	case U_ITEM: return tw ? "款" : "项";
	default: return "目";
	}
}
