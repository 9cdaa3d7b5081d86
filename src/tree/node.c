/* The clause tree: documents, nodes, metadata values. */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "tree/node.h"

static const char *const kind_names[RB_KIND__COUNT] = {
	"book", "document", "part", "chapter", "section", "article",
	"paragraph", "item", "table", "heading",
};

const char *
rb_kind_name(rb_kind k)
{
	return k < RB_KIND__COUNT ? kind_names[k] : "unknown";
}

int
rb_kind_lookup(const char *name)
{
	int i;

	for (i = 0; i < RB_KIND__COUNT; i++)
		if (strcmp(kind_names[i], name) == 0)
			return i;
	return -1;
}

rb_document *
rb_document_new(const char *source, rb_kind root_kind)
{
	rb_document *doc = rb_xcalloc(1, sizeof(*doc));

	doc->arena = rb_arena_new();
	doc->source = rb_arena_strdup(doc->arena, source ? source : "-");
	doc->preamble = "";
	doc->profile = rb_profile_default();
	doc->meta.type = RB_VAL_MAP;
	doc->root = rb_node_new(doc, root_kind);
	doc->root->file = doc->source;
	return doc;
}

void
rb_document_free(rb_document *doc)
{
	size_t i;

	if (!doc)
		return;
	for (i = 0; i < doc->ndocs; i++)
		rb_document_free(doc->docs[i]);
	free(doc->docs);
	if (doc->import) {
		rb_import_free(doc->import);
		free(doc->import);
	}
	rb_arena_free(doc->arena);
	free(doc);
}

rb_node *
rb_node_new(rb_document *doc, rb_kind kind)
{
	rb_node *n = rb_arena_alloc(doc->arena, sizeof(*n));

	n->kind = kind;
	n->label = "";
	n->title = "";
	n->text = "";
	n->id = "";
	n->doc = doc;
	n->file = doc->source;
	doc->nnodes++;
	return n;
}

size_t
rb_document_nodes(const rb_document *doc)
{
	size_t n = doc->nnodes, i;

	for (i = 0; i < doc->ndocs; i++)
		n += rb_document_nodes(doc->docs[i]);
	return n;
}

void
rb_node_append(rb_node *parent, rb_node *child)
{
	child->parent = parent;
	child->prev = parent->last;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

const char *
rb_document_title(const rb_document *doc)
{
	return doc->root->title ? doc->root->title : "";
}

const char *
rb_document_lang(const rb_document *doc)
{
	const char *l = rb_meta_get(doc, "lang");

	if (l && *l)
		return l;
	return doc->lang ? doc->lang : doc->profile->lang;
}

const char *
rb_meta_get(const rb_document *doc, const char *key)
{
	const rb_value *v;

	for (v = doc->meta.first; v; v = v->next)
		if (v->key && strcmp(v->key, key) == 0)
			return v->type == RB_VAL_STRING ? v->str : NULL;
	return NULL;
}

rb_value *
rb_value_new(rb_document *doc, rb_value_type t, const char *key)
{
	rb_value *v = rb_arena_alloc(doc->arena, sizeof(*v));

	v->type = t;
	v->key = key;
	v->str = "";
	return v;
}

void
rb_value_append(rb_value *parent, rb_value *child)
{
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

/* The node with this id; the index m (empty at first) is built on the
 * first lookup, so that documents without links never pay for it. */
const rb_node *
rb_lookup_id(const rb_document *doc, rb_strmap *m, const char *id)
{
	if (m->n == 0)
		rb_index_ids(doc, m);
	return rb_strmap_get(m, id);
}

void
rb_index_ids(const rb_document *doc, rb_strmap *m)
{
	rb_walker w;
	rb_event ev;

	rb_strmap_reserve(m, rb_document_nodes(doc));
	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE)
		if (ev == RB_EV_ENTER && w.cur->id && *w.cur->id)
			rb_strmap_add(m, w.cur->id, w.cur);	/* the first keeps it */
}

const char *
rb_ref_label(const rb_node *n, char *buf, size_t size)
{
	size_t len = strlen(n->label);

	if (len >= size)
		len = size - 1;
	memcpy(buf, n->label, len);
	buf[len] = '\0';
	/* 一、 → 一, 1. → 1: the mark belongs to the heading, not the name */
	if (len >= 3 && strcmp(buf + len - 3, "、") == 0)
		buf[len - 3] = '\0';
	else if (len >= 2 && buf[len - 1] == '.' && n->style != RB_STYLE_DECIMAL_OUTLINE)
		buf[len - 1] = '\0';
	if (!*buf && n->title && *n->title)
		return n->title;
	return buf;
}
