/* The worker pool: one set of threads, kept for the process, taking the
 * tasks of whoever hands out work (inputs built side by side, the formats
 * of one document).  A batch of tasks may hand out a batch of its own;
 * the thread that hands out a batch works on it too, so a batch never
 * waits for a thread to come free. */
#ifndef RB_POOL_H
#define RB_POOL_H

#include <stddef.h>

typedef void (*rb_task_fn)(void *ctx, size_t i);

/* Run task(ctx, 0) ... task(ctx, n - 1) on at most width threads, this
 * one among them, and return when all have run.  Tasks are handed out
 * in order, each once; with width 1 they run here, in order.  The pool
 * grows to the widest batch asked for. */
void rb_pool_run(int width, size_t n, rb_task_fn task, void *ctx);

/* Let the pool have threads threads in all, the caller's among them
 * (the -j of a build): nested batches then share them. */
void rb_pool_size(int threads);

/* Stop the pool's threads (nothing may be running); a later batch
 * starts them again. */
void rb_pool_stop(void);

#endif
