/*
 * The memory layer's cmark face: arenas for cmark's parse of a Markdown
 * body in pieces (load/mdparse.c).
 *
 * cmark allocates and frees a node, a string or two per block and
 * inline; here each parsing thread bumps through an arena of its own
 * (huge pages from 2 MB: a page fault per 2 MB, not per 4 kB; the newest
 * block given back goes back to the arena, others to lists by size that
 * serve the same piece again), each chunk noting the last piece with
 * blocks in it, and the reader drops a chunk as soon as it has read past
 * that piece (rb_cm_arena_release) — but the document node's, which
 * cmark's renderer looks up to (rb_cm_arena_keep) — so cmark's tree is
 * not whole beside ours for long.  cmark_mem passes no context, so the
 * arena in use is a thread-local pointer: the parsing thread's, then, on
 * the reader's thread, the tree's reader arena (for what reading
 * allocates: cmark_render_commonmark).  With 8 MB of huge pages where it
 * used 4 kB pages from malloc, a check of a 3 MB law went from 0.14 s to
 * 0.10 s.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "mem/mem.h"
#include "mem/cmark_mem.h"

#define CHUNK ((size_t)2 << 20)
#define MIN_CHUNK ((size_t)64 << 10)

/* Before every block: twice its size, plus 1 when it came from malloc.
 * Blocks are 8-byte aligned, as cmark's structures need (pointers and
 * sizes; nothing wider). */
struct hdr {
	size_t word;
};

#define SIZE(h) ((h)->word >> 1)
#define HEAP(h) ((h)->word & 1)

struct rb_cm_chunk {
	struct rb_cm_chunk *next;
	size_t size;
	size_t hi;		/* the last piece with blocks in it (set when
				 * the chunk is made and when a piece starts
				 * in it: a piece's blocks go only to the
				 * newest chunk, or to chunks made during it) */
};

static _Thread_local struct rb_cm_arena *cm_arena;

static size_t
round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* The size class of n (8 <= n <= 1 kB): the least k with 2^k >= n. */
static int
class_above(size_t n)
{
	int k = 3;

	while (((size_t)1 << k) < n)
		k++;
	return k;
}

/* A new chunk for at least need bytes, the arena's room from now. */
static void
add_chunk(struct rb_cm_arena *a, size_t need)
{
	size_t size = a->chunks ? CHUNK : a->first ? a->first : MIN_CHUNK;
	struct rb_cm_chunk *c;

	if (size < need + sizeof(struct rb_cm_chunk))
		size = need + sizeof(struct rb_cm_chunk);
	c = rb_pages(size);
	c->size = size;
	c->hi = a->piece;
	if (a->lock)
		pthread_mutex_lock(a->lock);
	c->next = a->chunks;
	a->chunks = c;
	if (a->lock)
		pthread_mutex_unlock(a->lock);
	a->room.cur = (char *)(c + 1);
	a->room.end = (char *)c + size;
}

static void *
cm_alloc(size_t bytes)
{
	struct rb_cm_arena *a = cm_arena;
	size_t need;
	struct hdr *h;

	if (bytes > SIZE_MAX / 4)
		rb_fatal_oom();
	need = sizeof(struct hdr) + round8(bytes);
	if (!a) {
		h = rb_xmalloc(need);
		h->word = bytes << 1 | 1;
		return h + 1;
	}
	/* a block given back that is large enough: cmark gives back a
	 * paragraph's text as it reads its inlines, and takes blocks of
	 * that size again for the next one */
	if (a->parsing && round8(bytes) <= ((size_t)1 << (RB_CM_CLASSES - 1))) {
		int k;

		for (k = class_above(round8(bytes)); k < RB_CM_CLASSES; k++) {
			void *p = rb_list_pop(&a->freed[k]);

			if (p) {
				h = (struct hdr *)p - 1;
				h->word = bytes << 1;
				return p;
			}
		}
	}
	if (!(h = rb_bump_take(&a->room, need))) {
		add_chunk(a, need);
		h = rb_bump_take(&a->room, need);
	}
	h->word = bytes << 1;
	return h + 1;
}

static void *
cm_calloc(size_t n, size_t m)
{
	void *p;

	if (m && n > SIZE_MAX / 4 / m)
		rb_fatal_oom();
	p = cm_alloc(n * m);
	memset(p, 0, n * m);
	return p;
}

static void *
cm_realloc(void *p, size_t bytes)
{
	struct rb_cm_arena *a = cm_arena;
	struct hdr *h;
	void *q;

	if (!p)
		return cm_alloc(bytes);
	h = (struct hdr *)p - 1;
	if (HEAP(h)) {
		if (bytes > SIZE_MAX / 4)
			rb_fatal_oom();
		h = rb_xrealloc(h, sizeof(struct hdr) + round8(bytes));
		h->word = bytes << 1 | 1;
		return h + 1;
	}
	if (bytes <= SIZE(h))
		return p;
	/* the newest block of the arena grows where it is */
	if (a && (char *)p + round8(SIZE(h)) == a->room.cur &&
	    (size_t)(a->room.end - (char *)p) >= round8(bytes)) {
		a->room.cur = (char *)p + round8(bytes);
		h->word = bytes << 1;
		return p;
	}
	q = cm_alloc(bytes);
	memcpy(q, p, SIZE(h));
	return q;
}

/* A block given back: the newest one's room goes back to the arena; the
 * rest waits for the arena to go (cmark gives back little before it is
 * done with a piece). */
void
rb_cm_free(void *p)
{
	struct hdr *h = p ? (struct hdr *)p - 1 : NULL;
	struct rb_cm_arena *a = cm_arena;
	size_t cap = h ? round8(SIZE(h)) : 0;

	if (h && HEAP(h))
		free(h);
	else if (h && a && (char *)p + cap == a->room.cur)
		a->room.cur = (char *)h;
	else if (h && a && a->parsing && cap >= sizeof(void *)) {
		/* a block of the piece (in a chunk made since it began, or
		 * the one newest then): kept for a block of its size */
		struct rb_cm_chunk *c;
		int k = 3;

		for (c = a->chunks; c; c = c->next) {
			if ((char *)h > (char *)c && (char *)h < (char *)c + c->size)
				break;
			if (c == a->before) {
				c = NULL;
				break;
			}
		}
		if (!c)
			return;
		while (k + 1 < RB_CM_CLASSES && ((size_t)1 << (k + 1)) <= cap)
			k++;
		rb_list_push(&a->freed[k], p);
	}
}

cmark_mem rb_cm_mem = {cm_calloc, cm_realloc, rb_cm_free};

void
rb_cm_arena_init(struct rb_cm_arena *a, pthread_mutex_t *lock, size_t body_bytes)
{
	memset(a, 0, sizeof(*a));
	a->lock = lock;
	/* about what cmark's tree of a piece takes */
	a->first = body_bytes * 8 < MIN_CHUNK ? MIN_CHUNK
		   : body_bytes * 8 > CHUNK ? CHUNK : body_bytes * 8;
}

struct rb_cm_arena *
rb_cm_arena_use(struct rb_cm_arena *a)
{
	struct rb_cm_arena *outer = cm_arena;

	cm_arena = a;
	return outer;
}

struct rb_cm_arena *
rb_cm_arena_begin_piece(struct rb_cm_arena *a, size_t i)
{
	if (a->lock)
		pthread_mutex_lock(a->lock);
	a->piece = i;
	if (a->chunks && a->chunks->hi < i)
		a->chunks->hi = i;	/* the newest chunk is kept from now */
	a->before = a->chunks;
	if (a->lock)
		pthread_mutex_unlock(a->lock);
	a->parsing = 1;
	return rb_cm_arena_use(a);
}

void
rb_cm_arena_end_piece(struct rb_cm_arena *a, struct rb_cm_arena *outer)
{
	a->parsing = 0;
	memset(a->freed, 0, sizeof(a->freed));
	rb_cm_arena_use(outer);
}

void
rb_cm_arena_keep(struct rb_cm_arena *a, const void *p)
{
	struct rb_cm_chunk *c;

	for (c = a->chunks; c; c = c->next)
		if ((const char *)p > (char *)c && (const char *)p < (char *)c + c->size)
			c->hi = (size_t)-1;
}

void
rb_cm_arena_release(struct rb_cm_arena *a, size_t i)
{
	struct rb_cm_chunk **pc = &a->chunks, *c;

	while ((c = *pc) != NULL) {
		if (c->hi < i) {
			/* the newest holds the arena's room; it goes only
			 * while the arena's thread is between pieces (it
			 * takes the lock to start one) */
			if (pc == &a->chunks)
				a->room.cur = a->room.end = NULL;
			*pc = c->next;
			rb_pages_free(c);
		} else
			pc = &c->next;
	}
}

void
rb_cm_arena_free(struct rb_cm_arena *a)
{
	struct rb_cm_chunk *c, *next;

	for (c = a->chunks; c; c = next) {
		next = c->next;
		rb_pages_free(c);
	}
	a->chunks = NULL;
	a->room.cur = a->room.end = NULL;
	memset(a->freed, 0, sizeof(a->freed));
}
