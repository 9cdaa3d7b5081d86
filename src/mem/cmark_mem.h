/* The memory layer's cmark face (cmark_mem.c): the arenas cmark's parse
 * of a Markdown body allocates from, one per parsing thread. */
#ifndef RB_MEM_CMARK_MEM_H
#define RB_MEM_CMARK_MEM_H

#include <pthread.h>
#include <stddef.h>

#include <cmark.h>

#include "mem/mem.h"

#define RB_CM_CLASSES 11	/* free lists for blocks of 8 bytes to 1 kB */

/* An arena of cmark's blocks: chunks of page blocks, each noting the
 * last piece of the body with blocks in it, so that the chunks of the
 * pieces read can go while later pieces are parsed. */
struct rb_cm_arena {
	_Alignas(128) rb_bump room;	/* (a line of its own: each thread
					 * bumps through its own arena) */
	struct rb_cm_chunk *chunks;	/* newest first */
	pthread_mutex_t *lock;	/* the parse's, over chunks and their hi
				 * (the reader gives back chunks while the
				 * arena's thread parses on); NULL: none */
	size_t first;		/* size of the first chunk */
	size_t piece;		/* the piece being parsed into it */
	/* blocks of the piece being parsed given back, by size: list k
	 * holds blocks of 2^k bytes and more; a block taken from them is
	 * the piece's again, so every chunk still holds only pieces up to
	 * its hi */
	void *freed[RB_CM_CLASSES];
	int parsing;		/* a piece is being parsed into it */
	struct rb_cm_chunk *before;	/* the newest chunk when it began */
};

/* What cmark is given to allocate with (cmark_parser_new_with_mem): it
 * allocates from the calling thread's arena, or from malloc when the
 * thread has none. */
extern cmark_mem rb_cm_mem;

/* An empty arena for a body of body_bytes (0: a small first chunk),
 * lock held while its chunk list changes. */
void rb_cm_arena_init(struct rb_cm_arena *a, pthread_mutex_t *lock, size_t body_bytes);
/* Make a the calling thread's arena; the one it had before. */
struct rb_cm_arena *rb_cm_arena_use(struct rb_cm_arena *a);
/* Piece i of the body is parsed into a on this thread from now, until
 * rb_cm_arena_end_piece (given what rb_cm_arena_begin_piece returned). */
struct rb_cm_arena *rb_cm_arena_begin_piece(struct rb_cm_arena *a, size_t i);
void rb_cm_arena_end_piece(struct rb_cm_arena *a, struct rb_cm_arena *outer);
/* The chunk holding p (if any) stays to the end (under a's lock). */
void rb_cm_arena_keep(struct rb_cm_arena *a, const void *p);
/* The chunks holding only pieces before i go (under a's lock; a
 * thread parsing into a has its pieces from i on). */
void rb_cm_arena_release(struct rb_cm_arena *a, size_t i);
/* Every chunk of a goes. */
void rb_cm_arena_free(struct rb_cm_arena *a);
/* Give back a block cmark handed out, on its thread. */
void rb_cm_free(void *p);

#endif
