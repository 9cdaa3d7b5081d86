/*
 * Labels as Taiwan's official law database (全國法規資料庫) writes them:
 * `第 1 條`, `第 15-1 條` for an inserted article, divisions `第 一 編`,
 * `第 八 節之一`, and below 節 in the big codes `第 一 款`, `第 一 目`.  The
 * spaces are the official style, not a defect: a label is read with them
 * and written back with them (the style tw-ordinal).
 */
#include <string.h>

#include "rulebook.h"
#include "number/tw_label.h"
#include "text/text.h"
#include "text/utf8.h"
#include "util.h"

static const char *const tw_units[] = {
	"條", "条", "編", "编", "章", "節", "节", "款", "目", NULL
};

static size_t
ascii_spaces(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* Articles take Arabic numerals, divisions Chinese ones. */
static int
is_article_unit(const char *u)
{
	return !strcmp(u, "條") || !strcmp(u, "条");
}

/* 第 N 條 / 第 N-M 條 / 第 一 編 / 第 八 節之一 at the start of s: the space
 * after 第 and the one before the unit are both there (a single space
 * inside, 第十 条, is a defect the repair of labels reports). */
int
rb_tw_ordinal_parse(const char *s, size_t n, rb_label *out)
{
	size_t i = rb_prefix(s, n, "第"), k, sp, u;
	int v, ins = 0;
	unsigned flags;

	if (!i || !(sp = ascii_spaces(s + i, n - i)))
		return 0;
	i += sp;
	if (!(k = rb_cn_parse(s + i, n - i, &v, &flags)) || v <= 0)
		return 0;
	i += k;
	if ((flags & RB_NUM_ARABIC) && i + 1 < n && s[i] == '-' && s[i + 1] >= '0' && s[i + 1] <= '9') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9' && ins < 10000; i++)
			ins = ins * 10 + (s[i] - '0');
	}
	if (!(sp = ascii_spaces(s + i, n - i)))
		return 0;
	i += sp;
	for (u = 0; tw_units[u]; u++)
		if (rb_prefix(s + i, n - i, tw_units[u]))
			break;
	if (!tw_units[u] || ((flags & RB_NUM_ARABIC) != 0) != is_article_unit(tw_units[u]))
		return 0;
	memcpy(out->unit, tw_units[u], strlen(tw_units[u]) + 1);
	i += strlen(tw_units[u]);
	if (!ins && (k = rb_prefix(s + i, n - i, "之")) > 0) {
		unsigned f2;
		size_t m = rb_cn_parse(s + i + k, n - i - k, &ins, &f2);

		if (m && !(f2 & RB_NUM_ARABIC))
			i += k + m;
		else
			ins = 0;
	}
	out->style = RB_STYLE_TW_ORDINAL;
	out->number = v;
	out->insert = ins;
	out->flags = flags & ~(unsigned)RB_NUM_ARABIC;
	out->len = i;
	return 1;
}

static size_t
put(char *buf, size_t size, size_t at, const char *s)
{
	size_t k = strlen(s);

	if (at + k + 1 > size)
		return size;	/* too long: the caller sees the overflow */
	memcpy(buf + at, s, k + 1);
	return at + k;
}

/* The label of number (with insert) in the official form: 第 15-1 條,
 * 第 八 節之一.  Returns its length, 0 when it does not fit. */
size_t
rb_tw_ordinal_format(int number, int insert, const char *unit, unsigned cn_flags, char *buf,
		     size_t size)
{
	char num[64];
	size_t at = 0;
	int article;

	if (!unit || !*unit)
		unit = "條";
	article = is_article_unit(unit);
	at = put(buf, size, at, "第 ");
	if (article) {
		num[rb_itoa(num, number)] = '\0';
		at = put(buf, size, at, num);
		if (insert > 0) {
			num[rb_itoa(num, insert)] = '\0';
			at = put(buf, size, at, "-");
			at = put(buf, size, at, num);
		}
	} else {
		rb_cn_format(number, cn_flags, num, sizeof(num));
		at = put(buf, size, at, num);
	}
	at = put(buf, size, at, " ");
	at = put(buf, size, at, unit);
	if (!article && insert > 0) {
		rb_cn_format(insert, cn_flags, num, sizeof(num));
		at = put(buf, size, at, "之");
		at = put(buf, size, at, num);
	}
	return at >= size ? 0 : at;
}

/* A Roman numeral written with the signs of U+2160 (Ⅰ … Ⅻ, as Taiwan's
 * English translations number parts and chapters), or with several of
 * them (ⅩⅢ): its length and value. */
size_t
rb_roman_numeral_sign(const char *s, size_t n, int *value)
{
	size_t i = 0, k;
	uint32_t cp;
	int v = 0;

	while (i < n && (k = rb_utf8_next(s + i, n - i, &cp)) > 0 && cp >= 0x2160 && cp <= 0x216B) {
		v += (int)(cp - 0x2160) + 1;
		i += k;
	}
	*value = v;
	return v > 0 ? i : 0;
}
