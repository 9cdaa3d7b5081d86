/* What docbook.c and docbook_markdown.c share: the writer's state and
 * the writer calls both make, so clause text is written the way the
 * tree around it is. */
#ifndef RB_EMIT_DOCBOOK_H
#define RB_EMIT_DOCBOOK_H

#include <stddef.h>

#include "rulebook.h"
#include "strmap.h"
#include "text/buf.h"
#include "tree/node.h"
#include "xmllib.h"

struct db_state {
	const rb_document *doc;
	xmlTextWriterPtr w;
	rb_strmap ids;
	char label[128];
	const char *pending_id;	/* for the first block of a 款's text */
	int pending_closing;	/* and its role when it is the 落款 */
	int inline_depth;	/* open elements inside mixed content, itself included */
	int depth;		/* open elements of element content */
	int md_depth;		/* Markdown quotes, lists and inlines open */
	int started;
	unsigned char nested[256];	/* has element children, per depth */
	int failed;
	rb_buf *out;
	int quiet;		/* output dropped (db_quiet) */
};

#define W(st) ((st)->w)

void rb_docbook_start(struct db_state *st, const char *name);
void rb_docbook_start_mixed(struct db_state *st, const char *name);
void rb_docbook_end(struct db_state *st);
void rb_docbook_start_block(struct db_state *st, const char *name);
void rb_docbook_attr(struct db_state *st, const char *name, const char *value);
void rb_docbook_text_n(struct db_state *st, const char *s, size_t n);
void rb_docbook_text(struct db_state *st, const char *s);
void rb_docbook_element(struct db_state *st, const char *name, const char *content);

/* docbook_markdown.c */
void rb_docbook_markdown(struct db_state *st, const rb_node *n, const char *md, int with_refs);
void rb_docbook_inline_element(struct db_state *st, const char *name, const rb_node *n,
			       const char *md);

#endif
