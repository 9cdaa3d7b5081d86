/*
 * The numbering pass: number clauses that state no number, format their
 * labels, derive stable ids, and check stated numbers against their
 * sequence.  A sequence is (scope node, kind); the profile says where each
 * kind restarts (条 continuous through the document, 章 per 编 but not per
 * 分编, 节 per 章, 项 per 款 …).
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "tree/node.h"
#include "util.h"
#include "check/check.h"

/* A sequence: the clauses of one class under one scope node, in
 * document order, chained through the entries of struct seqs. */
struct seq {
	int cls;
	int first, last, last_insert;
	size_t head, tail, n;	/* entries (a 款 joins no list) */
	size_t sibling;		/* next sequence of the same scope, + 1 */
};

struct entry {
	rb_node *node;
	size_t next;		/* + 1; 0 ends the sequence */
};

/* Every scope is an ancestor of its clauses (the parent, a 编, the
 * document), so the sequences open at a point of the walk hang off the
 * path from the root to it, and no map is needed.  Sequences are kept in
 * the order they began: the order they are checked in. */
struct seqs {
	struct seq *v;
	size_t n, cap;
	struct entry *e;
	size_t ne, cape;
	struct label_memo {	/* labels made, by hash of what makes them */
		const rb_document *doc;
		const char *unit, *label;
		int kind, style, number, insert;
	} memo[512];
	rb_node **explicit;	/* nodes with a stated id, in order */
	size_t nexplicit, capexplicit;
	const rb_node **path;	/* the walk's path from the root */
	size_t *open;		/* of each node on it: its first sequence, + 1 */
	size_t depth, capd;
};

static void
seqs_enter(struct seqs *m, const rb_node *n)
{
	if (m->depth == m->capd) {
		m->capd = m->capd ? m->capd * 2 : 64;
		m->path = rb_xrealloc(m->path, m->capd * sizeof(*m->path));
		m->open = rb_xrealloc(m->open, m->capd * sizeof(*m->open));
	}
	m->path[m->depth] = n;
	/* the rest of a sentence a page broke off goes on with the lists of
	 * the paragraph before it (still at this point of the path) */
	if (!(n->kind == RB_PARAGRAPH && n->prev && n->prev->kind == RB_PARAGRAPH &&
	      rb_continues(n)))
		m->open[m->depth] = 0;
	m->depth++;
}

/* Where on the walk's path the sequences under scope open (the root when
 * the scope is not on the path). */
static size_t
scope_at(const struct seqs *m, const rb_node *scope)
{
	size_t k = m->depth;

	while (k > 1 && m->path[k - 1] != scope)
		k--;
	return k ? k - 1 : 0;
}

/* A new sequence of class cls opening at path point k: the one found
 * there from now on. */
static struct seq *
seq_new(struct seqs *m, size_t k, int cls)
{
	if (m->n == m->cap) {
		m->v = rb_pages_grow(m->v, m->cap * 2 * sizeof(*m->v));
		m->cap *= 2;
	}
	memset(&m->v[m->n], 0, sizeof(m->v[m->n]));
	m->v[m->n].cls = cls;
	m->v[m->n].sibling = m->open[k];
	m->open[k] = ++m->n;
	return &m->v[m->n - 1];
}

/* Does item n, stated as its sequence's first, begin a list of its own
 * after prev, the sequence's last?  It does when an unnumbered paragraph
 * stands between the two (1、 2、 3、, then 有下列情形之一的：, then 1、
 * 2、): the paragraph is prev's last, or a sibling between them.  Like 项
 * after a new 款, the list starts again. */
static int
starts_again(const rb_node *n, const rb_node *prev, int first)
{
	const rb_node *a;

	if (n->kind != RB_ITEM || !n->explicit_number || n->insert || n->number != first)
		return 0;
	if (prev->last && prev->last->kind == RB_PARAGRAPH)
		return 1;
	for (a = n->prev; a && a != prev; a = a->prev)	/* items of one parent */
		if (a->kind == RB_PARAGRAPH)
			return 1;
	return 0;
}

/* The sequence of class cls open at path point k; a new one (its *fresh
 * set) when there is none. */
static struct seq *
seq_get(struct seqs *m, size_t k, int cls, int *fresh)
{
	size_t i;

	for (i = m->open[k]; i; i = m->v[i - 1].sibling)
		if (m->v[i - 1].cls == cls) {
			*fresh = 0;
			return &m->v[i - 1];
		}
	*fresh = 1;
	return seq_new(m, k, cls);
}

static void
seqs_free(struct seqs *m)
{
	rb_pages_free(m->v);
	rb_pages_free(m->e);
	free(m->path);
	free(m->open);
	free(m->explicit);
	memset(m, 0, sizeof(*m));
}

int
rb_is_subpart(const rb_node *n)
{
	return n->kind == RB_PART && n->unit &&
	    (strcmp(n->unit, "分编") == 0 || strcmp(n->unit, "分編") == 0);
}

static const rb_node *
doc_root(const rb_node *n)
{
	return n->doc->root;
}

/* The node a sequence restarts under. */
const rb_node *
rb_number_scope(const rb_node *n)
{
	const rb_profile *p = n->doc->profile;
	const rb_node *a;

	switch (n->kind) {
	case RB_CHAPTER:
		if (!p->chapter_restarts_per_part || rb_chapters_through(doc_root(n)))
			return doc_root(n);
		for (a = n->parent; a && a->kind != RB_DOCUMENT; a = a->parent)
			if (a->kind == RB_PART && !rb_is_subpart(a))
				return a;
		return doc_root(n);
	case RB_ARTICLE:
		return p->article_continuous ? doc_root(n) : n->parent;
	case RB_ITEM:
		/* items below the rest of a broken sentence go on with the
		 * article's own list before it */
		a = n->parent;
		if (a->kind == RB_PARAGRAPH && a->prev && a->prev->kind == RB_ITEM && rb_continues(a))
			return a->parent;
		return a;
	default:
		return n->parent;
	}
}

static int
traditional(const rb_document *doc)
{
	const char *lang = rb_document_lang(doc);

	return doc->profile->traditional_units || strncmp(lang, "zh-Hant", 7) == 0 ||
	    strcmp(lang, "zh-TW") == 0 || strcmp(lang, "zh-HK") == 0;
}

static const char *
default_unit(const rb_node *n)
{
	int tw = traditional(n->doc);
	int en = n->doc->profile->kind_style[RB_CHAPTER] != RB_STYLE_CN_ORDINAL;

	switch (n->kind) {
	case RB_PART:
		return en ? "Part" : tw ? "編" : "编";
	case RB_CHAPTER:
		return en ? "Chapter" : "章";
	case RB_SECTION:
		return en ? NULL : tw ? "節" : "节";
	case RB_ARTICLE:
		return en ? "Article" : tw ? "條" : "条";
	default:
		return NULL;
	}
}

static rb_style
item_style(const rb_node *n, unsigned *level)
{
	const rb_profile *p = n->doc->profile;
	const rb_node *a = n->parent;
	const rb_style *table;
	unsigned l = 0;

	while (a && a->kind == RB_ITEM) {
		l++;
		a = a->parent;
	}
	*level = l;
	table = a && (a->kind == RB_ARTICLE || a->kind == RB_PARAGRAPH) ? p->item_sub : p->item_top;
	while (l > 0 && (l >= 8 || table[l] == RB_STYLE_NONE))
		l--;	/* deeper than the profile knows: repeat its last style */
	return table[l];
}

static void
label_opts(const rb_node *n, rb_label_opts *o, int *outline)
{
	const rb_node *a;
	int depth = 0, k;

	memset(o, 0, sizeof(*o));
	o->unit = n->unit ? n->unit : default_unit(n);
	o->cn_flags = n->doc->profile->cn_flags;
	if (n->style != RB_STYLE_DECIMAL_OUTLINE || (o->unit && n->kind != RB_SECTION)) {
		if (n->style != RB_STYLE_CN_ORDINAL && n->style != RB_STYLE_TW_ORDINAL &&
		    n->style != RB_STYLE_DECIMAL_OUTLINE &&
		    n->style != RB_STYLE_ROMAN_UPPER)
			o->unit = NULL;
		return;
	}
	/* decimal outline: the numbers of the enclosing chapters/sections,
	 * or of the items an item is in (2. then 2.1 then 2.1.1) */
	if (n->kind == RB_ITEM) {
		for (a = n->parent; a && a->kind == RB_ITEM; a = a->parent) {
			depth++;
			if (a->style != RB_STYLE_DECIMAL_OUTLINE)
				break;
		}
	} else
		for (a = n->parent; a && (a->kind == RB_CHAPTER || a->kind == RB_SECTION); a = a->parent)
			depth++;
	if (depth > 7)
		depth = 7;
	k = depth;
	for (a = n->parent; k > 0; a = a->parent)
		outline[--k] = a->number;
	o->outline = outline;
	o->outline_n = depth;
	o->unit = NULL;
}

static const char *
format_label(rb_document *doc, const rb_node *n, int number, int insert)
{
	rb_label_opts o;
	int outline[8];
	char buf[128];

	label_opts(n, &o, outline);
	if (!rb_label_format(n->style, number, insert, &o, buf, sizeof(buf)))
		return "";
	return rb_arena_strdup(doc->arena, buf);
}

/* format_label for the numbering walk: a label made before for the same
 * document, kind, style, number and unit (（一） under every article) is
 * the same string, shared.  Outline labels (2.1) depend on the parents:
 * always made. */
static const char *
memo_label(struct seqs *m, rb_node *n)
{
	const char *unit = n->unit ? n->unit : "";
	struct label_memo *e;
	size_t h;

	if (n->style == RB_STYLE_DECIMAL_OUTLINE)
		return format_label(n->doc, n, n->number, n->insert);
	h = (((size_t)n->kind * 31 + (size_t)n->style) * 31 + (size_t)n->number) * 31 +
	    (size_t)n->insert;
	h ^= (unsigned char)unit[0];
	if (unit[0])
		h ^= (size_t)(unsigned char)unit[1] << 8;
	h %= 512;
	e = &m->memo[h];
	if (e->label && e->doc == n->doc && e->kind == (int)n->kind && e->style == (int)n->style &&
	    e->number == n->number && e->insert == n->insert && !strcmp(e->unit, unit))
		return e->label;
	e->label = format_label(n->doc, n, n->number, n->insert);
	e->doc = n->doc;
	e->kind = (int)n->kind;
	e->unit = unit;
	e->style = (int)n->style;
	e->number = n->number;
	e->insert = n->insert;
	return e->label;
}

int
rb_numbered_kind(rb_kind k)
{
	return k == RB_PART || k == RB_CHAPTER || k == RB_SECTION || k == RB_ARTICLE ||
	    k == RB_ITEM || k == RB_PARAGRAPH;
}

const char *
rb_check_label(const rb_node *n, int number, int insert)
{
	return format_label(n->doc, n, number, insert);
}

/* The style most of a sequence's numbered clauses use (the first on a tie). */
static rb_style
common_style(rb_node **v, size_t n)
{
	int count[RB_STYLE__COUNT] = {0};
	rb_style best = RB_STYLE_NONE;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i]->style != RB_STYLE_NONE && v[i]->label[0] &&
		    ++count[v[i]->style] > (best == RB_STYLE_NONE ? 0 : count[best]))
			best = v[i]->style;
	return best;
}

/* 3、 among 一、 二、 四、: one warning naming the label it should have. */
static void
check_style(rb_diags *d, rb_node **v, size_t n)
{
	rb_style st = common_style(v, n);
	const rb_node *model = NULL;
	size_t i;

	if (st == RB_STYLE_NONE)
		return;
	for (i = 0; i < n && !model; i++)
		if (v[i]->style == st)
			model = v[i];
	for (i = 0; i < n; i++) {
		rb_node *x = v[i];
		rb_node as = *x;
		const char *want;

		if (x->style == st || x->style == RB_STYLE_NONE || !x->label[0])
			continue;
		as.style = st;
		want = format_label(x->doc, &as, x->number, x->insert);
		if (*want)
			rb_diag_report(d, RB_D_NUMBERING_STYLE, x->file, x->line, x->column,
				       "expected %s, found %s: its siblings are numbered like %s",
				       want, x->label, model->label);
	}
}

/* A note at n; fmt (a message of the catalogs) names its label with %s. */
static void
note_at(rb_diags *d, const rb_node *n, const char *fmt)
{
	rb_diag_note(d, n->file, n->line, n->column, fmt, n->label);
}

/* Check one sequence (the clauses of one kind under one scope, in order)
 * against the numbers it should have.  One defect gives one diagnostic:
 * a wrong number that fills its slot (the next one fits) does not make
 * its successor look wrong too, and two clauses swapped are one order
 * error, not a gap and an order error. */
static void
check_sequence(rb_diags *d, rb_node **v, size_t n, int first)
{
	int last = 0, last_ins = 0, swapped = 0;
	const rb_node *prev = NULL;
	size_t i;

	for (i = 0; i < n; i++, swapped = swapped ? swapped - 1 : 0) {
		rb_node *x = v[i];
		const rb_node *next = i + 1 < n ? v[i + 1] : NULL;
		const rb_node *after = i + 2 < n ? v[i + 2] : NULL;
		int want = last + 1, stated = x->explicit_number;

		if (x->insert > 0) {
			/* 之N follows its base article, or the previous 之N-1 */
			if (stated && (!prev || x->number != last))
				rb_diag_report(d, RB_D_NUMBERING_ORDER, x->file, x->line, x->column,
					       "%s has no %s before it", x->label, rb_check_label(x, x->number, 0));
			else if (stated && x->insert <= last_ins) {
				rb_diag_report(d, RB_D_NUMBERING_DUPLICATE, x->file, x->line, x->column,
					       "%s appears twice", x->label);
				note_at(d, prev, "previous %s here");
			} else if (stated && x->insert != last_ins + 1)
				rb_diag_report(d, RB_D_NUMBERING_GAP, x->file, x->line, x->column,
					       "expected %s, found %s", rb_check_label(x, x->number, last_ins + 1),
					       x->label);
			if (!prev || x->number == last) {
				last_ins = x->insert > last_ins ? x->insert : last_ins;
				if (!prev)
					last = x->number;
			}
			prev = x;
			continue;
		}
		if (!prev) {
			if (stated && x->number != first && (rb_list_goes_on(x) || rb_lost_label(d, x)))
				;
			else if (stated && x->number == first + 1 && rb_heading_lost(d, x, first, 1))
				;
			else if (stated && x->number != first)
				rb_diag_report(d, RB_D_NUMBERING_START, x->file, x->line, x->column,
					       "expected %s, found %s: the sequence should start at %s",
					       rb_check_label(x, first, 0), x->label, rb_check_label(x, first, 0));
			last = x->number;
		} else if (!stated || x->number == want) {
			last = x->number;
		} else if (x->number == last) {
			rb_diag_report(d, RB_D_NUMBERING_DUPLICATE, x->file, x->line, x->column,
				       "%s appears twice", x->label);
			note_at(d, prev, "previous %s here");
			if (next && next->number == last + 2 && !next->insert)
				last++;		/* it holds the next slot */
		} else if (x->number < last && swapped && prev) {
			rb_diag_report(d, RB_D_NUMBERING_ORDER, x->file, x->line, x->column,
				       "expected %s, found %s: the two are in each other's place",
				       prev->label, x->label);
			note_at(d, prev, "swapped with %s here");
		} else if (x->number < last && next && next->explicit_number && !next->insert &&
			   next->number == x->number + 1 && next->number != want) {
			/* 1、… 8、 then 1、 2、 …: the numbering starts again
			 * (a heading lost between the two runs); the rest of
			 * the new run is in order after it */
			rb_diag_report(d, RB_D_NUMBERING_ORDER, x->file, x->line, x->column,
				       x->number == first ? "expected %s, found %s: the numbering starts again" :
							    "expected %s, found %s", rb_check_label(x, want, 0), x->label);
			note_at(d, prev, "after %s here");
			last = x->number;
		} else if (x->number < last) {
			rb_diag_report(d, RB_D_NUMBERING_ORDER, x->file, x->line, x->column,
				       "expected %s, found %s", rb_check_label(x, want, 0), x->label);
			note_at(d, prev, "after %s here");
			if (next && next->number == last + 2 && !next->insert)
				last++;
		} else if (next && next->explicit_number && next->number == want && !next->insert &&
			   (!after || after->number == x->number + 1 || after->insert)) {
			/* swapped with the next one: reported there, as order */
			last = x->number;
			swapped = 2;
		} else if (next && next->explicit_number && next->number == want && !next->insert) {
			/* 第七条, 第十条, 第八条, 第九条: one clause out of place,
			 * the sequence goes on from before it */
			rb_diag_report(d, RB_D_NUMBERING_ORDER, x->file, x->line, x->column,
				       "expected %s, found %s", rb_check_label(x, want, 0), x->label);
			note_at(d, next, "followed by %s here");
			x = NULL;
		} else if (next && next->explicit_number && next->number == x->number &&
			   x->number == want + 1 && !next->insert) {
			/* 第五条 written for 第四条, then 第五条: a duplicate there */
			rb_diag_report(d, RB_D_NUMBERING_GAP, x->file, x->line, x->column,
				       "expected %s, found %s", rb_check_label(x, want, 0), x->label);
			last = want;
		} else if (x->kind == RB_ARTICLE && x->number == want + 1 && rb_runs_in(prev, want)) {
			last = x->number;	/* reported where it runs on */
		} else if (x->number == want + 1 && rb_lost_number(d, x, prev, want)) {
			last = x->number;
		} else if (x->number == want + 1 && rb_heading_lost(d, x, want, 0)) {
			last = x->number;
		} else {
			rb_diag_report(d, RB_D_NUMBERING_GAP, x->file, x->line, x->column,
				       "expected %s, found %s", rb_check_label(x, want, 0), x->label);
			last = x->number;
		}
		if (!x)
			continue;	/* out of place: the sequence ignores it */
		last_ins = 0;
		prev = x;
	}
}

/* The number a clause's sequence starts at: the declared start for the
 * articles of a document, 2 for numbered 款 (款1 is the article's own
 * text), else 1. */
static int
sequence_first(const rb_node *n, const rb_node *scope)
{
	if (n->kind == RB_ARTICLE && scope == doc_root(n) && n->doc->start > 0)
		return n->doc->start;
	if (n->kind == RB_PARAGRAPH && n->doc->profile->numbered_paragraphs)
		return 2;
	return 1;
}

/* n's sequence (created at its first clause); n joins its list unless it
 * is a 款, which carries no number in the text. */
static struct seq *
seq_add(struct seqs *m, rb_node *n, int *fresh)
{
	const rb_node *scope = rb_number_scope(n);
	int cls = (int)n->kind * 2 + rb_is_subpart(n);
	size_t k = scope_at(m, scope);
	struct seq *s = seq_get(m, k, cls, fresh);

	if (!*fresh && s->n && starts_again(n, m->e[s->tail].node, s->first)) {
		s = seq_new(m, k, cls);
		*fresh = 1;
	}
	if (*fresh)
		s->first = sequence_first(n, scope);
	if (n->kind != RB_PARAGRAPH) {
		if (m->ne == m->cape) {
			m->e = rb_pages_grow(m->e, m->cape * 2 * sizeof(*m->e));
			m->cape *= 2;
		}
		m->e[m->ne].node = n;
		m->e[m->ne].next = 0;
		if (s->n++)
			m->e[s->tail].next = m->ne + 1;
		else
			s->head = m->ne;
		s->tail = m->ne++;
	}
	return s;
}

/* Hand every sequence to fn in the order they began (diagnostics come in
 * the document's order, the same on every run), then free them. */
static void
seqs_drain(struct seqs *m, rb_sequence_fn fn, void *ctx)
{
	rb_node **v = rb_pages((m->ne + 1) * sizeof(*v));
	size_t i, k, j;

	for (i = 0; i < m->n; i++) {
		for (k = 0, j = m->v[i].n ? m->v[i].head + 1 : 0; j; j = m->e[j - 1].next)
			v[k++] = m->e[j - 1].node;
		fn(ctx, v, k, m->v[i].first);
	}
	rb_pages_free(v);
	seqs_free(m);
}

/* Walk doc, handing each numbered clause to fn with its sequences. */
static void
seqs_walk(rb_document *doc, struct seqs *m, void (*fn)(rb_node *, struct seqs *))
{
	rb_walker w;
	rb_event ev;

	/* a clause begins at most one sequence and joins at most one list */
	m->cap = m->cape = doc->nnodes + 1;
	m->v = rb_pages(m->cap * sizeof(*m->v));
	m->e = rb_pages(m->cape * sizeof(*m->e));
	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE) {
		if (ev == RB_EV_LEAVE) {
			m->depth--;
			continue;
		}
		if (w.cur != doc->root && rb_numbered_kind(w.cur->kind))
			fn(w.cur, m);
		if (w.cur->explicit_id) {
			if (m->nexplicit == m->capexplicit) {
				m->capexplicit = m->capexplicit ? m->capexplicit * 2 : 16;
				m->explicit = rb_xrealloc(m->explicit,
							  m->capexplicit * sizeof(*m->explicit));
			}
			m->explicit[m->nexplicit++] = w.cur;
		}
		seqs_enter(m, w.cur);
	}
}

static void
number_node(rb_node *n, struct seqs *m)
{
	const rb_profile *p = n->doc->profile;
	struct seq *s;
	int fresh;
	unsigned level = 0;

	if (n->kind == RB_ITEM) {
		rb_style st = item_style(n, &level);

		if (!n->explicit_style)
			n->style = st;
	} else if (!n->explicit_style)
		n->style = p->kind_style[n->kind];
	if (n->kind == RB_PARAGRAPH)
		n->style = RB_STYLE_NONE;	/* 款 carry no number in the text */
	n->level = level;
	s = seq_add(m, n, &fresh);
	if (!n->explicit_number) {
		n->number = fresh ? s->first : s->last + 1;
		n->insert = 0;
	}
	n->label = n->style == RB_STYLE_NONE ? "" : memo_label(m, n);
	/* a stated number that goes backwards does not rewind the sequence */
	if (fresh || n->number > s->last || (n->number == s->last && n->insert > s->last_insert)) {
		s->last = n->number;
		s->last_insert = n->insert;
	}
}

static void
join_sequence(rb_node *n, struct seqs *m)
{
	int fresh;

	seq_add(m, n, &fresh);
}

void
rb_each_sequence(rb_document *doc, rb_sequence_fn fn, void *ctx)
{
	struct seqs m = {0};

	seqs_walk(doc, &m, join_sequence);
	seqs_drain(&m, fn, ctx);
}

static void
check_both(void *ctx, rb_node **v, size_t n, int first)
{
	size_t i, k;

	/* a paragraph that starts by citing items, （一）至（三）项所列人员…,
	 * has no label of its own: out of the sequence (v is the drain's
	 * scratch array, free to rewrite) */
	for (i = k = 0; i < n; i++)
		if (v[i]->kind != RB_ITEM || !rb_cites_items(v[i]))
			v[k++] = v[i];
	if (rb_group_heading(v, k))
		return;
	check_sequence(ctx, v, k, first);
	check_style(ctx, v, k);
	rb_lost_heading_marks(ctx, v, k);
}

/* Number one document; ids go into ids (shared across a handbook, where
 * derived ids carry the document's key docp). */
static void
number_document(rb_document *doc, rb_diags *d, rb_strset *ids, const char *docp)
{
	struct seqs m = {0};
	rb_walker w;
	rb_event ev;
	int counter[RB_KIND__COUNT] = {0};

	rb_node **explicit;
	size_t nexplicit;

	seqs_walk(doc, &m, number_node);
	explicit = m.explicit;
	nexplicit = m.nexplicit;
	m.explicit = NULL;
	RB_TRACE_AT("n-walk");
	seqs_drain(&m, check_both, d);
	RB_TRACE_AT("n-check");

	rb_add_explicit_ids(explicit, nexplicit, ids, d);
	free(explicit);
	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE)
		if (ev == RB_EV_ENTER && w.cur != doc->root)
			rb_assign_id(w.cur, ids, counter, docp);
}

void
rb_pass_number(rb_document *doc, rb_diags *d)
{
	size_t i;

	rb_strset ids;

	rb_strset_init(&ids);
	rb_strmap_reserve(&ids, rb_document_nodes(doc));
	if (doc->root->kind == RB_BOOK) {
		/* one set of ids for the whole handbook */
		rb_node *p;
		int parts = 0;
		const char **keys = rb_xcalloc(doc->ndocs + 1, sizeof(*keys));

		rb_book_keys(doc, keys);
		/* one document's clauses need no key before theirs */
		for (i = 0; i < doc->ndocs; i++)
			number_document(doc->docs[i], d, &ids, doc->ndocs < 2 ? NULL : keys[i]);
		/* each document's own id: its key, or after the clauses' */
		for (i = 0; i < doc->ndocs; i++) {
			const char *id = keys[i];
			int k;

			for (k = 2; !rb_strset_add(&ids, id); k++)
				id = rb_arena_printf(doc->docs[i]->arena, "%s-%d", keys[i], k);
			doc->docs[i]->root->id = id;
		}
		free(keys);
		/* the parts of a book in one Markdown file (第一篇 …) */
		for (p = doc->root->first; p; p = p->next)
			if (p->kind == RB_PART && !(p->id && *p->id)) {
				char *id = rb_arena_printf(doc->arena, "part-%d", ++parts);
				int k;

				for (k = 2; !rb_strset_add(&ids, id); k++)
					id = rb_arena_printf(doc->arena, "part-%d-%d", parts, k);
				p->id = id;
			}
	} else
		number_document(doc, d, &ids, NULL);
	rb_strset_free(&ids);
}
