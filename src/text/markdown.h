/* Splitting Markdown into its top-level blocks (markdown.c). */
#ifndef RB_TEXT_MARKDOWN_H
#define RB_TEXT_MARKDOWN_H

#include <stddef.h>

/* Split Markdown text into its top-level blocks.  Calls fn for each block
 * with the block's source text and its first line (1-based within md). */
typedef void (*rb_block_fn)(void *ctx, const char *text, size_t len, unsigned line);
void rb_md_blocks(const char *md, size_t len, rb_block_fn fn, void *ctx);

#endif
