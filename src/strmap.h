/* A map from strings to pointers, and a set of strings (strmap.c). */
#ifndef RB_STRMAP_H
#define RB_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* A map from strings to pointers (keys not owned). */
typedef struct rb_strmap {
	struct rb_strmap_slot {
		uint32_t tag;	/* 0 when empty, else bits of the key's hash */
		uint32_t at;	/* its key in kv */
	} *slot;
	struct rb_strmap_kv {
		const char *key;
		void *val;
	} *kv;			/* in the order they came */
	size_t cap, n;
} rb_strmap;

void rb_strmap_init(rb_strmap *m);
void rb_strmap_free(rb_strmap *m);
void *rb_strmap_get(const rb_strmap *m, const char *key);
void rb_strmap_put(rb_strmap *m, const char *key, void *val);
/* Put key → val unless key is there; returns 0 when it was. */
int rb_strmap_add(rb_strmap *m, const char *key, void *val);
/* Make room for n keys in all at once. */
void rb_strmap_reserve(rb_strmap *m, size_t n);

/* A set of strings is a map used for its keys. */
typedef rb_strmap rb_strset;
void rb_strset_init(rb_strset *s);
void rb_strset_free(rb_strset *s);
int rb_strset_has(const rb_strset *s, const char *key);
/* Returns 0 when the key was already present. */
int rb_strset_add(rb_strset *s, const char *key);

#endif
