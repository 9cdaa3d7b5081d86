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

/* A batch the caller does not work on now: its tasks go to at most
 * width of the pool's threads while the caller goes on (a parse ahead
 * of its reader, a library loaded beside the rendering).  Every batch
 * started is either finished or detached. */
typedef struct batch rb_pool_batch;
rb_pool_batch *rb_pool_start(int width, size_t n, rb_task_fn task, void *ctx);
/* Run here the tasks of b no thread has taken, wait for the others, and
 * free b. */
void rb_pool_finish(rb_pool_batch *b);
/* Nobody will finish b: it is freed when its last task ends. */
void rb_pool_detach(rb_pool_batch *b);

/* Let the pool have threads threads in all, the caller's among them
 * (the -j of a build): nested batches then share them. */
void rb_pool_size(int threads);

/* Stop the pool's threads (nothing may be running); a later batch
 * starts them again. */
void rb_pool_stop(void);

#endif
