/* Private helpers shared by the modules of librulebook. */
#ifndef RB_INTERNAL_H
#define RB_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <string.h>

#include "rulebook.h"

/* Allocation that cannot fail: out of memory ends the process with a
 * message (there is no sensible way to continue a build). */
void *rb_xmalloc(size_t n);
void *rb_xcalloc(size_t n, size_t m);
void *rb_xrealloc(void *p, size_t n);
char *rb_xstrdup(const char *s);
/* Out of memory: a message and exit status 2. */
void rb_fatal_oom(void) __attribute__((noreturn));
#ifdef RB_TRACE
void rb_trace(const char *what);
#define RB_TRACE_AT(x) rb_trace(x)
#else
#define RB_TRACE_AT(x) ((void)0)
#endif
/* Move everything of from into into (from is freed): what a thread
 * made in an arena of its own joins the document's. */
void rb_arena_adopt(rb_arena *into, rb_arena *from);
/* Memory for a large block: mapped ready for use from 64 kB, in huge
 * pages from 2 MB; rb_pages_free takes the size asked for. */
void *rb_pages(size_t size);
void rb_pages_free(void *p, size_t size);
/* rb_pages, all bytes zero. */
void *rb_pages_zero(size_t size);
/* Move a block of size bytes into one of more bytes. */
void *rb_pages_grow(void *p, size_t size, size_t more);
/* Give back the huge blocks kept for reuse but keep (after a phase that
 * gave back many: the parse). */
void rb_pages_trim(size_t keep);
/* Ask for huge pages for the whole 2 MB pages inside a large block from
 * malloc, before it is first written (advice only: nothing changes but
 * the number of page faults). */
void rb_advise_huge(void *p, size_t size);
/* Threads sharing n pieces of work: the next one into *i, 0 when none is
 * left. */
int rb_take_work(pthread_mutex_t *lock, size_t *next, size_t n, size_t *i);

/* The first m-byte lit in s[0, n), or NULL (memmem is not POSIX). */
const char *rb_memfind(const char *s, size_t n, const char *lit, size_t m);

struct rb_range {
	uint32_t lo, hi;
};

/* Can a Chinese numeral (一, 十, 〇, 两, 万 …) start with this code point? */
int rb_cn_is_numeral(uint32_t cp);

/* Parse a decimal integer in [lo, hi]; returns 0 when s is not one. */
int rb_parse_int(const char *s, int lo, int hi, int *out);

/* Is s a valid explicit id (letter or _, then letters, digits, - _ .)? */
int rb_valid_id(const char *s);

/* Bytes of label-separator whitespace at s: space, tab, U+3000, U+2002,
 * U+2003, U+00A0. */
size_t rb_space_len(const char *s, size_t n);
/* An upper-case roman numeral at s (Part IV): its length, 0 when none
 * (a lone C, D, L or M is a letter: Part C). */
size_t rb_roman_upper(const char *s, size_t n, int *value);

/* Does s start with the string lit?  Returns its length or 0.  (Inline:
 * the scanners call it at every position; most calls fail on the first
 * byte.) */
static inline size_t
rb_prefix(const char *s, size_t n, const char *lit)
{
	size_t m;

	if (!n || *s != *lit)
		return 0;
	m = strlen(lit);
	return m <= n && memcmp(s, lit, m) == 0 ? m : 0;
}

/* Appends in line, for the emitters' hot paths: the room is there almost
 * always; rb_buf_put grows the buffer when it is not. */
static inline void
rb_buf_add(rb_buf *b, const void *p, size_t n)
{
	if (n && b->cap - b->len > n) {	/* n == 0: p may be NULL */
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		rb_buf_put(b, p, n);
}

static inline void
rb_buf_adds(rb_buf *b, const char *s)
{
	rb_buf_add(b, s, strlen(s));
}

static inline void
rb_buf_addc(rb_buf *b, char c)
{
	if (b->cap - b->len > 1) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else
		rb_buf_put(b, &c, 1);
}

/* n spaces, a block at a time. */
static inline void
rb_buf_spaces(rb_buf *b, size_t n)
{
	static const char sp[] = "                                ";

	for (; n > sizeof(sp) - 1; n -= sizeof(sp) - 1)
		rb_buf_add(b, sp, sizeof(sp) - 1);
	rb_buf_add(b, sp, n);
}

/* The first i' >= i at which s[i', i' + 8) are not all bytes of 0x80 and
 * above (n the length): no ASCII, so no markup, escape or delimiter, in
 * a run of Chinese text, which is passed over eight bytes at a time. */
static inline size_t
rb_skip_high(const char *s, size_t i, size_t n)
{
	uint64_t v;

	while (i + 8 <= n) {
		memcpy(&v, s + i, 8);
		if ((v & 0x8080808080808080ULL) != 0x8080808080808080ULL)
			break;
		i += 8;
	}
	return i;
}

/* rb_utf8_decode with ASCII and the three-byte sequences (all of CJK)
 * decoded in line; anything else goes to the full decoder. */
static inline size_t
rb_utf8_next(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)str;

	if (n && u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (n >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		uint32_t c = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
			     (u[2] & 0x3F);

		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*cp = c;
			return 3;
		}
	}
	return rb_utf8_decode(str, n, cp);
}

/* v in decimal into s, without a terminator and without printf; its length. */
size_t rb_itoa(char s[24], long v);

/* Levenshtein distance, capped at max+1. */
size_t rb_edit_distance(const char *a, const char *b, size_t max);

/* cp as UTF-8 into s; its length. */
size_t rb_utf8_encode(uint32_t cp, char s[4]);

/* The last code point of s[0..n), 0 when empty. */
uint32_t rb_utf8_last(const char *s, size_t n);

/* Is cp a CJK ideograph or a full-width form (no space when joining)? */
int rb_cp_is_cjk(uint32_t cp);

/* Resolves an explicit [](#id) link to the text it shows, or NULL. */
typedef const char *(*rb_link_fn)(void *ctx, const char *id);

/* Render inline/block Markdown to plain text (for the text emitter).
 * Links to #id show what resolve returns (the target's current label). */
void rb_md_plain(const char *md, rb_buf *out, rb_link_fn resolve, void *ctx);
/* Is md one line of text that Markdown leaves as it is (no inline
 * syntax, escapes, entities or block markers)?  Emitters skip cmark then. */
int rb_md_is_plain(const char *md);

/* Diagnostics file name interning (pointer stays valid with the list). */
const char *rb_diags_intern(rb_diags *d, const char *file);

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

/* The nodes of a document, or of a book and its documents. */
size_t rb_document_nodes(const rb_document *doc);
/* Index every node of a document (or book) by id. */
void rb_index_ids(const rb_document *doc, rb_strmap *m);
const rb_node *rb_lookup_id(const rb_document *doc, rb_strmap *m, const char *id);
/* The label a reference to n shows: 第十条, （三）, 1.2, 一 (from 一、). */
const char *rb_ref_label(const rb_node *n, char *buf, size_t size);

#endif
