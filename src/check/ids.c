/*
 * Stable ids (SPEC §2): a clause's id is its scope's id, its kind and
 * its number (chapter-2-article-15, article-15-2 for 第十五条之二), the
 * document's key before it in a handbook; a clause without a number is
 * counted per kind; an id taken is followed by -2, -3 …  The ids the
 * source states go in first, and one stated twice is reported.
 */
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "util.h"
#include "check/check.h"

/* PREFIX-KIND-A[-B] (no PREFIX- when it is empty), in the arena; without
 * printf, as it runs for every clause. */
static char *
id_join(rb_document *doc, const char *prefix, const char *kind, int a, int b)
{
	char tmp[256];
	size_t pl = strlen(prefix), kl = strlen(kind), n = 0;

	if (pl + kl + 40 > sizeof(tmp))
		return b ? rb_arena_printf(doc->arena, "%s-%s-%d-%d", prefix, kind, a, b)
			 : rb_arena_printf(doc->arena, "%s-%s-%d", prefix, kind, a);
	if (pl) {
		memcpy(tmp, prefix, pl);
		n = pl;
		tmp[n++] = '-';
	}
	memcpy(tmp + n, kind, kl);
	n += kl;
	tmp[n++] = '-';
	n += rb_itoa(tmp + n, a);
	if (b) {
		tmp[n++] = '-';
		n += rb_itoa(tmp + n, b);
	}
	return rb_arena_strndup(doc->arena, tmp, n);
}

void
rb_assign_id(rb_node *n, rb_strset *ids, int *counter, const char *docp)
{
	rb_document *doc = n->doc;
	const rb_node *scope;
	const char *base, *prefix = "";
	char *id;
	int k;

	if (n->explicit_id)
		return;
	if (n->number > 0 && rb_numbered_kind(n->kind)) {
		scope = rb_number_scope(n);
		if (scope && scope->kind != RB_DOCUMENT && scope->kind != RB_BOOK && *scope->id)
			prefix = scope->id;
		else if (docp)
			prefix = docp;	/* in a handbook: the document's key */
		base = id_join(doc, prefix, rb_kind_name(n->kind), n->number, n->insert);
	} else
		base = id_join(doc, docp ? docp : "", rb_kind_name(n->kind), ++counter[n->kind], 0);
	id = (char *)base;
	for (k = 2; !rb_strset_add(ids, id); k++)	/* taken: -2, -3 … */
		id = rb_arena_printf(doc->arena, "%s-%d", base, k);
	n->id = id;
}

/* The ids the source states go into the set before any is derived, in
 * the document's order (the walk of the numbering listed their nodes):
 * a stated id used twice is reported at the second, with the first of
 * the document that stated it. */
void
rb_add_explicit_ids(rb_node **v, size_t n, rb_strset *ids, rb_diags *d)
{
	rb_strmap first;
	size_t i;

	if (!n)
		return;
	rb_strmap_init(&first);
	for (i = 0; i < n; i++) {
		const rb_node *f;

		rb_strmap_add(&first, v[i]->id, v[i]);
		if (rb_strset_add(ids, v[i]->id))
			continue;
		rb_diag_report(d, RB_D_INPUT_DUPLICATE_ID, v[i]->file, v[i]->line, v[i]->column,
			       "id '%s' is used twice", v[i]->id);
		if ((f = rb_strmap_get(&first, v[i]->id)) != v[i])
			rb_diag_note(d, f->file, f->line, f->column, "first used here");
	}
	rb_strmap_free(&first);
}

/* A document's key from its file: the stem when that is a plain name
 * (medical-insurance; a letter or _ first, as an XML id must start),
 * else doc-N. */
static const char *
file_key(rb_document *doc, size_t index)
{
	const char *base = strrchr(doc->source, '/'), *dot;
	size_t n, i;

	base = base ? base + 1 : doc->source;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	for (i = 0; i < n; i++)
		if (!((base[i] >= 'a' && base[i] <= 'z') || (base[i] >= 'A' && base[i] <= 'Z') ||
		      (base[i] >= '0' && base[i] <= '9' && i > 0) || (base[i] == '-' && i > 0) ||
		      base[i] == '_'))
			break;
	if (n == 0 || i < n)
		return rb_arena_printf(doc->arena, "doc-%zu", index + 1);
	return rb_arena_printf(doc->arena, "%.*s", (int)n, base);
}

void
rb_book_keys(rb_document *book, const char **keys)
{
	rb_strset taken;
	size_t i;
	int k;

	rb_strset_init(&taken);
	/* --split writes the book's contents as index.html */
	rb_strset_add(&taken, "index");
	for (i = 0; i < book->ndocs; i++) {
		rb_document *doc = book->docs[i];
		/* the documents of a book in one file share its name */
		const char *base = strcmp(doc->source, book->source) ? file_key(doc, i) :
		    rb_arena_printf(doc->arena, "doc-%zu", i + 1);
		const char *key = base;

		for (k = 2; !rb_strset_add(&taken, key); k++)	/* rules, rules-2 … */
			key = rb_arena_printf(doc->arena, "%s-%d", base, k);
		keys[i] = key;
	}
	rb_strset_free(&taken);
}
