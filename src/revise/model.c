/*
 * The flat model of a rulebook for revisions: its division headings and
 * articles in document order, an article as its 款 and 项 (an item's text
 * with its label, as written), and the way back to canonical Markdown.
 *
 * Amendments talk about articles, 款 and 项 by position and about headings
 * as lines between articles; a flat list is what both the alignment and
 * the editing of a decision need, and the Markdown loader rebuilds the
 * tree from it (items after a 款 belong to it, as in the source).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "check/check.h"
#include "revise/revise.h"

static rv_unit *
add_unit(rv_doc *m)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->u = rb_xrealloc(m->u, m->cap * sizeof(*m->u));
	}
	memset(&m->u[m->n], 0, sizeof(m->u[0]));
	m->u[m->n].after = -2;
	return &m->u[m->n++];
}

void
rv_unit_add_block(rv_unit *u, rv_block_kind kind, const char *text, const rb_node *node)
{
	if (u->nblocks == u->capblocks) {
		u->capblocks = u->capblocks ? u->capblocks * 2 : 4;
		u->blocks = rb_xrealloc(u->blocks, u->capblocks * sizeof(*u->blocks));
	}
	u->blocks[u->nblocks].kind = kind;
	u->blocks[u->nblocks].text = rb_xstrdup(text ? text : "");
	u->blocks[u->nblocks].node = node;
	u->nblocks++;
}

/* An item as written: its label, the separator canonical Markdown puts
 * after it (a space after ASCII), its text. */
static char *
item_line(const rb_node *n, size_t *prefix)
{
	rb_buf b;
	size_t l = strlen(n->label);

	rb_buf_init(&b);
	rb_buf_puts(&b, n->label);
	if (l && (unsigned char)n->label[l - 1] < 0x80)
		rb_buf_putc(&b, ' ');
	if (prefix)
		*prefix = b.len;
	rb_buf_puts(&b, n->deleted ? "（删去）" : n->text ? n->text : "");
	return rb_buf_detach(&b);
}

static void
add_blocks(rv_unit *u, const rb_node *n)
{
	const rb_node *c;

	for (c = n->first; c; c = c->next) {
		if (c->kind == RB_PARAGRAPH)
			rv_unit_add_block(u, RV_PARA, c->text, c);
		else if (c->kind == RB_ITEM) {
			char *s = item_line(c, NULL);

			rv_unit_add_block(u, RV_ITEM, s, c);
			free(s);
		} else
			continue;
		add_blocks(u, c);
	}
}

/* A reference wrapped onto a line of its own reads as an article
 * (第五十二条 以及本规定……) that breaks the numbering which the next
 * article takes up again: it belongs to the article before. */
static int
wrapped_reference(const rv_unit *last, const rb_node *c)
{
	const rb_node *nx;

	if (!last || last->kind != RV_ARTICLE || c->insert || c->number == last->number + 1 ||
	    c->number == last->number)
		return 0;
	for (nx = c->next; nx && nx->kind != RB_ARTICLE; nx = nx->next)
		;
	return nx && nx->number == last->number + 1 && !nx->insert;
}

static void
flatten(rv_doc *m, const rb_node *n, int level, const char *path)
{
	const rb_node *c;

	for (c = n->first; c; c = c->next) {
		rv_unit *u, *last = m->n ? &m->u[m->n - 1] : NULL;

		switch (c->kind) {
		case RB_PART:
		case RB_CHAPTER:
		case RB_SECTION:
		case RB_HEADING:
			u = add_unit(m);
			u->kind = RV_HEADING;
			u->node_kind = c->kind;
			u->level = level;
			u->number = c->number;
			u->insert = c->insert;
			u->label = rb_xstrdup(c->label ? c->label : "");
			u->title = rb_xstrdup(c->title ? c->title : "");
			u->node = c;
			{
				rb_buf p;

				rb_buf_init(&p);
				rb_buf_puts(&p, path);
				rb_buf_puts(&p, u->label);
				u->path = rb_buf_detach(&p);
			}
			if (c->text && *c->text)
				rv_unit_add_block(u, RV_PARA, c->text, c);
			add_blocks(u, c);	/* what stands under it before any article */
			flatten(m, c, level + 1, u->path);
			break;
		case RB_ARTICLE:
			if (wrapped_reference(last, c)) {
				rv_block *bl = &last->blocks[last->nblocks - 1];
				rb_buf b;

				rb_buf_init(&b);
				rb_buf_puts(&b, bl->text);
				rb_buf_puts(&b, c->label);
				rb_buf_puts(&b, c->text ? c->text : "");
				free(bl->text);
				bl->text = rb_buf_detach(&b);
				bl->node = NULL;
				add_blocks(last, c);
				break;
			}
			u = add_unit(m);
			u->kind = RV_ARTICLE;
			u->node_kind = RB_ARTICLE;
			u->level = level;
			u->number = c->number;
			u->insert = c->insert;
			u->label = rb_xstrdup(c->label ? c->label : "");
			u->title = rb_xstrdup("");
			u->node = c;
			rv_unit_add_block(u, RV_PARA, c->deleted ? "（删去）" : c->text, c);
			add_blocks(u, c);
			break;
		default:
			break;
		}
	}
}

void
rv_doc_build(rv_doc *m, rb_document *doc)
{
	memset(m, 0, sizeof(*m));
	m->doc = doc;
	m->source = doc->source;
	flatten(m, doc->root, 1, "");
}

void
rv_doc_free(rv_doc *m)
{
	size_t i, k;

	for (i = 0; i < m->n; i++) {
		for (k = 0; k < m->u[i].nblocks; k++)
			free(m->u[i].blocks[k].text);
		free(m->u[i].blocks);
		free(m->u[i].label);
		free(m->u[i].title);
		free(m->u[i].path);
	}
	free(m->u);
	memset(m, 0, sizeof(*m));
}

char *
rv_article_text(const rv_unit *u)
{
	rb_buf b;
	size_t k;

	rb_buf_init(&b);
	rb_buf_puts(&b, "");
	for (k = 0; k < u->nblocks; k++) {
		if (k)
			rb_buf_putc(&b, '\n');
		rb_buf_puts(&b, u->blocks[k].text);
	}
	return rb_buf_detach(&b);
}

void
rv_article_label(char *buf, size_t size, int number, int insert)
{
	rb_label_opts o = {.unit = "条"};

	if (!rb_label_format(RB_STYLE_CN_ORDINAL, number, insert, &o, buf, size))
		snprintf(buf, size, "第%d条", number);
}

void
rv_label_like(char *buf, size_t size, const rb_node *like, int number, int insert)
{
	rb_label_opts o = {.unit = like && like->unit ? like->unit : "条"};
	rb_label l;

	/* a label the numbering pass made has no unit written: read its own */
	if (like && !like->unit && like->label &&
	    rb_label_parse(like->label, strlen(like->label), RB_STYLE_NONE, &l) && l.unit[0])
		o.unit = l.unit;
	if (like && like->doc && like->doc->profile)
		o.cn_flags = like->doc->profile->cn_flags;
	if (!rb_label_format(RB_STYLE_CN_ORDINAL, number, insert, &o, buf, size))
		snprintf(buf, size, "第%d%s", number, o.unit);
}

void
rv_heading_label(char *buf, size_t size, const char *unit, int number)
{
	rb_label_opts o = {.unit = unit && *unit ? unit : "章"};

	if (!rb_label_format(RB_STYLE_CN_ORDINAL, number, 0, &o, buf, size))
		snprintf(buf, size, "第%d%s", number, o.unit);
}

/* The article a reference names through its 条 component, or NULL. */
static const rb_node *
article_of(const rb_node *t)
{
	while (t && t->kind != RB_ARTICLE)
		t = t->parent;
	return t;
}

/* One block's text with its references renumbered: the 第N条 component of
 * each reference to an article rewritten when that article's number
 * changes.  prefix: bytes before the node's text (an item's label). */
static void
renumber_block(const rv_block *bl, size_t prefix, rv_newnum_fn newnum, void *ctx, rb_buf *out)
{
	const rb_node *n = bl->node;
	const char *t = bl->text;
	size_t at = 0, k, tl = strlen(t);

	if (!n || !n->nrefs || !n->text || prefix + strlen(n->text) != tl ||
	    strcmp(t + prefix, n->text) != 0) {
		rb_buf_puts(out, t);
		return;
	}
	for (k = 0; k < n->nrefs; k++) {
		const rb_ref *r = &n->refs[k];
		const rb_node *art = r->external ? NULL : article_of(r->target);
		size_t i, off = prefix + r->off, comp = 0, clen = 0;
		int narts = 0, num, ins = 0;
		rb_kind kind;

		if (!art || off < at || off + r->len > tl)
			continue;
		for (i = 0; i < r->len;) {
			size_t m = rb_ref_ordinal(t + off + i, r->len - i, 0, &kind);

			if (!m) {
				i++;
				continue;
			}
			if (kind == RB_ARTICLE) {
				narts++;
				comp = off + i;
				clen = m;
			}
			i += m;
		}
		if (narts != 1 || (num = newnum(ctx, art, &ins)) <= 0 ||
		    (num == art->number && ins == art->insert))
			continue;
		{
			char lab[64];

			rv_label_like(lab, sizeof(lab), art, num, ins);
			rb_buf_put(out, t + at, comp - at);
			rb_buf_puts(out, lab);
			at = comp + clen;
		}
	}
	rb_buf_puts(out, t + at);
}

char *
rv_block_text_renumbered(const rv_unit *u, size_t k, rv_newnum_fn newnum, void *ctx)
{
	const rv_block *bl = &u->blocks[k];
	size_t prefix = 0;
	rb_buf b;

	rb_buf_init(&b);
	rb_buf_puts(&b, "");
	if (bl->kind == RV_ITEM && bl->node && bl->node->text && strlen(bl->text) >= strlen(bl->node->text))
		prefix = strlen(bl->text) - strlen(bl->node->text);
	renumber_block(bl, prefix, newnum, ctx, &b);
	return rb_buf_detach(&b);
}

char *
rv_article_text_renumbered(const rv_unit *u, rv_newnum_fn newnum, void *ctx)
{
	rb_buf b;
	size_t k;

	rb_buf_init(&b);
	rb_buf_puts(&b, "");
	for (k = 0; k < u->nblocks; k++) {
		const rv_block *bl = &u->blocks[k];
		size_t prefix = 0;

		if (k)
			rb_buf_putc(&b, '\n');
		if (bl->kind == RV_ITEM && bl->node && bl->node->text)
			prefix = strlen(bl->text) - strlen(bl->node->text);
		renumber_block(bl, prefix, newnum, ctx, &b);
	}
	return rb_buf_detach(&b);
}

/* Full-width forms and the punctuation that is written either way fold
 * to one; spaces go. */
static uint32_t
fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	switch (cp) {
	case 0x201C: case 0x201D: case 0x300C: case 0x300D: return '"';
	case 0x2018: case 0x2019: case 0x300E: case 0x300F: return '\'';
	case 0x3008: return 0x300A;	/* 〈 as 《 */
	case 0x3009: return 0x300B;
	case 0x2014: case 0x2015: return '-';
	case 0x81FA: return 0x53F0;	/* 臺 台 */
	default: return cp;
	}
}

char *
rv_normalise(const char *s)
{
	rb_buf b;
	size_t i = 0, n = strlen(s), m;
	uint32_t cp;

	rb_buf_init(&b);
	rb_buf_puts(&b, "");
	while (i < n) {
		if (!(m = rb_utf8_decode(s + i, n - i, &cp))) {
			i++;
			continue;
		}
		i += m;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000)
			continue;
		rb_buf_put_cp(&b, fold(cp));
	}
	return rb_buf_detach(&b);
}

static void
hashes(rb_buf *b, int level)
{
	int i;

	for (i = 0; i <= level && i < 6; i++)
		rb_buf_putc(b, '#');
	rb_buf_putc(b, ' ');
}

void
rv_doc_markdown(const rv_doc *m, const char *preamble, const char *history_date,
		const char *history_event, rb_buf *out)
{
	rb_document *doc = m->doc;
	rb_node *first = doc->root->first, *last = doc->root->last;
	const char *old_preamble = doc->preamble;
	rb_value *h = NULL, *v, *entry = NULL, *prev_last = NULL;
	const rb_comment *c;
	rb_diags d;
	size_t i, k;

	/* the head: the document without its clauses, through the emitter */
	doc->root->first = doc->root->last = NULL;
	if (preamble)
		doc->preamble = preamble;
	for (v = doc->meta.first; v; v = v->next)
		if (v->key && !strcmp(v->key, "history") && v->type == RB_VAL_LIST)
			h = v;
	if (history_date && history_event) {
		rb_value *dv, *ev;

		if (!h) {
			h = rb_value_new(doc, RB_VAL_LIST, "history");
			rb_value_append(&doc->meta, h);
		}
		prev_last = h->last;
		entry = rb_value_new(doc, RB_VAL_MAP, NULL);
		dv = rb_value_new(doc, RB_VAL_STRING, "date");
		dv->str = history_date;
		ev = rb_value_new(doc, RB_VAL_STRING, "event");
		ev->str = history_event;
		rb_value_append(entry, dv);
		rb_value_append(entry, ev);
		rb_value_append(h, entry);
	}
	rb_diags_init(&d);
	rb_emit(rb_emitter_lookup("markdown"), doc, NULL, out, &d);
	rb_diags_free(&d);
	if (entry) {
		h->last = prev_last;
		if (prev_last)
			prev_last->next = NULL;
		else
			h->first = NULL;
	}
	doc->root->first = first;
	doc->root->last = last;
	doc->preamble = old_preamble;
	while (out->len && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
	for (i = 0; i < m->n; i++) {
		const rv_unit *u = &m->u[i];

		if (u->gone)
			continue;
		rb_buf_puts(out, "\n\n");
		/* the HTML comments written before it (a suppression among
		 * them) stay before it */
		for (c = u->node ? u->node->comments : NULL; c; c = c->next)
			if (c->at == RB_COMMENT_BEFORE) {
				rb_buf_puts(out, c->text);
				rb_buf_puts(out, c->tight ? "\n" : "\n\n");
			}
		if (u->kind == RV_HEADING) {
			hashes(out, u->level);
			rb_buf_puts(out, u->label);
			if (*u->label && *u->title)
				rb_buf_putc(out, ' ');
			rb_buf_puts(out, u->title);
			for (k = 0; k < u->nblocks; k++) {
				rb_buf_puts(out, "\n\n");
				rb_buf_puts(out, u->blocks[k].text);
			}
			continue;
		}
		rb_buf_puts(out, u->label);
		for (k = 0; k < u->nblocks; k++) {
			if (k)
				rb_buf_puts(out, "\n\n");
			else if (*u->blocks[0].text)
				rb_buf_putc(out, ' ');
			rb_buf_puts(out, u->blocks[k].text);
		}
	}
	rb_buf_putc(out, '\n');
}
