/* Small string helpers, the string map, sharing work between threads. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include "rulebook.h"
#include "internal.h"

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

/* A string's hash, eight bytes at a time (ids and labels are 10 to 50
 * bytes: a byte-at-a-time hash was a third of a large document's id
 * table).  The same on every run: nothing depends on where a key lands,
 * but timings should not vary. */
static uint64_t
hash_str(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 29;
	}
	if (n) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
	}
	h ^= h >> 32;
	h *= 0x94D049BB133111EBULL;
	return h ^ (h >> 29);
}

/* A slot's tag: the hash's high half, never 0 (0 is an empty slot). */
static uint32_t
tag_of(uint64_t h)
{
	return (uint32_t)(h >> 32) | 1;
}

/* Keys and values the table holds, at most two thirds of its slots. */
static size_t
kv_cap(size_t cap)
{
	return cap / 3 * 2 + 2;
}

static size_t
strmap_bytes(size_t cap)
{
	return cap * sizeof(struct rb_strmap_slot) + kv_cap(cap) * sizeof(struct rb_strmap_kv);
}

/* The table: slots of (tag, index of the key) and the keys and values in
 * the order they came, in one block of rb_pages memory.  A slot is 8
 * bytes, so probes stay in few cache lines, and a new key is written
 * after the last one, not at random: for a large document's 40,000 ids
 * half the time of a table of (hash, key, value). */
static void
strmap_alloc(rb_strmap *m, size_t cap)
{
	char *p = rb_pages_zero(strmap_bytes(cap));

	m->cap = cap;
	m->slot = (void *)p;
	m->kv = (void *)(p + cap * sizeof(*m->slot));
}

void
rb_strmap_init(rb_strmap *m)
{
	m->n = 0;
	strmap_alloc(m, 64);
}

void
rb_strmap_free(rb_strmap *m)
{
	if (m->slot)
		rb_pages_free(m->slot);
	memset(m, 0, sizeof(*m));
}

/* The slot of key, or the empty slot where it would go. */
static size_t
strmap_slot(const rb_strmap *m, const char *key, uint64_t h)
{
	size_t i = h & (m->cap - 1);
	uint32_t t = tag_of(h);

	while (m->slot[i].tag &&
	       (m->slot[i].tag != t || strcmp(m->kv[m->slot[i].at].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *
rb_strmap_get(const rb_strmap *m, const char *key)
{
	size_t i = strmap_slot(m, key, hash_str(key));

	return m->slot[i].tag ? m->kv[m->slot[i].at].val : NULL;
}

/* Room for n keys in all: grown once, not by doubling. */
void
rb_strmap_reserve(rb_strmap *m, size_t n)
{
	rb_strmap big;
	size_t cap = m->cap, j, i;

	while (cap < n + n / 2 + 2)	/* at most two thirds full */
		cap *= 2;
	if (cap == m->cap)
		return;
	strmap_alloc(&big, cap);
	big.n = m->n;
	memcpy(big.kv, m->kv, m->n * sizeof(*m->kv));
	for (j = 0; j < m->n; j++) {
		uint64_t h = hash_str(m->kv[j].key);

		for (i = h & (cap - 1); big.slot[i].tag; i = (i + 1) & (cap - 1))
			;
		big.slot[i].tag = tag_of(h);
		big.slot[i].at = (uint32_t)j;
	}
	rb_strmap_free(m);
	*m = big;
}

/* Put key → val; returns 0 when key was there (its value replaced). */
static int
strmap_put(rb_strmap *m, const char *key, void *val, int replace)
{
	uint64_t h = hash_str(key);
	size_t i;

	if ((m->n + 1) * 3 > m->cap * 2)
		rb_strmap_reserve(m, m->n * 2 + 1);
	i = strmap_slot(m, key, h);
	if (m->slot[i].tag) {
		if (replace) {
			m->kv[m->slot[i].at].key = key;
			m->kv[m->slot[i].at].val = val;
		}
		return 0;
	}
	if (m->n >= UINT32_MAX)
		rb_fatal_oom();
	m->slot[i].tag = tag_of(h);
	m->slot[i].at = (uint32_t)m->n;
	m->kv[m->n].key = key;
	m->kv[m->n].val = val;
	m->n++;
	return 1;
}

int
rb_strmap_add(rb_strmap *m, const char *key, void *val)
{
	return strmap_put(m, key, val, 0);
}

void
rb_strmap_put(rb_strmap *m, const char *key, void *val)
{
	strmap_put(m, key, val, 1);
}

/* A string set is a map whose values do not matter. */
void
rb_strset_init(rb_strset *s)
{
	rb_strmap_init(s);
}

void
rb_strset_free(rb_strset *s)
{
	rb_strmap_free(s);
}

int
rb_strset_has(const rb_strset *s, const char *key)
{
	return rb_strmap_get(s, key) != NULL;
}

int
rb_strset_add(rb_strset *s, const char *key)
{
	return rb_strmap_add(s, key, (void *)key);
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

const char *
rb_memfind(const char *s, size_t n, const char *lit, size_t m)
{
	const char *p = s, *e = s + n;

	while ((size_t)(e - p) >= m && (p = memchr(p, lit[0], (size_t)(e - p) - m + 1)) != NULL) {
		if (memcmp(p, lit, m) == 0)
			return p;
		p++;
	}
	return NULL;
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
#include <sys/resource.h>
#include <time.h>
void rb_trace(const char *what);
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
