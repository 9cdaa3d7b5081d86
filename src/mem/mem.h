/* The memory layer (src/mem/): allocation that cannot fail, page blocks
 * for large memory, the document arena's adoption of a thread's arena.
 * The allocators handed to cmark and libxml2 are its other faces
 * (cmark_mem.h, xml_mem.h). */
#ifndef RB_MEM_H
#define RB_MEM_H

#include <stddef.h>
#include <string.h>

#include "rulebook.h"

/* Allocation that cannot fail: out of memory ends the process with a
 * message (there is no sensible way to continue a build). */
void *rb_xmalloc(size_t n);
void *rb_xcalloc(size_t n, size_t m);
/* rb_xcalloc on an align-byte boundary (a struct that keeps a cache line
 * of its own); freed with free. */
void *rb_xcalloc_aligned(size_t align, size_t n, size_t m);
void *rb_xrealloc(void *p, size_t n);
char *rb_xstrdup(const char *s);
/* s[0, n) as a string of its own. */
char *rb_xstrndup(const char *s, size_t n);
/* Out of memory: a message and exit status 2. */
void rb_fatal_oom(void) __attribute__((noreturn));

/* Memory for a large block: mapped ready for use from 64 kB, in huge
 * pages from 2 MB; smaller blocks come from malloc.  The layer keeps
 * each block's size: rb_pages_free and rb_pages_grow take the block
 * alone. */
void *rb_pages(size_t size);
/* rb_pages, all bytes zero. */
void *rb_pages_zero(size_t size);
/* The block p (NULL: none) moved into one of more bytes, its bytes kept
 * up to the smaller size. */
void *rb_pages_grow(void *p, size_t more);
void rb_pages_free(void *p);

/* The primitive of the small-block allocators (cmark's and libxml2's
 * faces): a run of memory handed out front to back, and lists of blocks
 * given back, linked through their first word, to be handed out again.
 * Inline: they take and give back a block or more per node. */
typedef struct rb_bump {
	char *cur, *end;
} rb_bump;

/* n bytes from the run, or NULL when it has not so many left. */
static inline void *
rb_bump_take(rb_bump *b, size_t n)
{
	char *p = b->cur;

	if ((size_t)(b->end - p) < n)
		return NULL;
	b->cur = p + n;
	return p;
}

static inline void
rb_list_push(void **head, void *p)
{
	memcpy(p, head, sizeof(void *));
	*head = p;
}

/* The newest block of the list, or NULL when it is empty. */
static inline void *
rb_list_pop(void **head)
{
	void *p = *head;

	if (p)
		memcpy(head, p, sizeof(void *));
	return p;
}

/* Move everything of from into into (from is freed): what a thread
 * made in an arena of its own joins the document's. */
void rb_arena_adopt(rb_arena *into, rb_arena *from);

#endif
