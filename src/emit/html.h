/* What html.c and html_markdown.c share: the page's state and the
 * escaping every string of the page goes through. */
#ifndef RB_EMIT_HTML_H
#define RB_EMIT_HTML_H

#include <stddef.h>

#include "rulebook.h"
#include "strmap.h"
#include "text/buf.h"
#include "tree/node.h"

struct html_state {
	const rb_document *doc;
	rb_buf body, toc, title, tp;
	rb_buf *bodyp;		/* the output itself, or body when the page has no {{body}} */
	const char *rest;	/* the page after its {{body}} */
	rb_strmap ids;
	char label[128];
	int base;		/* heading level of the top divisions */
};

void rb_html_esc(rb_buf *b, const char *s);
void rb_html_esc_n(rb_buf *b, const char *s, size_t n);
const char *rb_html_word(const rb_document *doc, const char *key);

/* html_markdown.c */
char *rb_html_render(rb_emit_ctx *c, const rb_node *n, const char *md, int linked);
void rb_html_inline_md(rb_emit_ctx *c, rb_buf *out, const rb_node *n, const char *md);
void rb_html_mark_refs(rb_buf *out, const char *h);
void rb_html_clause_text(rb_emit_ctx *c, rb_buf *out, const rb_node *n, const char *cls);

#endif
