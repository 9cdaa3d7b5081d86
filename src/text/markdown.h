/* Splitting Markdown into its top-level blocks (markdown.c). */
#ifndef RB_TEXT_MARKDOWN_H
#define RB_TEXT_MARKDOWN_H

#include <stddef.h>

/* Split Markdown text into its top-level blocks.  Calls fn for each block
 * with the block's source text and its first line (1-based within md). */
typedef void (*rb_block_fn)(void *ctx, const char *text, size_t len, unsigned line);
void rb_md_blocks(const char *md, size_t len, rb_block_fn fn, void *ctx);

/* Append s[0, n), one line, escaped where at the left margin it would
 * start a block rather than go on as text (md_escape.c). */
struct rb_buf;
void rb_md_put_as_text(struct rb_buf *out, const char *s, size_t n);

#endif
