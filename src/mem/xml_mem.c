/*
 * The memory layer's libxml2 face.
 *
 * libxml2's writer allocates and frees three small blocks for every
 * element (its stack entry, a copy of the name, a list link): through
 * malloc that was a sixth of DocBook's instructions.  Here small blocks
 * come from per-thread lists by size class, refilled from 16 kB chunks;
 * a block freed goes to the freeing thread's list.  Chunks stay for the
 * process (libxml2 holds few blocks at a time: a writer's open elements;
 * a thread that ends leaves at most its chunk's rest unused) and are
 * listed globally, so that they stay reachable after a thread ends.
 * Larger blocks go to malloc.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mem/mem.h"
#include "mem/xml_mem.h"

#define XA_HDR 16		/* before a block: its class (XA_BIG: malloc's) */
#define XA_CLASSES 7		/* 32 … 2048 bytes with the header */
#define XA_BIG ((size_t)-1)
#define XA_CHUNK ((size_t)16 << 10)

static _Thread_local void *xa_lists[XA_CLASSES];
static _Thread_local rb_bump xa_room;
static pthread_mutex_t xa_lock = PTHREAD_MUTEX_INITIALIZER;
static void *xa_chunks;		/* every chunk, linked by its first word */

static size_t
xa_size(size_t k)
{
	return (size_t)32 << k;
}

void *
rb_xml_malloc(size_t n)
{
	size_t k = 0;
	char *p;

	if (n > xa_size(XA_CLASSES - 1) - XA_HDR) {
		if (!(p = malloc(n + XA_HDR)))
			return NULL;
		*(size_t *)p = XA_BIG;
		return p + XA_HDR;
	}
	while (xa_size(k) - XA_HDR < n)
		k++;
	if (!(p = rb_list_pop(&xa_lists[k])) && !(p = rb_bump_take(&xa_room, xa_size(k)))) {
		char *c = malloc(XA_CHUNK);

		if (!c)
			return NULL;
		pthread_mutex_lock(&xa_lock);
		rb_list_push(&xa_chunks, c);
		pthread_mutex_unlock(&xa_lock);
		xa_room.cur = c + XA_HDR;	/* the link's room */
		xa_room.end = c + XA_CHUNK;
		p = rb_bump_take(&xa_room, xa_size(k));
	}
	*(size_t *)p = k;
	return p + XA_HDR;
}

void
rb_xml_free(void *q)
{
	char *p;
	size_t k;

	if (!q)
		return;
	p = (char *)q - XA_HDR;
	k = *(size_t *)p;
	if (k == XA_BIG) {
		free(p);
		return;
	}
	rb_list_push(&xa_lists[k], p);
}

void *
rb_xml_realloc(void *q, size_t n)
{
	char *p, *r;
	size_t k, have;

	if (!q)
		return rb_xml_malloc(n);
	p = (char *)q - XA_HDR;
	k = *(size_t *)p;
	if (k == XA_BIG) {
		if (!(r = realloc(p, n + XA_HDR)))
			return NULL;
		return r + XA_HDR;
	}
	have = xa_size(k) - XA_HDR;
	if (n <= have)
		return q;
	if (!(r = rb_xml_malloc(n)))
		return NULL;
	memcpy(r, q, have);
	rb_xml_free(q);
	return r;
}

char *
rb_xml_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = rb_xml_malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}
