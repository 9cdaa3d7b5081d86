/*
 * Is a document a Taiwanese statute (profile tw-law)?  Told from the
 * text itself, before the clauses are read:
 *
 * - its articles are numbered as Taiwan's law database writes them,
 *   `第 1 條` (Arabic numerals between spaces), at the start of a line; or
 * - it is written with 條 and cites 項 above 款 — `第二項第一款`, Taiwan's
 *   paragraph then item — where a mainland text, in traditional
 *   characters too (Hong Kong, Macau, the traditional seeds), cites 款
 *   above 項 (`第二款第一項`).  The more frequent order wins; none, or a
 *   tie, is not Taiwan.
 */
#include <string.h>

#include "load/md.h"
#include "number/cnnum.h"
#include "text/text.h"

/* "第 12 條" or "第 12-1 條" at s (the bytes after 第 given). */
static int
arabic_article_at(const char *s, size_t n)
{
	size_t i = 0;

	if (i >= n || s[i] != ' ')
		return 0;
	i++;
	if (i >= n || s[i] < '0' || s[i] > '9')
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i + 1 < n && s[i] == '-' && s[i + 1] >= '0' && s[i + 1] <= '9')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
	return i < n && s[i] == ' ' && rb_prefix(s + i + 1, n - i - 1, "條") > 0;
}

/* Chinese numerals after 第 in a citation: 第二十三項. */
static size_t
numeral_run(const char *s, size_t n)
{
	int v;
	unsigned flags;
	size_t k = rb_cn_parse(s, n, &v, &flags);

	return k && !(flags & RB_NUM_ARABIC) ? k : 0;
}

/* Count citations "UNIT1第N UNIT2" (項第二款 or 款第二項) in s. */
static size_t
cites(const char *s, size_t n, const char *first, const char *second)
{
	char pat[16];
	size_t count = 0, fl = strlen(first), pl, off = 0;
	const char *p;

	memcpy(pat, first, fl);
	memcpy(pat + fl, "第", 4);
	pl = fl + 3;
	while (off < n && (p = rb_memfind(s + off, n - off, pat, pl))) {
		size_t at = (size_t)(p - s) + pl, k = numeral_run(s + at, n - at);

		if (k && rb_prefix(s + at + k, n - at - k, second))
			count++;
		off = (size_t)(p - s) + pl;
	}
	return count;
}

int
md_looks_taiwanese(const char *s, size_t n)
{
	const char *p;
	size_t off = 0;

	if (!rb_memfind(s, n, "條", 3))
		return 0;
	while (off < n && (p = rb_memfind(s + off, n - off, "第 ", 4))) {
		size_t at = (size_t)(p - s);

		if ((at == 0 || s[at - 1] == '\n' || s[at - 1] == ' ') &&
		    arabic_article_at(s + at + 3, n - at - 3))
			return 1;
		off = at + 4;
	}
	return cites(s, n, "項", "款") > cites(s, n, "款", "項");
}

static size_t
skip_spaces(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || rb_prefix(s + i, n - i, "　")))
		i += s[i] == ' ' ? 1 : 3;
	return i;
}

/* A number then its unit (110 年, 十八年, 01 月): the value, 0 when not. */
static int
dated_part(const char *s, size_t n, size_t *i, const char *unit)
{
	int v;
	unsigned fl;
	size_t k, u;

	*i = skip_spaces(s, *i, n);
	if (!(k = rb_cn_parse(s + *i, n - *i, &v, &fl)))
		return 0;
	*i = skip_spaces(s, *i + k, n);
	if (!(u = rb_prefix(s + *i, n - *i, unit)))
		return 0;
	*i += u;
	return v;
}

/* A line of a Taiwanese law's history: the database's 修正日期：民國 110
 * 年 01 月 20 日, or a 沿革 line 1.中華民国十八年五月二十三日國民政府制定公布….
 * The date into iso (民國 N is N + 1911), and where the event's words
 * start and end (修正 of 修正日期, or the words after the date). */
static int
md_taiwan_history(const char *s, char iso[11], const char **event, size_t *event_len)
{
	size_t n = strlen(s), i = 0, k, word = 0, wlen = 0;
	int y, m, d;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i < n && (s[i] == '.' || rb_prefix(s + i, n - i, "、")))
		i += s[i] == '.' ? 1 : 3;	/* 1. of the 沿革 */
	else
		i = 0;
	/* 修正日期：, 公布日期：, 發布日期： */
	{
		const char *colon = strstr(s + i, "日期：");

		if (colon && colon - (s + i) <= 12) {
			word = i;
			wlen = (size_t)(colon - (s + i));
			i = (size_t)(colon - s) + strlen("日期：");
		}
	}
	i = skip_spaces(s, i, n);
	if ((k = rb_prefix(s + i, n - i, "中華民國")) || (k = rb_prefix(s + i, n - i, "中华民国")) ||
	    (k = rb_prefix(s + i, n - i, "民國")) || (k = rb_prefix(s + i, n - i, "民国")))
		i += k;
	else
		return 0;
	if (!(y = dated_part(s, n, &i, "年")) || !(m = dated_part(s, n, &i, "月")) ||
	    !(d = dated_part(s, n, &i, "日")) || m > 12 || d > 31 || y + 1911 > 9999)
		return 0;
	iso[0] = (char)('0' + (y + 1911) / 1000);
	iso[1] = (char)('0' + (y + 1911) / 100 % 10);
	iso[2] = (char)('0' + (y + 1911) / 10 % 10);
	iso[3] = (char)('0' + (y + 1911) % 10);
	iso[4] = '-';
	iso[5] = (char)('0' + m / 10);
	iso[6] = (char)('0' + m % 10);
	iso[7] = '-';
	iso[8] = (char)('0' + d / 10);
	iso[9] = (char)('0' + d % 10);
	iso[10] = '\0';
	if (wlen) {
		*event = s + word;
		*event_len = wlen;
	} else {
		i = skip_spaces(s, i, n);
		*event = s + i;
		*event_len = n - i;
		while (*event_len > 0 && ((*event)[*event_len - 1] == ' ' || (*event)[*event_len - 1] == '\n'))
			--*event_len;
	}
	return 1;
}

int
md_is_taiwan_history(const char *text)
{
	const char *ev;
	size_t n;
	char iso[11];

	return md_taiwan_history(text, iso, &ev, &n);
}

/* The history entry {date, event} of such a line, or NULL. */
rb_value *
md_taiwan_history_entry(const struct md_source *in, const char *text)
{
	rb_document *doc = in->doc;
	rb_value *e, *date, *ev;
	const char *words;
	size_t n;
	char iso[11];

	if (!md_taiwan_history(text, iso, &words, &n))
		return NULL;
	date = rb_value_new(doc, RB_VAL_STRING, "date");
	ev = rb_value_new(doc, RB_VAL_STRING, "event");
	date->str = md_arena_text(in, iso, 10);
	ev->str = md_arena_text(in, words, n);
	e = rb_value_new(doc, RB_VAL_MAP, NULL);
	rb_value_append(e, date);
	rb_value_append(e, ev);
	return e;
}
