/*
 * The sentences of a decision as the NPC drafts them: 一、将第三条修改为：
 * followed by the payload, one paragraph each, every one opening with “
 * and the last closing with ”, quotation marks inside made single;
 * 将第X条中的“A”修改为“B”。, 删去第X条。, 在第X条后增加一条，作为第Y条：,
 * 将第X章的章名修改为“……”。 and the rest of rv_op_kind.  What amend's
 * parser reads (amend_parse.c) is what is written here.
 */
#include <string.h>

#include "rulebook.h"
#include "revise/revise.h"


static void
put_label(rb_buf *b, int number, int insert)
{
	char lab[64];

	rv_article_label(lab, sizeof(lab), number, insert);
	rb_buf_puts(b, lab);
}

static void
put_cn(rb_buf *b, int n)
{
	char num[64];

	if (rb_cn_format(n, 0, num, sizeof(num)))
		rb_buf_puts(b, num);
	else
		rb_buf_printf(b, "%d", n);
}

static void
put_target(rb_buf *b, const rv_target *t)
{
	if (t->preamble) {	/* 序言第七自然段 */
		rb_buf_puts(b, "序言第");
		put_cn(b, t->para);
		rb_buf_puts(b, "自然段");
		return;
	}
	put_label(b, t->article, t->insert);
	if (t->para) {
		rb_buf_puts(b, "第");
		put_cn(b, t->para);
		rb_buf_puts(b, "款");
	}
	if (t->item) {
		rb_buf_puts(b, "第");
		put_cn(b, t->item);
		rb_buf_puts(b, "项");
	}
}

/* Quoted words: quotation marks inside become single ones. */
static void
put_quoted(rb_buf *b, const char *s, int open, int close)
{
	if (open)
		rb_buf_puts(b, "“");
	for (; *s; s++) {
		if (!strncmp(s, "\\\n", 2)) {
			/* a 款's enumeration, one entry a line: a payload
			 * paragraph each, as decisions write them */
			rb_buf_puts(b, "\n\n“");
			s++;
		} else if (!strncmp(s, "“", 3)) {
			rb_buf_puts(b, "‘");
			s += 2;
		} else if (!strncmp(s, "”", 3)) {
			rb_buf_puts(b, "’");
			s += 2;
		} else
			rb_buf_putc(b, *s);
	}
	if (close)
		rb_buf_puts(b, "”");
}

static void
put_payload(rb_buf *b, const rv_amend_op *op)
{
	size_t k;

	for (k = 0; k < op->npayload; k++) {
		rb_buf_puts(b, "\n\n");
		put_quoted(b, op->payload[k], 1, k + 1 == op->npayload);
	}
}

/* 两 (条), 三 (条) … */
static void
put_count(rb_buf *b, int n)
{
	if (n == 2)
		rb_buf_puts(b, "两");
	else
		put_cn(b, n);
}

/* The labels of an operation's articles: 第三条、第四条. */
static void
put_labels(rb_buf *b, const rv_amend_op *op)
{
	size_t k;

	put_label(b, op->new_number, op->new_insert);
	for (k = 0; k + 1 < (size_t)op->articles; k++) {
		rb_buf_puts(b, "、");
		put_label(b, op->more[k], op->more_insert[k]);
	}
}

/* The unit of a heading's label or path (its last): 章, 节, 编. */
static const char *
heading_unit(const char *path)
{
	size_t n = strlen(path);

	if (n >= 3 && !strcmp(path + n - 3, "节"))
		return "节";
	if (n >= 3 && !strcmp(path + n - 3, "编"))
		return "编";
	return "章";
}

static const char *
heading_word(const char *path)
{
	const char *u = heading_unit(path);

	return !strcmp(u, "节") ? "节名" : !strcmp(u, "编") ? "编名" : "章名";
}

void
rv_put_sentence(rb_buf *b, const rv_amend_op *op, int n)
{
	size_t k;

	rb_buf_puts(b, "\n\n");
	put_cn(b, n);
	rb_buf_puts(b, "、");
	switch (op->kind) {
	case RV_OP_REPLACE:
		rb_buf_puts(b, "将");
		put_target(b, &op->t[0]);
		if (op->nt > 1) {	/* merged */
			for (k = 1; k < op->nt; k++) {
				rb_buf_puts(b, k + 1 < op->nt ? "、" : "和");
				put_target(b, &op->t[k]);
			}
			rb_buf_puts(b, "合并");
		} else if (op->articles > 1) {	/* split */
			rb_buf_puts(b, "改为");
			put_count(b, op->articles);
			rb_buf_puts(b, "条，作为");
			put_labels(b, op);
			rb_buf_puts(b, "，");
		}
		rb_buf_puts(b, "修改为：");
		put_payload(b, op);
		return;
	case RV_OP_SUBST:
		rb_buf_puts(b, "将");
		put_target(b, &op->t[0]);
		rb_buf_puts(b, "中的");
		put_quoted(b, op->a, 1, 1);
		rb_buf_puts(b, "修改为");
		put_quoted(b, op->b, 1, 1);
		rb_buf_puts(b, "。");
		return;
	case RV_OP_ADD_WORDS:
		rb_buf_puts(b, "在");
		put_target(b, &op->t[0]);
		rb_buf_puts(b, "中的");
		put_quoted(b, op->a, 1, 1);
		rb_buf_puts(b, op->before ? "前增加" : "后增加");
		put_quoted(b, op->b, 1, 1);
		rb_buf_puts(b, "。");
		return;
	case RV_OP_DELETE_WORDS:
		rb_buf_puts(b, "删去");
		put_target(b, &op->t[0]);
		rb_buf_puts(b, "中的");
		put_quoted(b, op->a, 1, 1);
		rb_buf_puts(b, "。");
		return;
	case RV_OP_DELETE:
		rb_buf_puts(b, "删去");
		for (k = 0; k < op->nt; k++) {
			if (k)
				rb_buf_puts(b, "、");
			put_target(b, &op->t[k]);
		}
		rb_buf_puts(b, "。");
		return;
	case RV_OP_ADD_PARA:
		rb_buf_puts(b, "在");
		put_target(b, &op->t[0]);
		rb_buf_puts(b, "中增加一款，作为第");
		put_cn(b, op->new_number);
		rb_buf_puts(b, "款：");
		put_payload(b, op);
		return;
	case RV_OP_INSERT:
		rb_buf_puts(b, "在");
		put_target(b, &op->t[0]);
		if (op->articles > 1) {
			rb_buf_puts(b, op->before ? "前增加" : "后增加");
			put_count(b, op->articles);
			rb_buf_puts(b, "条，作为");
			put_labels(b, op);
		} else {
			rb_buf_puts(b, op->before ? "前增加一条，作为" : "后增加一条，作为");
			put_label(b, op->new_number, op->new_insert);
		}
		rb_buf_puts(b, "：");
		put_payload(b, op);
		return;
	case RV_OP_MOVE:
		rb_buf_puts(b, "将");
		put_target(b, &op->t[0]);
		rb_buf_puts(b, "移至");
		put_target(b, &op->t[1]);
		rb_buf_puts(b, op->before ? "前，作为" : "后，作为");
		put_label(b, op->new_number, op->new_insert);
		rb_buf_puts(b, "。");
		return;
	case RV_OP_HEADING:
		rb_buf_puts(b, "将");
		rb_buf_puts(b, op->a);
		rb_buf_puts(b, "的");
		rb_buf_puts(b, heading_word(op->a));
		rb_buf_puts(b, "修改为");
		put_quoted(b, op->b, 1, 1);
		rb_buf_puts(b, "。");
		return;
	case RV_OP_DELETE_HEADING:
		rb_buf_puts(b, "删去");
		rb_buf_puts(b, op->a);
		rb_buf_puts(b, "的");
		rb_buf_puts(b, heading_word(op->a));
		rb_buf_puts(b, "。");
		return;
	case RV_OP_ADD_HEADING:
		rb_buf_puts(b, "在");
		put_target(b, &op->t[0]);
		rb_buf_printf(b, "%s增加一%s，作为%s，%s为", op->before ? "前" : "后", heading_unit(op->a),
			      op->a, heading_word(op->a));
		put_quoted(b, op->b, 1, 1);
		rb_buf_puts(b, "。");
		return;
	default:
		return;
	}
}
