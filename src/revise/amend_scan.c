/*
 * The small scanners a decision's sentences are read with (amend_parse.c):
 * literals, numbers, 第N条[之M][第N款][第N项] with a law's short name
 * before it, “quoted words”, heading paths, 作为第Y条 — over UTF-8, each
 * returning the bytes it read, 0 when the text is not what it reads.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "revise/revise.h"
#include "text/utf8.h"


/* ---- small scanners over UTF-8 ---- */

size_t
rv_lit(const char *s, const char *l)
{
	size_t n = strlen(l);

	return strncmp(s, l, n) ? 0 : n;
}

/* A number, Chinese or Arabic, at s. */
size_t
rv_number(const char *s, int *v)
{
	unsigned fl;

	return rb_cn_parse(s, strlen(s), v, &fl);
}

/* 第N<unit>: the bytes, or 0. */
size_t
rv_ordinal(const char *s, const char *unit, int *v)
{
	size_t i = 0, m;

	if ((m = rv_lit(s, "第")))
		i += m;
	else if (strcmp(unit, "条"))
		return 0;	/* a missing 第 is tolerated for articles only */
	if (!(m = rv_number(s + i, v)))
		return 0;
	i += m;
	while (s[i] == ' ')
		i++;
	if (!(m = rv_lit(s + i, unit)))
		return 0;
	return i + m;
}

/* A target: [a law's short name]第N条[之M][第N款][第N项], 该条, or
 * 序言第N自然段. */
size_t
rv_target_at(rv_parser *p, const char *s, rv_target *t)
{
	size_t i = 0, m, k;
	int v;

	memset(t, 0, sizeof(*t));
	if ((m = rv_lit(s, "序言")) && (k = rv_ordinal(s + m, "自然段", &v))) {
		t->preamble = 1;	/* 序言第七自然段: a paragraph of the preamble */
		t->para = v;
		return m + k;
	}
	if ((m = rv_lit(s, "该条"))) {
		*t = p->last;
		t->para = t->item = 0;
		i = m;
	} else {
		/* 刑法第…, 本法第…: a name of a few characters before 第 */
		for (k = 0; k < 8 * 3 && !rv_lit(s + k, "第");) {
			uint32_t c;
			size_t l = rb_utf8_decode(s + k, strnlen(s + k, 4), &c);

			if (!l || !rb_cp_ideograph(c))
				break;
			k += l;
		}
		if (!rv_lit(s + k, "第") || k > 6 * 3)
			k = 0;
		if (!(m = rv_ordinal(s + k, "条", &t->article)))
			return 0;
		i = k + m;
		if ((m = rv_lit(s + i, "之")) && (k = rv_number(s + i + m, &t->insert)))
			i += m + k;
		p->last = *t;
	}
	if ((m = rv_ordinal(s + i, "款", &v))) {
		t->para = v;
		i += m;
	}
	if ((m = rv_ordinal(s + i, "项", &v))) {
		t->item = v;
		i += m;
	}
	return i;
}

rv_amend_op *
rv_add(rv_parser *p, rv_op_kind kind, const rv_line *at)
{
	rv_amend_op *op;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->ops = rb_xrealloc(p->ops, p->cap * sizeof(*p->ops));
	}
	op = &p->ops[p->n++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->line = at->line;
	op->column = 1;
	return op;
}

/* “words” at s: the bytes, the words (single quotation marks inside
 * become double ones again). */
size_t
rv_quoted(const char *s, char **out)
{
	size_t i, m;
	rb_buf b;

	if (!(m = rv_lit(s, "“")))
		return 0;
	rb_buf_init(&b);
	rb_buf_puts(&b, "");
	for (i = m; s[i]; i++) {
		if (rv_lit(s + i, "”")) {
			*out = rb_buf_detach(&b);
			return i + 3;
		}
		if (rv_lit(s + i, "‘")) {
			rb_buf_puts(&b, "“");
			i += 2;
		} else if (rv_lit(s + i, "’")) {
			rb_buf_puts(&b, "”");
			i += 2;
		} else
			rb_buf_putc(&b, s[i]);
	}
	rb_buf_free(&b);
	return 0;
}

/* A heading's path: 第二章, 第二章第一节, 第一编第三章: the bytes, or 0. */
size_t
rv_heading_path(const char *s)
{
	static const char *const units[] = {"编", "分编", "章", "节"};
	size_t i = 0, k, m;
	int v, any = 0;

	for (k = 0; k < 4; k++)
		if ((m = rv_ordinal(s + i, units[k], &v))) {
			i += m;
			any = 1;
		}
	return any ? i : 0;
}

/* Targets separated by 、 and 和 (名称 among them is skipped). */
size_t
rv_targets(rv_parser *p, const char *s, rv_amend_op *op)
{
	size_t i = 0, m;

	for (;;) {
		int v;

		if ((m = rv_lit(s + i, "名称")))
			i += m;
		else if (op->nt < 16 && (m = rv_target_at(p, s + i, &op->t[op->nt])))
			op->nt++, i += m;
		else if (op->nt && op->nt < 16 && (m = rv_ordinal(s + i, "款", &v))) {
			/* 第七条第二款和第三款: 第三款 of the same article */
			op->t[op->nt] = op->t[op->nt - 1];
			op->t[op->nt].para = v;
			op->t[op->nt].item = 0;
			i += m;
			if ((m = rv_ordinal(s + i, "项", &v))) {
				op->t[op->nt].item = v;
				i += m;
			}
			op->nt++;
		} else if (op->nt && op->nt < 16 && op->t[op->nt - 1].item &&
			   (m = rv_ordinal(s + i, "项", &v))) {
			/* 第七条第二款第一项、第三项: of the same 款 */
			op->t[op->nt] = op->t[op->nt - 1];
			op->t[op->nt].item = v;
			i += m;
			op->nt++;
		} else
			return op->nt ? i : 0;
		if ((m = rv_lit(s + i, "、")) || (m = rv_lit(s + i, "和")))
			i += m;
		else
			return i;
	}
}

/* N条 (两条, 三条, 5条): N, and the bytes */
size_t
rv_count_articles(const char *s, int *n)
{
	size_t m;

	if ((m = rv_lit(s, "两")))
		*n = 2;
	else if (!(m = rv_number(s, n)))
		return 0;
	if (!rv_lit(s + m, "条"))
		return 0;
	return m + 3;
}

/* 作为第Y条[之M] / 作为第Y款 / 作为第Y项 */
size_t
rv_as_number(const char *s, const char *unit, int *num, int *ins)
{
	size_t i = 0, m, k;

	if ((m = rv_lit(s, "，")))
		i += m;
	if (!(m = rv_lit(s + i, "作为")))
		return 0;
	i += m;
	if (!(m = rv_ordinal(s + i, unit, num)))
		return 0;
	i += m;
	if (ins && (m = rv_lit(s + i, "之")) && (k = rv_number(s + i + m, ins)))
		i += m + k;
	return i;
}

/* 作为第Y条、第Z条…: the first in new_number, the others in more */
size_t
rv_as_numbers(const char *s, rv_amend_op *op)
{
	size_t i = 0, m;
	int k = 0, v, ins;

	while (k < 9) {
		if (!k) {
			if (!(m = rv_as_number(s, "条", &op->new_number, &op->new_insert)))
				return 0;
		} else {
			size_t j = 0;

			ins = 0;
			if (!(j = rv_lit(s + i, "、")) && !(j = rv_lit(s + i, "和")))
				break;
			if (!(m = rv_ordinal(s + i + j, "条", &v)))
				break;
			m += j;
			if (rv_lit(s + i + m, "之")) {
				size_t q = rv_number(s + i + m + 3, &ins);

				if (q)
					m += 3 + q;
			}
			op->more[k - 1] = v;
			op->more_insert[k - 1] = ins;
		}
		i += m;
		k++;
	}
	return i;
}
