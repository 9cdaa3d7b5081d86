/*
 * The operations of a decision on one article: replace, delete or insert
 * a 款 or 项, substitute, add or delete words.  Shared by amend, which
 * applies what a decision says, and by diff, which tries its sentences on
 * a copy of the old article before writing them (a sentence that would not
 * give the new text is replaced by the whole article).
 *
 * A 款 is a paragraph block with the items after it; 第Z项 counts the
 * items of the 款 named, or of the whole article when none is.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "load/md.h"
#include "revise/revise.h"

void
rv_op_free(rv_amend_op *op)
{
	size_t i;

	free(op->a);
	free(op->b);
	free(op->lead);
	for (i = 0; i < op->npayload; i++)
		free(op->payload[i]);
	free(op->payload);
	memset(op, 0, sizeof(*op));
}

void
rv_unit_free_blocks(rv_unit *u)
{
	size_t k;

	for (k = 0; k < u->nblocks; k++)
		free(u->blocks[k].text);
	free(u->blocks);
	u->blocks = NULL;
	u->nblocks = u->capblocks = 0;
}

void
rv_unit_copy(rv_unit *to, const rv_unit *from)
{
	size_t k;

	*to = *from;
	to->blocks = NULL;
	to->nblocks = to->capblocks = 0;
	to->label = rb_xstrdup(from->label);
	to->title = rb_xstrdup(from->title);
	to->path = from->path ? rb_xstrdup(from->path) : NULL;
	for (k = 0; k < from->nblocks; k++)
		rv_unit_add_block(to, from->blocks[k].kind, from->blocks[k].text, from->blocks[k].node);
}

int
rv_unit_same_text(const rv_unit *a, const rv_unit *b)
{
	size_t k;

	if (a->nblocks != b->nblocks)
		return 0;
	for (k = 0; k < a->nblocks; k++)
		if (strcmp(a->blocks[k].text, b->blocks[k].text))
			return 0;
	return 1;
}

static int
is_item_text(const char *s)
{
	rb_label l;

	return rb_label_parse(s, strlen(s), RB_STYLE_NONE, &l) && l.style != RB_STYLE_NONE &&
	       l.style != RB_STYLE_CN_ORDINAL && l.style != RB_STYLE_DECIMAL_OUTLINE;
}

/* How many payload paragraphs from k on are an enumeration one entry a
 * line (主任，/副主任若干人，/委员若干人。) under a 款 ending in ：, which
 * the Markdown loader reads as part of that 款 (md_enum.c): 0 when none. */
static size_t
enumeration(char *const *payload, size_t np, size_t k)
{
	size_t j;
	int last = 0;

	if (k == 0 || !md_enum_lead(payload[k - 1]))
		return 0;
	for (j = k; j < np && md_enum_entry(payload[j], strlen(payload[j]), &last); j++)
		if (last)
			return j + 1 - k;
	return 0;
}

/* Blocks [at, at+n) replaced by the payload's. */
static void
splice(rv_unit *u, size_t at, size_t n, char *const *payload, size_t np, int first_para)
{
	rv_block *old = u->blocks;
	size_t nold = u->nblocks, k;

	u->blocks = NULL;
	u->nblocks = u->capblocks = 0;
	for (k = 0; k < at; k++)
		rv_unit_add_block(u, old[k].kind, old[k].text, old[k].node);
	for (k = 0; k < np; k++) {
		size_t e = enumeration(payload, np, k + 1), j;

		rv_unit_add_block(u, (k == 0 && first_para) || !is_item_text(payload[k]) ? RV_PARA : RV_ITEM,
				  payload[k], NULL);
		if (e > 0) {
			/* the entries joined to their 款 with hard line breaks */
			rb_buf b;

			rb_buf_init(&b);
			rb_buf_puts(&b, payload[k]);
			for (j = k + 1; j <= k + e; j++) {
				rb_buf_puts(&b, "\\\n");
				rb_buf_puts(&b, payload[j]);
			}
			free(u->blocks[u->nblocks - 1].text);
			u->blocks[u->nblocks - 1].text = rb_buf_detach(&b);
			k += e;
		}
	}
	for (k = at + n; k < nold; k++)
		rv_unit_add_block(u, old[k].kind, old[k].text, old[k].node);
	for (k = 0; k < nold; k++)
		free(old[k].text);
	free(old);
}

void
rv_unit_set_payload(rv_unit *u, char *const *payload, size_t n)
{
	splice(u, 0, u->nblocks, payload, n, 1);
}

/* The blocks of 款 para (1-based): [*from, *to). */
static int
para_range(const rv_unit *u, int para, size_t *from, size_t *to)
{
	size_t k;
	int seen = 0;

	for (k = 0; k < u->nblocks; k++)
		if (u->blocks[k].kind == RV_PARA && ++seen == para)
			break;
	if (k == u->nblocks)
		return -1;
	*from = k;
	for (k++; k < u->nblocks && u->blocks[k].kind != RV_PARA; k++)
		;
	*to = k;
	return 0;
}

/* The scope a target names: the whole article, a 款 or one 项. */
static int
scope(const rv_unit *u, const rv_target *t, size_t *from, size_t *to, const char **why)
{
	size_t k;
	int seen = 0;

	*from = 0;
	*to = u->nblocks;
	if (t->para > 0 && para_range(u, t->para, from, to) != 0) {
		*why = "款";
		return -1;
	}
	if (t->item > 0) {
		for (k = *from; k < *to; k++)
			if (u->blocks[k].kind == RV_ITEM && ++seen == t->item)
				break;
		if (k == *to) {
			*why = "项";
			return -1;
		}
		*from = k;
		*to = k + 1;
	}
	return 0;
}

/* Items from block at on, in the same 款, renumbered by delta. */
static void
shift_items(rv_unit *u, size_t at, int delta)
{
	size_t k;

	for (k = at; k < u->nblocks && u->blocks[k].kind == RV_ITEM; k++) {
		rv_block *bl = &u->blocks[k];
		rb_label l;
		char buf[64];
		rb_label_opts o = {0};
		rb_buf b;

		if (!rb_label_parse(bl->text, strlen(bl->text), RB_STYLE_NONE, &l) ||
		    l.style == RB_STYLE_NONE || l.number + delta <= 0)
			continue;
		if (!rb_label_format(l.style, l.number + delta, 0, &o, buf, sizeof(buf)))
			continue;
		rb_buf_init(&b);
		rb_buf_puts(&b, buf);
		rb_buf_puts(&b, bl->text + l.len);
		free(bl->text);
		bl->text = rb_buf_detach(&b);
		bl->node = NULL;
	}
}

/* Every occurrence of a in blocks [from, to) with b (before: b put
 * before a; after: after a; neither: instead of a).  The count. */
static size_t
replace_words(rv_unit *u, size_t from, size_t to, const char *a, const char *b, int mode)
{
	size_t k, count = 0, al = strlen(a);

	if (!al)
		return 0;
	for (k = from; k < to; k++) {
		char *s = u->blocks[k].text, *p;
		rb_buf out;

		if (!strstr(s, a))
			continue;
		rb_buf_init(&out);
		while ((p = strstr(s, a))) {
			rb_buf_put(&out, s, (size_t)(p - s));
			if (mode < 0)
				rb_buf_puts(&out, b);
			if (mode != 0)
				rb_buf_put(&out, p, al);
			else
				rb_buf_puts(&out, b);
			if (mode > 0)
				rb_buf_puts(&out, b);
			s = p + al;
			count++;
		}
		rb_buf_puts(&out, s);
		free(u->blocks[k].text);
		u->blocks[k].text = rb_buf_detach(&out);
		u->blocks[k].node = NULL;
	}
	return count;
}

/* Does the part of u that t names say text (normalised alike)? */
static int
says(const rv_unit *u, const rv_target *t, const char *text)
{
	size_t from, to, k;
	const char *why;
	char *have, *want;
	rb_buf b;
	int same;

	if (scope(u, t, &from, &to, &why) != 0)
		return 0;
	rb_buf_init(&b);
	rb_buf_puts(&b, "");
	for (k = from; k < to; k++)
		rb_buf_puts(&b, u->blocks[k].text);
	have = rv_normalise(b.data);
	want = rv_normalise(text);
	same = !strcmp(have, want);
	rb_buf_free(&b);
	free(have);
	free(want);
	return same;
}

/* Text without what a sentence's changes may leave out around the words
 * they insert: punctuation, quotation marks and spaces (caller frees). */
static char *
words_only(const char *s)
{
	/* as rv_normalise leaves them: full-width ，；： folded to ASCII */
	static const char *const marks[] = {",", "、", ";", "。", ":", "\"", "'", NULL};
	char *n = rv_normalise(s), *r = n, *w = n;
	size_t k, m;

	while (*r) {
		for (k = 0, m = 0; marks[k] && !m; k++)
			if (!strncmp(r, marks[k], strlen(marks[k])))
				m = strlen(marks[k]);
		if (m)
			r += m;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return n;
}

/* The scope's text joined (caller frees). */
static char *
scope_text(const rv_unit *u, size_t from, size_t to)
{
	rb_buf b;
	size_t k;

	rb_buf_init(&b);
	rb_buf_puts(&b, "");
	for (k = from; k < to; k++)
		rb_buf_puts(&b, u->blocks[k].text);
	return rb_buf_detach(&b);
}

/* 第六项“（六）……”: an item quoted without the mark that ends it (；): the
 * mark, or NULL when the item does not read so. */
static const char *
item_mark(const rv_unit *u, const rv_target *t, const char *quoted)
{
	static const char *const marks[] = {"；", "。", "，", NULL};
	size_t from, to, k, n;
	const char *why;
	char *have, *want;
	const char *mark = NULL;

	if (!t->item || scope(u, t, &from, &to, &why) != 0)
		return NULL;
	have = rv_normalise(u->blocks[from].text);
	want = rv_normalise(quoted);
	n = strlen(want);
	for (k = 0; marks[k] && !mark; k++) {
		char *m = rv_normalise(marks[k]);

		if (!strncmp(have, want, n) && !strcmp(have + n, m))
			mark = marks[k];
		free(m);
	}
	free(have);
	free(want);
	return mark;
}

static int
ends_in_mark(const char *s)
{
	static const char *const marks[] = {"；", "。", "，", "：", NULL};
	size_t n = strlen(s), k;

	for (k = 0; marks[k]; k++)
		if (n >= strlen(marks[k]) && !strcmp(s + n - strlen(marks[k]), marks[k]))
			return 1;
	return 0;
}

/* Does the part t names read what the stated text says, but for the
 * punctuation around words the sentence inserted? */
static int
reads_as_stated(const rv_unit *u, const rv_target *t, char *const *payload, size_t np)
{
	size_t from, to, k;
	const char *why;
	char *have, *a, *b;
	rb_buf want;
	int same;

	if (scope(u, t, &from, &to, &why) != 0)
		return 0;
	have = scope_text(u, from, to);
	rb_buf_init(&want);
	rb_buf_puts(&want, "");
	for (k = 0; k < np; k++)
		rb_buf_puts(&want, payload[k]);
	a = words_only(have);
	b = words_only(want.data);
	same = !strcmp(a, b);
	free(have);
	free(a);
	free(b);
	rb_buf_free(&want);
	return same;
}

/* Does the article say the words (normalised) anywhere? */
static int
says_somewhere(const rv_unit *u, const char *words)
{
	char *all = scope_text(u, 0, u->nblocks), *h = rv_normalise(all), *w = rv_normalise(words);
	int yes = strstr(h, w) != NULL;

	free(all);
	free(h);
	free(w);
	return yes;
}

int
rv_apply_to_article(rv_unit *u, const rv_amend_op *op, const rv_target *t, const char **why)
{
	size_t from, to, k;
	int seen = 0;
	const char *mark = NULL;

	*why = NULL;
	switch (op->kind) {
	case RV_OP_REPLACE:
		if (op->lead && !says_somewhere(u, op->lead)) {	/* 第X条“lead”中第N项 */
			*why = "words";
			return -1;
		}
		if (op->a && !says(u, t, op->a) && !(mark = item_mark(u, t, op->a))) {
			/* 宪法第X条“……”修改为 */
			*why = scope(u, t, &from, &to, why) != 0 ? *why : "words";
			return -1;
		}
		if (op->stated && !reads_as_stated(u, t, op->payload, op->npayload)) {
			*why = scope(u, t, &from, &to, why) != 0 ? *why : "stated";
			return -1;
		}
		if (!t->para && !t->item) {
			rv_unit_set_payload(u, op->payload, op->npayload);
			return 0;
		}
		if (scope(u, t, &from, &to, why) != 0)
			return -1;
		splice(u, from, to - from, op->payload, op->npayload, !t->item);
		if (mark && op->npayload && !ends_in_mark(u->blocks[from + op->npayload - 1].text)) {
			/* the mark the quotation left out stays */
			rv_block *bl = &u->blocks[from + op->npayload - 1];
			rb_buf b;

			rb_buf_init(&b);
			rb_buf_puts(&b, bl->text);
			rb_buf_puts(&b, mark);
			free(bl->text);
			bl->text = rb_buf_detach(&b);
		}
		return 0;
	case RV_OP_SUBST:
	case RV_OP_ADD_WORDS:
	case RV_OP_DELETE_WORDS:
		if (scope(u, t, &from, &to, why) != 0)
			return -1;
		if (!replace_words(u, from, to, op->a, op->kind == RV_OP_SUBST ? op->b :
				   op->kind == RV_OP_DELETE_WORDS ? "" : op->b,
				   op->kind != RV_OP_ADD_WORDS ? 0 : op->before ? -1 : 1)) {
			*why = "words";
			return -1;
		}
		return 0;
	case RV_OP_DELETE:
		if (!t->para && !t->item)
			return 0;	/* the whole article: the document's business */
		if (scope(u, t, &from, &to, why) != 0)
			return -1;
		if (from == 0 && !t->item) {
			/* the first 款 goes: the second becomes the article's text */
			splice(u, from, to - from, NULL, 0, 0);
			return 0;
		}
		splice(u, from, to - from, NULL, 0, 0);
		if (t->item)
			shift_items(u, from, -1);
		return 0;
	case RV_OP_ADD_PARA: {
		int want = op->new_number ? op->new_number : 0, paras = 0;

		for (k = 0; k < u->nblocks; k++)
			paras += u->blocks[k].kind == RV_PARA;
		if (!want)
			want = paras + 1;
		if (want < 1 || want > paras + 1) {
			*why = "款";
			return -1;
		}
		if (want == paras + 1)
			from = u->nblocks;
		else
			para_range(u, want, &from, &to);
		splice(u, from, 0, op->payload, op->npayload, 1);
		return 0;
	}
	case RV_OP_ADD_ITEM: {
		rv_target pt = *t;

		pt.item = 0;
		if (scope(u, &pt, &from, &to, why) != 0)
			return -1;
		if (op->a && !strstr(u->blocks[from].text, op->a)) {	/* the lead-in quoted */
			*why = "words";
			return -1;
		}
		if (op->new_number > 0) {
			for (k = from; k < to; k++)
				if (u->blocks[k].kind == RV_ITEM && ++seen == op->new_number)
					break;
			if (k == to && seen + 1 != op->new_number) {
				*why = "项";
				return -1;
			}
		} else
			k = to;
		splice(u, k, 0, op->payload, op->npayload, 0);
		if (k < to) {
			rv_block *nb = &u->blocks[k + op->npayload - 1];
			const char *nx = u->blocks[k + op->npayload].text;
			const char *pv = k > from && u->blocks[k - 1].kind == RV_ITEM ? u->blocks[k - 1].text : nx;
			size_t nl = strlen(pv);

			/* 作为第七项“（七）……”: quoted without the ； that ends
			 * every item but the last, as the one before it (or, first,
			 * the one after) */
			if (op->npayload && !ends_in_mark(nb->text) && nl >= 3 && !strcmp(pv + nl - 3, "；")) {
				rb_buf b;

				rb_buf_init(&b);
				rb_buf_puts(&b, nb->text);
				rb_buf_puts(&b, "；");
				free(nb->text);
				nb->text = rb_buf_detach(&b);
			}
			shift_items(u, k + op->npayload, 1);
		}
		return 0;
	}
	case RV_OP_ADD_SENTENCE: {	/* at the end of the article or 款, or after a */
		rb_buf b;

		if (scope(u, t, &from, &to, why) != 0)
			return -1;
		if (from == to || !op->npayload) {
			*why = "words";
			return -1;
		}
		if (op->a) {
			rb_buf_init(&b);
			for (k = 0; k < op->npayload; k++)
				rb_buf_puts(&b, op->payload[k]);
			k = replace_words(u, from, to, op->a, b.data ? b.data : "", 1);
			rb_buf_free(&b);
			*why = k ? NULL : "words";
			return k ? 0 : -1;
		}
		rb_buf_init(&b);
		rb_buf_puts(&b, u->blocks[to - 1].text);
		for (k = 0; k < op->npayload; k++)
			rb_buf_puts(&b, op->payload[k]);
		free(u->blocks[to - 1].text);
		u->blocks[to - 1].text = rb_buf_detach(&b);
		u->blocks[to - 1].node = NULL;
		return 0;
	}
	default:
		*why = "operation";
		return -1;
	}
}
