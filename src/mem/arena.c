/* Arena allocator: one per document, freed in one go. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"

#define BLOCK_SIZE (64 * 1024)
#define MAX_BLOCK (2 * 1024 * 1024 - sizeof(struct block))	/* a huge page */

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct rb_arena {
	struct block *head;
	size_t total;
};

rb_arena *
rb_arena_new(void)
{
	return rb_xcalloc(1, sizeof(rb_arena));
}

void
rb_arena_free(rb_arena *a)
{
	struct block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		rb_pages_free(b);
	}
	free(a);
}

void
rb_arena_adopt(rb_arena *into, rb_arena *from)
{
	struct block *b = from->head;

	if (b) {	/* from's blocks behind into's current one */
		while (b->next)
			b = b->next;
		if (into->head) {
			b->next = into->head->next;
			into->head->next = from->head;
		} else
			into->head = from->head;
		into->total += from->total;
	}
	free(from);
}

void *
rb_arena_alloc(rb_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct block *b = a->head;
	void *p;

	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (!b || b->size - b->used < n) {
		/* blocks double with the arena up to 2 MB, a huge page: a
		 * large document faults its tree in a page per 2 MB */
		size_t grow = a->total < BLOCK_SIZE ? BLOCK_SIZE
			      : a->total < MAX_BLOCK ? a->total : MAX_BLOCK;
		size_t size = n > grow ? n : grow;

		/* zeroed once (new pages come so): what the arena hands
		 * out is zero without a memset per allocation */
		b = rb_pages_zero(sizeof(*b) + size);
		b->used = 0;
		b->size = size;
		/* A large one-off allocation goes behind the current block so
		 * the current block keeps serving small ones. */
		if (a->head && n > BLOCK_SIZE / 4) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
		a->total += size;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *
rb_arena_strndup(rb_arena *a, const char *s, size_t n)
{
	char *p = rb_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
rb_arena_strdup(rb_arena *a, const char *s)
{
	return rb_arena_strndup(a, s, strlen(s));
}

char *
rb_arena_printf(rb_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p, small[256];

	/* one pass for the short strings (ids, labels) that are most calls */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	p = rb_arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof(small)) {
		memcpy(p, small, (size_t)n + 1);
		return p;
	}
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t
rb_arena_used(const rb_arena *a)
{
	return a->total;
}
