/* Shared by the loaders. */
#ifndef RB_LOAD_H
#define RB_LOAD_H

#include "rulebook.h"

#include "text/lines.h"
#include "input.h"

/* cmark's parse of a Markdown body (mdparse.c): in pieces parsed side by
 * side by up to threads threads when the body is large and can be cut
 * safely, the same tree for any number of threads, in arenas that go with
 * the tree.  Positions of its nodes are read with rb_md_line. */
#include <cmark.h>
typedef struct rb_md_tree rb_md_tree;	/* the memory of such a tree */
extern size_t rb_md_piece_size;	/* bytes per piece (0: never cut) */
/* How many pieces s would be parsed in. */
size_t rb_md_pieces(const char *s, size_t n);
/* A look at each piece as soon as it is parsed, on the thread that parsed
 * it (while its blocks are in that thread's cache): begin with the number
 * of pieces first, then piece for each, in any order and side by side,
 * and beside the reading of the pieces before (so it reads only what
 * does not change: the source, the line index).
 * The piece's top-level blocks are root's children, and rb_md_line
 * already gives their lines. */
typedef struct rb_md_look {
	void (*begin)(void *ctx, size_t npieces);
	void (*piece)(void *ctx, size_t k, cmark_node *root);
	void *ctx;
} rb_md_look;
/* Starts the parse of s (within the buffer lines indexes) and returns
 * the document node once the first piece's blocks are under it; the
 * others come as they are read: */
cmark_node *rb_md_parse(rb_lines *lines, const char *s, size_t n, int threads,
			const rb_md_look *look, rb_md_tree **tree);
/* The top-level block after b (the first when b is NULL), waiting for
 * the next piece at the end of one (a block within a block: its next). */
cmark_node *rb_md_next(rb_md_tree *tree, cmark_node *b);
/* Join the next piece's blocks (waiting for its parse and look); 0 when
 * every piece is joined. */
int rb_md_more(rb_md_tree *tree);
/* How many pieces are joined (each one looked at). */
size_t rb_md_joined(const rb_md_tree *tree);
/* The start (end 0) or end line of a node of the tree, counted from the
 * start of the body. */
int rb_md_line(cmark_node *n, int end);
/* The top-level blocks before next have been read: their memory may go
 * (next NULL: nothing is released; rb_md_tree_free does it all).
 * Returns whether three quarters of the pieces (or more) have been read. */
int rb_md_release(rb_md_tree *tree, cmark_node *next);
/* Free a string cmark gave for a node of the tree. */
void rb_md_free(void *p);
/* The whole tree, at once (cmark_node_free is not used on it). */
void rb_md_tree_free(rb_md_tree *tree);

/* Load the document at path (relative to the manifest book->source)
 * into the book; line/col locate the entry for diagnostics.  Documents
 * that state no profile take opts->default_profile (the manifest's). */
void rb_manifest_add(rb_document *book, const char *path, const rb_load_opts *opts,
		     unsigned line, unsigned col, rb_diags *d);
/* A book that states no lang: the language most of its documents have
 * (the first one's on a tie), so a handbook of English policies gets
 * Contents, not 目录. */
void rb_book_choose_lang(rb_document *book);

/* Read YAML front matter (data is the file up to the closing '---' line,
 * so marks are file positions) into doc's metadata and profile. */
void rb_load_front_matter(rb_document *doc, const char *name, const char *data,
			  size_t len, const rb_load_opts *opts, rb_diags *d);

#endif
