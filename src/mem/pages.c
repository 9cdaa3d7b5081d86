/*
 * Allocation that cannot fail, and page blocks: memory for large blocks
 * (arenas, tables, buffers) in whole pages mapped before use.
 *
 * A page fault is dear (in a virtual machine, some microseconds each):
 * blocks from 64 kB are mapped with their pages filled in by one call,
 * and from 2 MB in huge pages where the kernel gives them (the whole 2 MB
 * pages of the block; the rest in small ones, so no block takes more
 * memory than its size rounded to 4 kB).  Smaller blocks come from
 * malloc.  Every block's size is kept here, in a table by address, so
 * that no caller carries it to give the block back.
 */
#define _DEFAULT_SOURCE	/* madvise */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mem/mem.h"

void
rb_fatal_oom(void)
{
	fputs("rulebook: out of memory\n", stderr);
	exit(2);
}

#define HUGE_PAGE ((size_t)2 << 20)
#define SMALL_PAGE ((size_t)4096)
#define PAGES_FROM ((size_t)64 << 10)

/* Ask for huge pages for the whole 2 MB pages inside a block before it
 * is first written (advice only: nothing changes but the number of page
 * faults). */
static void
advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
	uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t e = ((uintptr_t)p + size) & ~(uintptr_t)(HUGE_PAGE - 1);

	if (e > a)
		madvise((void *)a, (size_t)(e - a), MADV_HUGEPAGE);
#else
	(void)p;
	(void)size;
#endif
}

/* Blocks from 4 MB on (a large file, the id table of a large document)
 * are given huge pages where the kernel has them on request: a page
 * fault per 2 MB instead of per 4 kB, which was a third of the time of a
 * check of a 50 MB law. */
#define BIG ((size_t)4 << 20)

void *
rb_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		rb_fatal_oom();
	if (n >= BIG)
		advise_huge(p, n);
	return p;
}

void *
rb_xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	if (!p)
		rb_fatal_oom();
	if (m && n >= BIG / m)
		advise_huge(p, n * m);
	return p;
}

char *
rb_xstrndup(const char *s, size_t n)
{
	char *r = rb_xmalloc(n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

void *
rb_xcalloc_aligned(size_t align, size_t n, size_t m)
{
	void *p = NULL;
	size_t size = (n ? n : 1) * (m ? m : 1);

	if (posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size) != 0)
		rb_fatal_oom();
	return memset(p, 0, size);
}

void *
rb_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		rb_fatal_oom();
	if (n >= BIG)
		advise_huge(p, n);
	return p;
}

char *
rb_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = rb_xmalloc(n);

	memcpy(p, s, n);
	return p;
}

/* ---- the sizes of the blocks out ----
 *
 * An open-addressed table by address, under a lock (blocks are taken and
 * given back on every thread).  There are few blocks at a time, a few
 * hundred in a large build: the table costs nothing beside a mapping.
 * It goes when it is empty, so a finished run holds nothing. */

struct block_size {
	void *p;		/* NULL: an empty slot */
	size_t size;		/* as asked */
};

static struct {
	pthread_mutex_t lock;
	struct block_size *slot;
	size_t cap, n;		/* cap a power of two, n at most half */
} blocks = { PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0 };

static size_t
home(const void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h >> 32) & (cap - 1);
}

/* The slot of p, or the empty one where it would go. */
static size_t
slot_of(const void *p)
{
	size_t i = home(p, blocks.cap);

	while (blocks.slot[i].p && blocks.slot[i].p != p)
		i = (i + 1) & (blocks.cap - 1);
	return i;
}

static void
blocks_resize(size_t cap)
{
	struct block_size *old = blocks.slot;
	size_t oldcap = blocks.cap, i;

	blocks.slot = rb_xcalloc(cap, sizeof(*blocks.slot));
	blocks.cap = cap;
	for (i = 0; i < oldcap; i++)
		if (old[i].p)
			blocks.slot[slot_of(old[i].p)] = old[i];
	free(old);
}

static void
note_size(void *p, size_t size)
{
	pthread_mutex_lock(&blocks.lock);
	if ((blocks.n + 1) * 2 > blocks.cap)
		blocks_resize(blocks.cap ? blocks.cap * 2 : 256);
	blocks.slot[slot_of(p)] = (struct block_size){p, size};
	blocks.n++;
	pthread_mutex_unlock(&blocks.lock);
}

/* The slot of block p (under the lock); a block the layer did not give
 * is a bug to stop at, not memory to free. */
static size_t
slot_out(const void *p)
{
	size_t i = blocks.cap ? slot_of(p) : 0;

	if (!blocks.cap || !blocks.slot[i].p) {
		fputs("rulebook: a block given back that the page layer did not give\n", stderr);
		abort();
	}
	return i;
}

/* The size of block p, which stays out. */
static size_t
size_of(const void *p)
{
	size_t size;

	pthread_mutex_lock(&blocks.lock);
	size = blocks.slot[slot_out(p)].size;
	pthread_mutex_unlock(&blocks.lock);
	return size;
}

/* The size of block p, which goes: its slot emptied, the ones after it
 * in its run moved up where they would have gone without it. */
static size_t
forget_size(const void *p)
{
	size_t i, j, size, mask;

	pthread_mutex_lock(&blocks.lock);
	mask = blocks.cap - 1;
	i = slot_out(p);
	size = blocks.slot[i].size;
	for (j = (i + 1) & mask; blocks.slot[j].p; j = (j + 1) & mask) {
		size_t k = home(blocks.slot[j].p, blocks.cap);

		/* j's entry may fill i when its home is not in (i, j] */
		if (i <= j ? (k <= i || k > j) : (k <= i && k > j)) {
			blocks.slot[i] = blocks.slot[j];
			i = j;
		}
	}
	blocks.slot[i].p = NULL;
	if (--blocks.n == 0) {
		free(blocks.slot);
		blocks.slot = NULL;
		blocks.cap = 0;
	}
	pthread_mutex_unlock(&blocks.lock);
	return size;
}

/* ---- page blocks ---- */

static size_t
pages_size(size_t size)
{
	return (size + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
}

static void *
map_pages(size_t size)
{
	char *p, *q;
	size_t span;

	if (size < HUGE_PAGE) {
#ifdef MAP_POPULATE
		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
#else
		p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
		if (p == MAP_FAILED)
			rb_fatal_oom();
		return p;
	}
	/* aligned to 2 MB, the rest given back */
	span = size + HUGE_PAGE;
	p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		rb_fatal_oom();
	q = (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (q > p)
		munmap(p, (size_t)(q - p));
	if (q + size < p + span)
		munmap(q + size, (size_t)(p + span - (q + size)));
	advise_huge(q, size);
#ifdef MADV_POPULATE_WRITE
	madvise(q, size, MADV_POPULATE_WRITE);	/* advice: a kernel without it faults */
#endif
	return q;
}

void *
rb_pages(size_t size)
{
	void *p;

	if (size > SIZE_MAX / 2)
		rb_fatal_oom();
	p = size < PAGES_FROM ? rb_xmalloc(size) : map_pages(pages_size(size));
	note_size(p, size);
	return p;
}

void *
rb_pages_zero(size_t size)
{
	void *p = rb_pages(size);

	if (size < PAGES_FROM)	/* new mapped pages come zeroed */
		memset(p, 0, size);
	return p;
}

void *
rb_pages_grow(void *p, size_t more)
{
	void *q = rb_pages(more);

	if (p) {
		size_t size = size_of(p);

		memcpy(q, p, size < more ? size : more);
		rb_pages_free(p);
	}
	return q;
}

void
rb_pages_free(void *p)
{
	size_t size;

	if (!p)
		return;
	size = forget_size(p);
	if (size < PAGES_FROM)
		free(p);
	else
		munmap(p, pages_size(size));
}
