/*
 * The worker pool.  Threads are started as the widest batch asks and
 * then kept, asleep while there is nothing to take: a build starts each
 * thread once, not once per document and again per format.  A batch is
 * open while it has tasks not handed out; a thread joins the first open
 * batch with room for one more helper, takes its tasks one at a time
 * until none is left, then looks for another batch.
 */
#include <pthread.h>
#include <stdlib.h>

#include "mem/mem.h"
#include "pool.h"

struct batch {
	rb_task_fn task;
	void *ctx;
	size_t n, next, done;
	int helpers, max_helpers;	/* threads besides the caller's */
	int detached;			/* nobody finishes it: it goes when done */
	struct batch *older;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* a batch opened, a task ended, or stop: what the threads wait for */
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static struct batch *open_batches;	/* newest first */
static pthread_t *threads;
static int nthreads, stopping;

/* The open batch newer than since (NULL: any) a thread may help with,
 * or NULL (under lock). */
static struct batch *
batch_to_join(const struct batch *since)
{
	struct batch *b;

	for (b = open_batches; b && b != since; b = b->older)
		if (b->next < b->n && b->helpers < b->max_helpers)
			return b;
	return NULL;
}

static void unlink_batch(struct batch *b);

/* Take b's tasks until none is left (called and returning under lock). */
static void
work_on(struct batch *b)
{
	while (b->next < b->n) {
		size_t i = b->next++;

		pthread_mutex_unlock(&lock);
		b->task(b->ctx, i);
		pthread_mutex_lock(&lock);
		if (++b->done == b->n) {
			pthread_cond_broadcast(&changed);
			if (b->detached) {	/* its last task: nobody else holds it */
				unlink_batch(b);
				free(b);
				return;
			}
		}
	}
}

static void
help(struct batch *b)
{
	b->helpers++;
	work_on(b);
	b->helpers--;
}

static void *
worker(void *arg)
{
	struct batch *b;

	(void)arg;
	pthread_mutex_lock(&lock);
	for (;;) {
		while (!stopping && !(b = batch_to_join(NULL)))
			pthread_cond_wait(&changed, &lock);
		if (stopping)
			break;
		help(b);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* At least want threads (under lock); fewer when the system has no more. */
static void
grow(int want)
{
	if (want <= nthreads)
		return;
	threads = rb_xrealloc(threads, (size_t)want * sizeof(*threads));
	while (nthreads < want && pthread_create(&threads[nthreads], NULL, worker, NULL) == 0)
		nthreads++;
}

static void
unlink_batch(struct batch *b)
{
	struct batch **p;

	for (p = &open_batches; *p; p = &(*p)->older)
		if (*p == b) {
			*p = b->older;
			return;
		}
}

/* Hand out b (under lock): to at most helpers of the pool's threads. */
static void
open_batch(struct batch *b, int helpers)
{
	b->max_helpers = helpers;
	grow(helpers);
	b->older = open_batches;
	open_batches = b;
	pthread_cond_broadcast(&changed);
}

void
rb_pool_run(int width, size_t n, rb_task_fn task, void *ctx)
{
	struct batch b = {task, ctx, n, 0, 0, 0, 0, 0, NULL};
	size_t i;

	if (width <= 1 || n <= 1) {
		for (i = 0; i < n; i++)
			task(ctx, i);
		return;
	}
	pthread_mutex_lock(&lock);
	open_batch(&b, (size_t)width - 1 < n - 1 ? width - 1 : (int)(n - 1));
	work_on(&b);
	/* the tasks the helpers took are running and will end; meanwhile
	 * this thread helps with a batch they opened rather than sit idle
	 * (not an older one: it would start another input, and hold two
	 * documents) */
	while (b.done < b.n) {
		struct batch *other = batch_to_join(&b);

		if (other)
			help(other);
		else
			pthread_cond_wait(&changed, &lock);
	}
	unlink_batch(&b);
	pthread_mutex_unlock(&lock);
}

rb_pool_batch *
rb_pool_start(int width, size_t n, rb_task_fn task, void *ctx)
{
	struct batch *b = rb_xcalloc(1, sizeof(*b));

	b->task = task;
	b->ctx = ctx;
	b->n = n;
	if (n && width > 0) {
		pthread_mutex_lock(&lock);
		open_batch(b, (size_t)width < n ? width : (int)n);
		pthread_mutex_unlock(&lock);
	}
	return b;
}

void
rb_pool_finish(rb_pool_batch *b)
{
	pthread_mutex_lock(&lock);
	work_on(b);	/* what no thread has taken, here */
	while (b->done < b->n) {
		struct batch *other = batch_to_join(b);

		if (other)
			help(other);
		else
			pthread_cond_wait(&changed, &lock);
	}
	unlink_batch(b);
	pthread_mutex_unlock(&lock);
	free(b);
}

void
rb_pool_detach(rb_pool_batch *b)
{
	pthread_mutex_lock(&lock);
	if (b->done == b->n) {
		unlink_batch(b);
		free(b);
	} else
		b->detached = 1;
	pthread_mutex_unlock(&lock);
}

void
rb_pool_size(int want)
{
	pthread_mutex_lock(&lock);
	grow(want - 1);
	pthread_mutex_unlock(&lock);
}

void
rb_pool_stop(void)
{
	int i;

	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	threads = NULL;
	nthreads = 0;
	stopping = 0;
}
