/* A map from strings to pointers, and a set of strings (strmap.h). */
#include <stdint.h>
#include <string.h>

#include "mem/mem.h"
#include "strmap.h"

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

