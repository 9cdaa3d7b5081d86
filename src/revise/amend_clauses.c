/*
 * The sentences of 宪法修正案 that say several things of one place, read
 * into one operation each (amend_parse.c tries them before the others):
 *
 *   宪法序言第七自然段中“A”修改为“B”；在“C”前增写“D”；“E”后增加“F”。
 *       这一自然段相应修改为：“……”
 *   宪法第二十四条第二款中“A”修改为“B”。这一款相应修改为：“……”
 *   宪法第八十九条“国务院行使下列职权”中第六项“（六）A”修改为“（六）B”；
 *       增加一项，作为第十一项“（十一）……”，第十一项至第二十一项相应改为……
 *   宪法第三章“国家机构”中增加一节，作为第七节“监察委员会”；增加五条，
 *       分别作为第一百二十三条至第一百二十七条。内容如下：（unquoted）
 *   第七节相应改为第八节，第一百二十三条至第一百三十八条相应改为第一百
 *       二十八条至第一百四十三条。
 *
 * A preamble paragraph is named by its number (序言第七自然段).  The text a
 * sentence states its place reads afterwards (这一自然段相应修改为：) is
 * applied last and checked against its changes, which leave the commas
 * around what they insert to it.  Numbers said to change accordingly
 * (相应改为) are checked against those amend computes.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "revise/revise.h"

/* A short name before the target (宪法, 本法): its bytes, or 0. */
static size_t
short_name(const char *s)
{
	size_t i = 0;
	uint32_t cp = 0, last = 0;

	while (i < 6 * 3 && !rv_lit(s + i, "第") && !rv_lit(s + i, "序言")) {
		size_t m;

		if (!(m = rb_utf8_decode(s + i, strlen(s + i), &cp)) || cp < 0x4E00 || cp > 0x9FFF)
			return 0;
		last = cp;
		i += m;
	}
	if (!rv_lit(s + i, "第") && !rv_lit(s + i, "序言"))
		return 0;
	return !i || last == 0x6CD5 /* 法 */ || last == 0x4F8B /* 例 */ || last == 0x5B9A /* 定 */ ? i : 0;
}

/* Past the clause at s that only states numbers (第七项至第十五项相应改为第八
 * 项至第十六项, 第四项、第五项相应改为……): up to the next ； or 。, or 0. */
static size_t
numbers_stated(const char *s)
{
	const char *e = s, *q = strstr(s, "相应改为");

	if (!rv_lit(s, "第") || !q)
		return 0;
	while (*e && !rv_lit(e, "；") && !rv_lit(e, "。")) {
		if (rv_lit(e, "“"))
			return 0;
		e++;
	}
	return q < e ? (size_t)(e - s) : 0;
}

/* 修改为“B” or 修改为：“B” at s: the bytes, B in *b. */
static size_t
changed_to(const char *s, char **b)
{
	size_t m, c, q;

	if (!(m = rv_lit(s, "修改为")))
		return 0;
	c = rv_lit(s + m, "：");
	if (!(q = rv_quoted(s + m + c, b)))
		return 0;
	return m + c + q;
}

static rv_amend_op *
op_at(rv_parser *p, rv_op_kind kind, const rv_line *at, const rv_target *t, const char *lead)
{
	rv_amend_op *op = rv_add(p, kind, at);

	op->t[0] = *t;
	op->nt = 1;
	if (lead)
		op->lead = rb_xstrdup(lead);
	return op;
}

static void
set_payload(rv_amend_op *op, char *text)
{
	op->payload = rb_xcalloc(2, sizeof(char *));
	op->payload[0] = text;
	op->npayload = 1;
}

/* One clause about target t at s: its operation added, the bytes read, or
 * 0. */
static size_t
clause(rv_parser *p, const char *s, const rv_target *t, const char *lead, const rv_line *at)
{
	rv_amend_op *op;
	rv_target it = *t;
	char *a = NULL, *b = NULL;
	size_t i = 0, m, q;
	int v, before;

	if ((m = numbers_stated(s)))
		return m;
	if ((m = rv_ordinal(s, "项", &v)) && (q = rv_quoted(s + m, &a))) {
		/* 第六项“（六）A”修改为“（六）B” */
		if (!(i = changed_to(s + m + q, &b))) {
			free(a);
			return 0;
		}
		it.item = v;
		op = op_at(p, RV_OP_REPLACE, at, &it, lead);
		op->a = a;
		set_payload(op, b);
		return m + q + i;
	}
	if ((m = rv_lit(s, "增加一项"))) {
		/* 增加一项，作为第十一项“（十一）……” */
		i = m;
		if (!(m = rv_as_number(s + i, "项", &v, NULL)))
			return 0;
		i += m;
		i += rv_lit(s + i, "：");
		if (!(q = rv_quoted(s + i, &b)))
			return 0;
		op = op_at(p, RV_OP_ADD_ITEM, at, t, NULL);
		op->a = lead ? rb_xstrdup(lead) : NULL;
		op->new_number = v;
		set_payload(op, b);
		i += q;
		if ((m = rv_lit(s + i, "，")) && (q = numbers_stated(s + i + m)))
			i += m + q;
		return i;
	}
	i = rv_lit(s, "在");
	if (!(q = rv_quoted(s + i, &a)))
		return 0;
	i += q;
	if ((m = changed_to(s + i, &b))) {
		op = op_at(p, RV_OP_SUBST, at, t, NULL);
		op->a = a;
		op->b = b;
		return i + m;
	}
	before = rv_lit(s + i, "前") != 0;
	if ((m = rv_lit(s + i, "前")) || (m = rv_lit(s + i, "后"))) {
		i += m;
		if (((m = rv_lit(s + i, "增写")) || (m = rv_lit(s + i, "增加"))) && (q = rv_quoted(s + i + m, &b))) {
			op = op_at(p, RV_OP_ADD_WORDS, at, t, NULL);
			op->a = a;
			op->b = b;
			op->before = before;
			return i + m + q;
		}
	}
	free(a);
	return 0;
}

/* 这一自然段（这一款、这一条、这一项）相应修改为：“……”: the bytes, or 0. */
static size_t
stated(rv_parser *p, const char *s, const rv_target *t, const rv_line *at)
{
	static const char *const scopes[] = {"这一自然段", "这一款", "这一条", "这一项", "该自然段", "该款", "该条"};
	rv_amend_op *op;
	size_t k, m = 0, c, q;
	char *x = NULL;

	for (k = 0; k < sizeof(scopes) / sizeof(scopes[0]) && !m; k++)
		m = rv_lit(s, scopes[k]);
	if (!m || !(c = rv_lit(s + m, "相应修改为")))
		return 0;
	m += c;
	m += rv_lit(s + m, "：");
	if (!(q = rv_quoted(s + m, &x)))
		return 0;
	op = op_at(p, RV_OP_REPLACE, at, t, NULL);
	op->stated = 1;
	set_payload(op, x);
	return m + q;
}

/* A target named first: 序言第N自然段 or 第X条[第Y款][第Z项]. */
static size_t
place_named(rv_parser *p, const char *s, rv_target *t)
{
	size_t i = short_name(s), m;
	int v;

	memset(t, 0, sizeof(*t));
	if ((m = rv_lit(s + i, "序言"))) {
		if (!(i += m, m = rv_ordinal(s + i, "自然段", &v)))
			return 0;
		t->preamble = 1;
		t->para = v;
		return i + m;
	}
	if (rv_lit(s + i, "第") && rv_heading_path(s + i) && !rv_ordinal(s + i, "条", &v))
		return 0;	/* a chapter: section() */
	return (m = rv_target_at(p, s + i, t)) ? i + m : 0;
}

static int
compound(rv_parser *p, const char *s, const rv_line *at)
{
	rv_target t;
	char *lead = NULL;
	size_t i, m;
	int ok = 0;

	if (!(i = place_named(p, s, &t)))
		return 0;
	if ((m = rv_quoted(s + i, &lead)))
		i += m;
	if (!(m = rv_lit(s + i, "中的")) && !(m = rv_lit(s + i, "中")))
		goto out;
	for (i += m; (m = clause(p, s + i, &t, lead, at)); ) {
		i += m;
		if ((m = rv_lit(s + i, "；")) || (m = rv_lit(s + i, "，")))
			i += m;
		else
			break;
	}
	if (!m && s[i] && !rv_lit(s + i, "。"))
		goto out;
	i += rv_lit(s + i, "。");
	i += stated(p, s + i, &t, at);
	ok = !s[i];
out:
	free(lead);
	return ok;
}

/* 第三章“国家机构”中增加一节，作为第七节“监察委员会”；增加五条，分别作为第一
 * 百二十三条至第一百二十七条。内容如下： */
static int
section(rv_parser *p, const char *s, const rv_line *at, rv_amend_op **made)
{
	rv_amend_op *op;
	size_t i = short_name(s), chl, m, c, q;
	int ch, sec, n, from, to, k;
	char *title = NULL, *name = NULL, lab[32];
	rb_buf path;

	if (!(chl = rv_ordinal(s + i, "章", &ch)))
		return 0;
	rb_buf_init(&path);
	rb_buf_put(&path, s + i, chl);	/* 第三章 */
	i += chl;
	if ((q = rv_quoted(s + i, &title)))
		i += q;
	if (!(m = rv_lit(s + i, "中增加一节")) || !(c = rv_as_number(s + i + m, "节", &sec, NULL)) ||
	    !(q = rv_quoted(s + i + m + c, &name))) {
		free(title);
		rb_buf_free(&path);
		return 0;
	}
	i += m + c + q;
	rb_cn_format(sec, 0, lab, sizeof(lab));
	rb_buf_printf(&path, "第%s节", lab);
	op = rv_add(p, RV_OP_ADD_SECTION, at);
	op->lead = title;
	op->b = name;
	op->a = rb_buf_detach(&path);
	/* ；增加五条，分别作为第A条至第B条 */
	if (!(m = rv_lit(s + i, "；")) || !(c = rv_lit(s + i + m, "增加")) ||
	    !(q = rv_count_articles(s + i + m + c, &n)))
		goto bad;
	i += m + c + q;
	i += rv_lit(s + i, "，");
	if (!(m = rv_lit(s + i, "分别作为")) && !(m = rv_lit(s + i, "作为")))
		goto bad;
	i += m;
	if (!(m = rv_ordinal(s + i, "条", &from)))
		goto bad;
	i += m;
	to = from;
	if ((m = rv_lit(s + i, "至")) && (q = rv_ordinal(s + i + m, "条", &to)))
		i += m + q;
	if (n < 1 || n > 9 || to - from + 1 != n)
		goto bad;
	op->articles = n;
	op->new_number = from;
	for (k = 1; k < n; k++)
		op->more[k - 1] = from + k;
	if (!((m = rv_lit(s + i, "。")) || (m = rv_lit(s + i, "，"))) || !rv_lit(s + i + m, "内容如下："))
		goto bad;
	op->unquoted = 1;
	*made = op;
	return 1;
bad:
	rv_op_free(&p->ops[--p->n]);
	return 0;
}

/* 第七节相应改为第八节，第A条至第B条相应改为第C条至第D条: each article
 * renumbered checked (RENUMBER_TO), the rest read. */
static int
statement(rv_parser *p, const char *s, const rv_line *at)
{
	size_t i = 0;
	int a, b, c, d, k;

	while (s[i]) {
		size_t m, q;

		if ((m = rv_ordinal(s + i, "条", &a))) {
			i += m;
			b = a;
			if ((q = rv_lit(s + i, "至")) && (m = rv_ordinal(s + i + q, "条", &b)))
				i += q + m;
			if (!(m = rv_lit(s + i, "相应改为")) || !(q = rv_ordinal(s + i + m, "条", &c)))
				return 0;
			i += m + q;
			d = c;
			if ((q = rv_lit(s + i, "至")) && (m = rv_ordinal(s + i + q, "条", &d)))
				i += q + m;
			if (b - a != d - c || b < a)
				return 0;
			for (k = 0; k <= b - a; k++) {
				rv_amend_op *op = rv_add(p, RV_OP_RENUMBER_TO, at);

				op->t[0].article = a + k;
				op->nt = 1;
				op->new_number = c + k;
			}
		} else if (rv_lit(s + i, "第")) {
			/* a heading's or items' new numbers: what amend numbers */
			const char *e = strstr(s + i, "相应改为");

			if (!e)
				return 0;
			i = (size_t)(e - s) + strlen("相应改为");
			while (s[i] && !rv_lit(s + i, "，") && !rv_lit(s + i, "；") && !rv_lit(s + i, "。"))
				i++;
		} else
			return 0;
		if ((m = rv_lit(s + i, "，")) || (m = rv_lit(s + i, "；")) || (m = rv_lit(s + i, "。")))
			i += m;
		else if (s[i])
			return 0;
	}
	return 1;
}

int
rv_states_numbers(const char *s)
{
	return rv_lit(s, "第") && strstr(s, "相应改为") && !strstr(s, "“");
}

int
rv_clauses(rv_parser *p, const char *s, const rv_line *at, rv_amend_op **made)
{
	size_t n0 = p->n;

	if (!strstr(s, "自然段") && !strstr(s, "相应修改为") && !strstr(s, "”中第") &&
	    !strstr(s, "中增加一节") && !rv_states_numbers(s))
		return 0;
	if ((rv_states_numbers(s) && statement(p, s, at)) || section(p, s, at, made) ||
	    compound(p, s, at))
		return 1;
	while (p->n > n0)
		rv_op_free(&p->ops[--p->n]);
	*made = NULL;
	return 0;
}

/* Does a paragraph of a decision start its next sentence (第三十三条　宪法……,
 * 第七节相应改为……, 一、……), so an unquoted payload ends before it? */
static int
next_sentence(const char *s)
{
	size_t m, q = 0;
	int v;

	if (s[0] == '#' || rv_states_numbers(s) || rv_lit(s, "此外") || rv_lit(s, "本修正案"))
		return 1;
	if ((m = rv_number(s, &v)) && rv_lit(s + m, "、"))
		return 1;
	if (!(m = rv_ordinal(s, "条", &v)))
		return 0;
	while (s[m + q] == ' ' || rv_lit(s + m + q, "　"))
		q += s[m + q] == ' ' ? 1 : 3;
	return q && rv_lit(s + m + q, "宪法");
}

void
rv_unquoted_payload(rv_amend_op *op, const rv_line *ps, size_t np, size_t *k)
{
	while (*k + 1 < np) {
		char *s = rb_xstrndup(ps[*k + 1].s, ps[*k + 1].len);

		if (next_sentence(s)) {
			free(s);
			return;
		}
		op->payload = rb_xrealloc(op->payload, (op->npayload + 2) * sizeof(char *));
		op->payload[op->npayload++] = s;
		(*k)++;
	}
}
