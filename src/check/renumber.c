/*
 * fmt --renumber: make every stated number run on consecutively under the
 * profile's sequences, and rewrite the references that name the clauses
 * renumbered — as byte edits of the source, so nothing else changes.
 *
 * New numbers: per sequence (the numbering pass's, rb_each_sequence), in
 * document order, from the sequence's first number; a 之N insertion keeps following its
 * base (第十条之一 stays 之一 of the renumbered 第十条) unless insertions are
 * folded.  A label is rewritten in place: only its numerals change, in
 * the script it was written in (第十条 → 第十一条, 3. → 4.); styles without
 * a numeral (①, (a), I.) are formatted anew.  A reference is rewritten
 * numeral by numeral too (本法第十条第二款 → 本法第十一条第二款).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "check/check.h"
#include "mem/mem.h"
#include "text/text.h"
#include "text/lines.h"

struct renum {
	const rb_node *node;
	int number, insert;	/* new */
};

struct edit {
	size_t off, len;
	char *text;
};

struct rctx {
	rb_document *doc;
	const char *src;
	size_t len;
	rb_lines lines;
	struct renum *map;
	size_t nmap, capmap;
	struct edit *edits;
	size_t nedits, capedits;
	rb_diags *d;
	int fold;
};

static int
cmp_renum(const void *a, const void *b)
{
	const rb_node *x = ((const struct renum *)a)->node, *y = ((const struct renum *)b)->node;

	return x < y ? -1 : x > y;
}

static const struct renum *
lookup(struct rctx *r, const rb_node *n)
{
	size_t lo = 0, hi = r->nmap;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->map[mid].node < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nmap && r->map[lo].node == n ? &r->map[lo] : NULL;
}

/* One sequence numbered anew, in document order, from its first number;
 * 之N follows its renumbered base unless insertions are folded. */
static void
renumber_sequence(void *ctx, rb_node **v, size_t n, int first)
{
	struct rctx *r = ctx;
	int counter = first - 1, inserts = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		struct renum m;

		if (v[i]->number <= 0 || v[i]->style == RB_STYLE_NONE)
			continue;	/* bullets: nothing to renumber */
		m.node = v[i];
		if (v[i]->insert > 0 && !r->fold && counter >= first) {
			m.number = counter;
			m.insert = ++inserts;
		} else {
			m.number = ++counter;
			m.insert = 0;
			inserts = 0;
		}
		if (r->nmap == r->capmap) {
			r->capmap = r->capmap ? r->capmap * 2 : 256;
			r->map = rb_xrealloc(r->map, r->capmap * sizeof(*r->map));
		}
		r->map[r->nmap++] = m;
	}
}

/* The new number of every numbered clause, looked up by node. */
static void
number_anew(struct rctx *r)
{
	rb_each_sequence(r->doc, renumber_sequence, r);
	if (r->nmap > 1)
		qsort(r->map, r->nmap, sizeof(*r->map), cmp_renum);
}

/* A numeral in the script of the one it replaces. */
static void
put_numeral(rb_buf *b, int value, unsigned flags, unsigned cn_flags)
{
	char buf[64];
	size_t i;

	if (flags & (RB_NUM_ARABIC | RB_NUM_FULLWIDTH)) {
		snprintf(buf, sizeof(buf), "%d", value);
		for (i = 0; buf[i]; i++)
			if (flags & RB_NUM_FULLWIDTH)
				rb_buf_put_cp(b, 0xFF10 + (uint32_t)(buf[i] - '0'));
			else
				rb_buf_putc(b, buf[i]);
		return;
	}
	if (rb_cn_format(value, cn_flags, buf, sizeof(buf)))
		rb_buf_puts(b, buf);
	else
		rb_buf_printf(b, "%d", value);
}

/* Rewrite the numerals of a label or reference component s[0..n): the
 * first numeral becomes number, one after 之 becomes insert (added after
 * the unit or dropped as needed).  Returns 0 when s has no numeral. */
static int
relabel(const char *s, size_t n, int number, int insert, unsigned cn_flags, rb_buf *out)
{
	size_t i = 0, m, k;
	int v, done = 0;
	unsigned fl;
	uint32_t cp;

	while (i < n) {
		if (!done && (m = rb_cn_parse(s + i, n - i, &v, &fl)) > 0) {
			if ((unsigned char)s[i] < 0x80)
				fl |= RB_NUM_ARABIC;	/* 3. 第3条: digits stay digits */
			put_numeral(out, number, fl, cn_flags);
			i += m;
			done = 1;
			if ((m = rb_ref_unit_len(s + i, n - i)) > 0) {
				rb_buf_put(out, s + i, m);
				i += m;
			}
			/* 之N: rewritten, added or dropped */
			if ((m = rb_prefix(s + i, n - i, "之")) > 0 &&
			    (k = rb_cn_parse(s + i + m, n - i - m, &v, &fl)) > 0) {
				if (insert > 0) {
					rb_buf_puts(out, "之");
					put_numeral(out, insert, fl, cn_flags);
				}
				i += m + k;
			} else if (insert > 0) {
				rb_buf_puts(out, "之");
				put_numeral(out, insert, 0, cn_flags);
			}
			continue;
		}
		m = rb_utf8_decode(s + i, n - i, &cp);
		if (!m)
			m = 1;
		rb_buf_put(out, s + i, m);
		i += m;
	}
	return done;
}

static void
add_edit(struct rctx *r, size_t off, size_t len, const char *text, size_t tlen)
{
	struct edit *e;

	if (len == tlen && memcmp(r->src + off, text, len) == 0)
		return;
	if (r->nedits == r->capedits) {
		r->capedits = r->capedits ? r->capedits * 2 : 64;
		r->edits = rb_xrealloc(r->edits, r->capedits * sizeof(*r->edits));
	}
	e = &r->edits[r->nedits++];
	e->off = off;
	e->len = len;
	e->text = rb_xmalloc(tlen + 1);
	memcpy(e->text, text, tlen);
	e->text[tlen] = '\0';
}

/* The clause's own label. */
static void
edit_label(struct rctx *r, const rb_node *n, const struct renum *m, rb_buf *conc)
{
	rb_buf b;

	if (m->number == n->number && m->insert == n->insert)
		return;
	rb_buf_init(&b);
	if (n->label_len && n->label_off + n->label_len <= r->len) {
		if (!relabel(r->src + n->label_off, n->label_len, m->number, m->insert,
			     r->doc->profile->cn_flags, &b)) {
			char buf[128];
			rb_label_opts o = {.unit = n->unit, .cn_flags = r->doc->profile->cn_flags};

			rb_buf_reset(&b);
			if (rb_label_format(n->style, m->number, m->insert, &o, buf, sizeof(buf)))
				rb_buf_puts(&b, buf);
		}
		if (b.len)
			add_edit(r, n->label_off, n->label_len, b.data, b.len);
	} else if (n->explicit_number)
		rb_diag_report(r->d, RB_D_NUMBERING_NUMERAL, n->file, n->line, n->column,
			       "%s is not renumbered: its label is not written as it is read", n->label);
	rb_buf_reset(&b);
	if (relabel(n->label, strlen(n->label), m->number, m->insert, r->doc->profile->cn_flags, &b))
		rb_buf_printf(conc, "%s:%u: %s → %.*s\n", n->file, n->line, n->label, (int)b.len, b.data);
	else
		rb_buf_printf(conc, "%s:%u: %s → %d\n", n->file, n->line, n->label, m->number);
	rb_buf_free(&b);
}

/* Where byte off of n's text is in the source: the text is the source with
 * indentation and line breaks possibly dropped. */
static int
align(struct rctx *r, const rb_node *n, size_t want, size_t *at)
{
	const char *t = n->text;
	size_t ti = 0, si;

	if (!n->text_line)
		return 0;
	si = rb_lines_offset(&r->lines, n->text_line, n->text_column);
	while (si <= r->len) {
		if (ti == want) {
			*at = si;
			return 1;
		}
		if (si == r->len || !t[ti])
			return 0;
		if (t[ti] == r->src[si]) {
			ti++;
			si++;
		} else if (r->src[si] == ' ' || r->src[si] == '\t' || r->src[si] == '\r' ||
			   r->src[si] == '\n' || r->src[si] == '>')
			si++;
		else if (rb_prefix(r->src + si, r->len - si, "　"))
			si += 3;
		else if (t[ti] == '\n' || t[ti] == ' ')
			ti++;
		else
			return 0;
	}
	return 0;
}

/* A reference: each 第N<unit> component names one clause on the target's
 * chain; its numeral follows that clause's new number. */
static void
edit_ref(struct rctx *r, const rb_node *n, const rb_ref *ref)
{
	const char *t = n->text + ref->off;
	size_t len = ref->len, i, starts[8], ends[8], from, to;
	rb_kind kinds[8];
	int nc = 0, k, changed = 0, tw = (r->doc->profile->cn_flags & RB_CN_TW) != 0;
	const rb_node *p;
	rb_buf b;

	if (!ref->target || ref->external)
		return;
	/* the components, left to right */
	for (i = 0; i < len && nc < 8;) {
		size_t m = rb_ref_ordinal(t + i, len - i, tw, &kinds[nc]);

		if (!m) {
			i++;
			continue;
		}
		starts[nc] = i;
		ends[nc] = i + m;
		nc++;
		i += m;
	}
	if (!nc)
		return;
	rb_buf_init(&b);
	/* right to left: each component climbs the target's chain */
	p = ref->target;
	{
		const rb_node *who[8];
		const struct renum *nm[8];

		for (k = nc - 1; k >= 0; k--) {
			who[k] = NULL;
			nm[k] = NULL;
			if (kinds[k] == RB_PARAGRAPH) {
				if (p && p->kind == RB_PARAGRAPH)
					p = p->parent;
				continue;	/* 款 carry no number in the text */
			}
			while (p && p->kind != kinds[k])
				p = p->parent;
			if (!p)
				break;
			who[k] = p;
			nm[k] = lookup(r, p);
			if (nm[k] && (nm[k]->number != p->number || nm[k]->insert != p->insert))
				changed = 1;
			p = p->parent;
		}
		if (!changed) {
			rb_buf_free(&b);
			return;
		}
		for (k = 0, i = 0; k < nc; k++) {
			rb_buf_put(&b, t + i, starts[k] - i);
			if (who[k] && nm[k])
				relabel(t + starts[k], ends[k] - starts[k], nm[k]->number, nm[k]->insert,
					r->doc->profile->cn_flags, &b);
			else
				rb_buf_put(&b, t + starts[k], ends[k] - starts[k]);
			i = ends[k];
		}
		rb_buf_put(&b, t + i, len - i);
	}
	if (align(r, n, ref->off, &from) && align(r, n, ref->off + ref->len, &to) && to >= from &&
	    to - from == ref->len && memcmp(r->src + from, t, len) == 0)
		add_edit(r, from, to - from, b.data, b.len);
	else {
		unsigned line = n->text_line ? n->text_line : n->line;

		rb_diag_report(r->d, RB_D_XREF_UNRESOLVED, n->file, line, 0,
			       "%.*s is not rewritten: it is not written in one piece in the source",
			       (int)len, t);
	}
	rb_buf_free(&b);
}

/* Would renumbering change any number? */
static int
changes(const struct rctx *r)
{
	size_t i;

	for (i = 0; i < r->nmap; i++)
		if (r->map[i].number != r->map[i].node->number ||
		    r->map[i].insert != r->map[i].node->insert)
			return 1;
	return 0;
}

static int
cmp_article(const void *a, const void *b)
{
	const rb_node *x = *(const rb_node *const *)a, *y = *(const rb_node *const *)b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return x->insert < y->insert ? -1 : x->insert > y->insert;
}

/* The articles numbered like art (itself included), from arts sorted by
 * number: *first and the count. */
static size_t
namesakes(rb_node **arts, size_t n, const rb_node *art, size_t *first)
{
	size_t lo = 0, hi = n, k;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cmp_article(&arts[mid], &art) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < n && !cmp_article(&arts[k], &art); k++)
		;
	*first = lo;
	return k - lo;
}

/* A reference renumbering cannot carry over: one that names no clause
 * (the new numbers would give it one it never meant), or an article whose
 * number two articles have (it would follow one of them, unsaid).  Each is
 * an error; when there is any, nothing is rewritten. */
static size_t
refuse(struct rctx *r)
{
	rb_walker w;
	rb_node **arts = NULL;
	size_t narts = 0, cap = 0, bad = 0, k, i, first = 0;

	rb_walker_init(&w, r->doc->root);
	while (rb_walker_next(&w) != RB_EV_NONE)
		if (w.ev == RB_EV_ENTER && w.cur->kind == RB_ARTICLE) {
			if (narts == cap) {
				cap = cap ? cap * 2 : 256;
				arts = rb_xrealloc(arts, cap * sizeof(*arts));
			}
			arts[narts++] = w.cur;
		}
	if (narts > 1)
		qsort(arts, narts, sizeof(*arts), cmp_article);
	rb_walker_init(&w, r->doc->root);
	while (rb_walker_next(&w) != RB_EV_NONE) {
		const rb_node *n = w.cur, *a;
		unsigned line, col;

		if (w.ev != RB_EV_ENTER)
			continue;
		for (k = 0; k < n->nrefs; k++) {
			const rb_ref *ref = &n->refs[k];
			size_t same = 0;

			if (ref->external)
				continue;
			for (a = ref->target; a && a->kind != RB_ARTICLE; a = a->parent)
				;
			if (ref->target && (!a || (same = namesakes(arts, narts, a, &first)) < 2))
				continue;
			rb_xref_position(n, ref->off, &line, &col);
			if (!ref->target)
				rb_diag_report(r->d, RB_D_XREF_RENUMBER, n->file, line, col,
					       "%.*s cannot follow the renumbering: it names no clause",
					       (int)ref->len, n->text + ref->off);
			else {
				rb_diag_report(r->d, RB_D_XREF_RENUMBER, n->file, line, col,
					       "%.*s cannot follow the renumbering: there are %zu %s; "
					       "make the reference say which", (int)ref->len,
					       n->text + ref->off, same, a->label);
				for (i = first; i < first + same; i++)
					rb_diag_note(r->d, arts[i]->file, arts[i]->line, arts[i]->column,
						     "%s here", arts[i]->label);
			}
			bad++;
		}
	}
	free(arts);
	return bad;
}

static int
cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

size_t
rb_renumber(rb_document *doc, const char *src, size_t len, int fold_inserts, rb_buf *out,
	    rb_buf *conc, rb_diags *d)
{
	struct rctx r;
	rb_walker w;
	rb_event ev;
	size_t i, at = 0, count = 0;

	memset(&r, 0, sizeof(r));
	r.doc = doc;
	r.src = src;
	r.len = len;
	r.d = d;
	r.fold = fold_inserts;
	rb_lines_init(&r.lines, src, len);
	number_anew(&r);
	if (changes(&r) && refuse(&r)) {
		/* the source as it was: no reference re-targeted unsaid */
		rb_buf_put(out, src, len);
		free(r.map);
		rb_lines_free(&r.lines);
		return 0;
	}
	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE) {
		const rb_node *n = w.cur;
		const struct renum *m;
		size_t k;

		if (ev != RB_EV_ENTER)
			continue;
		if ((m = lookup(&r, n)))
			edit_label(&r, n, m, conc);
		for (k = 0; k < n->nrefs; k++)
			edit_ref(&r, n, &n->refs[k]);
	}
	if (r.nedits > 1)
		qsort(r.edits, r.nedits, sizeof(*r.edits), cmp_edit);
	for (i = 0; i < r.nedits; i++) {
		struct edit *e = &r.edits[i];

		if (e->off >= at) {	/* overlapping edits: the first wins */
			rb_buf_put(out, src + at, e->off - at);
			rb_buf_puts(out, e->text);
			at = e->off + e->len;
			count++;
		}
		free(e->text);
	}
	rb_buf_put(out, src + at, len - at);
	free(r.edits);
	free(r.map);
	rb_lines_free(&r.lines);
	return count;
}
