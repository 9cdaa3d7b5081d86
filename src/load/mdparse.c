/*
 * cmark's parse of a Markdown body: in pieces, side by side, in arenas.
 *
 * Pieces.  A large body is cut where nothing of CommonMark can run across
 * the cut — before a top-level ATX heading ("# …" at column 0) that
 * follows a blank line, in a body with no fenced code, no HTML block that
 * outlives its line and no link reference definition — so each piece
 * parses to exactly the blocks the whole would give.  The pieces are
 * parsed side by side (up to opts->threads) while the loader reads the
 * ones parsed: it joins a piece's blocks under the first piece's document
 * node when it reaches them (rb_md_next, rb_md_more), and when the piece
 * it needs is not parsed yet, parses the next one nobody has taken.
 * Every top-level block points (user data) at its piece, whose line count
 * is added back to cmark's positions by rb_md_line.  Pieces are chosen by
 * the bytes alone: the tree is the same for any number of threads.
 *
 * Arenas.  cmark allocates and frees a node, a string or two per block
 * and inline; here each parsing thread bumps through an arena of its own
 * (huge pages from 2 MB: a page fault per 2 MB, not per 4 kB; the newest
 * block given back goes back to the arena, others to lists by size that
 * serve the same piece again), each chunk noting the last piece with
 * blocks in it, and the loader drops a chunk as soon as it has read past
 * that piece (rb_md_release) — but the document node's, which cmark's
 * renderer looks up to — so cmark's tree is not whole beside ours for
 * long.  cmark_mem passes no context, so the arena in use is a
 * thread-local pointer: the parsing thread's, then, on the caller's
 * thread, the tree's reader arena (for what reading allocates:
 * cmark_render_commonmark).  With 8 MB of huge pages where it used 4 kB
 * pages from malloc, a check of a 3 MB law went from 0.14 s to 0.10 s.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/text.h"
#include "work.h"
#include "load.h"

size_t rb_md_piece_size = 512 * 1024;

/* ---- arenas ---- */

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

struct chunk {
	struct chunk *next;
	size_t size;
	size_t hi;		/* the last piece with blocks in it (set when
				 * the chunk is made and when a piece starts
				 * in it: a piece's blocks go only to the
				 * newest chunk, or to chunks made during it) */
};

#define CLASSES 11	/* free lists for blocks of 8 bytes to 1 kB */

struct arena {
	_Alignas(128) char *cur, *end;	/* (a line of its own: each thread
					 * bumps cur of its own arena) */
	struct chunk *chunks;	/* newest first */
	pthread_mutex_t *lock;	/* the tree's, over chunks and their hi (the
				 * loader gives back chunks while the
				 * arena's thread parses on) */
	size_t first;		/* size of the first chunk */
	size_t piece;		/* the piece being parsed into it */
	/* blocks of the piece being parsed given back, by size: list k
	 * holds blocks of 2^k bytes and more (their first word links
	 * them); a block taken from them is the piece's again, so every
	 * chunk still holds only pieces up to its hi */
	void *freed[CLASSES];
	int parsing;		/* a piece is being parsed into it */
	struct chunk *before;	/* the newest chunk when it began */
};

static _Thread_local struct arena *cm_arena;

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

static void *
cm_alloc(size_t bytes)
{
	struct arena *a = cm_arena;
	size_t need;
	struct hdr *h;

	if (bytes > SIZE_MAX / 4)
		rb_fatal_oom();
	need = sizeof(struct hdr) + round8(bytes);
	if (!a) {
		h = rb_xmalloc(need);
		h->word = bytes << 1 | 1;
	} else {
		/* a block given back that is large enough: cmark gives back
		 * a paragraph's text as it reads its inlines, and takes
		 * blocks of that size again for the next one */
		if (a->parsing && round8(bytes) <= ((size_t)1 << (CLASSES - 1))) {
			int k;

			for (k = class_above(round8(bytes)); k < CLASSES; k++)
				if (a->freed[k]) {
					void *p = a->freed[k];

					memcpy(&a->freed[k], p, sizeof(void *));
					h = (struct hdr *)p - 1;
					h->word = bytes << 1;
					return p;
				}
		}
		if ((size_t)(a->end - a->cur) < need) {
			size_t size = a->chunks ? CHUNK : a->first ? a->first : MIN_CHUNK;
			struct chunk *c;

			if (size < need + sizeof(struct chunk))
				size = need + sizeof(struct chunk);
			c = rb_pages(size);
			c->size = size;
			c->hi = a->piece;
			if (a->lock)
				pthread_mutex_lock(a->lock);
			c->next = a->chunks;
			a->chunks = c;
			if (a->lock)
				pthread_mutex_unlock(a->lock);
			a->cur = (char *)(c + 1);
			a->end = (char *)c + size;
		}
		h = (struct hdr *)a->cur;
		a->cur += need;
		h->word = bytes << 1;
	}
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
	struct arena *a = cm_arena;
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
	if (a && (char *)p + round8(SIZE(h)) == a->cur &&
	    (size_t)(a->end - (char *)p) >= round8(bytes)) {
		a->cur = (char *)p + round8(bytes);
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
static void
cm_free(void *p)
{
	struct hdr *h = p ? (struct hdr *)p - 1 : NULL;
	struct arena *a = cm_arena;
	size_t cap = h ? round8(SIZE(h)) : 0;

	if (h && HEAP(h))
		free(h);
	else if (h && a && (char *)p + cap == a->cur)
		a->cur = (char *)h;
	else if (h && a && a->parsing && cap >= sizeof(void *)) {
		/* a block of the piece (in a chunk made since it began, or
		 * the one newest then): kept for a block of its size */
		struct chunk *c;
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
		while (k + 1 < CLASSES && ((size_t)1 << (k + 1)) <= cap)
			k++;
		memcpy(p, &a->freed[k], sizeof(void *));
		a->freed[k] = p;
	}
}

static cmark_mem cm_mem = {cm_calloc, cm_realloc, cm_free};

void
rb_md_free(void *p)
{
	cm_free(p);
}

static void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	for (c = a->chunks; c; c = next) {
		next = c->next;
		rb_pages_free(c);
	}
	a->chunks = NULL;
	a->cur = a->end = NULL;
	memset(a->freed, 0, sizeof(a->freed));
}

/* ---- pieces ---- */

#define MAX_THREADS 16

struct piece {
	const char *s;
	size_t n;
	int line0;		/* body lines before the piece */
	cmark_node *root;
	int done;		/* parsed and looked at (under the lock) */
};

struct rb_md_tree {
	struct piece *pc;
	size_t np;
	size_t released;	/* pieces before this one are read */
	size_t joined;		/* pieces whose blocks are under the root */
	cmark_node *root;
	const rb_md_look *look;
	struct arena arena[MAX_THREADS];	/* one per parsing thread */
	struct arena reader;
	struct arena *outer;	/* the calling thread's arena before */
	pthread_mutex_t lock;	/* next, the pieces' done, the chunk lists */
	pthread_cond_t cond;	/* a piece is done */
	size_t next;		/* the next piece to parse */
	pthread_t th[MAX_THREADS];
	int nth;
};

/* Does p (before e) start with name, in any case? */
static int
tag(const char *p, const char *e, const char *name)
{
	size_t k = strlen(name);

	return (size_t)(e - p) >= k && strncasecmp(p, name, k) == 0;
}

/* Can s hold a construct that runs across a blank line, or one whose
 * meaning depends on the whole document?  Yes on any doubt. */
static int
uncuttable(const char *s, size_t n)
{
	const char *p = s, *e = s + n;

	if (rb_memfind(s, n, "```", 3) || rb_memfind(s, n, "~~~", 3) || rb_memfind(s, n, "]:", 2))
		return 1;
	/* raw HTML: only comments that close on their own line */
	while ((p = memchr(p, '<', (size_t)(e - p))) != NULL) {
		size_t k = (size_t)(e - p);
		const char *nl;

		p++;
		if (k >= 2 && p[0] == '?')
			return 1;
		if (k >= 2 && p[0] == '!') {
			if (k < 4 || p[1] != '-' || p[2] != '-')
				return 1;
			nl = memchr(p, '\n', (size_t)(e - p));
			if (!(p = rb_memfind(p + 3, (size_t)((nl ? nl : e) - p - 3), "-->", 3)))
				return 1;
			continue;
		}
		if (tag(p, e, "pre") || tag(p, e, "script") || tag(p, e, "style") ||
		    tag(p, e, "textarea"))
			return 1;
	}
	return 0;
}

static int
blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Does the line at s start an ATX heading at column 0? */
static int
atx_at(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 7 && s[i] == '#')
		i++;
	return i >= 1 && i <= 6 && (i == n || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
				    s[i] == '\n');
}

static void
add_piece(struct rb_md_tree *t, size_t *cap, const char *s, size_t n, int line0)
{
	struct piece *p;

	if (t->np == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		t->pc = rb_xrealloc(t->pc, *cap * sizeof(*t->pc));
	}
	p = &t->pc[t->np++];
	memset(p, 0, sizeof(*p));
	p->s = s;
	p->n = n;
	p->line0 = line0;
}

/* Cut s into pieces of about rb_md_piece_size bytes; lines indexes the
 * buffer s lies in (only the lines where a piece may end are read). */
static void
cut(struct rb_md_tree *t, rb_lines *lines, const char *s, size_t n)
{
	size_t cap = 0, from = 0, base = (size_t)(s - lines->data), i, first;

	first = rb_lines_line(lines, base) - 1;	/* the body's first line */
	if (rb_md_piece_size && n > rb_md_piece_size && !uncuttable(s, n))
		while (n - from > rb_md_piece_size) {
			/* the first line starting piece_size bytes on or later */
			i = rb_lines_line(lines, base + from + rb_md_piece_size - 1);
			for (; i < lines->n && lines->start[i] - base < n; i++) {
				size_t at = lines->start[i] - base;
				size_t prev = lines->start[i - 1] > base ? lines->start[i - 1] - base : 0;

				if (blank_line(s + prev, at - 1 - prev) && atx_at(s + at, n - at))
					break;
			}
			if (i >= lines->n || lines->start[i] - base >= n)
				break;
			add_piece(t, &cap, s + from, lines->start[i] - base - from,
				  (int)(rb_lines_line(lines, base + from) - 1 - first));
			from = lines->start[i] - base;
		}
	add_piece(t, &cap, s + from, n - from, (int)(rb_lines_line(lines, base + from) - 1 - first));
}

size_t
rb_md_pieces(const char *s, size_t n)
{
	struct rb_md_tree t;
	rb_lines lines;

	memset(&t, 0, sizeof(t));
	rb_lines_init(&lines, s, n);
	cut(&t, &lines, s, n);
	rb_lines_free(&lines);
	free(t.pc);
	return t.np;
}

/* ---- parsing ---- */

/* Parse piece i into arena a (on the thread whose arena it is). */
static void
parse_piece(struct rb_md_tree *t, struct arena *a, size_t i)
{
	struct piece *p = &t->pc[i];
	struct arena *outer = cm_arena;
	cmark_parser *parser;
	cmark_node *b;

	pthread_mutex_lock(&t->lock);
	a->piece = i;
	if (a->chunks && a->chunks->hi < i)
		a->chunks->hi = i;	/* the newest chunk is kept from now */
	a->before = a->chunks;
	pthread_mutex_unlock(&t->lock);
	a->parsing = 1;
	cm_arena = a;
	parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &cm_mem);
	cmark_parser_feed(parser, p->s, p->n);
	p->root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	a->parsing = 0;
	memset(a->freed, 0, sizeof(a->freed));
	cm_arena = outer;
	/* every top-level block knows its piece (rb_md_line) */
	for (b = cmark_node_first_child(p->root); b; b = cmark_node_next(b))
		cmark_node_set_user_data(b, p);
	if (t->look && t->look->piece)
		t->look->piece(t->look->ctx, i, p->root);
	pthread_mutex_lock(&t->lock);
	p->done = 1;
	pthread_cond_broadcast(&t->cond);
	pthread_mutex_unlock(&t->lock);
}

struct worker {
	struct rb_md_tree *t;
	struct arena *arena;
};

static void *
parse_worker(void *arg)
{
	struct worker *w = arg;
	size_t i;

	while (rb_take_work(&w->t->lock, &w->t->next, w->t->np, &i))
		parse_piece(w->t, w->arena, i);
	free(w);
	return NULL;
}

/* Wait until piece k is parsed; while it is not, the caller parses the
 * next piece nobody has taken, if there is one. */
static void
wait_piece(struct rb_md_tree *t, size_t k)
{
	pthread_mutex_lock(&t->lock);
	while (!t->pc[k].done) {
		if (t->next < t->np) {
			size_t i = t->next++;

			pthread_mutex_unlock(&t->lock);
			parse_piece(t, &t->arena[0], i);
			pthread_mutex_lock(&t->lock);
		} else
			pthread_cond_wait(&t->cond, &t->lock);
	}
	pthread_mutex_unlock(&t->lock);
}

cmark_node *
rb_md_parse(rb_lines *lines, const char *s, size_t n, int threads, const rb_md_look *look,
	    rb_md_tree **tree)
{
	struct rb_md_tree *t = rb_xcalloc(1, sizeof(*t));
	int i;

	cut(t, lines, s, n);
	if (look && look->begin)
		look->begin(look->ctx, t->np);
	t->look = look;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->cond, NULL);
	for (i = 0; i < MAX_THREADS; i++) {
		t->arena[i].lock = &t->lock;
		/* about what cmark's tree of a piece takes */
		t->arena[i].first = n * 8 < MIN_CHUNK ? MIN_CHUNK : n * 8 > CHUNK ? CHUNK : n * 8;
	}
	/* the caller's thread is arena 0's; the others parse ahead of the
	 * reader */
	for (i = 1; i < threads && i < MAX_THREADS && (size_t)i < t->np; i++) {
		struct worker *w = rb_xmalloc(sizeof(*w));

		w->t = t;
		w->arena = &t->arena[i];
		if (pthread_create(&t->th[t->nth], NULL, parse_worker, w) == 0)
			t->nth++;
		else
			free(w);
	}
	t->outer = cm_arena;
	t->reader.first = MIN_CHUNK;
	cm_arena = &t->reader;
	wait_piece(t, 0);
	t->root = t->pc[0].root;
	t->joined = 1;
	/* the document node stays to the end: cmark's renderer looks up at
	 * the parent of a block it renders (raw_text in md.c) */
	pthread_mutex_lock(&t->lock);
	for (i = 0; i < MAX_THREADS; i++) {
		struct chunk *c;

		for (c = t->arena[i].chunks; c; c = c->next)
			if ((char *)t->root > (char *)c && (char *)t->root < (char *)c + c->size)
				c->hi = (size_t)-1;
	}
	pthread_mutex_unlock(&t->lock);
	*tree = t;
	return t->root;
}

int
rb_md_more(rb_md_tree *t)
{
	cmark_node *b;

	if (t->joined == t->np)
		return 0;
	wait_piece(t, t->joined);
	while ((b = cmark_node_first_child(t->pc[t->joined].root)) != NULL)
		cmark_node_append_child(t->root, b);
	t->joined++;
	return 1;
}

size_t
rb_md_joined(const rb_md_tree *t)
{
	return t->joined;
}

cmark_node *
rb_md_next(rb_md_tree *t, cmark_node *b)
{
	cmark_node *nx = b ? cmark_node_next(b) : cmark_node_first_child(t->root);

	if (b && cmark_node_parent(b) != t->root)
		return nx;
	while (!nx && rb_md_more(t))
		nx = b ? cmark_node_next(b) : cmark_node_first_child(t->root);
	return nx;
}

int
rb_md_release(rb_md_tree *t, cmark_node *next)
{
	const struct piece *p = next ? cmark_node_get_user_data(next) : NULL;
	size_t k = p ? (size_t)(p - t->pc) : 0;
	int i;

	if (k <= t->released)
		return 4 * t->released >= 3 * t->np;
	t->released = k;
	/* chunks only of pieces before k go (not the document node's); a
	 * thread parsing on has its pieces from k on */
	pthread_mutex_lock(&t->lock);
	for (i = 0; i < MAX_THREADS; i++) {
		struct arena *a = &t->arena[i];
		struct chunk **pc = &a->chunks, *c;

		while ((c = *pc) != NULL) {
			if (c->hi < k) {
				/* the newest holds the arena's room; it goes
				 * only while the arena's thread is between
				 * pieces (it takes the lock to start one) */
				if (pc == &a->chunks)
					a->cur = a->end = NULL;
				*pc = c->next;
				rb_pages_free(c);
			} else
				pc = &c->next;
		}
	}
	pthread_mutex_unlock(&t->lock);
	return 4 * t->released >= 3 * t->np;
}

void
rb_md_tree_free(rb_md_tree *t)
{
	int i;

	if (!t)
		return;
	pthread_mutex_lock(&t->lock);
	t->next = t->np;	/* nothing more to take */
	pthread_mutex_unlock(&t->lock);
	for (i = 0; i < t->nth; i++)
		pthread_join(t->th[i], NULL);
	pthread_mutex_destroy(&t->lock);
	pthread_cond_destroy(&t->cond);
	cm_arena = t->outer;
	for (i = 0; i < MAX_THREADS; i++)
		arena_free(&t->arena[i]);
	arena_free(&t->reader);
	free(t->pc);
	free(t);
}

int
rb_md_line(cmark_node *n, int end)
{
	cmark_node *top = n;
	const struct piece *pc;

	/* up to the top-level block, which knows its piece (the document
	 * node knows none) */
	while (!(pc = cmark_node_get_user_data(top)) && cmark_node_parent(top))
		top = cmark_node_parent(top);
	return (end ? cmark_node_get_end_line(n) : cmark_node_get_start_line(n)) +
	       (pc ? pc->line0 : 0);
}
