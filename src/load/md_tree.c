/*
 * Where the next clause goes.  Divisions nest by keyword (编 above 章
 * above 节) and plain headings by depth; articles sit in the innermost
 * container; items nest by order of appearance, a style met before
 * closing the deeper levels.
 */
#include <string.h>

#include "load/md.h"

rb_node *
md_new_node(struct md_tree *t, rb_kind kind, size_t off)
{
	rb_node *n = rb_node_new(t->in->doc, kind);

	md_locate(t->in, n, off);
	md_comments_to(t, n, RB_COMMENT_BEFORE);	/* the comments just above it */
	t->last_made = n;
	return n;
}

void
md_set_label(struct md_tree *t, rb_node *n, const struct clause_label *lab, size_t off)
{
	n->label_off = off;
	n->label_len = lab->l.len;
	n->number = lab->l.number;
	n->insert = lab->l.insert;
	n->style = lab->l.style;
	n->explicit_number = 1;
	n->explicit_style = 1;
	if (lab->l.unit[0])
		n->unit = rb_arena_strdup(t->in->doc->arena, lab->l.unit);
	if (!strcmp(lab->l.unit, "條") || !strcmp(lab->l.unit, "節") ||
	    !strcmp(lab->l.unit, "編") || !strcmp(lab->l.unit, "分編"))
		t->traditional = 1;
}

void
md_place(struct md_tree *t, rb_node *parent, rb_node *n)
{
	rb_node_append(parent, n);
	t->started = 1;
}

void
md_close_article(struct md_tree *t)
{
	t->quoting = NULL;
	t->quoted = 0;
	t->article = NULL;
	t->anchor = NULL;
	t->nitems = 0;
	t->saved.node = NULL;
}

static void
push(struct md_tree *t, rb_node *n, int rank, int hlevel)
{
	if (t->nstack == MAX_STACK) {
		if (!t->depth_reported++)
			rb_diag_report(t->d, RB_D_INPUT_DEPTH, n->file, n->line, n->column,
				       "headings nested deeper than %d levels", MAX_STACK);
		return;
	}
	t->stack[t->nstack].node = n;
	t->stack[t->nstack].rank = rank;
	t->stack[t->nstack].hlevel = hlevel;
	t->nstack++;
}

/* A division (rank > 0) or a plain heading (rank -1) opens. */
void
md_open_container(struct md_tree *t, rb_node *n, int rank, int hlevel)
{
	md_close_article(t);
	while (t->nstack > 1) {
		const struct cont *top = &t->stack[t->nstack - 1];

		if (rank > 0 ? (top->rank > 0 && top->rank >= rank) ||
				   (top->rank < 0 && top->hlevel >= hlevel)
			     : top->hlevel >= hlevel)
			t->nstack--;
		else
			break;
	}
	md_place(t, md_container(t), n);
	push(t, n, rank, hlevel);
}

void
md_open_article(struct md_tree *t, rb_node *n)
{
	md_close_article(t);
	md_place(t, md_container(t), n);
	t->article = n;
	t->anchor = n;
	if (!t->first_article)
		t->first_article = n;
	t->last_article = n;
}

/* n opens the next item level (none past MAX_ITEMS: deeper items go
 * under the deepest). */
void
md_push_item(struct md_tree *t, rb_node *n, int heading)
{
	if (t->nitems < MAX_ITEMS) {
		t->items[t->nitems].node = n;
		t->items[t->nitems].style = n->style;
		t->items[t->nitems].heading = heading;
		t->nitems++;
	}
}

/* The open item level n (a heading's when heading) is a sibling at: the
 * innermost of its style, for a heading a heading's first; -1 when there
 * is none.  *under is set when n goes below that level's item instead:
 * the item is a heading's and n, not a heading, does not continue it (a
 * list under ## 1. Leave is the heading's own). */
static int
item_level(const struct md_tree *t, const rb_node *n, int heading, int *under)
{
	int k;

	*under = 0;
	if (heading)
		for (k = t->nitems - 1; k >= 0; k--)
			if (t->items[k].heading && t->items[k].style == n->style)
				return k;
	for (k = t->nitems - 1; k >= 0; k--)
		if (t->items[k].style == n->style)
			break;
	if (k >= 0 && !heading && t->items[k].heading && n->style != RB_STYLE_NONE &&
	    (n->number != t->items[k].node->number + 1 || n->insert))
		*under = 1;
	return k;
}

/* Place an item by order of appearance: a style met before closes the
 * deeper levels and continues there; a new style nests one level down,
 * unless its number continues an open level.  heading: n is a heading's. */
void
md_place_item(struct md_tree *t, rb_node *n, int heading)
{
	int k, under;
	rb_node *parent;

	if (!t->anchor)
		t->anchor = md_container(t);
	/* 项 continuing across a 款 inside an article: back to the article */
	if (t->article && t->anchor->kind == RB_PARAGRAPH && t->nitems == 0 && t->saved.node &&
	    n->style == t->saved.style && n->number == t->saved.node->number + 1) {
		t->anchor = t->article;
		t->items[0] = t->saved;
		t->nitems = 1;
	}
	k = item_level(t, n, heading, &under);
	if (under) {
		t->nitems = k + 1;
		md_place(t, t->items[k].node, n);
		md_push_item(t, n, 0);
		return;
	}
	if (k < 0 && n->style != RB_STYLE_NONE && n->number > 1) {
		/* 3、 between 二、 and 四、: a value continuing an open level in
		 * another style is a sibling written wrongly, not a new level
		 * (the check reports numbering-style); the level keeps its style */
		for (k = t->nitems - 1; k >= 0; k--)
			if (t->items[k].style != RB_STYLE_NONE &&
			    t->items[k].node->number + 1 == n->number && !n->insert)
				break;
		if (k >= 0) {
			t->nitems = k;
			md_place(t, k > 0 ? t->items[k - 1].node : t->anchor, n);
			t->items[k].node = n;
			t->items[k].heading = heading;
			t->nitems = k + 1;
			return;
		}
	}
	if (k >= 0) {
		t->nitems = k;
		parent = k > 0 ? t->items[k - 1].node : t->anchor;
	} else
		parent = t->nitems ? t->items[t->nitems - 1].node : t->anchor;
	md_place(t, parent, n);
	md_push_item(t, n, heading);
}

/* The innermost open clause: where a table or a continuation goes. */
rb_node *
md_innermost(struct md_tree *t)
{
	if (t->nitems)
		return t->items[t->nitems - 1].node;
	if (t->anchor)
		return t->anchor;
	return md_container(t);
}

/* Does an open item of this style continue with number? */
int
md_continues_stack(const struct md_tree *t, rb_style style, int number)
{
	int k;

	for (k = t->nitems - 1; k >= 0; k--)
		if (t->items[k].style == style)
			return t->items[k].node->number + 1 == number;
	return 0;
}

/* The number the open item sequence of style st expects next, or 0. */
int
md_expects(const struct md_tree *t, rb_style st)
{
	int k;

	for (k = t->nitems - 1; k >= 0; k--)
		if (t->items[k].style == st)
			return t->items[k].node->number + 1;
	return 0;
}
