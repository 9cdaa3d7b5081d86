/*
 * amend: a decision's operations applied to the flat model of the base
 * text, then the articles numbered anew (a 之N stays an insertion after
 * its base, as 刑法 numbers them), the references of every article no
 * sentence touched made to follow, the numbers the decision states checked
 * against the computed ones, the 题注 line added, and the whole written as
 * canonical Markdown.
 *
 * Targets are found by their old numbers in an index made before any
 * operation, so the order of the sentences does not change what they
 * name.  New articles go into an order list beside the units: after their
 * anchor and after what was inserted after it before them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "i18n.h"
#include "revise/revise.h"

typedef struct amender {
	rv_doc m;
	int *ord;		/* unit indexes in the new order */
	size_t nord, capord;
	size_t norig;		/* units of the base */
	const char *dname;
	rb_diags *d;
	size_t failed;
	char *preamble;
	int headings_changed;
} amender;

static long
find_article(const amender *a, int number, int insert)
{
	size_t i;

	for (i = 0; i < a->norig; i++)
		if (a->m.u[i].kind == RV_ARTICLE && a->m.u[i].number == number &&
		    a->m.u[i].insert == insert)
			return (long)i;
	return -1;
}

/* The preamble a 宪法修正案 names by its paragraphs (序言第七自然段): the
 * heading titled 序言 with its paragraphs under it. */
static long
find_preamble(const amender *a)
{
	size_t i;

	for (i = 0; i < a->norig; i++)
		if (a->m.u[i].kind == RV_HEADING && !*a->m.u[i].label && a->m.u[i].title &&
		    (!strcmp(a->m.u[i].title, "序言") || !strcmp(a->m.u[i].title, "序　言")))
			return (long)i;
	return -1;
}

static long
position(const amender *a, long unit)
{
	size_t k;

	for (k = 0; k < a->nord; k++)
		if (a->ord[k] == unit)
			return (long)k;
	return -1;
}

static void
ord_insert(amender *a, size_t at, int unit)
{
	if (a->nord == a->capord) {
		a->capord = a->capord ? a->capord * 2 : 64;
		a->ord = rb_xrealloc(a->ord, a->capord * sizeof(*a->ord));
	}
	memmove(a->ord + at + 1, a->ord + at, (a->nord - at) * sizeof(*a->ord));
	a->ord[at] = unit;
	a->nord++;
}

static void
ord_remove(amender *a, long unit)
{
	long k = position(a, unit);

	if (k < 0)
		return;
	memmove(a->ord + k, a->ord + k + 1, (a->nord - (size_t)k - 1) * sizeof(*a->ord));
	a->nord--;
}

static void
fail(amender *a, rb_code code, const rv_amend_op *op, const char *fmt, const char *what)
{
	rb_diag_report(a->d, code, a->dname, op->line, op->column, fmt, what);
	a->failed++;
}

static const char *
target_text(const rv_target *t, char *buf, size_t size)
{
	char lab[64];
	int n;

	if (t->preamble) {
		rb_cn_format(t->para, 0, lab, sizeof(lab));
		snprintf(buf, size, "序言第%s自然段", lab);
		return buf;
	}
	rv_article_label(lab, sizeof(lab), t->article, t->insert);
	n = snprintf(buf, size, "%s", lab);
	if (t->para && n > 0 && (size_t)n < size) {
		rb_cn_format(t->para, 0, lab, sizeof(lab));
		n += snprintf(buf + n, size - (size_t)n, "第%s款", lab);
	}
	if (t->item && n > 0 && (size_t)n < size) {
		rb_cn_format(t->item, 0, lab, sizeof(lab));
		snprintf(buf + n, size - (size_t)n, "第%s项", lab);
	}
	return buf;
}

/* Put unit (new or moved) after or before the article anchor. */
static int
place(amender *a, int unit, const rv_amend_op *op, const rv_target *anchor)
{
	long au = find_article(a, anchor->article, anchor->insert), k;
	char buf[128];

	if (au < 0 || (k = position(a, au)) < 0) {
		fail(a, RB_D_AMEND_TARGET, op, "%s is not in the text", target_text(anchor, buf, sizeof(buf)));
		return -1;
	}
	a->m.u[unit].after = op->before ? -1 : (int)au;
	if (op->before) {
		ord_insert(a, (size_t)k, unit);
		return 0;
	}
	for (k++; (size_t)k < a->nord && a->m.u[a->ord[k]].after == (int)au; k++)
		;
	ord_insert(a, (size_t)k, unit);
	return 0;
}

static rb_kind
heading_kind(const char *label)
{
	size_t n = strlen(label);

	if (n >= 3 && !strcmp(label + n - 3, "节"))
		return RB_SECTION;
	if (n >= 3 && !strcmp(label + n - 3, "编"))
		return RB_PART;
	return RB_CHAPTER;
}

static rv_unit *
new_unit(amender *a)
{
	rv_unit *nu;

	if (a->m.n == a->m.cap) {
		a->m.cap = a->m.cap ? a->m.cap * 2 : 64;
		a->m.u = rb_xrealloc(a->m.u, a->m.cap * sizeof(*a->m.u));
	}
	nu = &a->m.u[a->m.n++];
	memset(nu, 0, sizeof(*nu));
	nu->label = rb_xstrdup("");
	nu->title = rb_xstrdup("");
	return nu;
}

/* A heading of the kind its label names, at the depth the base gives
 * that kind (a chapter under no part: 1). */
static void
add_heading(amender *a, const rv_amend_op *op)
{
	const char *label = op->a, *last = label, *p;
	rb_kind kind;
	rv_unit *nu;
	size_t i;
	int level = 0;

	/* the last component of a path names the new heading */
	for (p = label; (p = strstr(p, "第")); p += 3)
		last = p;
	kind = heading_kind(last);
	for (i = 0; i < a->norig && !level; i++)
		if (a->m.u[i].kind == RV_HEADING && a->m.u[i].node_kind == kind)
			level = a->m.u[i].level;
	nu = new_unit(a);
	nu->kind = RV_HEADING;
	nu->node_kind = kind;
	nu->level = level ? level : kind == RB_SECTION ? 2 : 1;
	free(nu->label);
	free(nu->title);
	nu->label = rb_xstrdup(last);
	nu->title = rb_xstrdup(op->b ? op->b : "");
	a->headings_changed = 1;
	place(a, (int)(a->m.n - 1), op, &op->t[0]);
}

/* Chapters numbered on through the document (or their part), sections
 * from 1 in each chapter, once a heading was added or dropped. */
static void
number_headings(amender *a)
{
	int parts = 0, chapters = 0, sections = 0;
	int trad = a->m.doc->profile && a->m.doc->profile->traditional_units;
	size_t k;

	for (k = 0; k < a->nord; k++) {
		rv_unit *x = &a->m.u[a->ord[k]];
		char lab[64];
		int n;

		if (x->kind != RV_HEADING || strncmp(x->label, "第", 3))
			continue;
		if (x->node_kind == RB_PART) {
			n = ++parts;
			sections = 0;
			if (a->m.doc->profile->chapter_restarts_per_part)
				chapters = 0;
		} else if (x->node_kind == RB_CHAPTER) {
			n = ++chapters;
			sections = 0;
		} else if (x->node_kind == RB_SECTION)
			n = ++sections;
		else
			continue;
		rv_heading_label(lab, sizeof(lab), x->node && x->node->unit ? x->node->unit :
				 x->node_kind == RB_SECTION ? (trad ? "節" : "节") :
				 x->node_kind == RB_PART ? (trad ? "編" : "编") : "章", n);
		free(x->label);
		x->label = rb_xstrdup(lab);
	}
}

/* The order op's targets are applied in: as written, but a deletion's
 * 款 and 项 within one article from the last (their old numbers hold). */
static void
order_targets(const rv_amend_op *op, size_t *order)
{
	size_t i, j;

	for (i = 0; i < op->nt; i++)
		order[i] = i;
	if (op->kind != RV_OP_DELETE)
		return;
	for (i = 1; i < op->nt; i++)	/* insertion sort: a few targets */
		for (j = i; j > 0; j--) {
			const rv_target *x = &op->t[order[j - 1]], *y = &op->t[order[j]];
			size_t k;

			if (x->article != y->article || x->insert != y->insert ||
			    x->para > y->para || (x->para == y->para && x->item >= y->item))
				break;
			k = order[j];
			order[j] = order[j - 1];
			order[j - 1] = k;
		}
}

/* Where a new section of a chapter goes: before the section that has its
 * number now, or after the chapter's last unit; -1 when the chapter (with
 * the title quoted) is not in the text.  *level: the section's depth. */
static long
section_at(const amender *a, const rv_amend_op *op, int *level)
{
	size_t i, cl = strstr(op->a, "章") ? (size_t)(strstr(op->a, "章") - op->a) + 3 : 0;
	long c = -1, k;

	for (i = 0; i < a->norig; i++)
		if (a->m.u[i].kind == RV_HEADING && !a->m.u[i].gone && a->m.u[i].path &&
		    strlen(a->m.u[i].path) == cl && !strncmp(a->m.u[i].path, op->a, cl))
			c = (long)i;
	if (c < 0 || (op->lead && strcmp(a->m.u[c].title, op->lead)))
		return -1;
	*level = a->m.u[c].level + 1;
	for (i = 0; i < a->norig; i++)
		if (a->m.u[i].kind == RV_HEADING && !a->m.u[i].gone && a->m.u[i].path &&
		    !strcmp(a->m.u[i].path, op->a)) {
			*level = a->m.u[i].level;
			return position(a, (long)i);
		}
	if ((k = position(a, c)) < 0)
		return -1;
	for (k++; (size_t)k < a->nord; k++) {
		const rv_unit *x = &a->m.u[a->ord[k]];

		if (x->kind == RV_HEADING && x->level <= a->m.u[c].level)
			break;
	}
	return k;
}

/* 增加一节，作为第七节“……”；增加五条，分别作为第A条至第B条。内容如下：the
 * heading, then each article its payload gives (第A条　… to the next
 * label), in the order list from where the section goes. */
static void
add_section(amender *a, const rv_amend_op *op)
{
	int level = 0, made = 0;
	long at = section_at(a, op, &level);
	size_t k, start = 0;
	rv_unit *nu;
	const char *last;

	if (at < 0) {
		fail(a, RB_D_AMEND_TARGET, op, "%s is not in the text", op->a);
		return;
	}
	for (last = op->a; strstr(last + 3, "第"); last = strstr(last + 3, "第"))
		;
	nu = new_unit(a);
	nu->kind = RV_HEADING;
	nu->node_kind = RB_SECTION;
	nu->level = level;
	free(nu->label);
	free(nu->title);
	nu->label = rb_xstrdup(last);
	nu->title = rb_xstrdup(op->b ? op->b : "");
	nu->after = -1;
	ord_insert(a, (size_t)at++, (int)(a->m.n - 1));
	a->headings_changed = 1;
	/* the heading said again opens the payload: not an article's text */
	if (op->npayload && !strncmp(op->payload[0], last, strlen(last)))
		start = 1;
	for (k = start; k <= op->npayload; k++) {
		int v = 0;
		size_t m = k < op->npayload ? rv_ordinal(op->payload[k], "条", &v) : 0;
		const char *p = k < op->npayload ? op->payload[k] : "";

		if (k < op->npayload && !(m && (p[m] == ' ' || rv_lit(p + m, "　"))))
			continue;
		if (k > start) {	/* the article that started at start */
			rv_unit *art = new_unit(a);
			char *first = op->payload[start];
			size_t l = rv_ordinal(first, "条", &art->number), j;
			char **body = rb_xcalloc(k - start + 1, sizeof(char *));

			while (first[l] == ' ' || rv_lit(first + l, "　"))
				l += first[l] == ' ' ? 1 : 3;
			body[0] = first + l;
			for (j = start + 1; j < k; j++)
				body[j - start] = op->payload[j];
			art->kind = RV_ARTICLE;
			art->node_kind = RB_ARTICLE;
			art->level = level + 1;
			art->touched = 1;
			art->after = -1;
			rv_unit_set_payload(art, body, k - start);
			free(body);
			ord_insert(a, (size_t)at++, (int)(a->m.n - 1));
			made++;
		}
		start = k;
	}
	if (made != op->articles)
		fail(a, RB_D_AMEND_TARGET, op, "%s is not in the text", op->a);
}

static void
apply_op(amender *a, const rv_amend_op *op)
{
	size_t i, order[16];
	long u;
	char buf[128];
	const char *why;

	switch (op->kind) {
	case RV_OP_NONE:
	case RV_OP_ORDER:
		return;
	case RV_OP_PREAMBLE:
		free(a->preamble);
		{
			rb_buf b;

			rb_buf_init(&b);
			for (i = 0; i < op->npayload; i++) {
				if (i)
					rb_buf_puts(&b, "\n\n");
				rb_buf_puts(&b, op->payload[i]);
			}
			a->preamble = rb_buf_detach(&b);
		}
		return;
	case RV_OP_TITLE:
		a->m.doc->root->title = rb_arena_strdup(a->m.doc->arena, op->b);
		return;
	case RV_OP_HEADING:
	case RV_OP_DELETE_HEADING:
		for (i = 0; i < a->norig; i++)
			if (a->m.u[i].kind == RV_HEADING && !a->m.u[i].gone && a->m.u[i].path &&
			    !strcmp(a->m.u[i].path, op->a)) {
				if (op->kind == RV_OP_DELETE_HEADING) {
					a->m.u[i].gone = 1;
					ord_remove(a, (long)i);
					a->headings_changed = 1;
					return;
				}
				free(a->m.u[i].title);
				a->m.u[i].title = rb_xstrdup(op->b);
				return;
			}
		fail(a, RB_D_AMEND_TARGET, op, "%s is not in the text", op->a);
		return;
	case RV_OP_ADD_HEADING:
		add_heading(a, op);
		return;
	case RV_OP_ADD_SECTION:
		add_section(a, op);
		return;
	case RV_OP_INSERT: {
		rv_unit *nu = new_unit(a);

		nu->kind = RV_ARTICLE;
		nu->node_kind = RB_ARTICLE;
		nu->number = op->new_number;
		nu->insert = op->new_insert;
		nu->touched = 1;
		rv_unit_set_payload(nu, op->payload, op->npayload);
		if (place(a, (int)(a->m.n - 1), op, &op->t[0]) != 0)
			return;
		/* at the depth of its anchor */
		a->m.u[a->m.n - 1].level = a->m.u[find_article(a, op->t[0].article, op->t[0].insert)].level;
		return;
	}
	case RV_OP_TO_PARA:	/* out of the order now; into its article once numbered */
		if ((u = find_article(a, op->t[0].article, op->t[0].insert)) < 0 || a->m.u[u].gone) {
			fail(a, RB_D_AMEND_TARGET, op, "%s is not in the text", target_text(&op->t[0], buf, sizeof(buf)));
			return;
		}
		a->m.u[u].gone = 1;
		a->m.u[u].to_para = 1;
		ord_remove(a, u);
		return;
	case RV_OP_MOVE:
		if ((u = find_article(a, op->t[0].article, op->t[0].insert)) < 0 || a->m.u[u].gone) {
			fail(a, RB_D_AMEND_TARGET, op, "%s is not in the text", target_text(&op->t[0], buf, sizeof(buf)));
			return;
		}
		ord_remove(a, u);
		a->m.u[u].touched = 1;
		if (place(a, (int)u, op, &op->t[1]) == 0)
			a->m.u[u].level = a->m.u[find_article(a, op->t[1].article, op->t[1].insert)].level;
		return;
	default:
		break;
	}
	/* 删去第七条第二款和第三款: both named by their old numbers, the
	 * later one deleted first so that the earlier does not move it */
	order_targets(op, order);
	for (i = 0; i < op->nt; i++) {
		const rv_target *t = &op->t[order[i]];

		u = t->preamble ? find_preamble(a) : find_article(a, t->article, t->insert);
		if (u < 0 || a->m.u[u].gone) {
			fail(a, RB_D_AMEND_TARGET, op, "%s is not in the text", target_text(t, buf, sizeof(buf)));
			continue;
		}
		if (op->kind == RV_OP_RENUMBER_TO)
			continue;	/* checked with the numbering */
		if (op->kind == RV_OP_DELETE && !t->para && !t->item) {
			a->m.u[u].gone = 1;
			ord_remove(a, u);
			continue;
		}
		if (rv_apply_to_article(&a->m.u[u], op, t, &why) != 0) {
			if (!strcmp(why, "words"))
				fail(a, RB_D_AMEND_TARGET, op, "the quoted words are not in %s",
				     target_text(t, buf, sizeof(buf)));
			else if (!strcmp(why, "stated"))
				fail(a, RB_D_AMEND_TARGET, op,
				     RB_N_("the text the decision states for %s is not what its changes give"),
				     target_text(t, buf, sizeof(buf)));
			else
				fail(a, RB_D_AMEND_TARGET, op, "%s is not in the text", target_text(t, buf, sizeof(buf)));
			continue;
		}
		a->m.u[u].touched = 1;
		if (op->kind == RV_OP_REPLACE && op->articles > 1 && !t->para && !t->item)
			a->m.u[u].split = 1;
	}
}

/* 将第X条改为第Y条第Z款: article X (out of the order since its sentence)
 * added as 款 Z of the article numbered Y once the others are numbered. */
static void
into_paras(amender *a, const rv_amend_op *ops, size_t nops, const int *num, const int *ins)
{
	size_t i, k, j;

	for (i = 0; i < nops; i++) {
		const rv_amend_op *op = &ops[i];
		rv_amend_op add;
		long from = find_article(a, op->t[0].article, op->t[0].insert);
		rv_unit *x = NULL;
		const char *why;

		/* only an article its sentence took out (not one deleted, or
		 * not found, before) */
		if (op->kind != RV_OP_TO_PARA || from < 0 || position(a, from) >= 0 ||
		    !a->m.u[from].to_para)
			continue;
		a->m.u[from].to_para = 0;	/* once, whatever names it again */
		for (k = 0; k < a->nord; k++) {
			x = &a->m.u[a->ord[k]];
			if (x->kind == RV_ARTICLE && num[a->ord[k]] == op->t[1].article && !ins[a->ord[k]])
				break;
		}
		memset(&add, 0, sizeof(add));
		add.kind = RV_OP_ADD_PARA;
		add.new_number = op->t[1].para;
		add.npayload = a->m.u[from].nblocks;
		add.payload = rb_xcalloc(add.npayload + 1, sizeof(char *));
		for (j = 0; j < add.npayload; j++)
			add.payload[j] = a->m.u[from].blocks[j].text;
		if (!x || k == a->nord || rv_apply_to_article(x, &add, &op->t[1], &why) != 0) {
			char buf[128];

			fail(a, RB_D_AMEND_TARGET, op, "%s is not in the text",
			     target_text(&op->t[1], buf, sizeof(buf)));
		} else
			x->touched = 1;
		free(add.payload);
	}
}

/* New numbers: articles in order, a 之N after its base. */
static void
number(amender *a, int *num, int *ins)
{
	size_t k;
	int counter = 0, inserts = 0;

	for (k = 0; k < a->nord; k++) {
		int u = a->ord[k];
		const rv_unit *x = &a->m.u[u];

		if (x->kind != RV_ARTICLE)
			continue;
		if (x->insert > 0 && counter > 0) {
			num[u] = counter;
			ins[u] = ++inserts;
		} else {
			num[u] = ++counter;
			ins[u] = 0;
			inserts = 0;
		}
	}
}

struct renum_ctx {
	const amender *a;
	const int *num, *ins;
};

static int
newnum(void *ctx, const rb_node *art, int *insert)
{
	const struct renum_ctx *c = ctx;
	size_t i;

	for (i = 0; i < c->a->norig; i++)
		if (c->a->m.u[i].node == art) {
			if (c->a->m.u[i].gone)
				return 0;
			*insert = c->ins[i];
			return c->num[i];
		}
	return 0;
}

/* A reference of an article no sentence touched that names an article
 * the decision deletes, or splits in two (which one is meant?), is left
 * as it was: said, at the reference. */
static void
warn_dangling(amender *a, const rv_unit *x)
{
	size_t k, r, i;

	for (k = 0; k < x->nblocks; k++) {
		const rb_node *n = x->blocks[k].node;

		for (r = 0; n && r < n->nrefs; r++) {
			const rb_node *t = n->refs[r].target;

			while (t && t->kind != RB_ARTICLE)
				t = t->parent;
			if (!t || n->refs[r].external)
				continue;
			for (i = 0; i < a->norig; i++)
				if (a->m.u[i].node == t && a->m.u[i].gone) {
					rb_diag_report(a->d, RB_D_XREF_UNRESOLVED, n->file,
						       n->text_line ? n->text_line : n->line, 0,
						       "%.*s in %s names %s, which the decision deletes",
						       (int)n->refs[r].len, n->text + n->refs[r].off, x->label,
						       a->m.u[i].label);
					break;
				} else if (a->m.u[i].node == t && a->m.u[i].split) {
					rb_diag_report(a->d, RB_D_XREF_UNRESOLVED, n->file,
						       n->text_line ? n->text_line : n->line, 0,
						       "%.*s in %s names %s, which the decision splits: "
						       "say which of its articles it means",
						       (int)n->refs[r].len, n->text + n->refs[r].off, x->label,
						       a->m.u[i].label);
					break;
				}
		}
	}
}

/* Each stated number against the computed one. */
static void
check_numbers(amender *a, const rv_amend_op *ops, size_t nops, const long *made, const int *num,
	      const int *ins)
{
	size_t i;

	for (i = 0; i < nops; i++) {
		const rv_amend_op *op = &ops[i];
		long u = -1;
		char want[64], got[64];

		if (op->kind == RV_OP_ADD_SECTION && made[i] >= 0) {
			/* the heading, then its articles */
			int k;

			for (k = 0; k < op->articles && (size_t)made[i] + 1 + k < a->m.n; k++) {
				long au = made[i] + 1 + k;
				int want_n = k ? op->more[k - 1] : op->new_number;

				if (num[au] == want_n && !ins[au])
					continue;
				rv_article_label(want, sizeof(want), want_n, 0);
				rv_article_label(got, sizeof(got), num[au], ins[au]);
				rb_diag_report(a->d, RB_D_AMEND_NUMBER, a->dname, op->line, op->column,
					       "the decision says %s, the article comes out as %s", want, got);
				a->failed++;
			}
			continue;
		}
		if (op->kind == RV_OP_INSERT)
			u = made[i];
		else if (op->kind == RV_OP_MOVE || op->kind == RV_OP_RENUMBER_TO)
			u = find_article(a, op->t[0].article, op->t[0].insert);
		if (u < 0 || (size_t)u >= a->m.n || !op->new_number || position(a, u) < 0)
			continue;
		if (num[u] == op->new_number && ins[u] == op->new_insert)
			continue;
		rv_article_label(want, sizeof(want), op->new_number, op->new_insert);
		rv_article_label(got, sizeof(got), num[u], ins[u]);
		rb_diag_report(a->d, RB_D_AMEND_NUMBER, a->dname, op->line, op->column,
			       "the decision says %s, the article comes out as %s", want, got);
		a->failed++;
	}
}

/* The 题注 line: the decision's date and body, from its head. */
static int
history_of(const char *text, size_t len, char *date, size_t dsize, rb_buf *event)
{
	const char *t = text, *end = text + len, *nl;
	int y, mo, dd;
	char title[512] = "";

	for (; t < end; t = nl + 1) {
		nl = memchr(t, '\n', (size_t)(end - t));
		if (!nl)
			nl = end;
		if (!strncmp(t, "# ", 2) && !*title && (size_t)(nl - t - 2) < sizeof(title))
			snprintf(title, sizeof(title), "%.*s", (int)(nl - t - 2), t + 2);
		if (*t >= '0' && *t <= '9' && sscanf(t, "%d年%d月%d日", &y, &mo, &dd) == 3 && y > 1900) {
			const char *sp = memchr(t, ' ', (size_t)(nl - t));

			if (!sp || !*title)
				return 0;
			snprintf(date, dsize, "%04d-%02d-%02d", y % 10000, mo % 100, dd % 100);
			/* a title inside 《》 has its own 《》 as 〈〉 */
			rb_buf_printf(event, "%.*s的《", (int)(nl - sp - 1), sp + 1);
			for (char *q = title; *q; q++) {
				if (!strncmp(q, "《", 3) || !strncmp(q, "》", 3)) {
					rb_buf_puts(event, q[2] == "《"[2] ? "〈" : "〉");
					q += 2;
				} else
					rb_buf_putc(event, *q);
			}
			rb_buf_puts(event, "》");
			return 1;
		}
		if (!strncmp(t, "<!-- INFO END -->", 17))
			return 0;
	}
	return 0;
}

size_t
rv_amend(rb_document *base, const char *dname, const char *decision, size_t len,
	 const char *target, rb_buf *out, rb_diags *d)
{
	amender a;
	rv_amend_op *ops = NULL;
	size_t nops, i, k, errors0 = d->errors;
	int *num, *ins;
	long *made;
	const rb_node *like = NULL;
	struct renum_ctx rc;
	rv_unit *nu;
	char date[48];
	rb_buf event;
	int has_history;

	memset(&a, 0, sizeof(a));
	a.dname = dname;
	a.d = d;
	rv_doc_build(&a.m, base);
	a.norig = a.m.n;
	for (i = 0; i < a.m.n; i++)
		ord_insert(&a, a.nord, (int)i);
	nops = rv_parse_decision(dname, decision, len, target ? target : rb_document_title(base), &ops, d);
	made = rb_xmalloc((nops + 1) * sizeof(*made));
	for (i = 0; i < nops; i++) {
		size_t before = a.m.n;

		apply_op(&a, &ops[i]);
		made[i] = a.m.n > before ? (long)before : -1;
	}
	num = rb_xcalloc(a.m.n + 1, sizeof(int));
	ins = rb_xcalloc(a.m.n + 1, sizeof(int));
	number(&a, num, ins);
	into_paras(&a, ops, nops, num, ins);
	if (a.headings_changed)
		number_headings(&a);
	check_numbers(&a, ops, nops, made, num, ins);
	/* labels in the base's units and numerals (第十條 stays traditional) */
	for (i = 0; i < a.norig && !like; i++)
		if (a.m.u[i].kind == RV_ARTICLE)
			like = a.m.u[i].node;
	/* untouched articles: references follow; every article its label */
	rc.a = &a;
	rc.num = num;
	rc.ins = ins;
	for (k = 0; k < a.nord; k++) {
		rv_unit *x = &a.m.u[a.ord[k]];
		char lab[64];

		if (x->kind != RV_ARTICLE)
			continue;
		if (!x->touched)
			warn_dangling(&a, x);
		if (!x->touched)
			for (i = 0; i < x->nblocks; i++) {
				char *s = rv_block_text_renumbered(x, i, newnum, &rc);

				free(x->blocks[i].text);
				x->blocks[i].text = s;
			}
		rv_label_like(lab, sizeof(lab), like, num[a.ord[k]], ins[a.ord[k]]);
		free(x->label);
		x->label = rb_xstrdup(lab);
	}
	/* the units in the new order */
	nu = rb_xmalloc((a.nord + 1) * sizeof(*nu));
	for (k = 0; k < a.nord; k++) {
		nu[k] = a.m.u[a.ord[k]];
		a.m.u[a.ord[k]].blocks = NULL;
		a.m.u[a.ord[k]].nblocks = 0;
		a.m.u[a.ord[k]].label = a.m.u[a.ord[k]].title = a.m.u[a.ord[k]].path = NULL;
	}
	{
		rv_doc old = a.m;	/* what moved out was taken from it */

		a.m.u = nu;
		a.m.n = a.m.cap = a.nord;
		rv_doc_free(&old);
	}
	rb_buf_init(&event);
	has_history = history_of(decision, len, date, sizeof(date), &event);
	rv_doc_markdown(&a.m, a.preamble, has_history ? date : NULL,
				has_history ? event.data : NULL, out);
	rb_buf_free(&event);
	for (i = 0; i < nops; i++)
		rv_op_free(&ops[i]);
	free(ops);
	free(num);
	free(ins);
	free(made);
	free(a.ord);
	free(a.preamble);
	rv_doc_free(&a.m);
	return d->errors - errors0;
}
