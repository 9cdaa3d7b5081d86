/* Threads sharing out pieces of work (util.c). */
#ifndef RB_WORK_H
#define RB_WORK_H

#include <pthread.h>
#include <stddef.h>

/* Threads sharing n pieces of work: the next one into *i, 0 when none is
 * left. */
int rb_take_work(pthread_mutex_t *lock, size_t *next, size_t n, size_t *i);

#endif
