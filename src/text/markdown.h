/* Markdown as the emitters need it besides cmark: top-level blocks, plain
 * text (markdown.c). */
#ifndef RB_TEXT_MARKDOWN_H
#define RB_TEXT_MARKDOWN_H

#include <stddef.h>

#include "rulebook.h"

/* Split Markdown text into its top-level blocks.  Calls fn for each block
 * with the block's source text and its first line (1-based within md). */
typedef void (*rb_block_fn)(void *ctx, const char *text, size_t len, unsigned line);
void rb_md_blocks(const char *md, size_t len, rb_block_fn fn, void *ctx);

/* Resolves an explicit [](#id) link to the text it shows, or NULL. */
typedef const char *(*rb_link_fn)(void *ctx, const char *id);

/* Render inline/block Markdown to plain text (for the text emitter), with
 * the document's link reference definitions defs (may be NULL).  Links to
 * #id show what resolve returns (the target's current label). */
void rb_md_plain(const char *md, const char *defs, rb_buf *out, rb_link_fn resolve, void *ctx);
/* Is md one line of text that Markdown leaves as it is (no inline
 * syntax, escapes, entities or block markers)?  Emitters skip cmark then. */
int rb_md_is_plain(const char *md);
/* cmark's tree of clause Markdown, with the document's link reference
 * definitions (rb_document.link_defs, may be NULL) known to it. */
struct cmark_node *rb_md_parse_text(const char *md, size_t len, const char *defs, int options);

/* Every word under n without its structure, in order (an emitter's
 * fallback past its nesting limit, and for what it cannot mark up): text
 * for text, code and raw HTML; brk for a line break, hard or soft (the
 * emitter decides how a soft one between CJK reads). */
void rb_md_flat(struct cmark_node *n, void (*text)(void *ctx, const char *s),
		void (*brk)(void *ctx, struct cmark_node *x, int hard), void *ctx);

/* Append s[0, n), one line, escaped where at the left margin it would
 * start a block rather than go on as text (md_escape.c). */
void rb_md_put_as_text(rb_buf *out, const char *s, size_t n);

#endif
