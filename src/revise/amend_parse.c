/*
 * Reading a decision (修改决定, 修正案) into operations.
 *
 * The text is Markdown paragraphs: numbered items (一、 or 1.), each an
 * instruction, its quoted payload in the same paragraph after ：“ or in
 * the paragraphs after it; each payload paragraph opens with “ and only
 * the last closes with ” — the open quotation is tracked, not trusted per
 * line, because real texts drop the opening “ of some lines.  An omnibus
 * decision has one part per amended document (一、修改《……》); only the
 * part naming the target is read.  Closing formulas (本决定自……施行,
 * ……重新公布) are no operations.  What is not understood is reported at
 * its paragraph: amend-syntax, amend-quote.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "i18n.h"
#include "revise/revise.h"

/* Does s open with a target: 第N条, or a law's short name before it
 * (宪法, 本法, 条例: ideographs ending in 法, 例 or 定)?  Not 相应地，将第五条. */
static int
target_opens(const char *s)
{
	size_t i = 0;
	uint32_t cp = 0, last = 0;

	while (i < 6 * 3 && !rv_lit(s + i, "第")) {
		size_t m;

		if (!(m = rb_utf8_decode(s + i, strlen(s + i), &cp)) || cp < 0x4E00 || cp > 0x9FFF)
			return 0;
		last = cp;
		i += m;
	}
	return rv_lit(s + i, "第") && (!i || last == 0x6CD5 /* 法 */ || last == 0x4F8B /* 例 */ ||
				       last == 0x5B9A /* 定 */);
}

/* 后增写一句 (后, 末尾, 最后; 增写, 增加): the bytes, or 0. */
static size_t
added_sentence(const char *s)
{
	size_t i, m;

	if (!(i = rv_lit(s, "后")) && !(i = rv_lit(s, "末尾")) && !(i = rv_lit(s, "最后")))
		return 0;
	if (!(m = rv_lit(s + i, "增写一句")) && !(m = rv_lit(s + i, "增加一句")))
		return 0;
	return i + m;
}

/* 改为第Y条第Z款 after a target t: the op, or NULL. */
static rv_amend_op *
to_para(rv_parser *p, const char *s, const rv_target *t, const rv_line *at)
{
	rv_amend_op *op;
	size_t m, r;
	int y, z;

	if (!(m = rv_lit(s, "改为")) || !(r = rv_ordinal(s + m, "条", &y)) ||
	    !rv_ordinal(s + m + r, "款", &z))
		return NULL;
	op = rv_add(p, RV_OP_TO_PARA, at);
	op->t[0] = *t;
	op->t[1].article = y;
	op->t[1].para = z;
	op->nt = 2;
	return op;
}

/* Sentences that open with their target, as 宪法修正案 words them:
 * 宪法第十条第四款“……”修改为：“……” (the old text quoted, and checked),
 * 宪法第一条第二款“……”后增写一句，内容为：, 宪法第六十二条“……”中增加一项，
 * 作为第七项“……”, 宪法第X条中“A”修改为“B”, 宪法第X条增加一款：, and
 * 第X条后增写一句，内容为：, 第X条改为第Y条第Z款.  1, or 0 when s is none
 * of them. */
static int
target_first(rv_parser *p, const char *s, const rv_line *at, rv_amend_op **made)
{
	rv_amend_op *op;
	rv_target t;
	size_t i, m, q;
	char *old = NULL;

	if (!target_opens(s) || !(i = rv_target_at(p, s, &t)))
		return 0;
	if ((m = rv_lit(s + i, "：")) && rv_lit(s + i + m, "“"))
		i += m;
	if ((q = rv_quoted(s + i, &old))) {
		i += q;
		if (added_sentence(s + i)) {	/* 宪法第一条第二款“……”后增写一句 */
			op = *made = rv_add(p, RV_OP_ADD_SENTENCE, at);
			op->t[0] = t;
			op->nt = 1;
			op->a = old;
			return 1;
		}
		if ((m = rv_lit(s + i, "中增加一项"))) {
			/* 宪法第六十二条“……”中增加一项，作为第七项“（七）……” */
			op = rv_add(p, RV_OP_ADD_ITEM, at);
			op->t[0] = t;
			op->nt = 1;
			op->a = old;
			i += m;
			i += rv_as_number(s + i, "项", &op->new_number, NULL);
			i += rv_lit(s + i, "：");
			op->payload = rb_xcalloc(2, sizeof(char *));
			if (!op->new_number || !rv_quoted(s + i, &op->payload[0])) {
				rv_op_free(&p->ops[--p->n]);
				return 0;
			}
			op->npayload = 1;
			return 1;
		}
		if (!(m = rv_lit(s + i, "修改为"))) {
			free(old);
			return 0;
		}
		op = rv_add(p, RV_OP_REPLACE, at);
		op->t[0] = t;
		op->nt = 1;
		op->a = old;
		i += m;
		if (rv_lit(s + i, "：")) {
			*made = op;	/* the payload after ：“ or below */
			return 1;
		}
		op->payload = rb_xcalloc(2, sizeof(char *));
		if (!rv_quoted(s + i, &op->payload[0])) {
			rv_op_free(&p->ops[--p->n]);
			return 0;
		}
		op->npayload = 1;
		return 1;
	}
	if ((m = rv_lit(s + i, "中的")) || (m = rv_lit(s + i, "中"))) {
		char *a = NULL, *b = NULL;

		i += m;
		if (!(q = rv_quoted(s + i, &a)) || !(m = rv_lit(s + i + q, "修改为")) ||
		    !rv_quoted(s + i + q + m + rv_lit(s + i + q + m, "："), &b)) {
			free(a);
			return 0;
		}
		op = rv_add(p, RV_OP_SUBST, at);
		op->t[0] = t;
		op->nt = 1;
		op->a = a;
		op->b = b;
		return 1;
	}
	if (rv_lit(s + i, "修改为")) {
		op = *made = rv_add(p, RV_OP_REPLACE, at);
		op->t[0] = t;
		op->nt = 1;
		return 1;
	}
	if ((m = rv_lit(s + i, "增加一款")) || (m = rv_lit(s + i, "增加规定"))) {
		op = *made = rv_add(p, RV_OP_ADD_PARA, at);
		op->t[0] = t;
		op->nt = 1;
		rv_as_number(s + i + m, "款", &op->new_number, NULL);
		return 1;
	}
	if (added_sentence(s + i)) {
		op = *made = rv_add(p, RV_OP_ADD_SENTENCE, at);
		op->t[0] = t;
		op->nt = 1;
		return 1;
	}
	return to_para(p, s + i, &t, at) != NULL;
}

/* The instruction of one item; 0 when it is none the parser knows. */
static int
instruction(rv_parser *p, const char *s, const rv_line *at, rv_amend_op **made)
{
	rv_amend_op *op;
	size_t m, i, n_len;
	rv_target t;
	int before, op_count;

	*made = NULL;
	if (strstr(s, "条文顺序作相应调整")) {
		rv_add(p, RV_OP_ORDER, at);
		return 1;
	}
	if (rv_lit(s, "本修正案自") || rv_lit(s, "本决定自") || strstr(s, "重新公布") || rv_lit(s, "根据"))
		return 1;
	if ((m = rv_lit(s, "将引言修改为")) || (m = rv_lit(s, "将序言修改为"))) {
		*made = rv_add(p, RV_OP_PREAMBLE, at);
		return 1;
	}
	if ((m = rv_lit(s, "将名称修改为")) || (m = rv_lit(s, "将题目修改为"))) {
		op = *made = rv_add(p, RV_OP_TITLE, at);
		rv_quoted(s + m, &op->b);
		return 1;
	}
	if (((m = rv_lit(s, "删去")) || (m = rv_lit(s, "删除"))) && (i = rv_heading_path(s + m)) &&
	    rv_lit(s + m + i, "的")) {
		op = rv_add(p, RV_OP_DELETE_HEADING, at);
		op->a = rb_xstrndup(s + m, i);
		return 1;
	}
	if ((m = rv_lit(s, "删去")) || (m = rv_lit(s, "删除"))) {
		op = rv_add(p, RV_OP_DELETE, at);
		if (!(i = rv_targets(p, s + m, op)))
			goto bad;
		if ((i += m, rv_lit(s + i, "中的")) && rv_quoted(s + i + 6, &op->a)) {
			op->kind = RV_OP_DELETE_WORDS;
			return 1;
		}
		return 1;
	}
	if ((m = rv_lit(s, "在"))) {
		if (!(i = rv_target_at(p, s + m, &t)))
			return 0;
		i += m;
		if (rv_lit(s + i, "中的")) {	/* 在第X条中的“A”后增加“B” */
			char *a = NULL, *b = NULL;
			size_t q = rv_quoted(s + i + 6, &a);

			if (!q)
				return 0;
			i += 6 + q;
			before = rv_lit(s + i, "前") != 0;
			if ((!rv_lit(s + i, "后增加") && !rv_lit(s + i, "前增加")) || !rv_quoted(s + i + 9, &b)) {
				free(a);
				free(b);
				return 0;
			}
			op = rv_add(p, RV_OP_ADD_WORDS, at);
			op->t[0] = t;
			op->nt = 1;
			op->a = a;
			op->b = b;
			op->before = before;
			return 1;
		}
		if ((m = rv_lit(s + i, "中增加一款")) || (m = rv_lit(s + i, "中增加一项"))) {
			int item = strstr(s + i, "一项") == s + i + 9;

			op = *made = rv_add(p, item ? RV_OP_ADD_ITEM : RV_OP_ADD_PARA, at);
			op->t[0] = t;
			op->nt = 1;
			i += m;
			rv_as_number(s + i, item ? "项" : "款", &op->new_number, NULL);
			if (strstr(s + i, "将该条修改为")) {
				/* 增加一款……，将该条修改为：the whole article */
				op->kind = RV_OP_REPLACE;
				op->new_number = 0;
			}
			return 1;
		}
		if (added_sentence(s + i)) {	/* 在第X条后增写一句，内容为： */
			op = *made = rv_add(p, RV_OP_ADD_SENTENCE, at);
			op->t[0] = t;
			op->nt = 1;
			return 1;
		}
		before = rv_lit(s + i, "前") != 0;
		if ((rv_lit(s + i, "后增加一") || rv_lit(s + i, "前增加一")) &&
		    (rv_lit(s + i + 12, "章") || rv_lit(s + i + 12, "节") || rv_lit(s + i + 12, "编"))) {
			size_t k = i + 15;

			/* 在第X条前增加一章，作为第Y章，章名为“……” */
			op = rv_add(p, RV_OP_ADD_HEADING, at);
			op->t[0] = t;
			op->nt = 1;
			op->before = before;
			k += rv_lit(s + k, "，");
			if (!(m = rv_lit(s + k, "作为")) || !(i = rv_heading_path(s + k + m)))
				goto bad;
			op->a = rb_xstrndup(s + k + m, i);
			k += m + i;
			while (s[k] && !rv_lit(s + k, "“"))
				k++;
			if (!rv_quoted(s + k, &op->b))
				goto bad;
			return 1;
		}
		if (rv_lit(s + i, "后增加一条") || rv_lit(s + i, "前增加一条")) {
			op = *made = rv_add(p, RV_OP_INSERT, at);
			op->t[0] = t;
			op->nt = 1;
			op->before = before;
			i += 15;
			rv_as_number(s + i, "条", &op->new_number, &op->new_insert);
			op->articles = 1;
			return 1;
		}
		if ((rv_lit(s + i, "后增加") || rv_lit(s + i, "前增加")) && (m = rv_count_articles(s + i + 9, &op_count))) {
			/* 在第X条后增加两条，作为第Y条、第Z条： */
			op = *made = rv_add(p, RV_OP_INSERT, at);
			op->t[0] = t;
			op->nt = 1;
			op->before = before;
			op->articles = op_count;
			rv_as_numbers(s + i + 9 + m, op);
			return 1;
		}
		return 0;
	}
	if ((m = rv_lit(s, "增加")) && (i = rv_count_articles(s + m, &op_count))) {
		/* 增加一条，作为第Y条: after Y - 1 */
		op = *made = rv_add(p, RV_OP_INSERT, at);
		op->articles = op_count;
		if (!rv_as_numbers(s + m + i, op))
			goto bad;
		op->t[0].article = op->new_insert ? op->new_number : op->new_number - 1;
		op->nt = 1;
		return 1;
	}
	if ((m = rv_lit(s, "将"))) {
		/* 将第X章[第Y节]的章名修改为“…” */
		if ((n_len = rv_heading_path(s + m)) && strstr(s + m + n_len, "修改为")) {
			op = rv_add(p, RV_OP_HEADING, at);
			op->a = rb_xstrndup(s + m, n_len);
			if (!rv_quoted(strstr(s + m + n_len, "修改为") + 9, &op->b))
				goto bad;
			return 1;
		}
		op = rv_add(p, RV_OP_REPLACE, at);
		if (!(i = rv_targets(p, s + m, op)))
			goto bad;
		i += m;
		if (rv_lit(s + i, "中的")) {	/* substitution */
			size_t q = rv_quoted(s + i + 6, &op->a);

			if (!q || !rv_lit(s + i + 6 + q, "修改为") || !rv_quoted(s + i + 6 + q + 9, &op->b))
				goto bad;
			op->kind = RV_OP_SUBST;
			return 1;
		}
		if (rv_lit(s + i, "修改为")) {
			*made = op;
			return 1;
		}
		if (op->nt > 1 && rv_lit(s + i, "合并修改为")) {
			/* 将第六条和第七条合并修改为: the others go, the first is
			 * replaced (the replacement last: it takes the payload) */
			rv_target all[16];
			size_t n = op->nt, k;

			memcpy(all, op->t, sizeof(all));
			rv_op_free(&p->ops[--p->n]);
			for (k = 1; k < n; k++) {
				op = rv_add(p, RV_OP_DELETE, at);
				op->t[0] = all[k];
				op->nt = 1;
			}
			op = *made = rv_add(p, RV_OP_REPLACE, at);
			op->t[0] = all[0];
			op->nt = 1;
			return 1;
		}
		if ((m = rv_lit(s + i, "改为")) && (n_len = rv_count_articles(s + i + m, &op_count))) {
			/* 将第三条改为两条，作为第三条、第四条，修改为： */
			op->articles = op_count;
			i += m + n_len;
			i += rv_as_numbers(s + i, op);
			if (!strstr(s + i, "修改为"))
				goto bad;
			*made = op;
			return 1;
		}
		if ((m = rv_lit(s + i, "移至"))) {
			op->kind = RV_OP_MOVE;
			if (!(m = rv_target_at(p, s + i + m, &op->t[1])))
				goto bad;
			i += 6 + m;
			op->nt = 2;
			op->before = rv_lit(s + i, "前") != 0;
			i += 3;
			rv_as_number(s + i, "条", &op->new_number, &op->new_insert);
			return 1;
		}
		if ((m = rv_lit(s + i, "改为"))) {
			int v;
			size_t r;
			rv_target self = op->t[0];

			if (op->nt == 1 && !self.para && !self.item) {
				/* 将第三十九条改为第四十五条第一款 */
				rv_op_free(&p->ops[--p->n]);
				if (to_para(p, s + i, &self, at))
					return 1;
				op = rv_add(p, RV_OP_REPLACE, at);
				op->t[0] = self;
				op->nt = 1;
			}

			if (!(r = rv_ordinal(s + i + m, "条", &v)))
				goto bad;
			op->kind = RV_OP_RENUMBER_TO;
			op->new_number = v;
			i += m + r;
			if ((r = rv_lit(s + i, "，")) && s[i + r]) {
				/* 将第八条改为第十一条，第二项修改为：the rest names
				 * parts of the same article */
				rb_buf rest;
				int ok;

				rb_buf_init(&rest);
				rb_buf_puts(&rest, "将");
				{
					char lab[64];

					rv_article_label(lab, sizeof(lab), self.article, self.insert);
					rb_buf_puts(&rest, lab);
				}
				rb_buf_puts(&rest, s + i + r);
				ok = instruction(p, rest.data, at, made);
				rb_buf_free(&rest);
				return ok;
			}
			return 1;
		}
		goto bad;
	}
	if (rv_clauses(p, s, at, made))
		return 1;
	return target_first(p, s, at, made);
bad:
	rv_op_free(&p->ops[--p->n]);
	return 0;
}

/* The item number at the start of a paragraph (一、 1. 1、): its bytes. */
static size_t
item_number(const char *s)
{
	int v;
	size_t m = rv_number(s, &v), k;

	if (!m)
		return 0;
	if ((k = rv_lit(s + m, "、")) || (k = rv_lit(s + m, ".")) || (k = rv_lit(s + m, "．")))
		return m + k;
	return 0;
}

/* 第三条　宪法第十条……: a 宪法修正案's own article label before its
 * sentence, read as an item number: its bytes and the space after. */
static size_t
amendment_article(const char *s)
{
	size_t m, q = 0;
	int v;

	if (!(m = rv_ordinal(s, "条", &v)) || !rv_lit(s, "第"))
		return 0;
	while (s[m + q] == ' ' || rv_lit(s + m + q, "　"))
		q += s[m + q] == ' ' ? 1 : 3;
	return q && rv_lit(s + m + q, "宪法") ? m + q : 0;
}

/* A sentence that opens with its target (宪法第十条……, 第五条后增写一句)
 * and has a verb amend reads. */
static int
opens_with_target(const char *s)
{
	static const char *const verbs[] = {"修改为", "改为第", "增写一句", "增加一句", "增加一款", "增加规定"};
	rv_parser scratch;
	rv_target t;
	size_t k;

	memset(&scratch, 0, sizeof(scratch));
	if (!target_opens(s) || !rv_target_at(&scratch, s, &t))
		return 0;
	for (k = 0; k < sizeof(verbs) / sizeof(verbs[0]); k++)
		if (strstr(s, verbs[k]))
			return 1;
	return 0;
}

/* A numbered paragraph that reads as an instruction ends any payload,
 * closed or not: a payload's own numbered lines are （一） or plain text. */
static int
starts_sentence(const char *s)
{
	size_t m = item_number(s);

	if (!m && (m = amendment_article(s)))
		return 1;
	if (!m)
		return 0;
	s += m;
	return rv_lit(s, "将") || rv_lit(s, "删") || rv_lit(s, "在") || rv_lit(s, "增加") || rv_lit(s, "此外") ||
	       rv_lit(s, "修改《") || opens_with_target(s);
}

/* The title an omnibus part names, compared loosely (〈〉 as 《》). */
static int
names_target(const char *s, size_t n, const char *title)
{
	char *a = rb_xstrndup(s, n), *na, *nt;
	int yes;

	na = rv_normalise(a);
	nt = rv_normalise(title);
	yes = strstr(na, nt) != NULL;
	free(a);
	free(na);
	free(nt);
	return yes;
}

/* A payload paragraph opening with an article's label (第五条　……):
 * the bytes of the label and the space after it, or 0. */
static size_t
payload_label(const char *s)
{
	size_t m, q;
	int v;

	if (!(m = rv_ordinal(s, "条", &v)))
		return 0;
	if (rv_lit(s + m, "之") && (q = rv_number(s + m + 3, &v)))
		m += 3 + q;
	if (s[m] == ' ')
		q = 1;
	else if (!(q = rv_lit(s + m, "　")))
		return 0;
	while (s[m + q] == ' ' || rv_lit(s + m + q, "　"))
		q += s[m + q] == ' ' ? 1 : 3;
	return m + q;
}

/* The payload of an operation on several articles (改为两条, 增加两条)
 * split at the articles' labels, or one paragraph each; the articles
 * after the first become insertions after it.  0, or -1 when the
 * payload cannot be split. */
static int
spread(rv_parser *p, size_t idx)
{
	rv_amend_op *op = &p->ops[idx];
	size_t k, starts[11], ns = 0, np = op->npayload;
	int labelled = 0, want = op->articles;

	for (k = 0; k < np; k++)
		if (payload_label(op->payload[k]))
			labelled = 1;
	if (!labelled && want <= 1)
		return 0;
	for (k = 0; k < np && ns < 10; k++) {
		size_t l = payload_label(op->payload[k]);

		if ((labelled && l) || (!labelled && want == (int)np) || k == 0)
			starts[ns++] = k;
		if (l)	/* the label goes: the article gets its own */
			memmove(op->payload[k], op->payload[k] + l, strlen(op->payload[k] + l) + 1);
	}
	if ((int)ns != want && want > 1)
		return -1;
	starts[ns] = np;
	for (k = 1; k < ns; k++) {
		rv_amend_op *ins = rv_add(p, RV_OP_INSERT, &(rv_line){NULL, 0, 0});
		size_t j;

		op = &p->ops[idx];	/* add may have moved it */
		ins->line = op->line;
		ins->column = op->column;
		ins->t[0] = op->t[0];
		ins->nt = 1;
		ins->before = op->kind == RV_OP_INSERT && op->before;
		ins->new_number = k - 1 < 8 ? op->more[k - 1] : 0;
		ins->new_insert = k - 1 < 8 ? op->more_insert[k - 1] : 0;
		ins->payload = rb_xcalloc(starts[k + 1] - starts[k] + 1, sizeof(char *));
		for (j = starts[k]; j < starts[k + 1]; j++)
			ins->payload[ins->npayload++] = op->payload[j];
	}
	op = &p->ops[idx];
	op->npayload = starts[1];
	return 0;
}

static void
add_payload(rv_amend_op *op, const char *s, size_t n)
{
	char *w;

	op->payload = rb_xrealloc(op->payload, (op->npayload + 2) * sizeof(char *));
	w = rb_xstrndup(s, n);
	/* quotation marks inside a payload are single ones */
	{
		char *q;

		while ((q = strstr(w, "‘")))
			memcpy(q, "“", 3);
		while ((q = strstr(w, "’")))
			memcpy(q, "”", 3);
	}
	op->payload[op->npayload++] = w;
}

/* s cut to at most 60 bytes at a character's start, for the messages
 * that quote it ('%.60s' would cut a character in two); caller frees. */
static char *
clip60(const char *s)
{
	size_t n = strlen(s);

	if (n > 60)
		for (n = 60; n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; n--)
			;
	return rb_xstrndup(s, n);
}

static void
report_clipped(rb_diags *d, const char *name, unsigned line, const char *fmt, const char *s)
{
	char *c = clip60(s);

	rb_diag_report(d, RB_D_AMEND_SYNTAX, name, line, 1, fmt, c);
	free(c);
}

size_t
rv_parse_decision(const char *name, const char *text, size_t len, const char *target_title,
		  rv_amend_op **ops, rb_diags *d)
{
	rv_parser p;
	rv_line *ps;
	size_t np, k, start = 0, end;
	int omnibus = 0, in_part = 0, found_part = 0;

	memset(&p, 0, sizeof(p));
	p.name = name;
	p.d = d;
	rv_split_paras(text, len, &ps, &np);
	for (k = 0; k < np; k++)	/* the head: title, dates */
		if (ps[k].len == strlen("<!-- INFO END -->") && !memcmp(ps[k].s, "<!-- INFO END -->", ps[k].len))
			start = k + 1;
	for (k = start; k < np; k++) {
		size_t m = item_number(ps[k].s);

		if (m && rv_lit(ps[k].s + m, "修改《"))
			omnibus = 1;
	}
	end = np;
	for (k = start; k < end; k++) {
		const rv_line *pp = &ps[k];
		char *s;
		size_t m = item_number(pp->s), q;
		rv_amend_op *made = NULL;
		const char *colon;

		if (pp->s[0] == '#')
			continue;
		if (omnibus && m && rv_lit(pp->s + m, "修改《")) {
			in_part = names_target(pp->s + m, pp->len - m, target_title);
			found_part |= in_part;
			continue;
		}
		if (omnibus && !in_part)
			continue;
		if (!m)
			m = amendment_article(pp->s);
		s = rb_xstrndup(pp->s + m, pp->len - m);
		if (!m && !rv_lit(s, "此外") && !strstr(s, "条文顺序") && !strstr(s, "本决定") &&
		    !strstr(s, "本修正案") && !rv_lit(s, "将") && !rv_lit(s, "删") && !rv_lit(s, "在") &&
		    !opens_with_target(s) && !rv_states_numbers(s)) {
			/* a preamble (根据……作如下修改：) or a stray line; but a
			 * line that edits (相应地，将…修改为…) and is not read as a
			 * sentence would be an operation lost without a word */
			if (k > start && (strstr(s, "修改为") || strstr(s, "改为") || strstr(s, "删去") ||
					  strstr(s, "增加")))
				report_clipped(d, name, pp->line, RB_N_("'%.60s' is no amendment sentence"), s);
			free(s);
			continue;
		}
		if (!instruction(&p, s, pp, &made)) {
			report_clipped(d, name, pp->line, RB_N_("'%.60s' is no amendment sentence"), s);
			free(s);
			continue;
		}
		/* the payload: after ：“ here, or in the paragraphs after */
		colon = strstr(s, "修改为：") ? strstr(s, "修改为：") + 12 : NULL;
		if (!colon && (colon = strstr(s, "：")))
			colon += 3;
		if (made && made->kind != RV_OP_TITLE) {
			int open = 0, spread_bad;
			unsigned line0 = pp->line;

			if (made->unquoted)	/* 内容如下： then the text itself */
				rv_unquoted_payload(made, ps, end, &k);
			else if (colon && rv_lit(colon, "“")) {
				const char *body = colon + 3;

				q = strlen(body);
				open = 1;
				if (q >= 3 && !strcmp(body + q - 3, "”")) {
					add_payload(made, body, q - 3);
					open = 0;
				} else
					add_payload(made, body, q);
			}
			while (open || (!made->npayload && k + 1 < end && rv_lit(ps[k + 1].s, "“"))) {
				const rv_line *nx;
				const char *b;
				size_t bl;

				if (k + 1 >= end || starts_sentence(ps[k + 1].s))
					break;
				nx = &ps[++k];
				b = nx->s;
				bl = nx->len;
				if (rv_lit(b, "“")) {
					b += 3;
					bl -= 3;
				} else if (!open) {
					k--;
					break;
				}
				open = 1;
				if (bl >= 3 && !memcmp(b + bl - 3, "”", 3)) {
					add_payload(made, b, bl - 3);
					open = 0;
				} else
					add_payload(made, b, bl);
			}
			spread_bad = 0;
			/* 将第三条修改为：“第三条　……”: the article keeps its own label */
			if (!open && made->npayload && made->kind == RV_OP_REPLACE && made->articles <= 1 &&
			    made->nt == 1 && !made->t[0].para && !made->t[0].item &&
			    (q = payload_label(made->payload[0])) > 0)
				memmove(made->payload[0], made->payload[0] + q, strlen(made->payload[0] + q) + 1);
			if (!open && made->npayload && made->kind != RV_OP_ADD_SECTION &&
			    (made->articles > 1 || made->kind == RV_OP_INSERT)) {
				size_t at = (size_t)(made - p.ops);

				spread_bad = spread(&p, at) != 0;
				made = &p.ops[at];	/* rv_add may have moved the operations */
			}
			if (spread_bad) {
				rb_diag_report(d, RB_D_AMEND_SYNTAX, name, line0, 1,
					       "the payload does not say where each of its %d articles starts",
					       made->articles);
				rv_op_free(made);
				made->kind = RV_OP_NONE;
			} else if (open) {
				rb_diag_report(d, RB_D_AMEND_QUOTE, name, line0, 1,
					       "the quotation opened here is never closed");
				rv_op_free(made);
				made->kind = RV_OP_NONE;
			} else if (!made->npayload && made->kind != RV_OP_ORDER) {
				report_clipped(d, name, line0, RB_N_("'%.60s' says what to write but quotes nothing"), s);
				rv_op_free(made);
				made->kind = RV_OP_NONE;
			}
		}
		free(s);
	}
	if (omnibus && !found_part) {
		rb_diag_report(d, RB_D_AMEND_DOCUMENT, name, 1, 1,
			       "the decision amends no document titled %s", target_title);
	}
	free(ps);
	*ops = p.ops;
	return p.n;
}
