/* Allocation and small string helpers. */
#define _DEFAULT_SOURCE	/* madvise */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <pthread.h>

#include "rulebook.h"
#include "internal.h"

void
rb_fatal_oom(void)
{
	fputs("rulebook: out of memory\n", stderr);
	exit(2);
}

/* Blocks from 4 MB on (a large file, the id table of a large document)
 * are given huge pages where the kernel has them on request: a page
 * fault per 2 MB instead of per 4 kB, which was a third of the time of a
 * check of a 50 MB law. */
#define BIG ((size_t)4 << 20)

void *
rb_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		rb_fatal_oom();
	if (n >= BIG)
		rb_advise_huge(p, n);
	return p;
}

void *
rb_xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	if (!p)
		rb_fatal_oom();
	if (m && n >= BIG / m)
		rb_advise_huge(p, n * m);
	return p;
}

void *
rb_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		rb_fatal_oom();
	if (n >= BIG)
		rb_advise_huge(p, n);
	return p;
}

char *
rb_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = rb_xmalloc(n);

	memcpy(p, s, n);
	return p;
}

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
		rb_pages_free(m->slot, strmap_bytes(m->cap));
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

/* Memory for large blocks (arenas, tables, buffers), in whole pages
 * mapped before use.  A page fault is dear (in a virtual machine, some
 * microseconds each): blocks from 64 kB are mapped with their pages
 * filled in by one call, and from 2 MB in huge pages where the kernel
 * gives them (the whole 2 MB pages of the block; the rest in small ones,
 * so no block takes more memory than its size rounded to 4 kB).  Smaller
 * blocks come from malloc. */
#define HUGE_PAGE ((size_t)2 << 20)
#define SMALL_PAGE ((size_t)4096)
#define PAGES_FROM ((size_t)64 << 10)

static size_t
pages_size(size_t size)
{
	return (size + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
}

/* Blocks under 2 MB given back are kept for the next that asks for the
 * same size: a build of many documents maps its arenas' blocks once, not
 * once per document (each mapping filled in, each unmapping a flush of
 * every thread's TLB: dear in a virtual machine).  At most KEEP_BLOCKS,
 * KEEP_BYTES together. */
#define KEEP_BLOCKS 64
#define KEEP_BYTES ((size_t)16 << 20)

static struct {
	pthread_mutex_t lock;
	void *p[KEEP_BLOCKS];
	size_t size[KEEP_BLOCKS];
	size_t n, bytes;
} kept = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void *
take_kept(size_t size)
{
	void *p = NULL;
	size_t i;

	pthread_mutex_lock(&kept.lock);
	for (i = kept.n; i-- > 0;)
		if (kept.size[i] == size) {
			p = kept.p[i];
			kept.p[i] = kept.p[--kept.n];
			kept.size[i] = kept.size[kept.n];
			kept.bytes -= size;
			break;
		}
	pthread_mutex_unlock(&kept.lock);
	return p;
}

static int
keep(void *p, size_t size)
{
	int kept_it = 0;

	pthread_mutex_lock(&kept.lock);
	if (kept.n < KEEP_BLOCKS && kept.bytes + size <= KEEP_BYTES) {
		kept.p[kept.n] = p;
		kept.size[kept.n++] = size;
		kept.bytes += size;
		kept_it = 1;
	}
	pthread_mutex_unlock(&kept.lock);
	return kept_it;
}

/* Blocks of one huge page given back are kept too, and a block from 1 MB
 * to 2 MB is taken from them while there are: cmark's chunks of the
 * pieces read become the tree's arena blocks, then the largest tables of
 * the checks, where each was memory never touched before (in a virtual
 * machine whose host has taken back the guest's free memory, a first
 * touch costs up to 2 ms a megabyte: 43 MB of fresh pages for the
 * 10,000-article law's HTML and DocBook, now 31).  At most KEEP_HUGE,
 * trimmed after the parse (rb_pages_trim: kept, they would add to the
 * peak of what comes after); a larger block is mapped after giving them
 * back. */
#define KEEP_HUGE 8
#define LEND_FROM (HUGE_PAGE / 2)

static struct {
	void *p[KEEP_HUGE];
	size_t n;
	void *lent[KEEP_HUGE * 4];	/* kept blocks given out for less */
	size_t nlent;
} huge = {{NULL}, 0, {NULL}, 0};

/* A kept huge block for a block of size (2 MB, or lent for 1 MB to 2 MB),
 * or NULL. */
static void *
take_huge(size_t size)
{
	void *p = NULL;

	pthread_mutex_lock(&kept.lock);
	if (huge.n && (size == HUGE_PAGE || (size >= LEND_FROM && huge.nlent < KEEP_HUGE * 4))) {
		p = huge.p[--huge.n];
		if (size != HUGE_PAGE)
			huge.lent[huge.nlent++] = p;
	}
	pthread_mutex_unlock(&kept.lock);
	return p;
}

/* A block given back: a huge block or one lent is kept (or, lent when
 * there are enough, unmapped whole): 1; any other, 0. */
static int
keep_huge(void *p, size_t size)
{
	size_t i;
	int lent = 0;

	pthread_mutex_lock(&kept.lock);
	if (size != HUGE_PAGE)
		for (i = huge.nlent; i-- > 0;)
			if (huge.lent[i] == p) {
				huge.lent[i] = huge.lent[--huge.nlent];
				lent = 1;
				break;
			}
	if ((lent || (size == HUGE_PAGE && ((uintptr_t)p & (HUGE_PAGE - 1)) == 0)) &&
	    huge.n < KEEP_HUGE) {
		huge.p[huge.n++] = p;
		p = NULL;
	}
	pthread_mutex_unlock(&kept.lock);
	if (p && lent)
		munmap(p, HUGE_PAGE);	/* lent, not kept: the whole block goes */
	return p == NULL || lent;
}

void
rb_pages_trim(size_t keep_n)
{
	void *p[KEEP_HUGE];
	size_t n = 0, i;

	pthread_mutex_lock(&kept.lock);
	while (huge.n > keep_n)
		p[n++] = huge.p[--huge.n];
	pthread_mutex_unlock(&kept.lock);
	for (i = 0; i < n; i++)
		munmap(p[i], HUGE_PAGE);
}

/* rb_pages; *fresh says whether the pages are new (zero). */
static void *
pages(size_t size, int *fresh)
{
	char *p, *q;
	size_t span;

	*fresh = 1;
	if (size < PAGES_FROM)
		return rb_xmalloc(size);
	if (size > SIZE_MAX / 2)
		rb_fatal_oom();
	size = pages_size(size);
	if (size <= HUGE_PAGE && (p = take_huge(size)) != NULL) {
		*fresh = 0;
		return p;
	}
	if (size > HUGE_PAGE)
		rb_pages_trim(0);	/* before a block larger than they are */
	if (size < HUGE_PAGE) {
		if ((p = take_kept(size)) != NULL) {
			*fresh = 0;
			return p;
		}
#ifdef MAP_POPULATE
		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
#else
		p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
		if (p == MAP_FAILED)
			rb_fatal_oom();
		return p;
	}
	/* aligned to 2 MB, the rest given back */
	span = size + HUGE_PAGE;
	p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		rb_fatal_oom();
	q = (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (q > p)
		munmap(p, (size_t)(q - p));
	if (q + size < p + span)
		munmap(q + size, (size_t)(p + span - (q + size)));
	rb_advise_huge(q, size);
#ifdef MADV_POPULATE_WRITE
	madvise(q, size, MADV_POPULATE_WRITE);	/* advice: a kernel without it faults */
#endif
	return q;
}

void *
rb_pages(size_t size)
{
	int fresh;

	return pages(size, &fresh);
}

void *
rb_pages_zero(size_t size)
{
	int fresh;
	void *p = pages(size, &fresh);

	if (size < PAGES_FROM || !fresh)	/* new mapped pages come zeroed */
		memset(p, 0, size);
	return p;
}

void *
rb_pages_grow(void *p, size_t size, size_t more)
{
	void *q = rb_pages(more);

	if (size)
		memcpy(q, p, size < more ? size : more);
	rb_pages_free(p, size);
	return q;
}

void
rb_advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
	uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t e = ((uintptr_t)p + size) & ~(uintptr_t)(HUGE_PAGE - 1);

	if (e > a)
		madvise((void *)a, (size_t)(e - a), MADV_HUGEPAGE);
#else
	(void)p;
	(void)size;
#endif
}

void
rb_pages_free(void *p, size_t size)
{
	if (size < PAGES_FROM)
		free(p);
	else if (p && !keep_huge(p, pages_size(size)) &&
		 (pages_size(size) >= HUGE_PAGE || !keep(p, pages_size(size))))
		munmap(p, pages_size(size));
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
