/*
 * The formats of one document rendered side by side on the worker pool.
 *
 * Each format is a task; so is each part of the one format a large
 * document is split in (emit.c renders a part, and puts parts rendered
 * elsewhere in their places).  The thread rendering the split format
 * goes through its parts from the first, rendering each in its place
 * unless a thread done with the other formats took it: those take the
 * parts from the last.  Parts are only taken by threads with nothing
 * else to do, so splitting never needs to know what a format costs.
 * Formats start dearest first, by the time per node each took on the
 * documents rendered before in this process.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/buf.h"
#include "pool.h"
#include "emit.h"

/* Many small parts, not one large one: a thread slowed (its processor
 * shared with another program) holds up the rest by a part at most, not
 * by the whole of its share.  Below SPLIT_NODES nodes a document is
 * rendered in less time than the parts take to set up. */
#define SPLIT_NODES 4096
#define MAX_PARTS 32

/* A part's output, in blocks of memory mapped ready (grown into, a
 * buffer of megabytes faulted a page at a time), each handed to the
 * thread waiting for it as it comes. */
struct part {
	struct schedule *s;
	struct part_block {
		char *data;
		size_t len;
	} *b;
	size_t n, cap;
	rb_diags d;
	int res;
	enum { PART_OPEN, PART_RENDERING, PART_DONE, PART_INLINE } state;
};

struct schedule {
	const rb_document *doc;
	const rb_emit_opts *opts;
	const rb_emitter *const *fmts;
	const rb_emit_sink *sinks;
	int nf;
	rb_diags *d;		/* each format's */
	int *res;
	int *order;		/* the tasks: formats dearest first, then the parts */
	pthread_mutex_t lock;
	pthread_cond_t part_done;	/* a part has a block more or is done */
	int split_f;		/* the format rendered in parts, or -1 */
	const rb_node *at[MAX_PARTS];
	struct part part[MAX_PARTS];
	size_t nparts;
};

/* ---- what each format took per node, measured as documents are rendered ---- */

static pthread_mutex_t rates_lock = PTHREAD_MUTEX_INITIALIZER;
static double *ns_per_node;	/* by place in the registry; 0 not yet measured */

/* e's place in the registry (under rates_lock). */
static int
registry_index(const rb_emitter *e)
{
	const rb_emitter *const *all = rb_emitters();
	int i, n;

	if (!ns_per_node) {
		for (n = 0; all[n]; n++)
			;
		ns_per_node = rb_xcalloc((size_t)n + 1, sizeof(*ns_per_node));
	}
	for (i = 0; all[i]; i++)
		if (all[i] == e)
			return i;
	return -1;
}

static double
now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void
measured(const rb_emitter *e, const rb_document *doc, double ns)
{
	int i;

	if (!doc->nnodes)
		return;
	pthread_mutex_lock(&rates_lock);
	if ((i = registry_index(e)) >= 0)
		ns_per_node[i] = ns / (double)doc->nnodes;
	pthread_mutex_unlock(&rates_lock);
}

/* How dear a format is: splittable formats first (their parts can be
 * shared out, the sooner the better), then by their measured rate. */
static double
dearness(const rb_emitter *e)
{
	double r;
	int i;

	pthread_mutex_lock(&rates_lock);
	i = registry_index(e);
	r = i < 0 ? 0 : ns_per_node[i];
	pthread_mutex_unlock(&rates_lock);
	return (e->split_ok ? 1e12 : 0) + r;
}

/* ---- parts ---- */

static int
part_sink(void *ctx, const char *data, size_t len)
{
	struct part *po = ctx;
	struct schedule *s = po->s;
	size_t size = (len + 0xffff) & ~(size_t)0xffff;
	char *copy = rb_pages(size);

	memcpy(copy, data, len);
	pthread_mutex_lock(&s->lock);
	if (po->n == po->cap) {
		po->cap = po->cap ? 2 * po->cap : 16;
		po->b = rb_xrealloc(po->b, po->cap * sizeof(*po->b));
	}
	po->b[po->n].data = copy;
	po->b[po->n++].len = len;
	pthread_cond_broadcast(&s->part_done);
	pthread_mutex_unlock(&s->lock);
	return 0;
}

static void
part_free(struct part *po)
{
	size_t i;

	for (i = 0; i < po->n; i++)
		rb_pages_free(po->b[i].data);
	free(po->b);
	rb_diags_free(&po->d);
}

/* Render part i, unless a thread took it before. */
static void
render_part(struct schedule *s, size_t i)
{
	struct part *po = &s->part[i];
	rb_buf b;
	int r;

	pthread_mutex_lock(&s->lock);
	if (po->state != PART_OPEN) {
		pthread_mutex_unlock(&s->lock);
		return;
	}
	po->state = PART_RENDERING;
	pthread_mutex_unlock(&s->lock);
	rb_buf_init(&b);
	r = rb_emit_part(s->fmts[s->split_f], s->doc, s->opts, s->at[i],
			 i + 1 < s->nparts ? s->at[i + 1] : NULL, &b, part_sink, po, &po->d);
	rb_buf_free(&b);
	pthread_mutex_lock(&s->lock);
	po->res = r < 0 ? 1 : 0;
	po->state = PART_DONE;
	pthread_cond_broadcast(&s->part_done);
	pthread_mutex_unlock(&s->lock);
}

/* Part i, from the thread that renders it (waiting for it: the others
 * take the parts from the last, so every later part is taken already), or
 * 0 when no thread took it: then it is rendered in its place. */
static int
fill_part(void *ctx, size_t i, rb_sink_fn sink, void *sink_ctx, rb_buf *out)
{
	struct schedule *s = ctx;
	struct part *po = &s->part[i];
	size_t k = 0;
	int r = 0;

	pthread_mutex_lock(&s->lock);
	if (po->state == PART_OPEN) {
		po->state = PART_INLINE;
		pthread_mutex_unlock(&s->lock);
		return 0;
	}
	/* each block as it comes; a failed write stops the writing (the
	 * sink remembers it) */
	for (;;) {
		struct part_block b;

		while (k == po->n && po->state != PART_DONE)
			pthread_cond_wait(&s->part_done, &s->lock);
		if (k == po->n)
			break;
		b = po->b[k++];
		pthread_mutex_unlock(&s->lock);
		if (!sink)
			rb_buf_add(out, b.data, b.len);
		else if (r == 0)
			r = sink(sink_ctx, b.data, b.len);
		pthread_mutex_lock(&s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return 1;
}

/* ---- formats ---- */

/* Render format f into its sink; its diagnostics go to d.  Returns 0, or
 * 2 when the output could not be written or the emitter failed. */
static int
render(struct schedule *s, int f, rb_diags *d)
{
	const rb_emit_sink *k = &s->sinks[f];
	int streamed = k->open ? k->open(k->ctx, d) : 0, split = s->split_f == f, r;
	double t0 = now_ns();
	rb_buf out;

	if (streamed < 0)
		return 2;
	rb_buf_init(&out);
	r = rb_emit_stream_split(s->fmts[f], s->doc, s->opts, &out, streamed ? k->write : NULL,
				 k->ctx, split ? s->at : NULL, split ? s->nparts : 0,
				 split ? fill_part : NULL, s, d);
	if (!split && r == 0)
		measured(s->fmts[f], s->doc, now_ns() - t0);
	if (k->close(k->ctx, &out, d) < 0)
		r = -1;
	rb_buf_free(&out);
	return r < 0 ? 2 : 0;
}

static void
run_task(void *ctx, size_t i)
{
	struct schedule *s = ctx;
	int k = s->order[i];

	if (k >= s->nf)
		render_part(s, (size_t)(k - s->nf));
	else
		s->res[k] = render(s, k, &s->d[k]);
}

/* The parts of the dearest format, when it can be split and the document
 * is large: MAX_PARTS even parts (a part of the 10,000-article law's
 * DocBook is about a millisecond). */
static void
plan_split(struct schedule *s)
{
	const rb_emitter *e = s->fmts[s->order[0]];
	size_t k;

	s->split_f = -1;
	s->nparts = 0;
	if (!e->split_ok || s->doc->nnodes < SPLIT_NODES)
		return;
	for (k = 1; k <= MAX_PARTS; k++) {
		const rb_node *at = rb_emit_split_point(e, s->doc, (double)k / (MAX_PARTS + 1));

		/* in the document's order, each once */
		if (at && (!s->nparts || at->line > s->at[s->nparts - 1]->line))
			s->at[s->nparts++] = at;
	}
	if (s->nparts)
		s->split_f = s->order[0];
}

static int
render_alone(struct schedule *s, rb_diags *d)
{
	int f, failed = 0;

	for (f = 0; f < s->nf && !failed; f++)
		failed = render(s, f, d);
	return failed;
}

/* What the formats need loaded (libxml2, 2 ms): on a thread of its own
 * while the formats that do not need it render, else now, here.  A
 * thread started to load while this one only waits made a small build
 * twice as slow on a busy machine (its start waits for a processor). */
static void
preload(const rb_emitter *const *fmts, int nf, int threads)
{
	int f, all_need = 1;

	for (f = 0; f < nf; f++)
		if (!fmts[f]->preload)
			all_need = 0;
	for (f = 0; f < nf; f++)
		if (fmts[f]->preload)
			fmts[f]->preload(threads <= 1 || all_need);
}

int
rb_emit_formats(const rb_document *doc, const rb_emit_opts *opts, const rb_emitter *const *fmts,
		const rb_emit_sink *sinks, int nf, int threads, rb_diags *d)
{
	struct schedule s;
	double *dear;
	int f, i, failed = 0;
	size_t k, ntasks;

	memset(&s, 0, sizeof(s));
	s.doc = doc;
	s.opts = opts;
	s.fmts = fmts;
	s.sinks = sinks;
	s.nf = nf;
	s.split_f = -1;
	preload(fmts, nf, threads);
	if (threads <= 1 || nf < 1)
		return render_alone(&s, d);
	s.order = rb_xcalloc((size_t)nf + MAX_PARTS, sizeof(int));
	dear = rb_xcalloc((size_t)nf, sizeof(*dear));
	for (f = 0; f < nf; f++) {
		/* dearest first: the last to start are the quick ones, and the
		 * threads finish together (the output is the same in any order) */
		double c = dearness(fmts[f]);

		for (i = f; i > 0 && dear[i - 1] < c; i--) {
			s.order[i] = s.order[i - 1];
			dear[i] = dear[i - 1];
		}
		s.order[i] = f;
		dear[i] = c;
	}
	free(dear);
	plan_split(&s);
	ntasks = (size_t)nf + s.nparts;
	if (ntasks < 2) {
		free(s.order);
		return render_alone(&s, d);
	}
	s.d = rb_xcalloc((size_t)nf, sizeof(rb_diags));
	s.res = rb_xcalloc((size_t)nf, sizeof(int));
	for (f = 0; f < nf; f++)
		rb_diags_init(&s.d[f]);
	for (k = 0; k < s.nparts; k++) {
		/* the parts, after the formats, from the last */
		s.order[(size_t)nf + k] = nf + (int)(s.nparts - 1 - k);
		s.part[k].s = &s;
		rb_diags_init(&s.part[k].d);
	}
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.part_done, NULL);
	rb_pool_run(threads, ntasks, run_task, &s);
	pthread_cond_destroy(&s.part_done);
	pthread_mutex_destroy(&s.lock);
	for (k = 0; k < s.nparts; k++) {
		struct part *po = &s.part[k];

		if (po->state == PART_DONE) {
			rb_diags_move(&s.d[s.split_f], &po->d);
			if (po->res > s.res[s.split_f])
				s.res[s.split_f] = po->res;
		}
		part_free(po);
	}
	for (f = 0; f < nf; f++) {
		rb_diags_move(d, &s.d[f]);
		rb_diags_free(&s.d[f]);
		if (s.res[f] > failed)
			failed = s.res[f];
	}
	free(s.d);
	free(s.res);
	free(s.order);
	return failed;
}
