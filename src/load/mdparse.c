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
 * Arenas.  cmark allocates from arenas of the memory layer, one per
 * parsing thread and one for the reader (mem/cmark_mem.c), which give
 * back the chunks of the pieces read while later ones are parsed.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "rulebook.h"
#include "mem/cmark_mem.h"
#include "mem/mem.h"
#include "text/text.h"
#include "work.h"
#include "pool.h"
#include "load.h"

size_t rb_md_piece_size = 512 * 1024;

void
rb_md_free(void *p)
{
	rb_cm_free(p);
}

/* ---- pieces ---- */

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
	struct rb_cm_arena *arena;	/* one per parser: the reader's, then each worker's */
	int narena;
	struct rb_cm_arena reader;
	struct rb_cm_arena *outer;	/* the calling thread's arena before */
	pthread_mutex_t lock;	/* next, the pieces' done, the chunk lists */
	pthread_cond_t cond;	/* a piece is done */
	size_t next;		/* the next piece to parse */
	rb_pool_batch *workers;	/* the parsers ahead of the reader, on the pool */
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
parse_piece(struct rb_md_tree *t, struct rb_cm_arena *a, size_t i)
{
	struct piece *p = &t->pc[i];
	struct rb_cm_arena *outer = rb_cm_arena_begin_piece(a, i);
	cmark_parser *parser;
	cmark_node *b;

	parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &rb_cm_mem);
	cmark_parser_feed(parser, p->s, p->n);
	p->root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	rb_cm_arena_end_piece(a, outer);
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

/* A parser ahead of the reader: worker i parses the pieces nobody has
 * taken, in arena i + 1. */
static void
parse_worker(void *ctx, size_t i)
{
	struct rb_md_tree *t = ctx;
	size_t k;

	while (rb_take_work(&t->lock, &t->next, t->np, &k))
		parse_piece(t, &t->arena[i + 1], k);
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
	/* the caller's thread is arena 0's; the others parse ahead of the
	 * reader, on the worker pool */
	t->narena = threads < 1 ? 1 : (size_t)threads < t->np ? threads : (int)t->np;
	t->arena = rb_xcalloc((size_t)t->narena, sizeof(*t->arena));
	for (i = 0; i < t->narena; i++)
		rb_cm_arena_init(&t->arena[i], &t->lock, n);
	if (t->narena > 1)
		t->workers = rb_pool_start(t->narena - 1, (size_t)t->narena - 1, parse_worker, t);
	rb_cm_arena_init(&t->reader, NULL, 0);
	t->outer = rb_cm_arena_use(&t->reader);
	wait_piece(t, 0);
	t->root = t->pc[0].root;
	t->joined = 1;
	/* the document node stays to the end: cmark's renderer looks up at
	 * the parent of a block it renders (raw_text in md.c) */
	pthread_mutex_lock(&t->lock);
	for (i = 0; i < t->narena; i++)
		rb_cm_arena_keep(&t->arena[i], t->root);
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
	for (i = 0; i < t->narena; i++)
		rb_cm_arena_release(&t->arena[i], k);
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
	if (t->workers)
		rb_pool_finish(t->workers);	/* each ends at once: nothing to take */
	pthread_mutex_destroy(&t->lock);
	pthread_cond_destroy(&t->cond);
	rb_cm_arena_use(t->outer);
	for (i = 0; i < t->narena; i++)
		rb_cm_arena_free(&t->arena[i]);
	free(t->arena);
	rb_cm_arena_free(&t->reader);
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
