/* Private helpers shared by the modules of librulebook. */
#ifndef RB_INTERNAL_H
#define RB_INTERNAL_H

#include <stddef.h>

#include "rulebook.h"

/* Allocation that cannot fail: out of memory ends the process with a
 * message (there is no sensible way to continue a build). */
void *rb_xmalloc(size_t n);
void *rb_xcalloc(size_t n, size_t m);
void *rb_xrealloc(void *p, size_t n);
char *rb_xstrdup(const char *s);

struct rb_range {
	uint32_t lo, hi;
};

/* Does s start with the string lit?  Returns its length or 0. */
size_t rb_prefix(const char *s, size_t n, const char *lit);

/* Levenshtein distance, capped at max+1. */
size_t rb_edit_distance(const char *a, const char *b, size_t max);

/* Is cp a CJK ideograph or a full-width form (no space when joining)? */
int rb_cp_is_cjk(uint32_t cp);

/* Append s as a JSON string literal (with quotes). */
void rb_json_escape(rb_buf *b, const char *s);

/* Render inline/block Markdown to plain text (for the text emitter). */
void rb_md_plain(const char *md, rb_buf *out);

/* Diagnostics file name interning (pointer stays valid with the list). */
const char *rb_diags_intern(rb_diags *d, const char *file);

#endif
