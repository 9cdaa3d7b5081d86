/*
 * What a source lost, named once where it stands rather than as the
 * gaps and restarts it leaves behind: a heading's number (## 法律责任
 * where 第六章 is due), a chapter's whole heading (its articles read as
 * the chapter's before), an item's label (a paragraph where （七） is
 * due, then （八）), a heading's marks (二、导弹 among ## 一、火炮 and
 * ## 三、弹药).  And what only looks like a label: a paragraph
 * that begins by citing items (（一）至（三）项所列人员…).
 */
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/text.h"
#include "tree/node.h"
#include "util.h"
#include "check/check.h"

/* Item x opens a list below an unlabelled paragraph, with the number
 * after the one due there ((六), a paragraph, (八)): the paragraph lost
 * its label.  Said once, at the paragraph. */
int
rb_lost_label(rb_diags *d, const rb_node *x)
{
	const rb_node *p = x->parent;

	const char *due;
	uint32_t c0, c1;

	if (x->kind != RB_ITEM || x->prev || p->kind != RB_PARAGRAPH || !p->prev ||
	    p->prev->kind != RB_ITEM || p->prev->number != x->number - 2 || !p->text)
		return 0;
	due = rb_check_label(x, x->number - 1, 0);
	/* 四 、…: the label is there, written so that it is not read */
	rb_utf8_decode(p->text, strlen(p->text), &c0);
	if (rb_utf8_decode(due, strlen(due), &c1) && (c0 == c1 || (c1 == 0xFF08 && strlen(due) > 3 &&
						rb_utf8_decode(due + 3, strlen(due) - 3, &c1) && c0 == c1)))
		rb_diag_report(d, RB_D_NUMBERING_GAP, p->file, p->line, p->column,
			       "expected %s, found a paragraph whose label is not written as %s",
			       due, due);
	else
		rb_diag_report(d, RB_D_NUMBERING_GAP, p->file, p->line, p->column,
			       "expected %s, found a paragraph without a label: did you mean %s%s?",
			       due, due, p->text);
	return 1;
}

/* Is item x written as a heading (## 一、火炮: a title, no text)? */
static int
headed(const rb_node *x)
{
	return x->title && *x->title && (!x->text || !*x->text);
}

/* Are x's words those of a heading: short, no pause in them? */
static int
heading_words(const char *t)
{
	static const char *const pauses[] = {"。", "，", "；", "：", ".", ";", ":", NULL};
	size_t k;

	if (!t || !*t || rb_utf8_count(t, strlen(t)) > 30 || strchr(t, '\n'))
		return 0;
	for (k = 0; pauses[k]; k++)
		if (strstr(t, pauses[k]))
			return 0;
	return 1;
}

void
rb_lost_heading_marks(rb_diags *d, rb_node *const *v, size_t n)
{
	const rb_node *model = NULL;
	size_t i, heads = 0;

	for (i = 0; i < n; i++)
		if (v[i]->kind == RB_ITEM && headed(v[i])) {
			heads++;
			if (!model)
				model = v[i];
		}
	if (heads < 2)
		return;
	for (i = 0; i < n; i++) {
		const rb_node *x = v[i];

		if (x->kind != RB_ITEM || x->style != model->style || !x->label[0] || !x->first ||
		    (x->title && *x->title) || !heading_words(x->text))
			continue;
		rb_diag_report(d, RB_D_NUMBERING_STYLE, x->file, x->line, x->column,
			       "%s%s is written as a paragraph where its siblings are headings (%s%s): "
			       "write it as a heading as they are", x->label, x->text, model->label,
			       model->title);
	}
}

/* Chapter x follows a heading without a number where the chapter
 * skipped was due (## 法律责任 between 第二章 and 第四章): the heading
 * lost its number.  Said there. */
int
rb_lost_number(rb_diags *d, const rb_node *x, const rb_node *prev, int want)
{
	const rb_node *h;

	if (x->kind != RB_CHAPTER && x->kind != RB_SECTION)
		return 0;
	for (h = x->prev; h && h != prev; h = h->prev)
		if (h->kind == RB_HEADING && (!h->label || !*h->label) && h->title && *h->title) {
			rb_diag_report(d, RB_D_NUMBERING_GAP, h->file, h->line, h->column,
				       "expected %s, found a heading without a number: did you mean "
				       "%s %s?", rb_check_label(x, want, 0), rb_check_label(x, want, 0), h->title);
			return 1;
		}
	return 0;
}

/* Chapter x follows where chapter want was due, and articles stand
 * between (before x, at the start): want's heading is missing, the
 * articles under it read as the chapter's before.  Said once, with the
 * places that cite the missing chapter as notes. */
int
rb_heading_lost(rb_diags *d, const rb_node *x, int want, int at_start)
{
	const rb_node *a;

	if (x->kind != RB_CHAPTER && x->kind != RB_SECTION)
		return 0;
	if (at_start) {
		for (a = x->prev; a && a->kind != RB_ARTICLE; a = a->prev)
			;
	} else {
		for (a = x->prev; a && a->kind != x->kind; a = a->prev)
			;
		a = a && a->last && a->last->kind == RB_ARTICLE ? a->last : NULL;
	}
	if (!a)
		return 0;
	if (at_start)
		rb_diag_report(d, RB_D_NUMBERING_GAP, x->file, x->line, x->column,
			       "expected %s, found %s: the heading of %s is missing (the articles "
			       "before it stand in none)", rb_check_label(x, want, 0), x->label,
			       rb_check_label(x, want, 0));
	else
		rb_diag_report(d, RB_D_NUMBERING_GAP, x->file, x->line, x->column,
			       "expected %s, found %s: the heading of %s is missing (the articles "
			       "before it are read as the previous one's)", rb_check_label(x, want, 0),
			       x->label, rb_check_label(x, want, 0));
	rb_note_citations(d, x->doc->root, rb_check_label(x, want, 0));
	return 1;
}

/* Is item n's "label" the start of a reference its paragraph begins
 * with (（一）至（三）项所列人员, （四）、（五）项所列人员)? */
int
rb_cites_items(const rb_node *n)
{
	static const char *const joins[] = {"至", "到", "、", "和"};
	static const char *const after_unit[] = {"所", "规", "的", "中", "情", "行", "之"};
	const char *t = n->text;
	size_t k, len;
	int v, unit;
	unsigned fl;

	if (n->kind != RB_ITEM || !t || !t[0] || !t[1] || !t[2])
		return 0;
	/* 至（三）项, 、（五）项: the next member of a range or list */
	for (k = 0; k < sizeof(joins) / sizeof(joins[0]); k++)
		if (!memcmp(t, joins[k], 3)) {
			len = strnlen(t, 16);	/* only its first words matter */
			return rb_prefix(t + 3, len - 3, "（") || rb_prefix(t + 3, len - 3, "(") ||
			    rb_cn_parse(t + 3, len - 3, &v, &fl) > 0;
		}
	/* 项所列, 项规定: the unit of the label, read on (not 项目) */
	unit = !memcmp(t, "项", 3) || !memcmp(t, "項", 3);
	for (k = 0; unit && t[3] && k < sizeof(after_unit) / sizeof(after_unit[0]); k++)
		if (!strncmp(t + 3, after_unit[k], 3))
			return 1;
	return 0;
}


/* Item x opens a list below an unlabelled paragraph and goes on with
 * the item just before that paragraph (一、…, a paragraph of its own
 * inside it, 二、…): one list, the paragraph the first item's. */
int
rb_list_goes_on(const rb_node *x)
{
	const rb_node *p = x->parent, *before;

	if (x->kind != RB_ITEM || x->prev || p->kind != RB_PARAGRAPH || !p->prev)
		return 0;
	/* the item before the paragraph: its sibling, or the last item of a
	 * list under the paragraph before it (附件2 / 需要获得…的物质：
	 * / 一、…：（一）…（九） / 但无害的…除外。 / 二、…) */
	before = p->prev;
	if (before->kind == RB_PARAGRAPH && before->last && before->last->kind == RB_ITEM)
		before = before->last;
	return before->kind == RB_ITEM && before->number == x->number - 1 && before->style == x->style;
}

/* A lone 二、… closing an article, with an article after it and no
 * pause in its words: a group heading (二、破产案件的处理) that the
 * articles of a judicial interpretation stand under, not an item. */
int
rb_group_heading(rb_node *const *v, size_t n)
{
	const rb_node *x = n == 1 ? v[0] : NULL;
	static const char *const pauses[] = {"，", "。", "；", "："};
	size_t k;

	if (!x || x->kind != RB_ITEM || x->style != RB_STYLE_CN_DUN || x->next || !x->text ||
	    x->parent->kind != RB_ARTICLE || !x->parent->next || x->parent->next->kind != RB_ARTICLE)
		return 0;
	for (k = 0; k < sizeof(pauses) / sizeof(pauses[0]); k++)
		if (strstr(x->text, pauses[k]))
			return 0;
	return 1;
}
