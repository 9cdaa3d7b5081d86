/* Small helpers every module may use (util.c). */
#ifndef RB_UTIL_H
#define RB_UTIL_H

#include <stddef.h>

/* v in decimal into s, without a terminator and without printf; its length. */
size_t rb_itoa(char s[24], long v);

/* Levenshtein distance, capped at max+1. */
size_t rb_edit_distance(const char *a, const char *b, size_t max);

/* Parse a decimal integer in [lo, hi]; returns 0 when s is not one. */
int rb_parse_int(const char *s, int lo, int hi, int *out);

/* Is s a valid explicit id (letter or _, then letters, digits, - _ .)? */
int rb_valid_id(const char *s);

/* Trace points: with RB_TRACE defined, the time and page faults since
 * the last one, on stderr. */
#ifdef RB_TRACE
void rb_trace(const char *what);
#define RB_TRACE_AT(x) rb_trace(x)
#else
#define RB_TRACE_AT(x) ((void)0)
#endif

#endif
