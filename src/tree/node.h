/* Finding nodes of a document (node.c). */
#ifndef RB_TREE_NODE_H
#define RB_TREE_NODE_H

#include <stddef.h>
#include "rulebook.h"
#include "strmap.h"

/* The nodes of a document, or of a book and its documents. */
size_t rb_document_nodes(const rb_document *doc);
/* Index every node of a document (or book) by id. */
void rb_index_ids(const rb_document *doc, rb_strmap *m);
const rb_node *rb_lookup_id(const rb_document *doc, rb_strmap *m, const char *id);
/* The label a reference to n shows: 第十条, （三）, 1.2, 一 (from 一、). */
const char *rb_ref_label(const rb_node *n, char *buf, size_t size);

#endif
