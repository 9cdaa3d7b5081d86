/* Small helpers every module may use: numbers in and out, the distance
 * of two names, explicit ids, sharing work between threads, tracing. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef RB_TRACE
#include <sys/resource.h>
#include <time.h>
#endif

#include "util.h"
#include "work.h"

/* Optimal string alignment distance: edits and adjacent transpositions
 * (txet → text is one step). */
size_t
rb_edit_distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t d[33][33];

	if (la > 32 || lb > 32 || la > lb + max || lb > la + max)
		return max + 1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb] > max ? max + 1 : d[la][lb];
}

size_t
rb_itoa(char s[24], long v)
{
	char t[24];
	size_t k = sizeof(t), n;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do
		t[--k] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		t[--k] = '-';
	n = sizeof(t) - k;
	memcpy(s, t + k, n);
	return n;
}

int
rb_parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return 0;
	*out = (int)v;
	return 1;
}

int
rb_valid_id(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

int
rb_take_work(pthread_mutex_t *lock, size_t *next, size_t n, size_t *i)
{
	int got;

	pthread_mutex_lock(lock);
	got = *next < n;
	if (got)
		*i = (*next)++;
	pthread_mutex_unlock(lock);
	return got;
}
#ifdef RB_TRACE
void
rb_trace(const char *what)
{
	static double t0;
	static long f0;
	struct timespec ts;
	struct rusage ru;
	double t;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	getrusage(RUSAGE_SELF, &ru);
	t = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
	if (t0)
		fprintf(stderr, "%-24s %7.2f ms %6ld faults %6ld kB peak\n", what, t - t0, ru.ru_minflt - f0, ru.ru_maxrss);
	t0 = t;
	f0 = ru.ru_minflt;
}
#endif
